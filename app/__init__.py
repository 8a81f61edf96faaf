"""ML system design mock-interview service."""

__version__ = "0.1.0"
