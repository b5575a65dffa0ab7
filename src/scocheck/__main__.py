"""The `scocheck` command (also `python -m scocheck`).

A `check` or `cite` whose inputs are all unchanged is replayed from
`.scocheck/runs/` before the command-line framework is even imported: the
pre-commit hook pays little more than Python's start-up for drafts it has
already checked.
"""

import os
import sys


def run() -> None:
    argv = sys.argv[1:]
    if argv[:1] in (["check"], ["cite"]):
        from .results import replay

        replayed = replay(argv, os.getcwd())
        if replayed is not None:
            output, code = replayed
            sys.stdout.write(output)
            sys.exit(code)
    from .cli import main

    sys.exit(main(argv))


if __name__ == "__main__":
    run()
