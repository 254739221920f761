"""Every command of docs/getting-started.md runs, in order, against the examples.

The page's fenced ``sh`` blocks are run one line at a time in a scratch folder: `mgi`
through the Typer app, git as a subprocess, and the few shell commands the page uses
(cd, export, rm -r, mkdir, cp) in Python. A block marked
``<!-- tutorial-edit: NAME -->`` is an edit the reader makes by hand; the test makes it
with the block's own text (EDITS below), so the page and the test cannot drift apart.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import Result

Mgi = Callable[..., Result]

PAGE = Path(__file__).resolve().parents[2] / "docs" / "getting-started.md"
FENCE = re.compile(
    r"(?:<!-- tutorial-edit: (?P<edit>[a-z0-9-]+) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```",
    re.DOTALL,
)


@dataclass(frozen=True)
class Step:
    kind: str  # "sh" (commands to run) or "edit" (a block the reader writes in a file)
    name: str  # the edit's name; "" for commands
    text: str


def steps(markdown: str) -> list[Step]:
    found = []
    for match in FENCE.finditer(markdown):
        if match["edit"]:
            found.append(Step("edit", match["edit"], match["body"]))
        elif match["lang"] == "sh":
            found.append(Step("sh", "", match["body"]))
    return found


def _replace(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, lambda _: replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{path}: nothing matches {pattern!r}"
    path.write_text(new, encoding="utf-8")


def _indent(block: str, spaces: int) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in block.splitlines(True))


#: The edits the page asks the reader to make, by name: each gets the folder the reader
#: is in and the text of the block the page shows.
EDITS: dict[str, Callable[[Path, str], None]] = {
    # the block is the D1.01 entry, in place of the empty one `mgi new` wrote
    "answer-d1-01": lambda here, block: _replace(
        here / "matrices/XAM/2018-baseline.yaml",
        r"^  D1\.01:\n    answer: null\n    justification: null\n    references: \[\]\n",
        _indent(block, 2),
    ),
    # the block is the new other-catalogues line of mgi.toml
    "other-catalogues": lambda here, block: _replace(
        here / "mgi.toml", r"^other-catalogues = .*\n", block
    ),
    # the block is the follow-up's new status line
    "publish": lambda here, block: _replace(
        here / "matrices/XAM/2022-follow_up.yaml", r"^status: .*\n", block
    ),
}


class Reader:
    """Runs the page's commands as a reader would, from a scratch folder."""

    def __init__(self, mgi: Mgi, home: Path, examples: Path) -> None:
        self.mgi = mgi
        self.here = home
        self.home = home
        self.variables = {"HOME": str(home), "MGI_EXAMPLES": str(examples)}
        self.examples = examples
        gitconfig = home / ".gitconfig-empty"
        gitconfig.write_text("", encoding="utf-8")
        self.git_env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": str(gitconfig),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Focal Point",
            "GIT_AUTHOR_EMAIL": "focal.point@example.org",
            "GIT_COMMITTER_NAME": "Focal Point",
            "GIT_COMMITTER_EMAIL": "focal.point@example.org",
        }

    def path(self, name: str) -> Path:
        return (self.here / name).resolve()

    def run(self, line: str) -> None:
        words = [self._expand(w) for w in shlex.split(line, comments=True)]
        if not words:
            return
        command, *args = words
        if command == "mgi":
            result = self.mgi(*args)
            assert result.exit_code == 0, f"$ {line}\n{result.output}"
        elif command == "git":
            done = subprocess.run(
                ["git", *args],
                check=False,
                cwd=self.here,
                env=self.git_env,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, f"$ {line}\n{done.stdout}{done.stderr}"
        elif command == "export":
            name, _, _value = args[0].partition("=")
            # The page says where a clone keeps the examples; the test knows where they are.
            assert name == "MGI_EXAMPLES", line
        elif command == "cd":
            self.here = self.path(args[0])
            os.chdir(self.here)
        elif command == "rm" and args[0] == "-r":
            target = self.path(args[1])
            assert target.is_relative_to(self.home), line
            shutil.rmtree(target)
        elif command == "mkdir":
            self.path(args[0]).mkdir()
        elif command == "cp":
            shutil.copyfile(self.path(args[0]), self.path(args[1]))
        else:
            pytest.fail(f"docs/getting-started.md runs {command!r}, which this test cannot run")

    def _expand(self, word: str) -> str:
        return re.sub(r"\$(\w+)|\$\{(\w+)\}", lambda m: self.variables[m[1] or m[2]], word)


def test_the_page_has_the_tutorial_steps() -> None:
    markdown = PAGE.read_text(encoding="utf-8")
    commands = " ".join(s.text for s in steps(markdown) if s.kind == "sh")
    for command in ("mgi init", "mgi new", "mgi validate", "mgi export", "mgi import"):
        assert command in commands
    for command in ("mgi new --follow-up-of", "mgi diff", "mgi render profile", "git commit"):
        assert command in commands
    assert [s.name for s in steps(markdown) if s.kind == "edit"] == list(EDITS)


def test_every_command_of_getting_started_runs(
    mgi: Mgi, tmp_path: Path, project_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    reader = Reader(mgi, tmp_path, project_root / "examples")
    for step in steps(PAGE.read_text(encoding="utf-8")):
        if step.kind == "edit":
            EDITS[step.name](reader.here, step.text)
        else:
            for line in step.text.splitlines():
                reader.run(line)

    # Where the page leaves the reader: two commits, a published follow-up, a profile.
    repo = tmp_path / "xam-matrices"
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert log.stdout.splitlines() == [
        "Xamaria: the 2022 follow-up, published",
        "Xamaria: the 2018 baseline",
    ]
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""
    assert "status: published" in (repo / "matrices/XAM/2022-follow_up.yaml").read_text()
    assert (repo / "profiles/XAM-2022.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    final = mgi("validate", "--format", "json", repo / "matrices")
    assert final.exit_code == 0, final.output
