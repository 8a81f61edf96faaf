"""Where the app's read-only files are: the ONE place that resolves their paths.

Templates and static files live inside the package (`app/web/`). Knowledge, prompts and
migrations are top-level folders of the repository (the team's layout); the wheel carries a
copy of each under `app/bundled/` (made at build time by `setup.py`), so an installed app
never looks beside its package for them. Everything is found through `importlib.resources`
from the imported `app` package:

- wheel install: `app/bundled/<name>` inside site-packages;
- source checkout or editable install (no build step ran, so no `app/bundled/`): the
  top-level folder beside the imported `app/`, recognised by the `pyproject.toml` next to
  it. This follows the `app` actually imported (PYTHONPATH included), not the checkout that
  was installed.

Files are only ever read from here; the data dir (`MLSD_DATA_DIR`) is the only place written.
`MLSD_KNOWLEDGE_DIR` / `MLSD_PROMPTS_DIR` override the defaults (see `app/config.py`).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

BUNDLED = ("knowledge", "prompts", "migrations")  # copied into app/bundled/ by setup.py


class ResourceNotFound(RuntimeError):
    """A bundled folder is missing: a broken install or a checkout without it."""


def _package_dir(package: str) -> Path:
    root = files(package)
    # Jinja loaders, StaticFiles and Alembic need real directories, not a zip member.
    if not isinstance(root, Path):
        raise ResourceNotFound(f"{package} is not installed as files on disk ({root!r})")
    return root


@cache
def bundled(name: str) -> Path:
    """The directory of a bundled folder (`knowledge`, `prompts` or `migrations`)."""
    if name not in BUNDLED:
        raise ValueError(f"unknown bundled folder {name!r}; one of {BUNDLED}")
    app_dir = _package_dir("app")
    packaged = app_dir / "bundled" / name
    if packaged.is_dir():
        return packaged
    checkout = app_dir.parent
    source = checkout / name
    # The pyproject check keeps a stray top-level `migrations/` in site-packages from matching.
    if source.is_dir() and (checkout / "pyproject.toml").is_file():
        return source
    raise ResourceNotFound(
        f"{name}/ not found: neither {packaged} (wheel) nor {source} (source checkout)"
    )


def knowledge_dir() -> Path:
    """Default knowledge bank (framework, problems, rubric, concepts)."""
    return bundled("knowledge")


def prompts_dir() -> Path:
    """Default prompt templates (offline voice and LLM prompts)."""
    return bundled("prompts")


def migrations_dir() -> Path:
    """Alembic script directory (env.py, script.py.mako, versions/)."""
    return bundled("migrations")


def templates_dir() -> Path:
    """Jinja2 templates of the web pages and the transcript/report renderings."""
    return _package_dir("app.web") / "templates"


def static_dir() -> Path:
    """Static files of the web pages (CSS, JS, icons)."""
    return _package_dir("app.web") / "static"
