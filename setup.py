"""Build hook: the wheel carries the top-level `knowledge/`, `prompts/` and `migrations/`.

Everything else about the package is declared in pyproject.toml. Why a build-time copy
rather than `package-dir` mapping those folders as subpackages: a mapping makes them
importable packages (an `__init__.py` in each, which would change the prompts' version hash
and gather `__pycache__`), and an editable install would then resolve them to the checkout
that was installed, not to the `app` actually imported (a second work tree on PYTHONPATH
would read the first one's knowledge). The copy only happens when a wheel is built; an
editable install has no `app/bundled/` and `app/resources.py` reads the folders beside the
imported `app/` instead. The sdist carries the folders too (MANIFEST.in), so a wheel built
from it is the same.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("knowledge", "prompts", "migrations")  # app/resources.py reads them from here
HERE = Path(__file__).resolve().parent


class BuildPyWithBundled(build_py):
    """`build_py` that also copies the bundled folders to `app/bundled/` in the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # editable: app/resources.py reads the source folders
            return
        target = Path(self.build_lib) / "app" / "bundled"
        for name in BUNDLED:
            source = HERE / name
            if not source.is_dir():
                raise FileNotFoundError(f"{source} is missing: the wheel would be incomplete")
            dest = target / name
            shutil.rmtree(dest, ignore_errors=True)  # no stale files from an earlier build
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__", "*.py[co]"))


setup(cmdclass={"build_py": BuildPyWithBundled})
