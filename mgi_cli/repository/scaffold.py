"""`mgi init`: the files of a new matrices repository, from templates/init/.

Nothing is ever overwritten: if any of the files exists, none is written; but the
user's own .vscode/settings.json is left as it is and the rest written (the command
says what to add to it).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from mgi_cli import __version__
from mgi_cli.catalogue.models import Catalogue
from mgi_cli.errors import MgiError, Refused, UsageError
from mgi_cli.files.atomic import write_atomic
from mgi_cli.problems.problem import shown_path
from mgi_cli.repository.editor import VSCODE_SETTINGS, editor_files, schema_path
from mgi_cli.repository.install_source import default_install
from mgi_cli.repository.root import MATRICES
from mgi_cli.repository.settings import DEFAULT_STALE_AFTER_DAYS

#: Where each template goes, relative to the new repository's root.
FILES = {
    "mgi.toml": "init/mgi.toml.j2",
    ".github/workflows/mgi.yml": "init/workflow.yml.j2",
    ".github/workflows/pages.yml": "init/pages.yml.j2",
    ".pre-commit-config.yaml": "init/pre-commit-config.yaml.j2",
    ".gitignore": "init/gitignore.j2",
    "README.md": "init/README.md.j2",
}
#: A key YAML reads as text whatever it looks like (``D1.01``, not ``1.01`` or ``no``).
_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@dataclass(frozen=True)
class InitOptions:
    """The choices `mgi init` offers; the defaults make a working repository."""

    #: The example matrix's country: XAA-XZZ are reserved for examples.
    country: str = "XAA"
    #: The branch pull requests target, for the workflow and the README.
    branch: str = "main"
    #: What the CI workflow and the pre-commit hooks install mgi from (a pip
    #: requirement); None: mgi's git repository at this version's tag.
    install: str | None = None
    #: mgi's git repository, for pre-commit to install the hooks from; None: the local mgi.
    hooks_repo: str | None = None
    hooks_rev: str = f"v{__version__}"
    required_modules: tuple[str, ...] = ("standard",)
    profiles_dir: str = "profiles"


def example_path(options: InitOptions, today: date) -> PurePosixPath:
    return PurePosixPath(MATRICES, options.country, f"{today.year:04d}-baseline.yaml")


def render_scaffold(
    catalogue: Catalogue,
    today: date,
    options: InitOptions,
    local_catalogue: Catalogue | None = None,
) -> dict[PurePosixPath, str]:
    """Every file of the new repository, by its path relative to the root.

    ``catalogue`` is the national one the repository pins and the example answers;
    ``local_catalogue``, if any, is pinned for local matrices.
    """
    from mgi_cli.output.templates import render

    missing = [m for m in options.required_modules if m not in catalogue.module_ids]
    if missing:
        raise UsageError(f"{catalogue.ref} has no module {', '.join(missing)}")
    example = example_path(options, today)
    install = options.install or default_install()
    context = {
        "catalogue": catalogue.ref,
        "local_catalogue": local_catalogue.ref if local_catalogue is not None else None,
        "country": options.country,
        "title": f"Example ({options.country})",
        "assessed_on": today.isoformat(),
        "modules": list(options.required_modules),
        "indicators": [
            {"key": _yaml_key(i.id), "question": " ".join(i.question["en"].split())}
            for i in catalogue.in_modules(list(options.required_modules))
        ],
        "strict": False,
        "stale_after_days": DEFAULT_STALE_AFTER_DAYS,
        "required_modules": list(options.required_modules),
        "profiles_dir": options.profiles_dir,
        "branch": options.branch,
        "install": install,
        "install_yaml": json.dumps(install),  # a YAML (and JSON) string, quotes escaped
        "schema": schema_path(example.parent, "national"),
        "hooks_repo": options.hooks_repo,
        "hooks_rev": options.hooks_rev,
        "example": str(example),
    }
    # The scaffold is in English, as the example matrix's questions are.
    files = {example: render("init/matrix.yaml.j2", context, lang="en")}
    for target, template in FILES.items():
        files[PurePosixPath(target)] = render(template, context, lang="en")
    files.update(editor_files(catalogue, local_catalogue))
    return files


def _yaml_key(indicator_id: str) -> str:
    if _PLAIN_KEY.fullmatch(indicator_id) and indicator_id.lower() not in _YAML_WORDS:
        return indicator_id
    return json.dumps(indicator_id)


def init_repository(
    folder: Path,
    catalogue: Catalogue,
    today: date,
    options: InitOptions,
    local_catalogue: Catalogue | None = None,
) -> list[Path]:
    """Write the scaffold into ``folder``; refuses, writing nothing, if any file exists,
    but .vscode/settings.json, which is kept and not written (not in the list returned)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{shown_path(folder)} exists and is not a folder")
    files = render_scaffold(catalogue, today, options, local_catalogue)
    targets = {folder.joinpath(*relative.parts): text for relative, text in files.items()}
    settings = folder.joinpath(*VSCODE_SETTINGS.parts)
    if settings.exists() or settings.is_symlink():  # the user's editor settings: kept
        del targets[settings]
    existing = sorted(str(p) for p in targets if p.exists() or p.is_symlink())
    if existing:
        raise Refused(
            "mgi init never overwrites a file; these exist already: "
            + ", ".join(shown_path(p) for p in existing)
        )
    written = []
    for path, text in targets.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise MgiError(
                f"cannot create {shown_path(path.parent)}: {error.strerror or error}"
            ) from None
        write_atomic(path, text, overwrite=False)
        written.append(path)
    return written
