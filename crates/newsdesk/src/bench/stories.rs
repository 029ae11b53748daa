//! `newsdesk bench stories FILE.jsonl`: online story clustering on a labelled set.
//! Feeds the articles through a [`StoryClusterer`] in `date` order where present
//! (file order otherwise), optionally writes `{"id","cluster"}` predictions, and prints
//! the figures of `score_clusters.py` (BCubed and pairwise P/R/F1, reimplemented in
//! [`score_clusters`]), plus speed and memory. With `--analyze`, the people and places
//! that the analyze stage finds are passed to the clusterer too.

use super::dedup::{read_docs, Doc};
use super::rusage;
use anyhow::{bail, Context, Result};
use clap::Args;
use newsdesk_relate::{StoryClusterer, StoryConfig, StoryInput};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `newsdesk bench stories`.
#[derive(Args, Debug)]
pub struct StoriesBenchArgs {
    /// Articles with gold labels, one JSON object per line.
    pub file: PathBuf,
    /// Write `{"id","cluster"}` lines here.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    /// Gold label field; default `event` if the first record has it, else `incident`.
    #[arg(long)]
    pub label: Option<String>,
    /// Override the similarity threshold (for exploration).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Override the time window in days; 0 means none (for exploration).
    #[arg(long)]
    pub window_days: Option<i32>,
    /// Count every article's terms in the document frequencies before the stream
    /// (IDF from the whole unlabelled file, as an offline method would have).
    #[arg(long)]
    pub warm_idf: bool,
    /// A background corpus (JSONL with `text` and optional `title` per line, e.g. any
    /// unrelated news articles) counted in the document frequencies before the stream,
    /// so IDF is sensible from the first article. Online: the stream itself is not read
    /// ahead.
    #[arg(long)]
    pub background: Option<PathBuf>,
    /// Override the size exponent (for exploration).
    #[arg(long)]
    pub size_exponent: Option<f32>,
    /// Override the time decay (for exploration).
    #[arg(long)]
    pub time_decay: Option<f32>,
    /// Override the year mismatch factor (for exploration).
    #[arg(long)]
    pub year_mismatch_factor: Option<f32>,
    /// Override the undated top discount (for exploration).
    #[arg(long)]
    pub undated_top_discount: Option<f32>,
    /// Override the title weight (for exploration).
    #[arg(long)]
    pub title_weight: Option<f32>,
    /// Override the name weight (for exploration).
    #[arg(long)]
    pub name_weight: Option<f32>,
    /// Override the number weight (for exploration).
    #[arg(long)]
    pub number_weight: Option<f32>,
    /// Override the pseudo-documents of the IDF prior (for exploration).
    #[arg(long)]
    pub idf_prior_docs: Option<f32>,
    /// Override the document frequency the IDF prior assumes (for exploration).
    #[arg(long)]
    pub idf_prior_df: Option<f32>,
    /// Run the analyze stage on each article first and pass the people and places it
    /// finds (analysis time is not counted in the clustering CPU).
    #[arg(long)]
    pub analyze: bool,
}

/// People and places the analyze stage finds in an article's body.
struct Names {
    people: Vec<String>,
    places: Vec<String>,
}

fn names(d: &Doc) -> Names {
    let a = newsdesk_analyze::analyze_text(&d.text, &newsdesk_analyze::AnalyzeOptions::default());
    Names {
        people: a.people.into_iter().map(|p| p.name).collect(),
        places: a.places.into_iter().map(|p| p.name).collect(),
    }
}

fn input(d: &Doc) -> StoryInput<'_> {
    StoryInput {
        title: &d.title,
        text: &d.text,
        day: d.day,
        ..Default::default()
    }
}

/// Run the benchmark and print its figures.
pub fn run(args: &StoriesBenchArgs) -> Result<()> {
    let mut docs = read_docs(&args.file)?;
    if docs.is_empty() {
        bail!("no articles in {}", args.file.display());
    }
    // Stable: articles without a date keep their file order.
    if docs.iter().all(|d| d.day.is_some()) {
        docs.sort_by_key(|d| d.day);
    }
    let label = match &args.label {
        Some(l) => l.clone(),
        None if docs[0].record.get("event").is_some() => "event".to_string(),
        None => "incident".to_string(),
    };
    let mut config = StoryConfig::default();
    if let Some(t) = args.threshold {
        config.threshold = t;
    }
    if let Some(w) = args.window_days {
        config.window_days = (w > 0).then_some(w);
    }
    if let Some(w) = args.size_exponent {
        config.size_exponent = w;
    }
    if let Some(w) = args.time_decay {
        config.time_decay = w;
    }
    if let Some(w) = args.year_mismatch_factor {
        config.year_mismatch_factor = w;
    }
    if let Some(w) = args.undated_top_discount {
        config.undated_top_discount = w;
    }
    if let Some(w) = args.title_weight {
        config.title_weight = w;
    }
    if let Some(w) = args.name_weight {
        config.name_weight = w;
    }
    if let Some(w) = args.number_weight {
        config.number_weight = w;
    }
    if let Some(w) = args.idf_prior_docs {
        config.idf_prior_docs = w;
    }
    if let Some(w) = args.idf_prior_df {
        config.idf_prior_df = w;
    }
    let mut clusterer = StoryClusterer::new(config)?;
    if let Some(path) = &args.background {
        let raw =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let mut n = 0usize;
        for (i, line) in raw
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not a JSON object", path.display(), i + 1))?;
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
            clusterer.observe(&StoryInput {
                title: field("title"),
                text: field("text"),
                ..Default::default()
            });
            n += 1;
        }
        eprintln!("background: {n} documents counted in the IDF");
    }
    if args.warm_idf {
        for d in &docs {
            clusterer.observe(&input(d));
        }
    }
    let analysed: Vec<Option<Names>> = docs
        .iter()
        .map(|d| args.analyze.then(|| names(d)))
        .collect();
    let cpu0 = rusage::thread_cpu_seconds();
    let clusters: Vec<u64> = docs
        .iter()
        .zip(&analysed)
        .map(|(d, n)| match n {
            None => clusterer.add(&input(d)).story,
            Some(n) => {
                let people: Vec<&str> = n.people.iter().map(String::as_str).collect();
                let places: Vec<&str> = n.places.iter().map(String::as_str).collect();
                clusterer
                    .add(&StoryInput {
                        people: &people,
                        places: &places,
                        ..input(d)
                    })
                    .story
            }
        })
        .collect();
    let secs = rusage::thread_cpu_seconds() - cpu0;
    if let Some(out) = &args.predictions {
        let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
        for (d, c) in docs.iter().zip(&clusters) {
            writeln!(w, "{}", serde_json::json!({"id": d.id, "cluster": c}))?;
        }
        w.flush()?;
    }
    let gold: Vec<(String, String)> = docs
        .iter()
        .map(|d| {
            let v = d.record.get(&label).cloned().unwrap_or_default();
            let g = match v {
                serde_json::Value::String(s) => s,
                v => v.to_string(),
            };
            (d.id.clone(), g)
        })
        .collect();
    let pred: HashMap<String, String> = docs
        .iter()
        .zip(&clusters)
        .map(|(d, c)| (d.id.clone(), c.to_string()))
        .collect();
    let s = score_clusters(&gold, &pred);
    println!(
        "docs={} gold_clusters={} pred_clusters={}",
        s.docs, s.gold_clusters, s.pred_clusters
    );
    println!(
        "BCubed P={:.3} R={:.3} F1={:.3}   pairwise P={:.3} R={:.3} F1={:.3}",
        s.bcubed.0, s.bcubed.1, s.bcubed.2, s.pairwise.0, s.pairwise.1, s.pairwise.2
    );
    println!(
        "cpu={:.3}s ({:.0} articles/s) live_stories={} state={:.1} MiB peak_rss={:.1} MiB",
        secs,
        docs.len() as f64 / secs.max(1e-9),
        clusterer.live_stories(),
        clusterer.heap_bytes() as f64 / (1 << 20) as f64,
        rusage::peak_rss_bytes() as f64 / (1 << 20) as f64,
    );
    Ok(())
}

/// Figures of `score_clusters.py`.
pub struct ClusterScores {
    /// Gold documents.
    pub docs: usize,
    /// Distinct gold labels.
    pub gold_clusters: usize,
    /// Distinct predicted clusters (missing documents are singletons).
    pub pred_clusters: usize,
    /// BCubed precision, recall, F1.
    pub bcubed: (f64, f64, f64),
    /// Pairwise precision, recall, F1.
    pub pairwise: (f64, f64, f64),
}

/// `score_clusters.py` over `(id, gold label)` and `id → predicted cluster`.
pub fn score_clusters(gold: &[(String, String)], pred: &HashMap<String, String>) -> ClusterScores {
    let p: Vec<String> = gold
        .iter()
        .map(|(id, _)| match pred.get(id) {
            Some(c) => format!("c:{c}"),
            None => format!("singleton:{id}"),
        })
        .collect();
    let mut by_g: HashMap<&str, usize> = HashMap::new();
    let mut by_p: HashMap<&str, usize> = HashMap::new();
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    for ((_, g), p) in gold.iter().zip(&p) {
        *by_g.entry(g).or_default() += 1;
        *by_p.entry(p).or_default() += 1;
        *both.entry((g, p)).or_default() += 1;
    }
    let n = gold.len() as f64;
    let (mut bp, mut br) = (0.0, 0.0);
    for ((_, g), p) in gold.iter().zip(&p) {
        let inter = both[&(g.as_str(), p.as_str())] as f64;
        bp += inter / by_p[p.as_str()] as f64;
        br += inter / by_g[g.as_str()] as f64;
    }
    bp /= n;
    br /= n;
    let f1 = |a: f64, b: f64| {
        if a + b > 0.0 {
            2.0 * a * b / (a + b)
        } else {
            0.0
        }
    };
    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let tp: f64 = both.values().map(|&k| pairs(k)).sum();
    let pp: f64 = by_p.values().map(|&k| pairs(k)).sum();
    let gp: f64 = by_g.values().map(|&k| pairs(k)).sum();
    let pprec = if pp > 0.0 { tp / pp } else { 1.0 };
    let prec = if gp > 0.0 { tp / gp } else { 1.0 };
    ClusterScores {
        docs: gold.len(),
        gold_clusters: by_g.len(),
        pred_clusters: by_p.len(),
        bcubed: (bp, br, f1(bp, br)),
        pairwise: (pprec, prec, f1(pprec, prec)),
    }
}
