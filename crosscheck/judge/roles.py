"""Whether two statements say something about the same thing in the same place: the
shared wording of two edits of one sentence, the words around a value (its role), a
negation and the word it negates, and values that differ but can both be true.

No parser: a value's role is told by the content words around it, and two values of
differently worded statements conflict only when those words overlap.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from crosscheck.facts import KINDS, FactSet, stem_words
from crosscheck.lang import lexicon
from crosscheck.models import Fact

SAME_WORDING = 0.5  # difflib ratio above which two statements are the same sentence edited
CONTEXT = 6  # words on each side of a value that tell its role
HEAD_WINDOW = 4  # a negation governs the first content word within this many words after it
ESTIMATE = 0.1  # "about X" holds for values this close to X; "nearly X" for values this far under it
ROUNDING = 0.05  # a value given to fewer digits is the other rounded only this close to it
CONVERSION = 0.1  # a mass or length in two languages: a translator converts and rounds ("500-pound", "250 кг")
CONVERTED_SLOTS = frozenset({"mass", "length"})
BOUND_DIRECTION = {"at_least": "lower", "at_most": "upper", "nearly": "upper"}


def same_wording(left: FactSet, right: FactSet, at_least: float = SAME_WORDING) -> bool:
    """The two statements are one sentence edited: word-level difflib ratio of at least
    `at_least` (checked against a cheap upper bound first: most pairs share too few words)."""
    return ratio_bound(left.words, right.words) >= at_least and diff(left.words, right.words)[0] >= at_least


@lru_cache(maxsize=4096)
def ratio_bound(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """An upper bound of the difflib ratio: the words the two have in common, in any order."""
    if not a and not b:
        return 1.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


@lru_cache(maxsize=4096)
def diff(a: tuple[str, ...], b: tuple[str, ...]):
    """Word-level difflib ratio and opcodes, computed once per pair of statements."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return matcher.ratio(), tuple(matcher.get_opcodes())


def edits(left: FactSet, right: FactSet) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """What each side has where the two statements differ, spot by spot."""
    _, opcodes = diff(left.words, right.words)
    return [(left.words[i1:i2], right.words[j1:j2]) for op, i1, i2, j1, j2 in opcodes if op != "equal"]


def negated_edit(left: FactSet, right: FactSet, most_words: int = 3) -> bool:
    """Two edits of one sentence where a small edit (at most `most_words` words a side)
    holds a negation cue and is followed by words both share: the cue negates shared words."""
    if not same_wording(left, right):
        return False
    _, opcodes = diff(left.words, right.words)
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal" or max(i2 - i1, j2 - j1) > most_words:
            continue
        cues = [sum(negates(words, k, left.language) for k in range(lo, hi))
                for words, lo, hi in ((left.words, i1, i2), (right.words, j1, j2))]
        followed = n + 1 < len(opcodes) and opcodes[n + 1][0] == "equal"
        if followed and cues[0] != cues[1] and not _other_subjects(left, right, (i1, i2), (j1, j2)):
            return True  # a cue on one side only: both negating is no conflict
    return False


def _other_subjects(left: FactSet, right: FactSet, *spans: tuple[int, int]) -> bool:
    """The two sides name different subjects before the edited spots (each spot's first
    negation cue, or its end)."""
    found = []
    for facts, (lo, hi) in zip((left, right), spans):
        k = next((k for k in range(lo, hi) if negates(facts.words, k, facts.language)), hi)
        found.append(_named_subject(facts, min(k, len(facts.words) - 1)))
    return all(found) and not set(found[0].split()) & set(found[1].split())


def _conditioned(facts: FactSet) -> list[bool]:
    """For each word: it stands in a condition or an open question, after "if", "whether" or
    "unless" in its clause ("if they don't pass it, ..."; "whether he will seek a second term")."""
    conditionals = lexicon(facts.language).conditionals
    out, inside = [], False
    for k, word in enumerate(facts.words):
        inside = inside and k not in facts.breaks  # a clause mark before word k ends a condition
        out.append(inside)
        inside = inside or word in conditionals
    return out


def negates(words: tuple[str, ...], k: int, language: str) -> bool:
    """Word k is a negation cue that negates ("not", the "yet" of "has yet to"; but not the
    "not" of "not only" nor the "nothing" of "nothing less than")."""
    following = words[k + 1] if k + 1 < len(words) else ""
    lex = lexicon(language)
    if (words[k], following) in lex.negating_pairs:
        return k > 0 and words[k - 1] in lex.verb_group  # "has yet to", not the "yet" of "cheap, yet to critics"
    return is_negation(words[k], language) and following not in lex.not_negating and (words[k], following) not in lex.emphatic


def same_role(fa: Fact, fb: Fact, left: FactSet, right: FactSet) -> bool:
    """Two values of one kind and slot fill the same role: the statements are one sentence
    edited, or the content words around the two values overlap (two for weekdays and
    relative dates, which most often mark different moments of a story)."""
    if same_wording(left, right):
        return True
    need = 2 if fa.slot in KINDS[fa.kind].minor_slots else 1
    return len(context(left, fa) & context(right, fb)) >= need


def context(facts: FactSet, fact: Fact) -> set[str]:
    """Stems of the lower-case content words within CONTEXT words of a fact, less the thing
    it counts (its unit: every count of workers has "workers" beside it)."""
    inside = [k for k, offset in enumerate(facts.offsets) if fact.start <= offset < fact.end]
    if not inside:
        return set()
    return window(facts, inside[0], inside[-1]) - {fact.unit}


def window(facts: FactSet, lo: int, hi: int) -> set[str]:
    """Stems of the lower-case content words within CONTEXT words of positions lo..hi
    (those positions, function words, names and negation cues left out)."""
    return content_stems(facts, [k for k in range(max(0, lo - CONTEXT), min(len(facts.words), hi + 1 + CONTEXT))
                                 if not lo <= k <= hi])


def content_stems(facts: FactSet, positions) -> set[str]:
    """Stems of the lower-case content words at these word positions."""
    function_words = lexicon(facts.language).function_words
    words = [facts.words[k] for k in positions
             if facts.words[k].isalpha() and len(facts.words[k]) > 2 and facts.words[k] not in function_words
             and facts.tokens[k][:1].islower() and not is_negation(facts.words[k], facts.language)]
    return set(stem_words(words, facts.language))


def compatible(fa: Fact, fb: Fact, left: FactSet, right: FactSet) -> bool:
    """Two different amounts that can both be true: one rounds the other, or one is a
    bound or an estimate ("more than $1 million", "about 40%", "nearly 100") that the other
    fits. "12" and "10" are not the same fact: rounding is only a few percent. Two bounds
    the same way ("at least 12 dead", "at least 15 dead"; "as many as 1.5 million", "up to
    1.6 million") give two figures for one count: they differ."""
    a, b = magnitude(fa), magnitude(fb)
    if a is None or b is None:
        return False
    if fa.slot in CONVERTED_SLOTS and left.language != right.language:  # a translator's conversion, rounded
        return abs(a - b) <= CONVERSION * max(abs(a), abs(b))
    close = abs(a - b) <= ROUNDING * max(abs(a), abs(b))
    rounded = close and (_rounds_to(a, b) or _rounds_to(b, a))
    qualifiers = (_qualifier(left, fa), _qualifier(right, fb))
    same_way = [BOUND_DIRECTION.get(q) for q in qualifiers]
    if same_way[0] and same_way[0] == same_way[1]:
        return rounded
    for qualifier, x, y in ((qualifiers[0], a, b), (qualifiers[1], b, a)):
        if qualifier == "at_least" and y >= x or qualifier == "at_most" and y <= x:
            return True
        if qualifier == "about" and abs(y - x) <= ESTIMATE * max(abs(x), abs(y)):
            return True
        if qualifier == "nearly" and x * (1 - ESTIMATE) <= y <= x:
            return True
    return rounded


def _rounds_to(precise: float, rounded: float) -> bool:
    """`rounded` is `precise` given to fewer significant digits ($716 billion, $700 billion)."""
    digits = _significant_digits(rounded)
    if precise == 0 or rounded == 0 or digits >= _significant_digits(precise):
        return False
    return float(f"{precise:.{digits}g}") == rounded


def magnitude(fact: Fact) -> float | None:
    if fact.kind not in ("number", "percent"):
        return None
    try:
        return float(fact.key.split()[-1].rstrip("%")) if fact.kind == "number" else float(fact.key.split()[0].rstrip("%"))
    except ValueError:
        return None


def _significant_digits(value: float) -> int:
    return len(f"{abs(value):.12g}".replace(".", "").lstrip("0").rstrip("0")) or 1


def _qualifier(facts: FactSet, fact: Fact) -> str | None:
    """The bound or estimate word(s) just before a value, if any."""
    first = next((k for k, offset in enumerate(facts.offsets) if offset >= fact.start), None)
    if first is None:
        return None
    before = " ".join(facts.words[max(0, first - 3) : first])
    qualifiers = lexicon(facts.language).qualifiers
    found = [phrase for phrase in qualifiers if before == phrase or before.endswith(" " + phrase)]
    return qualifiers[max(found, key=len)] if found else None


def planned_and_done(plans: FactSet, done: FactSet) -> tuple[str, str] | None:
    """("expected to vote", "voted") when `plans` announces an act that `done` reports done,
    the words around both in common; else None."""
    lex = lexicon(plans.language)
    text = " ".join(plans.tokens)
    for m in lex.plan.finditer(text):
        verb = m.group("verb").lower()
        if verb in lex.function_words:
            continue
        target = stem_words([verb], plans.language)[0]
        for k, word in enumerate(done.words):
            before = done.words[k - 1] if k else ""
            if (word != verb and word.endswith(lex.past_suffix) and stem_words([word], done.language)[0] == target
                    and before not in lex.not_done):
                head = next((i for i, t in enumerate(plans.words) if t == verb), None)
                if head is not None and (window(plans, head, head) - {target}) & (window(done, k, k) - {target}):
                    return m.group(0), done.tokens[k]
    return None


@dataclass(frozen=True)
class Polarity:
    """What a statement negates and what it asserts, as stems of content words."""

    negated: dict[str, str]  # head stem -> the cue and the head as written ("not simple")
    asserted: dict[str, str]  # stem -> the word as written
    heads: dict[str, int]  # head stem -> its word position
    positions: dict[str, int]  # asserted stem -> its first word position
    clauses: dict[str, int] = field(default_factory=dict)  # negated subject's head stem -> where its clause ends


@lru_cache(maxsize=8192)
def polarity(facts: FactSet) -> Polarity:
    """Each verbal negation ("not", "never", "-n't") governs the first content word after
    it, within HEAD_WINDOW words, skipping function words and -ly adverbs; a determiner or
    a name on the way means it negates a noun phrase, which is left alone; "not only" negates
    nothing, and a negation in a condition ("if they don't pass it") claims nothing. Every
    other lower-case content word is asserted, except after "whether" or "if" and after a
    negation in its clause ("doesn't want to make", "has not had the chance to approve").
    Positions are kept for `same_polarity_role`."""
    lex = lexicon(facts.language)
    words, stems = facts.words, stem_words(facts.words, facts.language)
    negated, heads, unasserted, clauses = {}, {}, set(), {}
    conditioned = _conditioned(facts)
    for k, word in enumerate(words):
        if not negates(words, k, facts.language):
            continue
        head = _negated_subject(facts, k)
        if head is not None:  # "No formal charges have been filed": no charges, and nothing filed
            if not conditioned[k]:
                negated.setdefault(stems[head], " ".join(facts.tokens[k:head + 1]))
            heads[stems[head]] = head
            end = next((m for m in range(head + 1, len(words)) if m in facts.breaks or words[m] in lex.clause_starts),
                       len(words))
            unasserted.update(range(k + 1, end))
            clauses[stems[head]] = end
            continue
        verbal = word in lex.verbal_negations or word.endswith(lex.negative_suffixes) or (
            k + 1 < len(words) and (word, words[k + 1]) in lex.negating_pairs)
        if not verbal:
            continue
        # what follows a verbal negation in its clause is not asserted ("has not had the chance
        # to approve it"); a clause ends at a mark or a word that starts another ("and", "when")
        end = next((m for m in range(k + 1, len(words)) if m in facts.breaks or words[m] in lex.clause_starts), len(words))
        unasserted.update(range(k + 1, end))
        for h in range(k + 1, min(len(words), k + 1 + HEAD_WINDOW)):
            candidate, token = words[h], facts.tokens[h]
            if is_negation(candidate, facts.language) or candidate in lex.determiners or not token[:1].islower():
                break
            if candidate.isalpha() and candidate not in lex.function_words and not candidate.endswith(lex.adverb_suffix):
                if not conditioned[k]:  # "if they don't pass it" claims nothing
                    cue = facts.tokens[k:k + 2] if (word, words[k + 1]) in lex.negating_pairs else facts.tokens[k:k + 1]
                    negated.setdefault(stems[h], " ".join(cue + (token,)))  # "not simple", "yet to revise"
                heads[stems[h]] = h
                break
    positions = {}
    for k, word in enumerate(words):
        if k not in heads.values() and k not in unasserted and word.isalpha() and facts.tokens[k][:1].islower() \
                and word not in lex.function_words and not is_negation(word, facts.language) \
                and not conditioned[k]:  # "whether he will seek": not asserted
            positions.setdefault(stems[k], k)
    return Polarity(negated, {stem: facts.tokens[k] for stem, k in positions.items()}, heads, positions, clauses)


def _negated_subject(facts: FactSet, k: int) -> int | None:
    """Where word k ("no") opens a clause's subject ("No formal charges have been filed"):
    the position of the subject's last word (its head noun), which a verb group follows
    within HEAD_WINDOW words of lower-case content words; None otherwise ("no more than
    ten", "there were no injuries")."""
    lex = lexicon(facts.language)
    words = facts.words
    if words[k] not in lex.subject_negations:
        return None
    end = k + 1
    while (end < len(words) and end - k <= HEAD_WINDOW and end not in facts.breaks and words[end].isalpha()
           and facts.tokens[end][:1].islower() and words[end] not in lex.function_words and words[end] not in lex.verb_group):
        end += 1
    if end == k + 1 or end >= len(words) or end in facts.breaks or words[end] not in lex.verb_group:
        return None
    return end - 1


def same_polarity_role(stem: str, negating: FactSet, asserting: FactSet) -> bool:
    """The negated word and the asserted one have content words around them in common, and
    are not said of two differently named subjects ("Ross is not signed", "the leads Lawrence
    and Hemsworth are signed")."""
    a, b = polarity(negating), polarity(asserting)
    if _other_subjects(negating, asserting, (a.heads[stem], a.heads[stem]), (b.positions[stem], b.positions[stem])):
        return False
    around_a = window(negating, a.heads[stem], a.heads[stem]) - {stem}
    if stem in a.clauses:  # a negated subject: what its clause says of it ("have been filed against the director")
        around_a |= content_stems(negating, range(a.heads[stem] + 1, a.clauses[stem]))
    around_b = window(asserting, b.positions[stem], b.positions[stem]) - {stem}
    return bool(around_a & around_b)


def _named_subject(facts: FactSet, k: int) -> str | None:
    """The key of the name right before word k's verb group ("Reyes" in "Reyes has not
    signed", "Reyes is already signed"), if a name stands there; None for anything else
    ("the government would not")."""
    lex = lexicon(facts.language)
    j = k - 1
    while j >= 0 and (facts.words[j] in lex.verb_group or facts.words[j].endswith(lex.adverb_suffix)
                      or negates(facts.words, j, facts.language)):
        j -= 1
    if j < 0 or not facts.tokens[j][:1].isupper():
        return None
    at = facts.offsets[j]
    return next((f.key for f in facts.of("name") if f.start <= at < f.end), None)


def is_negation(word: str, language: str) -> bool:
    lex = lexicon(language)
    return word in lex.negation_cues or word.endswith(lex.negative_suffixes)
