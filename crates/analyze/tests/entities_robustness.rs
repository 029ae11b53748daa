//! Hostile input for the entity and event finders: no panic, bounded time.

use std::time::{Duration, Instant};

use newsdesk_analyze::entities::find_entities;
use newsdesk_analyze::events::find_events;

fn run(text: &str) -> Duration {
    let t = Instant::now();
    let e = find_entities(text);
    let _ = find_events(text, &e, Some("2030-03-20"));
    let _ = find_events(text, &e, Some("not a date"));
    let _ = e.resolve("Mr. Somebody");
    t.elapsed()
}

/// Generous bound for a debug build on a shared machine; the point is linear time.
const BOUND: Duration = Duration::from_secs(60);

#[test]
fn huge_unpunctuated_text() {
    let unit = "Mr Smith met John Brown in Paris Monday talks meeting will the Council of Zed ";
    let text = unit.repeat(2_000_000 / unit.len());
    assert!(run(&text) < BOUND);
}

#[test]
fn many_distinct_names_and_honorifics() {
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!(
            "John Q{i}x said Mr Zz{i}k met Ms. Rr{i}q at a meeting in Oslo on Monday. "
        ));
    }
    assert!(run(&text) < BOUND);
}

#[test]
fn binary_and_non_english_text() {
    let bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let lossy = String::from_utf8_lossy(&bytes).into_owned();
    run(&lossy);
    run("Президент Владимир Путин встретился в Москве в понедельник. 习近平周一在北京会见了代表团。");
    run("Der Bundeskanzler Olaf Scholz traf am Montag in Berlin die Ministerin.");
    run("“ ” ‘ ’ \" ' Mr. Ms. . . , , — – Mr Mr Mr Ms Ms , said , told “");
    run("");
    run("\u{0}\u{feff}Mr\u{301}. S\u{301}mith’s");
}

#[test]
fn long_capitalised_runs() {
    let text = "Alpha Beta Gamma Delta Council ".repeat(50_000);
    assert!(run(&text) < BOUND);
    let text = "A ".repeat(500_000);
    assert!(run(&text) < BOUND);
}

/// 10 MB of prose-like text without punctuation; run in release to measure:
/// `cargo test --release -p newsdesk-analyze --test entities_robustness -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release"]
fn ten_megabytes() {
    let unit = "Deputy Minister Anna Berg met Mr Smith and John Brown in Paris on Monday talks \
                at the Council of Zed Institute with officials of NATO and the White House ";
    let text = unit.repeat(10_000_000 / unit.len());
    let t = run(&text);
    eprintln!("{} bytes: {:?}", text.len(), t);
    let mut punctuated = String::new();
    while punctuated.len() < 10_000_000 {
        punctuated.push_str("Ms. Anna Berg said the talks in Oslo on Monday went well. ");
        punctuated
            .push_str("Mr. Berk, a senior fellow at the Zed Institute, told “Radio Zed News” so. ");
    }
    let t = run(&punctuated);
    eprintln!("{} bytes punctuated: {:?}", punctuated.len(), t);
}

#[test]
fn entities_from_another_text_do_not_panic() {
    let long = "Deputy Minister Anna Berg met Mr Smith in Paris on Monday at a meeting of the \
                Zed Council. Ms. Berg and Mr. Smith will attend the session. "
        .repeat(20);
    let e = find_entities(&long);
    let _ = find_events("Talks in Oslo on Monday.", &e, Some("2030-03-20"));
    let _ = find_events("", &e, None);
    let short = find_entities("Talks.");
    let _ = find_events(&long, &short, Some("2030-03-20"));
}

#[test]
fn random_token_soup_does_not_panic() {
    const PIECES: &[&str] = &[
        "Mr",
        "Ms",
        ".",
        ",",
        "“",
        "”",
        "’s",
        "Anna",
        "Berg",
        "said",
        "Deputy",
        "Minister",
        "of",
        "the",
        "State",
        "Department",
        "Council",
        "in",
        "Paris",
        "on",
        "Monday",
        "’",
        "talks",
        "meeting",
        "session",
        "will",
        "met",
        "with",
        "Gov",
        "II",
        "\n",
        "a",
        "and",
        "former",
        "fellow",
        "U.S.",
        "NATO",
        "-based",
        "Zed",
        "January",
        "10",
        "2030",
        "!",
        "Center",
        "for",
        "at",
        "said",
        "de",
        "R",
        "é",
        "—",
        "(",
        ")",
        "last",
        "next",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut text = String::new();
        let len = (state % 40) as usize;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            if state & 3 != 0 {
                text.push(' ');
            }
        }
        run(&text);
    }
}
