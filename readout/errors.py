"""One error hierarchy for everything below the CLI.

Core code raises these and never prints or exits; the CLI turns each class into a
one-line message and a sysexits-style exit code (see DESIGN.md).
"""

from __future__ import annotations


class ReadoutError(Exception):
    """Base class. The message is shown to the user as one line, so keep it short and
    say what happened and what to do about it."""

    exit_code = 1


class UsageError(ReadoutError):
    """A request that cannot be met as given: an unknown voice, an unsupported format."""

    exit_code = 2


class InputError(ReadoutError):
    """The input was read but rejected: binary, empty, too big, malformed, no article."""

    exit_code = 65


class InputMissingError(ReadoutError):
    """The input does not exist or cannot be opened (a missing file, a directory, a 404)."""

    exit_code = 66


class FetchError(ReadoutError):
    """A URL could not be fetched: DNS, refused connection, timeout, TLS, redirects."""

    exit_code = 69


class EngineError(ReadoutError):
    """No speech engine could be loaded or it failed to synthesise."""

    exit_code = 69


class AudioDeviceError(ReadoutError):
    """No audio output device could be opened."""

    exit_code = 69


class ExportError(ReadoutError):
    """Output could not be written (disk full, permission denied, read-only)."""

    exit_code = 74


class StateError(ReadoutError):
    """The resume positions and history could not be read or written."""

    exit_code = 74
