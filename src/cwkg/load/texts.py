"""Where the texts of sources kept outside the repository are found: the texts folders.

A source with ``external_text: true`` keeps its metadata, hash and anchored quotes in
``data/``; its text is ``<folder>/<source id>.txt`` in the first texts folder that has
that file. The folders are, first found wins:

1. ``cwkg --texts DIR`` (repeatable), given on the command line;
2. ``texts = ["DIR", ...]`` in ``cwkg.toml`` at the repository root (the folder that holds
   ``data/``), or under ``[tool.cwkg]`` in its ``pyproject.toml``; relative paths are read
   from that folder;
3. ``archive/`` at the repository root (git-ignored in this repository).

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "cwkg.toml").write_text('texts = ["texts", "/mnt/shared"]\\n')
>>> folders = text_folders(root)
>>> [p.relative_to(root).as_posix() if p.is_relative_to(root) else p.as_posix()
...  for p in folders.folders], folders.origin
(['texts', '/mnt/shared'], 'cwkg.toml')
>>> text_folders(root, [Path("elsewhere")]).origin
'--texts'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import DataError
from cwkg.fsio import display_path

SETTINGS_FILE = "cwkg.toml"
DEFAULT_FOLDER = "archive"


@dataclass(frozen=True)
class TextFolders:
    folders: tuple[Path, ...]
    origin: str                 # where the list came from: --texts, cwkg.toml, ... default

    def find(self, local_id: str) -> Path | None:
        """The text file of source ``src:<local_id>`` in the first folder holding one."""
        for folder in self.folders:
            path = folder / f"{local_id}.txt"
            if path.is_file():
                return path
        return None

    def describe(self) -> str:
        shown = ", ".join(display_path(f) + "/" for f in self.folders) or "no folder"
        return f"{shown} ({self.origin})"


def text_folders(repo_root: Path, override=None) -> TextFolders:
    """The texts folders: ``override`` (the command line's, when given), else the
    repository's setting, else ``archive/``."""
    if override is not None:
        return TextFolders(tuple(Path(p) for p in override), "--texts")
    root = Path(repo_root)
    settings = root / SETTINGS_FILE
    if settings.is_file():
        return TextFolders(_read_setting(settings, ()), SETTINGS_FILE)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        folders = _read_setting(pyproject, ("tool", "cwkg"))
        if folders is not None:
            return TextFolders(folders, "pyproject.toml [tool.cwkg]")
    return TextFolders((root / DEFAULT_FOLDER,), "default")


def _read_setting(path: Path, table: tuple[str, ...]) -> tuple[Path, ...] | None:
    """``texts`` of ``path``'s ``table`` as folders (relative to the file's folder); None
    when the table or the key is absent (only for pyproject.toml: cwkg.toml is cwkg's)."""
    import tomllib  # here: only a command that looks for texts reads the settings
    name = display_path(path)
    try:
        settings = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read settings: {exc}", file=name) from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"not valid TOML: {exc}", file=name, line=getattr(exc, "lineno", None)
                        ) from None
    for key in table:
        settings = settings.get(key)
        if not isinstance(settings, dict):
            return None
    if table and "texts" not in settings:
        return None
    unknown = sorted(set(settings) - {"texts"})
    if unknown:
        raise DataError(f"unknown cwkg setting(s) {', '.join(unknown)}; allowed: texts",
                        file=name)
    value = settings.get("texts", [DEFAULT_FOLDER])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError("'texts' must be a folder or a list of folders", file=name)
    return tuple(path.parent / v for v in value)
