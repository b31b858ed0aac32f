from __future__ import annotations

import threading

import pytest

from readout.speech.pending import Cancelled, Pending


def test_result_waits_for_another_thread() -> None:
    pending: Pending[int] = Pending()
    threading.Timer(0.05, pending.set_result, args=(42,)).start()
    assert pending.result(timeout=2) == 42
    assert pending.done() and pending.exception() is None


def test_errors_are_raised_by_result() -> None:
    pending: Pending[int] = Pending()
    pending.set_exception(ValueError("no"))
    with pytest.raises(ValueError, match="no"):
        pending.result()


def test_cancel_only_before_running() -> None:
    waiting: Pending[int] = Pending()
    assert waiting.cancel()
    assert not waiting.set_running_or_notify_cancel()
    with pytest.raises(Cancelled):
        waiting.result()
    running: Pending[int] = Pending()
    assert running.set_running_or_notify_cancel()
    assert not running.cancel()
    running.set_result(1)
    assert running.result() == 1


def test_timeout() -> None:
    with pytest.raises(TimeoutError):
        Pending[int]().result(timeout=0.01)
