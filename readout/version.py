"""The version, in one place: the package metadata and the User-Agent read it."""

__version__ = "0.1.0"
