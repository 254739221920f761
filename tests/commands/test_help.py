"""Every command explains itself (the docs pages of codes and commands: tests/docs)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import Result

import mgi_cli
from mgi_cli.cli import app

Mgi = Callable[..., Result]


def _walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    # Typer may bundle its own copy of click, so groups are told by their ``commands``.
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(typer.main.get_command(app), ()))
IDS = [" ".join(path) or "mgi" for path, _ in COMMANDS]


def test_the_core_commands_exist() -> None:
    names = {path for path, _ in COMMANDS}
    assert {("validate",), ("catalogue",), ("schema",)} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_command_has_help(path: tuple[str, ...], command: Any) -> None:
    assert (command.help or "").strip(), f"mgi {' '.join(path)} has no help text"
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            assert (param.help or "").strip(), f"mgi {' '.join(path)} {param.opts[0]}: no help"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_option_exits_0(mgi: Mgi, path: tuple[str, ...], command: Any) -> None:
    result = mgi(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert (command.help or "").split("\n")[0].strip()[:40] in " ".join(result.stdout.split())


def test_mgi_help_lists_the_commands(mgi: Mgi) -> None:
    result = mgi("--help")
    assert result.exit_code == 0
    for name in ("validate", "catalogue", "schema"):
        assert re.search(rf"^\s+{name}\s", result.stdout, re.MULTILINE), name


def test_mgi_without_arguments_shows_help(mgi: Mgi) -> None:
    result = mgi()
    assert result.exit_code in (0, 2)
    assert "Usage: " in result.output


def test_short_help_and_version_options(mgi: Mgi) -> None:
    assert mgi("-h").stdout.startswith("Usage: mgi [OPTIONS] COMMAND")
    assert mgi("validate", "-h").stdout.startswith("Usage: mgi validate")
    version = mgi("-V")
    assert (version.exit_code, version.stdout) == (0, f"mgi {mgi_cli.__version__}\n")


def test_shell_completion_is_offered(mgi: Mgi) -> None:
    text = mgi("--help").stdout
    assert "--install-completion" in text
    assert "--show-completion" in text


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`mgi catalogue | head -1`: no traceback and no error when the reader leaves."""
    command = f"{sys.executable} -m mgi_cli catalogue --lang pt | head -1 > {tmp_path / 'out'}"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "out").read_text(encoding="utf-8").strip()


# --- What --help shows: placeholders, not Python types; examples that run --------------

#: A placeholder that names a Python type, or Typer's and click's type names.
PYTHON_TYPE = re.compile(
    r"<(str|int|float|bool|path|file|dir|datetime|uuid)>|<[^>]*(list\[|range|Path)[^>]*>"
    r"|\b(TEXT|INTEGER|FLOAT|BOOLEAN|UUID|RANGE)\b|\{[a-z_]+\}|\bx[<>]=|<=x\b"
)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_names_no_python_type(mgi: Mgi, path: tuple[str, ...], command: Any) -> None:
    text = mgi(*path, "--help").stdout
    assert not PYTHON_TYPE.findall(text), text
    context = typer.Context(command, info_name=path[-1] if path else "mgi")
    for param in command.params:
        if param.param_type_name == "option" and not (param.is_flag or param.hidden):
            # A value's placeholder is a word in capitals, or the choices listed.
            shown = param.get_help_record(context)[0].split(" ", 1)
            shown = shown[-1].split(", ")[-1].split(" ")[-1] if len(shown) > 1 else ""
            assert re.fullmatch(r"[A-Z][A-Z0-9_@|.-]*|<[a-z0-9-]+(\|[a-z0-9-]+)*>", shown), (
                f"mgi {' '.join(path)} {param.opts[0]}: {shown!r}"
            )


def test_placeholders_in_usage_and_arguments(mgi: Mgi) -> None:
    assert mgi("fmt", "-h").stdout.startswith("Usage: mgi fmt [OPTIONS] PATHS...\n")
    assert mgi("validate", "-h").stdout.startswith("Usage: mgi validate [OPTIONS] [PATHS]...\n")
    assert mgi("diff", "-h").stdout.startswith("Usage: mgi diff [OPTIONS] [BASELINE] FOLLOW_UP\n")
    report = mgi("report", "gcm", "-h").stdout
    assert report.startswith("Usage: mgi report gcm [OPTIONS] MATRIX\n")
    assert "\n  MATRIX  The matrix file.  [required]\n" in report
    catalogue = mgi("catalogue", "-h").stdout
    assert "  --gcm N " in catalogue and "[1<=N<=23]" in catalogue
    assert "  -j, --jobs N " in mgi("validate", "-h").stdout


def _examples() -> list[tuple[str, str]]:
    from mgi_cli.commands.help import example_lines

    return [
        (" ".join(path), line)
        for path, command in COMMANDS
        for line in example_lines(command.epilog)
    ]


#: Examples that do not end by themselves: shown, not run.
NOT_RUN = {"mgi site serve matrices --port 8080"}
RUNNABLE = {
    " ".join(path) for path, command in COMMANDS if path and not isinstance(command, TyperGroup)
}


@pytest.mark.parametrize("name", sorted(RUNNABLE))
def test_every_command_ends_its_help_with_examples(mgi: Mgi, name: str) -> None:
    text = mgi(*name.split(), "--help").stdout
    assert "\nExamples:\n  mgi " in text
    shown = [line for command, line in _examples() if command == name]
    assert 1 <= len(shown) <= 3
    assert any(f"{line} ".startswith(f"mgi {name} ") for line in shown)
    for line in shown:
        assert f"\n  {line}" in text  # written as it is, never re-wrapped


@pytest.mark.parametrize("name", sorted(RUNNABLE))
def test_every_example_in_help_runs_on_the_examples(
    mgi: Mgi, name: str, tmp_path: Path, project_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command's examples, in order, in a copy of examples/ made a matrices
    repository (an empty mgi.toml), as `matrices/...` in them suppose: each exits 0."""
    import shlex
    import shutil

    shutil.copytree(project_root / "examples", tmp_path / "repo")
    (tmp_path / "repo" / "mgi.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    for command, line in _examples():
        if command != name or line in NOT_RUN:
            continue
        words = shlex.split(line)
        assert words[0] == "mgi"
        result = mgi(*words[1:])
        assert result.exit_code == 0, f"{line}\n{result.output}"
