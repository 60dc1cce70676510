"""`python -m kg ...` runs the same CLI as the `kg` script (for a venv not on PATH)."""

from kg.cli import main

main(prog_name="kg")
