"""Helpers shared by the commands: the one parser of date options."""

from __future__ import annotations

from datetime import date

import pytest

from mgi_cli.commands.common import option_date
from mgi_cli.errors import UsageError


def test_a_date_as_yyyy_mm_dd() -> None:
    assert option_date("2024-02-29", "--today") == date(2024, 2, 29)


def test_not_given_is_today() -> None:
    assert option_date(None, "--today") == date.today()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1 May",
        "2023-02-29",
        "20240301",
        "2024-W09-5",
        "2024-3-1",
        "\uff12\uff10\uff12\uff14-03-01",
    ],
)
def test_anything_else_is_a_usage_error_naming_the_option(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        option_date(text, "--assessed-on")
    assert caught.value.message == f"--assessed-on {text!r} is not a date as YYYY-MM-DD"
    assert caught.value.exit_code == 2
