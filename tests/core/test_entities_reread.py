"""The entities are parsed again only when a file changed: a long-running process (the
curator's pages of cwkg web) sees every edit, and what the build hashes is what was read."""

from __future__ import annotations

import os

from cwkg.load.entities import load_entities


def test_an_edit_is_seen_and_an_unchanged_folder_is_not_parsed_again(data_copy):
    read: dict[str, bytes] = {}
    first = load_entities(data_copy, read)
    again: dict[str, bytes] = {}
    assert load_entities(data_copy, again) == first and again == read
    path = data_copy / "entities" / "weapons.yaml"
    stat = path.stat()
    text = path.read_text("utf-8")
    # same size and the same modification time: only the inode tells (a rename, as
    # every cwkg write is)
    edited = text.replace("weapon:sarin", "weapon:sarix", 1)
    assert len(edited) == len(text)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(edited, "utf-8")
    os.utime(tmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(tmp, path)
    changed = load_entities(data_copy)
    assert "weapon:sarix" in changed and "weapon:sarin" not in changed
    # an edit in place that changes the size
    path.write_text(text + "\n", "utf-8")
    assert "weapon:sarin" in load_entities(data_copy)
    # a file added
    (data_copy / "entities" / "more.yaml").write_text(
        "- id: weapon:test-agent\n  type: weapon\n  label: {en: test agent}\n", "utf-8")
    assert "weapon:test-agent" in load_entities(data_copy)
