"""newsdesk from Python: clean articles, quotes and speakers, WARC archives.

The work is done in Rust (``newsdesk._native``) with the GIL released, so threads run
in parallel. Results are plain dicts with the same fields and values as the
``newsdesk extract`` / ``newsdesk analyze`` JSON output.

>>> import newsdesk
>>> a = newsdesk.analyze("Mayor Ana Lima said the bridge would reopen.", body_only=True)
>>> a["quotes"][0]["speaker"]["name"]
'Ana Lima'

Jobs shipped with the package (Parquet out, schema ``newsdesk.SCHEMA``):
``python -m newsdesk.spark WARC... --output DIR`` and ``python -m newsdesk.ray WARC... --output DIR``.
"""

from ._native import (  # noqa: F401
    NewsdeskError,
    WarcRecords,
    __version__,
    analyze,
    extract,
    read_warc,
    write_warc,
)
from ._schema import COLUMNS, SCHEMA, arrow_schema  # noqa: F401

__all__ = [
    "NewsdeskError",
    "WarcRecords",
    "analyze",
    "extract",
    "read_warc",
    "write_warc",
    "SCHEMA",
    "COLUMNS",
    "arrow_schema",
    "__version__",
]
