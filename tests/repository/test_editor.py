"""Editor support that works offline: the schemas `mgi init` writes into the repository,
the VS Code settings that use them, and the `$schema` line of `mgi new`'s files."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.commands.common import catalogue_library
from mgi_cli.matrix.catalogue_schema import matrix_schema_for
from mgi_cli.matrix.load import load_matrix
from mgi_cli.repository.editor import schema_line_for, schema_path

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
SCHEMA_LINE = "# yaml-language-server: $schema="


def _schema_of(matrix: Path) -> Path:
    first = matrix.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_LINE), first
    return matrix.parent / first.removeprefix(SCHEMA_LINE)


def test_init_writes_each_levels_catalogue_schema_and_the_vscode_settings(
    mgi: Mgi, tmp_path: Path
) -> None:
    assert mgi("init", tmp_path).exit_code == 0
    library = catalogue_library()
    national, local = library.default("national"), library.default("local")
    schemas = tmp_path / ".mgi" / "schema"
    assert json.loads((schemas / "matrix.schema.json").read_text(encoding="utf-8")) == (
        json.loads(json.dumps(matrix_schema_for(national)))
    )
    local_schema = json.loads((schemas / "local-matrix.schema.json").read_text(encoding="utf-8"))
    assert local_schema["properties"]["catalogue"]["const"] == local.ref
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings == {
        "yaml.schemas": {
            "./.mgi/schema/matrix.schema.json": ["matrices/*/*.yaml"],
            "./.mgi/schema/local-matrix.schema.json": ["matrices/*/local/**/*.yaml"],
        }
    }
    # The example matrix leads to the schema from its own folder, as `mgi new`'s do.
    [example] = (tmp_path / "matrices").rglob("*.yaml")
    assert _schema_of(example).resolve() == (schemas / "matrix.schema.json").resolve()


@pytest.mark.parametrize(
    ("args", "output", "schema"),
    [
        (("XAM",), "matrices/XAM/2030-baseline.yaml", "../../.mgi/schema/matrix.schema.json"),
        (
            ("XAM", "--level", "local", "--locality", "Port Selen"),
            "matrices/XAM/local/port-selen/2030-baseline.yaml",
            "../../../../.mgi/schema/local-matrix.schema.json",
        ),
    ],
    ids=["national", "local"],
)
def test_new_leads_to_the_repository_schema_from_the_new_file(
    mgi: Mgi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    output: str,
    schema: str,
) -> None:
    assert mgi("init", tmp_path).exit_code == 0
    monkeypatch.chdir(tmp_path / "matrices")  # a path relative to elsewhere than the root
    result = mgi("new", *args, "--assessed-on", "2030-01-02", "-o", Path("..", output))
    assert result.exit_code == 0, result.output
    written = tmp_path / output
    assert written.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE + schema
    assert _schema_of(written).is_file()


def test_new_follow_up_leads_to_the_schema_too(mgi: Mgi, tmp_path: Path) -> None:
    assert mgi("init", tmp_path).exit_code == 0
    [example] = (tmp_path / "matrices").rglob("*.yaml")
    output = example.with_name("2031-follow_up.yaml")
    result = mgi("new", "--follow-up-of", example, "--assessed-on", "2031-01-02", "-o", output)
    assert result.exit_code == 0, result.output
    assert _schema_of(output).resolve() == (tmp_path / ".mgi/schema/matrix.schema.json").resolve()


def test_import_of_a_new_file_leads_to_the_schema_as_new_does(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert mgi("init", tmp_path).exit_code == 0
    [example] = (tmp_path / "matrices").rglob("*.yaml")
    monkeypatch.chdir(tmp_path / "matrices")  # a path relative to elsewhere than the root
    assert mgi("export", example, "-o", tmp_path / "sheet.csv").exit_code == 0
    output = Path("XAA", "2031-baseline.yaml")
    result = mgi("import", tmp_path / "sheet.csv", "-o", output)
    assert result.exit_code == 0, result.output
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SCHEMA_LINE + "../../.mgi/schema/matrix.schema.json"
    assert _schema_of(output).resolve() == (tmp_path / ".mgi/schema/matrix.schema.json").resolve()
    # The header `mgi new` writes for the same file.
    made = mgi("new", "XAA", "--assessed-on", "2026-01-01", "-o", "XAA/2032-baseline.yaml")
    assert made.exit_code == 0, made.output
    assert lines[:4] == Path("XAA/2032-baseline.yaml").read_text("utf-8").splitlines()[:4]
    assert mgi("fmt", "--check", output).exit_code == 0


def test_no_schema_line_outside_a_repository_with_a_schema(tmp_path: Path) -> None:
    assert schema_line_for(tmp_path / "m.yaml", "national") is None
    (tmp_path / "mgi.toml").write_text("", encoding="utf-8")
    assert schema_line_for(tmp_path / "matrices" / "XAM" / "m.yaml", "national") is None


def test_schema_path_from_a_folder() -> None:
    from pathlib import PurePosixPath

    assert schema_path(PurePosixPath("matrices/XAM"), "national") == (
        "../../.mgi/schema/matrix.schema.json"
    )
    assert schema_path(PurePosixPath(), "local") == ".mgi/schema/local-matrix.schema.json"


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema is absent")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_passes_check_jsonschema_with_its_catalogue_schema(
    example: Path, tmp_path: Path
) -> None:
    """The schema `mgi init` writes for the catalogue an example answers accepts it."""
    loaded = load_matrix(example)
    assert loaded.matrix is not None
    catalogue = catalogue_library().get(loaded.matrix.catalogue)
    assert catalogue is not None
    schema = tmp_path / "matrix.schema.json"
    schema.write_text(json.dumps(matrix_schema_for(catalogue)), encoding="utf-8")
    done = subprocess.run(
        ["check-jsonschema", "--schemafile", str(schema), str(example)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
