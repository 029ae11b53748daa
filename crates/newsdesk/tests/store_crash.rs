//! Crash safety of `newsdesk ingest`: the real binary is killed with SIGKILL in the
//! middle of ingesting 2,000 documents, twice, then run to the end. After every crash
//! each document is either fully present (record, quotes, index documents) or fully
//! absent, database and index agree, and after the last run every document is there
//! exactly once.
//!
//! The documents are JSON records as `newsdesk analyze` prints them (article plus
//! quotes and people), so the test checks quotes end to end whatever the state of the
//! extract and analyze stages.

use newsdesk_analyze::{
    Analysis, AnalyzedArticle, Mention, Person, Quote, QuoteKind, Speaker, SpeakerKind, TextPart,
};
use newsdesk_extract::Article;
use newsdesk_store::{DocKind, SearchQuery, Store};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 2_000;
const QUOTES_PER_DOC: usize = 2;
const NAMES: [&str; 8] = [
    "Amara Okafor",
    "Bjorn Lind",
    "Chen Wei",
    "Dolores Vega",
    "Emil Novak",
    "Fatima Haddad",
    "Goran Petrovic",
    "Hana Sato",
];

/// A letters-only marker unique to document `i` ("docmark" + its number spelled in letters).
fn marker(i: usize) -> String {
    let digits = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    let spelled: String = i
        .to_string()
        .chars()
        .map(|c| digits[c as usize - '0' as usize])
        .collect();
    format!("docmark{spelled}")
}

fn url(i: usize) -> String {
    format!("https://crash.example/news/{i}")
}

fn quote(text: String, speaker: &str) -> Quote {
    Quote {
        end: text.chars().count(),
        text,
        start: 0,
        fragments: vec![],
        kind: QuoteKind::Direct,
        cue: None,
        speaker: Some(Speaker {
            mention: None,
            name: Some(speaker.to_string()),
            role: Some("spokesperson".into()),
            kind: SpeakerKind::Person,
        }),
        part: TextPart::Body,
    }
}

fn document(i: usize) -> AnalyzedArticle {
    let m = marker(i);
    let speaker = NAMES[i % NAMES.len()];
    let body = format!(
        "The council met on Monday to discuss the {m} proposal for the river district.\n\
         Residents said the plan would change how the bridge is used at night.\n\
         Officials expect a vote before the end of the month, after a public hearing.\n\
         The proposal has been debated for two years."
    );
    AnalyzedArticle {
        article: Article {
            source: format!("doc-{i:04}.json"),
            title: Some(format!("Council weighs river plan, part {i}")),
            published: Some(format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
            site_name: Some("Crash Test Daily".into()),
            canonical_url: Some(url(i)),
            word_count: newsdesk_extract::count_words(&body),
            body,
            ..Default::default()
        },
        analysis: Analysis {
            quotes: (0..QUOTES_PER_DOC)
                .map(|k| {
                    quote(
                        format!("We will study the {m} plan closely, point {k}"),
                        speaker,
                    )
                })
                .collect(),
            people: vec![Person {
                name: speaker.to_string(),
                mentions: vec![Mention {
                    text: speaker.to_string(),
                    start: 0,
                    end: speaker.len(),
                    part: TextPart::Body,
                }],
                roles: vec!["spokesperson".into()],
            }],
            ..Default::default()
        },
    }
}

fn spawn_ingest(inputs: &Path, data: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .arg("ingest")
        .arg(inputs)
        .arg("--data")
        .arg(data)
        .args(["--batch-size", "40", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("newsdesk runs")
}

/// Articles committed so far, read beside the running writer.
fn committed(data: &Path) -> usize {
    Store::open_read_only(data)
        .and_then(|s| s.stats())
        .map(|s| s.articles)
        .unwrap_or(0)
}

/// Run ingest and SIGKILL it once at least `at_least` articles are committed.
/// Returns false if it finished before it could be killed.
fn ingest_and_kill(inputs: &Path, data: &Path, at_least: usize) -> bool {
    let mut child = spawn_ingest(inputs, data);
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if committed(data) >= at_least {
            break;
        }
        assert!(Instant::now() < deadline, "ingest made no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    true
}

/// Open the store (which recovers) and check every document is all there or all absent.
/// Returns how many are present.
fn check_all_or_nothing(data: &Path) -> usize {
    let store = Store::open(data).expect("store reopens after a crash");
    let v = store.verify().unwrap();
    assert!(v.is_consistent(), "database and index disagree: {v:?}");
    let stats = store.stats().unwrap();
    assert_eq!(
        stats.versions, stats.articles,
        "a document was stored twice"
    );
    let mut present = 0;
    for i in 0..DOCS {
        let record = store.article_by_url(&url(i)).unwrap();
        let mut q = SearchQuery::new(marker(i));
        q.limit = 10;
        let hits = store.search(&q).unwrap();
        let articles = hits
            .hits
            .iter()
            .filter(|h| h.kind == DocKind::Article)
            .count();
        let quotes = hits
            .hits
            .iter()
            .filter(|h| h.kind == DocKind::Quote)
            .count();
        match record {
            Some(r) => {
                present += 1;
                assert_eq!(r.version_count, 1, "doc {i} has several versions");
                assert_eq!(r.analysis.quotes.len(), QUOTES_PER_DOC, "doc {i} analysis");
                assert_eq!(
                    (articles, quotes, hits.total),
                    (1, QUOTES_PER_DOC, 1 + QUOTES_PER_DOC),
                    "doc {i}: index documents"
                );
                assert!(hits.hits.iter().all(|h| h.article.id == r.id));
                // Relate rows come with the article (same transaction).
                assert!(store.story_of(r.id).unwrap().is_some(), "doc {i}: no story");
                assert!(
                    store.copies_of(r.id).unwrap().is_some(),
                    "doc {i}: no copy group"
                );
            }
            None => assert_eq!(
                hits.total, 0,
                "doc {i} absent from the database but indexed"
            ),
        }
    }
    assert_eq!(present, stats.articles);
    assert_eq!(
        stats.quotes,
        present * QUOTES_PER_DOC,
        "quotes of absent documents remain"
    );
    present
}

#[test]
fn ingest_survives_sigkill_without_partial_or_duplicate_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("inputs");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&inputs).unwrap();
    for i in 0..DOCS {
        let json = serde_json::to_vec(&document(i)).unwrap();
        std::fs::write(inputs.join(format!("doc-{i:04}.json")), json).unwrap();
    }

    assert!(
        ingest_and_kill(&inputs, &data, 300),
        "ingest finished before the first kill"
    );
    let after_first = check_all_or_nothing(&data);
    eprintln!("after the first kill: {after_first} of {DOCS} documents present");
    assert!(
        (300..DOCS).contains(&after_first),
        "{after_first} present after the first kill"
    );

    // The second run starts over the same inputs: the first ones are unchanged.
    let killed = ingest_and_kill(&inputs, &data, after_first + 400);
    let after_second = check_all_or_nothing(&data);
    eprintln!("after the second kill (killed: {killed}): {after_second} present");
    assert!(after_second >= after_first + 400 || !killed);

    let status = spawn_ingest(&inputs, &data).wait().unwrap();
    assert!(status.success(), "the last run fails: {status}");
    assert_eq!(check_all_or_nothing(&data), DOCS);

    let store = Store::open(&data).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.articles, stats.versions, stats.quotes),
        (DOCS, DOCS, DOCS * QUOTES_PER_DOC)
    );
    let per_speaker = store.quotes_by_speaker("Okafor", 1000, 0).unwrap();
    assert_eq!(per_speaker.len(), DOCS / NAMES.len() * QUOTES_PER_DOC);
    assert!(per_speaker.windows(2).all(|w| w[0].date >= w[1].date));
}
