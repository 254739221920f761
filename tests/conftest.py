"""Fixtures shared by the test modules: paths, test catalogues, a fixed date, the CLI."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.cli import app
from mgi_cli.commands.common import catalogue_library
from mgi_cli.validate.rule_input import ValidationOptions

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

#: "Today" for every validation run the tests control, so future-date checks are stable.
TODAY = date(2026, 1, 1)


@pytest.fixture(scope="session", autouse=True)
def _catalogue_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The parsed-catalogue cache of this run in a temporary folder, never the user's."""
    os.environ["MGI_CACHE_DIR"] = str(tmp_path_factory.mktemp("mgi-cache"))


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def mini_catalogue() -> Path:
    """A small national catalogue (mini@1.0): six standard and two covid19 indicators."""
    return TESTS / "catalogues" / "mini-1.0.yaml"


@pytest.fixture(scope="session")
def mini_local_catalogue() -> Path:
    """A two-indicator local catalogue (mini-local@1.0)."""
    return TESTS / "catalogues" / "mini-local-1.0.yaml"


@pytest.fixture(scope="session")
def test_library(mini_catalogue: Path, mini_local_catalogue: Path) -> CatalogueLibrary:
    """The packaged catalogues plus the two test catalogues."""
    return catalogue_library([mini_catalogue, mini_local_catalogue])


@pytest.fixture(scope="session")
def validation_options() -> ValidationOptions:
    return ValidationOptions(today=TODAY)


@pytest.fixture
def mgi() -> Callable[..., Result]:
    """Run the `mgi` command in-process: ``mgi("validate", "x.yaml", env={...})``.

    Colour is off and GITHUB_ACTIONS unset unless a test sets them, so output is exact.
    """
    runner = CliRunner()

    def invoke(*args: str | Path, env: dict[str, str | None] | None = None) -> Result:
        environment: dict[str, str | None] = {"GITHUB_ACTIONS": None, "NO_COLOR": "1"}
        environment.update(env or {})
        return runner.invoke(app, [str(a) for a in args], env=environment)

    return invoke


# Golden files (tests/golden/): `pytest --update-golden` rewrites them from the
# current output instead of comparing; review the change with `git diff`.
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True under `pytest --update-golden`: golden tests write instead of compare."""
    return bool(request.config.getoption("--update-golden"))


# Hypothesis profiles. Without HYPOTHESIS_PROFILE the library's "default" applies and
# every test keeps its own small budget (tests/hardening/test_fuzz.py runs a few examples per
# command). `HYPOTHESIS_PROFILE=fuzz python -m pytest tests/hardening/test_fuzz.py` is the long
# fuzz run (a few minutes): many examples, a generous deadline that still catches a hang.
def _register_hypothesis_profiles() -> None:
    import os
    from datetime import timedelta

    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "fuzz",
        max_examples=100,
        deadline=timedelta(seconds=20),
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


_register_hypothesis_profiles()
