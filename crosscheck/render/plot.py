"""The coverage matrix as a picture: claims (rows, most widely reported first) by sources
(columns), one colour per cell for carries / differs / absent. matplotlib (the `plot`
extra) is imported only here; the output is byte-stable (no dates, fixed SVG ids)."""

from __future__ import annotations

import io
from pathlib import Path

from crosscheck.errors import UsageError
from crosscheck.render.coverage import coverage_matrix

PLOT_FORMATS = ("png", "svg")
MAX_ROWS = 60
COLOURS = {"carries": "#4c9a6a", "differs": "#e08a2c", "absent": "#eeeeee"}


def plot_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in PLOT_FORMATS:
        raise UsageError(f"a plot is written as .png or .svg, not {Path(path).name!r}")
    return suffix


def require_matplotlib() -> None:
    try:
        import matplotlib
    except ImportError:
        raise UsageError("plots need matplotlib: pip install 'crosscheck[plot]'") from None
    matplotlib.use("Agg")


def render_coverage_plot(report: dict, fmt: str) -> bytes:
    """The coverage matrix as a picture.

    Args:
        report: a report dict of three or more sources (it has "claims"); fmt: "png" or "svg".
    Returns:
        The file's bytes, the same for the same report.
    """
    if "claims" not in report:
        raise UsageError("a coverage plot needs three or more sources")
    require_matplotlib()
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    claims, sources, marks = coverage_matrix(report)
    total = len(claims)
    claims, marks = claims[:MAX_ROWS], marks[:MAX_ROWS]
    kinds = list(COLOURS)
    grid = [[kinds.index(m) for m in row] for row in marks] or [[2] * len(sources)]
    matplotlib.rcParams["svg.hashsalt"] = "crosscheck"
    width = min(2.5 + 0.35 * len(sources), 24)
    height = min(1.8 + 0.25 * max(len(claims), 1), 20)
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    try:
        ax.imshow(grid, cmap=ListedColormap([COLOURS[k] for k in kinds]), vmin=0, vmax=2, aspect="auto",
                  interpolation="nearest")
        ax.set_xticks(range(len(sources)), [f"S{n}" for n in range(1, len(sources) + 1)], fontsize=7)
        ax.set_yticks(range(len(claims)), [c["id"] for c in claims], fontsize=7)
        ax.set_xticks([x - 0.5 for x in range(1, len(sources))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(claims))], minor=True)
        ax.grid(which="minor", color="white", linewidth=0.8)
        ax.tick_params(which="minor", length=0)
        named = ", ".join(f"S{n} {s}" for n, s in list(enumerate(sources, 1))[:3])
        ax.set_xlabel(f"sources: {named}" + (", ... (legend in the report)" if len(sources) > 3 else ""), fontsize=8)
        ax.set_ylabel("claims, most widely reported first", fontsize=8)
        shown = f"the {len(claims)} most widely reported of {total}" if total > len(claims) else str(total)
        ax.set_title(f"Coverage: {shown} claims carried by two or more of {len(sources)} sources", fontsize=9)
        ax.legend(handles=[Patch(color=COLOURS[k], label=k) for k in kinds], loc="upper left",
                  bbox_to_anchor=(1.01, 1), fontsize=7, frameon=False)
        buffer = io.BytesIO()
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata=metadata)
    finally:
        plt.close(fig)
    return buffer.getvalue()
