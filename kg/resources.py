"""Where kg's data lives: the ontology and lexicons (`ontology/`) and the named queries
(`queries/`).

Both folders sit at the top of the repository, where their users edit them. A wheel carries them
inside the package (`kg/ontology/`, `kg/queries/`: `pyproject.toml` maps them there with
setuptools' `package-dir`); an editable install runs kg from the checkout, where they stay beside
the package. No other place is looked at, and a folder found in neither is an error.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError

__all__ = ["ONTOLOGY_DIR", "QUERIES_DIR", "data_dir"]

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` ("ontology", "queries"): `kg/<name>` in an installed wheel, else
    `<checkout>/<name>` beside the package. KgError when neither exists."""
    for folder in (_PACKAGE / name, _PACKAGE.parent / name):
        if folder.is_dir():
            return folder
    raise KgError(f"{_PACKAGE / name}: kg's data folder {name!r} is missing; reinstall kg")


ONTOLOGY_DIR = data_dir("ontology")
QUERIES_DIR = data_dir("queries")
