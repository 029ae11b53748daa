//! Load test on loopback: client threads with keep-alive connections send a fixed
//! number of requests (a mix of pages and API calls) to a server over a store of
//! generated articles; every answer must be 200 and the run must finish in bounded time.
//! Prints throughput and latency percentiles.
//!
//! The short version runs with `cargo test`; the long one prints the figures to quote:
//! `cargo test -p newsdesk-serve --release --test load -- --ignored --nocapture`

mod common;

use common::*;
use newsdesk_analyze::AnalyzedArticle;
use newsdesk_serve::Config;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `n` articles made from the fixtures: new URLs, dates spread over two years, and
/// speakers renamed so there are many people.
fn generated_articles(n: usize) -> Vec<AnalyzedArticle> {
    let base = fixture_articles();
    let first = [
        "Maria", "Tomas", "Priya", "Jonas", "Leila", "Kwame", "Ines", "Oskar",
    ];
    let last = [
        "Okafor",
        "Lindqvist",
        "Raman",
        "Berg",
        "Haddad",
        "Mensah",
        "Duarte",
        "Novak",
    ];
    (0..n)
        .map(|i| {
            let mut doc = base[i % base.len()].clone();
            let url = format!("https://gazette.example/gen/{i}");
            doc.article.canonical_url = Some(url.clone());
            doc.article.source = url;
            let month = 1 + (i % 12);
            let day = 1 + (i % 28);
            let year = 2023 + (i / 12) % 2;
            doc.article.published = Some(format!("{year}-{month:02}-{day:02}"));
            doc.article.title = Some(format!("{} (report {i})", doc.article.title.unwrap()));
            let rename = format!(
                "{} {}",
                first[i % first.len()],
                last[(i / first.len()) % last.len()]
            );
            for q in &mut doc.analysis.quotes {
                if let Some(s) = &mut q.speaker {
                    if s.name.as_deref() == Some("Maria Okafor") {
                        s.name = Some(rename.clone());
                    }
                }
            }
            for p in &mut doc.analysis.people {
                if p.name == "Maria Okafor" {
                    p.name = rename.clone();
                }
            }
            doc
        })
        .collect()
}

struct Figures {
    requests: usize,
    errors: usize,
    elapsed: Duration,
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn run_load(articles: usize, threads: usize, requests: usize) -> Figures {
    let dir = temp_dir();
    fill_store(dir.path(), &generated_articles(articles));
    let server = start(dir.path(), None, Config::default());
    let b = base(&server);
    // Ids and people to ask for, taken from the API itself.
    let (_, body) = get(&format!("{b}/api/articles?limit=100"));
    let ids: Vec<String> = json(&body)["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    let (_, body) = get(&format!("{b}/api/people?limit=50"));
    let people: Vec<String> = json(&body)["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!ids.is_empty() && !people.is_empty());
    let paths: Arc<Vec<String>> = Arc::new(
        (0..64)
            .map(|i| match i % 8 {
                0 => "/".to_string(),
                1 => format!("/articles/{}", ids[i % ids.len()]),
                2 => format!("/people/{}", people[i % people.len()]),
                3 => "/search?q=reservoir+water".to_string(),
                4 => format!("/api/articles/{}", ids[(i * 7) % ids.len()]),
                5 => "/api/search?q=rationing&kind=quotes".to_string(),
                6 => format!("/api/people/{}", people[(i * 3) % people.len()]),
                _ => "/api/quotes?speaker=raman&limit=20".to_string(),
            })
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (paths, next, errors, b) = (paths.clone(), next.clone(), errors.clone(), b.clone());
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new()
                    .timeout(Duration::from_secs(30))
                    .build();
                let mut latencies = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        break;
                    }
                    let t = Instant::now();
                    let ok = match agent.get(&format!("{b}{}", paths[i % paths.len()])).call() {
                        Ok(r) => r.status() == 200 && r.into_string().is_ok_and(|s| !s.is_empty()),
                        Err(_) => false,
                    };
                    latencies.push(t.elapsed());
                    if !ok {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies
            })
        })
        .collect();
    let mut all: Vec<Duration> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let elapsed = started.elapsed();
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    let f = Figures {
        requests: all.len(),
        errors: errors.load(Ordering::Relaxed),
        elapsed,
        p50: pct(0.50),
        p99: pct(0.99),
        max: *all.last().unwrap(),
    };
    eprintln!(
        "load: {} articles, {threads} client threads, {} requests in {:.2} s = {:.0} req/s; \
         errors {}; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        articles,
        f.requests,
        f.elapsed.as_secs_f64(),
        f.requests as f64 / f.elapsed.as_secs_f64(),
        f.errors,
        f.p50.as_secs_f64() * 1e3,
        f.p99.as_secs_f64() * 1e3,
        f.max.as_secs_f64() * 1e3,
    );
    f
}

#[test]
fn short_load_has_no_errors() {
    let f = run_load(60, 4, 600);
    assert_eq!(f.requests, 600);
    assert_eq!(f.errors, 0);
    assert!(
        f.elapsed < Duration::from_secs(60),
        "bounded: {:?}",
        f.elapsed
    );
}

#[test]
#[ignore = "long load test: run in --release with --ignored --nocapture for figures"]
fn long_load_figures() {
    let f = run_load(1000, 8, 20_000);
    assert_eq!(f.requests, 20_000);
    assert_eq!(f.errors, 0);
    assert!(
        f.elapsed < Duration::from_secs(120),
        "bounded: {:?}",
        f.elapsed
    );
}
