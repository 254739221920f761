"""`mgi init`: a ready matrices repository that validates, and never a file overwritten."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path, PurePosixPath

import pytest
from ruamel.yaml import YAML
from typer.testing import Result

from mgi_cli import __version__
from mgi_cli.commands.common import catalogue_library
from mgi_cli.errors import Refused
from mgi_cli.matrix.load import load_matrix
from mgi_cli.repository.scaffold import InitOptions, init_repository, render_scaffold
from mgi_cli.repository.settings import load_config

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 3, 14)
EXAMPLE = "matrices/XAA/2025-baseline.yaml"
SCAFFOLD = sorted(
    [
        EXAMPLE,
        "mgi.toml",
        ".github/workflows/mgi.yml",
        ".github/workflows/pages.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
        "README.md",
        ".mgi/schema/matrix.schema.json",
        ".vscode/settings.json",
    ]
)


def _scaffold(folder: Path, **options: str) -> list[Path]:
    catalogue = catalogue_library().default("national")
    return init_repository(folder, catalogue, TODAY, InitOptions(**options))


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_init_writes_the_scaffold(mgi: Mgi, tmp_path: Path) -> None:
    result = mgi("init", tmp_path / "repo")
    assert result.exit_code == 0, result.output
    year = date.today().year
    # With the packaged local catalogue pinned for local matrices, its schema too.
    scaffold = [*SCAFFOLD, ".mgi/schema/local-matrix.schema.json"]
    expected = [f.replace("2025", str(year)) for f in scaffold]
    assert _files(tmp_path / "repo") == sorted(expected)
    assert f"created {tmp_path / 'repo' / f'matrices/XAA/{year}-baseline.yaml'}\n" in result.stdout
    assert "pre-commit install" in result.stdout


def test_the_scaffold_validates_as_a_draft(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert mgi("init", tmp_path).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = mgi("validate", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert {p["code"] for p in report["problems"]} == {"missing-answer"}
    assert {p["severity"] for p in report["problems"]} == {"warning"}


def test_the_example_matrix_lists_every_standard_indicator(tmp_path: Path) -> None:
    _scaffold(tmp_path)
    loaded = load_matrix(tmp_path / EXAMPLE)
    assert loaded.problems == []
    matrix = loaded.matrix
    assert matrix is not None
    catalogue = catalogue_library().default("national")
    standard = [i.id for i in catalogue.in_modules(["standard"])]
    assert len(standard) == 94
    assert list(matrix.answers) == standard
    assert all(a is not None and a.answer is None for a in matrix.answers.values())
    assert (matrix.country, matrix.status, matrix.assessed_on) == ("XAA", "draft", TODAY)
    assert (matrix.catalogue, matrix.modules) == (catalogue.ref, ["standard"])
    text = (tmp_path / EXAMPLE).read_text(encoding="utf-8")
    first = catalogue.indicators[0]
    assert f"  {first.id}:  # {first.question['en']}\n    answer: null\n" in text


def test_mgi_toml_pins_the_packaged_catalogues(mgi: Mgi, tmp_path: Path) -> None:
    assert mgi("init", tmp_path).exit_code == 0
    config = load_config(tmp_path / "mgi.toml")
    library = catalogue_library()
    assert config.catalogue == library.default("national").ref
    assert config.local_catalogue == library.default("local").ref
    assert (config.strict, config.stale_after_days) == (False, 1095)
    assert (config.required_modules, config.profiles_dir) == (("standard",), "profiles")
    assert config.other_catalogues == config.catalogue_files == ()


def test_without_a_local_catalogue_local_matrices_are_not_pinned(tmp_path: Path) -> None:
    _scaffold(tmp_path)
    config = load_config(tmp_path / "mgi.toml")
    assert config.local_catalogue is None
    assert '# local-catalogue = "<id>@<version>"\n' in (tmp_path / "mgi.toml").read_text()
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").endswith("\n/profiles/\n")


def test_init_never_overwrites(mgi: Mgi, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "mgi.yml").write_text("mine\n", encoding="utf-8")
    result = mgi("init", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        "mgi: mgi init never overwrites a file; these exist already: "
        f"{tmp_path / '.github/workflows/mgi.yml'}, {tmp_path / 'README.md'}\n"
    )
    assert _files(tmp_path) == [".github/workflows/mgi.yml", "README.md"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine\n"


def test_init_keeps_the_users_vscode_settings(mgi: Mgi, tmp_path: Path) -> None:
    """.vscode/settings.json of the user's: left as it is, everything else written, and
    a warning saying what to add to it."""
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}\n', "utf-8")
    result = mgi("init", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".vscode" / "settings.json").read_text("utf-8") == (
        '{"editor.tabSize": 2}\n'
    )
    scaffold = [*SCAFFOLD, ".mgi/schema/local-matrix.schema.json"]
    year = str(date.today().year)
    assert _files(tmp_path) == sorted(f.replace("2025", year) for f in scaffold)
    assert f"created {tmp_path / '.vscode'}" not in result.stdout
    assert result.stderr.startswith(
        f"mgi: warning: {tmp_path / '.vscode' / 'settings.json'} exists and was left as it "
        "is; for VS Code to check matrices against the schemas in .mgi/schema/, add to it:\n"
        "{\n"
        '  "yaml.schemas": {\n'
        '    "./.mgi/schema/matrix.schema.json": [\n'
        '      "matrices/*/*.yaml"\n'
        "    ],\n"
        '    "./.mgi/schema/local-matrix.schema.json": [\n'
        '      "matrices/*/local/**/*.yaml"\n'
        "    ]\n"
        "  }\n"
        "}\n"
    )


def test_init_twice_refuses_the_second_time(mgi: Mgi, tmp_path: Path) -> None:
    assert mgi("init", tmp_path).exit_code == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = mgi("init", tmp_path)
    assert result.exit_code == 1
    assert "never overwrites" in result.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_refuses_a_dangling_link_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "mgi.toml").symlink_to(tmp_path / "nowhere")
    with pytest.raises(Refused, match=r"mgi\.toml"):
        _scaffold(tmp_path)
    assert not (tmp_path / "matrices").exists()


def test_init_in_the_current_folder(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert mgi("init", "--country", "xam").exit_code == 0
    year = date.today().year
    assert (tmp_path / f"matrices/XAM/{year}-baseline.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "XYZW"], "--country 'XYZW' is not an ISO 3166-1 alpha-3 code"),
        (["--country", "ABC"], "--country 'ABC' is not an ISO 3166-1 alpha-3 code"),
    ],
)
def test_init_usage_errors(mgi: Mgi, tmp_path: Path, args: list[str], message: str) -> None:
    result = mgi("init", tmp_path, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert _files(tmp_path) == []


def test_init_into_a_file_is_a_usage_error(mgi: Mgi, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = mgi("init", tmp_path / "file")
    assert result.exit_code == 2
    assert "exists and is not a folder" in result.stderr


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    written = _scaffold(tmp_path)
    assert sorted(str(p.relative_to(tmp_path)) for p in written) == SCAFFOLD
    assert _files(tmp_path) == SCAFFOLD


def _yaml(text: str) -> object:
    return YAML(typ="safe", pure=True).load(text)


def _own_hooks() -> list[dict[str, object]]:
    hooks = _yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


def test_pre_commit_config_runs_this_projects_hooks() -> None:
    """By default the hooks are the published ones (validate, and fmt that fixes), with
    mgi installed by pre-commit from what CI installs."""
    catalogue = catalogue_library().default("national")
    files = render_scaffold(catalogue, TODAY, InitOptions(install="git+https://x.example/mgi@v1"))
    config = _yaml(files[PurePosixPath(".pre-commit-config.yaml")])
    assert isinstance(config, dict)
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    assert [h["additional_dependencies"] for h in repo["hooks"]] == [
        ["git+https://x.example/mgi@v1"]
    ] * 2
    assert [{k: v for k, v in h.items() if k != "additional_dependencies"}
            for h in repo["hooks"]] == _own_hooks()[:2]  # fmt: skip
    assert [h["id"] for h in _own_hooks()] == ["mgi-validate", "mgi-fmt", "mgi-fmt-check"]
    assert [h["entry"] for h in _own_hooks()[1:]] == ["mgi fmt", "mgi fmt --check"]


def test_pre_commit_config_with_the_hooks_repository() -> None:
    catalogue = catalogue_library().default("national")
    options = InitOptions(hooks_repo="https://git.example.org/mgi/mgi")
    files = render_scaffold(catalogue, TODAY, options)
    config = _yaml(files[PurePosixPath(".pre-commit-config.yaml")])
    assert config == {
        "repos": [
            {
                "repo": "https://git.example.org/mgi/mgi",
                "rev": f"v{__version__}",
                "hooks": [{"id": "mgi-validate"}, {"id": "mgi-fmt"}],
            }
        ]
    }


def test_the_example_matrix_is_in_mgi_fmt_layout(mgi: Mgi, tmp_path: Path) -> None:
    _scaffold(tmp_path)
    result = mgi("fmt", "--check", tmp_path / EXAMPLE)
    assert result.exit_code == 0, result.output


def test_every_template_renders_for_other_choices() -> None:
    catalogue = catalogue_library().default("national")
    options = InitOptions(
        country="QMA", branch="trunk", install="git+https://git.example.org/mgi@v1",
        required_modules=("standard", "covid19"), profiles_dir="out",
    )  # fmt: skip
    files = render_scaffold(catalogue, TODAY, options)
    example = files[PurePosixPath("matrices/QMA/2025-baseline.yaml")]
    assert "modules: [standard, covid19]" in example
    assert example.count("answer: null") == 106
    workflow = files[PurePosixPath(".github/workflows/mgi.yml")]
    assert "branches: [trunk]" in workflow
    assert 'python -m pip install "git+https://git.example.org/mgi@v1"' in workflow
    assert 'profile="out/${matrix#matrices/}"' in workflow
    assert 'required-modules = ["standard", "covid19"]' in files[PurePosixPath("mgi.toml")]


@pytest.mark.parametrize(
    ("url", "spec"),
    [
        ("https://git.example.org/mgi", f"git+https://git.example.org/mgi@v{__version__}"),
        (None, f"git+<mgi-repo-url>@v{__version__}"),
    ],
    ids=["known", "unknown"],
)
def test_ci_and_pre_commit_install_mgi_from_its_git_repository_by_default(
    mgi: Mgi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str | None, spec: str
) -> None:
    """Not `mgi-cli==VERSION` from an index mgi is not published on: git, at the tag."""
    monkeypatch.setattr("mgi_cli.repository.install_source.mgi_repository_url", lambda: url)
    result = mgi("init", tmp_path)
    assert result.exit_code == 0, result.output
    for workflow in ("mgi.yml", "pages.yml"):
        text = (tmp_path / ".github" / "workflows" / workflow).read_text(encoding="utf-8")
        assert f'python -m pip install "{spec}"' in text
    config = _yaml((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert isinstance(config, dict)
    assert {d for h in config["repos"][0]["hooks"] for d in h["additional_dependencies"]} == {spec}
    if url is not None:
        assert result.stderr == ""
        return
    assert result.stderr == (
        "mgi: this mgi does not know its repository's address: replace <mgi-repo-url> in "
        ".github/workflows/*.yml and .pre-commit-config.yaml, or run mgi init again with "
        "--install REQUIREMENT\n"
    )


def test_install_reaches_ci_and_pre_commit(mgi: Mgi, tmp_path: Path) -> None:
    spec = "../mgi"  # a local clone beside the matrices repository
    result = mgi("init", tmp_path, "--install", spec)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    for workflow in ("mgi.yml", "pages.yml"):
        text = (tmp_path / ".github" / "workflows" / workflow).read_text(encoding="utf-8")
        assert 'python -m pip install "../mgi"' in text
    config = _yaml((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert isinstance(config, dict)
    assert [h["additional_dependencies"] for h in config["repos"][0]["hooks"]] == [[spec]] * 2
    assert 'pip install "../mgi"' in (tmp_path / "README.md").read_text(encoding="utf-8")
