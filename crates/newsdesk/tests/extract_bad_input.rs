//! `newsdesk extract` on hostile and broken inputs: every input gets a result or an
//! error naming it, the run goes on, and the exit code says whether any failed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn newsdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .output()
        .expect("run newsdesk")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

const PAGE: &str = "<!doctype html><html lang=en><head><title>Harbour bridge reopens</title></head><body><article><h1>Harbour bridge reopens</h1><p>The harbour bridge reopened to traffic on Tuesday after eleven months of repairs, the city's transport office said in a statement.</p><p>Engineers replaced forty steel cables and resurfaced the deck, work that cost far more than first planned.</p></article></body></html>";

#[test]
fn broken_inputs_are_named_and_the_rest_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write(d, "good.html", PAGE.as_bytes());
    let empty = write(d, "empty.html", b"");
    let binary = write(
        d,
        "image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\0",
    );
    let gz = gzip(PAGE.repeat(50).as_bytes());
    let truncated = write(d, "cut.html.gz", &gz[..gz.len() / 2]);
    let missing = d.join("nope.html").display().to_string();

    let out = newsdesk(&[
        "extract", "--jsonl", &empty, &good, &binary, &truncated, &missing,
    ]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some inputs failed, so exit 1; stderr: {err}"
    );
    assert!(err.contains(&empty) && err.contains("empty"), "{err}");
    assert!(err.contains(&binary) && err.contains("binary"), "{err}");
    assert!(err.contains(&truncated) && err.contains("gzip"), "{err}");
    assert!(
        err.contains(&missing) && err.contains("cannot read"),
        "{err}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "only the good page yields a record: {stdout}"
    );
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["source"], good.as_str());
}

#[test]
fn all_good_inputs_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.html", PAGE.as_bytes());
    let out = newsdesk(&["extract", &good]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"], good.as_str());
    for field in [
        "title",
        "dek",
        "authors",
        "published",
        "modified",
        "language",
        "site_name",
        "canonical_url",
        "body",
        "word_count",
    ] {
        assert!(
            v.get(field).is_some(),
            "field {field} present (null when absent)"
        );
    }
}

#[test]
fn oversized_input_is_refused_before_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "big.html", &vec![b'a'; 2048]);
    let out = newsdesk(&["extract", "--max-bytes", "1024", &big]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("over the limit of 1024 bytes"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hostile_pages_finish_without_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 100,000-deep nesting.
    let deep = format!(
        "<html><body>{}<p>deep text here</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let deep = write(d, "deep.html", deep.as_bytes());
    // A 50 MB page.
    let para = "<p>Paragraph of a very long page, repeated to make a fifty megabyte document for the limits test.</p>\n";
    let mut huge = String::from("<html><head><title>Huge</title></head><body><article>");
    while huge.len() < 50 << 20 {
        huge.push_str(para);
    }
    huge.push_str("</article></body></html>");
    let huge = write(d, "huge.html", huge.as_bytes());
    // Invalid UTF-8 sprinkled into a page declared UTF-8.
    let mut invalid = PAGE.as_bytes().to_vec();
    invalid.splice(60..60, [0xff, 0xfe, 0xc3, 0x28].iter().copied());
    let invalid = write(d, "invalid.html", &invalid);
    // Windows-1251 bytes declared as UTF-8.
    let (cyr, _, _) = encoding_rs::WINDOWS_1251.encode("<html><head><meta charset=\"utf-8\"><title>Новости</title></head><body><article><p>Министр иностранных дел заявил журналистам в понедельник, что переговоры в Женеве были трудными, долгими и очень профессиональными.</p></article></body></html>");
    let cyr = write(d, "cyr.html", &cyr);

    let started = Instant::now();
    let out = newsdesk(&["extract", "--jsonl", &deep, &huge, &invalid, &cyr]);
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{err}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every input is accounted for: a record on stdout or an error naming it on stderr.
    for src in [&deep, &huge, &invalid, &cyr] {
        let has_record = records.iter().any(|r| r["source"] == src.as_str());
        assert!(
            has_record || err.contains(src.as_str()),
            "{src} unaccounted for"
        );
    }
    let cyr_rec = records
        .iter()
        .find(|r| r["source"] == cyr.as_str())
        .expect("cyrillic page extracted");
    assert!(
        !cyr_rec.to_string().contains('\u{FFFD}'),
        "windows-1251 decoded, not mangled: {cyr_rec}"
    );
}

#[test]
fn folders_are_walked_and_unreadable_entries_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    write(&d.join("sub"), "a.html", PAGE.as_bytes());
    write(d, "b.html", PAGE.as_bytes());
    // A dangling symlink cannot be read, even by root.
    std::os::unix::fs::symlink(d.join("gone.html"), d.join("dangling.html")).unwrap();
    let out = newsdesk(&["extract", &d.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("dangling.html"), "{err}");
    let n = String::from_utf8(out.stdout).unwrap().lines().count();
    assert_eq!(n, 2, "both readable pages extracted as JSON Lines");
}

#[test]
fn stdin_is_read_with_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PAGE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"], "-");
}
