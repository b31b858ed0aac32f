"""Imported once by the fork server that worker processes start from (``batch.py``).

It brings in the worker's modules, so that each worker forked from the server starts
without importing them again, and it has the server ignore Ctrl-C and hang-up: the
workers forked from it inherit that, until their own handler is in place
(``workers.start_pool_worker``), so an early Ctrl-C cannot kill one with a traceback.
"""

from __future__ import annotations

import signal

from readout.export import workers

for _number in workers.INTERRUPTS:
    signal.signal(_number, signal.SIG_IGN)
