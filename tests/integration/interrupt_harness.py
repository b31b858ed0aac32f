"""Run by test_export: ``python interrupt_harness.py MODULE ARGS...`` is ``python -m
readout ARGS`` sent a real SIGINT the moment it first imports MODULE, as a Ctrl-C while
readout is still starting would come."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import runpy
import signal
import sys
from collections.abc import Sequence
from types import ModuleType


class CtrlCOnImport(importlib.abc.MetaPathFinder):
    """Sends SIGINT to this process when ``name`` is first looked for, then steps aside."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname == self.name:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None


if __name__ == "__main__":
    module, *arguments = sys.argv[1:]
    sys.meta_path.insert(0, CtrlCOnImport(module))
    sys.argv = ["readout", *arguments]
    runpy.run_module("readout", run_name="__main__", alter_sys=True)
