"""Build crosscheck/data/synonyms.txt from WordNet 3.0: the words that share a sense,
where each of them is attested in that sense in WordNet's sense-tagged corpus (so "head"
and "chief" share one, "head" and "mind" don't).

    apt-get install wordnet-base wordnet-sense-index   # Debian; WordNet 3.0 licence
    python training/build_synonyms.py [/usr/share/wordnet] > crosscheck/data/synonyms.txt

Never run by CI or set-up: the table is committed with WordNet's notice. Each line is one
sense's words, comma separated; a single-word edit between two words of one line is no
change of fact (`judge.pair.single_edit`). Deterministic: lines and words sorted.
"""

from __future__ import annotations

import sys
from pathlib import Path

MIN_TAGS = 1  # times a word is tagged with the sense in WordNet's corpus
MIN_LETTERS = 3

NOTICE = """# Synonyms: words that share a WordNet 3.0 sense in which each of them is attested in
# WordNet's sense-tagged corpus; one sense a line. Built by training/build_synonyms.py.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. (Full licence: https://wordnet.princeton.edu/license-and-commercial-use)"""


def senses(folder: Path) -> dict[tuple[str, str], set[str]]:
    """(synset offset, part of speech) -> the attested single words of that sense."""
    out: dict[tuple[str, str], set[str]] = {}
    for line in (folder / "index.sense").read_text("utf-8").splitlines():
        key, offset, _, tags = line.split()
        lemma, _, rest = key.partition("%")
        pos = rest.split(":")[0]
        pos = "3" if pos == "5" else pos  # satellite adjectives are adjectives
        if int(tags) >= MIN_TAGS and lemma.isalpha() and len(lemma) >= MIN_LETTERS:
            out.setdefault((offset, pos), set()).add(lemma.lower())
    return out


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    groups = sorted({tuple(sorted(words)) for words in senses(folder).values() if len(words) > 1})
    print(NOTICE)
    for words in groups:
        print(", ".join(words))
    print(f"{len(groups)} senses, {len({w for g in groups for w in g})} words", file=sys.stderr)


if __name__ == "__main__":
    main()
