"""A rich table as plain text, laid out by rich and assembled here, many times faster.

``cjmap actions`` draws a table of every action of a portfolio: thousands of rows. rich renders
each cell through its general machinery (padding, segments, cropping, alignment), which was
nearly half of the command's time. Without colour (output to a file or a pipe, ``--output``)
none of that machinery changes a character, so this takes rich's own column widths and rich's
own word wrapping of each cell and joins the lines with the box characters directly. The text
is the same, byte for byte, as rich's (tests/test_table_text.py compares the two over generated
tables); a table that uses a feature not handled here, or a console with colour, is left to
rich (``None``).
"""

from __future__ import annotations

from typing import Any, Optional


def plain_table(table: Any, console: Any) -> Optional[str]:
    """``table`` as ``console.print`` would write it, when the console has no colour and the
    table uses only what this handles; else None."""
    try:
        if console.color_system is not None or not _handled(table):
            return None
        return _assembled(table, console)
    except (AttributeError, TypeError):
        return None  # a rich release whose private layout API has changed: rich draws it


def _assembled(table: Any, console: Any) -> Optional[str]:
    from rich.cells import set_cell_size

    options = console.options
    widths = table._calculate_column_widths(  # rich's own layout (private, stable since 2020)
        console, options.update_width(options.max_width - table._extra_width))
    table_width = sum(widths) + table._extra_width
    if table_width > options.max_width or min(widths, default=0) < 2:
        return None  # squeezed past its padding: rich crops the lines, which is left to it
    box = table.box.substitute(options, safe=console.safe_box if table.safe_box is None
                               else table.safe_box)
    lines: list[str] = []
    if table.title:
        title = console.render_str(table.title, highlight=False)
        lines.extend(set_cell_size(line.plain, table_width)
                     for line in title.wrap(console, table_width, justify=table.title_justify))
    lines.append(box.get_top(widths))
    headers = [_cell_lines(console.render_str(column.header, highlight=False), column, width,
                           console)
               for column, width in zip(table.columns, widths)]
    lines.extend(_row_lines(headers, widths, box.head_left, box.head_vertical, box.head_right,
                            bottom=True))
    lines.append(box.get_row(widths, "head"))
    rows = list(zip(*(column._cells for column in table.columns)))
    for number, cells in enumerate(rows, start=1):
        rendered = [_cell_lines(cell, column, width, console)
                    for cell, column, width in zip(cells, table.columns, widths)]
        edges = ((box.foot_left, box.foot_vertical, box.foot_right) if number == len(rows)
                 else (box.mid_left, box.mid_vertical, box.mid_right))  # as rich picks them
        lines.extend(_row_lines(rendered, widths, *edges, bottom=False))
    lines.append(box.get_bottom(widths))
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _handled(table: Any) -> bool:
    """The features this assembles: a boxed table with its header and edge, no footer,
    caption, row lines, row styles or fixed widths, and cells of rich Text."""
    from rich.table import Table
    from rich.text import Text

    return (isinstance(table, Table) and table.box is not None and table.show_header and table.show_edge
            and not table.show_footer and not table.show_lines and not table.leading
            and not table.caption and not table.row_styles and table.width is None
            and table.min_width is None and tuple(table.padding) == (0, 1, 0, 1)
            and table.pad_edge and not table.collapse_padding
            and not any(row.style or row.end_section for row in table.rows)
            and all(isinstance(column.header, str) and column.vertical == "top"
                    and column.justify in ("left", "default") and not column.style
                    and all(isinstance(cell, Text) for cell in column._cells)
                    for column in table.columns))


def _cell_lines(text: Any, column: Any, width: int, console: Any) -> list[str]:
    """One cell's lines, each ``width`` cells wide with a space either side, as rich wraps
    them (Padding around the Text, cropped and padded to the column)."""
    from rich.cells import cell_len, set_cell_size

    inner = max(0, width - 2)
    plain = text.plain
    if "\n" not in plain and "\t" not in plain and cell_len(plain) <= inner:
        return [f" {set_cell_size(plain, inner)} "]  # one line that fits: rich leaves it whole
    wrapped = text.wrap(console, inner, justify=text.justify or column.justify or "default",
                        overflow=text.overflow or column.overflow or "fold",
                        tab_size=(console.tab_size if text.tab_size is None else text.tab_size)
                        or 8,
                        no_wrap=text.no_wrap if text.no_wrap is not None else column.no_wrap)
    return [f" {set_cell_size(line.plain, inner)} " for line in wrapped] or [" " * width]


def _row_lines(cells: list[list[str]], widths: list[int], left: str, divider: str,
               right: str, bottom: bool) -> list[str]:
    """The lines of one row: short cells filled with blank lines (below the text in the body,
    above it in the header, as rich aligns them)."""
    height = max(len(cell) for cell in cells)
    filled = []
    for cell, width in zip(cells, widths):
        blank = [" " * width] * (height - len(cell))
        filled.append(blank + cell if bottom else cell + blank)
    return [left + divider.join(cell[line] for cell in filled) + right for line in range(height)]
