//! WARC reading: plain and gzipped archives written here, with corrupt records in the middle.

use flate2::write::GzEncoder;
use newsdesk_ingest::warc::{WarcError, WarcOptions, WarcReader, WarcWriter};
use newsdesk_ingest::RawPage;
use std::io::{Cursor, Write};

const DATE: &str = "2026-11-20T08:30:00Z";

fn http(status: &str, content_type: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nDate: Fri, 20 Nov 2026 08:30:00 GMT\r\n{extra}Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    v.extend_from_slice(body);
    v
}

fn page(n: usize) -> Vec<u8> {
    format!("<html><head><title>Story {n}</title></head><body><p>The council met on Tuesday to discuss item {n}.</p></body></html>").into_bytes()
}

/// Five well-formed records: warcinfo, request, an HTML page, a PDF and a 404.
fn good_records(w: &mut WarcWriter<impl Write>) {
    w.write_record(
        "warcinfo",
        None,
        DATE,
        "application/warc-fields",
        b"software: newsdesk-test\r\n",
    )
    .unwrap();
    w.write_record(
        "request",
        Some("https://news.example/a/1"),
        DATE,
        "application/http; msgtype=request",
        b"GET /a/1 HTTP/1.1\r\nHost: news.example\r\n\r\n",
    )
    .unwrap();
    w.write_response(
        "https://news.example/a/1",
        DATE,
        &http("200 OK", "text/html; charset=ISO-8859-1", "", &page(1)),
    )
    .unwrap();
    w.write_response(
        "https://news.example/doc.pdf",
        DATE,
        &http("200 OK", "application/pdf", "", b"%PDF-1.4"),
    )
    .unwrap();
    w.write_response(
        "https://news.example/gone",
        DATE,
        &http("404 Not Found", "text/html", "", b"<p>no</p>"),
    )
    .unwrap();
}

fn tail_records(w: &mut WarcWriter<impl Write>) {
    // Chunked and gzip-encoded payload, as some crawlers store it.
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&page(2)).unwrap();
    let gz = gz.finish().unwrap();
    let mut chunked = format!("{:x}\r\n", 10).into_bytes();
    chunked.extend_from_slice(&gz[..10]);
    chunked.extend_from_slice(format!("\r\n{:x}\r\n", gz.len() - 10).as_bytes());
    chunked.extend_from_slice(&gz[10..]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let mut resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    resp.extend_from_slice(&chunked);
    w.write_response("https://news.example/a/2", DATE, &resp)
        .unwrap();
    w.write_response(
        "https://news.example/a/3",
        DATE,
        &http("200 OK", "application/xhtml+xml", "", &page(3)),
    )
    .unwrap();
}

/// A record whose Content-Length is not a number, and one whose Content-Length is too short.
fn corrupt_records() -> Vec<u8> {
    let mut v = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/bad\r\nContent-Length: twelve\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n".to_vec();
    let body = http("200 OK", "text/html", "", &page(99));
    v.extend_from_slice(
        format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/short\r\nContent-Length: {}\r\n\r\n", body.len() - 20)
            .as_bytes(),
    );
    v.extend_from_slice(&body);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

fn archive(gzip: bool) -> (Vec<u8>, u64, u64) {
    let mut w = WarcWriter::new(Vec::new(), gzip);
    good_records(&mut w);
    let mut out = w.finish().unwrap();
    // Offsets of the corrupt records in the *uncompressed* stream.
    let mut plain = WarcWriter::new(Vec::new(), false);
    good_records(&mut plain);
    let first_bad = plain.finish().unwrap().len() as u64;
    let corrupt = corrupt_records();
    let second_bad = first_bad + memchr_second(&corrupt) as u64;
    if gzip {
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&corrupt).unwrap();
        out.extend_from_slice(&gz.finish().unwrap());
    } else {
        out.extend_from_slice(&corrupt);
    }
    let mut w = WarcWriter::new(out, gzip);
    tail_records(&mut w);
    (w.finish().unwrap(), first_bad, second_bad)
}

/// Offset of the second "WARC/1.0" in `v`.
fn memchr_second(v: &[u8]) -> usize {
    v.windows(8)
        .enumerate()
        .filter(|(_, w)| w == b"WARC/1.0")
        .nth(1)
        .unwrap()
        .0
}

fn read_all(
    bytes: Vec<u8>,
) -> (
    Vec<RawPage>,
    Vec<WarcError>,
    newsdesk_ingest::warc::WarcStats,
) {
    let mut reader = WarcReader::from_reader(
        Cursor::new(bytes),
        "test.warc".into(),
        WarcOptions::default(),
    );
    let (mut pages, mut errors) = (Vec::new(), Vec::new());
    for item in &mut reader {
        match item {
            Ok(p) => pages.push(p),
            Err(e) => errors.push(e),
        }
    }
    (pages, errors, reader.stats().clone())
}

fn check(gzip: bool) {
    let (bytes, first_bad, second_bad) = archive(gzip);
    if gzip {
        assert_eq!(&bytes[..2], &[0x1f, 0x8b]);
    }
    let (pages, errors, stats) = read_all(bytes);
    let urls: Vec<_> = pages.iter().map(|p| p.url.clone().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "https://news.example/a/1",
            "https://news.example/a/2",
            "https://news.example/a/3"
        ]
    );
    assert_eq!(pages[0].bytes, page(1));
    assert_eq!(pages[0].http_charset.as_deref(), Some("iso-8859-1"));
    assert_eq!(
        pages[0].http_date.as_deref(),
        Some("Fri, 20 Nov 2026 08:30:00 GMT")
    );
    assert_eq!(pages[0].fetched_at, DATE);
    assert_eq!(pages[0].status, 200);
    assert_eq!(pages[0].source, "test.warc#record-3");
    assert_eq!(pages[1].bytes, page(2), "chunked + gzip payload decoded");
    assert_eq!(
        pages[2].content_type.as_deref(),
        Some("application/xhtml+xml")
    );

    assert_eq!(errors.len(), 2, "{errors:?}");
    match &errors[0] {
        WarcError::Record {
            record,
            offset,
            reason,
            ..
        } => {
            assert_eq!(*record, 6);
            assert_eq!(*offset, first_bad);
            assert!(reason.contains("Content-Length"), "{reason}");
        }
        e => panic!("{e}"),
    }
    match &errors[1] {
        WarcError::Record {
            record,
            offset,
            reason,
            ..
        } => {
            assert_eq!(*record, 7);
            assert_eq!(*offset, second_bad);
            assert!(reason.contains("wrong Content-Length"), "{reason}");
        }
        e => panic!("{e}"),
    }
    assert!(errors[0]
        .to_string()
        .starts_with("test.warc: record 6 at byte "));
    assert_eq!(stats.pages, 3);
    assert_eq!(stats.records, 7);
    assert_eq!(stats.errors, 2);
    assert_eq!(stats.not_html, 1);
    assert_eq!(stats.not_ok, 1);
    assert_eq!(stats.by_type.get("warcinfo"), Some(&1));
    assert_eq!(stats.by_type.get("request"), Some(&1));
}

#[test]
fn plain_warc_with_corrupt_records() {
    check(false);
}

#[test]
fn gzipped_warc_per_record_members_with_corrupt_records() {
    check(true);
}

#[test]
fn whole_file_gzip() {
    let (plain, _, _) = archive(false);
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain).unwrap();
    let (pages, errors, _) = read_all(gz.finish().unwrap());
    assert_eq!(pages.len(), 3);
    assert_eq!(errors.len(), 2);
}

#[test]
fn oversized_record_is_skipped_without_buffering() {
    let mut w = WarcWriter::new(Vec::new(), false);
    let big = vec![b'a'; 100_000];
    w.write_response(
        "https://news.example/big",
        DATE,
        &http("200 OK", "text/html", "", &big),
    )
    .unwrap();
    w.write_response(
        "https://news.example/small",
        DATE,
        &http("200 OK", "text/html", "", &page(4)),
    )
    .unwrap();
    let options = WarcOptions {
        max_record_bytes: 10_000,
        ..WarcOptions::default()
    };
    let mut reader =
        WarcReader::from_reader(Cursor::new(w.finish().unwrap()), "big.warc".into(), options);
    let pages: Vec<_> = (&mut reader).collect::<Result<_, _>>().unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].url.as_deref(), Some("https://news.example/small"));
    assert_eq!(reader.stats().too_large, 1);
}

#[test]
fn gzip_bomb_payload_is_capped() {
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b' '; 5_000_000]).unwrap();
    let gz = gz.finish().unwrap();
    let mut resp = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n", gz.len()).into_bytes();
    resp.extend_from_slice(&gz);
    let mut w = WarcWriter::new(Vec::new(), false);
    w.write_response("https://news.example/bomb", DATE, &resp)
        .unwrap();
    let options = WarcOptions {
        max_payload_bytes: 1_000_000,
        ..WarcOptions::default()
    };
    let mut reader = WarcReader::from_reader(
        Cursor::new(w.finish().unwrap()),
        "bomb.warc".into(),
        options,
    );
    assert_eq!((&mut reader).count(), 0);
    assert_eq!(reader.stats().too_large, 1);
}

#[test]
fn truncated_and_garbage_inputs_end_cleanly() {
    let (plain, _, _) = archive(false);
    for cut in [0, 5, 60, 200, plain.len() / 2, plain.len() - 3] {
        let (pages, _errors, _) = read_all(plain[..cut].to_vec());
        assert!(pages.len() <= 3);
    }
    let (pages, errors, _) = read_all(b"\x00\x01garbage\nnot a warc\n".to_vec());
    assert!(pages.is_empty());
    assert_eq!(errors.len(), 1);
    // A truncated gzip stream: an I/O error, then the end.
    let (gz, _, _) = archive(true);
    let (_, errors, _) = read_all(gz[..gz.len() - 7].to_vec());
    assert!(
        errors.iter().any(|e| matches!(e, WarcError::Io { .. })),
        "{errors:?}"
    );
}
