"""The data exports under site/data/: valid against schemas/, every citation resolves."""

from __future__ import annotations

import copy
import csv
import json
import re
from pathlib import Path

import pytest
from conftest import REPO

jsonschema = pytest.importorskip("jsonschema")

KINDS = ("people", "events", "sources")


def _load(site: Path, kind: str) -> dict:
    return json.loads((site / "data" / f"{kind}.json").read_text("utf-8"))


def _validator(kind: str):  # type: ignore[no-untyped-def]
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _citations(value: object):  # type: ignore[no-untyped-def]
    """Yield every citation record anywhere in ``value``."""
    if isinstance(value, dict):
        if set(value) == {"source", "quote", "url"}:
            yield value
        for item in value.values():
            yield from _citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from _citations(item)


@pytest.mark.parametrize("kind", KINDS)
def test_exports_validate_against_their_schema(real_site: Path, kind: str) -> None:
    data = _load(real_site, kind)
    errors = [e.message for e in _validator(kind).iter_errors(data)]
    assert errors == []
    assert len(data[kind]) >= 5


def test_the_schema_rejects_a_record_without_citations(real_site: Path) -> None:
    data = copy.deepcopy(_load(real_site, "events"))
    data["events"][0]["citations"] = []
    del data["events"][1]["kind"]
    assert len(list(_validator("events").iter_errors(data))) == 2


def test_every_citation_resolves_to_a_marked_passage_of_a_source(real_site: Path) -> None:
    sources = {s["id"]: s for s in _load(real_site, "sources")["sources"]}
    cited = [c for kind in ("people", "events") for c in _citations(_load(real_site, kind))]
    assert len(cited) > 50
    passages = {p["url"] for s in sources.values() for p in s["passages"]}
    for c in cited:
        assert c["source"] in sources, c
        assert c["url"] in passages, c
        path, anchor = c["url"].split("#")
        assert path == f"/sources/{c['source']}/"
        page = (real_site / path.strip("/") / "index.html").read_text("utf-8")
        assert f'id="{anchor}"' in page, c
    # Every passage listed under a source is cited by some record.
    assert passages == {c["url"] for c in cited}


def test_records_refer_to_each_other_by_id(real_site: Path) -> None:
    people = {p["id"]: p for p in _load(real_site, "people")["people"]}
    events = {e["id"]: e for e in _load(real_site, "events")["events"]}
    for event in events.values():
        assert set(event["people"]) <= set(people)
        for pid in event["people"]:
            assert event["id"] in people[pid]["events"]
    for person in people.values():
        assert {r["person"] for r in person["relations"]} <= set(people)
    trufanov = people["alexander-trufanov"]
    # Announced for the newest source's date line; no source says whether it took place.
    assert trufanov["captivity"]["status"] == "announced"
    assert trufanov["captivity"]["held_as_of"] == "2025-02-14"
    assert people["maxim-herkin"]["captivity"]["status"] == "held"
    assert "Alexander Troufanov" in {s["text"] for s in trufanov["spellings"]}


def test_csv_files_hold_one_row_per_record(real_site: Path) -> None:
    for kind, key in (("people", "days_held"), ("events", "kind")):
        raw = (real_site / "data" / f"{kind}.csv").read_bytes()
        assert raw.endswith(b"\r\n")
        rows = list(csv.DictReader(raw.decode("utf-8").splitlines()))
        records = _load(real_site, kind)[kind]
        assert [r["id"] for r in rows] == [r["id"] for r in records]
        assert key in rows[0]
        for row in rows:
            urls = row["citation_urls"].split(" | ")
            assert all(re.fullmatch(r"/sources/[\w-]+/#q-[0-9a-f]{10}", u) for u in urls), row
    people = {
        r["id"]: r
        for r in csv.DictReader((real_site / "data/people.csv").read_text("utf-8").splitlines())
    }
    assert "Trupanov" in people["alexander-trufanov"]["spellings"]
    assert people["maxim-herkin"]["status"] == "held"


def test_the_about_page_states_whose_the_excerpts_are(real_site: Path) -> None:
    about = (real_site / "about" / "index.html").read_text("utf-8")
    assert "copyright" in about
    assert 'href="/data/people.json"' in about


def test_csv_cells_cannot_start_a_formula() -> None:
    from generator.planning.exports import csv_text

    rows = [['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "plain", "", "a=b"]]
    (cells,) = list(csv.reader(csv_text(rows).splitlines()))
    assert cells == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "plain",
        "",
        "a=b",
    ]


def test_a_record_list_made_as_it_is_written_is_laid_out_as_a_list_would_be() -> None:
    """The exporter hands json_text iterators, so that no large site's records are held whole:
    one record per line, and an empty list as []."""
    from generator.planning.exports import json_text

    records = [{"id": "a", "text": "<b>"}, {"id": "b"}]
    text = json_text({"title": "T", "people": iter(records), "events": iter([])})
    assert text.splitlines() == [
        "{",
        '  "title": "T",',
        '  "people": [',
        '    {"id": "a", "text": "\\u003cb\\u003e"},',
        '    {"id": "b"}',
        "  ],",
        '  "events": []',
        "}",
    ]
    assert json.loads(text) == {"title": "T", "people": records, "events": []}
