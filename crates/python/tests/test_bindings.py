"""The bindings return what the CLI returns, stream WARC files, and fail clearly."""

import gzip
import json
import subprocess
import threading

import pytest

import newsdesk
from conftest import pages


def run_cli(cli, *args):
    out = subprocess.run([cli, *args], check=True, capture_output=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", [n for n, _ in pages()])
def test_extract_matches_cli(cli, fixtures, name):
    path = str(fixtures / name)
    expected = run_cli(cli, "extract", path)
    got = newsdesk.extract((fixtures / name).read_bytes(), source=path)
    assert got == expected
    assert got["title"] and got["body"]


@pytest.mark.parametrize("name", [n for n, _ in pages()])
def test_analyze_matches_cli(cli, fixtures, name):
    path = str(fixtures / name)
    expected = run_cli(cli, "analyze", path)
    got = newsdesk.analyze((fixtures / name).read_bytes(), source=path)
    assert got == expected
    assert any(q["speaker"] for q in got["quotes"]), got["quotes"]


def test_analyze_body_only_matches_cli(cli, fixtures):
    path = str(fixtures / "body.txt")
    expected = run_cli(cli, "analyze", "--body-only", "--published", "2024-05-01", path)
    got = newsdesk.analyze((fixtures / "body.txt").read_text(), body_only=True,
                           published="2024-05-01", source=path)
    assert got == expected
    names = {q["speaker"]["name"] for q in got["quotes"] if q["speaker"]}
    assert "Clara Vieira" in names


def test_str_and_bytes_agree(fixtures):
    raw = (fixtures / "harbour.html").read_bytes()
    assert newsdesk.extract(raw) == newsdesk.extract(raw.decode("utf-8"))
    assert newsdesk.extract(raw)["source"] == "<page>"
    assert newsdesk.extract(raw, url="https://x.example/a")["source"] == "https://x.example/a"


def test_gzipped_page_is_extracted(fixtures):
    raw = (fixtures / "library.html").read_bytes()
    assert newsdesk.extract(gzip.compress(raw))["title"] == newsdesk.extract(raw)["title"]


def test_errors_name_the_input():
    with pytest.raises(newsdesk.NewsdeskError, match="empty-page"):
        newsdesk.extract(b"   ", source="empty-page")
    with pytest.raises(newsdesk.NewsdeskError, match="binary-page"):
        newsdesk.analyze(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, source="binary-page")
    with pytest.raises(newsdesk.NewsdeskError, match="big-page"):
        newsdesk.analyze(b"x" * 2000, source="big-page", max_bytes=1000)
    with pytest.raises(TypeError, match="bytes or str"):
        newsdesk.extract(12345)
    assert issubclass(newsdesk.NewsdeskError, ValueError)


def test_threads_get_the_same_answers(fixtures):
    raw = (fixtures / "harbour.html").read_bytes()
    expected = newsdesk.analyze(raw)
    results = []

    def work():
        for _ in range(5):
            results.append(newsdesk.analyze(raw))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 20 and all(r == expected for r in results)


def write_archive(path, fixtures):
    html = [(n, b) for n, b in pages()]
    records = [{"url": f"https://ledger.example/{n}", "body": b, "date": "2024-03-04T10:00:00Z"}
               for n, b in html]
    records.append({"url": "https://ledger.example/logo.png", "body": b"\x89PNG....",
                    "content_type": "image/png"})
    records.append({"url": "https://ledger.example/missing", "body": b"<html>gone</html>",
                    "status": 404})
    records.append({"url": "https://ledger.example/latin1",
                    "body": "<html><body><h1>Caf\u00e9 fecha</h1><p>O caf\u00e9 da pra\u00e7a fecha "
                            "amanh\u00e3 depois de quarenta anos de servi\u00e7o.</p></body></html>"
                            .encode("latin-1"),
                    "content_type": "text/html; charset=ISO-8859-1"})
    return newsdesk.write_warc(str(path), records)


def test_read_warc_records(tmp_path, fixtures):
    path = tmp_path / "a.warc.gz"
    assert write_archive(path, fixtures) == 5
    records = newsdesk.read_warc(path)
    got = list(records)
    assert [r["url"] for r in got] == [
        "https://ledger.example/harbour.html",
        "https://ledger.example/library.html",
        "https://ledger.example/latin1",
    ]
    assert got[0]["body"] == (fixtures / "harbour.html").read_bytes()
    assert got[0]["date"] == "2024-03-04T10:00:00Z"
    assert got[2]["charset"] == "iso-8859-1"
    assert got[0]["source"].endswith("a.warc.gz#record-1")
    stats = records.stats()
    assert stats["records"] == 5 and stats["pages"] == 3
    assert stats["not_html"] == 1 and stats["not_ok"] == 1


def test_read_warc_analyzed_rows(tmp_path, fixtures):
    path = tmp_path / "a.warc"
    write_archive(path, fixtures)
    rows = list(newsdesk.read_warc(str(path), analyze=True))
    assert len(rows) == 3
    for row in rows:
        assert list(row) == newsdesk.COLUMNS
    harbour = rows[0]
    assert harbour["url"] == "https://ledger.example/harbour.html"
    assert harbour["title"].startswith("Harbour reopens")
    speakers = {q["speaker"] for q in harbour["quotes"]}
    assert {"Ines Duarte", "Rui Prates"} <= speakers
    direct = [q for q in harbour["quotes"] if q["kind"] == "direct"]
    assert direct and all(q["part"] == "body" for q in direct)
    body = harbour["body"]
    q = direct[0]
    assert body[q["start"]:q["end"]].strip("“”\"") .startswith(q["text"][:10])
    # The HTTP charset decodes the Latin-1 page.
    assert "café" in rows[2]["body"]


def test_read_warc_errors(tmp_path, fixtures):
    with pytest.raises(OSError, match="nope.warc.gz"):
        newsdesk.read_warc(tmp_path / "nope.warc.gz")
    path = tmp_path / "cut.warc.gz"
    write_archive(path, fixtures)
    data = path.read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(newsdesk.NewsdeskError, match="cut.warc.gz"):
        list(newsdesk.read_warc(path))


def test_native_export_has_the_schema(cli, tmp_path, fixtures):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "in.warc.gz"
    write_archive(path, fixtures)
    out = tmp_path / "out"
    subprocess.run([cli, "export", "parquet", str(path), "--output", str(out), "--jobs", "2"],
                   check=True, capture_output=True)
    table = pq.read_table(out / "part-00000.parquet")
    assert table.schema.remove_metadata() == newsdesk.arrow_schema()
    native = sorted(table.to_pylist(), key=lambda r: r["source"])
    rows = sorted(newsdesk.read_warc(path, analyze=True), key=lambda r: r["source"])
    assert native == rows


def test_read_warc_batches_are_the_rows(tmp_path, fixtures):
    pa = pytest.importorskip("pyarrow")
    path = tmp_path / "a.warc.gz"
    write_archive(path, fixtures)
    rows = list(newsdesk.read_warc(path, analyze=True))
    batches = list(newsdesk.read_warc_batches(path, batch_rows=2))
    assert [b.num_rows for b in batches] == [2, 1]
    assert all(b.schema == newsdesk.arrow_schema() for b in batches)
    table = pa.Table.from_batches(batches)
    assert table.to_pylist() == rows
    assert newsdesk.read_warc_table(path).to_pylist() == rows
    # The raw iterator: one IPC stream (schema + one batch) per item, and its counts.
    streams = newsdesk.read_warc_arrow(str(path))
    items = list(streams)
    assert len(items) == 1 and isinstance(items[0], bytes)
    assert pa.ipc.open_stream(items[0]).read_all().num_rows == 3
    stats = streams.stats()
    assert stats["records"] == 5 and stats["pages"] == 3 and stats["skipped"] == 0


def test_read_warc_batches_of_an_archive_without_articles(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "none.warc.gz"
    newsdesk.write_warc(str(path), [{"url": "https://x.example/a.png", "body": b"\x89PNG",
                                     "content_type": "image/png"}])
    assert list(newsdesk.read_warc_batches(path)) == []
    assert newsdesk.read_warc_table(path).num_rows == 0
    assert newsdesk.read_warc_table(path).schema == newsdesk.arrow_schema()


def test_read_warc_batches_of_a_cut_archive(tmp_path, fixtures):
    pytest.importorskip("pyarrow")
    path = tmp_path / "cut.warc.gz"
    write_archive(path, fixtures)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    got = []
    with pytest.raises(newsdesk.NewsdeskError, match="cut.warc.gz"):
        for batch in newsdesk.read_warc_batches(path):
            got.append(batch)
    # What was read before the break comes first, then the error.
    assert sum(b.num_rows for b in got) == len(list_until_error(path))
    with pytest.raises(OSError, match="nope.warc.gz"):
        newsdesk.read_warc_arrow(tmp_path / "nope.warc.gz")


def list_until_error(path):
    rows = []
    try:
        for row in newsdesk.read_warc(path, analyze=True):
            rows.append(row)
    except newsdesk.NewsdeskError:
        pass
    return rows
