"""Generators of the reference pages of the docs site, from the code itself.

``python -m mgi_cli.tools.cli_reference > docs/cli.md`` and
``python -m mgi_cli.tools.codes_reference > docs/codes.md``; tests/docs fails when a
page is stale. Above the command line in the layers: they read the whole app.
"""
