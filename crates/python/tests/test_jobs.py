"""The Spark and Ray jobs turn WARC archives into Parquet in the export schema."""

import os
import subprocess
import sys
import shutil

import pytest

import newsdesk
from conftest import pages

pq = pytest.importorskip("pyarrow.parquet")

FILES = 4


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """FILES WARC.gz archives; archive i holds every fixture page under URLs of its own,
    plus a non-HTML record and a 404 that the jobs must skip."""
    root = tmp_path_factory.mktemp("warc")
    html = pages()
    for i in range(FILES):
        records = [{"url": f"https://news{i}.example/{name}", "body": body,
                    "date": f"2024-03-0{i + 1}T08:00:00Z"} for name, body in html]
        records.append({"url": f"https://news{i}.example/a.css", "body": b"body{}",
                        "content_type": "text/css"})
        records.append({"url": f"https://news{i}.example/gone", "body": b"<p>no</p>", "status": 404})
        newsdesk.write_warc(str(root / f"crawl-{i}.warc.gz"), records)
    return root, FILES * len(html)


def check_output(out, expected_rows):
    table = pq.read_table(str(out))
    assert table.schema.remove_metadata() == newsdesk.arrow_schema()
    rows = table.to_pylist()
    assert len(rows) == expected_rows
    assert len({r["url"] for r in rows}) == expected_rows
    harbour = [r for r in rows if r["url"].endswith("/harbour.html")]
    assert len(harbour) == FILES
    for r in harbour:
        assert r["title"].startswith("Harbour reopens")
        assert r["fetched_at"].startswith("2024-03-0")
        assert {"Ines Duarte", "Rui Prates"} <= {q["speaker"] for q in r["quotes"]}
        assert all(q["kind"] in ("direct", "mixed", "indirect") for q in r["quotes"])
        assert r["word_count"] > 50
    return rows


@pytest.fixture(scope="module")
def native(archives, tmp_path_factory, cli):
    """The rows `newsdesk export parquet` writes for the same archives."""
    root, _ = archives
    out = tmp_path_factory.mktemp("native") / "out"
    subprocess.run([cli, "export", "parquet", str(root), "--output", str(out)],
                   check=True, capture_output=True)
    return pq.read_table(str(out)).to_pylist()


def by_url(rows):
    return sorted(rows, key=lambda r: r["url"])


def available(module, env):
    """Whether ``module`` imports; when CI set ``env``, a missing module is an error."""
    try:
        __import__(module)
        return True
    except ImportError:
        if os.environ.get(env):
            raise
        return False


def has_java():
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="module")
def jobs(archives, tmp_path_factory):
    """Start the Spark and the Ray job at once (each is mostly engine start-up, which
    overlaps well), as subprocesses; the tests below wait for and check each."""
    root, _ = archives
    files = [str(p) for p in sorted(root.glob("*.warc.gz"))]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    started = {}
    if available("pyspark", "NEWSDESK_REQUIRE_SPARK") and has_java():
        # Both writers: the tasks' own pyarrow parts (the default) and Spark's writer.
        for writer in ("tasks", "spark"):
            out = tmp_path_factory.mktemp(f"spark-{writer}") / "out"
            cmd = [sys.executable, "-m", "newsdesk.spark", *files, "--output", str(out),
                   "--master", "local[2]"] + (["--writer", writer] if writer == "spark" else [])
            started[f"spark-{writer}"] = (subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env), out)
    if available("ray", "NEWSDESK_REQUIRE_RAY"):
        out = tmp_path_factory.mktemp("ray") / "out"
        cmd = [sys.executable, "-m", "newsdesk.ray", str(root), "--output", str(out),
               "--num-cpus", "2"]
        started["ray"] = (subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                           text=True, env=env), out)
    yield started
    for proc, _ in started.values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def finished(jobs, name):
    proc, out = jobs[name]
    try:
        _, stderr = proc.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    assert proc.returncode == 0, stderr[-4000:]
    return stderr, out


@pytest.mark.parametrize("writer", ["tasks", "spark"])
def test_spark_job(archives, jobs, native, writer):
    if f"spark-{writer}" not in jobs:
        if os.environ.get("NEWSDESK_REQUIRE_SPARK"):
            pytest.fail("pyspark needs Java 17+ (java not found)")
        pytest.skip("pyspark or Java not installed")
    _, expected = archives
    stderr, out = finished(jobs, f"spark-{writer}")
    assert f"articles={expected} files={FILES}" in stderr
    assert f"writer={writer} " in stderr
    # One Spark task per WARC file: one part file each, and the _SUCCESS marker.
    assert len(list(out.glob("part-*.parquet"))) == FILES
    assert (out / "_SUCCESS").exists()
    assert not list(out.glob(".*.tmp"))
    rows = check_output(out, expected)
    assert by_url(rows) == by_url(native)


def test_ray_job(archives, jobs, native):
    if "ray" not in jobs:
        pytest.skip("ray not installed")
    _, expected = archives
    stderr, out = finished(jobs, "ray")
    assert f"articles={expected} files={FILES}" in stderr
    assert len(list(out.glob("part-*.parquet"))) == FILES
    assert (out / "_SUCCESS").exists()
    rows = check_output(out, expected)
    assert by_url(rows) == by_url(native)


def test_task_parts_replace_themselves_and_refuse_an_existing_output(archives, tmp_path):
    """A retried task rewrites its own part (no duplicate rows); an existing output folder
    is refused unless overwriting, which empties it first."""
    from newsdesk import _parts

    root, expected = archives
    first = sorted(root.glob("*.warc.gz"))[0]
    out = str(tmp_path / "out")
    _parts.prepare(out, overwrite=False)
    n = _parts.write_part(str(first), out, 0)
    assert _parts.write_part(str(first), out, 0) == n  # the retry
    assert pq.read_table(out).num_rows == n == expected // FILES
    assert sorted(os.listdir(out)) == ["part-00000.parquet"]
    with pytest.raises(FileExistsError, match="already exists"):
        _parts.prepare(out, overwrite=False)
    _parts.prepare(out, overwrite=True)
    assert os.listdir(out) == []
    # A scheme pyarrow cannot write sends the Spark job to Spark's own writer.
    assert _parts.writable(out) and not _parts.writable("nosuchscheme://bucket/out")


def test_jobs_refuse_an_empty_input(tmp_path):
    from newsdesk import spark

    with pytest.raises(ValueError, match="no WARC files"):
        spark.run([str(tmp_path)], str(tmp_path / "out"))
