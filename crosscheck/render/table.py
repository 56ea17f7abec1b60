"""The `pairs` view: aligned statements side by side in a terminal table (rich)."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table


def pairs_table(report: dict, status: str = "all") -> tuple[Table, int]:
    """A rich Table of the report's matched pairs (agree, diverge and related findings), one
    column per source, and how many rows it shows. `status` "agree", "diverge" or
    "related" keeps those only."""
    texts = {s["id"]: s for s in report["statements"]}
    table = Table(show_lines=True, expand=True)
    table.add_column("sim", justify="right", no_wrap=True)
    table.add_column("same", justify="right", no_wrap=True)
    table.add_column("conf", justify="right", no_wrap=True)
    table.add_column("verdict", max_width=30, overflow="fold")
    for source in report["sources"]:
        table.add_column(escape(source["id"]), ratio=1)
    shown = 0
    for f in report["findings"]:
        if f["kind"] == "one_sided" or (status != "all" and f["kind"] != status):
            continue
        cells = []
        for source in report["sources"]:
            mine = [texts[i]["text"] for i in f["statements"] if texts[i]["source"] == source["id"]]
            cells.append(escape(" / ".join(mine)))
        verdict = f["kind"]
        if f["reasons"]:
            verdict += "\n" + "\n".join(escape(f"{r['type']}: " + " vs ".join(r["values"].values())) for r in f["reasons"])
        if f.get("shared"):
            verdict += "\n" + escape("both: " + ", ".join(f["shared"]))
        sure = "" if f.get("confidence") is None else f"{f['confidence']:.2f}"
        same = "" if f.get("same_fact") is None else f"{f['same_fact']:.2f}"
        table.add_row(f"{f['similarity']:.2f}", same, sure, verdict, *cells)
        shown += 1
    return table, shown
