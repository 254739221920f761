"""`mgi catalogue`: an indicator, dimension, theme or module typed in any case."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

Mgi = Callable[..., Result]


@pytest.mark.parametrize("typed", ["D1.04", "d1.04"])
def test_an_indicator_in_any_case(mgi: Mgi, typed: str) -> None:
    exact = mgi("catalogue", "D1.04")
    result = mgi("catalogue", typed)
    assert result.exit_code == 0, result.output
    assert result.stdout == exact.stdout
    assert result.stdout.startswith("D1.04  ")


def test_json_names_the_catalogues_id(mgi: Mgi) -> None:
    result = mgi("catalogue", "env.07", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"id": "ENV.07"' in result.stdout


def test_filters_in_any_case(mgi: Mgi) -> None:
    assert (
        mgi("catalogue", "--dimension", "d1").stdout == mgi("catalogue", "--dimension", "D1").stdout
    )
    lower, upper = mgi("catalogue", "--module", "COVID19"), mgi("catalogue", "--module", "covid19")
    assert (lower.exit_code, lower.stdout) == (0, upper.stdout)
    assert mgi("catalogue", "--tag", "Gender").stdout == mgi("catalogue", "--tag", "gender").stdout


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("D1.4", "mgi: mgi-national@1.1 has no indicator 'D1.4'; did you mean 'D1.04'?\n"),
        ("d1.4", "mgi: mgi-national@1.1 has no indicator 'd1.4'; did you mean 'D1.04'?\n"),
        ("Q42", "mgi: mgi-national@1.1 has no indicator 'Q42'\n"),
    ],
)
def test_an_unknown_indicator_exits_1_with_the_nearest(mgi: Mgi, typed: str, message: str) -> None:
    result = mgi("catalogue", typed)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)


def test_an_unknown_dimension_still_exits_2(mgi: Mgi) -> None:
    result = mgi("catalogue", "--dimension", "d42")
    assert result.exit_code == 2
    assert "has no dimension 'd42'; use one of D1," in result.stderr
