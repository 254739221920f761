"""How every command's `--help` reads: placeholders people read, and worked examples.

Typer shows a parameter's Python type (``paths... <list[Path]>``, ``--jobs <int
range>``, ``{matrix}`` in the usage line). ``Command`` writes instead what the command
line convention expects (``PATHS...``, ``--jobs N``, ``MATRIX``; a choice still lists
its values, ``<text|json>``), and an ``epilog`` made with ``examples()`` as an
"Examples:" section written line for line, never re-wrapped. Every command is
registered with ``cls=Command`` (tests/commands/test_help.py walks them all).
"""

from typing import Any

from typer.core import TyperCommand

#: The first line of an epilog that ``examples()`` made.
EXAMPLES = "Examples:"


def examples(*lines: str) -> str:
    """An epilog of invocations, one per line (each runs against the shipped examples
    in a test), with an optional ``  # why`` comment after two spaces."""
    return "\n".join([EXAMPLES, *(f"  {line}" for line in lines)])


def example_lines(epilog: str | None) -> list[str]:
    """The invocations of an epilog made by ``examples()``, comments left out."""
    if not epilog or not epilog.startswith(EXAMPLES):
        return []
    return [line.strip().split("  #")[0].strip() for line in epilog.splitlines()[1:]]


class Command(TyperCommand):
    """A command whose help names values by what they are, not by Python type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_metavars(self)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_usage_name(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_plain_name(param), _with_range(param, record[1])))
            else:
                options.append((record[0], _with_range(param, record[1])))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def format_epilog(self, _ctx: Any, formatter: Any) -> None:
        if not self.epilog:
            return
        formatter.write_paragraph()
        for line in self.epilog.splitlines():
            # As written: click would join the lines into one paragraph.
            formatter.write(f"{'':>{formatter.current_indent}}{line}\n" if line else "\n")


def plain_metavars(command: Any) -> None:
    """Give every option that takes a value, and is not a choice, a metavar: its long
    name in capitals (``--module MODULE``) unless its declaration names one."""
    for param in command.params:
        if param.param_type_name != "option" or param.metavar is not None:
            continue
        if param.is_flag or param.count or param.type_descriptor.is_choice:
            continue
        param.metavar = max(param.opts, key=len).lstrip("-").upper()


def _plain_name(param: Any) -> str:
    """``MATRIX``, ``PATHS...``, or the declared metavar as it is."""
    if param.metavar is not None:
        return str(param.metavar)
    name = str(param.name).upper()
    return f"{name}..." if param.nargs != 1 else name


def _usage_name(param: Any) -> str:
    """``MATRIX``, ``[FOLDER]``, ``[PATHS]...``; a declared metavar that spells out its
    own shape (``[BASELINE] FOLLOW_UP``) as it is."""
    if param.metavar is not None and (" " in param.metavar or "[" in param.metavar):
        return str(param.metavar)
    name = str(param.metavar or param.name).upper()
    if not param.required:
        name = f"[{name}]"
    return f"{name}..." if param.nargs != 1 else name


def _with_range(param: Any, text: str) -> str:
    """``[1<=x<=23]`` reads ``[1<=N<=23]``: the bound on the value the metavar names."""
    describe = getattr(param, "_get_number_range_help_str", None)
    bound = describe() if describe is not None and _is_ranged(param) else None
    if not bound:
        return text
    name = param.metavar or str(param.name).upper()
    return text.replace(bound, bound.replace("x", name))


def _is_ranged(param: Any) -> bool:
    return bool(getattr(param.type_descriptor, "is_ranged", False))
