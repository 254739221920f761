"""Show a catalogue: filter its indicators, print them as text or JSON (docs/format.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TextIO

from mgi_cli.catalogue.models import Catalogue, Indicator


def localized(text: dict[str, str], lang: str) -> str:
    """The text in ``lang``, falling back to English."""
    return text.get(lang) or text["en"]


@dataclass(frozen=True)
class IndicatorFilter:
    dimension: str | None = None
    tag: str | None = None
    gcm: int | None = None
    module: str | None = None
    indicator: str | None = None

    def apply(self, catalogue: Catalogue) -> list[Indicator]:
        return [
            i
            for i in catalogue.indicators
            if (self.dimension is None or i.dimension == self.dimension)
            and (self.tag is None or self.tag in i.tags)
            and (self.gcm is None or self.gcm in i.gcm)
            and (self.module is None or i.module == self.module)
            and (self.indicator is None or i.id == self.indicator)
        ]


def catalogue_json(catalogue: Catalogue, indicators: list[Indicator]) -> dict[str, Any]:
    return {
        "id": catalogue.id,
        "version": catalogue.version,
        "dimensions": [
            {
                "id": d.id,
                "name": dict(d.name),
                "short_name": dict(d.short_name),
                "sub_areas": [{"id": s.id, "name": dict(s.name)} for s in d.sub_areas],
            }
            for d in catalogue.dimensions
        ],
        "indicators": [_indicator_json(catalogue, i) for i in indicators],
    }


def _indicator_json(catalogue: Catalogue, indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "dimension": indicator.dimension,
        "sub_area": indicator.sub_area,
        "module": indicator.module,
        "question": dict(indicator.question),
        "scale": [
            {"id": c.id, "counts_as": c.counts_as, "label": dict(c.label)}
            for c in catalogue.scale_of(indicator)
        ],
        "guidance": dict(indicator.guidance),
        "tags": list(indicator.tags),
        "migration": indicator.migration,
        "gcm": list(indicator.gcm),
        "sdg_10_7_2": indicator.sdg_10_7_2,
        "replaces": list(indicator.replaces),
        "findings": {value: dict(texts) for value, texts in (indicator.findings or {}).items()},
    }


def write_catalogue_text(
    catalogue: Catalogue, indicators: list[Indicator], lang: str, stream: TextIO
) -> None:
    from mgi_cli.output.console import make_console, table

    console = make_console(stream, color=False)
    console.print(f"{localized(catalogue.title, lang)} ({catalogue.ref})")
    shown = {i.id for i in indicators}
    for dimension in catalogue.dimensions:
        members = [i for i in indicators if i.dimension == dimension.id]
        if not members:
            continue
        console.print(f"\n{dimension.id}  {localized(dimension.name, lang)}")
        for sub_area in dimension.sub_areas:
            rows = [i for i in members if i.sub_area == sub_area.id and i.id in shown]
            if not rows:
                continue
            console.print(f"  {localized(sub_area.name, lang)}")
            console.print(
                table(
                    [], [_indicator_row(i, lang) for i in rows], indent=4, gap=1, min_widths={0: 8}
                )
            )
    console.print(f"\n{len(indicators)} indicator(s)")


def _indicator_row(indicator: Indicator, lang: str) -> list[str]:
    marks = "".join(f" [{t}]" for t in indicator.tags)
    module = "" if indicator.module == "standard" else f" ({indicator.module})"
    return [indicator.id, f"{localized(indicator.question, lang)}{module}{marks}"]


def write_indicator_text(
    catalogue: Catalogue, indicator: Indicator, lang: str, stream: TextIO
) -> None:
    from mgi_cli.output.console import make_console, table

    dimension = catalogue.dimension(indicator.dimension)
    lines = [
        f"{indicator.id}  {localized(indicator.question, lang)}",
        "",
        f"dimension:  {indicator.dimension}"
        + (f" {localized(dimension.short_name, lang)}" if dimension else ""),
        f"sub-area:   {indicator.sub_area}",
        f"module:     {indicator.module}",
        f"concerns:   {indicator.migration}",
        f"themes:     {', '.join(indicator.tags) or '-'}",
        f"GCM:        {', '.join(str(n) for n in indicator.gcm) or '-'}",
        f"SDG 10.7.2: {indicator.sdg_10_7_2 or '-'}",
        "answers:",
    ]
    answers = [
        [choice.id, indicator.guidance.get(choice.id) or localized(choice.label, lang)]
        for choice in catalogue.scale_of(indicator)
    ]
    console = make_console(stream, color=False)
    console.print("\n".join(lines))
    console.print(table([], answers, indent=2, gap=1, min_widths={0: 15}))
    if indicator.replaces:
        console.print(f"replaces:   {', '.join(indicator.replaces)}")
