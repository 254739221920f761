"""Text for people at a console: colour and fixed-width tables, through rich.

Whether to colour is decided once, by ``wants_color`` (``--color`` and the NO_COLOR
and FORCE_COLOR conventions), and the writers here follow that ``color`` as given.
Off a terminal the width is fixed (``WIDTH``) and nothing is wrapped, so what
goes to a file or a pipe never depends on ``$COLUMNS`` or a terminal's size: lines
are written as they are, and a table is laid out at its natural width. rich is
imported only when something is written, so ``mgi --help`` stays fast.

Text from files (matrices, catalogues, ``mgi.toml``, rule files, file names) never
drives the terminal: ``printable`` shows each control character (an ANSI escape, a
carriage return, a bell, a bidirectional override) as ``\\uXXXX``; ``cli.py`` puts
every write to standard output and error through it (``PrintableStream``), and rich
consoles escape what they render. Markup is never read from text (``markup=False``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from mgi_cli.problems.problem import shown_path

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

#: The width of a console that is not a terminal (the text reports' line length).
WIDTH = 100


def wants_color(choice: str, stream: object, environ: Mapping[str, str]) -> bool:
    """Whether to colour what goes to ``stream``, for ``--color`` ``choice``.

    always and never are the user's word for this run, above the environment (as
    no-color.org asks of a command-line argument). auto: never when NO_COLOR is set,
    whatever its value; else always when FORCE_COLOR is set and not empty
    (force-color.org), so CI logs that render colour can have it; else only on a
    terminal.
    """
    if choice in ("always", "never"):
        return choice == "always"
    if "NO_COLOR" in environ:
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# C0 controls but tab and newline, a carriage return not ending a line, DEL, C1
# controls (0x9b starts an escape sequence on some terminals), and the bidirectional
# embeddings, overrides and isolates, which show text in another order than it has.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """``text`` with each control character written as ``\\uXXXX``, lines and tabs kept.

    ``\\u001b`` is also how JSON writes ESC, so a JSON document stays valid and means
    the same after this; Markdown and HTML show it as text.
    """
    return _CONTROL.sub(_escaped, text) if _CONTROL.search(text) else text


def shown_name(name: object) -> str:
    """A file name on one line (``problems.problem.shown_path``)."""
    return shown_path(name)


class PrintableStream:
    """A text stream that writes everything through ``printable``; the rest is the
    stream's own (``isatty``, ``fileno``, ``buffer`` for documents in bytes...)."""

    def __init__(self, stream: TextIO) -> None:
        self.unescaped = stream

    def write(self, text: str) -> int:
        self.unescaped.write(printable(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unescaped, name)


def _unescaped(stream: TextIO) -> TextIO:
    """The stream under a ``PrintableStream``: rich writes its own colour codes, and
    escapes the text it renders itself (``_Console.render``)."""
    while isinstance(stream, PrintableStream):
        stream = stream.unescaped
    return stream


def write_styled(stream: TextIO, pieces: Iterable[str | tuple[str, str]], *, color: bool) -> None:
    """Pieces of text, some with a rich style (``("error", "red")``), written in order.

    Without colour the text is written as it is, and rich is not even imported: `mgi
    validate` in a pre-commit hook or a pipe pays nothing for it.
    """
    if not color:
        stream.write(printable("".join(p if isinstance(p, str) else p[0] for p in pieces)))
        return
    from rich.text import Text

    # One Text printed once: rich's cost is per print, and a run may find thousands.
    make_console(stream, color=True).print(Text.assemble(*pieces), end="")


def make_console(stream: TextIO, *, color: bool) -> Console:
    """A console writing to ``stream``, in colour if ``color`` (``wants_color`` decides)."""
    from rich.console import Console
    from rich.segment import Segment

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich exits 1 here; the command line ends quietly with 0 (cli.py).
            raise BrokenPipeError

        def render(
            self, renderable: Any, options: ConsoleOptions | None = None
        ) -> Iterator[Segment]:
            # Text never drives the terminal; rich's own codes (colour, the progress
            # bar's cursor moves) are control segments or styles, written after this.
            for segment in super().render(renderable, options):
                if segment.control is None and _CONTROL.search(segment.text):
                    yield Segment(printable(segment.text), segment.style)
                else:
                    yield segment

    stream = _unescaped(stream)

    isatty = getattr(stream, "isatty", None)
    terminal = bool(isatty and isatty())
    return _Console(
        file=stream,
        # Colour codes also into a stream that is no terminal when asked (tests);
        # otherwise rich decides, which the progress bar needs on a terminal.
        force_terminal=True if color else None,
        color_system="standard" if color else None,
        no_color=not color,
        width=None if terminal else WIDTH,
        soft_wrap=True,  # a line is written whole, never wrapped at the width
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str | Text]],
    *,
    right: Collection[int] = (),
    min_widths: Mapping[int, int] | None = None,
    widths: Mapping[int, int] | None = None,
    indent: int = 0,
    gap: int = 2,
    header_style: str = "bold",
) -> Any:
    """Columns ``gap`` spaces apart, ``indent`` spaces in, no rules and no borders.

    No ``header``: no heading line. ``right``: the columns aligned right (figures);
    ``min_widths``: at least that wide; ``widths``: exactly that wide, longer cells
    cut. Each line ends at its last character, as the hand-made tables did. A cell
    may be a rich ``Text`` to colour it (a tab in a cell becomes a space: it cannot
    line up). The result is printed with ``console.print``.
    """
    from rich.cells import cell_len
    from rich.table import Table

    # Escaped here, not only when printed, so that columns are measured as shown.
    cells = [
        [printable(cell.expandtabs(1)) if isinstance(cell, str) else cell for cell in row]
        for row in rows
    ]
    count = len(header) if header else max((len(row) for row in cells), default=0)
    # Each column as wide as its widest cell, set here: rich then need not measure
    # every cell again, which is most of its time on a table of a few hundred rows.
    sizes = []
    for index in range(count):
        fixed = (widths or {}).get(index)
        widest = max(
            (cell_len(str(row[index])) for row in [header, *cells] if index < len(row)),
            default=0,
        )
        sizes.append(fixed or max(widest, (min_widths or {}).get(index, 0)))
    grid = Table(
        box=None,
        padding=(0, gap, 0, 0),
        pad_edge=False,
        show_edge=False,
        header_style=header_style,
        show_header=bool(header),
        highlight=False,
    )
    for index, size in enumerate(sizes):
        grid.add_column(
            header[index] if header else "",
            justify="right" if index in right else "left",
            width=size,
            no_wrap=True,
            overflow="crop",  # only a cell longer than a fixed width: it is cut
        )
    for row in cells:
        grid.add_row(*row)
    return _Natural(grid, sum(sizes) + gap * max(count - 1, 0), indent)


def to_text(renderable: Any) -> str:
    """What ``renderable`` prints, as plain text (no colour)."""
    from io import StringIO

    stream = StringIO()
    make_console(stream, color=False).print(renderable)
    return stream.getvalue()


class _Natural:
    """A table at its natural width, indented, with no spaces at the ends of lines."""

    def __init__(self, grid: Any, width: int, indent: int) -> None:
        self.grid = grid
        self.width = width
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        if not self.width:
            return
        lines = console.render_lines(self.grid, options.update(width=self.width), pad=False)
        for line in lines:
            while line and not line[-1].text.rstrip(" "):
                line.pop()  # a trailing run of padding
            if line:
                last = line[-1]
                line[-1] = Segment(last.text.rstrip(" "), last.style, last.control)
                yield Segment(" " * self.indent)
            yield from line
            yield Segment.line()
