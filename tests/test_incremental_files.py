"""The incremental layer's file memo: an entry stands while every file it read is unchanged."""

from __future__ import annotations

from pathlib import Path

from generator.incremental.files import FileCache


def test_an_entry_stands_until_a_file_it_read_is_saved(tmp_path: Path) -> None:
    person, seed = tmp_path / "person.yaml", tmp_path / "seed.txt"
    person.write_text("id: a\n", "utf-8")
    seed.write_text("text\n", "utf-8")
    cache = FileCache()
    value = object()
    cache.put(str(person), [str(seed)], value, [])
    entry = cache.get(str(person))
    assert entry is not None and entry.value is value
    seed.write_text("other text\n", "utf-8")  # a file the entry read, saved
    assert cache.get(str(person)) is None


def test_told_what_changed_it_looks_at_no_other_file(tmp_path: Path) -> None:
    """The preview's watcher names the saved files: an entry that read none of them is taken
    as it is, without a stat; one that read a named file is read again."""
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    for path in (one, two):
        path.write_text("id: x\n", "utf-8")
    cache = FileCache()
    cache.put(str(one), [], "one", [])
    cache.put(str(two), [], "two", [])
    two.write_text("id: y\n", "utf-8")
    cache.changed = frozenset({str(one)})
    assert cache.get(str(one)) is None
    found = cache.get(str(two))
    assert found is not None and found.value == "two", "not named: taken without a look"
    cache.changed = None
    assert cache.get(str(two)) is None, "looked at: it changed"
