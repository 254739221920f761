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

COMMAND_MODULES: list[ModuleType] = [
    validate,
    schema,
    catalogue,
    diff,
    render,
    init,
    report,
    new,
    fmt,
    status,
    export,
    import_,
    site,
]
