"""The one incremental layer: memoised stage functions that record what they read
(see :mod:`generator.incremental.database`)."""

from generator.incremental.database import MISSING, Database, Query

__all__ = ["MISSING", "Database", "Query"]
