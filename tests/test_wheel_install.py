"""The wheel works on its own: built from a copy of the sources, installed into a fresh
virtualenv without network, then `mlsd db upgrade`, `mlsd kb index` and `mlsd serve` run
from an empty directory and hold a short interview over HTTP. Same steps as the Dockerfile.

Offline install: the fresh venv gets the wheel alone (`--no-deps --no-index`); its
third-party dependencies come from this project's venv through a `.pth` line naming that
venv's site-packages. A `.pth` line only adds a path, it does not run the `.pth` files
found there, so the dev venv's editable-install finder (which maps `app` to a checkout) is
never installed: `app` can only come from the wheel, and the test asserts it does.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.grading.report import prompts_version
from app.processes import stop_process
from bench.fakellm import free_port
from tests.conftest import ROOT, _reset_pg

pytestmark = pytest.mark.slow

# What the Dockerfile copies into its build stage: all a wheel is built from.
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
SOURCE_DIRS = ("app", "knowledge", "prompts", "migrations")
BUILD = ["-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-w"]


@dataclass
class Installed:
    venv: Path
    home: Path  # HOME, caches and TMPDIR of every command: must stay empty
    tmp: Path

    @property
    def mlsd(self) -> str:
        return str(self.venv / "bin" / "mlsd")

    def env(self, **extra: str) -> dict[str, str]:
        """A clean environment: nothing of ours (PYTHONPATH, MLSD_*, keys) leaks in."""
        env = {
            "PATH": f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.home),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "TMPDIR": str(self.tmp),
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",  # the dev venv's files are read, never written
            "PIP_NO_CACHE_DIR": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "MLSD_LLM": "offline",
            "MLSD_AUTH_MODE": "local",
            "MLSD_LOG_JSON": "false",
        }
        env.update(extra)
        return env


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    proc = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, f"{args} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _dev_site_packages() -> list[str]:
    paths = sysconfig.get_paths()
    return list(dict.fromkeys([paths["purelib"], paths["platlib"]]))


def _copy_sources(src: Path) -> None:
    """A copy of what a wheel is built from (building writes build/ and *.egg-info in it)."""
    src.mkdir()
    for name in SOURCES:
        shutil.copy2(ROOT / name, src / name)
    for name in SOURCE_DIRS:
        shutil.copytree(
            ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.py[co]")
        )


def _site_packages(venv: Path) -> Path:
    return Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))


def _fresh_venv(venv: Path, env: dict[str, str], *install: str) -> None:
    """A venv without pip; this venv's pip installs `install` into it, offline and alone.
    Third-party dependencies come from the dev venv through a .pth path line."""
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv.parent, env=env)
    fresh_site = _site_packages(venv)
    assert fresh_site.is_dir()
    # Before installing: an editable build runs setuptools under the fresh interpreter.
    (fresh_site / "zz_dev_dependencies.pth").write_text("\n".join(_dev_site_packages()) + "\n")
    python = str(venv / "bin" / "python")
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index"]
    _run([*pip, *install], cwd=venv.parent, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Iterator[Installed]:
    """Build the wheel from a copy of the sources and install it into a fresh venv."""
    root = tmp_path_factory.mktemp("wheel")
    src, dist = root / "src", root / "dist"
    inst = Installed(venv=root / "venv", home=root / "home", tmp=root / "tmp")
    inst.home.mkdir()
    inst.tmp.mkdir()
    dev_site = {p: set(os.listdir(p)) for p in _dev_site_packages()}
    _copy_sources(src)
    _run([sys.executable, *BUILD, str(dist)], cwd=src, env=inst.env())
    (wheel,) = dist.glob("mlsd_interviewer-*.whl")
    _fresh_venv(inst.venv, inst.env(), str(wheel))
    yield inst
    # Nothing was written into the dev venv (the only place outside our temp dir we touch).
    assert {p: set(os.listdir(p)) for p in dev_site} == dev_site


def _probe(python: Path, cwd: Path, env: dict[str, str]) -> dict[str, Any]:
    """Where the `app` that `python` imports finds its files."""
    code = (
        "import json, sys, app, app.resources as r\n"
        "print(json.dumps({'app': app.__file__, 'knowledge': str(r.knowledge_dir()),\n"
        "  'prompts': str(r.prompts_dir()), 'migrations': str(r.migrations_dir()),\n"
        "  'templates': str(r.templates_dir()), 'static': str(r.static_dir()),\n"
        "  'editable': [m for m in sys.modules if 'editable' in m]}))\n"
    )
    return json.loads(_run([str(python), "-c", code], cwd, env))


def test_installed_app_comes_from_the_wheel(installed: Installed, tmp_path: Path):
    out = _probe(installed.venv / "bin" / "python", tmp_path, installed.env())
    venv = str(installed.venv.resolve())
    assert out.pop("editable") == []  # the dev venv's editable finder never ran
    for what, path in out.items():
        assert str(Path(path).resolve()).startswith(venv + os.sep), (what, path)
    assert (Path(out["migrations"]) / "versions").is_dir()
    assert (Path(out["templates"]) / "base.html.j2").is_file()
    # MLSD_KNOWLEDGE_DIR still overrides the bundled bank.
    other = tmp_path / "kb"
    shutil.copytree(out["knowledge"], other)
    env = installed.env(MLSD_KNOWLEDGE_DIR=str(other))
    got = _run(
        [
            str(installed.venv / "bin" / "python"),
            "-c",
            "from app.config import Settings; print(Settings().knowledge_dir)",
        ],
        tmp_path,
        env,
    )
    assert got.strip() == str(other)


def test_wheel_ships_no_dev_code(installed: Installed, tmp_path: Path):
    """The fake model server, the benchmarks and the tests stay out of the product."""
    site = _site_packages(installed.venv)
    shipped = [str(p.relative_to(site)) for p in site.rglob("*.py")]
    assert any(p.startswith("app" + os.sep) for p in shipped)
    assert not [p for p in shipped if not p.startswith("app" + os.sep)], shipped
    assert not [p for p in shipped if "fake" in p], shipped
    commands = _run([installed.mlsd, "--help"], tmp_path, installed.env())
    assert "serve" in commands and "fake-llm" not in commands


def test_editable_install_reads_the_checkout(installed: Installed):
    """`pip install -e` (make setup) copies nothing: the app reads the checkout's folders."""
    root = installed.tmp.parent
    src, venv = root / "editable-src", root / "editable-venv"
    _copy_sources(src)
    env = installed.env()
    _fresh_venv(venv, env, "--no-build-isolation", "-e", str(src))
    run = root / "editable-run"
    run.mkdir()
    out = _probe(venv / "bin" / "python", run, env)
    assert out.pop("editable")  # imported through setuptools' editable finder
    checkout = src.resolve()
    assert Path(out["app"]).resolve() == checkout / "app" / "__init__.py"
    for name in ("knowledge", "prompts", "migrations"):
        assert Path(out[name]).resolve() == checkout / name
    assert Path(out["templates"]).resolve() == checkout / "app" / "web" / "templates"
    assert not (checkout / "app" / "bundled").exists()


class Server:
    """`mlsd serve` in a subprocess; `start()` returns once Uvicorn says it listens."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]):
        self.proc = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        self.listening = threading.Event()
        self.ended = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)
            if "Uvicorn running on" in line:
                self.listening.set()
        self.ended.set()
        self.listening.set()  # wake the waiter: the server exited

    def start(self, timeout: float = 120) -> None:
        assert self.listening.wait(timeout), "no 'Uvicorn running' line:\n" + self.log
        assert not self.ended.is_set(), "mlsd serve exited:\n" + self.log

    def stop(self) -> int:
        return stop_process(self.proc, grace_s=30)

    @property
    def log(self) -> str:
        return "".join(self.lines)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_wheel_migrates_indexes_serves_and_interviews(installed: Installed, backend, bank, request):
    run = installed.tmp.parent / f"run-{backend}"  # an empty directory, the commands' cwd
    run.mkdir()
    port = free_port()
    extra = {"MLSD_PORT": str(port)}
    if backend == "postgres":
        url = request.getfixturevalue("pg_server")
        _reset_pg(url)
        extra["DATABASE_URL"] = url
    env = installed.env(**extra)

    assert "database at head" in _run([installed.mlsd, "db", "upgrade"], run, env)
    _run([installed.mlsd, "kb", "index"], run, env)
    server = Server([installed.mlsd, "serve"], run, env)
    try:
        server.start()
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            assert http.get("/readyz").status_code == 200
            home = http.get("/")  # templates and static files came with the wheel
            assert home.status_code == 200 and "news-feed" in home.text
            assert http.get("/static/app.css").status_code == 200

            r = http.post("/v1/sessions", json={"problem_id": "news-feed", "level": "senior"})
            assert r.status_code == 201, r.text
            sid = r.json()["session"]["id"]
            assert r.json()["message"]["content"].strip()
            said = [
                "What is the business goal: engagement, or time well spent?",
                "I would frame it as ranking posts by predicted probability of engagement.",
            ]
            for text in said:
                r = http.post(f"/v1/sessions/{sid}/messages", json={"content": text})
                assert r.status_code == 201, r.text
                assert r.json()["reply"]["content"].strip()
            transcript = http.get(f"/v1/sessions/{sid}/transcript").json()
            contents = [m["content"] for m in transcript["messages"]]
            assert all(text in contents for text in said)

            r = http.post(f"/v1/sessions/{sid}/finish")
            assert r.status_code == 201, r.text
            report = http.get(f"/v1/sessions/{sid}/report")
            assert report.status_code == 200, report.text
            assert report.json() == r.json()
            assert report.json()["problem_id"] == "news-feed" and report.json()["stages"]
            # The wheel's knowledge and prompts are the checkout's, byte for byte.
            versions = report.json()["versions"]
            assert versions["knowledge"] == bank.content_hash
            assert versions["prompts"] == prompts_version(str(ROOT / "prompts"))
    finally:
        code = server.stop()
    # A clean stop: Uvicorn shuts down, then re-raises the SIGTERM it caught.
    assert code in (0, -signal.SIGTERM), server.log
    assert "Application shutdown complete" in server.log
    # Written: the data dir (SQLite file and Chroma index) under the working directory only.
    written = _files(run)
    assert written and all(p.startswith("data" + os.sep) for p in written), written
    if backend == "sqlite":
        assert "data/mlsd.sqlite3" in written
    assert _files(installed.home) == set()
    assert _files(installed.tmp) == set()


def test_dockerfile_runs_the_same_steps():
    """The Dockerfile builds, installs and prepares the wheel as this test does."""
    docker = (ROOT / "Dockerfile").read_text()
    assert "pip wheel . --no-deps --no-build-isolation -w" in docker
    assert " ".join(BUILD[1:4]) in docker
    for step in ("mlsd db upgrade", "mlsd kb index", '"mlsd", "serve"'):
        assert step in docker, step
    for name in (*SOURCES, *SOURCE_DIRS):
        assert name in docker, name
    # supply chain: a base image by digest, hash-locked installs, the runtime lock only
    froms = [line for line in docker.splitlines() if line.startswith(("FROM", "ARG BASE"))]
    assert froms and all("@sha256:" in f or "${BASE}" in f for f in froms), froms
    assert "--require-hashes -r /tmp/req/runtime.lock" in docker
    assert "dev.lock" not in docker and "[dev]" not in docker
    assert "pip install --no-deps --no-compile /dist/" in docker
