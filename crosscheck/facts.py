"""Stage 6, facts: what a statement asserts that can be checked against another source.

`extract_facts(text)` returns numbers (with scale and unit), dates and times, names,
negation, denial, modality and attribution as `Fact`s. Patterns are compiled once;
number words go through text2num, dates through dateutil, stems through Snowball.
Nothing here depends on a model.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from crosscheck.models import Fact

MONTHS = "january february march april may june july august september october november december".split()
MONTH_ABBR = {m[:3]: m for m in MONTHS} | {"sept": "september"}
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12, "dozen": 12, "hundred": 100}
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
                  "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "yuan": "CNY", "yen": "JPY"}
NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred").split()

_MONTH_STRICT = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
DATE = re.compile(
    rf"\b(?P<md>{_MONTH_STRICT}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?)\b"
    rf"|\b(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_STRICT}(?:,?\s+(?:19|20)\d\d)?)\b"
    rf"|\b(?P<my>{_MONTH_STRICT}\s+(?:of\s+)?(?:19|20)\d\d)\b"
    rf"|(?<![\w$€£.,])(?P<decade>(?:19|20)\d0s)\b"
    rf"|(?<![\w$€£.,-])(?P<year>(?:1[89]|20)\d\d)(?![\w%,.]\d|\s*(?:%|percent|per cent))\b"
    rf"|\b(?:in|since|by|until|from|of|during|early|late|mid-?|last|next|this)\s+(?P<month>{_MONTH_STRICT})\b(?!\s+(?:of\s+)?\d)"
    rf"|\b(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
    rf"|\b(?P<relative>(?:yesterday|today|tomorrow|tonight)|(?:last|next|this|earlier this|later this)\s+(?:year|month|week|spring|summer|autumn|fall|winter|weekend)"
    rf"|\d+\s+(?:years?|months?|weeks?|days?|decades?)\s+ago|(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:years?|months?|weeks?|days?|decades?)\s+ago)\b",
    re.IGNORECASE,
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUM = r"(?:(?:" + "|".join(NUMBER_WORDS) + r")(?:[\s-]+(?:" + "|".join(NUMBER_WORDS) + r"))*)"
NUMBER = re.compile(
    rf"(?P<sign>[$€£¥₽₹])\s?(?P<cnum>{_NUM})(?:\s*(?P<cscale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    rf"|(?<![\w.])(?P<num>{_NUM})(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn|tn|dozen)\b)?(?P<pct>\s*(?:%|percent\b|per cent\b))?"
    rf"|\b(?P<wnum>{_WORD_NUM})(?:\s+(?P<wscale>thousand|million|billion|trillion|dozen)\b)?(?P<wpct>\s+(?:percent|per cent)\b)?",
    re.IGNORECASE,
)
NEXT_WORD = re.compile(r"\s*(?:[-–]\s*)?(?:(?:more|less|fewer|than|of|the|new|additional|other|extra|about|some|up|to|mobile|[a-z]+ly)\s+)*([A-Za-z][A-Za-z-]+)")
CAP_TOKEN = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w&'’-]*|[a-z]{1,2}[A-Z][\w-]*)"
NAME = re.compile(rf"{CAP_TOKEN}(?:\s+(?:(?:of|the|de|del|da|van|von|al|bin|for|and)\s+)?{CAP_TOKEN})*")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")
NEGATION = re.compile(r"\b(not|no|never|none|nobody|nothing|neither|nor|without|cannot|no longer|no one)\b|n[’']t\b", re.IGNORECASE)
DENIAL = re.compile(r"\b(den(?:y|ies|ied|ial|ying)|refut\w*|rebut\w*|reject(?:s|ed|ing)? (?:the |this |that |these |those )?(?:claim|allegation|report|accusation)s?|dismiss(?:es|ed)? (?:the |this |that )?(?:claim|allegation|report)s?)\b", re.IGNORECASE)
CONFIRMATION = re.compile(r"\b(confirm(?:s|ed|ing)?|admit(?:s|ted|ting)?|acknowledg\w*)\b", re.IGNORECASE)
STRONG_MODAL = re.compile(r"\b(must|required?|requires|requiring|mandatory|obliged|obligated|compelled|forced|ordered|have to|has to|had to|will have to|banned|prohibited|forbidden|instructed)\b", re.IGNORECASE)
WEAK_MODAL = re.compile(r"\b(recommend(?:s|ed|ation)?|advised?|advises|suggest(?:s|ed)?|urged?|urges|encouraged?|encourages|should|asked to|called on|voluntary|optional)\b", re.IGNORECASE)
_SAY = r"(?:said|says|told|tells|reported|claimed|stated|announced|wrote|writes|noted|added|explained|insisted|argued|warned)"
ATTRIBUTION = re.compile(
    rf"\baccording to (?P<a>(?:the |a |an )?[\w'’.-]+(?: [\w'’.-]+){{0,5}}?)(?=[,.;:]|$| (?:on|in|at|last|this|who|which|that)\b)"
    rf"|(?P<b>(?:the |a |an |its |his |her )?(?:[\w'’.-]+ ){{0,4}}?[\w'’.-]+),? {_SAY}\b"
    rf"|\b{_SAY},? (?P<c>(?:the |a )?(?:[A-Z][\w'’.-]+ ?){{1,4}})",
)
# Every ATTRIBUTION match holds one of these; the cheap test spares most statements the costly scan.
ATTRIBUTION_HINT = re.compile(rf"\baccording to\b|\b{_SAY}\b")
QUOTE = re.compile(r"[\"“]([^\"”]{12,})[\"”]")

STOP_CAPS = set(
    """a an the this that these those it its he she they we i you his her their our my your
    in on at by for from to of with as after before since during while when where what who why how
    and but or so yet if then than also meanwhile however instead earlier later now today still even
    only just all some any many most more several each every both either no not there here
    one two three four five six seven eight nine ten according under over about against among between
    despite although though because unless until upon into within without mr mrs ms dr sir gov sen rep
    yes oh well first last next new""".split()
)
PRONOUN_SUBJECTS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "who", "which", "there"}


@dataclass(frozen=True)
class FactSet:
    """All facts of one statement (or of several joined), by kind."""

    facts: tuple[Fact, ...]
    words: tuple[str, ...]  # lower-cased word tokens, for diffs
    stems: frozenset[str]
    negations: int
    tokens: tuple[str, ...] = ()  # the same tokens as written, for showing a diff

    def of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]


def extract_facts(text: str) -> FactSet:
    return _extract_cached(text)


@lru_cache(maxsize=65536)
def _extract_cached(text: str) -> FactSet:
    facts: list[Fact] = []
    date_spans: list[tuple[int, int]] = []
    for m in DATE.finditer(text):
        fact = _date_fact(m)
        if fact:
            facts.append(fact)
            date_spans.append(m.span())
    for m in NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in date_spans):
            continue
        fact = _number_fact(m, text)
        if fact:
            facts.append(fact)
    facts.extend(_name_facts(text))
    negations = len(NEGATION.findall(text))
    for m in DENIAL.finditer(text):
        facts.append(Fact("denial", "denial", _clause_around(text, m.start(), m.end()), "denial"))
    strong, weak = bool(STRONG_MODAL.search(text)), bool(WEAK_MODAL.search(text))
    if strong != weak:
        m = (STRONG_MODAL if strong else WEAK_MODAL).search(text)
        facts.append(Fact("modality", "required" if strong else "recommended", m.group(0), "modality"))
    for holder in _attributions(text):
        facts.append(Fact("attribution", holder.lower(), holder, "attribution"))
    for m in QUOTE.finditer(text):
        facts.append(Fact("quote", _norm(m.group(1)), "“" + m.group(1).strip() + "”", "quote"))
    tokens = tuple(re.findall(r"[\w'’-]+", text))
    words = tuple(w.lower() for w in tokens)
    return FactSet(tuple(_dedupe(facts)), words, frozenset(stem_words(words)), negations, tokens)


def anchor_keys(facts: FactSet) -> frozenset[str]:
    """Names, numbers and dates of a statement, as keys for alignment."""
    return frozenset(f"{f.kind}:{f.key}" for f in facts.facts if f.kind in ("name", "number", "date") and f.slot not in ("weekday", "relative"))


def stem_words(words) -> list[str]:
    return [_stem(w) for w in words]


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    """Snowball is pure Python and news repeats its words: one stemming per word."""
    return _stemmer().stemWord(word.replace("’", "'"))


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _date_fact(m: re.Match) -> Fact | None:
    kind = m.lastgroup
    surface = m.group(kind)
    if kind in ("md", "dm", "my"):
        parsed = _parse_date(surface)
        if parsed is None:
            return None
        year, month, day = parsed
        if kind == "my":
            return Fact("date", f"{year:04d}-{month:02d}", surface, "month")
        key = f"{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"
        return Fact("date", key, surface, "day")
    if kind == "month":
        return Fact("date", f"--{_month_number(surface):02d}", surface, "month")
    if kind in ("year", "decade"):
        return Fact("date", surface.lower(), surface, "year")
    if kind == "weekday":
        return Fact("date", surface.lower(), surface, "weekday")
    return Fact("date", " ".join(surface.lower().split()), surface, "relative")


def _parse_date(surface: str) -> tuple[int | None, int, int] | None:
    from dateutil import parser

    text = surface.replace(" of ", " ")
    try:
        a = parser.parse(text, default=_dt.datetime(1904, 1, 1))
        b = parser.parse(text, default=_dt.datetime(1905, 2, 2))
    except (ValueError, OverflowError):
        return None
    year = a.year if a.year == b.year else None
    return year, a.month, a.day


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.index(MONTH_ABBR.get(w[:4] if w.startswith("sept") else w[:3], w)) + 1


def _number_fact(m: re.Match, text: str) -> Fact | None:
    if m.group("sign"):
        value = _to_float(m.group("cnum")) * SCALES.get((m.group("cscale") or "").lower(), 1)
        currency = CURRENCY_SIGNS[m.group("sign")]
        return Fact("number", f"{currency} {_fmt(value)}", m.group(0).strip(), f"money:{currency}")
    if m.group("num"):
        raw, scale, pct = m.group("num"), m.group("scale"), m.group("pct")
        if re.fullmatch(r"\d", raw) and not (scale or pct) and _is_list_marker(text, m.start()):
            return None
        value = _to_float(raw) * SCALES.get((scale or "").lower(), 1)
    else:
        raw, scale, pct = m.group("wnum"), m.group("wscale"), m.group("wpct")
        value = _words_to_number(raw)
        if value is None or (value == 1 and not (scale or pct)):
            return None  # "one of them" is rarely a count worth checking
        value *= SCALES.get((scale or "").lower(), 1)
    surface = m.group(0).strip()
    if pct:
        return Fact("number", f"{_fmt(value)}%", surface, "percent")
    unit = _unit_after(text, m.end())
    if unit in CURRENCY_WORDS:
        return Fact("number", f"{CURRENCY_WORDS[unit]} {_fmt(value)}", surface + " " + unit, f"money:{CURRENCY_WORDS[unit]}")
    return Fact("number", _fmt(value), surface, f"count:{unit}" if unit else "count")


def _unit_after(text: str, end: int) -> str:
    m = NEXT_WORD.match(text, end)
    if not m:
        return ""
    word = m.group(1).lower()
    if word in SCALES or word in ("and", "or", "to", "of", "in", "on", "at", "by", "for", "from", "with", "was", "were", "is", "are"):
        return ""
    return stem_words([word])[0]


def _is_list_marker(text: str, start: int) -> bool:
    return start == 0 or text[max(0, start - 2) : start].strip() in ("(", "")


def _words_to_number(words: str) -> float | None:
    from text_to_num import text2num

    try:
        return float(text2num(" ".join(words.lower().replace("-", " ").split()), "en"))
    except ValueError:
        return None


def _to_float(raw: str) -> float:
    return float(raw.replace(",", ""))


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:g}"


def _name_facts(text: str) -> list[Fact]:
    out = []
    for m in NAME.finditer(text):
        at_start = bool(SENTENCE_START.search(text[: m.start()]))
        for run in _split_name_run(m.group(0).split(), at_start):
            name = " ".join(run).rstrip(".,")
            key = _name_key(name)
            if len(key) >= 2 and not key.isdigit():
                out.append(Fact("name", key, name, "name"))
    return out


def _split_name_run(tokens: list[str], at_start: bool) -> list[list[str]]:
    """Cut a run of capitalised words into names: at possessives, dates and function words."""
    runs: list[list[str]] = [[]]
    for i, token in enumerate(tokens):
        bare = re.sub(r"[’']s$", "", token)
        low = bare.lower().rstrip(".")
        sentence_initial_common = i == 0 and at_start and bare == token and _looks_common(bare)
        compound_adjective = "-" in bare and bare.rsplit("-", 1)[1].islower()  # "Kremlin-backed"
        if compound_adjective or low in STOP_CAPS or low in MONTHS or low in WEEKDAYS or sentence_initial_common:
            runs.append([])
            continue
        runs[-1].append(bare)
        if bare != token:  # "Russia's telecom" ends the name at the possessive
            runs.append([])
    cleaned = []
    for run in runs:
        while run and run[0].lower() in ("of", "the", "de", "and", "for"):
            run.pop(0)
        while run and run[-1].lower() in ("of", "the", "de", "and", "for"):
            run.pop()
        if run:
            cleaned.append(run)
    return cleaned


def _looks_common(word: str) -> bool:
    """A capitalised sentence-initial word that is most likely an ordinary word."""
    return word.istitle() and len(word) > 3 and word.lower().endswith(("s", "ing", "ed", "ly", "tion", "ment", "ers"))


def _name_key(name: str) -> str:
    key = name.lower().replace(".", "").replace("’", "'")
    key = re.sub(r"^the ", "", key)
    return " ".join(key.split())


def _attributions(text: str) -> list[str]:
    if not ATTRIBUTION_HINT.search(text):
        return []
    holders = []
    for m in ATTRIBUTION.finditer(text):
        words = next(g for g in m.groups() if g).split()
        while words and words[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
            words.pop(0)
        while words and (words[-1].lower() in ("also", "reportedly", "previously", "later", "earlier", "then") or words[-1].endswith("ly")):
            words.pop()
        holder = " ".join(words).rstrip(",.")
        if holder and holder.lower() not in PRONOUN_SUBJECTS and _names_a_source(holder):
            holders.append(holder)
    return holders


SOURCE_NOUNS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "ministry", "police", "authorities",
                "media", "report", "reports", "sources", "source", "experts", "analysts", "statement", "agency", "government",
                "company", "court", "prosecutors", "investigators", "witnesses", "data", "survey", "study", "researchers"}


def _names_a_source(holder: str) -> bool:
    words = holder.split()
    has_name = any(w[0].isupper() and w.lower() not in STOP_CAPS for w in words)
    return has_name or any(w.lower() in SOURCE_NOUNS for w in words)


def same_holder(a: str, b: str) -> bool:
    """Two attributions name the same holder: a shared capitalised word, or equal text."""
    caps_a = {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]+", a)} - STOP_CAPS
    caps_b = {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]+", b)} - STOP_CAPS
    if caps_a and caps_b:
        return bool(caps_a & caps_b)
    return _norm(a) == _norm(b) or bool(set(stem_words(_norm(a).split())) & set(stem_words(_norm(b).split())) - STOP_CAPS)


def _clause_around(text: str, start: int, end: int, width: int = 40) -> str:
    left = max(text.rfind(",", 0, start), text.rfind("—", 0, start), text.rfind(";", 0, start))
    left = left + 1 if left >= 0 and start - left < width else max(0, start - width)
    right = min([i for i in (text.find(",", end), text.find(".", end), text.find(";", end)) if i >= 0] or [len(text)])
    right = right if right - end < width else end + width
    return " ".join(text[left:right].split())


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        if (f.kind, f.key) not in seen:
            seen.add((f.kind, f.key))
            out.append(f)
    return out


@lru_cache(maxsize=1)
def antonyms() -> dict[str, frozenset[str]]:
    """Stemmed antonym pairs from data/antonyms.txt, both directions."""
    table: dict[str, set[str]] = {}
    for line in resources.files("crosscheck").joinpath("data/antonyms.txt").read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        a, b = (w.strip().lower() for w in line.split(","))
        sa, sb = stem_words([a, b])
        table.setdefault(sa, set()).add(sb)
        table.setdefault(sb, set()).add(sa)
    return {k: frozenset(v) for k, v in table.items()}
