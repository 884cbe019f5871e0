"""Plan the site: one typed view per page (:mod:`generator.views`), each page the answer
of a query of the incremental layer (:mod:`generator.incremental`), which records what
it reads (:mod:`generator.planning.planner`)."""

from generator.planning.planner import Planner

__all__ = ["Planner"]
