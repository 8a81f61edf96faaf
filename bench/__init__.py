"""Benches of the service (see README.md)."""

import app  # noqa: F401  (before numpy loads: sets the BLAS threads, see app/__init__.py)
