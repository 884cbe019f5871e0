"""Coverage and acknowledgements: sources nobody cites, every sentence cited or declared not used,
and the acknowledgements that drop findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator

from generator.checking import Evidence, ledger
from generator.checking.quotes import Span
from generator.editorial.findings import Finding
from generator.errors import Diagnostic
from generator.model import Acknowledgement, Project


def source_coverage(project: Project, cited: Collection[str]) -> Iterator[Finding]:
    """Report sources cited nowhere (not in ``cited``), without a URL or an archive copy of
    it, or with an inferred date."""
    for sid, source in sorted(project.sources.items()):
        owners = (f"sources/{sid}",)
        path, line = source.where.path, source.where.line
        if sid not in cited:
            yield Finding(
                "unused-source",
                sid,
                owners,
                Diagnostic(
                    path,
                    line,
                    f"source '{sid}' is not cited anywhere",
                    "cite it from a fact or an event, or remove it",
                    "warning",
                ),
            )
        if source.url is None:
            yield Finding(
                "no-url",
                sid,
                owners,
                Diagnostic(
                    path,
                    line,
                    f"source '{sid}' has no URL: readers cannot open the original",
                    "add `url:` if it can be found, or acknowledge why it cannot",
                    "warning",
                ),
            )
        if source.url is not None and source.archived is None:
            yield Finding(
                "no-archive",
                sid,
                owners,
                Diagnostic(
                    path,
                    line,
                    f"source '{sid}' has a URL but no archive copy: the article may change or go",
                    "add `archived:` with an archive copy's address, or acknowledge why not",
                    "warning",
                ),
            )
        if source.published.basis == "inferred":
            yield Finding(
                "inferred-date",
                sid,
                owners,
                Diagnostic(
                    path,
                    source.published.line or line,
                    f"source '{sid}' has an inferred date ({source.published.date.label()}):"
                    " dates counted from it are uncertain",
                    "find the stated date, or acknowledge the inference",
                    "warning",
                ),
            )


def coverage(
    project: Project, evidence: Evidence, texts: dict[str, str], diagnostics: list[Diagnostic]
) -> Iterator[Finding]:
    """The coverage ledger (:mod:`generator.checking.ledger`) of every source: a finding for each
    sentence neither cited nor declared not used; warnings (appended to ``diagnostics``,
    not acknowledgeable) for each ``not_used`` entry that excuses nothing or what is cited.

    ``texts`` are the sources' visible texts (hidden passages blanked).
    """
    cited: dict[str, list[Span]] = defaultdict(list)
    for (sid, _), span in evidence.spans.items():
        cited[sid].append(span)
    for sid, source in sorted(project.sources.items()):
        found = ledger.ledger(source, texts[sid], cited.get(sid, []), evidence.unused.get(sid, ()))
        for item in found:
            if isinstance(item, ledger.Uncovered):
                yield Finding("uncovered", sid, (f"sources/{sid}",), item.diagnostic)
            else:
                diagnostics.append(item)


# Acknowledgements ----------------------------------------------------------


def acknowledge(
    project: Project, findings: Iterable[Finding], not_run: Iterable[str] = ()
) -> Iterator[Diagnostic]:
    """Drop the findings the content acknowledges; report acknowledgements that match none.

    Acknowledgements of the checks in ``not_run`` are not reported as unused.

    An acknowledgement in site.yaml applies to every finding; one in a
    person's or a source's file applies to the findings about that person or
    source. Its ``subject`` (compared without case) narrows it to one finding.
    """
    scopes: dict[str, tuple[Acknowledgement, ...]] = {"site": project.site.acknowledged}
    scopes.update({f"people/{pid}": p.acknowledged for pid, p in project.people.items()})
    scopes.update({f"sources/{sid}": s.acknowledged for sid, s in project.sources.items()})
    used: set[Acknowledgement] = set()
    for finding in findings:
        ack = next(
            (
                a
                for scope in ("site", *finding.owners)
                for a in scopes.get(scope, ())
                if a.check == finding.check
                and (not a.subject or a.subject.casefold() == finding.subject.casefold())
            ),
            None,
        )
        if ack is None:
            yield finding.diagnostic
        else:
            used.add(ack)
    skipped = set(not_run)
    for acks in scopes.values():
        for a in acks:
            if a not in used and a.check not in skipped:
                subject = f" '{a.subject}'" if a.subject else ""
                yield Diagnostic(
                    a.where.path,
                    a.where.line,
                    f"acknowledged {a.check}{subject} matches no finding",
                    "remove it: what it excused is gone (or check the subject's spelling)",
                    "warning",
                )
