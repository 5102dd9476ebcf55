"""Walks of data/ begun before click and the commands are imported (some 25 ms, and for
``cwkg validate`` and ``cwkg build`` their stage's code, which the walks, 50-70 ms at
10,000 sources, then run beside): for ``cwkg query`` on the build, the one that tells
whether the build is stale (:mod:`cwkg.build.fresh`), and the opening of the build's
store (:mod:`cwkg.build.store_opener`); for ``cwkg validate`` and ``cwkg build``, the
signatures of the source files (:mod:`cwkg.build.signature_walk`), which they take only
for the data folder click read.

The command line is only glanced at here; click reads it as always. The query command
takes the check begun here only if click read the same folders (:func:`adopt`); any other
case begins its own, so a wrong guess costs a walk, never a wrong answer.

>>> _folders(["--data", "d", "--out=o", "--texts", "t", "-q", "query", "voices"])
('d', 'o', ('t',))
>>> [_folders(a) for a in (["query", "--list"], ["build"], ["--data"], ["--x", "query", "q"])]
[None, None, None, None]
>>> _folders(["query", "q", "--endpoint", "http://e/sparql"]) is None
True
>>> [_glance(a)[:2] for a in (["--data=d", "validate"], ["build", "-o", "x"], ["query"])]
[('d', 'validate'), ('data', 'build'), ('data', 'query')]
"""

from __future__ import annotations

from pathlib import Path

_VALUED = ("--data", "--out", "--texts")     # the group's options that take a value
_FLAGS = ("--debug", "-q", "--quiet")         # and those that take none
_ELSEWHERE = ("--endpoint", "--list", "-h", "--help")  # no walk of data/ is needed


def begin_fresh_check(args: list[str]):
    """The check begun for the folders ``args`` name, or None (not a query of the build,
    or a command line this glance does not read)."""
    folders = _folders(args)
    if folders is None:
        return None
    from cwkg.build.fresh import start_fresh_check
    data, out, texts = folders
    try:
        return start_fresh_check(Path(data), Path(out), tuple(map(Path, texts)) or None)
    except OSError:  # the build changed under us: the command will look again
        return None


def begin_store_open(args: list[str]) -> bool:
    """Open the build's store in a thread if ``args`` run a command that reads it:
    ``cwkg query`` of the build, ``cwkg show`` (True: begun;
    :func:`cwkg.build.store_opener.finish` waits for it if the command does not take it)."""
    glance = _glance(args)
    if glance is None or glance[1] not in ("query", "show") or \
            (glance[1] == "query" and _folders(args) is None):
        return False
    from cwkg.build import store_opener
    store_opener.begin(Path(glance[2]))
    return True


def begin_signature_walk(args: list[str]) -> bool:
    """Begin the walk of the source files' signatures if ``args`` run ``cwkg validate``
    or ``cwkg build`` (True: begun; :func:`cwkg.build.signature_walk.cancel` stops it
    if the command does not take it)."""
    glance = _glance(args)
    if glance is None or glance[1] not in ("validate", "build"):
        return False
    from cwkg.build import signature_walk
    signature_walk.begin(Path(glance[0]))
    return True


def adopt(begun, data_dir: Path, out_dir: Path, texts):
    """``begun`` if it checks these folders (as click read them), else None."""
    if begun is not None and begun.folders == (Path(data_dir), Path(out_dir), texts):
        return begun
    return None


def _folders(args: list[str]) -> tuple[str, str, tuple[str, ...]] | None:
    """The folders of a ``cwkg query`` of the build, or None."""
    glance = _glance(args)
    if glance is None or glance[1] != "query":
        return None
    data, _, out, texts, rest = glance
    if any(arg.partition("=")[0] in _ELSEWHERE for arg in rest):
        return None
    return data, out, texts


def _glance(args: list[str]) -> tuple[str, str, str, tuple[str, ...], list[str]] | None:
    """(data folder, command, build folder, texts folders, the command's arguments), or
    None for a command line whose group options this glance does not read."""
    data, out, texts = "data", "build", []
    position = 0
    while position < len(args):
        name, equals, value = args[position].partition("=")
        if name in _VALUED:
            if not equals:
                position += 1
                if position == len(args):
                    return None
                value = args[position]
            if name == "--texts":
                texts.append(value)
            elif name == "--data":
                data = value
            else:
                out = value
        elif args[position] in _FLAGS:
            pass
        elif args[position].startswith("-"):
            return None
        else:
            return data, args[position], out, tuple(texts), args[position + 1:]
        position += 1
    return None
