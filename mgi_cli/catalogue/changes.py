"""What changed between two catalogue versions (`mgi catalogue diff`, docs/catalogue.md).

Indicators are matched by id: an id only in the new version is added, one only in the
old version is removed (the new version should then list it under ``retired:`` or have
an indicator that ``replaces`` it), and one in both is changed when any field of it
differs. The fields are the catalogue's own names (``question``, ``findings``,
``gcm``...); a change of wording in one language is a change of that field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TextIO

from mgi_cli.catalogue.models import Catalogue, Indicator

#: The fields compared, in the order the catalogue file gives them.
COMPARED = (
    "dimension",
    "sub_area",
    "module",
    "question",
    "guidance",
    "scale",
    "tags",
    "migration",
    "gcm",
    "sdg_10_7_2",
    "findings",
    "replaces",
)


@dataclass(frozen=True)
class ChangedIndicator:
    id: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class CatalogueChanges:
    old: str
    new: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[ChangedIndicator, ...]
    #: Removed ids an indicator of the new version takes over: old id -> new id.
    replaced_by: dict[str, str] = field(default_factory=dict)
    #: Removed ids the new version neither retires nor replaces: undeclared removals.
    undeclared: tuple[str, ...] = ()
    #: Modules only the new version has.
    new_modules: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [{"id": c.id, "fields": list(c.fields)} for c in self.changed],
        }


def compare_catalogues(old: Catalogue, new: Catalogue) -> CatalogueChanges:
    """The indicators ``new`` adds, removes and changes relative to ``old``."""
    old_ids = {i.id for i in old.indicators}
    new_ids = {i.id for i in new.indicators}
    removed = tuple(i.id for i in old.indicators if i.id not in new_ids)
    changed = []
    for indicator in new.indicators:
        before = old.indicator(indicator.id)
        if before is not None:
            fields = _changed_fields(old, before, new, indicator)
            if fields:
                changed.append(ChangedIndicator(indicator.id, fields))
    replaced_by = {
        old_id: i.id for i in new.indicators for old_id in i.replaces if old_id in removed
    }
    declared = set(new.retired) | set(replaced_by)
    # Only a version that continues the old one (its lineage names it) declares removals.
    continues = old.ref in new.lineage or old.id in new.lineage
    return CatalogueChanges(
        old=old.ref,
        new=new.ref,
        added=tuple(i.id for i in new.indicators if i.id not in old_ids),
        removed=removed,
        changed=tuple(changed),
        replaced_by=replaced_by,
        undeclared=tuple(i for i in removed if i not in declared) if continues else (),
        new_modules=tuple(m for m in new.module_ids if m not in old.module_ids),
    )


def _changed_fields(
    old: Catalogue, before: Indicator, new: Catalogue, after: Indicator
) -> tuple[str, ...]:
    def value(catalogue: Catalogue, indicator: Indicator, name: str) -> object:
        if name == "scale":  # the catalogue's scale when the indicator has none of its own
            return [c.model_dump() for c in catalogue.scale_of(indicator)]
        return getattr(indicator, name)

    return tuple(name for name in COMPARED if value(old, before, name) != value(new, after, name))


def write_changes_text(changes: CatalogueChanges, new: Catalogue, stream: TextIO) -> None:
    lines = [f"{changes.old} -> {changes.new}"]
    if changes.new_modules:
        lines.append(f"new modules: {', '.join(changes.new_modules)}")
    lines.append(f"added: {len(changes.added)}")
    by_module: dict[str, list[str]] = {}
    for ident in changes.added:
        indicator = new.indicator(ident)
        by_module.setdefault(indicator.module if indicator else "?", []).append(ident)
    lines.extend(f"  {module}: {', '.join(ids)}" for module, ids in by_module.items())
    lines.append(f"removed: {len(changes.removed)}")
    for ident in changes.removed:
        successor = changes.replaced_by.get(ident)
        note = (
            f" (replaced by {successor})"
            if successor
            else " (not declared: list it under retired:)"
            if ident in changes.undeclared
            else " (retired)"
            if ident in new.retired
            else ""
        )
        lines.append(f"  {ident}{note}")
    lines.append(f"changed: {len(changes.changed)}")
    lines.extend(f"  {c.id}: {', '.join(c.fields)}" for c in changes.changed)
    stream.write("\n".join(lines) + "\n")


def newer_version_note(current: Catalogue, newest: Catalogue) -> str:
    """One sentence for a draft that answers ``current`` while ``newest`` exists."""
    changes = compare_catalogues(current, newest)
    parts = [f"{len(changes.added)} indicator(s) added"]
    if changes.new_modules:
        parts[0] += f" (modules {', '.join(changes.new_modules)})"
    parts.append(f"{len(changes.removed)} removed")
    parts.append(f"{len(changes.changed)} changed")
    return (
        f"{newest.ref} is newer than {current.ref}: {', '.join(parts)}; "
        f"`mgi catalogue diff {current.ref} {newest.ref}` lists them, and "
        f"`--catalogue {newest.ref}` starts the follow-up on it"
    )
