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


def native_rows(archives, tmp_path, cli):
    root, _ = archives
    out = tmp_path / "native"
    subprocess.run([cli, "export", "parquet", str(root), "--output", str(out)],
                   check=True, capture_output=True)
    return pq.read_table(str(out)).to_pylist()


def by_url(rows):
    return sorted(rows, key=lambda r: r["url"])


def job_env():
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def require(module, env):
    """Import ``module``, or skip, unless CI set ``env`` (then a missing module fails)."""
    if os.environ.get(env):
        __import__(module)
    else:
        pytest.importorskip(module)


def test_spark_job(archives, tmp_path, cli):
    require("pyspark", "NEWSDESK_REQUIRE_SPARK")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("NEWSDESK_REQUIRE_SPARK"):
            pytest.fail("pyspark needs Java 17+ (java not found)")
        pytest.skip("pyspark needs Java")
    root, expected = archives
    out = tmp_path / "spark"
    files = [str(p) for p in sorted(root.glob("*.warc.gz"))]
    proc = subprocess.run([sys.executable, "-m", "newsdesk.spark", *files, "--output", str(out),
                           "--master", "local[2]"], capture_output=True, text=True, env=job_env(),
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert f"articles={expected} files={FILES}" in proc.stderr
    # One Spark task per WARC file: one part file each.
    assert len(list(out.glob("part-*.parquet"))) == FILES
    rows = check_output(out, expected)
    assert by_url(rows) == by_url(native_rows(archives, tmp_path, cli))


def test_ray_job(archives, tmp_path, cli):
    require("ray", "NEWSDESK_REQUIRE_RAY")
    root, expected = archives
    out = tmp_path / "ray"
    proc = subprocess.run([sys.executable, "-m", "newsdesk.ray", str(root), "--output", str(out),
                           "--num-cpus", "2"], capture_output=True, text=True, env=job_env(),
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert f"articles={expected} files={FILES}" in proc.stderr
    assert len(list(out.glob("part-*.parquet"))) == FILES
    rows = check_output(out, expected)
    assert by_url(rows) == by_url(native_rows(archives, tmp_path, cli))


def test_jobs_refuse_an_empty_input(tmp_path):
    from newsdesk import spark

    with pytest.raises(ValueError, match="no WARC files"):
        spark.run([str(tmp_path)], str(tmp_path / "out"))
