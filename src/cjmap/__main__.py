"""Entry point of the ``cjmap`` command and of ``python -m cjmap``."""

from __future__ import annotations

import errno
import os
import sys

from typing import Union

from cjmap import __version__

EXIT_ERROR = 2  # as cjmap.commands.common, which this module must not import (start-up time)


def _guard_streams() -> None:
    """Output never crashes on the terminal's encoding: a character stdout cannot show (on an
    ASCII or Latin-1 terminal, ``LC_ALL=C``) becomes ``?``. A closed stdout or stderr (``>&-``)
    becomes one that fails on the first write, reported as one line and exit 2."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
            if name == "stdout":
                setattr(sys, name, _Closed())
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


class _Closed:
    """Standard output when the shell closed it: any write is an OSError (EBADF)."""

    encoding = "utf-8"
    errors = "replace"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> "_Closed":
        return self


def _stream_failed(error: OSError) -> None:
    """One line on stderr for output that could not be written (a full disk, a closed pipe)."""
    if error.errno == errno.EPIPE:  # `cjmap ... | head`: the reader left; not worth a word
        os._exit(EXIT_ERROR)
    reason = error.strerror or str(error)
    try:
        sys.stderr.write(f"cjmap: error: cannot write the output: {reason}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    # The buffered output cannot be written either: leave without flushing it again.
    os._exit(EXIT_ERROR)


def main() -> None:
    _guard_streams()
    # `cjmap --version` answers before typer, pydantic and rich are imported, so it starts in a
    # few tens of milliseconds; scripts call it to check what is installed.
    code: Union[str, int, None] = 0
    try:
        if sys.argv[1:] in (["--version"], ["-V"]):
            print(f"cjmap {__version__}")
            sys.stdout.flush()
            return
        else:
            # Imported here, not at the top, because typer is the heavy part of start-up that
            # `--version` avoids; the app imports only the command that runs.
            # pydantic looks for plugins by scanning every installed package's metadata when
            # the first model is built; the command line has none, and the scan is a tenth of
            # a one-file validate.
            os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
            from cjmap.cli import app_for

            app_for(sys.argv[1:])(prog_name="cjmap")
    except SystemExit as exit_:
        code = exit_.code
    except KeyboardInterrupt:
        # Ctrl-C before a command could handle it (while modules load): one line, exit 130.
        sys.stderr.write("cjmap: cancelled\n")
        code = 130
    except OSError as error:
        _stream_failed(error)
    try:
        sys.stdout.flush()
    except OSError as error:
        _stream_failed(error)
    except (ValueError, AttributeError):
        pass
    if code:
        sys.exit(code)


if __name__ == "__main__":
    main()
