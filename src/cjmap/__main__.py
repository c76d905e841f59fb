"""Entry point of the ``cjmap`` command and of ``python -m cjmap``."""

from __future__ import annotations

import sys


def main() -> None:
    # `cjmap --version` answers before typer, pydantic and rich are imported, so it starts in a
    # few tens of milliseconds; scripts call it to check what is installed.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from cjmap import __version__

        print(f"cjmap {__version__}")
        return
    from cjmap.cli import app

    app(prog_name="cjmap")


if __name__ == "__main__":
    main()
