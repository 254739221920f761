"""Every problem code mgi reports, with what it means. Codes are stable: scripts rely on them.

Code names a code by its constant (``codes.YAML_SYNTAX``), never by the text: a typo is
then a NameError, not a new code (tests/problems/test_codes.py checks). A new code gets a
constant and a line in ``CODES``; docs/codes.md is generated from ``CODES``.
"""

from __future__ import annotations

from typing import Final

# Reading the file
FILE_UNREADABLE: Final = "file-unreadable"
FILE_TOO_LARGE: Final = "file-too-large"
FILE_EMPTY: Final = "file-empty"
ENCODING: Final = "encoding"
SYMLINK_LOOP: Final = "symlink-loop"

# YAML
YAML_SYNTAX: Final = "yaml-syntax"
YAML_DUPLICATE_KEY: Final = "yaml-duplicate-key"
YAML_MULTIPLE_DOCUMENTS: Final = "yaml-multiple-documents"
YAML_ALIAS_EXPANSION: Final = "yaml-alias-expansion"
YAML_TOO_DEEP: Final = "yaml-too-deep"
YAML_UNSUPPORTED: Final = "yaml-unsupported"

# The matrix format
NOT_A_MATRIX: Final = "not-a-matrix"
UNKNOWN_FORMAT: Final = "unknown-format"
UNKNOWN_KEY: Final = "unknown-key"
MISSING_KEY: Final = "missing-key"
WRONG_TYPE: Final = "wrong-type"
INVALID_VALUE: Final = "invalid-value"

# Catalogue
UNKNOWN_CATALOGUE: Final = "unknown-catalogue"
CATALOGUE_INVALID: Final = "catalogue-invalid"
CATALOGUE_LEVEL: Final = "catalogue-level"
UNKNOWN_MODULE: Final = "unknown-module"
CATALOGUE_DUPLICATE: Final = "catalogue-duplicate"
CATALOGUE_LINK: Final = "catalogue-link"
CATALOGUE_CYCLE: Final = "catalogue-cycle"
CATALOGUE_FINDINGS: Final = "catalogue-findings"
CATALOGUE_ID: Final = "catalogue-id"

# Answers
UNKNOWN_INDICATOR: Final = "unknown-indicator"
UNDECLARED_MODULE: Final = "undeclared-module"
INVALID_ANSWER: Final = "invalid-answer"
MISSING_ANSWER: Final = "missing-answer"
MISSING_JUSTIFICATION: Final = "missing-justification"
MISSING_REFERENCE: Final = "missing-reference"
UNREVIEWED_ANSWERS: Final = "unreviewed-answers"

# References and dates
REFERENCE_URL: Final = "reference-url"
FUTURE_DATE: Final = "future-date"
ACCESSED_AFTER_ASSESSMENT: Final = "accessed-after-assessment"
PUBLISHED_AFTER_ACCESSED: Final = "published-after-accessed"
STALE_REFERENCE: Final = "stale-reference"
UNDATED_REFERENCE: Final = "undated-reference"

# Metadata and follow-ups
UNKNOWN_COUNTRY: Final = "unknown-country"
MISSING_LOCALITY: Final = "missing-locality"
UNEXPECTED_BASELINE: Final = "unexpected-baseline"
BASELINE_MISSING: Final = "baseline-missing"
BASELINE_UNREADABLE: Final = "baseline-unreadable"
BASELINE_MISMATCH: Final = "baseline-mismatch"
BASELINE_NOT_EARLIER: Final = "baseline-not-earlier"
BASELINE_TOO_RECENT: Final = "baseline-too-recent"

# Local assessments and context-specific indicators
UNEXPECTED_LOCAL_KEY: Final = "unexpected-local-key"
UNKNOWN_SUBDIVISION: Final = "unknown-subdivision"
SUBDIVISION_MISMATCH: Final = "subdivision-mismatch"
CONTEXT_UNREADABLE: Final = "context-unreadable"
CONTEXT_MISMATCH: Final = "context-mismatch"
CONTEXT_INDICATOR_ID: Final = "context-indicator-id"
CONTEXT_INDICATOR_DUPLICATE: Final = "context-indicator-duplicate"
CONTEXT_INDICATOR_LINK: Final = "context-indicator-link"
NOT_USED_UNKNOWN: Final = "not-used-unknown"
NOT_USED_REASON: Final = "not-used-reason"
NOT_USED_ANSWERED: Final = "not-used-answered"

# The repository (inside a folder with mgi.toml, or `mgi validate` with no PATH)
PATH_LAYOUT: Final = "path-layout"
PATH_MISMATCH: Final = "path-mismatch"
DUPLICATE_ASSESSMENT: Final = "duplicate-assessment"
BASELINE_OUTSIDE_REPOSITORY: Final = "baseline-outside-repository"
LINK_OUTSIDE_REPOSITORY: Final = "link-outside-repository"
CATALOGUE_NOT_PINNED: Final = "catalogue-not-pinned"
REQUIRED_MODULE: Final = "required-module"

# The action plan (`action_plan:`)
ACTION_UNKNOWN_INDICATOR: Final = "action-unknown-indicator"
ACTION_DUPLICATE_ID: Final = "action-duplicate-id"
ACTION_DUE_BEFORE_ASSESSMENT: Final = "action-due-before-assessment"

# Profile texts and the process record (`title`, `profile:`, `finding:`, `process:`)
UNKNOWN_LANGUAGE: Final = "unknown-language"
PROFILE_UNKNOWN_ID: Final = "profile-unknown-id"
PROCESS_KIND: Final = "process-kind"
PROCESS_DATE_ORDER: Final = "process-date-order"
PROCESS_PERSON: Final = "process-person"
MISSING_VALIDATION_RECORD: Final = "missing-validation-record"

# Rendering (warnings printed on standard error; the output is still written)
MISSING_TRANSLATION: Final = "missing-translation"
MISSING_FINDINGS: Final = "missing-findings"
NO_DEVELOPMENTS: Final = "no-developments"
NO_NATIONAL_COMPARISON: Final = "no-national-comparison"

# Comparing (mgi diff; warnings printed on standard error, the exit status unchanged)
DIFF_REVERSED: Final = "diff-reversed"

# Authoring
DUPLICATE_INDICATOR: Final = "duplicate-indicator"
FMT_REFUSED: Final = "fmt-refused"
IMPORT_PROTECTION: Final = "import-protection"

#: What each code means; docs/codes.md is made from it.
CODES: dict[str, str] = {
    # Reading the file
    FILE_UNREADABLE: "The file or folder cannot be read (permissions, a folder given as a file).",
    FILE_TOO_LARGE: "The file is larger than 16 MiB; a matrix is usually under 200 KiB.",
    FILE_EMPTY: "The file holds no YAML content.",
    ENCODING: "The file is not UTF-8 (binary, UTF-16/32, or another encoding).",
    SYMLINK_LOOP: "A folder links back to one already being checked (warning; skipped).",
    # YAML
    YAML_SYNTAX: "Not valid YAML; the position is the parser's.",
    YAML_DUPLICATE_KEY: "A key appears twice in one mapping; YAML tools would keep only one.",
    YAML_MULTIPLE_DOCUMENTS: "More than one YAML document (`---`) in a matrix file.",
    YAML_ALIAS_EXPANSION: "Aliases expand beyond 100,000 nodes (an alias bomb).",
    YAML_TOO_DEEP: "Nesting deeper than 200 levels.",
    YAML_UNSUPPORTED: "A YAML feature a matrix does not use: explicit tags, complex keys.",
    # The matrix format
    NOT_A_MATRIX: "A YAML mapping without `format: mgi-matrix/1` (a workflow, a note, a "
    "matrix missing its first line): one problem instead of every missing key.",
    UNKNOWN_FORMAT: "`format:` names a matrix format version this mgi does not read.",
    UNKNOWN_KEY: "A key the format does not define (with a 'did you mean' hint).",
    MISSING_KEY: "A required key is absent.",
    WRONG_TYPE: "A value of the wrong type (text, list, mapping, date, true/false).",
    INVALID_VALUE: "A value outside the allowed set or pattern (e.g. `level`, `status`, a date).",
    # Catalogue
    UNKNOWN_CATALOGUE: "`catalogue:` names a catalogue version mgi does not have.",
    CATALOGUE_INVALID: "The catalogue the matrix names cannot be loaded.",
    CATALOGUE_LEVEL: "A national matrix answers a local catalogue, or the reverse.",
    UNKNOWN_MODULE: "`modules:` names a module the catalogue does not have.",
    CATALOGUE_DUPLICATE: "(catalogue files) An id or question is used twice.",
    CATALOGUE_LINK: "(catalogue files) A dimension, sub-area, module, theme or scale link "
    "does not resolve.",
    CATALOGUE_CYCLE: "(catalogue files) `replaces` links form a cycle.",
    CATALOGUE_FINDINGS: "(catalogue files) An indicator's `findings:` miss an answer value of "
    "its scale (all but not-applicable ones), name one not on it, or use a placeholder other "
    "than {country} and {locality}.",
    CATALOGUE_ID: "(catalogue files) A dimension or indicator id does not follow the id "
    "pattern, or an indicator id starts with another dimension's id.",
    # Answers
    UNKNOWN_INDICATOR: "An answer for an indicator the catalogue does not have (nearest id "
    "suggested).",
    UNDECLARED_MODULE: "An answer to an indicator of a module the matrix does not declare.",
    INVALID_ANSWER: "An answer outside the indicator's scale.",
    MISSING_ANSWER: "An indicator of a declared module is unanswered: a warning in a draft, "
    "an error from `in_review` on.",
    MISSING_JUSTIFICATION: "An answer without a justification (warning in a draft).",
    MISSING_REFERENCE: "A yes or partial answer without a reference (warning in a draft).",
    UNREVIEWED_ANSWERS: "Answers carried over from the baseline still marked `reviewed: false`.",
    # References and dates
    REFERENCE_URL: "A reference URL that is not an http(s) address with a host.",
    FUTURE_DATE: "A date after today.",
    ACCESSED_AFTER_ASSESSMENT: "A reference accessed after the assessment date.",
    PUBLISHED_AFTER_ACCESSED: "A reference published after it was accessed.",
    STALE_REFERENCE: "A reference last accessed more than `--stale-after` days (default "
    "3 years) before the assessment (warning).",
    UNDATED_REFERENCE: "A reference without an `accessed` date (warning).",
    # Metadata and follow-ups
    UNKNOWN_COUNTRY: "Not an ISO 3166-1 alpha-3 code (user-assigned codes are accepted).",
    MISSING_LOCALITY: "`level: local` without `locality`.",
    UNEXPECTED_BASELINE: "A baseline assessment that names a baseline (warning).",
    BASELINE_MISSING: "A follow-up that does not name its baseline.",
    BASELINE_UNREADABLE: "The baseline file does not exist or is not a readable matrix.",
    BASELINE_MISMATCH: "The baseline is for another country, level or locality.",
    BASELINE_NOT_EARLIER: "The baseline was not assessed before the follow-up.",
    BASELINE_TOO_RECENT: "The baseline is less than three years older than the follow-up "
    "(warning).",
    # Local assessments and context-specific indicators
    UNEXPECTED_LOCAL_KEY: "`subdivision` or `context` in a national matrix; they describe a "
    "local one (warning).",
    UNKNOWN_SUBDIVISION: "`subdivision` is not an ISO 3166-2 code pycountry knows (for a "
    "user-assigned country XAM: XAM- and 1-3 letters or digits).",
    SUBDIVISION_MISMATCH: "`subdivision` is a subdivision of another country than `country`.",
    CONTEXT_UNREADABLE: "The `context` file does not exist, is not a regular file, or is not "
    "a readable matrix.",
    CONTEXT_MISMATCH: "The `context` matrix is not a national matrix of the same country.",
    CONTEXT_INDICATOR_ID: "A context-specific indicator's id is outside the reserved namespace "
    "`X.<name>` (e.g. X.01, X.port-authority).",
    CONTEXT_INDICATOR_DUPLICATE: "A context-specific indicator id is defined twice or is a "
    "catalogue indicator's id, or its scale repeats a choice.",
    CONTEXT_INDICATOR_LINK: "A context-specific indicator names a dimension, sub-area or theme "
    "the catalogue does not have.",
    NOT_USED_UNKNOWN: "`not_used` names an indicator that is not in the matrix's declared modules.",
    NOT_USED_REASON: "An indicator marked `not_used` without a reason.",
    NOT_USED_ANSWERED: "An indicator marked `not_used` has an answer (warning).",
    # The repository (inside a folder with mgi.toml, or `mgi validate` with no PATH)
    PATH_LAYOUT: "A file under matrices/ not at matrices/<ISO3>/<year>-<assessment>.yaml or "
    "matrices/<ISO3>/local/<locality-slug>/<year>-<assessment>.yaml.",
    PATH_MISMATCH: "The path disagrees with the contents: country, level, locality, the year "
    "of `assessed_on`, or `assessment`.",
    DUPLICATE_ASSESSMENT: "Another file holds the same assessment (country, level, locality, "
    "year and assessment).",
    BASELINE_OUTSIDE_REPOSITORY: "A `baseline:` that leads outside the repository (through "
    "`..`, an absolute path or a link); it is not read.",
    LINK_OUTSIDE_REPOSITORY: "A matrix that is a symbolic link to a file outside the "
    "repository; it is not read.",
    CATALOGUE_NOT_PINNED: "A matrix answers another catalogue than the one mgi.toml pins "
    "(warning; `other-catalogues` lists accepted ones).",
    REQUIRED_MODULE: "A matrix does not declare a module mgi.toml requires (unless it was "
    "assessed before the module existed).",
    # The action plan (`action_plan:`)
    ACTION_UNKNOWN_INDICATOR: "An action plan item links an indicator the catalogue does not have.",
    ACTION_DUPLICATE_ID: "Two action plan items share an id.",
    ACTION_DUE_BEFORE_ASSESSMENT: "An open (planned or in progress) action plan item is due "
    "before the assessment date (warning).",
    # Profile texts and the process record (`title`, `profile:`, `finding:`, `process:`)
    UNKNOWN_LANGUAGE: "`language:` or the key of a text names a language mgi does not write "
    "(en, fr, es, pt).",
    PROFILE_UNKNOWN_ID: "`profile.dimensions` or `profile.sub_areas` names a dimension or "
    "sub-area the catalogue does not have (nearest id suggested).",
    PROCESS_KIND: "A consultation's `kind` is not workshop, interview or written.",
    PROCESS_DATE_ORDER: "A consultation dated after the validation.",
    PROCESS_PERSON: "The process record names a person (an e-mail address or a personal "
    "title such as Mr, Dr, Mme, Sra.) where it names institutions only.",
    MISSING_VALIDATION_RECORD: "A `validated` or `published` matrix without "
    "`process.validated` (warning).",
    # Rendering (warnings printed on standard error; the output is still written)
    MISSING_TRANSLATION: "A catalogue text is missing in the chosen language; English is used.",
    MISSING_FINDINGS: "An indicator has no finding sentences; its question is used instead.",
    NO_DEVELOPMENTS: "The baseline cannot be compared, so a follow-up profile leaves out "
    "the developments since the baseline.",
    NO_NATIONAL_COMPARISON: "A local profile rendered with --compare-national leaves out "
    "the comparison: no readable national matrix, or (public output) one not validated.",
    # Comparing
    DIFF_REVERSED: "`mgi diff A B` where A was assessed after B, or names B as its baseline: "
    "the sides look reversed (warning; the diff is still printed, its sides labelled by date).",
    # Authoring
    DUPLICATE_INDICATOR: "A spreadsheet has two rows for one indicator (`mgi import`).",
    IMPORT_PROTECTION: "`mgi import` refuses a sheet that could lower protection without "
    "saying so (a formula or an unclear value in `restricted`, `confidentiality` or "
    "`status`, a restricted column renamed or given twice), or warns that it keeps a "
    "replaced matrix's restrictions or makes an answer, the confidentiality or the status "
    "more public.",
    FMT_REFUSED: "`mgi fmt` would have changed the data or lost a comment (a bug in mgi fmt: "
    "please report it), or the file changed while it ran; the file is left as it is. "
    "From `mgi import --force`: the replaced matrix's comments and layout could not be "
    "kept, so the sheet was written as a new file (a warning; please report it too).",
}


def codes_table_markdown() -> str:
    """The table of codes of docs/codes.md (``python -m mgi_cli.problems.codes`` prints it)."""
    rows = [f"| `{code}` | {meaning} |" for code, meaning in CODES.items()]
    return "\n".join(["| code | meaning |", "| --- | --- |", *rows]) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(codes_table_markdown())
