"""Judge one matched pair: agree, or diverge with reasons; plus the facts only one side
of the pair carries (its one-sided details).

`judge_pair` runs `RULES` in order. Each rule is a small function that reads the two
`FactSet`s and writes into a `Draft`: a conflict (a reason with each side's value) or a
fact only one side has. Two values conflict only when they are of the same kind, slot
and unit, fill the same role (`roles.py`: the words around them overlap, or the two
statements are one sentence edited) and can't both be true (not a rounding, not a bound
the other fits). A negation conflicts only with the same word asserted on the other side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from crosscheck.facts import (
    KINDS, FactSet, antonyms, are_synonyms, date_mentioned, holds_words, same_entity, same_holder, stem_words,
)
from crosscheck.judge.quotes import quote_edit, quote_pieces, written_alike
from crosscheck.judge.roles import (
    compatible, context, diff, edits, is_negation, negated_edit, negates, planned_and_done, polarity,
    same_polarity_role, same_role, same_wording,
)
from crosscheck.lang import lexicon
from crosscheck.judge.across import one_each, written_elsewhere
from crosscheck.models import Fact, Reason

# Two statements this close (word-level ratio) that differ in one spot only: the same
# sentence with one deliberate edit, and that edit is what a reader needs to see.
ONE_EDIT = 0.94
ONE_EDIT_WORDS = 2  # the most words either side may have in that spot
NAME_EDIT_WORDS = 4  # the longest replaced spot in which two names stand for each other


@dataclass(frozen=True)
class PairJudgement:
    reasons: tuple[Reason, ...]
    only_left: tuple[Fact, ...]
    only_right: tuple[Fact, ...]


@dataclass
class Draft:
    """What the rules have found so far: conflicts as (type, left value, right value)."""

    conflicts: list[tuple[str, str, str]] = field(default_factory=list)
    only_left: list[Fact] = field(default_factory=list)
    only_right: list[Fact] = field(default_factory=list)

    def only(self, left_side: bool) -> list[Fact]:
        return self.only_left if left_side else self.only_right

    @property
    def empty(self) -> bool:
        return not (self.conflicts or self.only_left or self.only_right)


Rule = Callable[[FactSet, FactSet, Draft], None]


def differing_values(left: FactSet, right: FactSet, draft: Draft) -> None:
    """Numbers, percentages, dates (every kind registered with `values`): values of the
    same slot and unit, in the same role, that can't both be true conflict; values that
    can (rounded, or within a bound) are the same fact; the rest are one-sided details.
    Figures from two statements dated to different days, months or years are two readings
    at two moments ("8.5% through March", "9.1% for June"), not one fact in conflict: then
    every differing value is a detail."""
    found: list[tuple[str, Fact, Fact]] = []
    across = left.language != right.language
    for declared in KINDS.values():
        if not declared.values:
            continue
        a_only, b_only = _unshared(left.of(declared.name), right.of(declared.name))
        if across:  # no words in common to tell roles by: only one value of a slot on each side is paired
            pairs, a_rest, b_rest = one_each(a_only, b_only)
        else:
            pairs, a_rest, b_rest = _pair_by_slot(a_only, b_only, declared.loose_slots, left, right)
        for fa, fb in pairs:
            if compatible(fa, fb, left, right) or _one_date_less_precise(fa, fb):
                continue
            if across or same_role(fa, fb, left, right):
                found.append((declared.name, fa, fb))
            else:
                a_rest.append(fa)
                b_rest.append(fb)
        draft.only_left += a_rest
        draft.only_right += b_rest
    if _other_moments(left, right) and any(kind != "date" for kind, _, _ in found):
        draft.only_left += [fa for _, fa, _ in found]
        draft.only_right += [fb for _, _, fb in found]
    else:
        draft.conflicts += [(kind, fa.text, fb.text) for kind, fa, fb in found]


def _other_moments(left: FactSet, right: FactSet) -> bool:
    """Each side dates what it says, to a different day, month or year ("through March",
    "for June"), whatever the words around the dates."""
    minor = KINDS["date"].minor_slots
    a_dates, b_dates = _unshared(left.of("date"), right.of("date"))
    return any(fa.slot == fb.slot and fa.slot not in minor and not _one_date_less_precise(fa, fb)
               for fa in a_dates for fb in b_dates)


def _one_date_less_precise(fa: Fact, fb: Fact) -> bool:
    """"April" and "April 2022", "2016" and "January 2016": one date given less precisely."""
    return fa.kind == fb.kind == "date" and (date_mentioned(fa.key, {fb.key}) or date_mentioned(fb.key, {fa.key}))


def replaced_names(left: FactSet, right: FactSet, draft: Draft) -> None:
    """Names one side lacks: a conflict where they replace each other in two near-verbatim
    sentences, otherwise one-sided."""
    a_names = [f for f in left.of("name") if not _covered(f, right)]
    b_names = [f for f in right.of("name") if not _covered(f, left)]
    for fa, fb in _names_in_same_place(a_names, b_names, left, right):
        draft.conflicts.append(("name", fa.text, fb.text))
        a_names.remove(fa)
        b_names.remove(fb)
    draft.only_left += a_names
    draft.only_right += b_names


def negation(left: FactSet, right: FactSet, draft: Draft) -> None:
    """A word one side negates ("not that simple") and the other asserts ("too simple"),
    in the same role (words around both in common); or, in two edits of one sentence, a
    negation put in or taken out by a small edit before shared words ("a man is [not]
    playing"). Both sides negating it is no conflict."""
    if left.negations % 2 != right.negations % 2 and negated_edit(left, right):
        draft.conflicts.append(("negation", _negation_label(left), _negation_label(right)))
        return
    a, b = polarity(left), polarity(right)
    for stem, phrase in a.negated.items():
        if (stem in b.asserted and stem not in b.negated and stem not in a.asserted and same_polarity_role(stem, left, right)
                and not _both_sides_told(right, b.positions[stem])):
            draft.conflicts.append(("negation", phrase, b.asserted[stem]))
            return
    for stem, phrase in b.negated.items():
        if (stem in a.asserted and stem not in a.negated and stem not in b.asserted and same_polarity_role(stem, right, left)
                and not _both_sides_told(left, a.positions[stem])):
            draft.conflicts.append(("negation", a.asserted[stem], phrase))
            return


def _both_sides_told(facts: FactSet, at: int) -> bool:
    """The statement tells a dispute: someone's position with a negation, then a contrast
    ("but", "while"), then the word it asserts at `at` ("Ryan claimed the letters did not
    speak for all bishops, but the conference said they do represent them"): it reports both
    positions, contradicting none."""
    lex = lexicon(facts.language)
    negated = [k for k in range(at) if is_negation(facts.words[k], facts.language)]
    if not negated or not lex.attribution_hint.search(" ".join(facts.words[:negated[0]])):
        return False  # no one's position: "the company did not comment, but the factory closed"
    return any(facts.words[k] in lex.contrasts for k in range(negated[0] + 1, at))


def status(left: FactSet, right: FactSet, draft: Draft) -> None:
    """An act one side announces ("is expected to vote") and the other reports done
    ("voted"), in the same role: a different state of affairs, or the sources writing at
    different moments of the story; either way a reader should see it."""
    for plans, done, plan_left in ((left, right, True), (right, left, False)):
        found = planned_and_done(plans, done)
        if found:
            draft.conflicts.append(("status", *(found if plan_left else found[::-1])))
            return


def denial(left: FactSet, right: FactSet, draft: Draft) -> None:
    """A denial against a confirmation conflicts; a denial the other side lacks is one-sided."""
    a_denial, b_denial = left.of("denial"), right.of("denial")
    if bool(a_denial) == bool(b_denial):
        return
    denier, other = (a_denial, right) if a_denial else (b_denial, left)
    if lexicon(left.language).confirmation.search(" ".join(other.words)):
        draft.conflicts.append(("denial", a_denial[0].text if a_denial else "confirmed",
                                b_denial[0].text if b_denial else "confirmed"))
    else:
        draft.only(bool(a_denial)).extend(denier[:1])


def modality(left: FactSet, right: FactSet, draft: Draft) -> None:
    """ "required" against "recommended"."""
    a_modal, b_modal = left.of("modality"), right.of("modality")
    if a_modal and b_modal and a_modal[0].key != b_modal[0].key and same_role(a_modal[0], b_modal[0], left, right):
        draft.conflicts.append(("modality", f"{a_modal[0].key} ({a_modal[0].text})", f"{b_modal[0].key} ({b_modal[0].text})"))


def attribution(left: FactSet, right: FactSet, draft: Draft) -> None:
    """The same words attributed to different holders conflict (two edits of one sentence
    only: differently worded statements quote different people about one event). When one
    side's holder is named in the other statement and not the other way round, the two tell
    one source two ways ("according to the Times, he said" and "he told the Times"); each
    naming the other ("Israel said Hamas fired", "Hamas said Israel fired") conflicts. An
    attribution the other side lacks is one-sided."""
    a_attr, b_attr = left.of("attribution"), right.of("attribution")
    if a_attr and b_attr:
        named = (any(_named_in(x, right) for x in a_attr), any(_named_in(y, left) for y in b_attr))
        if same_wording(left, right) and not _one_speaker(a_attr, b_attr, left.language) and named[0] == named[1]:
            draft.conflicts.append(("attribution", a_attr[0].text, b_attr[0].text))
    elif a_attr or b_attr:
        draft.only(bool(a_attr)).extend((a_attr or b_attr)[:1])


def misquote(left: FactSet, right: FactSet, draft: Draft) -> None:
    """One direct quote given in other words: two quotes that share a run of QUOTE_RUN words
    and differ inside it by a content word ("something very important" against "something
    important"), or where both end ("what they're finding" against "what they're talking").
    A quote one outlet cut short at either end, or marked as cut ("...", "[...]"), the same
    words written another way (`_written_alike`), and two named speakers are no misquote."""
    a_attr, b_attr = left.of("attribution"), right.of("attribution")
    if a_attr and b_attr and not _one_speaker(a_attr, b_attr, left.language):
        return  # two speakers who say alike things
    for qa in (piece for q in left.of("quote") for piece in quote_pieces(q)):
        for qb in (piece for q in right.of("quote") for piece in quote_pieces(q)):
            edit = quote_edit(qa, qb, left.language)
            if edit:
                draft.conflicts.append(("misquote", *edit))
                return


def antonym(left: FactSet, right: FactSet, draft: Draft) -> None:
    """A word replaced by its antonym where two edits of one sentence differ."""
    swap = _antonym_swap(left, right) if same_wording(left, right) else None
    if swap:
        draft.conflicts.append(("antonym", *swap))


def single_edit(left: FactSet, right: FactSet, draft: Draft) -> None:
    """When nothing else was found: one deliberate edit of a near-identical sentence, a
    `wording` conflict where both sides have words there, else a one-sided `detail`."""
    if not draft.empty:
        return
    edit = _one_edit(left, right)
    if edit and edit[0] and edit[1]:
        draft.conflicts.append(("wording", *edit))
    elif edit:
        text = edit[0] or edit[1]
        draft.only(bool(edit[0])).append(Fact("detail", text.lower(), text, "detail"))


def quotes(left: FactSet, right: FactSet, draft: Draft) -> None:
    """A direct quote the other statement does not say, even in other words (`holds_words`;
    however the quote marks and punctuation are written), is one-sided. Between two
    languages its words can't be looked for: a matched statement's quote is taken as told."""
    if left.language != right.language:
        return
    for mine, other, left_side in ((left, right, True), (right, left, False)):
        draft.only(left_side).extend(q for q in mine.of("quote") if not holds_words(q.key, other.stems, mine.language))


RULES: tuple[Rule, ...] = (differing_values, replaced_names, negation, status, denial, modality, attribution, misquote,
                           antonym, single_edit, quotes)


def judge_pair(left: FactSet, right: FactSet, left_id: str, right_id: str, rules: Sequence[Rule] = RULES) -> PairJudgement:
    """Judge two matched statements (or groups of statements, their facts joined).

    Args:
        left, right: the two sides' facts (`crosscheck.facts.extract_facts`).
        left_id, right_id: the sources' ids, the keys of each reason's values.
        rules: the rules to run, in order (all of `RULES` by default).
    Returns:
        The reasons they diverge (none: they agree) and each side's one-sided facts.
    """
    draft = Draft()
    for rule in rules:
        rule(left, right, draft)
    reasons = tuple(Reason(kind, {left_id: a, right_id: b}) for kind, a, b in draft.conflicts)
    return PairJudgement(reasons, tuple(draft.only_left), tuple(draft.only_right))


def _unshared(a: list[Fact], b: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    a_keys, b_keys = {f.key for f in a}, {f.key for f in b}
    return [f for f in a if f.key not in b_keys], [f for f in b if f.key not in a_keys]


def _pair_by_slot(a: list[Fact], b: list[Fact], loose_slots: frozenset[str], left: FactSet, right: FactSet):
    """Pair leftover values of the same slot and unit, the pairs with the most context words
    in common first; in a loose slot (money) also the only value of each side left when
    units differ."""
    candidates = [(len(context(left, fa) & context(right, fb)), i, j) for i, fa in enumerate(a) for j, fb in enumerate(b)
                  if (fa.slot, fa.unit) == (fb.slot, fb.unit)]
    taken_a, taken_b, pairs = set(), set(), []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in taken_a and j not in taken_b:
            taken_a.add(i)
            taken_b.add(j)
            pairs.append((i, j))
    for slot in loose_slots:
        rest_a = [i for i, fa in enumerate(a) if i not in taken_a and fa.slot == slot]
        rest_b = [j for j, fb in enumerate(b) if j not in taken_b and fb.slot == slot]
        if len(rest_a) == 1 and len(rest_b) == 1:
            taken_a.add(rest_a[0])
            taken_b.add(rest_b[0])
            pairs.append((rest_a[0], rest_b[0]))
    pairs.sort()
    return ([(a[i], b[j]) for i, j in pairs], [fa for i, fa in enumerate(a) if i not in taken_a],
            [fb for j, fb in enumerate(b) if j not in taken_b])


def _covered(name: Fact, other: FactSet) -> bool:
    """The other side names this entity too, perhaps another way ("Aurora OS", "Mr. Goelman"
    for "Aitan Goelman", "Hillary Clinton" for "Hillary Rodham Clinton")."""
    if all(t in other.stems for t in stem_words(name.key.split(), other.language)):
        return True
    if any(same_entity(name.key, f.key, other.language) for f in other.of("name")):
        return True
    return written_elsewhere(name.key, [f.key for f in other.of("name")])


def _names_in_same_place(a_names: list[Fact], b_names: list[Fact], left: FactSet, right: FactSet):
    """Names that replace each other where the two sentences otherwise line up."""
    if not a_names or not b_names:
        return []
    if not same_wording(left, right):
        return []  # different wording: no reliable notion of "the same place"
    _, opcodes = diff(left.words, right.words)
    pairs = []
    for op, i1, i2, j1, j2 in opcodes:
        if op != "replace" or max(i2 - i1, j2 - j1) > NAME_EDIT_WORDS:
            continue
        if written_alike(left.words[i1:i2], right.words[j1:j2], left.words[i1 - 1] if i1 else "", left.language):
            continue  # one name in another house style ("AK-47", "AK 47"; "AP", "Associated Press")
        a_seg, b_seg = " ".join(left.words[i1:i2]), " ".join(right.words[j1:j2])
        fa = next((f for f in a_names if _in_segment(f, a_seg) and f not in [p[0] for p in pairs]), None)
        fb = next((f for f in b_names if _in_segment(f, b_seg) and f not in [p[1] for p in pairs]), None)
        if fa and fb and not _one_name(fa, fb, left.language):
            pairs.append((fa, fb))
    return pairs


def _one_name(fa: Fact, fb: Fact, language: str) -> bool:
    """Two names written two ways: house style ("AK-47", "AK 47"), or an initialism and its
    plural ("RBI", "RBIs")."""
    plural = {fa.text.removesuffix("s"), fb.text.removesuffix("s")}
    return written_alike(tuple(fa.key.split()), tuple(fb.key.split()), "", language) or (
        len(plural) == 1 and plural.pop().isupper())


def _one_speaker(a_attr: list[Fact], b_attr: list[Fact], language: str) -> bool:
    """Some holder of one side is a holder of the other."""
    return any(same_holder(x.text, y.text, language) for x in a_attr for y in b_attr)


def _named_in(holder: Fact, other: FactSet) -> bool:
    """The other statement names this holder too, in another role ("according to the Times"
    against "he told the Times")."""
    capitals = [w for w in holder.text.split() if w[:1].isupper()]
    return bool(capitals) and all(t in other.stems for t in stem_words([w.lower().strip(".,") for w in capitals], other.language))


def _in_segment(name: Fact, segment: str) -> bool:
    return any(token in segment.split() for token in name.key.replace("'", " ").split())


def _negation_label(facts: FactSet) -> str:
    words, pairs = facts.words, lexicon(facts.language).negating_pairs
    cues = [" ".join(words[k:k + 2]) if tuple(words[k:k + 2]) in pairs else words[k]
            for k in range(len(words)) if negates(words, k, facts.language)]
    return "negated (" + ", ".join(dict.fromkeys(cues)) + ")" if cues else "affirmative"


def _one_edit(left: FactSet, right: FactSet) -> tuple[str, str] | None:
    """What each side has where two near-identical statements differ in one spot of
    content words ("" for the side that has nothing there)."""
    if not same_wording(left, right, ONE_EDIT):
        return None
    _, opcodes = diff(left.words, right.words)
    changed = [op for op in opcodes if op[0] != "equal"]
    if len(changed) != 1:
        return None
    _, i1, i2, j1, j2 = changed[0]
    if max(i2 - i1, j2 - j1) > ONE_EDIT_WORDS:
        return None
    function_words = lexicon(left.language).function_words
    if all(w in function_words or not w.isalpha() for w in left.words[i1:i2] + right.words[j1:j2]):
        return None
    if set(stem_words(left.words[i1:i2], left.language)) == set(stem_words(right.words[j1:j2], left.language)):
        return None  # the same words, inflected differently
    if written_alike(left.words[i1:i2], right.words[j1:j2], left.words[i1 - 1] if i1 else "", left.language):
        return None
    if i2 - i1 == j2 - j1 == 1 and are_synonyms(left.words[i1], right.words[j1], left.language):
        return None  # one word for another of the same sense ("IMF head", "IMF chief")
    return " ".join(left.tokens[i1:i2]), " ".join(right.tokens[j1:j2])


def _antonym_swap(left: FactSet, right: FactSet) -> tuple[str, str] | None:
    table = antonyms(left.language)
    prefixes = lexicon(left.language).negative_prefixes
    for a_seg, b_seg in edits(left, right):
        b_stems = stem_words(b_seg, left.language)
        for wa, sa in zip(a_seg, stem_words(a_seg, left.language)):
            for wb, sb in zip(b_seg, b_stems):
                if sb in table.get(sa, ()) or _prefix_antonym(wa, wb, prefixes) or _prefix_antonym(wb, wa, prefixes):
                    return wa, wb
    return None


def _prefix_antonym(word: str, other: str, prefixes: tuple[str, ...]) -> bool:
    """`other` is `word` with a negative prefix: "likely" / "unlikely"."""
    return len(word) > 3 and other.endswith(word) and other[: len(other) - len(word)] in prefixes
