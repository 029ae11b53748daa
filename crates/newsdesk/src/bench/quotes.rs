//! `newsdesk bench quotes GOLD.jsonl --predictions OUT.jsonl`: analyse each line's `text`
//! as a body, write the predictions in the benchmark's JSONL format, score them with the
//! `score.py` beside the gold file, and print the speed (articles per CPU-second, one
//! thread, analysis only).

use super::rusage;
use anyhow::{bail, Context, Result};
use clap::Args;
use newsdesk_analyze::{analyze_text, AnalyzeOptions};
use serde_json::json;
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// Arguments of `newsdesk bench quotes`.
#[derive(Args, Debug)]
pub struct QuotesBenchArgs {
    /// The gold JSONL (`../shared/bench/quotes/dev.jsonl`).
    pub gold: PathBuf,
    /// Where to write the predictions (JSONL).
    #[arg(long)]
    pub predictions: PathBuf,
    /// Score only these kinds, e.g. `direct` or `direct,mixed`: score.py keeps the gold
    /// quotes of these kinds, and the predictions written are the quotes the analyzer
    /// labels with these kinds (the analyzer run in that mode).
    #[arg(long)]
    pub kinds: Option<String>,
    /// With `--kinds`, still write every prediction (score.py then ignores only those
    /// overlapping a gold quote of another kind).
    #[arg(long)]
    pub all_predictions: bool,
    /// Analyse every text this many times when timing.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
}

/// Run the benchmark and print its figures.
pub fn run(args: &QuotesBenchArgs) -> Result<()> {
    let file = std::fs::File::open(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let mut docs: Vec<(String, String)> = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line =
            line.with_context(|| format!("reading {} line {}", args.gold.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("parsing {} line {}", args.gold.display(), n + 1))?;
        let id = v["doc_id"].as_str().unwrap_or_default().to_string();
        let text = v["text"].as_str().unwrap_or_default().to_string();
        docs.push((id, text));
    }
    if docs.is_empty() {
        bail!("no documents in {}", args.gold.display());
    }
    let options = AnalyzeOptions::default();
    let cpu0 = rusage::thread_cpu_seconds();
    let mut results = Vec::with_capacity(docs.len());
    for (_, text) in &docs {
        results.push(analyze_text(text, &options));
    }
    for _ in 1..args.repeat.max(1) {
        for (_, text) in &docs {
            std::hint::black_box(analyze_text(text, &options));
        }
    }
    let cpu = rusage::thread_cpu_seconds() - cpu0;
    let analysed = docs.len() * args.repeat.max(1);

    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&args.predictions)
            .with_context(|| format!("creating {}", args.predictions.display()))?,
    );
    for ((id, _), a) in docs.iter().zip(&results) {
        let quotes: Vec<_> = a
            .quotes
            .iter()
            .filter(|q| match (&args.kinds, args.all_predictions) {
                (Some(kinds), false) => kinds.split(',').any(|k| k.trim() == q.kind.as_str()),
                _ => true,
            })
            .map(|q| {
                let m = q.speaker.as_ref().and_then(|s| s.mention.as_ref());
                json!({
                    "quote_start": q.start,
                    "quote_end": q.end,
                    "quote_fragments": q.fragments.iter().map(|f| [f.start, f.end]).collect::<Vec<_>>(),
                    "speaker_start": m.map(|m| m.start),
                    "speaker_end": m.map(|m| m.end),
                    "speaker_text": m.map(|m| m.text.clone()),
                    "cue": q.cue.as_ref().map(|c| c.text.clone()),
                    "cue_start": q.cue.as_ref().map(|c| c.start),
                    "cue_end": q.cue.as_ref().map(|c| c.end),
                    "kind": q.kind.as_str(),
                })
            })
            .collect();
        serde_json::to_writer(&mut out, &json!({"doc_id": id, "quotes": quotes}))?;
        writeln!(out)?;
    }
    out.flush()?;

    let score = args
        .gold
        .parent()
        .unwrap_or(std::path::Path::new("."))
        .join("score.py");
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(&score).arg(&args.gold).arg(&args.predictions);
    if let Some(k) = &args.kinds {
        cmd.arg("--kinds").arg(k);
    }
    let status = cmd
        .status()
        .with_context(|| format!("running python3 {}", score.display()))?;
    if !status.success() {
        bail!("{} failed ({status})", score.display());
    }
    println!(
        "{:32} {}",
        "articles_per_cpu_second",
        if cpu > 0.0 {
            format!("{:.0}", analysed as f64 / cpu)
        } else {
            "inf".into()
        }
    );
    println!("{:32} {:.3} s for {} analyses", "cpu_time", cpu, analysed);
    Ok(())
}
