"""Settings: one frozen `Settings` with every default written once, loaded from a file
in the working directory (`crosscheck.toml`, or else the `[tool.crosscheck]` table of
`pyproject.toml`), then command-line flags over it, validated once, passed whole.

    model = "all-MiniLM-L6-v2"      threshold = 0.6      min-salience = 0.3
    fail-on = "diverge"             cache-dir = ".cache/crosscheck"     backend = "torch"
    offline = true                  group = true

Keys may be written with dashes or underscores. An unknown key, or a value of the wrong
type or out of range, is an error that names the file and the key.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from crosscheck.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, before it joined the standard library
    import tomli as tomllib

FAIL_ON = ("never", "diverge", "one-sided")
BACKENDS = ("torch", "onnx")
JUDGES = ("rules", "model")
# Calibrated on ../shared/eval/dev/pairs/stsb.jsonl (news rows) and msrp.jsonl; see README.
DEFAULT_THRESHOLD = 0.6
DEFAULT_MIN_CONFIDENCE = 0.5
WINDOW_DAYS = 7.0  # batch --group: articles published further apart than this are different stories
RANGES = {"threshold": (0.0, 1.5), "min_salience": (0.0, 1.0), "min_confidence": (0.0, 1.0)}
CHOICES = {"backend": BACKENDS, "fail_on": FAIL_ON, "judge": JUDGES}


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. `Settings()` is the defaults."""

    model: str | None = None  # sentence-transformers name or local path; None: the bundled all-MiniLM-L6-v2
    backend: str = "onnx"  # or "torch" (the torch extra)
    threshold: float = DEFAULT_THRESHOLD  # alignment score needed to match two statements
    min_salience: float = 0.0  # one-sided findings below it are left out
    judge: str = "rules"  # who decides a divergence: the rules, or the trained judge with them
    min_confidence: float = DEFAULT_MIN_CONFIDENCE  # divergences below it are only listed as possible
    fail_on: str = "never"  # batch: which findings make the exit code 1
    cache_dir: str | None = None  # the embedding cache and onnx exports; None: the user cache folder
    offline: bool = False  # refuse http(s):// sources instead of fetching them
    group: bool = False  # batch: INPUT is an unsorted feed of articles, to be grouped into stories first

    def __post_init__(self) -> None:
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise UsageError(f"{_key(name)} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")
        for name, (low, high) in RANGES.items():
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
                raise UsageError(f"{_key(name)} must be between {low} and {high}")

    def override(self, **flags: Any) -> Settings:
        """These settings with the flags that were given (None: not given) put over them."""
        return replace(self, **{name: value for name, value in flags.items() if value is not None})

    def report_settings(self) -> dict[str, float | str]:
        """The settings a report records (they change its findings)."""
        return {"threshold": self.threshold, "min_salience": self.min_salience, "judge": self.judge,
                "min_confidence": self.min_confidence}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_settings(directory: str | Path = ".", **flags: Any) -> Settings:
    """The settings file found in `directory` (if any), then `flags` over it."""
    return _from_file(Path(directory)).override(**flags)


def _from_file(directory: Path) -> Settings:
    own, project = directory / "crosscheck.toml", directory / "pyproject.toml"
    if own.is_file():
        return _validate(_load(own), own)
    if project.is_file():
        table = _load(project).get("tool", {}).get("crosscheck", {})
        if not isinstance(table, dict):
            raise UsageError("[tool.crosscheck] must be a table", path=str(project))
        return _validate(table, project, prefix="tool.crosscheck.")
    return Settings()


def _load(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"is not valid TOML ({exc})", path=str(path)) from None
    except OSError as exc:
        raise UsageError(f"can't be read ({exc.strerror or exc})", path=str(path)) from None


def _validate(table: dict, path: Path, prefix: str = "") -> Settings:
    types = {f.name: (str if f.name in ("model", "cache_dir") else type(getattr(Settings(), f.name))) for f in fields(Settings)}
    values = {str(k).replace("-", "_"): v for k, v in table.items()}
    unknown = sorted(prefix + _key(k) for k in values if k not in types)
    if unknown:
        known = ", ".join(sorted(_key(k) for k in types))
        raise UsageError(f"unknown setting(s) {', '.join(unknown)}; known: {known}", path=str(path))
    for name, value in values.items():
        if types[name] is float and isinstance(value, int) and not isinstance(value, bool):
            values[name] = value = float(value)
        if not isinstance(value, types[name]) or (isinstance(value, bool) and types[name] is not bool):
            raise UsageError(f"{prefix}{_key(name)} must be a {types[name].__name__}, not {value!r}", path=str(path))
    if "cache_dir" in values:  # relative to the file that says it
        values["cache_dir"] = str(path.parent / Path(values["cache_dir"]).expanduser())
    try:
        return Settings(**values)
    except UsageError as exc:
        raise UsageError(prefix + exc.message, path=str(path)) from None


def _key(name: str) -> str:
    return name.replace("_", "-")
