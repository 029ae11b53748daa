"""Extract and analyse WARC archives with Ray, writing Parquet.

    python -m newsdesk.ray WARC_OR_DIR... --output DIR [--num-cpus 2] [--address auto]

One Ray task per WARC file: each streams its archive through
``newsdesk.read_warc_batches`` (reading, extraction, analysis and Arrow encoding in
Rust; memory near one batch) and writes the record batches, untouched, to its own
``part-NNNNN.parquet`` (``newsdesk._parts``) in the export schema (``newsdesk.SCHEMA``), the same as
``newsdesk export parquet`` and ``newsdesk.spark``. Inputs can be local files or any
URI pyarrow/fsspec reads; ``DIR`` can be local or any URI pyarrow's filesystems write.

Without ``--address`` the job starts a private local Ray instance, offline and quiet:
no dashboard, no usage stats (RAY_USAGE_STATS_ENABLED=0), logs not sent to the driver.
"""

import argparse
import os
import sys
import tempfile
import time
from typing import List, Optional

from ._parts import mark_done, prepare, write_part
from ._paths import expand


def convert(path: str, output: str, index: int) -> int:
    """Analyse one WARC file into ``output/part-{index:05d}.parquet``; return the row count.
    This is the body of each Ray task (usable on its own too)."""
    return write_part(path, output, index)


def init(address: Optional[str] = None, num_cpus: Optional[int] = 2) -> None:
    """Start (or join, with ``address``) Ray with no dashboard and no usage stats."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_DISABLE_DOCKER_CPU_WARNING", "1")
    import ray

    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False,
                 configure_logging=False, _node_ip_address="127.0.0.1")


def run(paths: List[str], output: str, address: Optional[str] = None,
        num_cpus: Optional[int] = 2, overwrite: bool = False) -> int:
    """Analyse the WARC files ``paths`` (folders are walked) into Parquet under ``output``.
    Returns the number of articles written."""
    import ray

    files = expand(paths)
    if not files:
        raise ValueError("no WARC files given (.warc / .warc.gz)")
    prepare(output, overwrite)
    init(address, num_cpus)
    task = ray.remote(num_cpus=1)(convert)
    counts = ray.get([task.remote(p, output, i) for i, p in enumerate(files)])
    mark_done(output)
    return int(sum(counts))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdesk.ray", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", metavar="WARC", help="WARC/WARC.gz files, folders or URIs")
    parser.add_argument("--output", "-o", required=True, help="output folder (Parquet)")
    parser.add_argument("--address", default=None, help="join a Ray cluster (e.g. 'auto') instead of a local one")
    parser.add_argument("--num-cpus", type=int, default=2, help="CPUs of the local Ray instance (default 2)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing output")
    parser.add_argument("--warmup", action="store_true",
                        help="first run the job on a few of the files into a temporary local "
                             "folder (starts the workers), timed apart: for benchmarks")
    args = parser.parse_args(argv)
    files = expand(args.paths)
    start = time.perf_counter()
    init(args.address, args.num_cpus)
    ready = time.perf_counter()
    warmup = 0.0
    if args.warmup and files:
        import ray

        slots = max(1, int(ray.available_resources().get("CPU", 1)))
        with tempfile.TemporaryDirectory(prefix="newsdesk-warmup-") as tmp:
            run(files[:slots], os.path.join(tmp, "out"), address=args.address, num_cpus=args.num_cpus)
        warmup = time.perf_counter() - ready
    started = time.perf_counter()
    n = run(files, args.output, address=args.address, num_cpus=args.num_cpus, overwrite=args.overwrite)
    done = time.perf_counter()
    # One machine-readable line (read by `newsdesk bench scaleout`).
    print(f"newsdesk.ray: articles={n} files={len(files)} session_s={ready - start:.2f} "
          f"warmup_s={warmup:.2f} job_s={done - started:.2f} rate={n / (done - started):.1f}/s "
          f"output={args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
