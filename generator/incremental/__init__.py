"""The one incremental layer: memoised stage functions that record what they read
(:mod:`generator.incremental.database`), and the memo of what each case file loaded to
(:mod:`generator.incremental.files`), which the reading stage is handed."""

from generator.incremental.database import MISSING, Database, Query

__all__ = ["MISSING", "Database", "Query"]
