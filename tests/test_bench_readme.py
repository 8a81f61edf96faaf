"""The README's benchmark block is the last full bench run, with red flags one row per set."""

from bench.readme import END, LATEST, README, START, block, sync

LATEST_TEXT = """# Benchmarks

Machine: test box
Run: now

## Retrieval

| k | v |
|---|---|
| hit | 1.0 |

## Red flags (dev sentences)

Set dev: sentences match the hash frozen before scoring (redflags-dev.sha256): True

| red flags | value |
|---|---|
| sentences (mistakes / correct practice) | 6 / 10 |
| recall of red flags (reader) | 0.833 |
| correct practice with a red flag (grader) | 1 |

| red flag (reader) | precision | recall | caught | false flags |
|---|---|---|---|---|
| gen-model-no-baseline | 1.000 | 1.000 | 2/2 | 0 |

Set dev-9: answers match the hash frozen before scoring (redflags-dev-9.sha256): False

| red flags | value |
|---|---|
| whole stage answers (mistakes / correct) | 3 / 20 |
| correct answers with a red flag (grader) | 2/20 |
| mistakes caught with their sentence as evidence (grader) | 3/3 |

## Load

p50 1 ms
"""


def test_block_demotes_headings_and_keeps_one_row_per_red_flags_set():
    out = block(LATEST_TEXT)
    assert "# Benchmarks" not in out
    assert out.startswith("Machine: test box")
    assert "### Retrieval" in out and "### Load" in out and "\n## " not in out
    assert "| dev | sentences | True | 6 / 10 | 1 | 0.833 |" in out
    assert "| dev-9 | answers | False | 3 / 20 | 2/20 | 3/3 |" in out
    # The per-flag table stays in latest.md only.
    assert "gen-model-no-baseline" not in out
    assert "p50 1 ms" in out


def test_sync_replaces_only_the_block():
    readme = f"intro\n{START}\nold numbers\n{END}\noutro\n"
    out = sync(readme, LATEST_TEXT)
    assert out.startswith("intro\n" + START + "\nMachine: test box")
    assert out.endswith(END + "\noutro\n")
    assert "old numbers" not in out


def test_readme_block_matches_the_committed_bench_results():
    assert sync(README.read_text(), LATEST.read_text()) == README.read_text(), (
        "run `python -m bench.readme` after `make bench`"
    )
