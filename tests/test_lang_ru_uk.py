"""Russian and Ukrainian lexicons: their facts are keyed as English ones are, so a Russian
or Ukrainian statement and an English one that give the same value compare equal."""

import pytest

from crosscheck.clean import find_chrome
from crosscheck.facts import extract_facts
from crosscheck.lang import LANGUAGES, lexicon
from crosscheck.segment import sentence_spans


def keys(text, language, kind, slot=None):
    return {f.key for f in extract_facts(text, language).of(kind) if slot is None or f.slot == slot}


def test_both_languages_are_offered():
    assert {"ru", "uk"} <= set(LANGUAGES)
    assert lexicon("ru").code == "ru" and lexicon("uk").code == "uk"
    assert lexicon("uk").sentence_language == "ru"  # pysbd has no Ukrainian


@pytest.mark.parametrize("text, language", [
    ("Компания продала 1,5 млн смартфонов за квартал.", "ru"),
    ("Компанія продала 1,5 млн смартфонів за квартал.", "uk"),
    ("Компания продала 1,5 миллиона смартфонов за квартал.", "ru"),
])
def test_a_decimal_comma_and_a_scale_give_the_english_value(text, language):
    english = keys("The company sold 1.5 million smartphones in the quarter.", "en", "number")
    assert english == {"1500000"}
    assert keys(text, language, "number") == english


@pytest.mark.parametrize("text, language", [
    ("На заводе работают 10 000 человек.", "ru"),
    ("На заводе работают 10\u00a0000 человек.", "ru"),
    ("На заводе работают 10 тыс. человек.", "ru"),
    ("На заводе работают 10 тысяч человек.", "ru"),
    ("На заводі працюють 10 000 людей.", "uk"),
    ("На заводі працюють 10\u00a0000 людей.", "uk"),
    ("На заводі працюють 10 тисяч людей.", "uk"),
    ("На заводі працюють 10 тис. людей.", "uk"),
])
def test_thousands_spaced_or_written_as_a_word(text, language):
    assert keys(text, language, "number") == {"10000"}


def test_billions_and_money():
    assert keys("Бюджет проекта составил 3 млрд рублей.", "ru", "number") == {"RUB 3000000000"}
    assert keys("Бюджет проєкту склав 3 мільярдів гривень.", "uk", "number") == {"UAH 3000000000"}
    assert keys("Сделка стоила 2 млн. долларов.", "ru", "number") == keys("The deal cost $2 million.", "en", "number")


@pytest.mark.parametrize("text, language", [
    ("Продажи выросли на 5% за год.", "ru"),
    ("Продажи выросли на 5 процентов за год.", "ru"),
    ("Продажі зросли на 5 відсотків за рік.", "uk"),
    ("Продажі зросли на 5% за рік.", "uk"),
])
def test_percentages(text, language):
    assert keys(text, language, "percent") == keys("Sales rose 5 percent over the year.", "en", "percent") == {"5%"}
    assert keys(text, language, "number") == set()  # the figure is the percentage's, not a count


def test_a_decimal_percentage():
    assert keys("Доля рынка выросла до 2,5%.", "ru", "percent") == {"2.5%"}


def test_number_words_are_left_unread_without_failing():
    facts = extract_facts("Две тысячи человек вышли на улицы.", "ru")
    assert facts.of("number") == []
    assert extract_facts("Дві тисячі людей вийшли на вулиці.", "uk").of("number") == []


@pytest.mark.parametrize("text, language", [
    ("Чиновники должны сдать телефоны до 1 апреля.", "ru"),
    ("Посадовці мають здати телефони до 1 квітня.", "uk"),
])
def test_a_day_in_the_genitive_is_the_english_day(text, language):
    english = keys("Officials must hand in their phones by April 1.", "en", "date")
    assert english == {"04-01"}
    assert keys(text, language, "date") == english


def test_a_day_with_its_year():
    english = keys("The deal closed on April 1, 2024.", "en", "date")
    assert keys("Сделку закрыли 1 апреля 2024 года.", "ru", "date") == english == {"2024-04-01"}
    assert keys("Угоду закрили 1 квітня 2024 року.", "uk", "date") == english


def test_a_month_and_a_decade():
    assert keys("Переговоры начнутся в апреле.", "ru", "date") == keys("Talks will start in April.", "en", "date")
    assert keys("Переговори почнуться у квітні 2024 року.", "uk", "date") == {"2024-04"}
    assert keys("Завод построили в 1990-х годах.", "ru", "date") == keys("The plant was built in the 1990s.", "en", "date")


@pytest.mark.parametrize("text, language, english", [
    ("Совет соберётся в четверг.", "ru", "The council will meet on Thursday."),
    ("Рада збереться у четвер.", "uk", "The council will meet on Thursday."),
    ("Заседание перенесли на четверга утро.", "ru", "The session was moved to Thursday morning."),
    ("Совет соберётся в понедельник.", "ru", "The council will meet on Monday."),
    ("Рада збереться у понеділок.", "uk", "The council will meet on Monday."),
    ("Голосование пройдёт в среду.", "ru", "The vote will take place on Wednesday."),
    ("Голосування відбудеться в п’ятницю.", "uk", "The vote will take place on Friday."),
])
def test_weekdays_in_any_case_are_the_english_weekday(text, language, english):
    assert keys(text, language, "date", "weekday") == keys(english, "en", "date", "weekday") != set()


def test_the_environment_is_no_wednesday():
    assert keys("Окружающая среда пострадала от выбросов.", "ru", "date") == set()


@pytest.mark.parametrize("text, language", [
    ("Компания не получала никаких запросов.", "ru"),
    ("Запросов нет.", "ru"),
    ("Компанія не отримувала жодних запитів.", "uk"),
    ("Запитів немає.", "uk"),
])
def test_negated_statements(text, language):
    assert extract_facts(text, language).negations >= 1


def test_an_affirmative_statement_has_no_negation():
    assert extract_facts("Компания получила три запроса.", "ru").negations == 0
    assert extract_facts("Компанія отримала три запити.", "uk").negations == 0


@pytest.mark.parametrize("text, language", [
    ("Меньшов опроверг эти сведения.", "ru"),
    ("Пресс-служба опровергла сообщение.", "ru"),
    ("Министерство отрицает свою причастность.", "ru"),
    ("В компании опровергли слухи о продаже.", "ru"),
    ("Меньшов спростував ці відомості.", "uk"),
    ("Пресслужба спростувала повідомлення.", "uk"),
    ("Міністр заперечив свою причетність.", "uk"),
])
def test_denial_verbs(text, language):
    assert [f.key for f in extract_facts(text, language).of("denial")] == ["denial"]


def test_a_negative_result_is_no_denial():
    assert extract_facts("Анализ дал отрицательный результат.", "ru").of("denial") == []


def test_confirmation():
    assert lexicon("ru").confirmation.search("компания подтвердила эти сведения")
    assert lexicon("uk").confirmation.search("компанія підтвердила ці відомості")


@pytest.mark.parametrize("text, language, holder", [
    ("Меньшов заявил, что сделка состоится.", "ru", "меньшов"),
    ("Сделка состоится, сообщил Алексей Меньшов.", "ru", "алексей меньшов"),
    ("«Сделка состоится», — сказала Анна Петрова.", "ru", "анна петрова"),
    ("Как отметил министр финансов Иван Петров, бюджет сбалансирован.", "ru", "иван петров"),
    ("Меньшов заявив, що угода відбудеться.", "uk", "меньшов"),
    ("Угода відбудеться, повідомив Олексій Меньшов.", "uk", "олексій меньшов"),
    ("Як зазначив міністр фінансів Іван Петренко, бюджет збалансований.", "uk", "іван петренко"),
])
def test_attribution_verbs(text, language, holder):
    assert keys(text, language, "attribution") == {holder}


def test_no_holder_from_a_clause_after_the_verb():
    assert keys("Министр заявил, что Россия выполнит обязательства.", "ru", "attribution") == set()


@pytest.mark.parametrize("text, language, slot", [
    ("Чиновники должны сдать свои телефоны.", "ru", "required"),
    ("Чиновники обязаны сдать свои телефоны.", "ru", "required"),
    ("Чиновникам рекомендовали сменить телефоны.", "ru", "recommended"),
    ("Чиновники могут сменить телефоны.", "ru", "recommended"),
    ("Посадовці повинні здати свої телефони.", "uk", "required"),
    ("Посадовці зобов’язані здати свої телефони.", "uk", "required"),
    ("Посадовцям рекомендували змінити телефони.", "uk", "recommended"),
    ("Посадовці можуть змінити телефони.", "uk", "recommended"),
])
def test_modality(text, language, slot):
    assert keys(text, language, "modality") == {slot}


@pytest.mark.parametrize("text, language", [
    ("Он сказал: «Мы не будем продавать компанию никому».", "ru"),
    ("Він сказав: „Ми не продаватимемо компанію нікому“.", "uk"),
    ("Він сказав: «Ми не продаватимемо компанію нікому».", "uk"),
])
def test_quotes_in_guillemets_and_low_quotes(text, language):
    quotes = extract_facts(text, language).of("quote")
    assert len(quotes) == 1 and quotes[0].key.startswith("м") and quotes[0].key.endswith("нікому" if language == "uk" else "никому")


def test_cyrillic_capitalised_words_are_names():
    names = keys("Вчера Меньшов прилетел в Киев на встречу с компанией «Ростелеком».", "ru", "name")
    assert {"меньшов", "ростелеком", "киев"} <= names
    assert keys("Учора Меньшов зустрівся з керівництвом «Укртелеком».", "uk", "name") >= {"меньшов", "укртелеком"}


def test_a_sentence_initial_common_word_is_no_name():
    assert keys("Сделку закрыли в пятницу.", "ru", "name") == set()
    assert keys("Продажи выросли, сообщил Меньшов.", "ru", "name") == {"меньшов"}
    assert keys("Угоду закрили в п'ятницю.", "uk", "name") == set()
    assert keys("Президент Меньшов подписал указ.", "ru", "name") == {"меньшов"}


def test_a_vote_tally():
    assert keys("Госдума приняла закон 320 голосами против 15.", "ru", "tally") == {"320-15"}
    assert keys("Рада ухвалила закон 300 голосами проти 12.", "uk", "tally") == {"300-12"}


PAGE_RU = """Компания продала миллион телефонов

Компания продала миллион телефонов за первый квартал, сообщил её директор.

Читайте также: Минфин повысил прогноз роста экономики на этот год

Аналитики ожидают, что продажи продолжат расти и во втором квартале.

Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости.
"""

PAGE_UK = """Компанія продала мільйон телефонів

Компанія продала мільйон телефонів за перший квартал, повідомив її директор.

Читайте також: Мінфін підвищив прогноз зростання економіки на цей рік

Аналітики очікують, що продажі зростатимуть і в другому кварталі.

Підписуйтесь на наш Telegram-канал, щоб першими дізнаватися новини.
"""


@pytest.mark.parametrize("page, language", [(PAGE_RU, "ru"), (PAGE_UK, "uk")])
def test_page_chrome_is_set_aside(page, language):
    title = page.splitlines()[0]
    lines = find_chrome(page, title, language)
    reasons = {line.text.split()[0]: line.reason for line in lines}
    assert lines[0].headline
    assert reasons["Читайте"] == "promo or call to action"
    assert reasons[next(w for w in reasons if w.startswith("Підпис") or w.startswith("Подпис"))] == "promo or call to action"
    assert reasons["Аналитики" if language == "ru" else "Аналітики"] is None  # the story goes on after a "see also"


def test_a_teaser_heading_ends_the_story():
    page = "Заголовок новости\n\nКомпания продала миллион телефонов за квартал.\n\nНовости по теме:\n\nДругая история\n"
    reasons = [line.reason for line in find_chrome(page, "Заголовок новости", "ru")]
    assert reasons[-2:] == ["related-stories teaser", "related-stories teaser"]


def sentences(text, language):
    return [text[a:b] for a, b in sentence_spans(text, language)]


def test_abbreviations_do_not_end_a_russian_sentence():
    text = ("Сделка стоила 2 млн. рублей и была закрыта в 2023 г. в Москве. "
            "Договор, т.е. соглашение о поставках, подписан. Рост составил 10 тыс. рублей за месяц.")
    assert sentences(text, "ru") == ["Сделка стоила 2 млн. рублей и была закрыта в 2023 г. в Москве.",
                                     "Договор, т.е. соглашение о поставках, подписан.",
                                     "Рост составил 10 тыс. рублей за месяц."]


def test_a_scale_abbreviation_can_still_end_a_sentence():
    assert sentences("Выручка выросла на 3 млн. Аналитики ждут роста.", "ru") == ["Выручка выросла на 3 млн.",
                                                                                 "Аналитики ждут роста."]


def test_abbreviations_do_not_end_a_ukrainian_sentence():
    text = "Угода коштувала 2 млн. гривень і була закрита у 2023 р. у Києві. Наступного дня акції зросли."
    assert sentences(text, "uk") == ["Угода коштувала 2 млн. гривень і була закрита у 2023 р. у Києві.",
                                     "Наступного дня акції зросли."]


def test_english_keys_are_unchanged():
    assert keys("Sales of 1,500 phones fell on Thursday in the 1990s.", "en", "number") == {"1500"}
    assert keys("Sales of 1,500 phones fell on Thursday in the 1990s.", "en", "date") == {"thursday", "1990s"}
