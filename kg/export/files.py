"""Writing output files whole or not at all, one build at a time."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import OutputError

# What an output is: its bytes, its text, or a function that streams it into a file
Content = str | bytes | Callable[[BinaryIO], None]
_STAGING = ".kg-staging-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`: a reader (or a
    crash) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for reading
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot be made the output folder without writing anything (a file in its
    place, or in place of a folder above it), or None when nothing stands in the way."""
    for here in (folder, *folder.absolute().parents):
        if os.path.lexists(here):
            if here.is_dir():
                return None
            what = (
                "a file"
                if here.is_file()
                else "a broken symlink"
                if here.is_symlink() and not here.exists()
                else "something other than a folder"
            )
            where = "it" if here == folder else str(here)
            return f"cannot write the outputs into it: {where} is {what}, not a folder"
    return None


def check_folder(folder: Path) -> None:
    """Raise OutputError when `folder` cannot be the output folder (see `folder_problem`):
    before a build's work, not after it."""
    problem = folder_problem(folder)
    if problem is not None:
        raise OutputError(folder, problem)


def _cannot_write(folder: Path, exc: OSError) -> OutputError:
    why = folder_problem(folder)
    if why is None:
        # the staging folder's own paths would only puzzle
        name = str(exc.filename or "")
        where = f" ({name})" if name and _STAGING not in name else ""
        why = f"cannot write the outputs into it: {exc.strerror or exc}{where}"
    return OutputError(folder, why)


@contextmanager
def build_lock(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (flock on the folder itself, so no lock file is left
    behind). If another process holds it, call `on_wait` and wait. The kernel drops the lock
    when its holder dies, killed or not. OutputError when `folder` cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_outputs(
    folder: Path, outputs: Mapping[Path, Content], on_wait: Callable[[], None] | None = None
) -> list[Path]:
    """Write every output (a path in `folder` -> its content) into a staging folder there, then
    rename each into place, under `build_lock`. Until the renames, which take microseconds,
    a build killed at any moment leaves the previous outputs whole; staging folders that
    killed builds left behind are removed first. OutputError when a file cannot be written
    (no permission, a full disk); no output is ever left half-written."""
    with build_lock(folder, on_wait):
        for stale in folder.glob(f"{_STAGING}*"):
            shutil.rmtree(stale, ignore_errors=True)
        try:
            staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=folder))
        except OSError as exc:
            raise _cannot_write(folder, exc) from None
        try:
            mode = 0o666 & ~_umask()
            # an output may sit in a subfolder of `folder` (texts/<id>.txt)
            names = {path: path.relative_to(folder) for path in outputs}
            for path, content in outputs.items():
                (staging / names[path]).parent.mkdir(parents=True, exist_ok=True)
                with open(staging / names[path], "wb") as handle:
                    if callable(content):
                        content(handle)
                    else:
                        handle.write(
                            content.encode("utf-8") if isinstance(content, str) else content
                        )
                os.chmod(staging / names[path], mode)
            # every folder first: one that cannot be made stops the build before any rename
            for path in outputs:
                (folder / names[path]).parent.mkdir(parents=True, exist_ok=True)
            for path in outputs:
                os.replace(staging / names[path], folder / names[path])
            _prune(folder, set(names.values()))
        except OSError as exc:
            raise _cannot_write(folder, exc) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return list(outputs)


def _prune(folder: Path, written: set[Path]) -> None:
    """Remove from the subfolders this build wrote into the files it did not write: the texts
    of articles no longer in the sources."""
    for sub in {name.parent for name in written if name.parent != Path(".")}:
        for stale in (folder / sub).iterdir():
            if stale.is_file() and stale.relative_to(folder) not in written:
                stale.unlink(missing_ok=True)
