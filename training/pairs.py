"""Synthetic training pairs for the pair judge, from news stories that carry no labels.

    agree      two outlets' statements that crosscheck aligns and finds no conflict in
    diverge    the same real pair with one value of one side changed in place to a
               plausible other value of its kind (a number, a percentage, a date, a name
               from the same article, a negation, an antonym, a done deal made a plan),
               so the wording still differs between outlets; a few against their own copy
    unrelated  statements of one story, from two outlets, that share a kind of value but
               are not aligned: the look-alikes

Only stories without labels are read: the BASIL dev events that have no file in
../shared/eval/dev/news/, and the 46-source cluster. Everything is seeded.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from importlib import resources
from itertools import combinations
from pathlib import Path

from crosscheck import Checker
from crosscheck.embed.cache import CachedEmbedder
from crosscheck.judge import Judge
from crosscheck.facts import extract_facts, stem_words
from crosscheck.lang import lexicon
from crosscheck.read import read_article

SHARED = Path(__file__).resolve().parents[2] / "shared"
BASIL = SHARED / "eval" / "dev" / "articles" / "basil"
CLUSTER = SHARED / "eval" / "dev" / "articles" / "inflation-2022-04"
LABELLED = SHARED / "eval" / "dev" / "news"

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()
FUNCTION = lexicon("en").function_words
AUX = {"is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "should", "did", "does", "do"}
CONTRACTED = {"didn't": "did", "doesn't": "does", "don't": "do", "isn't": "is", "wasn't": "was", "aren't": "are",
              "weren't": "were", "hasn't": "has", "haven't": "have", "won't": "will", "can't": "can", "wouldn't": "would"}
# A done deal made a plan, and back: "voted" against "was expected to vote".
STATUS = {"voted": "vote", "approved": "approve", "passed": "pass", "signed": "sign", "announced": "announce",
          "rejected": "reject", "confirmed": "confirm", "agreed": "agree", "decided": "decide", "accepted": "accept",
          "released": "release", "filed": "file", "launched": "launch", "resigned": "resign", "won": "win"}
PLANS = ("was expected to", "planned to", "was set to", "was poised to")
HARVEST_THRESHOLD = 0.55  # a little under crosscheck's 0.6: more real pairs, the judge learns the margin
STORY_SIMILARITY = 0.65  # aligned pairs this close report one fact (most lower ones only share a topic)
CLUSTER_SIMILARITY = 0.75  # the 46-source cluster is one loose topic: only its closest pairs report one fact
PER_KIND = 600  # at most this many diverge pairs of each kind of change
LOOK_ALIKES = 1.5  # at most this many look-alikes per real agreement of a story


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    label: str  # agree, diverge, unrelated
    kind: str  # what made it: real, number, date, name, negation, antonym, status, copy, look-alike, nli
    story: str
    origin: str = ""  # the real statement pair it was made from (the split between training and held back)


def unlabelled_stories() -> list[tuple[str, list]]:
    """(story name, its articles) of every story without labels, in name order."""
    labelled = {p.stem for p in LABELLED.glob("*.json")}
    stories = []
    for folder in sorted(p for p in BASIL.iterdir() if p.is_dir() and p.name not in labelled):
        stories.append((folder.name, [read_article(f, source_id=f.stem) for f in sorted(folder.glob("*.txt"))]))
    stories.append((CLUSTER.name, [read_article(f, source_id=f.stem) for f in sorted(CLUSTER.glob("*.txt"))]))
    return stories


def real_pairs(checker: Checker, name: str, articles: list, rng: random.Random, story_similarity: float):
    """Aligned agreements (each member pair of a group) and unaligned look-alikes of a
    story, over every pair of its sources."""
    source_pairs = list(combinations(range(len(articles)), 2))
    agree, unrelated, names = [], [], {}
    for i, j in source_pairs:
        report = checker.compare([articles[i], articles[j]]).to_dict()
        text = {s["id"]: s["text"] for s in report["statements"] if not s["set_aside"]}
        source = {s["id"]: s["source"] for s in report["statements"]}
        matched = set()
        for f in report["findings"]:
            if f["kind"] in ("agree", "diverge"):
                matched.update(f["statements"])
            if f["kind"] == "agree" and f["similarity"] >= (story_similarity if len(articles) <= 3 else CLUSTER_SIMILARITY):
                ids = f["statements"]
                agree += [(text[x], text[y], source[x], source[y]) for x in ids for y in ids
                          if source[x] == articles[i].id and source[y] == articles[j].id]
        for sid, t in text.items():
            names.setdefault(source[sid], set()).update(x.text for x in extract_facts(t).of("name"))
        lone = [sid for sid in text if sid not in matched]
        left = [s for s in lone if source[s] == articles[i].id]
        right = [s for s in lone if source[s] == articles[j].id]
        for a in left:
            kinds_a = _value_kinds(text[a])
            partners = [b for b in right if kinds_a & _value_kinds(text[b])]
            if partners:
                unrelated.append((text[a], text[rng.choice(partners)]))
    return agree, unrelated, names


def _value_kinds(text: str) -> set[str]:
    return {f"{f.kind}:{f.slot}" for f in extract_facts(text).facts if f.kind in ("number", "percent", "date")}


def perturb(text: str, other: str, names: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """`text` with one thing the two statements share changed: one edit of each kind of
    change that applies, as (text, kind)."""
    edits = [e for e in (_value_edits(text, other, names, rng) + _word_edits(text, other, rng)) if e[0] != text]
    return [rng.choice([e for e in edits if e[1] == kind]) for kind in sorted({k for _, k in edits})]


def _value_edits(text: str, other: str, names: list[str], rng: random.Random) -> list[tuple[str, str]]:
    mine, theirs = extract_facts(text), extract_facts(other)
    shared = {(f.kind, f.key) for f in theirs.facts}
    out = []
    for fact in mine.facts:
        if (fact.kind, fact.key) not in shared or fact.start < 0:
            continue
        new = None
        if fact.kind in ("number", "percent"):
            new = _other_number(fact.text, rng)
        elif fact.kind == "date":
            new = _other_date(fact.text, rng)
        elif fact.kind == "name":
            pool = [n for n in names if n.lower() != fact.text.lower() and len(n.split()) == len(fact.text.split())
                    and n.lower() not in text.lower() and n.lower() not in other.lower()]
            new = rng.choice(sorted(pool)) if pool else None
        if new and new != fact.text:
            start = text.find(fact.text, max(0, fact.start - 5))
            if start >= 0:
                out.append((text[:start] + new + text[start + len(fact.text):], fact.kind))
    return out


def _other_number(surface: str, rng: random.Random) -> str | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", surface)
    if not m:
        words = [w for w in NUMBER_WORDS if re.search(rf"\b{w}\b", surface, re.I)]
        if not words:
            return None
        return re.sub(rf"\b{words[0]}\b", rng.choice([w for w in NUMBER_WORDS if w != words[0]]), surface, flags=re.I)
    raw = m.group(0)
    value = float(raw.replace(",", ""))
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    if value < 20 and decimals == 0:
        new = value + rng.choice([-3, -2, -1, 1, 2, 3])
        new = new if new > 0 else value + 4
    else:
        new = value * rng.choice([0.5, 0.6, 0.7, 0.8, 1.25, 1.4, 1.5, 2.0])
    formatted = f"{new:,.{decimals}f}" if "," in raw else f"{new:.{decimals}f}"
    return None if formatted == raw else surface[: m.start()] + formatted + surface[m.end():]


def _other_date(surface: str, rng: random.Random) -> str | None:
    for table in (WEEKDAYS, MONTHS):
        for word in table:
            if word in surface:
                return surface.replace(word, rng.choice([w for w in table if w != word]), 1)
    m = re.search(r"\b(19|20)\d\d\b", surface)
    if m:
        return surface[: m.start()] + str(int(m.group(0)) + rng.choice([-3, -2, -1, 1, 2, 3])) + surface[m.end():]
    return None


def _word_edits(text: str, other: str, rng: random.Random) -> list[tuple[str, str]]:
    """Negation, antonym and status edits of a word whose stem the other statement shares."""
    tokens = re.findall(r"\S+|\s+", text)
    other_stems = set(stem_words(re.findall(r"[a-z']+", other.lower())))
    table = antonym_words()
    out = []
    words = [(k, t) for k, t in enumerate(tokens) if not t.isspace()]
    for n, (k, token) in enumerate(words):
        bare = re.sub(r"[^\w'’]", "", token).lower()
        following = re.sub(r"[^\w]", "", words[n + 1][1]).lower() if n + 1 < len(words) else ""
        previous = re.sub(r"[^\w]", "", words[n - 1][1]).lower() if n else ""
        if following in FUNCTION or not following.isalpha():
            following = ""
        if bare in AUX and n and following and stem_words([following])[0] in other_stems and following != "not":
            out.append((_replace(tokens, k, token + " not"), "negation"))
        if bare.replace("’", "'") in CONTRACTED and following and stem_words([following])[0] in other_stems:
            out.append((_replace(tokens, k, token.replace(bare, CONTRACTED[bare.replace("’", "'")])), "negation"))
        if bare == "not" and following and stem_words([following])[0] in other_stems:
            out.append((_replace(tokens, k, ""), "negation"))
        stem = stem_words([bare])[0]
        if bare in table and stem in other_stems:
            out.append((_replace(tokens, k, token.replace(bare, table[bare])), "antonym"))
        subject = n and (words[n - 1][1][:1].isupper() or previous in ("who", "which", "and"))
        if bare in STATUS and stem in other_stems and subject:
            out.append((_replace(tokens, k, f"{rng.choice(PLANS)} {STATUS[bare]}"), "status"))
    return out


def antonym_words() -> dict[str, str]:
    """crosscheck's antonym list as words, both directions (first listed partner wins)."""
    table: dict[str, str] = {}
    for line in resources.files("crosscheck").joinpath("data", "antonyms.txt").read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            a, b = (w.strip().lower() for w in line.split(","))
            table.setdefault(a, b)
            table.setdefault(b, a)
    return table


def _replace(tokens: list[str], k: int, new: str) -> str:
    return re.sub(r"\s+", " ", "".join(tokens[:k] + [new] + tokens[k + 1:])).strip()


def build(seed: int = 13, story_similarity: float = STORY_SIMILARITY) -> list[Pair]:
    """Every synthetic pair, deterministic for a seed."""
    rng = random.Random(seed)
    base = Checker(threshold=HARVEST_THRESHOLD)
    checker = base.with_embedder(CachedEmbedder(base.embedder, None))  # each statement encoded once
    checker.judge = Judge("rules", calibrated=False)  # the rules alone: the judge's calibration comes after
    pairs: list[Pair] = []
    for name, articles in unlabelled_stories():
        agree, unrelated, names = real_pairs(checker, name, articles, rng, story_similarity)
        for a, b, source_a, source_b in agree:
            pool = sorted(names.get(source_a, set()) | names.get(source_b, set()))  # names of these two articles
            origin = min(a, b)[:60]
            pairs.append(Pair(a, b, "agree", "real", name, origin))
            flip = rng.random() < 0.5
            side, other = (b, a) if flip else (a, b)
            for changed, kind in perturb(side, other, pool, rng):
                pairs.append(Pair(other, changed, "diverge", kind, name, origin) if flip
                             else Pair(changed, other, "diverge", kind, name, origin))
            if rng.random() < 0.25:  # a statement against an edited copy, and against itself
                copies = perturb(a, a, pool, rng)
                if copies:
                    changed, kind = rng.choice(copies)
                    pairs.append(Pair(a, changed, "diverge", "copy-" + kind, name, origin))
                    pairs.append(Pair(a, a, "agree", "copy", name, origin))
        rng.shuffle(unrelated)
        pairs += [Pair(a, b, "unrelated", "look-alike", name, min(a, b)[:60])
                  for a, b in unrelated[: int(LOOK_ALIKES * len(agree)) + 1]]
    pairs = list(dict.fromkeys(pairs))
    by_kind: dict[str, list[Pair]] = {}
    for pair in pairs:
        by_kind.setdefault(pair.kind if pair.label == "diverge" else pair.label, []).append(pair)
    keep = set()
    for kind, members in sorted(by_kind.items()):
        keep.update(members if kind in ("agree", "unrelated") or len(members) <= PER_KIND else rng.sample(members, PER_KIND))
    return [p for p in pairs if p in keep]
