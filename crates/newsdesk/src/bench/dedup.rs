//! `newsdesk bench dedup DOCS.jsonl`: copy detection on the near-duplicate benchmark.
//! Feeds the documents (`{"id","title","text"}` lines, optional `"date"`) in file order
//! through a [`CopyDetector`], optionally writes `{"id","copy_group"}` predictions,
//! and prints the figures of `score_pairs.py` (reimplemented in [`score_pairs`]) on
//! the labelled pairs file, plus speed and state bytes per article.

use super::rusage;
use anyhow::{bail, Context, Result};
use clap::Args;
use newsdesk_relate::{CopyConfig, CopyDetector, Day};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `newsdesk bench dedup`.
#[derive(Args, Debug)]
pub struct DedupBenchArgs {
    /// Documents, one JSON object per line (`neardup-dev-docs.jsonl`).
    pub docs: PathBuf,
    /// Labelled pairs; default: DOCS with `-docs` replaced by `-pairs`.
    #[arg(long)]
    pub pairs: Option<PathBuf>,
    /// Write `{"id","copy_group"}` lines here.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    /// Override the containment threshold (for exploration).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Override the skeleton shingle length (for exploration).
    #[arg(long)]
    pub shingle_len: Option<usize>,
    /// Override the sketch size (for exploration).
    #[arg(long)]
    pub sketch_size: Option<usize>,
}

/// One benchmark document.
pub struct Doc {
    /// Its id as a string.
    pub id: String,
    /// Title and text joined by a newline.
    pub title: String,
    /// Body text.
    pub text: String,
    /// Publication day, if any.
    pub day: Option<Day>,
    /// The whole JSON record.
    pub record: serde_json::Value,
}

/// Read a JSONL file of documents with `id`, `title`, `text` and optional `date`.
pub fn read_docs(path: &Path) -> Result<Vec<Doc>> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a JSON object", path.display(), n + 1))?;
        let field = |k: &str| {
            record
                .get(k)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let id = match record.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) if !v.is_null() => v.to_string(),
            _ => bail!("{}:{}: record without \"id\"", path.display(), n + 1),
        };
        docs.push(Doc {
            id,
            title: field("title"),
            text: field("text"),
            day: Day::parse(&field("date")),
            record,
        });
    }
    Ok(docs)
}

/// Run the benchmark and print its figures.
pub fn run(args: &DedupBenchArgs) -> Result<()> {
    let docs = read_docs(&args.docs)?;
    let mut config = CopyConfig::default();
    if let Some(t) = args.threshold {
        config.containment_threshold = t;
    }
    if let Some(n) = args.shingle_len {
        config.shingle_len = n;
    }
    if let Some(k) = args.sketch_size {
        config.sketch_size = k;
    }
    let mut detector = CopyDetector::new(config)?;
    let cpu0 = rusage::thread_cpu_seconds();
    let mut groups: Vec<u64> = Vec::with_capacity(docs.len());
    let mut joined = String::new();
    for (i, d) in docs.iter().enumerate() {
        joined.clear();
        joined.push_str(&d.title);
        joined.push('\n');
        joined.push_str(&d.text);
        groups.push(detector.add(i as u64, &joined, d.day).group);
    }
    let secs = rusage::thread_cpu_seconds() - cpu0;
    let predicted: HashMap<String, String> = docs
        .iter()
        .zip(&groups)
        .map(|(d, &g)| (d.id.clone(), docs[g as usize].id.clone()))
        .collect();
    if let Some(out) = &args.predictions {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?,
        );
        for d in &docs {
            let line = serde_json::json!({"id": d.id, "copy_group": predicted[&d.id]});
            writeln!(w, "{line}")?;
        }
        w.flush()?;
    }
    let pairs = match &args.pairs {
        Some(p) => p.clone(),
        None => {
            let name = args.docs.to_string_lossy().replace("-docs", "-pairs");
            PathBuf::from(name)
        }
    };
    score_pairs(&pairs, &predicted)?;
    println!(
        "documents={} groups={} cpu={:.3}s ({:.0} articles/s) state={} bytes/article peak_rss={:.1} MiB",
        docs.len(),
        groups.iter().enumerate().filter(|&(i, &g)| i as u64 == g).count(),
        secs,
        docs.len() as f64 / secs.max(1e-9),
        detector.heap_bytes() / detector.len().max(1),
        rusage::peak_rss_bytes() as f64 / (1 << 20) as f64,
    );
    Ok(())
}

/// `score_pairs.py`: per kind, the share of pairs called copies; P/R/F1 over all pairs.
pub fn score_pairs(pairs: &Path, group: &HashMap<String, String>) -> Result<()> {
    let raw =
        std::fs::read_to_string(pairs).with_context(|| format!("reading {}", pairs.display()))?;
    let mut called: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let id = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", pairs.display(), n + 1))?;
        let (a, b) = (id(&r["a"]), id(&r["b"]));
        let same = match (group.get(&a), group.get(&b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        };
        let label = r["label"].as_i64().unwrap_or(0) != 0 || r["label"].as_bool() == Some(true);
        let kind = r["kind"].as_str().unwrap_or("?").to_string();
        let e = called.entry(kind).or_insert((0, 0));
        e.1 += 1;
        e.0 += same as usize;
        match (label, same) {
            (true, true) => tp += 1,
            (true, false) => fn_ += 1,
            (false, true) => fp += 1,
            _ => {}
        }
    }
    for (k, (c, t)) in &called {
        println!(
            "{k:12} called copies {c}/{t} = {:.3}",
            *c as f64 / *t as f64
        );
    }
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("precision={p:.3} recall={r:.3} F1={f:.3}");
    Ok(())
}
