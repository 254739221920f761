"""Every problem code mgi reports, with what it means. Codes are stable: scripts rely on them.

The README's table of codes is checked against this registry by the tests.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # Reading the file
    "file-unreadable": "The file or folder cannot be read (permissions, a folder given as a file).",
    "file-too-large": "The file is larger than 16 MiB; a matrix is usually under 200 KiB.",
    "file-empty": "The file holds no YAML content.",
    "encoding": "The file is not UTF-8 (binary, UTF-16/32, or another encoding).",
    "symlink-loop": "A folder links back to one already being checked (warning; skipped).",
    # YAML
    "yaml-syntax": "Not valid YAML; the position is the parser's.",
    "yaml-duplicate-key": "A key appears twice in one mapping; YAML tools would keep only one.",
    "yaml-multiple-documents": "More than one YAML document (`---`) in a matrix file.",
    "yaml-alias-expansion": "Aliases expand beyond 100,000 nodes (an alias bomb).",
    "yaml-too-deep": "Nesting deeper than 200 levels.",
    "yaml-unsupported": "A YAML feature a matrix does not use: explicit tags, complex keys.",
    # The matrix format
    "unknown-format": "`format:` names a matrix format version this mgi does not read.",
    "unknown-key": "A key the format does not define (with a 'did you mean' hint).",
    "missing-key": "A required key is absent.",
    "wrong-type": "A value of the wrong type (text, list, mapping, date, true/false).",
    "invalid-value": "A value outside the allowed set or pattern (e.g. `level`, `status`, a date).",
    # Catalogue
    "unknown-catalogue": "`catalogue:` names a catalogue version mgi does not have.",
    "catalogue-invalid": "The catalogue the matrix names cannot be loaded.",
    "catalogue-level": "A national matrix answers a local catalogue, or the reverse.",
    "unknown-module": "`modules:` names a module the catalogue does not have.",
    "catalogue-duplicate": "(catalogue files) An id or question is used twice.",
    "catalogue-link": "(catalogue files) A dimension, sub-area, module, theme or scale link "
    "does not resolve.",
    "catalogue-cycle": "(catalogue files) `replaces` links form a cycle.",
    # Answers
    "unknown-indicator": "An answer for an indicator the catalogue does not have (nearest id "
    "suggested).",
    "undeclared-module": "An answer to an indicator of a module the matrix does not declare.",
    "invalid-answer": "An answer outside the indicator's scale.",
    "missing-answer": "An indicator of a declared module is unanswered: a warning in a draft, "
    "an error from `in_review` on.",
    "missing-justification": "An answer without a justification (warning in a draft).",
    "missing-reference": "A yes or partial answer without a reference (warning in a draft).",
    "unreviewed-answers": "Answers carried over from the baseline still marked `reviewed: false`.",
    # References and dates
    "reference-url": "A reference URL that is not an http(s) address with a host.",
    "future-date": "A date after today.",
    "accessed-after-assessment": "A reference accessed after the assessment date.",
    "published-after-accessed": "A reference published after it was accessed.",
    "stale-reference": "A reference last accessed more than `--stale-after` days (default "
    "3 years) before the assessment (warning).",
    "undated-reference": "A reference without an `accessed` date (warning).",
    # Metadata and follow-ups
    "unknown-country": "Not an ISO 3166-1 alpha-3 code (user-assigned codes are accepted).",
    "missing-locality": "`level: local` without `locality`.",
    "unexpected-baseline": "A baseline assessment that names a baseline (warning).",
    "baseline-missing": "A follow-up that does not name its baseline.",
    "baseline-unreadable": "The baseline file does not exist or is not a readable matrix.",
    "baseline-mismatch": "The baseline is for another country, level or locality.",
    "baseline-not-earlier": "The baseline was not assessed before the follow-up.",
    "baseline-too-recent": "The baseline is less than three years older than the follow-up "
    "(warning).",
    # Local assessments and context-specific indicators
    "unexpected-local-key": "`subdivision` or `context` in a national matrix; they describe a "
    "local one (warning).",
    "unknown-subdivision": "`subdivision` is not an ISO 3166-2 code pycountry knows (for a "
    "user-assigned country XAM: XAM- and 1-3 letters or digits).",
    "subdivision-mismatch": "`subdivision` is a subdivision of another country than `country`.",
    "context-unreadable": "The `context` file does not exist, is not a regular file, or is not "
    "a readable matrix.",
    "context-mismatch": "The `context` matrix is not a national matrix of the same country.",
    "context-indicator-id": "A context-specific indicator's id is outside the reserved namespace "
    "`X.<name>` (e.g. X.01, X.port-authority).",
    "context-indicator-duplicate": "A context-specific indicator id is defined twice or is a "
    "catalogue indicator's id, or its scale repeats a choice.",
    "context-indicator-link": "A context-specific indicator names a dimension, sub-area or theme "
    "the catalogue does not have.",
    "not-used-unknown": "`not_used` names an indicator that is not in the matrix's declared "
    "modules.",
    "not-used-reason": "An indicator marked `not_used` without a reason.",
    "not-used-answered": "An indicator marked `not_used` has an answer (warning).",
    # The repository (inside a folder with mgi.toml, or `mgi validate` with no PATH)
    "path-layout": "A file under matrices/ not at matrices/<ISO3>/<year>-<assessment>.yaml or "
    "matrices/<ISO3>/local/<locality-slug>/<year>-<assessment>.yaml.",
    "path-mismatch": "The path disagrees with the contents: country, level, locality, the year "
    "of `assessed_on`, or `assessment`.",
    "duplicate-assessment": "Another file holds the same assessment (country, level, locality, "
    "year and assessment).",
    "baseline-outside-repository": "A `baseline:` that leads outside the repository (through "
    "`..`, an absolute path or a link); it is not read.",
    "link-outside-repository": "A matrix that is a symbolic link to a file outside the "
    "repository; it is not read.",
    "catalogue-not-pinned": "A matrix answers another catalogue than the one mgi.toml pins "
    "(warning; `other-catalogues` lists accepted ones).",
    "required-module": "A matrix does not declare a module mgi.toml requires (unless it was "
    "assessed before the module existed).",
    # The action plan (`action_plan:`)
    "action-unknown-indicator": "An action plan item links an indicator the catalogue does not "
    "have.",
    "action-duplicate-id": "Two action plan items share an id.",
    "action-due-before-assessment": "An open (planned or in progress) action plan item is due "
    "before the assessment date (warning).",
    # Rendering (warnings printed on standard error; the output is still written)
    "missing-translation": "A catalogue text is missing in the chosen language; English is used.",
    "missing-findings": "An indicator has no finding sentences; its question is used instead.",
    "no-developments": "The baseline cannot be compared, so a follow-up profile leaves out "
    "the developments since the baseline.",
    "no-national-comparison": "A local profile rendered with --compare-national leaves out "
    "the comparison: no readable national matrix, or (public output) one not validated.",
    # Authoring
    "duplicate-indicator": "A spreadsheet has two rows for one indicator (`mgi import`).",
    "fmt-refused": "`mgi fmt` would have changed the data or lost a comment; the file is left "
    "as it is (a bug in mgi fmt: please report it).",
}


def codes_table_markdown() -> str:
    """The README's table of codes (``python -m mgi_cli.problems.codes`` prints it)."""
    rows = [f"| `{code}` | {meaning} |" for code, meaning in CODES.items()]
    return "\n".join(["| code | meaning |", "| --- | --- |", *rows]) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(codes_table_markdown())
