"""app/resources.py: the one place that finds knowledge, prompts, migrations and web files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import resources
from app.config import Settings
from tests.conftest import ROOT


@pytest.fixture
def fake_app(tmp_path: Path, monkeypatch) -> Path:
    """Resolve from `tmp_path/site/app` instead of the imported package."""
    app_dir = tmp_path / "site" / "app"
    app_dir.mkdir(parents=True)
    monkeypatch.setattr(resources, "_package_dir", lambda package: app_dir)
    resources.bundled.cache_clear()
    yield app_dir
    resources.bundled.cache_clear()


def test_a_checkout_reads_its_top_level_folders():
    assert resources.knowledge_dir().resolve() == ROOT / "knowledge"
    assert resources.prompts_dir().resolve() == ROOT / "prompts"
    assert resources.migrations_dir().resolve() == ROOT / "migrations"
    assert resources.templates_dir().resolve() == ROOT / "app" / "web" / "templates"
    assert (resources.static_dir() / "app.css").is_file()
    settings = Settings(_env_file=None)
    assert settings.knowledge_dir == resources.knowledge_dir()
    assert settings.prompts_dir == resources.prompts_dir()


def test_the_packaged_copy_wins_over_folders_beside_it(fake_app: Path):
    (fake_app / "bundled" / "knowledge").mkdir(parents=True)
    (fake_app.parent / "knowledge").mkdir()
    (fake_app.parent / "pyproject.toml").write_text("")
    assert resources.knowledge_dir() == fake_app / "bundled" / "knowledge"


def test_a_stray_folder_in_site_packages_is_not_taken(fake_app: Path):
    (fake_app.parent / "migrations").mkdir()  # some other distribution's, no pyproject.toml
    with pytest.raises(resources.ResourceNotFound, match="migrations/ not found"):
        resources.migrations_dir()


def test_unknown_names_are_refused():
    with pytest.raises(ValueError, match="unknown bundled folder"):
        resources.bundled("data")


def test_knowledge_dir_setting_overrides(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("MLSD_KNOWLEDGE_DIR", str(tmp_path))
    assert Settings(_env_file=None).knowledge_dir == tmp_path
