"""Settings from a file in the working directory: `crosscheck.toml`, or else the
`[tool.crosscheck]` table of `pyproject.toml`. Command-line flags win over both.

    model = "all-MiniLM-L6-v2"      threshold = 0.6      min-salience = 0.3
    fail-on = "diverge"             cache-dir = ".cache/crosscheck"     backend = "onnx"

Keys may be written with dashes or underscores. An unknown key, or a value of the wrong
type, is an error that names the file and the key.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from crosscheck.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, before it joined the standard library
    import tomli as tomllib

FAIL_ON = ("never", "diverge", "one-sided")
BACKENDS = ("torch", "onnx")
KNOWN = {
    "model": str,
    "backend": str,
    "threshold": float,
    "min-salience": float,
    "fail-on": str,
    "cache-dir": str,
}


def load_settings(directory: str | Path = ".") -> dict[str, Any]:
    """The settings found in `directory`, keys with dashes; {} when there is no file."""
    directory = Path(directory)
    own, project = directory / "crosscheck.toml", directory / "pyproject.toml"
    if own.is_file():
        return _validate(_load(own), own)
    if project.is_file():
        table = _load(project).get("tool", {}).get("crosscheck", {})
        if not isinstance(table, dict):
            raise UsageError("[tool.crosscheck] must be a table", path=str(project))
        return _validate(table, project, prefix="tool.crosscheck.")
    return {}


def _load(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"is not valid TOML ({exc})", path=str(path)) from None
    except OSError as exc:
        raise UsageError(f"can't be read ({exc.strerror or exc})", path=str(path)) from None


def _validate(table: dict, path: Path, prefix: str = "") -> dict[str, Any]:
    settings = {str(k).replace("_", "-"): v for k, v in table.items()}
    unknown = sorted(prefix + k for k in settings if k not in KNOWN)
    if unknown:
        raise UsageError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN))}", path=str(path))
    for key, value in settings.items():
        kind = KNOWN[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            settings[key] = value = float(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise UsageError(f"{prefix}{key} must be a {kind.__name__}, not {value!r}", path=str(path))
    for key, allowed in (("fail-on", FAIL_ON), ("backend", BACKENDS)):
        if key in settings and settings[key] not in allowed:
            raise UsageError(f"{prefix}{key} must be one of {', '.join(allowed)}", path=str(path))
    for key, low, high in (("threshold", 0.0, 1.5), ("min-salience", 0.0, 1.0)):
        if key in settings and not low <= settings[key] <= high:
            raise UsageError(f"{prefix}{key} must be between {low} and {high}", path=str(path))
    if "cache-dir" in settings:  # relative to the file that says it
        settings["cache-dir"] = str(path.parent / Path(settings["cache-dir"]).expanduser())
    return settings
