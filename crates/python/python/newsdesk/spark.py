"""Extract and analyse WARC archives with PySpark, writing Parquet.

    python -m newsdesk.spark WARC_OR_DIR... --output DIR [--master local[2]]
    spark-submit --master yarn -m newsdesk.spark ...   (see crates/python/README.md)

One Spark task per WARC file: ``spark.range(n)`` with one partition per file feeds
``mapInArrow``, whose Python function analyses its archive in Rust
(``newsdesk.read_warc_batches``: reading, extraction, analysis and Arrow encoding in
Rust, memory near one batch) and hands Spark Arrow record batches as they are, so no row
is pickled. The Parquet is in the export schema (``newsdesk.SCHEMA``), the same as
``newsdesk export parquet`` and ``newsdesk.ray``. Paths can be local files or any URI
pyarrow/fsspec reads (s3://, gs://, hdfs://…).

Two writers (``--writer``):

- ``tasks`` (the default wherever pyarrow's filesystems write ``DIR``: local folders,
  s3://, gs://, hdfs://): each Spark task writes its own ``part-NNNNN.parquet`` with
  pyarrow straight from the Rust-built batches (``newsdesk._parts``, as the Ray job does)
  and returns only its row count; ``_SUCCESS`` is written when all tasks are done. Rows
  never enter the JVM, which is what costs Spark throughput on a small cluster.
- ``spark``: the batches go through ``mapInArrow`` into a DataFrame that Spark's own
  writer saves, so ``DIR`` can be any URI Spark writes (s3a://, abfss://…) under Spark's
  output committer. ``auto`` picks ``tasks`` when pyarrow can write ``DIR``, else ``spark``.

The job keeps itself offline and quiet: SPARK_LOCAL_IP=127.0.0.1 (unless set), no web UI,
no console progress bar; a local driver logs errors only (``newsdesk/log4j2.properties``),
a cluster driver WARN and above.
"""

import argparse
import os
import sys
import tempfile
import time
from typing import Any, Callable, Iterator, List, Optional

from ._parts import mark_done, prepare, writable, write_part
from ._paths import expand, local_copy
from ._schema import SCHEMA

WRITERS = ("auto", "tasks", "spark")


def spark_type(t: Any) -> Any:
    """A ``newsdesk.SCHEMA`` type as a Spark SQL type."""
    from pyspark.sql import types as T

    if t == "string":
        return T.StringType()
    if t == "int64":
        return T.LongType()
    kind, inner = t
    if kind == "list":
        return T.ArrayType(spark_type(inner), containsNull=True)
    if kind == "struct":
        return T.StructType([T.StructField(n, spark_type(s), True) for n, s in inner])
    raise ValueError(f"unknown schema type {t!r}")


def spark_schema() -> Any:
    """The export schema as a Spark ``StructType``."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(n, spark_type(t), True) for n, t in SCHEMA])


def analyze_files(files: List[str]) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The body of each Spark task, for ``DataFrame.mapInArrow``: the input batches hold
    indexes into ``files``; for each, the archive is analysed in Rust and its articles
    come back as Arrow record batches (``newsdesk.read_warc_batches``) that Spark takes
    as they are: no row is pickled or touched in Python."""

    def task(batches: Iterator[Any]) -> Iterator[Any]:
        import newsdesk

        for batch in batches:
            for index in batch.column(0).to_pylist():
                with local_copy(files[index]) as local:
                    yield from newsdesk.read_warc_batches(local)

    return task


def articles(spark: Any, paths: List[str]) -> Any:
    """A (lazy) DataFrame of the articles in the WARC files ``paths`` (folders are
    walked), in the export schema: one partition, so one Spark task, per file."""
    files = expand(paths)
    if not files:
        raise ValueError("no WARC files given (.warc / .warc.gz)")
    # spark.range splits [0, n) into n partitions of one id each, entirely in the JVM.
    ids = spark.range(0, len(files), 1, numPartitions=len(files))
    return ids.mapInArrow(analyze_files(files), spark_schema())


def session(master: Optional[str] = None, app_name: str = "newsdesk") -> Any:
    """A SparkSession set up to stay offline and quiet (no UI, loopback address)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", os.environ["SPARK_LOCAL_IP"])
        .config("spark.sql.parquet.compression.codec", "snappy")
    )
    if master:
        builder = builder.master(master)
    local = (master or "").startswith("local")
    if local:
        # A driver JVM this call starts: errors only (no banner, no WARN chatter).
        config = os.path.join(os.path.dirname(os.path.abspath(__file__)), "log4j2.properties")
        builder = builder.config("spark.driver.extraJavaOptions",
                                 f"-Dlog4j2.configurationFile=file:{config}")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR" if local else "WARN")
    return spark


def write_parts(spark: Any, files: List[str], output: str) -> int:
    """The ``tasks`` writer: one Spark task per file writes ``output/part-NNNNN.parquet``
    itself (``newsdesk._parts.write_part``); only row counts come back to the driver."""
    jobs = spark.sparkContext.parallelize(list(enumerate(files)), len(files))
    counts = jobs.map(lambda job: write_part(job[1], output, job[0])).collect()
    return int(sum(counts))


def run(paths: List[str], output: str, spark: Any = None, master: Optional[str] = "local[2]",
        mode: str = "errorifexists", writer: str = "auto") -> int:
    """Analyse the WARC files ``paths`` (folders are walked) into Parquet under ``output``
    with ``writer`` (``auto``, ``tasks`` or ``spark``: see the module's docs).
    Returns the number of articles written."""
    if writer not in WRITERS:
        raise ValueError(f"unknown writer {writer!r} (one of {', '.join(WRITERS)})")
    files = expand(paths)
    if not files:
        raise ValueError("no WARC files given (.warc / .warc.gz)")
    if writer == "auto":
        writer = "tasks" if writable(output) else "spark"
    own = spark is None
    if own:
        spark = session(master)
    try:
        if writer == "tasks":
            prepare(output, overwrite=(mode == "overwrite"))
            n = write_parts(spark, files, output)
            mark_done(output)
            return n
        articles(spark, files).write.mode(mode).parquet(output)
        # Counted from the Parquet footers only (no column is read).
        return spark.read.parquet(output).count()
    finally:
        if own:
            spark.stop()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdesk.spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", metavar="WARC", help="WARC/WARC.gz files, folders or URIs")
    parser.add_argument("--output", "-o", required=True, help="output folder (Parquet)")
    parser.add_argument("--master", default=None,
                        help="Spark master (default: local[2], or what spark-submit set)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing output")
    parser.add_argument("--writer", choices=WRITERS, default="auto",
                        help="who writes the Parquet: the tasks themselves with pyarrow, or "
                             "Spark's DataFrame writer (default auto: tasks when pyarrow can "
                             "write --output, else spark)")
    parser.add_argument("--warmup", action="store_true",
                        help="first run the job on a few of the files into a temporary local "
                             "folder (starts the Python workers, warms the JVM), timed apart: "
                             "for benchmarks")
    args = parser.parse_args(argv)
    master = args.master
    if master is None and "spark.master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", "") \
            and not os.environ.get("SPARK_ENV_LOADED"):
        master = "local[2]"
    files = expand(args.paths)
    writer = args.writer
    if writer == "auto":
        writer = "tasks" if writable(args.output) else "spark"
    start = time.perf_counter()
    spark = session(master)
    ready = time.perf_counter()
    try:
        warmup = 0.0
        if args.warmup and files:
            began = time.perf_counter()
            # As many files as run at once, so that every Python worker starts.
            slots = max(1, spark.sparkContext.defaultParallelism)
            with tempfile.TemporaryDirectory(prefix="newsdesk-warmup-") as tmp:
                run(files[:slots], os.path.join(tmp, "out"), spark=spark, writer=writer)
            warmup = time.perf_counter() - began
        started = time.perf_counter()
        n = run(files, args.output, spark=spark, mode="overwrite" if args.overwrite else "errorifexists",
                writer=writer)
        done = time.perf_counter()
    finally:
        spark.stop()
    # One machine-readable line (read by `newsdesk bench scaleout`).
    print(f"newsdesk.spark: articles={n} files={len(files)} session_s={ready - start:.2f} "
          f"warmup_s={warmup:.2f} job_s={done - started:.2f} rate={n / (done - started):.1f}/s "
          f"writer={writer} output={args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
