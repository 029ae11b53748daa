"""Parquet part files written by the job tasks themselves (Ray, and Spark's default
``tasks`` writer): one ``part-NNNNN.parquet`` per WARC file, in the export schema.

A task writes its part under a name fixed by the input's index, so a retried task
replaces its own part instead of adding a second one; on a local disk the part is
written to a hidden temporary name and renamed into place, so a reader never sees half
a file. ``_SUCCESS`` is written last, once every task has finished, as Spark does.
"""

import os
from typing import Any, Tuple

BATCH_ROWS = 1024


def output_fs(output: str) -> Tuple[Any, str]:
    """pyarrow's filesystem for ``output`` and the folder's path on it. Raises
    ``pyarrow.ArrowInvalid`` (a ``ValueError``) for a scheme pyarrow cannot write."""
    from pyarrow import fs

    if "://" in output and not output.startswith("file://"):
        return fs.FileSystem.from_uri(output)
    path = output[len("file://"):] if output.startswith("file://") else output
    return fs.LocalFileSystem(), os.path.abspath(path)


def writable(output: str) -> bool:
    """Whether pyarrow's filesystems can write ``output`` (local, s3://, gs://, hdfs://…)."""
    try:
        output_fs(output)
        return True
    except Exception:
        return False


def prepare(output: str, overwrite: bool) -> None:
    """Create the output folder; an existing one is an error unless ``overwrite``, which
    empties it first."""
    from pyarrow import fs

    filesystem, out_dir = output_fs(output)
    if filesystem.get_file_info(out_dir).type != fs.FileType.NotFound:
        if not overwrite:
            raise FileExistsError(f"{output}: already exists (use --overwrite)")
        filesystem.delete_dir_contents(out_dir)
    filesystem.create_dir(out_dir, recursive=True)


def write_part(path: str, output: str, index: int, batch_rows: int = BATCH_ROWS) -> int:
    """Analyse the WARC file ``path`` into ``output/part-{index:05d}.parquet`` and return
    its row count: the body of each job task (usable on its own too)."""
    import pyarrow.parquet as pq
    from pyarrow import fs

    import newsdesk

    from ._paths import local_copy

    schema = newsdesk.arrow_schema()
    filesystem, out_dir = output_fs(output)
    name = f"part-{index:05d}.parquet"
    target = f"{out_dir.rstrip('/')}/{name}"
    local_fs = isinstance(filesystem, fs.LocalFileSystem)
    # Remote object stores publish an object only when its upload completes.
    staging = f"{out_dir.rstrip('/')}/.{name}.{os.getpid()}.tmp" if local_fs else target
    rows = 0
    try:
        with local_copy(path) as local:
            with filesystem.open_output_stream(staging) as sink, \
                    pq.ParquetWriter(sink, schema, compression="snappy") as writer:
                # Batches built in Rust (export schema): no row is touched in Python.
                for batch in newsdesk.read_warc_batches(local, batch_rows=batch_rows):
                    writer.write_batch(batch)
                    rows += batch.num_rows
        if staging != target:
            filesystem.move(staging, target)
    except BaseException:
        if staging != target:
            try:
                filesystem.delete_file(staging)
            except Exception:
                pass
        raise
    return rows


def mark_done(output: str) -> None:
    """Write the empty ``_SUCCESS`` marker that says every part is complete."""
    filesystem, out_dir = output_fs(output)
    with filesystem.open_output_stream(f"{out_dir.rstrip('/')}/_SUCCESS"):
        pass
