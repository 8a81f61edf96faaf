"""Copy the last full bench run into the README's benchmark block.

    python -m bench.readme [--check]

`make bench` writes `bench/results/latest.md`; the README shows the same numbers between the
`<!-- BENCH:START -->` and `<!-- BENCH:END -->` markers, one heading level down. The red flags
part prints a block per dev set (about 700 lines); the README keeps one row per set (the
numbers a reader compares) and points to `latest.md` for the per-flag tables. `--check` exits
1 when the README's block is not what this would write (nothing is changed).
"""

from __future__ import annotations

import re
import sys

from bench.common import ROOT, table

LATEST = ROOT / "bench" / "results" / "latest.md"
README = ROOT / "README.md"
START, END = "<!-- BENCH:START -->", "<!-- BENCH:END -->"
_SET = re.compile(
    r"^Set (?P<name>\S+): (?P<kind>sentences|answers) match the hash .*: (?P<ok>\w+)$"
)
_ROW = re.compile(r"^\|\s*(?P<key>[^|]+?)\s*\|\s*(?P<value>[^|]+?)\s*\|$")
# The rows of a set's summary table that go into the README's one line per set.
_COLUMNS = {
    "sentences (mistakes / correct practice)": "mistakes / correct",
    "whole stage answers (mistakes / correct)": "mistakes / correct",
    "correct practice with a red flag (grader)": "correct flagged (grader)",
    "correct answers with a red flag (grader)": "correct flagged (grader)",
    "recall of red flags (reader)": "mistakes caught",
    "mistakes caught with their sentence as evidence (grader)": "mistakes caught",
}


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """`## ` sections of latest.md as (heading, body lines); the preamble has heading ""."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        if line.startswith("## "):
            out.append((line[3:], []))
        else:
            out[-1][1].append(line)
    return out


def _red_flags(body: list[str]) -> list[str]:
    """One row per red-flags set instead of its full tables."""
    sets: list[dict[str, str]] = []
    for line in body:
        if m := _SET.match(line):
            sets.append({"set": m["name"], "kind": m["kind"], "hash frozen": m["ok"]})
        elif sets and (m := _ROW.match(line)) and m["key"] in _COLUMNS:
            sets[-1].setdefault(_COLUMNS[m["key"]], m["value"])
    headers = ["set", "kind", "hash frozen", "mistakes / correct", "correct flagged (grader)"]
    headers.append("mistakes caught")
    rows: list[list[object]] = [[s.get(h, "") for h in headers] for s in sets]
    return [
        "",
        "One row per dev set (for sentence sets, caught is the reader's recall); the per-flag",
        "tables are in `bench/results/latest.md`.",
        "",
        table(headers, rows),
        "",
    ]


def block(latest: str) -> str:
    """The README's benchmark block for the text of latest.md."""
    out: list[str] = []
    for heading, body in _sections(latest):
        if not heading:
            # Drop latest.md's own title; keep the machine and run lines.
            out += [ln for ln in body if not ln.startswith("# ")]
            continue
        out.append(f"### {heading}")
        out += _red_flags(body) if heading.startswith("Red flags") else body
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def sync(readme: str, latest: str) -> str:
    """`readme` with its benchmark block replaced by the one for `latest`."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{block(latest)}\n{END}{tail}"


def main(argv: list[str]) -> int:
    readme, latest = README.read_text(), LATEST.read_text()
    new = sync(readme, latest)
    if "--check" in argv:
        return 0 if new == readme else 1
    README.write_text(new)
    print(f"README benchmark block written from {LATEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
