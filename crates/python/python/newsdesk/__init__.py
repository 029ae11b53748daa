"""newsdesk from Python: clean articles, quotes and speakers, WARC archives.

The work is done in Rust (``newsdesk._native``) with the GIL released, so threads run
in parallel. Results are plain dicts with the same fields and values as the
``newsdesk extract`` / ``newsdesk analyze`` JSON output.

>>> import newsdesk
>>> a = newsdesk.analyze("Mayor Ana Lima said the bridge would reopen.", body_only=True)
>>> a["quotes"][0]["speaker"]["name"]
'Ana Lima'

Whole archives cross as Arrow instead: ``newsdesk.read_warc_batches(path)`` yields
``pyarrow.RecordBatch``es of the Parquet export schema built in Rust, with no per-row
Python work (what the Spark and Ray jobs use).

Jobs shipped with the package (Parquet out, schema ``newsdesk.SCHEMA``):
``python -m newsdesk.spark WARC... --output DIR`` and ``python -m newsdesk.ray WARC... --output DIR``.
"""

from ._native import (  # noqa: F401
    NewsdeskError,
    WarcRecords,
    __version__,
    analyze,
    extract,
    WarcArrowBatches,
    read_warc,
    read_warc_arrow,
    write_warc,
)
from ._arrow import read_warc_batches, read_warc_table  # noqa: F401
from ._schema import COLUMNS, SCHEMA, arrow_schema  # noqa: F401

__all__ = [
    "NewsdeskError",
    "WarcRecords",
    "analyze",
    "extract",
    "read_warc",
    "read_warc_arrow",
    "read_warc_batches",
    "read_warc_table",
    "WarcArrowBatches",
    "write_warc",
    "SCHEMA",
    "COLUMNS",
    "arrow_schema",
    "__version__",
]
