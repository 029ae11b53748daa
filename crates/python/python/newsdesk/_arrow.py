"""Whole archives as pyarrow record batches, built in Rust (``read_warc_arrow``)."""

from typing import Any, Iterator

from ._native import read_warc_arrow


def read_warc_batches(path: Any, batch_rows: int = 1024, max_batch_bytes: int = 32 << 20,
                      html_only: bool = True) -> Iterator[Any]:
    """The articles of a WARC/WARC.gz file as ``pyarrow.RecordBatch``es in the export
    schema (``newsdesk.arrow_schema()``), up to ``batch_rows`` rows each.

    Reading, extraction, analysis and the Arrow encoding all run in Rust with the GIL
    released; Python only wraps each batch's buffers (no copy, no per-row work).
    Pages that are not articles are skipped; a broken stream raises ``NewsdeskError``."""
    import pyarrow as pa

    for stream in read_warc_arrow(path, batch_rows, max_batch_bytes, html_only):
        yield from pa.ipc.open_stream(pa.py_buffer(stream))


def read_warc_table(path: Any, **options: Any) -> Any:
    """All the articles of a WARC/WARC.gz file as one ``pyarrow.Table`` (export schema).
    Holds the whole archive's articles in memory: prefer ``read_warc_batches`` for big ones."""
    import pyarrow as pa

    from ._schema import arrow_schema

    return pa.Table.from_batches(list(read_warc_batches(path, **options)), schema=arrow_schema())
