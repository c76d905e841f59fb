"""``cjmap schema``: the JSON Schema of the map format, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cjmap.commands.common import fail
from cjmap.json_schema import schema_text
from cjmap.writing import WriteRefused, write_atomic


def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
) -> None:
    """Print the JSON Schema (draft-07) of the format, for yaml-language-server and other editors.

    Put [bold]# yaml-language-server: $schema=PATH[/] on a map's first line to use it.
    """
    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    if output.suffix.lower() in (".yaml", ".yml") and output.exists():
        fail(f"{output} is a YAML file (a map?): the schema is JSON; write it to a .json file "
             "such as cjmap.schema.json")
    try:
        write_atomic(output, text)
    except WriteRefused as error:
        fail(f"cannot write: {error}")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
