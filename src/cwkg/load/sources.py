"""Load source documents: the exact text, its SHA-256, and its metadata.

A source is ``data/sources/<id>.txt`` (the text, unchanged) plus
``data/sources/<id>.yaml`` (who published it, when, in which language...). A source
whose text may not be republished (``external_text: true``) has no ``.txt`` in data/:
its text is ``<id>.txt`` in a texts folder outside the repository (:mod:`.texts`),
checked when present; without it the source loads unverified, with ``text`` None.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
from pathlib import Path

from cwkg.errors import DataError
from cwkg.fsio import display_path

from . import yamlio
from .identifications import link_values, load_identifications
from .model import Source
from .records import Record
from .texts import TextFolders, text_folders

AUTHOR_SUFFIX = "-author"  # src:<id>-author: the author of a source that names none
SOURCE_TYPES = ("news-article", "press-release", "statement", "social-media-post", "report")
AGENT_PREFIXES = ("org", "person")
SOURCE_KEYS = {"id", "original_file", "type", "title", "author", "publisher", "translated_by",
               "date", "language", "sha256", "url", "quotes", "relays", "publisher_verified",
               "publisher_note", "note", "external_text", "characters", "identifications"}
LINK_FIELDS = ("author", "publisher", "translated_by", "quotes", "relays")


def _resolved(path: Path) -> Path:
    """``path.resolve()``, with its folder resolved once for all the files in it (a full
    resolve checks every component of the path: a third of loading a source)."""
    if path.is_symlink():
        return path.resolve()
    return _resolved_folder(path.parent) / path.name


@functools.lru_cache(maxsize=64)
def _resolved_folder(folder: Path) -> Path:
    return folder.resolve()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(raw: bytes, name: str) -> str:
    """A source text as its offsets count it: UTF-8 without a byte-order mark (a BOM
    would be character 0, invisible to a reader, and shift every offset by one)."""
    text = yamlio.decode(raw, name)
    if text.startswith("\ufeff"):
        raise DataError("starts with a byte-order mark; save it as UTF-8 without BOM "
                        "(and record the new SHA-256)", file=name, line=1)
    if not text.strip():
        raise DataError("the source text is empty", file=name)
    return text


def load_source(meta_path: Path, repo_root: Path | None = None, meta_data: bytes | None = None,
                text_data: bytes | None = None, text_read: bool = False,
                texts: TextFolders | None = None,
                external: tuple[Path | None, bytes | None] | None = None) -> Source:
    """A source from its metadata and text files, or from their bytes when the caller read
    them already (``text_read``: then ``text_data`` None means the text file is absent).
    A source with ``external_text: true`` has its text in a texts folder (``texts``),
    or ``external``: (the file found there, its bytes), both None when none has it."""
    name = display_path(meta_path)
    rec = Record(yamlio.load(meta_path, name, meta_data), "source", file=name)
    rec.check_keys(SOURCE_KEYS)
    source_id = rec.identifier("id", ("src",), required=True)
    if source_id != "src:" + meta_path.stem:
        raise rec.error("id", f"'{source_id}' does not match the file name; expected "
                        f"'src:{meta_path.stem}'")
    if source_id.endswith(AUTHOR_SUFFIX):  # graph.unidentified_author names that node
        raise rec.error("id", f"an id ending in '{AUTHOR_SUFFIX}' is reserved: "
                        f"'{source_id}' names the unidentified author of "
                        f"'{source_id[:-len(AUTHOR_SUFFIX)]}'; choose another id")
    text_path = meta_path.with_suffix(".txt")
    is_external = rec.boolean("external_text") is True
    if is_external:
        if (text_data is not None) if text_read else text_path.exists():
            raise rec.error("external_text", f"the text of {source_id} is kept outside the "
                            f"repository, but {display_path(text_path)} exists: move it to a "
                            "texts folder (see 'cwkg --texts')")
        if external is None:
            found = (texts or text_folders(repo_root or Path.cwd())).find(meta_path.stem)
            external = (found, None if found is None else _read(found))
        text_path, raw = external
        characters = rec.integer("characters", required=True, minimum=1)
    else:
        if rec.raw("characters") is not None:
            raise rec.error("characters", "only for a source whose text is kept outside the "
                            "repository (external_text: true); the build counts this text")
        raw = text_data
        if raw is None:
            if text_read or not text_path.exists():
                raise DataError(f"the text of {source_id} is missing: expected "
                                f"{display_path(text_path)}", file=name, line=rec.line)
            raw = _read(text_path)
    declared = rec.string("sha256", required=True).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", declared):
        raise rec.error("sha256", f"'{declared}' is not a SHA-256 (64 hex digits)")
    text = None
    if raw is not None:
        text = decode_text(raw, display_path(text_path))
        digest = sha256_hex(raw)
        if declared != digest:
            raise rec.error("sha256", f"does not match the text {display_path(text_path)} "
                            f"(declared {declared[:12]}..., text has {digest[:12]}...); the "
                            "text was changed after it was recorded: restore it, or review "
                            "the change and record the new hash")
        if is_external and characters != len(text):
            raise rec.error("characters", f"{characters} recorded, but the text "
                            f"{display_path(text_path)} has {len(text)} characters")
    title = rec.string("title")
    if title is not None and text is not None and not occurs_spaced(title, text):
        raise rec.error("title", "does not occur in the text; a title is only recorded "
                        "when the text gives one (a line break or run of spaces in the "
                        "text matches one space)")
    note = rec.string("publisher_note")
    if note is not None and text is not None and note not in text:
        raise rec.error("publisher_note", "does not occur verbatim in the text")
    language = rec.string("language", required=True)
    if not _is_language_tag(language):
        raise rec.error("language", f"'{language}' is not a BCP 47 language tag such as en or ar")
    if is_external:  # where it was found, or its name in any texts folder
        rel_text = display_path(text_path) if text_path else f"{meta_path.stem}.txt"
    else:
        try:
            rel_text = _resolved(text_path).relative_to(
                _resolved_folder(repo_root or Path.cwd())).as_posix()
        except ValueError:
            rel_text = text_path.name
    source = Source(
        file=name, line=rec.line, id=source_id,
        type=rec.choice("type", SOURCE_TYPES, required=True),
        text=text, text_path=rel_text, sha256=declared,
        date=_date(rec), language=language, title=title,
        author=rec.identifier("author", AGENT_PREFIXES),
        publisher=rec.identifier("publisher", AGENT_PREFIXES),
        translated_by=rec.identifier("translated_by", AGENT_PREFIXES),
        url=_url(rec), original_file=rec.string("original_file"),
        quotes=tuple(rec.identifiers("quotes", ("doc",))),
        relays=tuple(rec.identifiers("relays", ("doc",))),
        publisher_verified=rec.boolean("publisher_verified"),
        publisher_note=note, note=rec.string("note"),
        external=is_external, characters=characters if is_external else len(text),
    )
    return dataclasses.replace(source, identifications=load_identifications(
        rec, link_values(source, LINK_FIELDS)))


def occurs_spaced(phrase: str, text: str) -> bool:
    """Whether ``phrase`` occurs in ``text``, any run of whitespace in either matching any
    run in the other (a title the text wraps over two lines).

    >>> occurs_spaced("A statement about the attack", "A statement about\\nthe  attack\\n")
    True
    >>> occurs_spaced("A statement about the attack", "A statement about theattack")
    False
    """
    words = phrase.split()
    if not words:
        return False
    if " ".join(words) in text:  # the usual case, without compiling a pattern per title
        return True
    return re.search(r"\s+".join(map(re.escape, words)), text) is not None


def _date(rec: Record):
    """The document's date; a source whose text states none has none, and says why in
    its ``note``."""
    date = rec.date("date")
    if date is None and rec.string("note") is None:
        raise DataError("a source needs its 'date', or, when the document states none, a "
                        "'note' saying so (and what is known of it)", file=rec.file,
                        line=rec.line)
    return date


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror}", file=display_path(path)) from None


def source_names(data_dir: Path) -> list[str]:
    """The names of the metadata files in data/sources/, in order, once every text there
    is known to have one beside it (names, not paths: at 10,000 sources, making each path
    here and again for its claims file cost more than listing the folder)."""
    folder = data_dir / "sources"
    if not folder.is_dir():
        raise DataError(f"no sources folder: expected {display_path(folder)}")
    names, links = _listed(folder)
    for name in sorted(n for n in names if n.endswith(".txt")):
        meta = name[:-len(".txt")] + ".yaml"
        if meta in links and not (folder / meta).exists():
            raise DataError("is a symbolic link that cannot be followed (a loop, or its "
                            "target is gone)", file=display_path(folder / meta))
        if meta not in names:
            raise DataError("source text has no metadata file beside it: expected "
                            f"{display_path(folder / meta)}", file=display_path(folder / name))
    return sorted(n for n in names if n.endswith(".yaml"))


def sorted_names(folder: Path, suffix: str) -> list[str]:
    """The names in one folder that end in ``suffix``, in order."""
    return sorted(name for name in _listed(folder)[0] if name.endswith(suffix))


def _listed(folder: Path) -> tuple[set[str], set[str]]:
    """The names in ``folder``, and those of its symbolic links: one reading of the
    folder (at 10,000 sources, globbing it and testing each text's metadata file took
    ten times as long)."""
    names, links = set(), set()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                names.add(entry.name)
                if entry.is_symlink():
                    links.add(entry.name)
    except OSError as exc:
        raise DataError(f"cannot read folder: {exc.strerror}", file=display_path(folder)) \
            from None
    return names, links


def _url(rec: Record) -> str | None:
    url = rec.string("url")
    if url is not None and not url.startswith(("https://", "http://")):
        raise rec.error("url", f"'{url}' is not an http(s) URL")
    return url


def _is_language_tag(tag: str) -> bool:
    return re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag) is not None
