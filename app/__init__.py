"""ML system design mock-interview service."""

import os

__version__ = "0.1.0"

# One BLAS thread. The reader multiplies a few sentence vectors by a few hundred example
# vectors per message; OpenBLAS splits such a product over threads, which on a busy 2-core
# machine wait on each other: an 8-sentence product took 28 ms at the median with its threads
# and 0.1 ms with one; grading a 60-message transcript took 270 ms of CPU instead of 405.
# Each product is the same kernel either way, so the numbers are identical. Read when numpy
# loads: the package is imported first by the service, the CLI and the benches. A user who
# wants more threads sets the variable themselves.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
