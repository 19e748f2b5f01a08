"""The one cache helper behind every build cache (figures_src/cache.py)."""

from __future__ import annotations

import json

import pytest

from figures_src import cache


def test_a_digest_changes_with_a_files_bytes_name_or_place_and_with_the_texts(tmp_path):
    (tmp_path / "a").mkdir()
    one = tmp_path / "a" / "one.py"
    one.write_text("x = 1\n")
    first = cache.digest([one], ["credit"], relative_to=tmp_path)
    assert cache.digest([one], ["credit"], relative_to=tmp_path) == first  # the same inputs, the same key
    assert cache.digest([one], ["another credit"], relative_to=tmp_path) != first
    assert cache.digest([one], ["credit"], relative_to=tmp_path, versions=False) != first
    moved = tmp_path / "b" / "one.py"
    moved.parent.mkdir()
    moved.write_text("x = 1\n")
    assert cache.digest([moved], ["credit"], relative_to=tmp_path) != first, "the path below the root counts"
    one.write_text("x = 2\n")
    assert cache.digest([one], ["credit"], relative_to=tmp_path) != first
    elsewhere = cache.digest([one], relative_to=tmp_path / "b")  # not below: keyed by its name
    assert elsewhere == cache.digest([tmp_path / "a" / "one.py"], relative_to=tmp_path / "elsewhere")


def test_pruning_keeps_only_the_current_entry_of_that_name(tmp_path):
    entries = cache.Entries(tmp_path)
    for name, key in (("fig", "old"), ("fig", "new"), ("other", "old")):
        folder = entries.entry(name, key)
        folder.mkdir(parents=True)
        (folder / "file.svg").write_text(key)
    entries.prune("fig", "new")
    assert sorted(p.name for p in (tmp_path / "fig").iterdir()) == ["new"]
    assert (tmp_path / "other" / "old" / "file.svg").read_text() == "old", "another name is left alone"
    entries.prune("never-made", "any")  # nothing to prune is no error


def test_a_write_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "deep" / "file.txt"
    cache.write_atomic(target, "text")
    cache.write_atomic(tmp_path / "bytes.bin", b"\x00\x01")
    assert target.read_text() == "text" and (tmp_path / "bytes.bin").read_bytes() == b"\x00\x01"

    def half_then_crash(partial):
        partial.write_text("half")
        raise RuntimeError("the writer crashed")

    with pytest.raises(RuntimeError):
        cache.write_atomic(target, half_then_crash)
    assert target.read_text() == "text", "the complete file stays"
    with pytest.raises(RuntimeError):
        cache.write_atomic(tmp_path / "new.txt", half_then_crash)
    assert not (tmp_path / "new.txt").exists()
    assert not list(tmp_path.rglob("*.partial")), "no half-written file is left behind"


def test_a_store_keeps_what_a_complete_build_used_and_everything_after_a_partial_one(tmp_path):
    path = tmp_path / "store.json"
    store = cache.JsonStore(path)
    made = []
    for key in ("a", "b"):
        assert store.get(key, lambda key=key: made.append(key) or key.upper()) == key.upper()
    store.save()
    again = cache.JsonStore(path)
    assert again.get("a", lambda: pytest.fail("made again although stored")) == "A"
    again.save(prune=False)  # a partial build (a --dirty rebuild, a failed one) keeps the rest
    assert json.loads(path.read_text()) == {"a": "A", "b": "B"}
    again.save(prune=True)  # a complete build drops what it did not use
    assert json.loads(path.read_text()) == {"a": "A"}
    assert made == ["a", "b"]
    path.write_text(path.read_text() + " ")  # marks the file: a save that writes it takes the mark off
    same = cache.JsonStore(path)
    same.get("a", lambda: pytest.fail("stored"))
    same.save()  # a no-op build: every key it read used, none added, so the file is not written
    assert path.read_text().endswith(" ")
    same.get("c", lambda: "C")
    same.save()
    assert json.loads(path.read_text()) == {"a": "A", "c": "C"} and not path.read_text().endswith(" ")
