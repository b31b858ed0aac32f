"""The core stays free of UI libraries: importing the CLI loads no Textual or Rich."""

from __future__ import annotations

import subprocess
import sys


def test_cli_and_text_command_import_no_ui_library() -> None:
    code = (
        "import sys, io, contextlib\n"
        "import readout.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    readout.cli.main(['text'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich', 'click'})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
