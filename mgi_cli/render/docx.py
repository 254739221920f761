"""A profile as a Word document (python-docx), for the government to review.

Built from the same context as the HTML and Markdown profiles, so it obeys the same
confidentiality rules. Only Word's built-in styles are used (Title, Heading 1-3, List
Bullet, Normal), so the government can restyle it, comment and track changes. The
document's dates are the assessment date, never the clock: the same input gives the
same text.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from io import BytesIO
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from babel.support import Translations


def context_to_docx(context: dict[str, Any], tr: Translations, assessed_on: date) -> bytes:
    """The Word document of a profile ``context`` (mgi_cli/render/profile_data.py)."""
    from docx import Document

    doc = Document()
    _ = tr.gettext
    doc.add_paragraph(context["place"], style="Title")
    doc.add_paragraph(f"{context['document']} — {context['subtitle']}")
    for row in context["meta"]:
        doc.add_paragraph(f"{row['label']}: {row['value']}", style="List Bullet")
    if context["government"]:
        doc.add_paragraph(
            _("For the authorities only.")
            + " "
            + _(
                "This report contains the full assessment matrix, including answers marked "
                "as restricted, which must not appear in any public document."
            )
        )
    _paragraphs(doc, _("Key findings"), context["summary"])
    _paragraphs(doc, _("Migration context"), context["context"])
    heading = _("Findings by dimension") if context["summary"] else _("Key findings")
    doc.add_heading(heading, level=1)
    for section in context["dimensions"]:
        _section(doc, section, tr, level=2)
    for section in context["modules"]:
        _section(doc, section, tr, level=1)
    if context.get("comparison"):
        _comparison(doc, context["comparison"], tr)
    if context.get("developments"):
        _developments(doc, context["developments"], tr, government=context["government"])
    _methodology(doc, context["process"], tr)
    doc.add_heading(_("Annex: the Migration Governance Framework"), level=1)
    for d in context["framework"]:
        areas = "; ".join(d["sub_areas"])
        doc.add_paragraph(f"{d['number']}. {d['name']} ({d['short_name']}) — {areas}.")
    doc.add_heading(_("Annex: sources"), level=1)
    for source in context["sources"]:
        doc.add_paragraph(_source(source, tr), style="List Bullet")
    if not context["sources"]:
        doc.add_paragraph(_("No source is cited."))
    _fixed_properties(doc, context, assessed_on)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _methodology(doc: Any, process: dict[str, Any], tr: Translations) -> None:
    _ = tr.gettext
    doc.add_heading(_("Methodology"), level=1)
    doc.add_paragraph(
        _(
            "The government answered the indicators from its laws, policies and official "
            "documents, with the support of IOM; the answers were discussed with the "
            "institutions concerned and validated by the government."
        )
    )
    if process["focal_point"]:
        doc.add_paragraph(_("Coordination: %(body)s.") % {"body": process["focal_point"]})
    if process["consultations"]:
        doc.add_paragraph(_("Consultations:"))
        for c in process["consultations"]:
            who = "; ".join(c["participants"])
            doc.add_paragraph(f"{c['date']}, {c['kind']}: {who}.", style="List Bullet")
    if process["validated"]:
        doc.add_paragraph(
            _("Validation: %(date)s, %(body)s.")
            % {"date": process["validated"]["date"], "body": process["validated"]["by"]}
        )


def _paragraphs(doc: Any, heading: str, paragraphs: list[str]) -> None:
    if not paragraphs:
        return
    doc.add_heading(heading, level=1)
    for text in paragraphs:
        doc.add_paragraph(text)


def _section(doc: Any, section: dict[str, Any], tr: Translations, *, level: int) -> None:
    _ = tr.gettext
    doc.add_heading(section["heading"], level=level)
    for text in section.get("narrative", []):
        doc.add_paragraph(text)
    sub = min(level + 1, 3)
    if section["total"]:
        for key, title in (
            ("well_developed", _("Well-developed areas: %(section)s")),
            ("further_development", _("Areas with potential for further development: %(section)s")),
        ):
            doc.add_heading(title % {"section": section["short_name"]}, level=sub)
            for group in section[key]:
                doc.add_paragraph(group["name"]).runs[0].bold = True
                for finding in group["findings"]:
                    doc.add_paragraph(_finding(finding, tr), style="List Bullet")
            if not section[key]:
                doc.add_paragraph(_("None in this part of the assessment."))
    for area in section.get("sub_areas", []):
        doc.add_heading(area["name"], level=sub)
        for text in area["paragraphs"] or [_(_NEUTRAL)]:
            doc.add_paragraph(text)


def _comparison(doc: Any, comparison: dict[str, Any], tr: Translations) -> None:
    """A local profile's national comparison, as profile.html.j2 gives it: counts for the
    government, the national key findings in public; protected national sub-areas only
    by their narrative or the neutral sentence (render/national.py)."""
    _ = tr.gettext
    doc.add_heading(_("Beside the national assessment"), level=1)
    said = {
        "national": comparison["national"],
        "date": comparison["national_date"],
        "status": comparison["national_status"],
    }
    counts = comparison["counts"]
    intro = (
        "How the answers of this local assessment compare, dimension by dimension, with "
        "those of the national assessment (%(national)s, %(date)s; status: %(status)s)."
        if counts
        else "The key findings of the national assessment (%(national)s, %(date)s; status: "
        "%(status)s), dimension by dimension, to read beside those of this local assessment."
    )
    doc.add_paragraph(_(intro) % said)
    for row in comparison["rows"]:
        doc.add_heading(row["heading"], level=2)
        if counts:
            for side, label in ((row["local"], _("Local")), (row["national"], _("National"))):
                shown = "; ".join(
                    f"{c['label']} {c['count']}" + (f" ({c['share']})" if c["share"] else "")
                    for c in side["counts"]
                )
                line = f"{label}: {shown}; {_('Indicators')} {side['total']}"
                doc.add_paragraph(line, style="List Bullet")
        else:
            for key, title in (
                ("well_developed", _("Nationally well developed: %(section)s")),
                (
                    "further_development",
                    _("Nationally with potential for further development: %(section)s"),
                ),
            ):
                doc.add_heading(title % {"section": row["short_name"]}, level=3)
                for group in row[key]:
                    doc.add_paragraph(group["name"]).runs[0].bold = True
                    for finding in group["findings"]:
                        doc.add_paragraph(_finding(finding, tr), style="List Bullet")
                if not row[key]:
                    doc.add_paragraph(_("None in this part of the assessment."))
        for area in row["protected"]:
            doc.add_heading(area["name"], level=3)
            for text in area["paragraphs"] or [_NEUTRAL]:
                doc.add_paragraph(_(text) if text is _NEUTRAL else text)


def _developments(
    doc: Any, developments: dict[str, Any], tr: Translations, *, government: bool
) -> None:
    """A follow-up's changes since its baseline, as partials/developments.*.j2 give them."""
    _ = tr.gettext
    doc.add_heading(_("Developments since the baseline"), level=1)
    if developments["baseline_date"]:
        doc.add_paragraph(
            _(
                "Changes in the answers between the baseline assessment of %(before)s and "
                "this assessment of %(after)s."
            )
            % {"before": developments["baseline_date"], "after": developments["follow_up_date"]}
        )
    for key, heading in (
        ("progress", _("Progress")),
        ("regression", _("Regression")),
        ("other", _("Other changes in the answers")),
    ):
        doc.add_heading(heading, level=2)
        for item in developments[key]:
            doc.add_paragraph(_change(item, tr, government), style="List Bullet")
        if not developments[key]:
            doc.add_paragraph(_("None."))
    if developments["scope"]:
        doc.add_heading(_("Changes in the indicators used"), level=2)
        for item in developments["scope"]:
            line = _change(item, tr, government)
            if item["reason"]:
                line += " " + _("Reason: %(reason)s") % {"reason": item["reason"]}
            doc.add_paragraph(line, style="List Bullet")
    for name in developments["new_modules"]:
        doc.add_paragraph(
            _(
                "%(module)s: answered for the first time in this assessment; its findings "
                "are given above."
            )
            % {"module": name}
        )
    if developments["evidence_updated"]:
        count = developments["evidence_updated"]
        doc.add_paragraph(
            tr.ngettext(
                "The justification or sources of %(num)d more indicator were updated without "
                "a change of answer.",
                "The justifications or sources of %(num)d more indicators were updated "
                "without a change of answer.",
                count,
            )
            % {"num": count}
        )


def _change(item: dict[str, Any], tr: Translations, government: bool) -> str:
    """One line of the developments: section, (indicator), text, before and after,
    (restricted). A changed answer has both sides; an indicator added or dropped from the
    set used (``scope``) may have one."""
    _ = tr.gettext
    before, after = item["before"], item["after"]
    if before and after:
        change = _("before: %(before)s; now: %(after)s") % {"before": before, "after": after}
    elif after:
        change = _("now: %(after)s") % {"after": after}
    else:
        change = _("before: %(before)s") % {"before": before}
    label = _("%(label)s:")
    parts = [label % {"label": item["section"]}]
    if government:
        parts.append(f"{item['indicator']} —")
    if item.get("context_specific"):
        parts.append(label % {"label": _("Context-specific indicator")})
    if item.get("change"):
        parts.append(label % {"label": item["change"]})
    parts.append(f"{item['text']} ({change})")
    if item["restricted"]:
        parts.append(f"[{_('Restricted')}]")
    return " ".join(parts)


#: The neutral sentence of a protected sub-area without a narrative.
_NEUTRAL = "The findings in this area are not set out indicator by indicator in this profile."


def _finding(finding: dict[str, Any], tr: Translations) -> str:
    text = str(finding["text"])
    if finding["qualifier"]:
        text += f" ({finding['qualifier']})"
    if finding["restricted"]:
        text += f" [{tr.gettext('Restricted')}]"
    return text


def _source(source: dict[str, Any], tr: Translations) -> str:
    parts = [str(source["title"])]
    if source["publisher"]:
        parts.append(source["publisher"])
    if source["published"]:
        parts.append(tr.gettext("published %(date)s") % {"date": source["published"]})
    if source["url"]:
        parts.append(source["url"])
    return ", ".join(parts) + "."


def _fixed_properties(doc: Any, context: dict[str, Any], assessed_on: date) -> None:
    """Dates from the assessment, not the clock; no author but mgi."""
    moment = datetime.combine(assessed_on, time(0, 0), tzinfo=UTC)
    props = doc.core_properties
    props.title = context["title"]
    props.author = "mgi"
    props.last_modified_by = "mgi"
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.language = context["lang"]
