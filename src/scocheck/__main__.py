"""The `scocheck` command (also `python -m scocheck`).

A `check` or `cite` whose inputs are all unchanged is replayed from
`.scocheck/runs/` before the command-line framework is even imported: the
pre-commit hook pays little more than Python's start-up for drafts it has
already checked. Ctrl-C at any point prints one line and exits 130.
"""

import os
import signal
import sys

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


class Interrupted(BaseException):
    """Ctrl-C: raised instead of KeyboardInterrupt, which the command-line framework would turn into
    its own message; a BaseException, so no handler of ordinary errors swallows it."""


def _interrupt(signum, frame):
    raise Interrupted


def run() -> None:
    signal.signal(signal.SIGINT, _interrupt)
    from .stdout import CannotWrite, guard

    guard()
    try:
        code = _run(sys.argv[1:])
        sys.stdout.flush()
    except (Interrupted, KeyboardInterrupt):
        sys.stderr.write("scocheck: interrupted\n")
        code = INTERRUPTED
    except CannotWrite as error:
        sys.stderr.write(f"scocheck: error: {error}\n")
        code = 2
    sys.exit(code)


def _run(argv: list[str]) -> int:
    if argv[:1] in (["check"], ["cite"]):
        from .results import replay

        replayed = replay(argv, os.getcwd())
        if replayed is not None:
            output, code = replayed
            sys.stdout.write(output)
            return code
    from .cli import main

    return main(argv)


if __name__ == "__main__":
    run()
