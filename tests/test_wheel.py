"""Packaging: kg built as a wheel and installed into a fresh virtual environment, run from a
folder outside the checkout, reads its ontology, lexicons and queries from the installed
package and builds the seed articles byte for byte as the editable install does.

The fresh environment gets kg from the wheel alone; its dependencies (spaCy and its model are
hundreds of MB) come from the environment running the tests, through a `.pth` file, which does
not carry the editable install of kg with it (a `.pth` file is read only in a site folder).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.resources import ONTOLOGY_DIR, QUERIES_DIR
from tests.shared import shared

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.nt", "graph.trig", "events.csv", "graph.graphml")
FORMATS = ("jsonld", "nt", "trig", "csv", "graphml")


def test_an_editable_install_reads_the_checkout_folders() -> None:
    # the folders users edit stay at the top of the repository, and kg reads them there
    assert ONTOLOGY_DIR == ROOT / "ontology" and (ONTOLOGY_DIR / "kg.ttl").is_file()
    assert QUERIES_DIR == ROOT / "queries" and any(QUERIES_DIR.glob("*.rq"))


# what a build in the checkout would leave or pick up: a stale build/lib would go into the wheel
_NOT_SOURCE = shutil.ignore_patterns(
    ".*", "build", "*.egg-info", "__pycache__", "out", "dist", "*.pyc"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """kg's wheel, built from a copy of the checkout by the installed setuptools (no download)."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--wheel-dir", str(folder), str(source)],
        check=True,
        cwd=folder,
    )  # fmt: skip
    (found,) = folder.glob("newskg-*.whl")
    return found


def test_the_wheel_carries_every_module_and_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*.py")}
    assert modules <= names, sorted(modules - names)  # a package missing from pyproject.toml
    for folder, inside in ((ROOT / "ontology", "kg/ontology"), (ROOT / "queries", "kg/queries")):
        files = [p for p in folder.rglob("*") if p.is_file()]
        assert files
        for path in files:
            assert f"{inside}/{path.relative_to(folder).as_posix()}" in names
    assert {"kg/export/assets/page.js", "kg/export/assets/template.html"} <= names
    assert not any(n.startswith(("tests/", "bench/", "sources/")) for n in names)


@pytest.mark.slow
def test_the_installed_wheel_builds_the_seeds_like_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    seeds = shared("seeds")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "kg-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    away = tmp_path / "elsewhere"
    away.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import kg.resources as r; print(r.__file__, r.ONTOLOGY_DIR)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=away,
    ).stdout.split()
    assert all(Path(p).is_relative_to(env_dir) for p in where), where
    args = ["build", str(seeds), "-o", str(away / "out"), "--no-cache"]
    for fmt in FORMATS:
        args += ["--format", fmt]
    run = subprocess.run(
        [str(env_dir / "bin" / "kg"), *args], capture_output=True, text=True, cwd=away
    )
    assert run.returncode == 0, run.stderr
    build([seeds], tmp_path / "editable", formats=("ttl", *FORMATS))
    for name in (*OUTPUTS, "graph.html"):
        assert (away / "out" / name).read_bytes() == (tmp_path / "editable" / name).read_bytes(), (
            name
        )
    listed = subprocess.run(
        [str(env_dir / "bin" / "kg"), "query", "--list"], capture_output=True, text=True, cwd=away
    )
    assert listed.returncode == 0 and "actor-timeline" in listed.stdout
