//! The seed page check, run by hand: it reads the shared data folder at run time
//! (never copied into the repository) and is ignored by a plain `cargo test`.
//!
//! ```text
//! cargo test -p newsdesk-extract --test text_seed -- --ignored
//! NEWSDESK_SHARED=/path/to/shared cargo test -p newsdesk-extract --test text_seed -- --ignored
//! ```

use newsdesk_extract::{extract, Options};
use serde_json::Value;
use std::path::PathBuf;

fn shared_dir() -> PathBuf {
    std::env::var_os("NEWSDESK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

#[test]
#[ignore = "reads the shared seed page; run by hand with --ignored"]
fn seed_page_matches_its_hand_annotation() {
    let seed = shared_dir().join("seed");
    let page_path = seed.join("000_89c13c65d3e9c424.txt");
    let (Ok(page), Ok(gold)) = (
        std::fs::read(&page_path),
        std::fs::read(seed.join("gold.json")),
    ) else {
        eprintln!("seed not found under {}: nothing checked", seed.display());
        return;
    };
    let gold: Value = serde_json::from_slice(&gold).unwrap();
    let a = extract(&page, "seed", &Options::default()).unwrap();
    assert_eq!(a.title.as_deref(), gold["title"].as_str(), "title");
    assert_eq!(a.dek.as_deref(), gold["dek"].as_str(), "dek");
    let authors: Vec<&str> = gold["authors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(a.authors, authors, "authors");
    let paragraphs: Vec<&str> = gold["body_paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let got: Vec<&str> = a.body.split('\n').collect();
    assert_eq!(got, paragraphs, "body paragraphs");
    for b in gold["boilerplate"].as_array().unwrap() {
        let b = b.as_str().unwrap();
        assert!(!a.body.contains(b), "boilerplate in body: {b:?}");
    }
    assert_eq!(a.language.as_deref(), Some("en"));
    assert!(a.published.is_none(), "the page states no date");
}
