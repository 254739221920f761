"""Problem codes are named by their constants in mgi_cli/problems/codes.py, never spelt out."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import mgi_cli
from mgi_cli.problems import codes
from mgi_cli.problems.codes import CODES

PACKAGE = Path(mgi_cli.__file__).parent


def _constants() -> dict[str, str]:
    return {
        name: value
        for name, value in vars(codes).items()
        if name.isupper() and name != "CODES" and isinstance(value, str)
    }


def test_every_code_has_its_constant_and_every_constant_is_registered() -> None:
    constants = _constants()
    assert sorted(constants.values()) == sorted(CODES)
    for name, value in constants.items():
        assert name == value.upper().replace("-", "_")


def test_no_module_spells_a_code_out() -> None:
    """A code written as text would escape the registry (and the corpus test's count)."""
    spelt = []
    for source in sorted(PACKAGE.rglob("*.py")):
        if source == PACKAGE / "problems" / "codes.py":
            continue
        text = source.read_text(encoding="utf-8")
        tokens = [
            tok
            for tok in tokenize.generate_tokens(io.StringIO(text).readline)
            if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
        ]
        for token, following in zip(tokens, [*tokens[1:], None], strict=True):
            # A dictionary key that happens to read like a code ("encoding": "utf-8" in a
            # data package) is not a problem code.
            is_key = following is not None and following.string == ":"
            if token.type == tokenize.STRING and token.string.strip("\"'") in CODES and not is_key:
                spelt.append(f"{source.relative_to(PACKAGE)}:{token.start[0]} {token.string}")
    assert spelt == [], "use the constants of mgi_cli/problems/codes.py"
