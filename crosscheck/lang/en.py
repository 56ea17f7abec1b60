"""English: every word list and pattern the stages use, in one `Lexicon`."""

from __future__ import annotations

import re

from crosscheck.lang import Lexicon

MONTHS = tuple("january february march april may june july august september october november december".split())
WEEKDAYS = tuple("monday tuesday wednesday thursday friday saturday sunday".split())
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12, "dozen": 12, "hundred": 100}
NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred").split()

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
DATE = re.compile(
    rf"\b(?P<md>{_MONTH}(?:\s+|(?<=\.))\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?)\b"
    rf"|\b(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:19|20)\d\d)?)\b"
    rf"|\b(?P<my>{_MONTH}(?:\s+|(?<=\.))(?:of\s+)?(?:19|20)\d\d)\b"
    rf"|(?<![\w$€£.,])(?P<decade>(?:19|20)\d0s)\b"
    rf"|(?<![\w$€£.,-])(?P<year>(?:1[89]|20)\d\d)(?![\w%,.]\d|\s*(?:%|percent|per cent))\b"
    rf"|\b(?:in|since|by|until|through|from|of|for|during|after|before|early|late|mid-?|last|next|this)\s+(?P<month>{_MONTH})\b(?!\s+(?:of\s+)?\d)"
    rf"|\b(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
    rf"|\b(?P<relative>(?:yesterday|today|tomorrow|tonight)|(?:last|next|this|earlier this|later this)\s+(?:year|month|week|spring|summer|autumn|fall|winter|weekend)"
    rf"|\d+\s+(?:years?|months?|weeks?|days?|decades?)\s+ago|(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:years?|months?|weeks?|days?|decades?)\s+ago)\b",
    re.IGNORECASE,
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Whole words, longest first: "sixty" is not "six", "Tennessee" holds no "ten".
_NUMBER_WORD = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
_WORD_NUM = rf"(?:{_NUMBER_WORD}(?:[\s-]+{_NUMBER_WORD})*)"
NUMBER = re.compile(
    rf"(?P<sign>[$€£¥₽₹])\s?(?P<cnum>{_NUM})(?:(?:\s*|-)(?P<cscale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    # a clock time ("1:12 p.m.", "21:00") is matched to be skipped; a score ("3:2") is two numbers
    rf"|(?<![\w./:])(?P<clock>\d{{1,2}}:\d\d(?::\d\d)?)(?![\d:])"
    # not a model's number ("AK-47", "F-16") nor a number glued to a capital ("1B", "5G"); "110-billion" is 110 billion
    rf"|(?<![\w./])(?<!(?-i:[A-Z])-)(?P<num>{_NUM})(?!\d|[./]\d|(?-i:[A-Z])\b)(?:(?:\s*|-)(?P<scale>thousand|million|billion|trillion|bn|mn|tn|dozen)\b)?"
    rf"|\b(?P<wnum>{_WORD_NUM})(?:\s+(?P<wscale>thousand|million|billion|trillion|dozen)\b)?",
    re.IGNORECASE,
)
# "8.5%", "8.5 percent", "eight per cent"; "percentage points" are a difference, not a level.
PERCENT = re.compile(
    rf"(?:(?<![\w.])(?P<num>{_NUM})|\b(?P<wnum>{_WORD_NUM}))"
    r"(?:(?P<points>\s*(?:percentage|pct\.?)\s+points?\b)|(?P<level>\s*(?:%|percent\b|per cent\b|pct\b)))",
    re.IGNORECASE,
)
UNIT_AFTER = re.compile(r"\s*(?:[-–]\s*)?(?:(?:more|less|fewer|than|of|the|new|additional|other|extra|about|some|up|to|mobile|[a-z]+ly)\s+)*([A-Za-z][A-Za-z-]+)")
# A capitalised token: "U.S.", an initial or a short title with its full stop before a name (the "W." of
# "George W. Bush", "St. Louis", "Mr. Smith"), a word, "iPhone". One leading [A-Z] keeps the scan fast.
_CAP_TOKEN = r"(?:[A-Z](?:(?:\.[A-Z])+\.?|[a-z]?\.(?=\s+[A-Z])|[\w&'’-]*)|[a-z]{1,2}[A-Z][\w-]*)"
NAME = re.compile(rf"(?<![\w'’]){_CAP_TOKEN}(?:\s+(?:(?:of|the|de|del|da|van|von|al|bin|for|and)\s+)?{_CAP_TOKEN})*")
# "9/11", "7/7": a month and day standing for an event; told from a fraction ("3/4 of voters") by what
# stands around it: "the", "post-", "since" ... before it, or a capitalised word after it ("9/11 Commission").
_MONTH_DAY = r"(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])(?![\w/]|[.,]\d)"
EVENT_NAME = re.compile(rf"(?:(?<=^)|(?<=\b[Tt]he )|(?<=\b[Pp]ost-)|(?<=\b[Pp]re-)|(?<=\b[Ss]ince )|(?<=\b[Aa]fter )"
                        rf"|(?<=\b[Bb]efore )){_MONTH_DAY}(?!\s+of\b)|(?<![\w/.,$-]){_MONTH_DAY}(?=\s+[A-Z])")
_SAY = r"(?:said|says|told|tells|reported|claimed|stated|announced|wrote|writes|noted|added|explained|insisted|argued|warned)"

STOP_CAPS = frozenset(
    """a an the this that these those it its he she they we i you his her their our my your
    in on at by for from to of with as after before since during while when where what who why how
    and but or so yet if then than also meanwhile however instead earlier later now today still even
    only just all some any many most more several each every both either no not there here
    one two three four five six seven eight nine ten according under over about against among between
    despite although though because unless until upon into within without mr mrs ms dr sir gov sen rep
    yes oh well first last next new former fellow outgoing incoming dear please""".split()
)
# A name of money words only is money when it has several words or is in capitals ("a hundred
# Billion Dollars", "100 billion USD"); "Yuan" alone is a surname.
MONEY_WORDS = frozenset("""dollar dollars euro euros yen yuan rupee rupees usd eur gbp jpy cny inr
    thousand million billion trillion""".split())
# Titles before a name, dropped from its key ("President Obama" is "obama"); abbreviations as written without the stop.
_TITLE_ABBREVIATIONS = "Mr Mrs Ms Dr Gov Sen Rep Gen Lt Col Maj Capt Sgt Cpl Adm Prof Rev Det Pres".split()
NAME_TITLES = frozenset(
    """sir president senator representative congressman congresswoman governor judge justice officer chief secretary
    minister mayor sheriff detective sergeant captain lieutenant colonel admiral professor reverend ambassador speaker
    chairman chairwoman leader commissioner director ceo lady""".split()
) | {t.lower() for t in _TITLE_ABBREVIATIONS}
# Where a sentence starts: after a full stop, but not the one of "Sen." ("Sen. Cornyn" starts no sentence).
_NOT_AFTER_TITLE = "".join(rf"(?<!\b{t})" for t in _TITLE_ABBREVIATIONS)
SENTENCE_START = re.compile(rf"(?:^|{_NOT_AFTER_TITLE}[.!?:;][\"”'’)]?\s+|[\"“(]\s*)$")

# Abbreviations, as written without their full stop, after which a sentence may go on: the
# personal titles above, their plurals and rarer ranks, and saints and places ("St. Louis").
TITLE_ABBREVIATIONS = frozenset(_TITLE_ABBREVIATIONS) | frozenset(
    "Messrs Drs Sens Reps Cmdr Brig Pvt Msgr Supt Insp Atty Hon St Ste Ft Mt".split()
)
STATE_ABBREVIATIONS = frozenset(  # AP style, and their postal-period forms
    """Ala Alta Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nebr Nev
    Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo N.C N.D N.H N.J N.M N.Y R.I S.C S.D W.Va D.C""".split()
)
ABBREVIATIONS = TITLE_ABBREVIATIONS | STATE_ABBREVIATIONS | frozenset(
    """Jr Sr Inc Corp Co Cos Ltd Bros No Nos Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu
    Thurs Fri Sat Sun a.m p.m A.M P.M U.S U.K U.N E.U vs etc approx est e.g i.e""".split()
)
# One spelling of a word written differently in British and American house styles
# ("centre"/"center", "mobilised"/"mobilized", "defence"/"defense", "colour"/"color"); a doubled
# letter ("travelled"/"traveled") is `names.spelled_alike`'s.
SPELLING_VARIANTS = tuple((re.compile(p), r) for p, r in (
    (r"(?<=\w{3})is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),
    (r"(?<=\w{2})ys(e|es|ed|ing)$", r"yz\1"),
    (r"(?<=\w\w[tg])re(s?)$", r"er\1"),
    (r"(?<=\w{2})our(s|ed|ing|ite|ites|able)?$", r"or\1"),
    (r"(?<=\w{2})ence$", "ense"),
    (r"(?<=\w{3})ogue(s?)$", r"og\1"),
))
# Between a subject and its verb: auxiliaries, modals and a few adverbs ("Reyes has already signed").
# The news agencies' abbreviations of US states ("Maricopa County, Ariz."), those that are no English word.
US_STATE_ABBREVIATIONS = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california", "colo": "colorado",
    "conn": "connecticut", "fla": "florida", "kan": "kansas", "kans": "kansas", "ky": "kentucky", "mich": "michigan",
    "minn": "minnesota", "mont": "montana", "neb": "nebraska", "nev": "nevada", "okla": "oklahoma",
    "tenn": "tennessee", "tex": "texas", "wis": "wisconsin", "wyo": "wyoming",
}

VERB_GROUP = frozenset("""has have had is was are were be been being will would do does did can could may might
    shall should must also already still just now yet ever never remains remain remained""".split())
TIME_ZONES = frozenset("ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT BST UTC CET CEST".split())
_STAMP_WORD = (rf"(?:{'|'.join(MONTHS)}|{'|'.join(m[:3] for m in MONTHS)}|sept|{'|'.join(WEEKDAYS)}"
               rf"|{'|'.join(d[:3] for d in WEEKDAYS)}|tues|thurs)\.?")
# A line that is only a date, perhaps with a time and "Posted"/"Updated": a page's publication stamp.
DATE_STAMP = re.compile(
    rf"^(?=.*\d)(?=.*\b(?:{_STAMP_WORD}\b|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}))[\s,|/.()@–—-]*"
    rf"(?:(?:{_STAMP_WORD}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d\d(?::\d\d)?|[ap]\.?m\.?|{'|'.join(TIME_ZONES)}"
    rf"|on|at|posted|updated|published|last|modified|date)(?![\w'’])[\s,|/.():@–—-]*)+$",
    re.IGNORECASE,
)
_BYLINE_NAME = r"(?:[A-Z][\w'’-]*\.?)(?:\s+(?:(?:de|da|del|der|van|von|la|le|al|bin|el)\s+)?[A-Z][\w'’-]*\.?){0,4}"
# What may follow a byline's names: outlet, role, date and time ("Associated Press", "| Updated 5:02 p.m.").
_BYLINE_TAIL = (r"(?:\s*(?:[|,;:/•–—-]|\b(?:[A-Z0-9][\w'’.:/&-]*|[ap]\.?m\.?|and|of|the|for|at|in|on|by|staff"
                r"|writers?|reporters?|correspondents?|editors?|contributors?|updated|published|posted)(?![\w'’.:/&-])))*")

# "pound" is a weight only as a modifier ("a 550-pound hog", "a 550 pound hog"), never of money
# ("a 10-pound note"; "5 pounds" may be either); "ton(s)" are read as metric, as translators
# write them; a bare "m" is left out (a million in British style). Matched case-sensitively.
_MONEY_NOUNS = (r"(?:notes?|coins?|fees?|deals?|contracts?|fines?|sterling|transfers?|bills?|budgets?|prizes?|loans?|"
                r"payments?|salary|bonus|investments?|funds?|prices?|bids?|offers?|packages?|projects?|schemes?|grants?)\b")
MEASURE_UNITS = (
    (r"kilo(?:gram(?:me)?)?s?|kgs?", "mass", 1.0), (r"grams?|grammes?", "mass", 0.001), (r"tonnes?|tons?", "mass", 1000.0),
    (rf"(?<=-)pound(?!\s+{_MONEY_NOUNS})|pound(?=\s+[a-z])(?!\s+{_MONEY_NOUNS})|lbs?", "mass", 0.45359237),
    (r"ounces?|oz", "mass", 0.028349523125),
    (r"kilomet(?:re|er)s?|km", "length", 1000.0), (r"met(?:re|er)s?", "length", 1.0),
    (r"centimet(?:re|er)s?|cm", "length", 0.01), (r"millimet(?:re|er)s?|mm", "length", 0.001),
    (r"miles?", "length", 1609.344), (r"yards?", "length", 0.9144), (r"feet|foot|ft", "length", 0.3048),
    (r"inch(?:es)?", "length", 0.0254),
)

LEXICON = Lexicon(
    code="en",
    stemmer="english",
    sentence_language="en",
    text2num_language="en",
    months=MONTHS,
    month_abbreviations={m[:3]: m for m in MONTHS} | {"sept": "september"},
    weekdays=WEEKDAYS,
    date=DATE,
    date_hint=re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
                         r"|yesterday|today|tomorrow|tonight"
                         r"|\b(?:year|month|week|spring|summer|autumn|fall|winter|weekend|day|decade)s?\b", re.IGNORECASE),
    scales=SCALES,
    currency_signs={"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR"},
    currency_words={"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
                    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "yuan": "CNY", "yen": "JPY"},
    number=NUMBER,
    percent=PERCENT,
    percent_hint=re.compile(r"%|percent|per cent|pct", re.IGNORECASE),
    tally=re.compile(r"(?<![\w.$€£/-])(?P<yes>\d{1,3})\s*(?:-|–|to)\s*(?P<no>\d{1,3})(?![\w.%/]|-\d)"),
    tally_hint=re.compile(r"\b(?:vot(?:e|es|ed|ing)|ballot|passed|approved|rejected|confirmed|ruling|ruled|decision"
                          r"|margin|tally|roll call)\b", re.IGNORECASE),
    unit_after=UNIT_AFTER,
    qualifiers={"more than": "at_least", "over": "at_least", "at least": "at_least", "upwards of": "at_least",
                "in excess of": "at_least", "less than": "at_most", "fewer than": "at_most", "under": "at_most",
                "up to": "at_most", "nearly": "nearly", "almost": "nearly", "just under": "nearly",
                "about": "about", "around": "about", "roughly": "about", "approximately": "about", "some": "about",
                "estimated": "about", "an estimated": "about", "close to": "about", "as many as": "nearly"},
    not_units=frozenset(("and", "or", "to", "of", "in", "on", "at", "by", "for", "from", "with", "was", "were", "is", "are")),
    name=NAME,
    name_joiners=frozenset(("of", "the", "de", "and", "for")),
    sentence_start=SENTENCE_START,
    common_suffixes=("s", "ing", "ed", "ly", "tion", "ment", "ers"),
    stop_caps=STOP_CAPS | frozenset(NUMBER_WORDS) | {t.lower() for t in _TITLE_ABBREVIATIONS},
    soft_caps=frozenset(("new", "first", "last", "next")),
    name_titles=NAME_TITLES,
    name_suffixes=frozenset(("jr", "sr", "ii", "iii", "iv")),
    # Never (part of) a name: contractions ("I've", "Don't") and party labels ("R-Ohio" in "(R-Ohio)").
    not_name=re.compile(r"[’'](?:ve|m|re|ll|d|t)$|^[RDI]-[A-Z]"),
    event_name=EVENT_NAME,
    common_words_file="common_words.txt",
    negation=re.compile(rf"\b(not|no|never|none|nobody|nothing|neither|nor|without|cannot|no longer|no one)\b|\b(?:{'|'.join(sorted(VERB_GROUP))}) yet to\b|n[’']t\b",
                        re.IGNORECASE),
    negation_cues=frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"}),
    verbal_negations=frozenset({"not", "never", "cannot"}),
    subject_negations=frozenset({"no"}),
    determiners=frozenset({"a", "an", "the", "any", "his", "her", "its", "their", "our", "my", "your", "this", "these",
                           "those", "every", "each", "all", "some", "such"}),
    negative_suffixes=("n't", "n’t"),
    negative_prefixes=("un", "in", "im", "il", "ir", "dis", "non", "non-"),
    denial=re.compile(r"\b(den(?:y|ies|ied|ial|ying)|refut\w*|rebut\w*|reject(?:s|ed|ing)? (?:the |this |that |these |those )?"
                      r"(?:claim|allegation|report|accusation)s?|dismiss(?:es|ed)? (?:the |this |that )?(?:claim|allegation|report)s?)\b",
                      re.IGNORECASE),
    confirmation=re.compile(r"\b(confirm(?:s|ed|ing)?|admit(?:s|ted|ting)?|acknowledg\w*)\b", re.IGNORECASE),
    plan=re.compile(r"\b(?:(?:is|was|are|were|be)\s+(?:widely\s+)?(?:expected|set|scheduled|poised|due|slated|likely|"
                    r"going)\s+to|(?:plans?|planned|intends?|intended|hopes?|hoped|aims?|aimed|vowed|promised|"
                    r"threatened|prepared)\s+to|will|would)\s+(?P<verb>[a-z]+)\b", re.IGNORECASE),
    past_suffix="ed",
    not_done=frozenset({"to", "will", "would", "be", "been", "being"}),
    adverb_suffix="ly",
    strong_modal=re.compile(r"\b(must|required?|requires|requiring|mandatory|obliged|obligated|compelled|forced|ordered|have to"
                            r"|has to|had to|will have to|banned|prohibited|forbidden|instructed)\b", re.IGNORECASE),
    weak_modal=re.compile(r"\b(recommend(?:s|ed|ation)?|advised?|advises|suggest(?:s|ed)?|urged?|urges|encouraged?|encourages"
                          r"|should|asked to|called on|voluntary|optional)\b", re.IGNORECASE),
    attribution=re.compile(
        rf"\baccording to (?P<a>(?:the |a |an )?[\w'’.-]+(?: [\w'’.-]+){{0,5}}?)(?=[,.;:]|$| (?:on|in|at|last|this|who|which|that)\b)"
        rf"|(?P<b>(?:the |a |an |its |his |her )?(?:[\w'’.-]+ ){{0,4}}?[\w'’.-]+),? {_SAY}\b"
        # "said Paul Lee", "said White House spokesman Bill Burton" (a title between names)
        rf"|\b{_SAY},? (?P<c>(?:the |a )?(?:[A-Z][\w'’.-]+ ?){{1,4}}(?:[a-z]{{3,}} (?:[A-Z][\w'’.-]+ ?){{1,3}})?)",
    ),
    # Every attribution match holds one of these; the cheap test spares most statements the costly scan.
    attribution_hint=re.compile(rf"\baccording to\b|\b{_SAY}\b"),
    holder_leading=frozenset(("the", "a", "an", "its", "his", "her", "their", "and", "or", "but")),
    holder_inner=frozenset(("the", "a", "an", "of", "for", "at", "its", "his", "her", "their")),
    holder_modifiers=frozenset(("in", "on", "from", "during")),
    name_aliases={"us": "united states", "usa": "united states", "uk": "united kingdom", "un": "united nations",
                  "eu": "european union", "ft": "fort", "mt": "mount", **US_STATE_ABBREVIATIONS},
    # A short attribution that follows a quote as a sentence of its own: "Obama said."
    said_after_quote=re.compile(rf"(?:[A-Z][\w'’.-]*\s+){{1,4}}{_SAY}\.?$"),
    not_negating=frozenset(("only", "just", "merely")),  # "not only": no negation
    negating_pairs=frozenset((("yet", "to"),)),  # "has yet to revise": not revised
    verb_group=VERB_GROUP,
    # words that start another clause: a negation before them does not reach past them
    clause_starts=frozenset("""and but or when after before because while that which who whom whose where since
        until although though so""".split()),
    emphatic=frozenset((("nothing", "less"), ("nothing", "short"))),  # "nothing less than": asserts
    conditionals=frozenset(("if", "whether", "unless")),
    contrasts=frozenset(("but", "while", "whereas", "however", "although", "though", "yet")),
    auxiliaries=frozenset(("has", "have", "had", "is", "was", "are", "were", "will", "would", "also")),
    money_words=MONEY_WORDS,
    # words after "said <Name>" that start a phrase of place, time or means, not a title
    holder_breaks=frozenset("""aboard alongside via following amid near outside inside toward towards beside behind
        beyond across along around per versus onto through throughout past like unlike""".split()),
    verb_joiners=frozenset(("and", "but", "or", "then")),
    holder_trailing=frozenset(("also", "reportedly", "previously", "later", "earlier", "then", "first")),
    pronoun_subjects=frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "who", "which", "there"}),
    source_nouns=frozenset({"official", "officials", "spokesman", "spokeswoman", "spokesperson", "ministry", "police",
                            "authorities", "media", "report", "reports", "sources", "source", "experts", "analysts",
                            "statement", "agency", "government", "company", "court", "prosecutors", "investigators",
                            "witnesses", "data", "survey", "study", "researchers"}),
    quote=re.compile(r"[\"“]([^\"”]{12,})[\"”]"),
    function_words=STOP_CAPS | frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
                                          "would", "can", "could", "may", "might", "should", "do", "does", "did"}),
    antonyms_file="antonyms.txt",
    synonyms_file="synonyms.txt",
    # Headings that open a block of links to other stories; everything after is chrome.
    teaser_heading=re.compile(
        r"^(other|more|related|recommended|latest|top|popular|trending|recent|further)\b.{0,30}"
        r"\b(news|stories|articles|reads?|posts|coverage|from\b.*|on this topic)\s*:?$"
        r"|^(read|see) (also|more)\s*:?$|^(you may|you might) (also )?like\s*:?$|^most (read|popular|viewed)\s*:?$",
        re.IGNORECASE,
    ),
    # Calls to action and subscription lines.
    promo=re.compile(
        r"\b(subscribe|sign up|newsletter|follow us|join us|download (our|the) app|learn more|read more"
        r"|click here|get (the|our) (latest|best)|share this|all rights reserved"
        r"|our (telegram|whatsapp|viber|facebook|youtube|instagram) (channel|page|account)"
        r"|(telegram|whatsapp|viber|youtube) channel|(we|this (site|website)) uses? cookies|cookies? (policy|settings|consent))\b"
        # labels, not news that mentions an advertisement or a sponsor
        r"|^(?=.{0,80}$)(advertisement|sponsored( content| post| links?| stories)?|paid (content|post|partnership))\b"
        # A short plug for a broadcast slot: appear / watch / tune in, on or to a named network or show, at a clock time.
        r"|^(?=.{0,200}$)(?!.*\b(said|says|told|according to)\b)(?:watch|tune in|catch|don't miss|.*?\bappear(?:s|ing)?)\b"
        r"(?=.*?\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\b).{0,80}?\b(?:on|to)\s+(?!(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)"
        r"(?P<outlet>(?-i:[A-Z])[^,.;!?]{0,60}?)(?=\s+(?:at|tonight|today|tomorrow|this|on|from|\d)\b|[,.;!?]|$)",
        re.IGNORECASE,
    ),
    # "<Name> is a reporter for ...", and the same bio cut after the name.
    bio=re.compile(
        r"^(?:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3} )?(?:is|was) (?:a|an|the) [^.]{0,80}?"
        r"\b(reporter|journalist|correspondent|editor|writer|columnist|contributor|producer|author|analyst)\b",
    ),
    # "By" and a person's name (or several), then maybe outlet, role and time; not "By failing to act, ..." nor a
    # sentence ("By March, the city ran out of money."), which ends with a full stop after a word.
    byline=re.compile(
        rf"^(?:(?i:photo|image|credit):\s|(?=.{{0,120}}$)(?!.*[^.\s]{{2}}\.$)(?i:by|written by|(?:additional )?reporting by)\s+"
        rf"(?!(?:{'|'.join(m.title() for m in MONTHS)}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b)"
        rf"{_BYLINE_NAME}{_BYLINE_TAIL}\s*$)"
    ),
    promo_verbs=frozenset({"get", "learn", "only", "don't", "follow", "subscribe", "read", "sign", "join", "click", "no",
                           "the", "our"}),
    abbreviations=ABBREVIATIONS,
    title_abbreviations=TITLE_ABBREVIATIONS,
    time_zones=TIME_ZONES,
    spelling_variants=SPELLING_VARIANTS,
    date_stamp=DATE_STAMP,
    measure_units=MEASURE_UNITS,
)
