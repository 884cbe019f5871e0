import pickle
from dataclasses import dataclass, field, fields

import pytest

from generator.dates import PartialDate
from generator.errors import Diagnostic
from generator.model import Citation, Claim, Where
from generator.pickled import by_fields


def test_a_model_value_comes_back_equal_and_of_its_class() -> None:
    day = PartialDate(2023, 10, 7)
    claim = Claim(
        "She was taken on 7 October.",
        (Citation("source-a", "taken on 7 October", Where("people/a.yaml", 4)),),
        Where("people/a.yaml", 3),
        "captivity",
    )
    for value in (day, claim, Diagnostic("people/a.yaml", 3, "a message", "a hint")):
        back = pickle.loads(pickle.dumps(value))
        assert back == value
        assert type(back) is type(value)


def test_it_pickles_through_the_fields_not_dataclasses_state() -> None:
    # dataclasses' own way calls __setstate__; this one calls the class.
    day = PartialDate(2023, 10, None)
    values = tuple(getattr(day, f.name) for f in fields(day))
    assert day.__reduce__() == (PartialDate, values)


def test_one_field_and_no_field() -> None:
    @dataclass(frozen=True, slots=True)
    class One:
        value: int

    @dataclass(frozen=True, slots=True)
    class Empty:
        pass

    assert by_fields(One)(3).__reduce__() == (One, (3,))
    assert by_fields(Empty) is Empty


def test_a_field_init_does_not_set_is_refused() -> None:
    @dataclass(frozen=True)
    class Derived:
        value: int
        twice: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="__init__ does not set"):
        by_fields(Derived)
