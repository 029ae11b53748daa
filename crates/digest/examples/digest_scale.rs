//! Times `build_digest` and the renderers on a synthetic day: `STORIES` stories (default
//! 5 000) of 1–8 articles with ~1.5 KB bodies and a few quotes each.
//!
//! `cargo run --release -p newsdesk-digest --example digest_scale [STORIES [MAX_STORIES]]`

use newsdesk_digest::{
    build_digest, to_html, to_markdown, DigestArticle, DigestOptions, DigestQuote, DigestStory,
};
use std::time::Instant;

const WORDS: &[&str] = &[
    "council",
    "harbour",
    "bridge",
    "storm",
    "minister",
    "budget",
    "river",
    "school",
    "court",
    "strike",
    "election",
    "hospital",
    "museum",
    "rail",
    "airport",
    "festival",
    "police",
    "fire",
    "market",
    "energy",
    "water",
    "housing",
    "transport",
    "climate",
    "trade",
    "union",
    "farm",
];

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5_000);
    let max_stories: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut stories = Vec::with_capacity(n);
    let mut article_id = 0;
    for s in 0..n {
        let topic = [
            WORDS[s % WORDS.len()],
            WORDS[(s / WORDS.len()) % WORDS.len()],
        ];
        let articles: Vec<DigestArticle> = (0..1 + next() % 8)
            .map(|_| {
                article_id += 1;
                let mut body = String::new();
                for k in 0..200 {
                    let w = if k % 5 == 0 {
                        topic[k / 5 % 2]
                    } else {
                        WORDS[(next() % WORDS.len() as u64) as usize]
                    };
                    body.push_str(w);
                    body.push_str(if k % 17 == 16 { ". " } else { " " });
                }
                DigestArticle {
                    id: article_id,
                    title: format!("{} {} news {article_id}", topic[0], topic[1]),
                    url: Some(format!(
                        "https://site{}.example/a/{article_id}",
                        next() % 40
                    )),
                    site: None,
                    date: if next() % 4 == 0 {
                        "2026-03-01".into()
                    } else {
                        "2026-03-02T10:00:00Z".into()
                    },
                    dek: None,
                    body,
                }
            })
            .collect();
        let quotes = articles
            .iter()
            .map(|a| DigestQuote {
                text: format!(
                    "the {} plan for {} will go ahead as agreed",
                    topic[0], topic[1]
                ),
                speaker: Some(format!("Speaker {}", next() % 5)),
                article_id: a.id,
                direct: next() % 2 == 0,
            })
            .collect();
        stories.push(DigestStory {
            id: s as i64,
            title: format!("{} {}", topic[0], topic[1]),
            first_seen: None,
            last_seen: None,
            articles,
            quotes,
            people: vec![],
            places: vec![],
            previous_days_articles: (next() % 3) as usize,
        });
    }
    let bytes: usize = stories
        .iter()
        .flat_map(|s| &s.articles)
        .map(|a| a.body.len())
        .sum();
    let t = Instant::now();
    let digest = build_digest(
        "2026-03-02",
        &stories,
        &DigestOptions {
            max_stories,
            ..DigestOptions::default()
        },
    )
    .unwrap();
    let build = t.elapsed();
    let t = Instant::now();
    let html = to_html(&digest);
    let md = to_markdown(&digest);
    let render = t.elapsed();
    println!(
        "{n} stories (top {max_stories}), {article_id} articles, {:.1} MB of body text: build_digest {:.1} ms, render HTML+Markdown {:.2} ms ({} + {} bytes)",
        bytes as f64 / 1e6,
        build.as_secs_f64() * 1e3,
        render.as_secs_f64() * 1e3,
        html.len(),
        md.len()
    );
}
