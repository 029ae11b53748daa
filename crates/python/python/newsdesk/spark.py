"""Extract and analyse WARC archives with PySpark, writing Parquet.

    python -m newsdesk.spark WARC_OR_DIR... --output DIR [--master local[2]]
    spark-submit --master yarn -m newsdesk.spark ...   (see crates/python/README.md)

One Spark task per WARC file: the list of paths is parallelized with one partition per
path, and each task streams its archive through ``newsdesk.read_warc(analyze=True)``
(Rust, constant memory). The output is Parquet in the export schema
(``newsdesk.SCHEMA``), the same as ``newsdesk export parquet`` and ``newsdesk.ray``.
Paths can be local files or any URI pyarrow/fsspec reads (s3://, gs://, hdfs://…);
``DIR`` is written by Spark, so it can be any URI Spark writes.

The job keeps itself offline and quiet: SPARK_LOCAL_IP=127.0.0.1 (unless set), no web UI,
log level WARN.
"""

import argparse
import os
import sys
import time
from typing import Any, Iterable, Iterator, List, Optional, Tuple

from ._paths import expand, local_copy
from ._schema import SCHEMA


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


def _converter(t: Any):
    """A function turning a row value of type ``t`` (dicts, lists) into Spark's tuples."""
    if isinstance(t, str):
        return lambda v: v
    kind, inner = t
    if kind == "list":
        item = _converter(inner)
        return lambda v: None if v is None else [item(x) for x in v]
    names = [n for n, _ in inner]
    convs = [_converter(s) for _, s in inner]
    return lambda v: None if v is None else tuple(c(v.get(n)) for n, c in zip(names, convs))


_ROW = _converter(("struct", SCHEMA))


def analyze_paths(paths: Iterable[str]) -> Iterator[Tuple]:
    """Rows (tuples in ``SCHEMA`` order) of every article in the WARC files ``paths``.
    This is the body of each Spark task."""
    import newsdesk

    for path in paths:
        with local_copy(path) as local:
            for row in newsdesk.read_warc(local, analyze=True):
                yield _ROW(row)


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
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def run(paths: List[str], output: str, spark: Any = None, master: Optional[str] = "local[2]",
        mode: str = "errorifexists") -> int:
    """Analyse the WARC files ``paths`` (folders are walked) into Parquet under ``output``.
    Returns the number of articles written."""
    files = expand(paths)
    if not files:
        raise ValueError("no WARC files given (.warc / .warc.gz)")
    own = spark is None
    if own:
        spark = session(master)
    try:
        sc = spark.sparkContext
        rdd = sc.parallelize(files, numSlices=len(files)).mapPartitions(analyze_paths)
        df = spark.createDataFrame(rdd, schema=spark_schema(), verifySchema=False)
        df.write.mode(mode).parquet(output)
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
    args = parser.parse_args(argv)
    master = args.master
    if master is None and "spark.master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", "") \
            and not os.environ.get("SPARK_ENV_LOADED"):
        master = "local[2]"
    files = expand(args.paths)
    start = time.perf_counter()
    spark = session(master)
    started = time.perf_counter()
    try:
        n = run(files, args.output, spark=spark, mode="overwrite" if args.overwrite else "errorifexists")
    finally:
        done = time.perf_counter()
        spark.stop()
    # One machine-readable line (read by `newsdesk bench scaleout`).
    print(f"newsdesk.spark: articles={n} files={len(files)} session_s={started - start:.2f} "
          f"job_s={done - started:.2f} rate={n / (done - started):.1f}/s output={args.output}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
