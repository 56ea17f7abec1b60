"""Feeds: `batch --group` sorts unsorted articles into stories, extends them run after run,
and lists what it could not use. The articles in tests/data/feed are written for these
tests: three outlets on an earthquake in Chile, two on one in Nepal (the same kind of
event), one council story, a copy, an empty file and a binary one, in nested folders."""

import json
import os
import random
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from crosscheck.batch import EXIT_PARTIAL, run_batch
from crosscheck.cli import app
from crosscheck.embed.cache import EmbeddingCache
from crosscheck.feed import FeedState, group_feed
from crosscheck.group import Profile, group, publication_date
from crosscheck.errors import UsageError
from crosscheck.models import Article
from crosscheck.stories import FeedArticle, read_feed

FEED = Path(__file__).parent / "data" / "feed"
CHILE = {"monday/chile-reuters.txt", "monday/wires/chile-ap.txt", "tuesday/chile-guardian.txt"}
NEPAL = {"monday/nepal-reuters.txt", "tuesday/nepal-bbc.txt"}
runner = CliRunner()


def stories_of(summary: dict) -> list[set[str]]:
    return sorted((set(s["inputs"]) for s in summary["stories"]), key=sorted)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def without_paths(files: dict[str, bytes]) -> dict[str, bytes]:
    out = dict(files)
    for name, data in files.items():
        if name.endswith(".json") and name != "summary.json":
            report = json.loads(data)
            for source in report["sources"]:
                source["path"] = Path(source["path"]).name
            out[name] = json.dumps(report).encode()
    return out


def test_reading_a_feed_lists_unreadable_files_and_keeps_copies_for_the_state():
    feed = read_feed(FEED)
    assert {a.input for a in feed.articles} == CHILE | NEPAL | {"tuesday/leeds-council.txt", "tuesday/chile-reuters-copy.txt"}
    assert all(Path(a.origin).is_absolute() for a in feed.articles)
    assert any("photo.txt" in e and "binary" in e for e in feed.errors)
    assert any("empty.txt" in e and "empty" in e for e in feed.errors)
    state = FeedState()
    for item in feed.articles:
        state.add(item)
    assert state.skipped() == ["tuesday/chile-reuters-copy.txt: the same text as monday/chile-reuters.txt"]


def item(text: str, name: str, origin: str | None = None, date: str | None = None) -> FeedArticle:
    return FeedArticle(Article(Path(name).stem, "Headline", text, date=date), name, origin or f"/feeds/{name}")


def test_copies_count_once_whichever_run_brings_them_and_a_changed_text_replaces_the_old():
    first, second = FeedState(), FeedState()
    a, b = item("Quake hits the coast.", "b/wire.txt"), item("Quake hits the coast.", "a/wire.txt")
    for state, order in ((first, (a, b)), (second, (b, a))):
        for one in order:
            state.add(one)
    assert first.skipped() == second.skipped() == ["b/wire.txt: the same text as a/wire.txt"]
    assert [k.input for k in first.articles.values()] == ["a/wire.txt"]
    # the outlet corrects a/wire.txt: the old text goes, its copy counts again
    first.add(item("Quake hits the coast; three dead.", "a/wire.txt"))
    assert sorted(k.input for k in first.articles.values()) == ["a/wire.txt", "b/wire.txt"]
    assert first.skipped() == []
    # the same name in another day's folder is another article
    first.add(item("Council votes.", "a/wire.txt", origin="/feeds/day2/a/wire.txt"))
    assert len(first.articles) == 3


def test_the_copy_that_counts_brings_its_own_article_and_date():
    state = FeedState()
    text = "Quake hits the coast."
    state.add(item(text, "b.txt", date="2024-03-02"))
    state.add(item(text, "a.txt", date="2024-03-01"))  # a smaller name: it counts now
    (known,) = state.articles.values()
    assert (known.input, known.article.id, known.profile.published) == ("a.txt", "a", "2024-03-01")
    state.add(item("Council votes.", "a.txt"))  # a.txt now holds other text: b.txt counts again
    known = next(k for k in state.articles.values() if k.input == "b.txt")
    assert (known.article.id, known.profile.published) == ("b", "2024-03-02")


@pytest.mark.model
def test_a_feed_is_grouped_by_event(real_checker, tmp_path):
    result = run_batch(FEED, tmp_path / "out", checker=real_checker, group=True)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    # two earthquakes are two stories; the council story stands alone
    assert stories_of(summary) == sorted([CHILE, NEPAL, {"tuesday/leeds-council.txt"}], key=sorted)
    by_inputs = {frozenset(s["inputs"]): s for s in summary["stories"]}
    assert by_inputs[frozenset({"tuesday/leeds-council.txt"})]["status"] == "single-source"
    assert by_inputs[frozenset(CHILE)]["status"] != "failed" and by_inputs[frozenset(CHILE)]["reports"]
    assert "Chile" in by_inputs[frozenset(CHILE)]["story"]  # named from a headline
    assert result.exit_code == EXIT_PARTIAL  # the empty and the binary file are listed problems
    assert len(summary["errors"]) == 2 and summary["skipped"]
    index = (tmp_path / "out" / "index.md").read_text()
    assert "## Left out" in index and "chile-reuters-copy.txt" in index and "single source" in index


def test_grouping_does_not_depend_on_input_order():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(3, 16)).astype(np.float32)
    vectors = np.concatenate([base[k] + 0.05 * rng.normal(size=(4, 16)) for k in range(3)]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    profiles = [Profile(f"{i:04d}", "h", "lead", (f"name:event{i // 4}",) * 2, None) for i in range(12)]
    expected = sorted(sorted(g) for g in group(profiles, vectors))
    assert expected == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    order = list(range(12))
    random.Random(1).shuffle(order)
    shuffled = group([profiles[i] for i in order], vectors[order])
    assert sorted(sorted(order[i] for i in g) for g in shuffled) == expected


def test_the_time_window_keeps_articles_far_apart_in_two_stories():
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (4, 1))
    dates = ["2024-03-01", "2024-03-02", "2024-05-01", "2024-05-03"]
    profiles = [Profile(f"k{i}", "h", "lead", ("name:quake",), d) for i, d in enumerate(dates)]
    assert sorted(group(profiles, vectors)) == [[0, 1], [2, 3]]
    assert group(profiles, vectors, window_days=None) == [[0, 1, 2, 3]]


def test_publication_dates_come_from_the_source_or_its_url():
    article = Article("a", "t", "text")
    assert publication_date(replace(article, date="March 5, 2024")) == "2024-03-05"
    assert publication_date(replace(article, date="2024-03-05T10:00:00Z")) == "2024-03-05"
    for partial in ("March 2024", "2024", "Tuesday", "12:00", "Tuesday, March 2024"):  # nothing filled in
        assert publication_date(replace(article, date=partial)) is None
    assert publication_date(replace(article, url="https://news.example/2024/03/05/quake")) == "2024-03-05"
    assert publication_date(replace(article, url="https://news.example/world/quake-13")) is None
    assert publication_date(replace(article, date="not a date")) is None


@pytest.mark.model
def test_a_feed_in_two_runs_gives_the_stories_of_one_run(real_checker, tmp_path):
    halves = [tmp_path / "day1", tmp_path / "day2"]
    for k, path in enumerate(sorted(CHILE | NEPAL | {"tuesday/leeds-council.txt"})):
        target = halves[k % 2] / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FEED / path, target)
    whole = tmp_path / "whole"
    for half in halves:
        shutil.copytree(half, whole, dirs_exist_ok=True)
    with EmbeddingCache(tmp_path / "cache") as cache:
        run_batch(whole, tmp_path / "one", checker=real_checker, group=True, cache=cache)
        state = lambda reset=False: FeedState.for_output(tmp_path / "cache", tmp_path / "two", "settings", reset=reset)
        run_batch(halves[0], tmp_path / "two", checker=real_checker, group=True, cache=cache, state=state())
        first = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "two").iterdir()}
        result = run_batch(halves[1], tmp_path / "two", checker=real_checker, group=True, cache=cache, state=state())
        # same stories, same bytes (but for where each JSON report says its sources were read from)
        assert without_paths(outputs(tmp_path / "one")) == without_paths(outputs(tmp_path / "two"))
        later = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "two").iterdir()}
        # a story that gained a source is rewritten; one whose articles did not change is left alone
        summary = json.loads((tmp_path / "two" / "summary.json").read_text())
        chile = next(s for s in summary["stories"] if set(s["inputs"]) == CHILE)
        assert all(later[f] != first.get(f) for f in chile["reports"].values())
        assert result.reused == 0  # Chile gained a source, Nepal is new
        # a third run with nothing new rewrites no report
        again = run_batch(halves[1], tmp_path / "two", checker=real_checker, group=True, cache=cache, state=state())
        reports = [f for s in summary["stories"] for f in s["reports"].values()]
        assert again.reused == 2 and len(reports) == 4
        assert {f: (tmp_path / "two" / f).stat().st_mtime_ns for f in reports} == {f: later[f] for f in reports}
        # --reset forgets the first day's articles
        run_batch(halves[1], tmp_path / "two", checker=real_checker, group=True, cache=cache, state=state(reset=True))
    inputs = {i for s in json.loads((tmp_path / "two" / "summary.json").read_text())["stories"] for i in s["inputs"]}
    assert inputs == {str(p.relative_to(halves[1]).as_posix()) for p in halves[1].rglob("*.txt")}


@pytest.mark.model
def test_a_manifest_feed_lists_a_dead_url_and_goes_on(tmp_path):
    lines = [{"path": str(FEED / p), "source": Path(p).stem} for p in sorted(NEPAL)]
    lines.append({"text": (FEED / "tuesday/leeds-council.txt").read_text(), "source": "council"})
    lines.append({"url": "http://127.0.0.1:9/gone"})  # nothing listens there
    manifest = tmp_path / "feed.jsonl"
    manifest.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = runner.invoke(app, ["batch", str(manifest), "--group", "--out", str(tmp_path / "out"), "--no-cache", "-q"])
    assert result.exit_code == EXIT_PARTIAL, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert stories_of(summary) == sorted([{str(FEED / p) for p in NEPAL}, {"feed.jsonl:3"}], key=sorted)
    assert any("127.0.0.1:9" in e for e in summary["errors"])
    assert "Traceback" not in result.output


def test_the_output_folder_can_not_be_the_input(tmp_path):
    shutil.copytree(FEED / "tuesday", tmp_path / "feed")
    for group in (["--group"], []):
        result = runner.invoke(app, ["batch", str(tmp_path / "feed"), *group, "--out", str(tmp_path / "feed")])
        assert result.exit_code == 2 and "another folder than INPUT" in result.output


def test_a_manifest_line_with_an_unpaired_surrogate_is_a_listed_problem(tmp_path):
    manifest = tmp_path / "feed.jsonl"
    manifest.write_text('{"text": "Bad \\udcff text here for the feed.", "source": "x"}\n'
                        + json.dumps({"path": str(FEED / "tuesday/nepal-bbc.txt")}) + "\n")
    feed = read_feed(manifest)
    assert [a.input for a in feed.articles] == [str(FEED / "tuesday/nepal-bbc.txt")]
    assert len(feed.errors) == 1 and "not valid Unicode" in feed.errors[0]


def test_an_article_sharing_no_value_with_its_topic_stands_apart_and_one_without_values_stays():
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (3, 1))
    shared = [Profile("k0", "h", "l", ("name:chile",), None), Profile("k1", "h", "l", ("name:chile",), None)]
    assert group(shared + [Profile("k2", "h", "l", ("number:300",), None)], vectors) == [[0, 1], [2]]
    assert group(shared + [Profile("k2", "h", "l", (), None)], vectors) == [[0, 1, 2]]


def test_group_needs_a_feed(tmp_path):
    result = runner.invoke(app, ["batch", str(tmp_path / "missing"), "--group", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "no such file or folder" in result.output
    (tmp_path / "notes.csv").write_text("a,b\n")
    result = runner.invoke(app, ["batch", str(tmp_path / "notes.csv"), "--group", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "folder of articles or a .jsonl manifest" in result.output


@pytest.mark.parametrize("content", ["{not json", "[]", '{"schema": "crosscheck.feed-state/1", "articles": 3}',
                                     '{"schema": "crosscheck.feed-state/1", "articles": [], "fingerprint": "x", '
                                     '"stories": {"s": {"result": {}}}}'])
def test_a_broken_state_file_is_a_one_line_error(tmp_path, content):
    state = FeedState.for_output(tmp_path, tmp_path / "out", "x")
    state.path.parent.mkdir(parents=True)
    state.path.write_text(content)
    with pytest.raises(UsageError) as caught:
        FeedState.for_output(tmp_path, tmp_path / "out", "x")
    assert "--reset" in str(caught.value) and "\n" not in str(caught.value)
    assert FeedState.for_output(tmp_path, tmp_path / "out", "x", reset=True).articles == {}


@pytest.mark.model
def test_reports_inside_the_feed_folder_are_never_read_back(tmp_path):
    feed = tmp_path / "feed"
    shutil.copytree(FEED / "tuesday", feed)
    (feed / "photo.txt").write_bytes(b"\x00")  # keep one problem so the exit code says 3
    args = ["batch", str(feed), "--group", "--out", str(feed / "reports"), "--cache-dir", str(feed / "cache"), "-q"]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == second.exit_code == EXIT_PARTIAL
    assert (feed / "reports" / "summary.json").read_text().count('"inputs"') == 3  # Chile, Nepal, the council
    assert "reports/" not in (feed / "reports" / "summary.json").read_text()


def test_a_file_name_that_is_not_utf8_is_a_listed_problem(tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    shutil.copy(FEED / "tuesday/nepal-bbc.txt", folder / "nepal.txt")
    bad = os.fsencode(folder) + b"/guard\xffian.txt"
    with open(bad, "wb") as handle:
        handle.write((FEED / "tuesday/chile-guardian.txt").read_bytes())
    feed = read_feed(folder)
    assert [a.input for a in feed.articles] == ["nepal.txt"]
    assert feed.errors == [f"{folder}/guard\\xffian.txt: the file name is not valid UTF-8; rename it"]


@pytest.mark.model
def test_reports_of_a_story_that_splits_are_cleared_away(tmp_path):
    lines = [{"path": str(FEED / "monday/chile-reuters.txt"), "date": "2024-03-01"},
             {"path": str(FEED / "tuesday/chile-guardian.txt"), "date": "2024-03-05"}]
    manifest = tmp_path / "feed.jsonl"
    manifest.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    base = ["batch", str(manifest), "--group", "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c"), "-q"]
    assert runner.invoke(app, base + ["--window", "7", "-f", "md,json,html"]).exit_code == 0
    together = {p.name for p in (tmp_path / "out").iterdir()}
    assert "index.html" in together
    assert runner.invoke(app, base + ["--window", "1"]).exit_code == 0
    apart = {p.name for p in (tmp_path / "out").iterdir()}
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert [s["status"] for s in summary["stories"]] == ["single-source", "single-source"]
    assert apart == {"summary.json", "index.md"} and len(together) == 6  # index.html went with the html reports


def test_group_feed_without_a_model_groups_by_its_encoder(fake_checker):
    batch = group_feed(FEED, checker=fake_checker)
    assert sum(len(s.articles) for s in batch.stories) == 6
    assert all(s.inputs and s.name for s in batch.stories)


def test_articles_profiled_by_an_older_version_are_read_again(fake_checker, tmp_path):
    state = FeedState.for_output(tmp_path, tmp_path / "out", "x")
    group_feed(FEED, checker=fake_checker, state=state)
    state.save({}, [])
    data = json.loads(state.path.read_text())
    for row in data["articles"]:
        row["profile"]["entities"] = ["name:stale"]
    data["profile_version"] = 1
    state.path.write_text(json.dumps(data))
    again = FeedState.for_output(tmp_path, tmp_path / "out", "x")
    assert again.articles.keys() == state.articles.keys()
    assert all("name:stale" not in k.profile.entities for k in again.articles.values())


def test_a_negative_window_is_a_one_line_error(tmp_path):
    result = runner.invoke(app, ["batch", str(FEED), "--group", "--out", str(tmp_path / "out"), "--window", "-1"])
    assert result.exit_code == 2 and result.output.strip().count("\n") == 0 and "--window" in result.output


def test_an_earlier_result_is_reused_only_for_the_same_articles_inputs_and_file(tmp_path):
    from crosscheck.feed import story_keys
    from crosscheck.stories import Story

    article = Article("a", "Headline", "Quake hits the coast.")
    story = Story("Quake", [article], inputs=["a.txt"])
    (tmp_path / "quake.md").write_text("report")
    result = {"file": "quake", "inputs": ["a.txt"], "sources": ["a"], "status": "agree", "reports": {"md": "quake.md"},
              "errors": [], "statements": 1, "agree": 1, "diverge": 0, "related": 0, "one_sided": 0, "set_aside": 0}
    state = FeedState(stories={"Quake": {"keys": story_keys(story), "result": result}})
    reports = [tmp_path / "quake.md"]
    assert state.unchanged(story, "quake", reports) == result
    assert state.unchanged(story, "quake-2", reports) is None  # another file name
    assert state.unchanged(Story("Quake", [article], inputs=["b.txt"]), "quake", reports) is None  # another copy counts
    assert state.unchanged(story, "quake", [tmp_path / "gone.md"]) is None  # its report was deleted
    broken = FeedState(stories={"Quake": {"keys": story_keys(story), "result": {**result, "status": None}}})
    assert broken.unchanged(story, "quake", reports) is None


def test_a_date_stamp_dates_a_story_name_and_a_headline_names_it():
    from crosscheck.feed import Copy, Known, _story
    from crosscheck.group import profile, stamped_date

    stamped = Article("a", "The navy said it captured 23 pirates who attacked a merchant ship in the Gulf of Aden.",
                      "The navy said it captured 23 pirates who attacked a merchant ship in the Gulf of Aden.\n"
                      "Posted: Jul 07, 2012 7:40 PM ET\n\nThe ship was not damaged.\n")
    headline = Article("b", "Navy captures 23 pirates", "Navy captures 23 pirates\n\nThe navy captured 23 pirates.\n")
    assert stamped_date(stamped) == "2012-07-07" and stamped_date(headline) is None
    assert stamped_date(Article("c", "t", "Headline\nPosted Tuesday 7:40 PM\n\nBody text.\n")) is None
    known = [Known([Copy(f"{a.id}.txt", a.id, a)], profile(a)) for a in (stamped, headline)]
    vectors = np.array([[1.0, 0.0], [0.9, 0.1]], dtype=np.float32)
    story = _story([0, 1], known, vectors)
    # the lead sentence is more central here, but a headline names the story; the stamp dates it
    assert story.name == "2012-07-07 Navy captures 23 pirates"
