"""One module per command (or command group); each has ``register(app)``.

Commands parse options, call one core function and hand its result to a
reporter; they import heavy modules inside the command body.
"""

from __future__ import annotations

from types import ModuleType

from mgi_cli.commands import (
    catalogue,
    diff,
    export,
    fmt,
    import_,
    init,
    new,
    render,
    report,
    schema,
    site,
    status,
    validate,
)

#: The commands in the order of the work, as `mgi --help` lists them (Getting started
#: follows it): set up and start (init, new), check and tidy (validate, fmt, status),
#: fill in with the team (export, import), compare (diff), publish (render, report,
#: site), and the references looked up along the way (catalogue, schema).
WORKFLOW_ORDER = (
    "init",
    "new",
    "validate",
    "fmt",
    "status",
    "export",
    "import",
    "diff",
    "render",
    "report",
    "site",
    "catalogue",
    "schema",
)

COMMAND_MODULES: list[ModuleType] = [
    init,
    new,
    validate,
    fmt,
    status,
    export,
    import_,
    diff,
    render,
    report,
    site,
    catalogue,
    schema,
]
