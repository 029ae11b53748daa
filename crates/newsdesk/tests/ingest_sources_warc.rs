//! `newsdesk ingest FILE.warc[.gz]`: records streamed through extract → analyze →
//! store; a corrupt record in the middle is reported (file, record number, byte
//! offset) and skipped, the rest is stored, and the exit status says an input failed.

use newsdesk_ingest::warc::WarcWriter;
use newsdesk_store::Store;
use std::process::Command;

fn http_page(headline: &str, town: &str) -> Vec<u8> {
    let body = format!(
        "<!doctype html><html><head><title>{headline}</title></head><body><article>\
         <h1>{headline}</h1>\
         <p>Residents of {town} gathered at the town hall on Tuesday to hear the results of \
         a survey on the future of the old market square and its weekly fair.</p>\
         <p>\"The square belongs to everyone, and the fair will stay where it is,\" said \
         Lena Marchetti, the mayor of {town}, to applause from the crowd.</p>\
         <p>Traders said the decision would protect dozens of small stalls that have operated \
         in the square for generations, though parking remains a concern for many visitors.</p>\
         </article></body></html>"
    );
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
         Date: Tue, 03 Nov 2026 10:00:00 GMT\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    http.extend_from_slice(body.as_bytes());
    http
}

const TOWNS: [&str; 5] = ["Alderbrook", "Bexmoor", "Calderwick", "Dunmere", "Eastfold"];

fn url(town: &str) -> String {
    format!("https://gazette.example/{}", town.to_lowercase())
}

/// A plain WARC: warcinfo, two responses, a record with a broken header, three responses.
fn write_warc(path: &std::path::Path) -> u64 {
    let mut w = WarcWriter::new(Vec::new(), false);
    w.write_record(
        "warcinfo",
        None,
        "2026-11-03T10:00:00Z",
        "application/warc-fields",
        b"software: test\r\n",
    )
    .unwrap();
    for town in &TOWNS[..2] {
        let h = format!("Market square stays in {town}");
        w.write_response(&url(town), "2026-11-03T10:00:00Z", &http_page(&h, town))
            .unwrap();
    }
    let mut bytes = w.finish().unwrap();
    let corrupt_at = bytes.len() as u64;
    bytes.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\ngarbage garbage\r\n\r\n",
    );
    let mut w = WarcWriter::new(bytes, false);
    for town in &TOWNS[2..] {
        let h = format!("Market square stays in {town}");
        w.write_response(&url(town), "2026-11-03T10:00:00Z", &http_page(&h, town))
            .unwrap();
    }
    std::fs::write(path, w.finish().unwrap()).unwrap();
    corrupt_at
}

#[test]
fn warc_with_a_corrupt_record_stores_the_rest_and_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc");
    let corrupt_at = write_warc(&warc);
    let data = dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args([
            "ingest",
            warc.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
            "--jobs",
            "2",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Exit status 1: some input failed (the corrupt record), but the command ran.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let expected = format!("{}: record 4 at byte {corrupt_at}", warc.display());
    assert!(
        stderr.contains(&expected),
        "want {expected:?} in:\n{stderr}"
    );
    assert!(stderr.contains("1 corrupt records"), "{stderr}");

    let store = Store::open_read_only(&data).unwrap();
    for town in TOWNS {
        let a = store
            .article_by_url(&url(town))
            .unwrap()
            .unwrap_or_else(|| panic!("{town} not stored:\n{stderr}"));
        assert_eq!(
            a.article.title.as_deref(),
            Some(format!("Market square stays in {town}").as_str())
        );
        assert_eq!(a.article.source, url(town));
    }
    assert_eq!(store.stats().unwrap().articles, 5);
}

#[test]
fn gzipped_warc_in_a_folder_is_found_by_content_and_reingesting_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("archives");
    std::fs::create_dir(&folder).unwrap();
    let mut w = WarcWriter::new(Vec::new(), true);
    for town in TOWNS {
        let h = format!("Market square stays in {town}");
        w.write_response(&url(town), "2026-11-03T10:00:00Z", &http_page(&h, town))
            .unwrap();
    }
    // No .warc.gz name: detection is by content.
    std::fs::write(folder.join("part-00000"), w.finish().unwrap()).unwrap();
    let data = dir.path().join("data");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_newsdesk"))
            .args([
                "ingest",
                folder.to_str().unwrap(),
                "--data",
                data.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    };
    let out = run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("5 new"), "{stderr}");
    let out = run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("0 new, 0 updated, 5 unchanged"), "{stderr}");
    assert_eq!(
        Store::open_read_only(&data)
            .unwrap()
            .stats()
            .unwrap()
            .articles,
        5
    );
}
