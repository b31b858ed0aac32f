"""A result that another thread provides: a small stand-in for ``concurrent.futures.Future``.

Importing ``concurrent.futures`` costs about 8 ms (it pulls in ``logging``), a tenth of
readout's start-up before the first sound, for the few methods used here.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """The request was withdrawn before it ran."""


class Pending(Generic[T]):
    """Set once by a worker, read by anyone; ``result()`` blocks until then."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._settled = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None
        self._running = False
        self._cancelled = False

    def set_running_or_notify_cancel(self) -> bool:
        """Claim the request for running; False if it was cancelled first."""
        with self._lock:
            if self._cancelled:
                return False
            self._running = True
            return True

    def set_result(self, value: T) -> None:
        with self._lock:
            self._value = value
        self._settled.set()

    def set_exception(self, error: BaseException) -> None:
        with self._lock:
            self._error = error
        self._settled.set()

    def cancel(self) -> bool:
        """Withdraw the request unless it is running or done."""
        with self._lock:
            if self._running or self._settled.is_set():
                return self._cancelled
            self._cancelled = True
            self._error = Cancelled()
        self._settled.set()
        return True

    def done(self) -> bool:
        return self._settled.is_set()

    def exception(self, timeout: float | None = None) -> BaseException | None:
        if not self._settled.wait(timeout):
            raise TimeoutError
        return self._error

    def result(self, timeout: float | None = None) -> T:
        if not self._settled.wait(timeout):
            raise TimeoutError
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
