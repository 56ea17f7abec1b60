"""Russian: every word list and pattern the stages use, in one `Lexicon`.

Facts come out language-independent, as English's do: a number's key is its value ("1,5 млн"
is "1500000"), a day's key MM-DD or YYYY-MM-DD ("1 апреля" is "04-01"), a weekday's key its
English name (`facts.dates`: "в четверг" is "thursday"). What it does not read: number words
("две тысячи": text2num has no Russian), dates in figures ("01.04.2024": day or month first is
the writer's) and relative times ("вчера", "в прошлом году": their keys would be Russian
words). A name's cases are one key through pymorphy3's dictionaries (`morphology`, `morph.py`:
"Шевченко", "Иванова" of "Иванов").

The builders at the top (`cap_token`, `number_pattern`, ...) are shared with `uk.py`.
"""

from __future__ import annotations

import re

import snowballstemmer

from crosscheck.lang import Lexicon

UPPER = "A-ZА-ЯЁ"  # a name may be written in Latin letters too ("Reuters", "Apple")
MONTHS = tuple("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split())
# Every case form of a month starts with its first three letters ("апреля", "мае"): `facts.dates` reads them so.
MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"мая": "май", "мае": "май", "маю": "май"}
WEEKDAYS = tuple("понедельник вторник среда четверг пятница суббота воскресенье".split())  # first three letters: the day
SCALE_FORMS = {1e3: "тыс тысяча тысячи тысяч тысячу", 1e6: "млн миллион миллиона миллионов",
               1e9: "млрд миллиард миллиарда миллиардов", 1e12: "трлн триллион триллиона триллионов"}
SCALES = {word: value for value, words in SCALE_FORMS.items() for word in words.split()}
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR", "₴": "UAH"}
_CURRENCY_FORMS = {"USD": "доллар доллара долларов доллары долл", "EUR": "евро", "GBP": "фунт фунта фунтов",
                   "RUB": "рубль рубля рублей рубли руб", "JPY": "иена иены иен иен", "CNY": "юань юаня юаней",
                   "UAH": "гривна гривны гривен гривну грн"}


def stemmed_table(forms: dict[str, str], algorithm: str) -> dict[str, str]:
    """Word forms and their Snowball stems -> value: `quantities` looks a unit up by its stem."""
    stem = snowballstemmer.stemmer(algorithm).stemWord
    return {key: value for value, words in forms.items() for word in words.split() for key in (word, stem(word))}


CURRENCY_WORDS = stemmed_table(_CURRENCY_FORMS, "russian")


def cap_token(upper: str) -> str:
    """A capitalised token: initials ("В.В."), an initial before a name ("А. Меньшов"), a word, "iPhone"."""
    return (rf"(?:[{upper}](?:(?:\.[{upper}])+\.?|\.(?=\s+[{upper}])|[\w&'’ʼ-]*)|[a-z]{{1,2}}[A-Z][\w-]*)")


def alternation(words) -> str:
    """Whole words, longest first."""
    return "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"


# A figure: "10 000" (a space or a no-break space between thousands), "1,5" (a decimal comma), "1.5".
NUM = r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
# No number words: text2num reads none of these languages (`wnum` never matches).
_NO_WORDS = r"(?P<wnum>(?!))(?P<wscale>)"


def number_pattern(scales) -> re.Pattern:
    scale = alternation(scales)
    return re.compile(
        rf"(?P<sign>[{''.join(CURRENCY_SIGNS)}])\s?(?P<cnum>{NUM})(?:\s*(?P<cscale>{scale})\b)?"
        rf"|(?<![\w./:])(?P<clock>\d{{1,2}}:\d\d(?::\d\d)?)(?![\d:])"  # a clock time, skipped
        # not a model's number ("Су-35", "Ту-154"); a range ("10-15") is two numbers
        rf"|(?<![\w./,])(?<![^\W\d_]-)(?P<num>{NUM})(?!\d|[./,]\d|(?-i:[{UPPER}])\b)(?:\s*(?P<scale>{scale})\b)?"
        rf"|{_NO_WORDS}",
        re.IGNORECASE,
    )


def percent_pattern(level: str, points: str) -> re.Pattern:
    return re.compile(rf"(?:(?<![\w.,])(?P<num>{NUM})|{_NO_WORDS})"
                      rf"(?:(?P<points>\s*(?:{points})(?!\w))|(?P<level>\s*(?:%|(?:{level})(?!\w))))", re.IGNORECASE)


def tally_pattern(against: str, votes: str) -> re.Pattern:
    """A vote's result: "97-1", "232 против 198", "232 голосами против 198"."""
    return re.compile(rf"(?<![\w.$€£₽/-])(?P<yes>\d{{1,3}})(?:\s+{votes})?\s*(?:-|–|—|{against})\s*(?P<no>\d{{1,3}})"
                      rf"(?![\w%/]|[.,]\d|-\d)", re.IGNORECASE)


# «…» (a „…“ or “…” inside it stays), „…“, “…”, "…": group 1, the words quoted. Three
# words at least: «» also mark the names of firms, parties and products («Ростелеком»).
QUOTE = re.compile(r"[«„“\"]((?:(?<=«)(?=(?:[^«»\s]+\s+){2})[^«»]{12,}(?=»)|(?<=„)[^„“”]{12,}(?=[“”])|(?<=[“\"])[^\"“”«»]{12,}(?=[”\"])))[»“”\"]")
NEVER = re.compile(r"(?!)")  # a pattern for what the language never writes

_MONTH = (r"(?:январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?"
          r"|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею]|янв\.|февр?\.|авг\.|сент?\.|окт\.|нояб?\.|дек\.)")
# "среда" is also "environment": only "в среду", "до среды", "к среде" are the day.
_WEEKDAY = (r"\b(?P<weekday>понедельник[аеу]?|вторник[аеу]?|четверг[аеу]?|пятниц[аеуы]|суббот[аеуы]|воскресень[еяю]"
            r"|(?:(?<=\b[Вв] )|(?<=\b[Вв]о )|(?<=\b[Нн]а ))среду|(?:(?<=\b[Дд]о )|(?<=\b[Сс]о ))среды|(?<=\b[Кк] )среде)\b")
# A day ("1 апреля 2024 года": the year's "года" stays outside), a month and year, a decade ("1990-х"),
# a year, a month after a preposition ("в апреле", "до конца мая"), a weekday.
DATE = re.compile(
    rf"(?<![\w.,])(?P<dm>\d{{1,2}}(?:-?го)?\s+{_MONTH}(?:\s+(?:19|20)\d\d)?)(?!\w)"
    rf"|\b(?P<my>{_MONTH}\s+(?:19|20)\d\d)(?!\w)"
    rf"|(?<![\w$€£₽.,-])(?P<decade>(?:19|20)\d0-(?:е|х|ые|ых|ми))(?!\w)"
    rf"|(?<![\w$€£₽.,-])(?P<year>(?:1[89]|20)\d\d)(?![\w%,.]\d|-\w|\s*(?:%|процент|проц))(?!\w)"
    rf"|\b(?:в|во|с|со|до|к|по|на|после|перед|конца|конце|начала|начале|середины|середине|прошлом|следующем|этом)"
    rf"\s+(?P<month>{_MONTH})(?!\w)(?!\s+\d)"
    rf"|{_WEEKDAY}",
    re.IGNORECASE,
)
_STAMP_WORD = rf"(?:{_MONTH}|{_WEEKDAY.replace('?P<weekday>', '')}|янв|фев|февр|мар|апр|июн|июл|авг|сен|сент|окт|нояб?|дек)\.?"
# A line that is only a date, perhaps with a time and "Опубликовано": a page's publication stamp.
DATE_STAMP = re.compile(
    rf"^(?=.*\d)(?=.*(?:{_STAMP_WORD}|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\d{{4}}-\d\d-\d\d))[\s,|/.()@–—-]*"
    rf"(?:(?:{_STAMP_WORD}|\d{{1,4}}|\d{{1,2}}[:.]\d\d(?::\d\d)?|г|года|в|опубликовано|обновлено|изменено|дата"
    rf"|публикации|обновления|сегодня|вчера|мск|по|московскому|времени)(?!\w)[\s,|/.():@–—-]*)+$",
    re.IGNORECASE,
)

_SAY = (r"(?:заяви(?:л|ла|ли|ло)|заявля(?:ет|ют)|сообщи(?:л|ла|ли|ло)|сообща(?:ет|ют)|сказа(?:л|ла|ли)"
        r"|отмети(?:л|ла|ли)|отмеча(?:ет|ют)|рассказа(?:л|ла|ли)|подчеркну(?:л|ла|ли)|добави(?:л|ла|ли)"
        r"|поясни(?:л|ла|ли)|написа(?:л|ла|ли)|пишет|пишут|уточни(?:л|ла|ли)|говори(?:т|л|ла|ли)|говорят"
        r"|переда(?:ет|ёт)|предупреди(?:л|ла|ли)|указа(?:л|ла|ли)|признал(?:а|и)?)")
# after the verb, before the holder's capitalised words: no clause ("заявил, что Россия ...")
_NOT_BEFORE_HOLDER = r"(?!(?:что|чтобы|как|когда|если|это|его|её|ее|она|они|он|при|для|после|перед|тем)\b)"
_HOLDER_END = r"(?=[,.;:]|$| (?:в|во|на|от|из|который|которая|которые)\b)"
ATTRIBUTION = re.compile(
    rf"(?i:\b(?:по словам|по данным|по информации|по мнению|по оценкам?|согласно данным|согласно"
    rf"|как сообща(?:ет|ют)|как сообщил[аи]?|как переда[её]т|как пишет|как заявил[аи]?))\s+"
    # the holder: its capitalised words ("министра иностранных дел Ивана Петрова"), else all ("полиции")
    rf"(?:(?:[а-яё-]{{2,}} ){{0,4}}(?P<a>[{UPPER}][\w'’.«»-]*(?: [{UPPER}][\w'’.«»-]*){{0,3}}){_HOLDER_END}"
    rf"|(?P<d>(?:[\w'’.«»-]+ ){{0,5}}?[\w'’.«»-]+){_HOLDER_END})"
    # "Меньшов заявил"; no comma between: "..., сообщил Меньшов" and "», — заявил Меньшов" name the holder after the verb
    rf"|(?<![\w'’.-])(?P<b>(?!(?:[Кк]ак|[Чч]то|[Оо]б этом)\b)(?:[\w'’.-]+ ){{0,4}}?[\w'’.-]*\w) {_SAY}\b"
    # "— заявил Меньшов", "сказал министр иностранных дел Иван Петров": the holder is the capitalised words
    rf"|\b{_SAY},? (?:{_NOT_BEFORE_HOLDER}[а-яё-]{{3,}} ){{0,4}}?(?P<c>(?:[{UPPER}][\w'’.-]+ ?){{1,4}})",
)
ATTRIBUTION_HINT = re.compile(rf"(?i:\bпо словам|\bпо данным|\bпо информации|\bпо мнению|\bпо оценк|\bсогласно)|\b{_SAY}\b")

FUNCTION_WORDS = frozenset(
    """в во на с со к ко по о об обо от до из изо за для без при про через над под перед между у около вокруг после
    среди вместо кроме помимо ради против согласно благодаря вопреки и а но или либо да что чтобы если когда хотя
    потому поэтому так также тоже как будто ли же бы ни не нет то ведь зато однако причем причём пока я ты он она
    оно мы вы они меня тебя его её ее нас вас их ему ей им нам вам мне тебе нём нем ней них себя себе свой своя своё
    свое свои своего своей своих этот эта это эти этого этой этих этом тот та те того той тех весь вся всё все всего
    всей всех каждый каждая каждое который которая которое которые которого которой которых кто чего чем чему
    какой какая какое какие такой такая такое такие сам сама само сами самый уже ещё еще только лишь даже вот там
    тут здесь где куда откуда почему зачем сейчас теперь тогда потом затем сначала очень более менее почти около
    примерно быть был была было были будет будут есть является являются стал стала стало стали может могут мог
    могла могли можно нужно надо нельзя должен должна должно должны один одна одно два две три""".split()
)
# Frequent words that open a sentence and are no name; titles (a title alone is no name: "Президент заявил").
_OPENERS = frozenset(
    """сегодня вчера завтра утром вечером ночью днем днём ранее позже позднее накануне напомним отметим впрочем итак например кстати также
    впервые возможно вероятно видимо наверное конечно действительно всегда никогда иногда часто тем однако
    власти эксперты аналитики полиция жители участники пользователи сотрудники депутаты чиновники источник
    источники представитель представители министерство правительство ведомство компания суд прокуратура
    следователи спасатели врачи журналисты издание агентство сми""".split()
)
# Frequent words of the news that, alone at a sentence's start, are no name ("Сделку закрыли ...", "Продажи выросли").
COMMON_WORDS = _OPENERS | frozenset(
    """компания компании компанию сделка сделку продажи продаж выручка прибыль доходы расходы цена цены рост спрос
    рынок экономика бюджет закон законопроект решение документ документы заявление проект программа сотрудники
    сотрудникам работники чиновники чиновникам граждане люди людям покупатели клиенты специалисты руководство
    руководитель власть страна страны город области регион регионы ситуация вопрос проблема информация сведения
    результаты итоги число количество доля объем объём сумма стоимость ущерб пожар взрыв авария атака удар обстрел
    инцидент акция митинг встреча переговоры соглашение договор контракт санкции меры ограничения запрет требования
    правила изменения проверка расследование обвинения приговор задержание арест смартфоны телефоны устройства
    гаджеты армия военные войска парламент депутаты стало было появилась появились появился известно выяснилось
    оказалось произошло сообщается отмечается говорится речь теперь причина причиной поводом цель задача""".split()
)
NAME_TITLES = frozenset(
    """президент премьер премьер-министр вице-премьер министр замминистра глава губернатор мэр депутат сенатор
    генерал полковник судья посол спикер председатель директор гендиректор пресс-секретарь профессор академик
    господин госпожа г-н г-жа канцлер король королева принц патриарх лидер вице-президент""".split()
)
SOURCE_NOUNS = frozenset(
    """представитель представителя представители представителей пресс-секретарь пресс-секретаря пресс-служба
    пресс-службы министерство министерства ведомство ведомства полиция полиции власти властей сми источник
    источника источники источников эксперты экспертов аналитики аналитиков заявление заявлении агентство
    агентства правительство правительства компания компании суд суда прокуратура прокуратуры следователи
    следствие свидетели данные данным опрос опроса исследование исследования исследователи ученые учёные
    издание издания газета газеты телеканал""".split()
)
VERB_GROUP = frozenset("""уже ещё еще также тоже всё пока был была было были будет будут бы может могут должен
    должна должны можно""".split())
TITLE_ABBREVIATIONS = frozenset("ул им пр пл св акад проф ген".split())  # a name after them goes on: "ул. Тверская"
# Where a full stop goes on: units, scales, "т.е.", "г." (year and city alike), addresses.
ABBREVIATIONS = TITLE_ABBREVIATIONS | frozenset(
    """г гг т.е т.д т.п т.к т.н т.ч млн млрд трлн тыс руб коп долл обл р-н рис см стр др напр мин сек ч кв км
    чел ок прим ред зам и.о гос н.э тел""".split()
)
def byline_pattern(upper: str, photo: str, by: str, joiners: str, tail: str) -> re.Pattern:
    """A byline or a photo credit: "Фото: ...", or "Автор: Имя Фамилия, корреспондент"
    (`by`: the words before the name; `joiners` and `tail`: words that may follow it)."""
    name = rf"(?:[{upper}][\w'’ʼ-]*\.?)(?:\s+[{upper}][\w'’ʼ-]*\.?){{0,4}}"
    rest = (rf"(?:\s*(?:[|,;:/•–—-]|\b(?:[{upper}0-9][\w'’.:/&-]*|{joiners}|специально|спеціально|для|{tail})"
            rf"(?![\w'’.:/&-])))*")
    return re.compile(rf"^(?:(?i:{photo}):\s|(?=.{{0,120}}$)(?!.*[^.\s]{{2}}\.$)(?i:{by})\s*:?\s+{name}{rest}\s*$)")

MEASURE_UNITS = (  # inflected forms spelt out: "футбол", "милиция", "тоннель", "метро" are no units
    (r"килограмм(?:а|ов|ы|ом|ах|ам|ами)?|килограммов\w+|кг", "mass", 1.0),
    (r"грамм(?:а|ов|ы|ом|ах|ам|ами)?|граммов\w+", "mass", 0.001),
    (r"тонн(?:а|ы|у|ой|е|ам|ами|ах)?|тонн\w*ов\w+", "mass", 1000.0),
    (r"километр(?:а|ов|ы|ом|е|ах|ам|ами)?|километров\w+|км", "length", 1000.0),
    (r"метр(?:а|ов|ы|ом|е|ах|ам|ами)?|метров\w+|(?<![-–])м", "length", 1.0),
    (r"сантиметр(?:а|ов|ы|ом|е|ах|ам|ами)?|сантиметров\w+|см", "length", 0.01),
    (r"миллиметр(?:а|ов|ы|ом|е|ах|ам|ами)?|миллиметров\w+|мм", "length", 0.001),
    (r"мил(?:я|и|ь|е|ю|ей|ями|ях|ям)", "length", 1609.344), (r"фут(?:а|ов|ы|ом|ах|ам|ами)?|футов\w+", "length", 0.3048),
    (r"дюйм(?:а|ов|ы|ом|ах|ам|ами)?|дюймов\w+", "length", 0.0254),
    (r"ярд(?:а|ов|ы|ом|ах|ам|ами)?|ярдов\w+", "length", 0.9144), (r"унци(?:я|и|й|ю|ей|ями|ях|ям)", "mass", 0.028349523125),
    (r"(?<=-)фунтов\w+", "mass", 0.45359237),
)  # "фунт" is a weight only as "550-фунтовый": "фунтов" may be sterling

LEXICON = Lexicon(
    code="ru",
    morphology="ru",
    number_lemmas={"один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
                   "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
                   "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
                   "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
                   "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100,
                   "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "оба": 2, "двое": 2, "трое": 3,
                   "четверо": 4, "пятеро": 5, "шестеро": 6},  # number words, read for what a source mentions only
    stemmer="russian",
    sentence_language="ru",
    text2num_language="en",  # text2num has no Russian: number words stay unread; "en" never fails on them
    months=MONTHS,
    month_abbreviations=MONTH_ABBREVIATIONS,
    weekdays=WEEKDAYS,
    date=DATE,
    date_hint=re.compile(r"\d|январ|феврал|март|апрел|ма[йяею]|июн|июл|август|сентябр|октябр|ноябр|декабр"
                         r"|понедельник|вторник|сред|четверг|пятниц|суббот|воскресен", re.IGNORECASE),
    scales=SCALES,
    currency_signs=CURRENCY_SIGNS,
    currency_words=CURRENCY_WORDS,
    number=number_pattern(SCALES),
    percent=percent_pattern(r"процент\w*|проц\.?", r"процентн\w+ пункт\w*|п\.\s?п\.|пп\.?"),
    percent_hint=re.compile(r"%|процент\w*|проц\.?|п\.\s?п\.|пп\.?", re.IGNORECASE),
    tally=tally_pattern("против", "голос(?:ами|ов|а)"),
    tally_hint=re.compile(r"\b(?:голос\w*|проголосова\w*|приня(?:л|ла|ли|т|та|ты)\b|одобри\w*|одобрен\w*|отклони\w*"
                          r"|отклонен\w*|решени\w*|постановлени\w*)", re.IGNORECASE),
    # the word after a number (a full stop of "млн." skipped) that names what it counts
    unit_after=re.compile(r"\.?\s*(?:[-–]\s*)?(?:(?:более|менее|чем|из|новых|других|дополнительных|около|примерно|свыше|до)\s+)*"
                          r"([^\W\d_][\w-]+)"),
    qualifiers={"более": "at_least", "больше": "at_least", "более чем": "at_least", "свыше": "at_least",
                "не менее": "at_least", "не меньше": "at_least", "как минимум": "at_least", "минимум": "at_least",
                "по меньшей мере": "at_least", "менее": "at_most", "меньше": "at_most", "до": "at_most",
                "не более": "at_most", "не больше": "at_most", "максимум": "at_most", "почти": "nearly",
                "чуть менее": "nearly", "около": "about", "примерно": "about", "приблизительно": "about",
                "порядка": "about", "ориентировочно": "about", "по оценкам": "about"},
    not_units=frozenset("и или в во на по с со к из за от до для был была было были будет".split()),
    name=re.compile(rf"(?<![\w'’]){cap_token(UPPER)}(?:\s+(?:(?:де|фон|ван|дер|аль|ибн|бен)\s+)?{cap_token(UPPER)})*"),
    name_joiners=frozenset(("де", "фон", "ван", "дер", "аль", "ибн", "бен")),
    sentence_start=re.compile(r"(?:^|[.!?…:;][\"»”'’)]?\s+|[\"«“„(]\s*)$"),
    # a sentence-initial word with one is most likely common: nouns of acts and states, infinitives, plural adjectives
    # (not "-ия", "-ский", "-ли": "Германия", "Зеленский", "Чили" are names)
    # nouns of action and quality, verbs, and adjective endings (a name is seldom an adjective
    # at a sentence's start: "Операционную систему ...")
    common_suffixes=("ние", "ость", "ости", "ство", "ться", "тся", "ть", "ые", "ие", "ую", "юю", "ого", "его", "ому",
                     "ыми", "ими", "ых", "их"),
    stop_caps=FUNCTION_WORDS | _OPENERS | NAME_TITLES,
    soft_caps=frozenset(),
    name_titles=NAME_TITLES,
    name_suffixes=frozenset(),
    not_name=NEVER,  # no contractions nor party labels
    event_name=NEVER,  # "9/11" is written "11 сентября"; "1/3" is a fraction
    common_words_file="common_words.txt",  # the English list (no Russian one yet): it names no Cyrillic word
    negation=re.compile(r"\b(не|нет|ни|никогда|никто|ничто|ничего|никого|никому|нигде|никуда|никак|никакой|никакие"
                        r"|никаких|нельзя|без)\b", re.IGNORECASE),
    negation_cues=frozenset("""не нет ни никогда никто ничто ничего никого никому нигде никуда никак никакой никакие
        никаких нельзя без""".split()),
    verbal_negations=frozenset({"не", "никогда", "нельзя"}),
    subject_negations=frozenset(),  # "Никаких обвинений не предъявлено": its "не" negates
    determiners=frozenset("""все всё каждый каждая каждое этот эта это эти тот та те его её ее их наш ваш свой
        любой такой""".split()),
    negative_suffixes=(),
    negative_prefixes=("не", "без", "бес"),  # "законный", "незаконный"
    denial=re.compile(r"\b(опроверг(?:ла|ли|ло|ает|ают|нул|нула|нули|нуть)?|опровержени\w*"
                      r"|отрица(?:ет|ют|л|ла|ли|ло|ть|ние|ния|нии|ющ\w*)"
                      r"|отверг(?:ла|ли|ает|ают)? (?:эти |это |эту |этот )?(?:обвинени\w*|утверждени\w*|сообщени\w*"
                      r"|информаци\w*|заявлени\w*|слух\w*))\b", re.IGNORECASE),
    confirmation=re.compile(r"\b(подтверди\w*|подтвержда\w*|подтвержд(?:ение|ения|ено|ены|ён|ена)|призна(?:л|ла|ли|ёт|ет|ют))\b",
                            re.IGNORECASE),
    plan=re.compile(r"\b(?:планиру(?:ет|ют)|намерен[аы]?|намерева(?:ется|ются)|собира(?:ется|ются)|обеща(?:ет|ют|л|ла|ли)"
                    r"|пообеща(?:л|ла|ли)|готов[аы]?|буд(?:ет|ут))\s+(?P<verb>[а-яё]+ть(?:ся)?)\b", re.IGNORECASE),
    past_suffix="л",  # "проголосовал"; "-ла", "-ли" are missed (the field holds one ending)
    not_done=frozenset({"не", "будет", "будут", "чтобы", "может", "могут"}),
    adverb_suffix="чески",  # "практически", "категорически" (most adverbs end in "-о", as many nouns do)
    strong_modal=re.compile(r"\b(должн(?:ы|а|о)|должен|обязан(?:ы|а|о)?|обязательн\w*|обязыва\w*|обязал[аи]?|требуется"
                            r"|требу(?:ет|ют)|потребовал[аи]?|вынужден[аы]?|запрещ\w*|запрети\w*|приказал[аи]?|нужно"
                            r"|необходимо|придётся|придется|нельзя)\b", re.IGNORECASE),
    weak_modal=re.compile(r"\b(рекоменд\w*|совету(?:ет|ют)|посоветова\w*|советовал[аи]?|предлага(?:ет|ют)|предложил[аи]?"
                          r"|призва(?:л|ла|ли)|призыва(?:ет|ют)|следует|могут|может|можно|добровольн\w*|по желанию)\b",
                          re.IGNORECASE),
    attribution=ATTRIBUTION,
    attribution_hint=ATTRIBUTION_HINT,
    holder_leading=frozenset("""и а но или его её ее их этот эта также вчера сегодня накануне ранее позже
        понедельник вторник среду четверг пятницу субботу воскресенье""".split()),
    holder_inner=frozenset(("по", "при")),  # "представитель министерства по чрезвычайным ситуациям"
    holder_modifiers=frozenset(("в", "во", "на", "из", "накануне", "после")),
    auxiliaries=frozenset(("также", "тоже", "уже", "ранее")),
    contrasts=frozenset(("но", "однако", "а", "хотя", "зато", "впрочем")),
    not_negating=frozenset(("только", "лишь")),  # "не только"
    negating_pairs=frozenset(),
    verb_group=VERB_GROUP,
    clause_starts=frozenset("""и но а или когда после перед потому пока что который которая которое которые
        которого где хотя поскольку чтобы если""".split()),
    emphatic=frozenset((("не", "менее"), ("не", "меньше"), ("не", "более"), ("не", "больше"))),  # bounds, not negations
    conditionals=frozenset(("если", "ли", "будто")),  # "примет ли парламент": whether
    said_after_quote=re.compile(rf"(?:[{UPPER}][\w'’.-]*\s+){{1,4}}{_SAY}\.?$|^[—–-]?\s*{_SAY}\s+(?:[\w'’.-]+\s+){{0,4}}?"
                                rf"[{UPPER}][\w'’.-]*\.?$"),
    name_aliases={"сша": "соединенные штаты", "рф": "российская федерация"},
    holder_trailing=frozenset("""также тоже ранее позже позднее вчера сегодня уже затем впоследствии якобы публично
        официально лично неоднократно накануне""".split()),
    money_words=frozenset(_CURRENCY_FORMS["USD"].split() + _CURRENCY_FORMS["RUB"].split() + ["евро"] + list(SCALES)),
    holder_breaks=frozenset("""журналистам агентству изданию телеканалу газете радио корреспонденту через во время
        после накануне рядом около""".split()),
    verb_joiners=frozenset(("и", "а", "но", "затем")),
    pronoun_subjects=frozenset("он она оно они мы я ты вы это который которая которые кто что там".split()),
    source_nouns=SOURCE_NOUNS,
    quote=QUOTE,
    function_words=FUNCTION_WORDS,
    antonyms_file="antonyms.txt",  # the English tables (no Russian ones yet): they name no Cyrillic word
    synonyms_file="synonyms.txt",
    # Headings that open a block of links to other stories; everything after is chrome.
    teaser_heading=re.compile(
        r"^(?:другие|ещё|еще|последние|свежие|главные|похожие|популярные|связанные)\b.{0,30}"
        r"\b(?:новости|материалы|статьи|публикации)\s*:?$"
        r"|^(?:новости|материалы|статьи|публикации) по теме\s*:?$|^(?:читайте )?по теме\s*:?$"
        r"|^(?:самое|самые) (?:читаемое|популярное|читаемые|популярные|обсуждаемые)(?: за \w+)?\s*:?$"
        r"|^(?:вам )?(?:может быть |также )?(?:будет )?интересно\s*:?$",
        re.IGNORECASE,
    ),
    # Calls to action, subscription lines, "see also" links inside the text (the story goes on after them).
    promo=re.compile(
        r"\b(?:подписывайтесь|подпишитесь|подписаться|читайте (?:также|нас)|смотрите также|следите за (?:нами|новостями)"
        r"|присоединяйтесь|скачайте (?:наше )?(?:мобильное )?приложение|читать (?:далее|полностью)|подробнее на"
        r"|поделиться|все права защищены"
        r"|наш(?:ем|ему|его|у)? (?:telegram|телеграм|youtube|ютуб|viber|вайбер|whatsapp|дзен)[\w-]*"
        r"|(?:telegram|телеграм|youtube|viber|whatsapp)[- ]канал\w*|(?:сайт|мы) использу\w+ (?:файлы )?(?:cookie|куки)\w*)(?!\w)"
        r"|^(?=.{0,80}$)(?:реклама|на правах рекламы|партн[её]рский материал|спецпроект)(?!\w)",
        re.IGNORECASE,
    ),
    # "<Имя Фамилия> — корреспондент ...": a short line.
    bio=re.compile(rf"^(?=.{{0,160}}$)(?:[{UPPER}][\w'’.-]+(?: [{UPPER}][\w'’.-]+){{0,3}} )?[—–-] (?:[\w-]+ ){{0,3}}?"
                   r"(?:корреспондент|журналист|редактор|обозревател|колумнист|автор|аналитик|продюсер)\w*\b"),
    # "Автор: Иван Петров", "Фото: ..."
    byline=byline_pattern(UPPER, "фото|изображение|иллюстрация|видео|источник фото",
                          "автор|текст|подготовил[аи]?|материал подготовил[аи]?|записал[аи]?", "и",
                          r"корреспондент\w*|редактор\w*|обозревател\w*|обновлено|опубликовано"),
    promo_verbs=frozenset({"telegram", "telegram-канал", "youtube", "viber", "whatsapp", "tiktok", "vk"}),
    abbreviations=ABBREVIATIONS,
    title_abbreviations=TITLE_ABBREVIATIONS,
    time_zones=frozenset({"МСК", "мск"}),
    spelling_variants=((re.compile("ё"), "е"),),  # "ё" is written or not: "всё", "все"
    date_stamp=DATE_STAMP,
    decimal_comma=True,
    common_words=COMMON_WORDS,
    measure_units=MEASURE_UNITS,
)
