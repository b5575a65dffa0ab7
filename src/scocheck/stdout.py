"""Standard output as every run writes it, fresh or replayed.

- A character the output's encoding cannot hold (an ASCII-only terminal) prints as "?", never as a
  traceback.
- A reader that stops reading (`scocheck verify | head -1`) ends the output quietly: the rest goes
  nowhere and the run exits with the status its findings give. A closed pipe is not a finding.
- Any other failure to write (a full disk) is one line on stderr and exit 2.

Only the standard library is used: a replay sets this up before anything else is imported.
"""

from __future__ import annotations

import os
import sys


class CannotWrite(Exception):
    """Standard output could not be written (not a closed pipe): the run exits 2 with this message."""


class _Stream:
    """sys.stdout with a closed pipe made quiet and other failures made CannotWrite."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._closed()
        except OSError as error:
            raise CannotWrite(f"cannot write to standard output: {error.strerror or error}") from None
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._closed()
        except OSError as error:
            raise CannotWrite(f"cannot write to standard output: {error.strerror or error}") from None

    def _closed(self) -> None:
        """Point standard output at the null device, so what is still buffered (or written later, or
        flushed when Python exits) goes nowhere instead of failing again."""
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def guard() -> None:
    """Make sys.stdout the forgiving stream above (once)."""
    if isinstance(sys.stdout, _Stream) or sys.stdout is None:
        return
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):  # not a text file of the io module (a test's capture)
        pass
    sys.stdout = _Stream(sys.stdout)
