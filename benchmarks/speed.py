"""Where crosscheck's time goes: the pipeline against the model's bare forward pass,
start-up, and peak memory.

    python benchmarks/speed.py [FOLDER] [--runs 5] [--backend onnx|torch] [--memory FOLDER ...]
                               [--only startup|memory|pipeline|backends ...]

1. Pipeline vs bare encode, in one process, model loaded beforehand (excluded from both):
   `run_batch` over FOLDER with an empty embedding cache, timed per stage, against a bare
   `SentenceTransformer.encode` of the same statements at the same batch size. The headline
   is the ratio of the two medians.
2. Start-up: `crosscheck --help`, and a cold `crosscheck compare` of the seeds split into
   interpreter start, crosscheck's imports, the ML libraries' imports, model load and the
   work itself (each a median over fresh processes; a phase is the difference between
   processes that stop after it and before it).
3. Peak resident memory of a cold `crosscheck batch` over each --memory folder.
4. Backends: torch and onnx encoding the same statements, throughput and cosine.

FOLDER defaults to ../shared/eval/dev/articles/basil. The machine is shared and noisy:
medians of --runs, and ratios, are what to read.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "dev" / "articles"
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))

# Stage -> the functions that make it up, as (module, attribute) pairs. Each is a call made
# straight from the pipeline or batch module, so no two of them nest. "module:Class" names a
# class whose method is timed.
STAGES = {
    "read": [("crosscheck.batch", "read_batch")],
    "clean": [("crosscheck.pipeline", "find_chrome"), ("crosscheck.pipeline", "outlet_names"),
              ("crosscheck.pipeline", "find_off_topic"), ("crosscheck.pipeline", "anchored_statements"),
              ("crosscheck.pipeline", "branded_statements")],
    "segment": [("crosscheck.pipeline", "segment_article")],
    "facts": [("crosscheck.pipeline", "extract_facts"), ("crosscheck.pipeline", "headline_facts"),
              ("crosscheck.judge.findings", "anchor_keys")],
    "align": [("crosscheck.align:StoryIndex", "build"), ("crosscheck.align:StoryIndex", "scores"),
              ("crosscheck.judge.findings", "align_pair"), ("crosscheck.judge.findings", "topicality"),
              ("crosscheck.judge.claims", "cluster_claims"), ("crosscheck.judge.claims", "centrality")],
    "compare": [("crosscheck.judge.findings", "_judge"), ("crosscheck.judge.claims", "judge_claim"),
                ("crosscheck.judge.findings", "novel"), ("crosscheck.judge.findings", "reportable_facts"),
                ("crosscheck.judge.findings", "salience")],
    "render": [("crosscheck.batch", "render"), ("crosscheck.batch", "render_index")],
    "write": [("crosscheck.batch", "write_atomic")],
}


def median(values: list[float]) -> float:
    return statistics.median(values)


class StageClock:
    """Wraps the functions of each stage so that every call adds to its stage's total."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)

    def install(self) -> None:
        import importlib

        for stage, targets in STAGES.items():
            for module_name, attribute in targets:
                module_name, _, class_name = module_name.partition(":")
                owner = importlib.import_module(module_name)
                owner = getattr(owner, class_name) if class_name else owner
                wrapped = self._timed(stage, getattr(owner, attribute))
                if isinstance(owner.__dict__.get(attribute), classmethod):
                    wrapped = classmethod(self._timed(stage, owner.__dict__[attribute].__func__))
                setattr(owner, attribute, wrapped)

    def _timed(self, stage: str, function):
        totals = self.totals

        @functools.wraps(function)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[stage] += time.perf_counter() - start

        return timed


def pipeline_vs_bare(folder: Path, runs: int, backend: str) -> None:
    from crosscheck.batch import run_batch
    from crosscheck.embed.cache import EmbeddingCache
    from crosscheck.embed import make_embedder
    from crosscheck.pipeline import Checker
    from crosscheck.stories import read_batch

    embedder = make_embedder(None, backend=backend)
    checker = Checker(embedder=embedder)
    prepared = [checker.prepare(story.articles) for story in read_batch(folder).stories if len(story.articles) > 1]
    texts = list(dict.fromkeys(t for p in prepared for t in p.texts))
    started = time.perf_counter()
    embedder.load()
    load = time.perf_counter() - started
    embedder.encode(texts[:64])  # first-call allocations, for both sides alike

    if backend == "torch":  # the same model as a plain sentence-transformers user runs it
        model = embedder.load()

        def bare() -> None:
            model.encode(texts, batch_size=embedder.batch_size, normalize_embeddings=True,
                         show_progress_bar=False, convert_to_numpy=True)
    else:  # the onnxruntime session, fed by the model's tokenizer, is the bare loop
        bare = functools.partial(embedder.encode, texts)

    # Time the embedder itself, so the stages can say how much of "encode" is the model.
    model_time = [0.0]
    inner = embedder.encode

    def timed_inner(batch):
        start = time.perf_counter()
        try:
            return inner(batch)
        finally:
            model_time[0] += time.perf_counter() - start

    embedder.encode = timed_inner
    caches = [f for name, module in sorted(sys.modules.items()) if name.startswith("crosscheck")
              for f in vars(module).values() if callable(getattr(f, "cache_clear", None))]
    clock = StageClock()
    clock.install()
    pipeline_times, bare_times, stage_runs, model_runs = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            order = (("pipeline", "bare") if run % 2 == 0 else ("bare", "pipeline"))
            for side in order:
                if side == "bare":
                    start = time.perf_counter()
                    bare()
                    bare_times.append(time.perf_counter() - start)
                    continue
                clock.totals.clear()
                model_time[0] = 0.0
                for cached in caches:  # every run starts cold: no facts or stems left from the last one
                    cached.cache_clear()
                with EmbeddingCache(Path(tmp) / f"cache{run}") as cache:
                    start = time.perf_counter()
                    result = run_batch(folder, Path(tmp) / f"out{run}", checker=checker, cache=cache)
                    pipeline_times.append(time.perf_counter() - start)
                stage_runs.append(dict(clock.totals))
                model_runs.append(model_time[0])
            print(f"run {run + 1}: pipeline {pipeline_times[-1]:.2f} s, bare encode {bare_times[-1]:.2f} s",
                  file=sys.stderr)
    total, reference = median(pipeline_times), median(bare_times)
    print(f"\n## Pipeline vs bare encode: {folder.name}, backend {backend}")
    print(f"{len(prepared)} stories, {len(texts)} distinct statements encoded, {result.statements} compared; "
          f"model load {load:.2f} s (excluded)")
    print(f"pipeline (cold cache): {total:.2f} s median of {runs}, {len(texts) / total:.0f} statements/s")
    print(f"bare encode:           {reference:.2f} s median of {runs}, {len(texts) / reference:.0f} statements/s")
    print(f"ratio pipeline / bare: {total / reference:.3f}")
    print("\nstage      median s   share")
    stages = {name: median([r.get(name, 0.0) for r in stage_runs]) for name in ["read", "clean", "segment"]}
    encode_model = median(model_runs)
    stages["encode: model"] = encode_model
    stages.update({name: median([r.get(name, 0.0) for r in stage_runs]) for name in STAGES if name not in stages})
    stages["other"] = max(total - sum(stages.values()), 0.0)
    for name, seconds in stages.items():
        print(f"{name:<14}{seconds:7.3f}  {100 * seconds / total:5.1f}%")


def backends(folder: Path, runs: int) -> None:
    """torch against onnx on the same statements: throughput and how close the vectors are."""
    import numpy as np

    from crosscheck.embed import make_embedder
    from crosscheck.pipeline import Checker
    from crosscheck.stories import read_batch

    torch_side, onnx_side = make_embedder(backend="torch"), make_embedder(backend="onnx")
    checker = Checker(embedder=torch_side)
    texts = list(dict.fromkeys(t for story in read_batch(folder).stories if len(story.articles) > 1
                               for t in checker.prepare(story.articles).texts))
    for side in (torch_side, onnx_side):
        side.encode(texts[:64])
    times = {"torch": [], "onnx": []}
    vectors = {}
    for run in range(runs):
        for name, side in (("torch", torch_side), ("onnx", onnx_side))[:: 1 if run % 2 == 0 else -1]:
            start = time.perf_counter()
            vectors[name] = side.encode(texts)
            times[name].append(time.perf_counter() - start)
    cosine = (vectors["torch"] * vectors["onnx"]).sum(axis=1)
    torch_s, onnx_s = median(times["torch"]), median(times["onnx"])
    print(f"\n## Backends: {len(texts)} statements of {folder.name}, medians of {runs} runs")
    print(f"torch: {torch_s:.2f} s, {len(texts) / torch_s:.0f} statements/s")
    print(f"onnx:  {onnx_s:.2f} s, {len(texts) / onnx_s:.0f} statements/s")
    print(f"onnx throughput / torch throughput: {torch_s / onnx_s:.2f}x")
    print(f"cosine onnx vs torch: mean {cosine.mean():.4f}, 1st percentile {np.percentile(cosine, 1):.4f}, "
          f"min {cosine.min():.4f}")


def timed_process(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and median peak resident MiB of a command run `runs` times."""
    walls, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-500:]}")
        process.stderr.close()
    return median(walls), median(peaks)


def startup(runs: int, backend: str) -> None:
    python = sys.executable
    load = (f"from crosscheck.embed import make_embedder; make_embedder(None, backend={backend!r}).load(); "
            "from crosscheck.embed.e5 import E5Embedder; E5Embedder().load()")
    ml_imports = ("import sentence_transformers" if backend == "torch" else "import onnxruntime, tokenizers") + ", sentencepiece"
    steps = [
        ("interpreter start", [python, "-c", "pass"]),
        ("crosscheck imports", [python, "-c", "import crosscheck.cli, crosscheck.pipeline"]),
        ("ML library imports", [python, "-c", f"import crosscheck.cli, crosscheck.pipeline; {ml_imports}"]),
        # both models, one after the other (compare loads them in the background, meanwhile reading)
        ("model load", [python, "-c", f"import crosscheck.cli, crosscheck.pipeline; {ml_imports}; {load}"]),
        ("the work", [python, "-m", "crosscheck", "compare", *SEEDS, "--backend", backend]),
    ]
    print(f"\n## Start-up (medians of {runs} fresh processes, backend {backend})")
    help_time, _ = timed_process([python, "-m", "crosscheck", "--help"], runs)
    script = Path(sys.executable).with_name("crosscheck")
    script_help, _ = timed_process([str(script), "--help"], runs) if script.exists() else (help_time, 0)
    print(f"crosscheck --help: {script_help:.3f} s (python -m crosscheck --help: {help_time:.3f} s)")
    print("cold `crosscheck compare` of the seeds, split:")
    previous = 0.0
    for name, command in steps:
        wall, peak = timed_process(command, runs)
        print(f"  {name:<20}{max(wall - previous, 0.0):6.2f} s   (process up to here: {wall:.2f} s, peak {peak:.0f} MiB)")
        previous = wall


def memory(folders: list[Path], backend: str) -> None:
    print(f"\n## Peak memory: cold `crosscheck batch` (empty embedding cache), one process each, backend {backend}")
    with tempfile.TemporaryDirectory() as tmp:
        for n, folder in enumerate(folders):
            Path(f"{tmp}/cache{n}").mkdir()
            command = [sys.executable, "-m", "crosscheck", "batch", str(folder), "--out", f"{tmp}/out{n}",
                       "--cache-dir", f"{tmp}/cache{n}", "--quiet", "--backend", backend]
            wall, peak = timed_process(command, 1)
            print(f"{folder.name}: {wall:.1f} s, peak resident {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=EVAL / "basil")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--backend", choices=["torch", "onnx"], default="onnx")
    parser.add_argument("--memory", type=Path, nargs="*", default=[EVAL / "inflation-2022-04", EVAL / "basil"])
    parser.add_argument("--only", choices=["pipeline", "startup", "memory", "backends"], action="append")
    args = parser.parse_args()
    only = set(args.only or ["pipeline", "startup", "memory", "backends"])
    print(f"# crosscheck speed, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    # Child processes first: a child forked from a process that holds the model reports
    # that process's size as its own peak.
    if "startup" in only:
        startup(args.runs, args.backend)
    if "memory" in only and args.memory:
        memory(args.memory, args.backend)
    if "pipeline" in only:
        pipeline_vs_bare(args.folder, args.runs, args.backend)
    if "backends" in only:
        backends(args.folder, args.runs)


if __name__ == "__main__":
    main()
