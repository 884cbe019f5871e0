"""`explainer cite` prints a citation that the build accepts, or the closest passages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, run

from generator.checking.quotes import SourceText


def _cite(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run("cite", *args)
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_passage_as_the_seed_prints_it(capsys) -> None:
    # Straight quotes and a hyphen in the words; curly quotes in the seed.
    code, out, _ = _cite(
        capsys, "gazette", 'the family is "waiting for any sign"', "--project", FIXTURE
    )
    assert code == 0
    assert out.startswith("# seeds/gazette.txt:6\n")
    (entry,) = yaml.safe_load(out)
    assert entry == {"source": "gazette", "quote": "the family is \u201cwaiting for any sign\u201d"}


def test_a_quote_holding_straight_quotes_reads_back(fixture_site: Path, capsys) -> None:
    seed = fixture_site / "seeds" / "herald.txt"
    seed.write_text(seed.read_text() + 'He said: "We wait" \\ and #hope.\n', encoding="utf-8")
    code, out, _ = _cite(capsys, "herald", "said: \u201cWe wait", "--project", fixture_site)
    assert code == 0
    (entry,) = yaml.safe_load(out)
    assert entry["quote"] == 'said: "We wait'
    assert SourceText(seed.read_text()).find_all(entry["quote"])
    code, out, _ = _cite(capsys, "herald", '"We wait" \\ and #hope.', "--project", fixture_site)
    assert yaml.safe_load(out)[0]["quote"] == '"We wait" \\ and #hope.'


def test_several_places_are_listed_with_their_lines(capsys) -> None:
    code, out, _ = _cite(capsys, "gazette", "Dana Example", "--project", FIXTURE)
    assert code == 0
    assert yaml.safe_load(out) == [{"source": "gazette", "quote": "Dana Example"}]
    assert "stand 2 times" in out and "the build cites the first one" in out
    assert "#   seeds/gazette.txt:5: " in out
    assert "#   seeds/gazette.txt:7: The council said Dana Example would be released" in out


def test_words_not_found_give_the_closest_passages(capsys) -> None:
    code, out, err = _cite(capsys, "gazette", "dana example was abducted", "--project", FIXTURE)
    assert code == 1
    entries = yaml.safe_load(out)
    assert 1 <= len(entries) <= 3
    assert entries[0] == {"source": "gazette", "quote": "Dana Example, 34, was abducted"}
    assert "# seeds/gazette.txt:5 (" in out
    assert "not in seeds/gazette.txt as given" in err


def test_a_hidden_passage_cannot_be_cited(capsys) -> None:
    code, out, err = _cite(capsys, "gazette", "subscribe today", "--project", FIXTURE)
    assert (code, out) == (1, "")
    assert "hides as clutter (seeds/gazette.txt:3)" in err
    assert "cannot be cited" in err


def test_an_unknown_source_is_a_usage_error(capsys) -> None:
    code, _, err = _cite(capsys, "gazete", "Dana", "--project", FIXTURE)
    assert code == 2
    assert "no source 'gazete'" in err and "did you mean 'gazette'" in err
