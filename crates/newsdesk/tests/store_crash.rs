//! Crash safety of `newsdesk ingest`: the real binary is killed with SIGKILL in the
//! middle of ingesting 2,000 HTML pages, twice, then run to the end. The pages go
//! through the whole pipeline under the kills: extract → analyze → relate → store.
//! After every crash each document is either fully present (record, quotes, index
//! documents, story and copy group) or fully absent, database and index agree, and
//! after the last run every document is there exactly once.
//!
//! What "fully present" means for a page is what the pipeline makes of it: the test
//! runs extract and analyze on each page itself (as `ingest` does) and expects exactly
//! those quotes in the store and the index.

use newsdesk_analyze::{analyze_article, AnalyzeOptions};
use newsdesk_extract::Options;
use newsdesk_store::{DocKind, SearchQuery, Store};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 2_000;
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
const TOPICS: [&str; 5] = [
    "river district",
    "harbour tunnel",
    "school budget",
    "tram extension",
    "flood barrier",
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

/// Document `i` as a news page: site chrome around an article with two attributed
/// quotes that carry its marker.
fn page(i: usize) -> String {
    let m = marker(i);
    let speaker = NAMES[i % NAMES.len()];
    let surname = speaker.rsplit(' ').next().unwrap();
    let topic = TOPICS[i % TOPICS.len()];
    let (month, day) = (1 + i % 12, 1 + i % 28);
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council weighs {topic} plan, part {i} | Crash Test Daily</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="Crash Test Daily">
<meta property="article:published_time" content="2024-{month:02}-{day:02}T09:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Council weighs {topic} plan, part {i}</h1>
<p>The council met on Monday to discuss the {m} proposal for the {topic}, which has been debated for two years.</p>
<p>“We will study the {m} plan closely before anyone votes on it,” said {speaker}, a spokesperson for the council.</p>
<p>Residents said the {m} plan would change how the {topic} is used at night, and several asked for a public hearing first.</p>
<p>“Nobody should expect the {m} decision to come quickly this month,” {surname} said.</p>
<p>Officials expect a vote on {m} before the end of the month, after the hearing.</p>
</article></main>
<footer><p>© Crash Test Daily. All rights reserved.</p></footer>
</body></html>
"#,
        url = url(i),
    )
}

/// Quote count that extract → analyze give document `i`, and how many of them
/// are attributed to a speaker named Okafor.
fn expected_quotes(i: usize) -> (usize, usize) {
    let article = newsdesk_extract::extract(
        page(i).as_bytes(),
        &format!("doc-{i:04}.html"),
        &Options::default(),
    )
    .expect("the test page extracts");
    let analysed = analyze_article(&article, &AnalyzeOptions::default());
    let okafor = analysed
        .analysis
        .quotes
        .iter()
        .filter(|q| {
            q.speaker
                .as_ref()
                .and_then(|s| s.name.as_deref())
                .is_some_and(|n| n.contains("Okafor"))
        })
        .count();
    (analysed.analysis.quotes.len(), okafor)
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
fn check_all_or_nothing(data: &Path, expected: &[usize]) -> usize {
    let store = Store::open(data).expect("store reopens after a crash");
    let v = store.verify().unwrap();
    assert!(v.is_consistent(), "database and index disagree: {v:?}");
    let stats = store.stats().unwrap();
    assert_eq!(
        stats.versions, stats.articles,
        "a document was stored twice"
    );
    let mut present = 0;
    let mut present_quotes = 0;
    for (i, &want_quotes) in expected.iter().enumerate() {
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
                present_quotes += want_quotes;
                assert_eq!(r.version_count, 1, "doc {i} has several versions");
                assert_eq!(r.analysis.quotes.len(), want_quotes, "doc {i} analysis");
                assert_eq!(
                    (articles, quotes, hits.total),
                    (1, want_quotes, 1 + want_quotes),
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
        stats.quotes, present_quotes,
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
    let mut expected = Vec::with_capacity(DOCS);
    let mut okafor_quotes = 0;
    for i in 0..DOCS {
        std::fs::write(inputs.join(format!("doc-{i:04}.html")), page(i)).unwrap();
        let (quotes, okafor) = expected_quotes(i);
        expected.push(quotes);
        okafor_quotes += okafor;
    }
    // The pages exercise quote storage: analysis finds at least the two direct quotes
    // (reported speech may add more), and attributes both to their speaker.
    assert!(
        expected.iter().all(|&q| q >= 2),
        "analysis of the test pages: {:?}",
        &expected[..8]
    );
    assert_eq!(okafor_quotes, DOCS / NAMES.len() * 2);

    assert!(
        ingest_and_kill(&inputs, &data, 300),
        "ingest finished before the first kill"
    );
    let after_first = check_all_or_nothing(&data, &expected);
    eprintln!("after the first kill: {after_first} of {DOCS} documents present");
    assert!(
        (300..DOCS).contains(&after_first),
        "{after_first} present after the first kill"
    );

    // The second run starts over the same inputs: the first ones are unchanged.
    let killed = ingest_and_kill(&inputs, &data, after_first + 400);
    let after_second = check_all_or_nothing(&data, &expected);
    eprintln!("after the second kill (killed: {killed}): {after_second} present");
    assert!(after_second >= after_first + 400 || !killed);

    let status = spawn_ingest(&inputs, &data).wait().unwrap();
    assert!(status.success(), "the last run fails: {status}");
    assert_eq!(check_all_or_nothing(&data, &expected), DOCS);

    let store = Store::open(&data).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.articles, stats.versions, stats.quotes),
        (DOCS, DOCS, expected.iter().sum::<usize>())
    );
    let per_speaker = store.quotes_by_speaker("Okafor", 1000, 0).unwrap();
    assert_eq!(per_speaker.len(), okafor_quotes);
    assert!(per_speaker.windows(2).all(|w| w[0].date >= w[1].date));
}
