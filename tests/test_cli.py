import json
import re

import pytest
from typer.testing import CliRunner

from crosscheck.cli import app
from conftest import SEEDS

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"   \n\n", "is empty"),
        ("bin.txt", b"\x00\x01\x02abc", "looks binary"),
        ("latin.txt", "\xe9t\xe9".encode("latin-1"), "not valid UTF-8"),
        ("", None, "is a directory"),
    ],
)
def test_bad_input_one_line_error_and_exit_2(tmp_path, name, content, message):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    result = invoke("compare", SEEDS[0], bad)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith("Error: ") and message in result.output and str(bad) in result.output
    assert "Traceback" not in result.output


def test_single_source_is_refused():
    result = invoke("compare", SEEDS[0])
    assert result.exit_code == 2
    assert "two or more sources" in result.output


def test_help_lists_commands():
    result = invoke("--help")
    assert result.exit_code == 0
    assert "compare" in result.output and "pairs" in result.output


@pytest.mark.parametrize("command", ["compare", "pairs", "batch"])
def test_every_comparing_command_takes_the_checker_options_and_says_their_defaults(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    for option in ("--model", "--backend", "--threshold", "--judge", "--min-confidence", "--offline"):
        assert option in result.output
    assert "(default: the shipped" in re.sub(r"[│\s]+", " ", result.output)
    assert ("--min-salience" in result.output) is (command != "pairs")


def test_checker_options_reach_the_settings(tmp_path, monkeypatch):
    from crosscheck import cli

    seen = {}

    def record(**flags):
        seen.update(flags)
        raise SystemExit(0)  # stop before any model or file is touched

    monkeypatch.setattr(cli, "_checker", record)
    invoke("pairs", tmp_path / "a.txt", tmp_path / "b.txt", "--threshold", "0.7", "--judge", "model")
    assert seen["threshold"] == 0.7 and seen["judge"].value == "model" and seen["offline"] is None


@pytest.mark.model
def test_compare_writes_both_formats(tmp_path):
    md, js = tmp_path / "r.md", tmp_path / "r.json"
    result = invoke("compare", *SEEDS, "-o", md, "-o", js)
    assert result.exit_code == 0, result.output
    assert md.read_text().startswith("# crosscheck report")
    assert json.loads(js.read_text())["schema"] == "crosscheck.report/1"


@pytest.mark.model
def test_pairs_filters_by_status():
    result = invoke("pairs", *SEEDS, "--status", "agree")
    assert result.exit_code == 0, result.output
    assert "agree" in result.output and "diverge\n" not in result.output
    assert "pair(s) shown" in result.output


def test_help_imports_neither_numpy_nor_the_pipeline():
    import subprocess
    import sys

    probe = ("import sys, crosscheck, crosscheck.cli; "
             "print(sorted(m for m in ('numpy', 'torch', 'crosscheck.pipeline') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    import crosscheck

    assert sorted(crosscheck.__all__) == sorted(crosscheck._EXPORTS)
    assert crosscheck.Checker.__name__ == "Checker"
