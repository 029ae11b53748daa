//! `newsdesk digest`: pages ingested by the real binary (extract → analyze → relate →
//! store) come back as the day's digest in Markdown, HTML and JSON, ranked by coverage,
//! with the key quote and its speaker, and mailed to an SMTP sink on 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;

fn page(site: &str, slug: &str, title: &str, date: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>{title} | {site}</title>\
<link rel=\"canonical\" href=\"https://{site}/{slug}\">\
<meta property=\"og:site_name\" content=\"{site}\">\
<meta property=\"article:published_time\" content=\"{date}T09:00:00Z\">\
</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
<article><h1>{title}</h1>\n{body}</article>\
<footer>Subscribe to our newsletter. © {site}</footer></body></html>"
    )
}

const QUOTE: &str = "We will not reopen the bridge until every cable has been checked";

fn write_pages(dir: &Path) {
    let bridge = [
        (
            "rivertonpost.example",
            "Storm closes Riverton's Old Mill Bridge",
            vec![
                "Riverton closed the Old Mill Bridge on Monday after Sunday night's storm tore two suspension cables loose and left the deck twisted above the Arden river.",
                "“We will not reopen the bridge until every cable has been checked,” said Mayor Ines Varga, who visited the crossing with engineers at dawn.",
                "Traffic between the east bank and the town centre is being sent over the Harbour Road bridge, adding about twenty minutes to the commute, the council said.",
            ],
        ),
        (
            "ardenvalleynews.example",
            "Old Mill Bridge shut after storm damages cables",
            vec![
                "The Old Mill Bridge in Riverton was closed on Monday after a storm on Sunday night tore two of its suspension cables loose and twisted the deck over the Arden river.",
                "“We will not reopen the bridge until every cable has been checked,” Mayor Ines Varga said after inspecting the crossing with engineers.",
                "Drivers from the east bank are being diverted over the Harbour Road bridge, which the council said adds about twenty minutes.",
            ],
        ),
        (
            "countyherald.example",
            "Riverton bridge closed as engineers check storm damage",
            vec![
                "Engineers spent Monday inspecting the Old Mill Bridge in Riverton, closed after Sunday night's storm tore two suspension cables loose above the Arden river.",
                "Mayor Ines Varga said the bridge would stay shut until every cable had been checked, and the council diverted traffic over the Harbour Road bridge.",
                "Commuters from the east bank face about twenty extra minutes, the council said.",
            ],
        ),
    ];
    for (i, (site, title, paras)) in bridge.iter().enumerate() {
        let html = page(site, &format!("bridge-{i}"), title, "2026-03-02", paras);
        std::fs::write(dir.join(format!("bridge-{i}.html")), html).unwrap();
    }
    let library = page(
        "rivertonpost.example",
        "library-appeal",
        "Riverton library appeal passes its target",
        "2026-03-02",
        &[
            "An appeal to replace the roof of Riverton's public library has raised 84,000 pounds, passing its target three weeks early, the friends of the library announced.",
            "“The building will be dry by the autumn term,” said the librarian, Tomas Brandt, who thanked more than six hundred donors.",
        ],
    );
    std::fs::write(dir.join("library.html"), library).unwrap();
    let market = page(
        "countyherald.example",
        "farmers-market",
        "Farmers market moves to the quay for the summer",
        "2026-03-01",
        &[
            "Riverton's Saturday farmers market will move from the square to the quay from April, the market committee decided, to make room for more stalls.",
            "Stallholders welcomed the move, which the committee said would allow forty traders instead of twenty-six.",
        ],
    );
    std::fs::write(dir.join("market.html"), market).unwrap();
}

fn newsdesk(args: &[&str], env: &[(&str, String)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env_remove("NEWSDESK_SMTP_CONFIG")
        .output()
        .expect("run newsdesk");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A minimal SMTP server for one message: it accepts everything and hands the DATA
/// section back through the channel.
fn smtp_sink() -> (u16, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        let mut w = stream.try_clone().unwrap();
        let mut r = BufReader::new(stream);
        w.write_all(b"220 sink.test ESMTP\r\n").unwrap();
        let mut data = String::new();
        let mut line = String::new();
        loop {
            line.clear();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            let cmd = line.trim_end().to_ascii_uppercase();
            if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                w.write_all(b"250-sink.test\r\n250 8BITMIME\r\n").unwrap();
            } else if cmd == "DATA" {
                w.write_all(b"354 go ahead\r\n").unwrap();
                loop {
                    line.clear();
                    if r.read_line(&mut line).unwrap_or(0) == 0 || line == ".\r\n" {
                        break;
                    }
                    data.push_str(&line);
                }
                w.write_all(b"250 queued\r\n").unwrap();
            } else if cmd == "QUIT" {
                w.write_all(b"221 bye\r\n").unwrap();
                break;
            } else {
                w.write_all(b"250 ok\r\n").unwrap();
            }
        }
        tx.send(data).unwrap();
    });
    (port, rx)
}

#[test]
fn digest_of_ingested_pages_in_every_format_and_by_mail() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    write_pages(&pages);
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let (code, _, err) = newsdesk(&["ingest", pages.to_str().unwrap(), "--data", data], &[]);
    assert_eq!(code, 0, "{err}");

    // Markdown (the default): the bridge story, covered by three sites, comes first,
    // with the mayor's quote; the library story second; the market (a day earlier) not.
    let (code, md, err) = newsdesk(&["digest", "--date", "2026-03-02", "--data", data], &[]);
    assert_eq!(code, 0, "{err}");
    let bridge = md.find("Old Mill Bridge").expect(&md);
    let library = md.find("library appeal").expect(&md);
    assert!(bridge < library, "{md}");
    assert!(md.contains(QUOTE), "{md}");
    assert!(md.contains("Ines Varga"), "{md}");
    assert!(!md.contains("Farmers market"), "{md}");
    assert!(md.contains("https://countyherald.example/bridge-2"), "{md}");

    // JSON: the ranking's figures.
    let (code, json, err) = newsdesk(
        &[
            "digest",
            "--date",
            "2026-03-02",
            "--format",
            "json",
            "--data",
            data,
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2, "{json}");
    assert_eq!(stories[0]["articles_today"], 3, "{json}");
    assert_eq!(stories[0]["sites_today"], 3, "{json}");
    assert_eq!(stories[1]["articles_today"], 1, "{json}");
    assert!(stories[0]["score"].as_f64() > stories[1]["score"].as_f64());

    // HTML to a file: e-mail safe.
    let out = dir.path().join("digest.html");
    let (code, _, err) = newsdesk(
        &[
            "digest",
            "--date",
            "2026-03-02",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
            "--data",
            data,
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Old Mill Bridge"));
    assert!(html.contains("style=\""));
    assert!(!html.to_ascii_lowercase().contains("<script"));

    // A day without articles: an empty digest, said so.
    let (code, md, err) = newsdesk(&["digest", "--date", "2026-02-01", "--data", data], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!md.contains("Old Mill Bridge"));
    assert!(err.contains("no stories"), "{err}");

    // A bad date is a usage error.
    let (code, _, err) = newsdesk(&["digest", "--date", "March 2", "--data", data], &[]);
    assert_eq!(code, 2, "{err}");

    // --send: to the sink, settings from the environment.
    let (port, rx) = smtp_sink();
    let env = [
        ("NEWSDESK_SMTP_HOST", "127.0.0.1".to_string()),
        ("NEWSDESK_SMTP_PORT", port.to_string()),
        ("NEWSDESK_SMTP_FROM", "digest@newsdesk.test".to_string()),
        ("NEWSDESK_SMTP_TO", "desk@newsdesk.test".to_string()),
        ("NEWSDESK_SMTP_TLS", "none".to_string()),
    ];
    let (code, _, err) = newsdesk(
        &["digest", "--date", "2026-03-02", "--send", "--data", data],
        &env,
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("mailed to desk@newsdesk.test"), "{err}");
    let message = rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
    assert!(
        message.contains("Subject: newsdesk digest for 2026-03-02"),
        "{message}"
    );
    assert!(message.contains("multipart/alternative"), "{message}");
    assert!(message.contains("text/html"), "{message}");
    assert!(message.contains("text/plain"), "{message}");

    // --send without settings: a clear error naming what is missing.
    let (code, _, err) = newsdesk(
        &["digest", "--date", "2026-03-02", "--send", "--data", data],
        &[("NEWSDESK_SMTP_HOST", String::new())],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("NEWSDESK_SMTP_HOST"), "{err}");
}
