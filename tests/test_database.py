"""The incremental layer: an answer is worked out again exactly when something it read changed."""

from __future__ import annotations

from typing import Any

import pytest

from generator.incremental import MISSING, Database


def make(log: list[str]) -> Database:
    """people: {id: name}; 'names' joins them all, 'greeting' reads one name."""

    def names(db: Database, _: None) -> str:
        log.append("names")
        every: dict[str, str] = db.input("model", "people")
        return ", ".join(sorted(every.values()))

    def greeting(db: Database, pid: str) -> str:
        log.append(f"greeting {pid}")
        name = db.input("person", pid)
        return "nobody" if name is MISSING else f"hello {name}"

    def shout(db: Database, pid: str) -> str:
        log.append(f"shout {pid}")
        return str(db.get("greeting", pid)).upper()

    return Database({"names": names, "greeting": greeting, "shout": shout})


def inputs(db: Database, people: dict[str, str]) -> None:
    db.set_inputs(model={"people": people}, person=people)


def test_an_answer_is_kept_while_what_it_read_is_unchanged() -> None:
    log: list[str] = []
    db = make(log)
    inputs(db, {"a": "Avi", "b": "Ben"})
    assert db.get("shout", "a") == "HELLO AVI"
    inputs(db, {"a": "Avi", "b": "Bea"})  # another person changed
    assert db.get("shout", "a") == "HELLO AVI"
    assert log == ["shout a", "greeting a"]


def test_an_answer_is_worked_out_again_when_what_it_read_changed() -> None:
    log: list[str] = []
    db = make(log)
    inputs(db, {"a": "Avi"})
    db.get("shout", "a")
    inputs(db, {"a": "Ada"})
    assert db.get("shout", "a") == "HELLO ADA"
    assert log == ["shout a", "greeting a", "greeting a", "shout a"]


def test_an_equal_new_answer_stops_the_work_there() -> None:
    """Early cut-off: what read an answer that came out equal is not run again."""
    log: list[str] = []
    db = make(log)

    def initial(db: Database, pid: str) -> str:
        log.append("initial")
        return str(db.get("greeting", pid))[6:7]

    def framed(db: Database, pid: str) -> str:
        log.append("framed")
        return f"[{db.get('initial', pid)}]"

    db.define("initial", initial)
    db.define("framed", framed)
    inputs(db, {"a": "Avi"})
    assert db.get("framed", "a") == "[A]"
    inputs(db, {"a": "Ava"})  # the greeting changes, its initial does not
    assert db.get("framed", "a") == "[A]"
    assert log == ["framed", "initial", "greeting a", "greeting a", "initial"]


def test_a_key_that_appears_is_seen() -> None:
    log: list[str] = []
    db = make(log)
    inputs(db, {})
    assert db.get("greeting", "z") == "nobody"
    inputs(db, {"z": "Zoe"})
    assert db.get("greeting", "z") == "hello Zoe"


def test_a_whole_collection_read_follows_any_change() -> None:
    log: list[str] = []
    db = make(log)
    inputs(db, {"a": "Avi"})
    assert db.get("names") == "Avi"
    inputs(db, {"a": "Avi", "b": "Ben"})
    assert db.get("names") == "Avi, Ben"


def test_each_answer_is_checked_once_per_revision() -> None:
    log: list[str] = []
    db = make(log)
    inputs(db, {"a": "Avi"})
    for _ in range(3):
        db.get("shout", "a")
    assert db.ran == {"shout": 1, "greeting": 1}


def test_a_query_that_fails_leaves_nothing_behind() -> None:
    calls: list[int] = []

    def flaky(db: Database, _: None) -> Any:
        calls.append(1)
        if db.input("model", "fail"):
            raise ValueError("no")
        return "fine"

    db = Database({"flaky": flaky})
    db.set_inputs(model={"fail": True})
    with pytest.raises(ValueError):
        db.get("flaky")
    db.set_inputs(model={"fail": False})
    assert db.get("flaky") == "fine"


def test_what_an_answer_read_is_listed() -> None:
    db = make([])
    inputs(db, {"a": "Avi"})
    db.get("shout", "a")
    assert list(db.reads("shout", "a")) == [("greeting", "a")]
    assert list(db.reads("greeting", "a")) == [("person", "a")]


def test_known_and_computed_answers() -> None:
    log: list[str] = []
    db = make(log)
    inputs(db, {"a": "Avi"})
    db.know("greeting", "a", "told")
    assert db.get("shout", "a") == "TOLD"
    assert db.compute("greeting", "a") == "hello Avi"
    assert db.get("greeting", "a") == "told", "compute keeps nothing"


def test_a_change_marks_only_the_answers_that_read_it() -> None:
    """What read nothing that changed is taken without a look at its reads."""
    log: list[str] = []
    db = make(log)
    inputs(db, {"a": "Avi", "b": "Ben"})
    db.get("shout", "a")
    db.get("shout", "b")
    checked: list[object] = []
    still = db._still

    def spying(memo: object) -> bool:
        checked.append(memo)
        return still(memo)  # type: ignore[arg-type]

    db._still = spying  # type: ignore[method-assign]
    inputs(db, {"a": "Avi", "b": "Bea"})
    assert db.get("shout", "a") == "HELLO AVI"
    assert checked == [], "nothing Avi's answers read changed"
    assert db.get("shout", "b") == "HELLO BEA"
    assert len(checked) == 2, "Ben's shout and the greeting it read: both read his name"


def test_marked_names_the_answers_a_change_may_have_changed_and_only_those() -> None:
    db = make([])
    inputs(db, {"a": "Avi", "b": "Ben", "c": "Cy"})
    for pid in "abc":
        db.get("shout", pid)
    inputs(db, {"a": "Avi", "b": "Bea", "c": "Cy"})
    assert db.marked("greeting") == ["b"]
    assert db.marked("shout") == ["b"]
    assert db.marked("names") == []  # never asked: nothing of it to mark
    inputs(db, {"a": "Avi", "b": "Bea", "c": "Cy"})
    assert db.marked("greeting") == [], "each set_inputs says what it changed, not before"
