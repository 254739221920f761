"""The few errors that stop a command, mapped to exit statuses in one place (cli.py)."""

from __future__ import annotations

from mgi_cli.problems.problem import Problem


class MgiError(Exception):
    """A problem that stops the command; ``exit_code`` follows docs/format.md."""

    exit_code = 1

    def __init__(self, message: str, *, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class UsageError(MgiError):
    """The command was used wrongly: a missing path, a bad option value."""

    exit_code = 2


class CatalogueError(MgiError):
    """A catalogue file that cannot be read or does not follow the schema."""


class Refused(MgiError):
    """The command will not do what was asked (e.g. a public render of a draft)."""
