//! Building and rendering the digest on fixture stories.

mod common;

use common::*;
use newsdesk_digest::{
    build_digest, to_html, to_json, to_markdown, Digest, DigestError, DigestOptions, SmtpError,
    SmtpSettings, TlsMode,
};
use std::collections::HashMap;

fn digest_with(options: &DigestOptions) -> Digest {
    build_digest(DAY, &all_stories(), options).unwrap()
}

fn digest() -> Digest {
    digest_with(&DigestOptions {
        base_url: Some("https://desk.example/".into()),
        ..DigestOptions::default()
    })
}

fn ids(d: &Digest) -> Vec<i64> {
    d.stories.iter().map(|e| e.story_id).collect()
}

#[test]
fn ranks_by_coverage_then_novelty() {
    let d = digest();
    // harbour 5 sites; marathon 3 new; transit 4 articles from one site (1 + 3/2);
    // council 3 sites but continuing; library and hostile 1 each (tie: later last_seen).
    assert_eq!(ids(&d), vec![10, 40, 50, 30, 70, 20]);
    assert_eq!(
        d.stories_considered, 6,
        "the story with no article on the day is left out"
    );
    assert_eq!(d.articles_considered, 5 + 1 + 3 + 3 + 4 + 1);
    let by_id: HashMap<i64, _> = d.stories.iter().map(|e| (e.story_id, e)).collect();
    assert_eq!(by_id[&10].sites_today, 5);
    assert_eq!(by_id[&50].sites_today, 1);
    assert!(by_id[&40].new_story && !by_id[&30].new_story);
    assert_eq!(by_id[&30].previous_articles, 10);
    assert!(by_id[&40].score > by_id[&30].score);
    assert_eq!(by_id[&40].coverage, by_id[&30].coverage);
    assert!(d.stories.iter().enumerate().all(|(i, e)| e.rank == i + 1));
}

#[test]
fn five_sites_beat_one_and_new_beats_continuing_in_isolation() {
    let one_site = {
        let mut s = transit();
        s.id = 1;
        s.articles.truncate(1);
        s
    };
    let d = build_digest(DAY, &[one_site, harbour()], &DigestOptions::default()).unwrap();
    assert_eq!(ids(&d), vec![10, 1]);

    let mut continuing = marathon();
    continuing.id = 2;
    continuing.previous_days_articles = 1;
    let d = build_digest(DAY, &[continuing, marathon()], &DigestOptions::default()).unwrap();
    assert_eq!(ids(&d), vec![40, 2]);

    // Earlier articles in the input count as previous coverage too.
    let mut with_history = marathon();
    with_history.id = 3;
    with_history
        .articles
        .push(article(499, Some("x.example"), "2026-02-20", "Old", "Old."));
    let d = build_digest(DAY, &[with_history, marathon()], &DigestOptions::default()).unwrap();
    assert_eq!(ids(&d), vec![40, 3]);
    assert_eq!(d.stories[1].previous_articles, 1);
    assert_eq!(d.stories[1].articles_today, 3);
}

#[test]
fn summary_is_the_lead_of_the_most_central_article() {
    let d = digest();
    let harbour = &d.stories[0];
    assert_eq!(harbour.summary_article_id, HARBOUR_CENTRAL_ID);
    // Dateline stripped, two sentences, cut on the sentence boundary.
    assert_eq!(harbour.summary, HARBOUR_CENTRAL_LEAD);
    // The central article leads the links; the tangential opinion piece comes last.
    assert_eq!(harbour.links[0].id, HARBOUR_CENTRAL_ID);
    assert_eq!(harbour.links.last().unwrap().id, 101);

    let short = digest_with(&DigestOptions {
        summary_sentences: 1,
        ..DigestOptions::default()
    });
    assert_eq!(
        short.stories[0].summary,
        HARBOUR_CENTRAL_LEAD.split(". ").next().unwrap().to_string() + "."
    );
    let tight = digest_with(&DigestOptions {
        max_summary_chars: 60,
        ..DigestOptions::default()
    });
    let s = &tight.stories[0].summary;
    assert!(s.chars().count() <= 60 && s.ends_with('…'), "{s}");
}

#[test]
fn key_quotes_have_speakers_prefer_repeated_and_distinct_speakers() {
    let d = digest();
    let quotes = &d.stories[0].quotes;
    assert_eq!(quotes.len(), 3);
    // Carried by three articles: first.
    assert_eq!(
        quotes[0].text,
        "The wind picked up faster than any forecast we had"
    );
    assert_eq!(quotes[0].articles, 3);
    // Then other speakers before Varga's second quote; reported speech after direct.
    let speakers: Vec<&str> = quotes.iter().map(|q| q.speaker.as_str()).collect();
    assert_eq!(
        speakers,
        vec![
            "Harbour master Ines Varga",
            "Dock worker Sam Okafor",
            "Union steward Rhea Lind"
        ]
    );
    assert!(
        quotes.iter().all(|q| !q.text.contains("Nobody should")),
        "unattributed quotes are left out"
    );
    // Quotes link to their article.
    assert_eq!(
        quotes[1].href.as_deref(),
        Some("https://coastnews.example/news/102")
    );
    // People deduplicated case-insensitively.
    assert_eq!(d.stories[0].people, vec!["Ines Varga", "Sam Okafor"]);

    let one = digest_with(&DigestOptions {
        max_quotes: 1,
        max_quote_chars: 20,
        ..DigestOptions::default()
    });
    let q = &one.stories[0].quotes;
    assert_eq!(q.len(), 1);
    assert!(
        q[0].text.ends_with('…') && q[0].text.chars().count() <= 20,
        "{}",
        q[0].text
    );
}

#[test]
fn links_use_the_url_or_the_base_url_never_javascript() {
    let d = digest();
    let hostile = d.stories.iter().find(|e| e.story_id == 70).unwrap();
    assert_eq!(
        hostile.links[0].href.as_deref(),
        Some("https://desk.example/articles/701")
    );
    assert_eq!(
        hostile.quotes[0].href.as_deref(),
        Some("https://desk.example/articles/701")
    );
    let no_base = digest_with(&DigestOptions::default());
    let hostile = no_base.stories.iter().find(|e| e.story_id == 70).unwrap();
    assert_eq!(hostile.links[0].href, None);
    assert_eq!(
        no_base.stories[0].links[0].href.as_deref(),
        Some("https://dailywire.example/news/103")
    );
}

#[test]
fn limits_are_applied() {
    let d = digest_with(&DigestOptions {
        max_stories: 2,
        max_links: 3,
        ..DigestOptions::default()
    });
    assert_eq!(ids(&d), vec![10, 40]);
    assert_eq!(d.stories[0].links.len(), 3);
    assert_eq!(d.stories_considered, 6);
}

#[test]
fn bad_inputs_give_clear_errors_or_empty_digests() {
    for bad in ["2026-02-30", "yesterday", "2026-3-2", ""] {
        assert!(matches!(
            build_digest(bad, &[], &DigestOptions::default()),
            Err(DigestError::BadDate(_))
        ));
    }
    let err = build_digest(
        DAY,
        &[],
        &DigestOptions {
            base_url: Some("javascript:alert(1)".into()),
            ..DigestOptions::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("base URL"), "{err}");
    let empty = build_digest(DAY, &[], &DigestOptions::default()).unwrap();
    assert!(empty.stories.is_empty());
    assert!(to_html(&empty).contains("No stories for this day."));
    assert!(to_markdown(&empty).contains("No stories for this day."));

    // A story whose articles have no text at all still gets an entry.
    let mut blank = library();
    blank.title = String::new();
    blank.articles[0].body = String::new();
    blank.articles[0].title = "   ".into();
    let d = build_digest(DAY, &[blank], &DigestOptions::default()).unwrap();
    assert_eq!(d.stories[0].title, "Story 20");
    assert_eq!(d.stories[0].summary, "");

    // A title with line breaks (it is the e-mail subject) becomes one line; an article
    // listed twice counts once.
    let mut twice = library();
    twice.articles.push(twice.articles[0].clone());
    let d = build_digest(
        DAY,
        &[twice],
        &DigestOptions {
            title: Some("Morning\r\nBcc: x@example.org".into()),
            ..DigestOptions::default()
        },
    )
    .unwrap();
    assert_eq!(d.title, "Morning Bcc: x@example.org");
    assert_eq!(d.stories[0].articles_today, 1);

    // A huge article costs no more than its first max_text_bytes.
    let mut huge = library();
    huge.articles[0].body = "Word after word without a stop ".repeat(200_000);
    let d = build_digest(DAY, &[huge], &DigestOptions::default()).unwrap();
    assert!(d.stories[0].summary.chars().count() <= 400);
}

#[test]
fn html_is_email_safe_and_escapes_everything() {
    let html = to_html(&digest());
    assert!(html.starts_with("<!DOCTYPE html>"));
    for title in [
        "Crane collapses at Northgate harbour",
        "Marathon route moved to the waterfront",
        "Riverside library reopens",
    ] {
        assert!(html.contains(title), "{title}");
    }
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "no script element");
    assert!(!lower.contains("<style"), "inline CSS only");
    assert!(!lower.contains("<img") && !lower.contains("<link") && !lower.contains("src=\""));
    assert!(
        !lower.contains("javascript:alert(3)"),
        "javascript: URLs are never linked"
    );
    assert!(!lower.contains("onmouseover=alert") || lower.contains("&lt;b onmouseover=alert"));
    assert!(!lower.contains("<b onmouseover"));
    assert!(html.contains("&lt;script&gt;alert('t')&lt;/script&gt; Tom &amp; Jerry &lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;/p&gt;&lt;script&gt;alert(4)&lt;/script&gt;"));
    assert!(html.contains("&lt;Mallory&gt;"));
    assert!(html.contains("&lt;i&gt;site&lt;/i&gt;"));
    assert!(html.contains(r#"role="presentation""#), "table layout");
    assert!(html.contains("style=\""), "inline styles");
}

#[test]
fn markdown_shape_and_escaping() {
    let md = to_markdown(&digest());
    assert!(md.starts_with("# newsdesk digest for 2026-03-02\n\n"));
    assert!(md.contains(
        "## 1. [Crane collapses at Northgate harbour](<https://dailywire.example/news/103>)\n"
    ));
    assert!(md.contains("*New story · 5 articles from 5 sites*"));
    assert!(md.contains("*Continuing (10 earlier) · 3 articles from 3 sites*"));
    assert!(md.contains(&format!("\n{HARBOUR_CENTRAL_LEAD}\n")));
    assert!(md.contains(
        "> “The wind picked up faster than any forecast we had”  \n> — [Harbour master Ines Varga](<https://dailywire.example/news/103>)\n"
    ));
    assert!(md.contains(
        "> the union had warned about the crane for months  \n> — [Union steward Rhea Lind](<https://cityherald.example/news/104>) (reported speech)\n"
    ));
    assert!(md.contains("**People:** Ines Varga, Sam Okafor · **Places:** Northgate"));
    assert!(md.contains("- [Harbour crane falls in high winds](<https://coastnews.example/news/102>) — coastnews.example\n"));
    // Hostile text cannot open tags or links.
    assert!(!md.replace("\\<", "").contains("<script"));
    assert!(md.contains("\\<script\\>"));
    assert!(md.contains("\\[click\\](javascript:alert(5))"));
    assert!(!md.contains("(<javascript:"));
}

#[test]
fn json_round_trips_and_has_the_documented_shape() {
    let d = digest();
    let json = to_json(&d);
    let back: Digest = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["date"], "2026-03-02");
    let first = &v["stories"][0];
    for key in [
        "rank",
        "story_id",
        "title",
        "score",
        "coverage",
        "novelty",
        "new_story",
        "articles_today",
        "sites_today",
        "previous_articles",
        "summary",
        "summary_article_id",
        "quotes",
        "people",
        "places",
        "links",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["quotes"][0]["speaker"], "Harbour master Ines Varga");
    assert_eq!(
        first["links"][0]["href"],
        "https://dailywire.example/news/103"
    );
}

fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn smtp_settings_from_file_and_env() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newsdesk.toml");
    std::fs::write(
        &path,
        "[smtp]\nhost = \"mail.example\"\nuser = \"digest\"\npassword = \"secret\"\nfrom = \"newsdesk <digest@example.org>\"\nto = [\"a@example.org\", \"b@example.org\"]\ntls = \"tls\"\n",
    )
    .unwrap();
    let s = SmtpSettings::from_sources(Some(&path), &env(&[])).unwrap();
    assert_eq!(s.host, "mail.example");
    assert_eq!(s.port, 465);
    assert_eq!(s.tls, TlsMode::Tls);
    assert_eq!(s.to, vec!["a@example.org", "b@example.org"]);
    assert!(
        !format!("{s:?}").contains("secret"),
        "password hidden from Debug"
    );

    // The environment overrides the file key by key.
    let s = SmtpSettings::from_sources(
        Some(&path),
        &env(&[
            ("NEWSDESK_SMTP_HOST", "127.0.0.1"),
            ("NEWSDESK_SMTP_PORT", "2525"),
            ("NEWSDESK_SMTP_TLS", "none"),
            ("NEWSDESK_SMTP_TO", "c@example.org, d@example.org"),
            ("NEWSDESK_SMTP_USER", ""),
        ]),
    )
    .unwrap();
    assert_eq!(
        (s.host.as_str(), s.port, s.tls),
        ("127.0.0.1", 2525, TlsMode::None)
    );
    assert_eq!(s.to, vec!["c@example.org", "d@example.org"]);
    assert_eq!(
        s.user.as_deref(),
        Some("digest"),
        "empty variables do not override"
    );

    // Top-level keys work too; defaults: starttls on 587.
    std::fs::write(
        &path,
        "host = \"m\"\nfrom = \"x@example.org\"\nto = \"y@example.org\"\n",
    )
    .unwrap();
    let s = SmtpSettings::from_sources(Some(&path), &env(&[])).unwrap();
    assert_eq!((s.port, s.tls), (587, TlsMode::StartTls));
}

#[test]
fn smtp_settings_errors_are_clear() {
    let err = SmtpSettings::from_sources(None, &env(&[("NEWSDESK_SMTP_HOST", "m")])).unwrap_err();
    assert!(matches!(err, SmtpError::Missing(_)));
    let msg = err.to_string();
    assert!(
        msg.contains("from (NEWSDESK_SMTP_FROM)") && msg.contains("to (NEWSDESK_SMTP_TO)"),
        "{msg}"
    );
    assert!(!msg.contains("host ("), "{msg}");

    let base = [
        ("NEWSDESK_SMTP_HOST", "m"),
        ("NEWSDESK_SMTP_FROM", "x@example.org"),
        ("NEWSDESK_SMTP_TO", "y@example.org"),
    ];
    let with = |extra: (&'static str, &'static str)| {
        let mut v = base.to_vec();
        v.push(extra);
        SmtpSettings::from_sources(None, &env(&v))
            .unwrap_err()
            .to_string()
    };
    assert!(with(("NEWSDESK_SMTP_PORT", "70000")).contains("NEWSDESK_SMTP_PORT"));
    assert!(with(("NEWSDESK_SMTP_TLS", "maybe")).contains("none, starttls, tls"));
    assert!(with(("NEWSDESK_SMTP_PASSWORD", "pw")).contains("no user"));
    assert!(with(("NEWSDESK_SMTP_TO", "not an address")).contains("not an e-mail address"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[smtp]\nhots = \"typo\"\n").unwrap();
    let err = SmtpSettings::from_sources(Some(&path), &env(&[])).unwrap_err();
    assert!(matches!(err, SmtpError::ParseConfig { .. }), "{err}");
    assert!(
        err.to_string().contains("bad.toml") && err.to_string().contains("hots"),
        "{err}"
    );
    std::fs::write(&path, "[smtp\n").unwrap();
    assert!(matches!(
        SmtpSettings::from_sources(Some(&path), &env(&[])).unwrap_err(),
        SmtpError::ParseConfig { .. }
    ));
    let missing = dir.path().join("none.toml");
    assert!(matches!(
        SmtpSettings::from_sources(Some(&missing), &env(&[])).unwrap_err(),
        SmtpError::ReadConfig { .. }
    ));
}
