"""Russian and Ukrainian sources against an English one, for real (the multilingual
encoder, the language tables), on two short articles written for these tests: each reports
two of the seed story's facts, one with the same year as The Record and one with another
figure (3 million devices against The Record's 2 million)."""

import json

import numpy as np
import pytest

from conftest import ROOT, SEEDS

pytestmark = pytest.mark.model
RECORD = str(SEEDS[0])
OURS = {"ru": ROOT / "tests" / "data" / "aurora-ru.txt", "uk": ROOT / "tests" / "data" / "aurora-uk.txt"}


@pytest.fixture(scope="module", params=["ru", "uk"])
def report(request, real_checker):
    return request.param, real_checker.compare_files([RECORD, str(OURS[request.param])]).to_dict()


def _text(report, statement_id):
    return next(s["text"] for s in report["statements"] if s["id"] == statement_id)


def test_the_language_of_each_source_is_detected_and_shown(report):
    language, r = report
    assert [s["language"] for s in r["sources"]] == ["en", language]
    assert "multilingual-e5" in r["model"]  # MiniLM reads English only


def test_the_same_year_is_matched_across_languages(report):
    _, r = report
    agreed = [f for f in r["findings"] if f["kind"] == "agree"
              and any("in 2016 primarily" in _text(r, s) for s in f["statements"])]
    assert agreed and any("2016" in _text(r, s) and "Ростелеком" in _text(r, s) for s in agreed[0]["statements"])


def test_another_figure_is_a_divergence(report):
    _, r = report
    reasons = [(x["type"], sorted(x["values"].values())) for f in r["findings"] if f["kind"] == "diverge"
               for x in f["reasons"]]
    assert ("number", ["2 million", "3 млн"]) in reasons


def test_a_name_in_two_scripts_is_never_one_sided_for_the_script_alone(report):
    _, r = report
    facts = [fact for f in r["findings"] if f["kind"] == "one_sided" for fact in f["facts"]]
    assert not [fact for fact in facts if "остелеком" in fact or "Rostelecom" in fact]
    assert not [fact for fact in facts if fact in ("России", "Росії", "Аврора", "Menshov", "Меньшов", "Меншов")]


def test_reports_show_each_statement_in_its_own_language(report):
    from crosscheck.render import render

    language, r = report
    page = render(r, "html")
    assert f'lang="{language}"' in page and "nothing is machine-translated" in page
    assert "nothing is machine-translated" in render(r, "md")
    assert "3 млн" in page  # quoted as written, not translated


def test_lang_overrides_detection_and_is_checked(tmp_path):
    from crosscheck.errors import UsageError
    from crosscheck.read import read_articles

    articles = read_articles([RECORD, str(OURS["ru"])], languages="en,uk")
    assert [a.language for a in articles] == ["en", "uk"]
    with pytest.raises(UsageError, match="not one crosscheck reads"):
        read_articles([RECORD, str(OURS["ru"])], languages="en,de")
    with pytest.raises(UsageError, match="2 sources"):
        read_articles([RECORD, str(OURS["ru"])], languages="en,ru,uk")


def test_detection_tells_russian_from_ukrainian():
    from crosscheck.lang.detect import detect_language

    assert detect_language(OURS["ru"].read_text("utf-8")) == "ru"
    assert detect_language(OURS["uk"].read_text("utf-8")) == "uk"
    assert detect_language(SEEDS[1].read_text("utf-8")) == "en"


def test_three_languages_at_once_make_claims(real_checker):
    r = real_checker.compare_files([RECORD, str(OURS["ru"]), str(OURS["uk"])]).to_dict()
    assert r["claims"] and [s["language"] for s in r["sources"]] == ["en", "ru", "uk"]
    everywhere = [c for c in r["claims"] if len({s.split(":")[0] for s in c["statements"]}) == 3]
    assert everywhere  # a fact all three report, in three languages


def test_a_manifest_line_says_its_language(tmp_path):
    from crosscheck.stories import read_batch

    manifest = tmp_path / "batch.jsonl"
    lines = [{"story": "aurora", "path": RECORD}, {"story": "aurora", "path": str(OURS["ru"]), "lang": "uk"},
             {"story": "aurora", "path": str(OURS["uk"]), "lang": "xx"}]
    manifest.write_text("\n".join(json.dumps(line) for line in lines), "utf-8")
    story = read_batch(manifest).stories[0]
    assert [a.language for a in story.articles] == ["en", "uk"]
    assert any("not one crosscheck reads" in error for error in story.errors)


def test_batch_aligns_a_story_in_two_languages_as_compare_does(tmp_path, real_checker):
    import shutil

    from crosscheck.batch import run_batch
    from crosscheck.embed.cache import EmbeddingCache

    story = tmp_path / "in" / "aurora"
    story.mkdir(parents=True)
    shutil.copy(RECORD, story / "a-record.txt")
    shutil.copy(OURS["ru"], story / "b-ru.txt")
    with EmbeddingCache(tmp_path / "cache") as cache:
        run_batch(tmp_path / "in", tmp_path / "out", checker=real_checker, cache=cache)
    batch_report = json.loads((tmp_path / "out" / "aurora.json").read_text("utf-8"))
    alone = real_checker.compare_files([str(story / "a-record.txt"), str(story / "b-ru.txt")]).to_dict()
    assert "multilingual-e5" in batch_report["model"]
    assert batch_report["findings"] == alone["findings"]


@pytest.mark.parametrize("cyrillic, latin, same", [
    ("Меньшов", "Menshov", True), ("Ростелекомом", "Rostelecom", True), ("Київ", "Kyiv", True),
    ("Кремль", "Kremlin", True), ("Авроре", "Aurora", True), ("России", "Russia", True),
    ("Пхеньяна", "Pyongyang", True), ("ООН", "United Nations", True), ("Северная Корея", "North Korea", True),
    ("Сполучені Штати", "United States", True), ("Роза", "Rosa", True),
    ("Меньшов", "Medvedev", False), ("Песков", "Pavlov", False), ("Возрождение", "WHO", False),
    ("Киев", "Kharkiv", False),
])
def test_one_name_in_two_scripts(cyrillic, latin, same):
    from crosscheck.lang.script import sounds_alike

    assert sounds_alike(cyrillic, latin) is same


FERRY = {language: ROOT / "tests" / "data" / f"ferry-{language}.txt" for language in ("en", "ru", "uk")}


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_a_translation_agrees_sentence_by_sentence(real_checker, language):
    """Our own eight-line story and our own translation of it: every sentence is judged the
    same fact as its own translation, and only as that."""
    r = real_checker.compare_files([str(FERRY["en"]), str(FERRY[language])]).to_dict()
    where = {s["id"]: n for source in ("en", language)
             for n, s in enumerate(x for x in r["statements"] if x["source"] == f"ferry-{source}")}
    agreements = [f for f in r["findings"] if f["kind"] == "agree"]
    assert len(agreements) == 8
    assert all(len({where[s] for s in f["statements"]}) == 1 for f in agreements)  # line n with line n


def test_a_pair_in_two_languages_is_judged_at_the_cosine_the_map_gives(real_checker, monkeypatch):
    """The same-fact score of a pair in two languages reads the map to one language's cosine
    (not the per-story shift alignment uses): every translated pair agrees, and none would if
    the map put them at cosine 0."""
    from crosscheck.align import Calibration

    def agreements():
        r = real_checker.compare_files([str(FERRY["en"]), str(FERRY["uk"])]).to_dict()
        return [f for f in r["findings"] if f["kind"] == "agree"]

    asked = []
    assert len(agreements()) == 8
    monkeypatch.setattr(Calibration, "one_language", lambda self, cosine, languages, shift: asked.append(languages) or 0.0)
    assert agreements() == [] and asked and all(sorted(pair) == ["en", "uk"] for pair in asked)


def test_a_pair_in_two_languages_is_judged_at_the_cosine_it_would_have_in_one():
    from crosscheck.align import Calibration
    from crosscheck.embed.e5 import shared_encoder

    calibration = Calibration((0.0, 1.0), (0.0, 1.0), 0.8, (("en-uk", (0.8, 0.9, 1.0), (0.8, 0.95, 1.0)),))
    assert calibration.one_language(0.9, ("uk", "en"), 0.02) == pytest.approx(0.95)  # either order, no shift
    assert calibration.one_language(0.88, ("ru", "uk"), 0.02) == pytest.approx(0.9)  # not fitted: shifted
    assert calibration.apply(np.array([0.88]), 0.02)[0] == pytest.approx(0.9)  # alignment: shifted only
    shipped = shared_encoder().calibration()
    assert {key for key, _, _ in shipped.across} == {"en-ru", "en-uk", "ru-uk"}
    for _, knots_from, knots_to in shipped.across:
        assert np.all(np.diff(knots_from) > 0) and np.all(np.diff(knots_to) >= 0)


@pytest.mark.parametrize("language, text", [("ru", "Власти США заявили об этом в понедельник."),
                                            ("uk", "Влада США заявила про це в понеділок.")])
def test_the_us_in_cyrillic_initials_is_the_us(language, text):
    """"США" is read as its spelt-out name, which must still be the United States."""
    from crosscheck.facts import extract_facts
    from crosscheck.judge.salience import SourceIndex

    english = next(f for f in extract_facts("U.S. officials said so on Monday.").facts if f.kind == "name")
    assert SourceIndex.build([extract_facts(text, language)], language).mentions(english)


@pytest.mark.parametrize("language, text", [("ru", "Затонули две лодки, восемь человек ранены."),
                                            ("uk", "Затонули два човни, вісьмох людей поранено.")])
def test_number_words_in_cyrillic_mention_the_english_numbers(language, text):
    """Read for what a source mentions only: "eight" is not one-sided against "вісьмох"."""
    from crosscheck.facts import extract_facts
    from crosscheck.judge.salience import SourceIndex

    english = [f for f in extract_facts("Two boats sank and eight people were hurt.").facts if f.kind == "number"]
    index = SourceIndex.build([extract_facts(text, language)], language)
    assert [f.key for f in english] == ["2", "8"] and all(index.mentions(f) for f in english)
    three = next(f for f in extract_facts("Three boats sank.").facts if f.kind == "number")
    assert not index.mentions(three)
    assert not [f for f in extract_facts(text, language).facts if f.kind == "number"]  # no value to compare


@pytest.mark.parametrize("language, text, numbers", [
    ("uk", "П'ять човнів і дев'ять будинків; пʼятеро поранених.", ["5", "9"]),
    ("ru", "Из трех лодок две затонули; сто человек эвакуированы.", ["3", "2", "100"]),
])
def test_number_words_in_every_spelling(language, text, numbers):
    from crosscheck.facts import extract_facts
    from crosscheck.judge.salience import SourceIndex

    index = SourceIndex.build([extract_facts(text, language)], language)
    assert all(("number", n) in index.keys for n in numbers)


def test_a_word_that_is_mostly_no_number_is_none():
    from crosscheck.facts import extract_facts
    from crosscheck.judge.salience import SourceIndex

    index = SourceIndex.build([extract_facts("Он приехал с семью в Москву.", "ru")], "ru")  # his family, not seven
    assert ("number", "7") not in index.keys


def _lines(path):
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def _run(encoder, text, across):
    """The same-fact encoder's graph run on one text, the adapter on or off."""
    _, words, _, _, session = encoder.ready()
    x = encoder._embeddings(words, text)
    v = session.run(None, {"word_embeddings": x, "attention_mask": np.ones(x.shape[:2], dtype=np.int64),
                           "across": np.array([across])})[0][0]
    return (v / max(float(np.linalg.norm(v)), 1e-12)).astype(np.float32)


def test_only_cyrillic_text_in_a_story_of_two_languages_goes_through_the_adapter():
    from crosscheck.embed.e5 import E5Embedder

    encoder = E5Embedder()  # its own memory of vectors
    english, ukrainian = _lines(FERRY["en"]), _lines(FERRY["uk"])
    for text in english + ["The agency is called «Роскосмос» in Russian."]:
        assert np.array_equal(encoder.across().encode([text])[0], _run(encoder, text, False))
    for text in ukrainian + ["Компанія Apple випустила iPhone 15 Pro."]:
        assert np.array_equal(encoder.across().encode([text])[0], _run(encoder, text, True))
        assert np.array_equal(encoder.encode([text])[0], _run(encoder, text, False))  # within one language: plain
        assert not np.array_equal(_run(encoder, text, True), _run(encoder, text, False))


def test_a_story_in_one_language_reads_the_plain_encoder(real_checker, tmp_path):
    from crosscheck.read import read_articles

    other = tmp_path / "another-outlet.txt"
    other.write_text(FERRY["ru"].read_text("utf-8").replace("Хол", "Гол"), "utf-8")
    russian = read_articles([str(FERRY["ru"]), str(other)])
    assert real_checker.fact_encoder(russian) is real_checker.fact_embedder
    mixed = read_articles([str(FERRY["en"]), str(FERRY["ru"])])
    assert real_checker.fact_encoder(mixed).fingerprint.endswith("(U+0400-U+052F, most letters)")
    assert real_checker.aligner(mixed)[0] is real_checker.fact_encoder(mixed)


def test_the_map_and_the_bars_were_fitted_on_the_shipped_layers():
    import json

    from crosscheck.embed.e5 import FOLDER

    layers = json.loads((FOLDER / "meta.json").read_text("utf-8"))["layers_sha256"]
    assert json.loads((FOLDER / "scale.json").read_text("utf-8"))["across"]["layers_sha256"] == layers
    same_fact = json.loads((ROOT / "crosscheck" / "data" / "same_fact.json").read_text("utf-8"))
    assert same_fact["across_languages"]["in_translation"]["layers_sha256"] == layers


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_the_adapter_puts_a_translation_nearer_its_english_original(language):
    """On our own story (never trained on): with the adapter each translated line stands
    further above the other English lines (the adapter keeps a translation at its original
    and moves the rest away), so the margin alignment reads grows for every line."""
    from crosscheck.embed.e5 import E5Embedder

    encoder = E5Embedder()
    english = np.stack([_run(encoder, t, False) for t in _lines(FERRY["en"])])
    lines = _lines(FERRY[language])
    adapted = np.stack([_run(encoder, t, True) for t in lines]) @ english.T
    plain = np.stack([_run(encoder, t, False) for t in lines]) @ english.T
    assert len(lines) == len(english) == 8

    def margins(cosines):
        return np.diag(cosines) - np.where(np.eye(8, dtype=bool), -1.0, cosines).max(axis=1)

    assert np.all(margins(plain) > 0)
    assert np.all(margins(adapted) > margins(plain))


@pytest.mark.parametrize("language, text, key", [
    ("en", "A forensic examination found the 550-pound hog had mauled him.", "kg 249.4758"),
    ("en", "The 550 pound hog had mauled him; the fine was 5 pounds.", "kg 249.4758"),
    ("en", "Sims, who was 6-foot-6, grew up in the city.", "m 1.9812"),
    ("en", "Locally, 1 to 4 inches of rain will fall.", "m 0.0254 m 0.1016"),
    ("ru", "Осадки от 2,5 до 10 см вызовут паводки.", "m 0.025 m 0.1"),
    ("en", "He is 6 feet 7 inches tall.", "m 2.0066"),
    ("ru", "Рост Симса 1 м 82 см.", "m 1.82"),
    ("uk", "Експертиза встановила, що 249-кілограмовий кабан знівечив фермера.", "kg 249"),
    ("uk", "Шторм просунувся на 8 км углиб.", "m 8000"),
])
def test_a_mass_or_a_length_is_read_in_kilograms_or_metres(language, text, key):
    from crosscheck.facts import extract_facts

    assert " ".join(f.key for f in extract_facts(text, language).of("number") if f.slot in ("mass", "length")) == key


@pytest.mark.parametrize("language, text", [
    ("en", "The area is 500 km² and the speed 60 km/h."), ("en", "Winds of 60 miles per hour hit 5 pounds."),
    ("ru", "5 футбольных клубов, 3 милиционера, 2 тоннеля, 4 метро и 5 грамматических ошибок."),
    ("ru", "Команда заняла 2-е место во 2-м туре в 1990-м году."), ("en", "He owns 3 Miles Davis records."),
    ("en", "A 25 million pound fee and a 10-pound note."), ("en", "He was six-foot-six."),
    ("uk", "5 футбольних клубів, 3 міліціонери, 2 тонелі та 5 грамот; 90 км/год."),
])
def test_areas_speeds_money_and_look_alike_words_are_no_lengths_or_masses(language, text):
    from crosscheck.facts import extract_facts

    assert not [f for f in extract_facts(text, language).of("number") if f.slot in ("mass", "length")]


@pytest.mark.parametrize("english, other, language, differ", [
    ("The 550-pound hog had mauled the farmer.", "249-килограммовый кабан растерзал фермера.", "ru", False),
    ("The 550-pound hog had mauled the farmer.", "498-кілограмовий кабан знівечив фермера.", "uk", True),
    ("Sims, who was 6-foot-6, played for LSU.", "Симс ростом 1 м 98 см играл за LSU.", "ru", False),
    ("Sims, who was 6-foot-6, played for LSU.", "Симс ростом 1 м 52 см играл за LSU.", "ru", True),
    ("The storm moved 5 miles inland.", "Шторм просунувся на 8 км углиб.", "uk", False),
    ("The storm moved 5 miles inland.", "Шторм продвинулся на 5 км вглубь.", "ru", True),
    ("A 500-pound bomb hit the depot.", "250-килограммовая бомба попала в склад.", "ru", False),
    ("Sims, 6-foot-6, scored 20 points in the third quarter.", "Симс набрал 20 очков в 3-м квартале.", "ru", False),
    ("A 6-foot-6 suspect wounded 3 officers.", "Подозреваемый ранил 3 милиционеров.", "ru", False),
    ("They sent 5 tons of aid to a dozen villages.", "Они отправили 5 тонн помощи в 12 сел.", "ru", False),
    ("He gained 120 yards and scored 2 touchdowns.", "Он набрал 120 ярдов и сделал два тачдауна.", "ru", False),
    ("Each got 10 kg per person.", "Выдали по 10 кг на человека, всего 12 семей.", "ru", False),
    ("He paid with a 10-pound note and 5 grams of gold.", "Він заплатив 10 фунтів і 5 грамів золота.", "uk", False),
    ("He was six-foot-six.", "Его рост 1 м 98 см.", "ru", False),
    ("He was 6 feet seven inches tall.", "Его рост 2 м 1 см.", "ru", False),
    ("He fell 20 feet 2 years ago.", "Он упал с 20 футов 2 года назад.", "ru", False),
    ("They evacuated 3,000 people to 10 km away.", "Эвакуировали 3000 человек на 10 км.", "ru", False),
])
def test_a_converted_measure_is_the_same_fact_and_a_changed_one_differs(english, other, language, differ):
    """Translators convert units and round (within 10%): a figure converted agrees, a changed
    one is a different number, whatever the units; ordinals, money, look-alike words and
    compounds read in part are no measures to conflict."""
    from crosscheck.facts import extract_facts
    from crosscheck.judge import judge_pair

    verdict = judge_pair(extract_facts(english, "en"), extract_facts(other, language), "a", "b")
    assert ("number" in [r.type for r in verdict.reasons]) is differ
