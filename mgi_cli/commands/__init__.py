"""One module per command (or command group); each has ``register(app)``.

Commands parse options, call one core function and hand its result to a
reporter; they import heavy modules inside the command body. Modules whose option
annotations need no deferred name leave out ``from __future__ import annotations``:
Typer reads the annotations of every command at start-up, and string annotations cost an
``eval`` each (about 7 ms of `mgi --help`, measured with benchmarks/validate_bench.py).
"""

from importlib import import_module
from types import ModuleType

#: Each command's module (under mgi_cli/commands/), by the command's name, in the order
#: of the work, as `mgi --help` lists them (Getting started follows it): set up and
#: start (init, new), check and tidy (validate, fmt, status), fill in with the team
#: (export, import), compare (diff), publish (render, report, site), and the references
#: looked up along the way (catalogue, schema).
MODULES = {
    "init": "init",
    "new": "new",
    "validate": "validate",
    "fmt": "fmt",
    "status": "status",
    "export": "export",
    "import": "import_",
    "diff": "diff",
    "render": "render",
    "report": "report",
    "site": "site",
    "catalogue": "catalogue",
    "schema": "schema",
}
WORKFLOW_ORDER = tuple(MODULES)


def command_modules(only: str | None = None) -> list[ModuleType]:
    """The modules of every command, or of the command ``only``: a run imports only
    what it needs (cli.make_app)."""
    names = [only] if only in MODULES else list(MODULES)
    return [import_module(f"mgi_cli.commands.{MODULES[name]}") for name in names]
