//! `newsdesk bench extraction DIR`: article-body quality and speed on the extraction
//! benchmark (`DIR/html/<id>.html.gz` + `DIR/ground-truth.json`), or on its plain-text
//! twin (`DIR/<id>.txt`, ground truth from `--gt`, by default `DIR/../extraction/ground-truth.json`).

use super::{rusage, shingle_score};
use anyhow::{bail, Context, Result};
use clap::Args;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Arguments of `newsdesk bench extraction`.
#[derive(Args, Debug)]
pub struct ExtractionBenchArgs {
    /// The benchmark folder (`../shared/bench/extraction` or `../shared/bench/text-pages`).
    pub dir: PathBuf,
    /// Ground-truth JSON (`{id: {"articleBody": …}}`); default: `DIR/ground-truth.json`,
    /// else `DIR/../extraction/ground-truth.json`.
    #[arg(long)]
    pub gt: Option<PathBuf>,
    /// Write each prediction as `OUT/<id>.json` holding `{"articleBody": …}` (for score.py).
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    /// Write per-document precision, recall and exactness as TSV here.
    #[arg(long)]
    pub per_doc: Option<PathBuf>,
    /// Extract every page this many times when timing (more stable speed figures).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
}

fn doc_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let id = name.split('.').next()?;
    Some(id.to_string())
}

/// Run the benchmark and print its figures.
pub fn run(args: &ExtractionBenchArgs) -> Result<()> {
    let html_dir = args.dir.join("html");
    let page_dir = if html_dir.is_dir() {
        html_dir
    } else {
        args.dir.clone()
    };
    let gt_path = match &args.gt {
        Some(p) => p.clone(),
        None if args.dir.join("ground-truth.json").is_file() => args.dir.join("ground-truth.json"),
        None => args.dir.join("../extraction/ground-truth.json"),
    };
    let gt: BTreeMap<String, serde_json::Value> = serde_json::from_slice(
        &std::fs::read(&gt_path)
            .with_context(|| format!("reading ground truth {}", gt_path.display()))?,
    )
    .with_context(|| format!("parsing ground truth {}", gt_path.display()))?;

    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in
        std::fs::read_dir(&page_dir).with_context(|| format!("reading {}", page_dir.display()))?
    {
        let path = entry?.path();
        let Some(id) = doc_id(&path) else { continue };
        if gt.contains_key(&id) {
            pages.push((
                id,
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?,
            ));
        }
    }
    pages.sort();
    if pages.is_empty() {
        bail!(
            "no pages of the ground truth found in {}",
            page_dir.display()
        );
    }

    let options = newsdesk_extract::Options::default();
    let mut bodies: Vec<String> = Vec::with_capacity(pages.len());
    let mut failures = 0usize;
    let cpu0 = rusage::thread_cpu_seconds();
    for round in 0..args.repeat.max(1) {
        for (id, bytes) in &pages {
            let body = match newsdesk_extract::extract(bytes, id, &options) {
                Ok(a) => a.body,
                Err(e) => {
                    if round == 0 {
                        eprintln!("newsdesk: {id}: {e}");
                        failures += 1;
                    }
                    String::new()
                }
            };
            if round == 0 {
                bodies.push(body);
            }
        }
    }
    let cpu = rusage::thread_cpu_seconds() - cpu0;
    let docs_per_cpu_s = (pages.len() * args.repeat.max(1)) as f64 / cpu.max(1e-9);

    let mut scores = Vec::with_capacity(pages.len());
    let mut rows = String::from("doc_id\tprecision\trecall\texact\n");
    for ((id, _), body) in pages.iter().zip(&bodies) {
        let truth = gt[id]
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let s = shingle_score::score_doc(truth, body);
        rows.push_str(&format!(
            "{id}\t{:.4}\t{:.4}\t{}\n",
            s.precision, s.recall, s.exact as u8
        ));
        scores.push(s);
        if let Some(dir) = &args.predictions {
            std::fs::create_dir_all(dir)?;
            let json = serde_json::json!({ "articleBody": body });
            std::fs::write(dir.join(format!("{id}.json")), serde_json::to_vec(&json)?)?;
        }
    }
    if let Some(p) = &args.per_doc {
        std::fs::write(p, rows)?;
    }
    let (p, r, f1, acc, empty) = shingle_score::corpus(&scores);
    println!(
        "docs={} missing={} empty_predictions={} failed={}",
        pages.len(),
        gt.len() - pages.len(),
        empty,
        failures
    );
    println!("precision={p:.3} recall={r:.3} F1={f1:.3} accuracy={acc:.3}");
    println!(
        "speed={docs_per_cpu_s:.0} docs/CPU-second (one thread, {} pages x {} rounds, {cpu:.3} CPU-s) peak_rss={:.1} MiB",
        pages.len(),
        args.repeat.max(1),
        rusage::peak_rss_bytes() as f64 / (1 << 20) as f64
    );
    Ok(())
}
