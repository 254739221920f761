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
    process = context["process"]
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
        for text in area["paragraphs"] or [
            _("The findings in this area are not set out indicator by indicator in this profile.")
        ]:
            doc.add_paragraph(text)


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
