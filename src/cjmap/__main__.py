"""Entry point of the ``cjmap`` command and of ``python -m cjmap``."""

from __future__ import annotations

import sys

from cjmap import __version__


def main() -> None:
    # `cjmap --version` answers before typer, pydantic and rich are imported, so it starts in a
    # few tens of milliseconds; scripts call it to check what is installed.
    if sys.argv[1:] in (["--version"], ["-V"]):
        print(f"cjmap {__version__}")
        return
    # Imported here, not at the top, because typer is the heavy part of start-up that
    # `--version` avoids; the app imports only the command that runs.
    from cjmap.cli import app_for

    app_for(sys.argv[1:])(prog_name="cjmap")


if __name__ == "__main__":
    main()
