"""The planner's memo: what it keeps from one build to the next equals what it would work out."""

from __future__ import annotations

from dataclasses import dataclass

from generator.pages import Reuse


@dataclass(frozen=True)
class Item:
    name: str
    id: str


def by_name(item: Item) -> tuple[str, str]:
    return (item.name, item.id)


def sort_in_builds(*builds: tuple[Item, ...]) -> list[list[Item]]:
    """Sort each build's items with one Reuse, as the preview does save after save."""
    reuse, out = Reuse(), []
    for items in builds:
        reuse.next_build()
        out.append(reuse.sorted("items", items, by_name))
    return out


def test_sorted_is_sorted_after_every_kind_of_change() -> None:
    a, b, c = Item("Avi", "a"), Item("Ben", "b"), Item("Cal", "c")
    b_edited = Item("Ben", "b")  # another object: the same sort key
    b_renamed = Item("Zoe", "b")  # another object: another sort key
    builds = [
        (c, a, b),
        (c, a, b),  # unchanged
        (c, a, b_edited),  # replaced, sorting where it did
        (c, a, b_renamed),  # replaced, sorting elsewhere
        (c, b_renamed),  # removed
        (Item("Ada", "d"), c, b_renamed),  # added
    ]
    for items, got in zip(builds, sort_in_builds(*builds), strict=True):
        assert got == sorted(items, key=by_name)
        assert all(x is y for x, y in zip(got, sorted(items, key=by_name), strict=True))


def test_sorted_keeps_the_same_list_while_nothing_changed() -> None:
    a, b = Item("Avi", "a"), Item("Ben", "b")
    first, second = sort_in_builds((b, a), (b, a))
    assert second is first


def test_get_works_a_value_out_once_per_build_and_keeps_it_for_the_next() -> None:
    reuse, calls = Reuse(), []

    def work() -> str:
        calls.append(1)
        return "value"

    for _ in range(3):  # three builds, each asking three times
        reuse.next_build()
        assert [reuse.get("k", (1,), work) for _ in range(3)] == ["value"] * 3
    assert len(calls) == 1
    reuse.next_build()
    assert reuse.get("k", (2,), work) == "value"  # other inputs: worked out again
    assert len(calls) == 2
