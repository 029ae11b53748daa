//! Prints the people, organisations and places found in the quote benchmark's dev
//! texts, for eyeballing precision (there is no entity gold there). Run on demand:
//! `cargo test -p newsdesk-analyze --test entities_dev_eyeball -- --ignored --nocapture`.

use newsdesk_analyze::entities::find_entities;
use newsdesk_analyze::events::find_events;

#[test]
#[ignore = "needs /work/shared/bench/quotes/dev.jsonl; prints for eyeballing"]
fn print_dev_entities() {
    let path = std::env::var("NEWSDESK_QUOTES_DEV")
        .unwrap_or_else(|_| "/work/shared/bench/quotes/dev.jsonl".to_string());
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("dev set not found; skipping");
        return;
    };
    let limit: usize = std::env::var("N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    for line in data.lines().take(limit) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or("");
        let e = find_entities(text);
        println!("== {}", v["doc_id"].as_str().unwrap_or("?"));
        for p in &e.people {
            let forms: Vec<&str> = p.mentions.iter().map(|m| m.text.as_str()).collect();
            println!("  P {} {:?} {:?}", p.name, p.roles, forms);
        }
        let orgs: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
        let places: Vec<&str> = e.places.iter().map(|o| o.name.as_str()).collect();
        println!("  O {orgs:?}\n  L {places:?}");
        // The doc id carries the publication date: "publisher_YYYY-MM-DD_slug".
        let id = v["doc_id"].as_str().unwrap_or("");
        let published = id.split('_').nth(1);
        for ev in find_events(text, &e, published) {
            let when = ev
                .when
                .as_ref()
                .map(|w| format!("{} = {:?}", w.text, w.date));
            println!(
                "  E {} | {:?} | {:?} | {:?}",
                ev.what, ev.place, when, ev.participants
            );
        }
    }
}
