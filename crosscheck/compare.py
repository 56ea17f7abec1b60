"""Stage 7, compare: a matched pair -> agree or diverge with reasons, plus the facts only
one side of the pair carries; and salience for one-sided facts.

Two facts conflict when they are of the same kind, in the same slot (numbers of the same
unit, dates of the same granularity, names in the same place of two near-identical
sentences), and differ. Facts of one side that the other side lacks, with nothing to
conflict with, are one-sided details of the pair.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from functools import lru_cache

from crosscheck.facts import CONFIRMATION, STOP_CAPS, FactSet, antonyms, same_holder, stem_words
from crosscheck.models import Fact, Reason

NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-")
# Weight of one fact of each kind in the salience of a one-sided finding.
SALIENCE_WEIGHTS = {"denial": 0.45, "number": 0.35, "date": 0.3, "quote": 0.25, "name": 0.2, "modality": 0.2,
                    "detail": 0.15, "attribution": 0.1}
MINOR_DATE_SLOTS = {"weekday", "relative"}
NEGATION_CUES = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"})
SAME_WORDING = 0.5  # difflib ratio above which two statements are the same sentence edited
# Two statements this close (word-level ratio) that differ in one spot only: the same
# sentence with one deliberate edit, and that edit is what a reader needs to see.
ONE_EDIT = 0.94
ONE_EDIT_WORDS = 2  # the most words either side may have in that spot
FUNCTION_WORDS = frozenset(STOP_CAPS | {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
                                         "will", "would", "can", "could", "may", "might", "should", "do", "does", "did"})
DETAIL_KINDS = ("number", "date", "name", "denial", "quote", "attribution", "detail")


@dataclass(frozen=True)
class PairJudgement:
    reasons: tuple[Reason, ...]
    only_left: tuple[Fact, ...]
    only_right: tuple[Fact, ...]


def judge_pair(left: FactSet, right: FactSet, left_id: str, right_id: str) -> PairJudgement:
    reasons: list[Reason] = []
    only = {left_id: [], right_id: []}

    def conflict(kind: str, a: str, b: str) -> None:
        reasons.append(Reason(kind, {left_id: a, right_id: b}))

    for kind in ("number", "date"):
        a_only, b_only = _unshared(left.of(kind), right.of(kind))
        pairs, a_rest, b_rest = _pair_by_slot(a_only, b_only, loose=kind == "number")
        for fa, fb in pairs:
            conflict(kind, fa.text, fb.text)
        only[left_id] += a_rest
        only[right_id] += b_rest


    a_names = [f for f in left.of("name") if not _covered(f, right)]
    b_names = [f for f in right.of("name") if not _covered(f, left)]
    for fa, fb in _names_in_same_place(a_names, b_names, left, right):
        conflict("name", fa.text, fb.text)
        a_names.remove(fa)
        b_names.remove(fb)
    only[left_id] += a_names
    only[right_id] += b_names

    if left.negations % 2 != right.negations % 2 and _negation_in_diff(left, right):
        conflict("negation", _negation_label(left), _negation_label(right))

    a_denial, b_denial = left.of("denial"), right.of("denial")
    if bool(a_denial) != bool(b_denial):
        denier, other = (a_denial, right) if a_denial else (b_denial, left)
        if CONFIRMATION.search(" ".join(other.words)):
            conflict("denial", a_denial[0].text if a_denial else "confirmed", b_denial[0].text if b_denial else "confirmed")
        else:
            only[left_id if a_denial else right_id] += denier[:1]

    a_modal, b_modal = left.of("modality"), right.of("modality")
    if a_modal and b_modal and a_modal[0].key != b_modal[0].key:
        conflict("modality", f"{a_modal[0].key} ({a_modal[0].text})", f"{b_modal[0].key} ({b_modal[0].text})")

    a_attr, b_attr = left.of("attribution"), right.of("attribution")
    if a_attr and b_attr and not any(same_holder(x.text, y.text) for x in a_attr for y in b_attr):
        conflict("attribution", a_attr[0].text, b_attr[0].text)
    elif bool(a_attr) != bool(b_attr):
        only[left_id if a_attr else right_id] += (a_attr or b_attr)[:1]

    swap = _antonym_swap(left, right)
    if swap:
        conflict("antonym", *swap)

    if not reasons and not only[left_id] and not only[right_id]:
        edit = _one_edit(left, right)
        if edit and edit[0] and edit[1]:
            conflict("wording", *edit)
        elif edit:
            side, text = (left_id, edit[0]) if edit[0] else (right_id, edit[1])
            only[side].append(Fact("detail", text.lower(), text, "detail"))

    return PairJudgement(tuple(reasons), tuple(only[left_id]), tuple(only[right_id]))


def salience(facts: list[Fact] | tuple[Fact, ...], *, whole_statement: bool, topicality: float = 1.0) -> float:
    """0..1: how much a one-sided finding matters. Facts weigh; colour barely does."""
    keep = 1.0
    per_kind: dict[str, int] = {}
    for fact in facts:
        per_kind[fact.kind] = per_kind.get(fact.kind, 0) + 1
        if per_kind[fact.kind] > 3:
            continue
        weight = SALIENCE_WEIGHTS.get(fact.kind, 0.1)
        if fact.kind == "date" and fact.slot in MINOR_DATE_SLOTS:
            weight = 0.1
        keep *= 1 - weight
    score = 1 - keep
    if whole_statement:
        score = 0.1 + 0.9 * score
        score *= 0.5 + 0.5 * max(0.0, min(1.0, topicality))
    return round(score, 3)


def reportable_facts(facts) -> list[Fact]:
    """The facts worth naming as one-sided: no weekdays or "last year", one fact per text."""
    out, seen = [], set()
    for f in facts:
        if f.kind in DETAIL_KINDS and not (f.kind == "date" and f.slot in MINOR_DATE_SLOTS) and f.text not in seen:
            seen.add(f.text)
            out.append(f)
    return out


@dataclass(frozen=True)
class SourceIndex:
    """What one source mentions anywhere: word stems and fact keys."""

    stems: frozenset[str]
    keys: frozenset[tuple[str, str]]
    has_denial: bool

    @classmethod
    def build(cls, fact_sets: list[FactSet]) -> "SourceIndex":
        stems = frozenset().union(*(f.stems for f in fact_sets)) if fact_sets else frozenset()
        keys = frozenset((f.kind, f.key) for fs in fact_sets for f in fs.facts)
        return cls(stems, keys, any(fs.of("denial") for fs in fact_sets))

    def mentions(self, fact: Fact) -> bool:
        if fact.kind in ("name", "attribution", "detail"):
            return all(t in self.stems for t in stem_words(fact.key.replace("'", " ").split()))
        if fact.kind == "denial":
            return self.has_denial
        if fact.kind == "quote":
            return False
        return (fact.kind, fact.key) in self.keys


def novel(facts, others: list[SourceIndex]) -> list[Fact]:
    """The facts that no other source mentions anywhere in its text."""
    return [f for f in facts if not any(o.mentions(f) for o in others)]


def _unshared(a: list[Fact], b: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    a_keys, b_keys = {f.key for f in a}, {f.key for f in b}
    return [f for f in a if f.key not in b_keys], [f for f in b if f.key not in a_keys]


def _pair_by_slot(a: list[Fact], b: list[Fact], *, loose: bool) -> tuple[list[tuple[Fact, Fact]], list[Fact], list[Fact]]:
    """Pair leftover facts that fill the same slot; `loose` also pairs the only percent or
    money value of each side when units differ in wording only."""
    pairs, b_left = [], list(b)
    a_left = []
    for fa in a:
        match = next((fb for fb in b_left if fb.slot == fa.slot), None)
        if match is None and loose:
            category = fa.slot.split(":")[0]
            same_cat = [fb for fb in b_left if fb.slot.split(":")[0] == category]
            if category in ("percent", "money") and len(same_cat) == 1:
                match = same_cat[0]
        if match is None:
            a_left.append(fa)
        else:
            pairs.append((fa, match))
            b_left.remove(match)
    return pairs, a_left, b_left


def _covered(name: Fact, other: FactSet) -> bool:
    """The other side mentions this name too, perhaps shorter or longer ("Aurora OS")."""
    tokens = stem_words(name.key.split())
    if all(t in other.stems for t in tokens):
        return True
    return any(set(name.key.split()) & set(f.key.split()) for f in other.of("name"))


def _names_in_same_place(a_names: list[Fact], b_names: list[Fact], left: FactSet, right: FactSet):
    """Names that replace each other where the two sentences otherwise line up."""
    if not a_names or not b_names:
        return []
    ratio, opcodes = _diff(left.words, right.words)
    if ratio < SAME_WORDING:
        return []  # different wording: no reliable notion of "the same place"
    pairs = []
    for op, i1, i2, j1, j2 in opcodes:
        if op != "replace" or max(i2 - i1, j2 - j1) > 4:
            continue
        a_seg, b_seg = " ".join(left.words[i1:i2]), " ".join(right.words[j1:j2])
        fa = next((f for f in a_names if _in_segment(f, a_seg) and f not in [p[0] for p in pairs]), None)
        fb = next((f for f in b_names if _in_segment(f, b_seg) and f not in [p[1] for p in pairs]), None)
        if fa and fb:
            pairs.append((fa, fb))
    return pairs


def _in_segment(name: Fact, segment: str) -> bool:
    return any(token in segment.split() for token in name.key.replace("'", " ").split())


def same_wording(left: FactSet, right: FactSet) -> bool:
    """The two statements are one sentence edited (word-level difflib ratio)."""
    return _diff(left.words, right.words)[0] >= SAME_WORDING


def _negation_in_diff(left: FactSet, right: FactSet) -> bool:
    return any(_is_negation(w) for a, b in _edits(left, right) for w in a + b)


def _negation_label(facts: FactSet) -> str:
    cues = [w for w in facts.words if _is_negation(w)]
    return "negated (" + ", ".join(dict.fromkeys(cues)) + ")" if cues else "affirmative"


def _one_edit(left: FactSet, right: FactSet) -> tuple[str, str] | None:
    """What each side has where two near-identical statements differ in one spot of
    content words ("" for the side that has nothing there)."""
    ratio, opcodes = _diff(left.words, right.words)
    edits = [op for op in opcodes if op[0] != "equal"]
    if ratio < ONE_EDIT or len(edits) != 1:
        return None
    _, i1, i2, j1, j2 = edits[0]
    if max(i2 - i1, j2 - j1) > ONE_EDIT_WORDS:
        return None
    if all(w in FUNCTION_WORDS or not w.isalpha() for w in left.words[i1:i2] + right.words[j1:j2]):
        return None
    if set(stem_words(left.words[i1:i2])) == set(stem_words(right.words[j1:j2])):
        return None  # the same words, inflected differently
    return " ".join(left.tokens[i1:i2]), " ".join(right.tokens[j1:j2])


def _antonym_swap(left: FactSet, right: FactSet) -> tuple[str, str] | None:
    """A word replaced by its antonym where the two sentences differ."""
    table = antonyms()
    for a_seg, b_seg in _edits(left, right):
        b_stems = stem_words(b_seg)
        for wa, sa in zip(a_seg, stem_words(a_seg)):
            for wb, sb in zip(b_seg, b_stems):
                if sb in table.get(sa, ()) or _prefix_antonym(wa, wb) or _prefix_antonym(wb, wa):
                    return wa, wb
    return None


@lru_cache(maxsize=4096)
def _diff(a: tuple[str, ...], b: tuple[str, ...]):
    """Word-level difflib ratio and opcodes, computed once per pair of statements."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return matcher.ratio(), tuple(matcher.get_opcodes())


def _edits(left: FactSet, right: FactSet) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    _, opcodes = _diff(left.words, right.words)
    return [(left.words[i1:i2], right.words[j1:j2]) for op, i1, i2, j1, j2 in opcodes if op != "equal"]


def _is_negation(word: str) -> bool:
    return word in NEGATION_CUES or word.endswith(("n't", "n’t"))


def _prefix_antonym(word: str, other: str) -> bool:
    """`other` is `word` with a negative prefix: "likely" / "unlikely"."""
    return len(word) > 3 and other.endswith(word) and other[: len(other) - len(word)] in NEGATIVE_PREFIXES
