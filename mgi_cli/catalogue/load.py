"""Find and load catalogues: the packaged ones, and any file a user names."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from mgi_cli.catalogue.checks import check_catalogue
from mgi_cli.catalogue.models import Catalogue
from mgi_cli.catalogue.versions import newest_first, parse_ref
from mgi_cli.errors import CatalogueError, UsageError
from mgi_cli.files.positioned_errors import problems_from_validation
from mgi_cli.files.read import probe
from mgi_cli.files.yamlread import load_yaml_file
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity, shown_path


def load_catalogue(path: Path, cache: Path | None = None) -> Catalogue:
    """Load and check one catalogue file; raises CatalogueError with every problem.

    With a ``cache`` folder (packaged catalogues only: catalogue/cache.py), a file
    that loaded with no problem before is read from the data kept there.
    """
    from mgi_cli.catalogue import cache as kept

    place = kept.entry(cache, path) if cache is not None else None
    data = kept.read(place) if place is not None else None
    if isinstance(data, dict):
        try:
            return Catalogue.model_validate(data)
        except ValidationError:
            pass  # not what was kept: parse the file, which says what is wrong
    parsed = load_yaml_file(path)
    problems: list[Problem] = list(parsed.problems)
    catalogue = None
    if not problems:
        if not isinstance(parsed.data, dict):
            problems.append(parsed.problem((), codes.WRONG_TYPE, "a catalogue is a mapping"))
        else:
            try:
                catalogue = Catalogue.model_validate(parsed.data)
            except ValidationError as error:
                problems.extend(problems_from_validation(error, parsed, Catalogue))
    if catalogue is not None:
        problems.extend(check_catalogue(catalogue, parsed))
    if catalogue is None or any(p.severity is Severity.ERROR for p in problems):
        raise CatalogueError(f"{shown_path(path)}: the catalogue is not valid", problems=problems)
    if place is not None and not problems:
        kept.write(place, parsed.data)
    return catalogue


def packaged_catalogue_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


@dataclass
class CatalogueLibrary:
    """Catalogues by ``<id>@<version>``: the packaged folder, then files added by users.

    Packaged files are named ``<id>-<version>.yaml`` so one can be found without
    loading the others.
    """

    folder: Path
    #: Where packaged catalogues are kept parsed between runs (catalogue/cache.py).
    cache: Path | None = None
    extra: dict[str, Catalogue] = field(default_factory=dict)
    _loaded: dict[str, Catalogue] = field(default_factory=dict)
    #: The file each catalogue added by a user was read from, by reference.
    files: dict[str, Path] = field(default_factory=dict)

    def add_file(self, path: Path) -> Catalogue:
        catalogue = load_catalogue(path)
        self.extra[catalogue.ref] = catalogue
        self.files[catalogue.ref] = path
        return catalogue

    def file_of(self, ref: str) -> Path | None:
        """The file a catalogue this library has was read from (to say where to fix it)."""
        if ref in self.files:
            return self.files[ref]
        ident, _, version = ref.partition("@")
        return self.folder / f"{ident}-{version}.yaml" if ref in self._loaded else None

    def get(self, ref: str) -> Catalogue | None:
        if ref in self.extra:
            return self.extra[ref]
        if ref not in self._loaded:
            ident, _, version = ref.partition("@")
            candidate = self.folder / f"{ident}-{version}.yaml"
            if not version or not candidate.is_file():
                return None
            self._loaded[ref] = load_catalogue(candidate, self.cache)
        return self._loaded[ref]

    def add(self, source: str | Path) -> Catalogue:
        """A catalogue named on the command line: a file, or ``<id>@<version>`` of one
        this library has. Raises UsageError when it is neither (docs/catalogue.md)."""
        path = Path(source)
        refused = probe(path)
        if refused is None or refused.kind == "special":  # the reader refuses a device
            return self.add_file(path)
        if parse_ref(str(source)) is not None:
            found = self.get(str(source))
            if found is not None:
                return found
            known = ", ".join(self.known()) or "none"
            raise UsageError(f"no catalogue {str(source)!r} (installed: {known})")
        if refused.kind == "folder":
            raise UsageError(f"{shown_path(source)} is a folder, not a catalogue file")
        raise UsageError(f"no catalogue file {str(source)!r} (and not an <id>@<version>)")

    def known(self) -> list[str]:
        """Every reference, by id and from the newest version to the oldest."""
        refs = set(self.extra) | set(self._loaded)
        for path in packaged_catalogue_files(self.folder):
            ident, _, version = path.stem.rpartition("-")
            refs.add(f"{ident}@{version}")
        return newest_first(sorted(refs))

    def newest(self, catalogue_id: str) -> Catalogue | None:
        """The newest version of a catalogue this library has."""
        for ref in self.known():
            if ref.partition("@")[0] == catalogue_id:
                return self.get(ref)
        return None

    def default(self, level: str = "national") -> Catalogue:
        """The newest catalogue for a level (of the last id in alphabetical order)."""
        refs = self.known()
        for ident in sorted({ref.partition("@")[0] for ref in refs}, reverse=True):
            catalogue = self.newest(ident)
            if catalogue is not None and catalogue.level == level:
                return catalogue
        raise CatalogueError(f"no {level} catalogue is installed")
