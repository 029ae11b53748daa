//! `newsdesk train quotes TRAIN.jsonl --out FILE`: train the learned cue model of the
//! analyze stage from an attribution corpus in the quotes benchmark's JSONL format
//! (`{"text", "quotes": [{"cue_start", "cue_end", …}]}`, char offsets), and write it
//! as the TSV that `crates/analyze/models/cues.tsv` ships; with `--scorer-out`, also
//! train the accept/reject scorer over the attributions the rules propose on the corpus
//! (with the compiled-in cue model) and write it as `crates/analyze/models/scorer.tsv`.
//! Deterministic: the same corpus gives the same bytes.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use newsdesk_analyze::quotes::learned::{train, TrainingDoc};
use newsdesk_analyze::quotes::scorer::{self, Example, Gold};
use newsdesk_analyze::{quote_candidates, AnalyzeOptions};
use std::io::BufRead;
use std::path::PathBuf;

/// What `newsdesk train` can train.
#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// The learned cue model of quote attribution (word → how often it heads a cue).
    Quotes(TrainQuotesArgs),
}

/// Arguments of `newsdesk train quotes`.
#[derive(Args, Debug)]
pub struct TrainQuotesArgs {
    /// The annotated corpus (`../shared/bench/quotes/train.jsonl`).
    pub corpus: PathBuf,
    /// Where to write the model (the shipped one is `crates/analyze/models/cues.tsv`;
    /// rebuild the crate afterwards, the model is compiled in).
    #[arg(long)]
    pub out: PathBuf,
    /// Also train the quote scorer and write it here (the shipped one is
    /// `crates/analyze/models/scorer.tsv`). It scores the proposals of the compiled-in
    /// cue model: after retraining the cue model, rebuild, then train the scorer.
    #[arg(long)]
    pub scorer_out: Option<PathBuf>,
}

/// Run a training command.
pub fn run(cmd: &TrainCommand) -> Result<()> {
    match cmd {
        TrainCommand::Quotes(args) => quotes(args),
    }
}

fn quotes(args: &TrainQuotesArgs) -> Result<()> {
    let file = std::fs::File::open(&args.corpus)
        .with_context(|| format!("reading {}", args.corpus.display()))?;
    let mut docs: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    let mut golds: Vec<Vec<Gold>> = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line =
            line.with_context(|| format!("reading {} line {}", args.corpus.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("parsing {} line {}", args.corpus.display(), n + 1))?;
        let Some(text) = v["text"].as_str() else {
            bail!("{} line {}: no \"text\"", args.corpus.display(), n + 1);
        };
        let cues = v["quotes"]
            .as_array()
            .map(|qs| {
                qs.iter()
                    .filter_map(|q| {
                        let s = q["cue_start"].as_u64()? as usize;
                        let e = q["cue_end"].as_u64()? as usize;
                        (s < e).then_some((s, e))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let span = |q: &serde_json::Value, a: &str, b: &str| {
            Some((q[a].as_u64()? as usize, q[b].as_u64()? as usize))
        };
        let gold = v["quotes"]
            .as_array()
            .map(|qs| {
                qs.iter()
                    .map(|q| Gold {
                        fragments: q["quote_fragments"]
                            .as_array()
                            .map(|fs| {
                                fs.iter()
                                    .filter_map(|f| {
                                        Some((f[0].as_u64()? as usize, f[1].as_u64()? as usize))
                                    })
                                    .collect()
                            })
                            .filter(|fs: &Vec<(usize, usize)>| !fs.is_empty())
                            .or_else(|| span(q, "quote_start", "quote_end").map(|s| vec![s]))
                            .unwrap_or_default(),
                        speaker: span(q, "speaker_start", "speaker_end"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        docs.push((text.to_string(), cues));
        golds.push(gold);
    }
    if docs.is_empty() {
        bail!("no documents in {}", args.corpus.display());
    }
    let cues: usize = docs.iter().map(|d| d.1.len()).sum();
    let model = train(docs.iter().map(|(text, cues)| TrainingDoc { text, cues }));
    std::fs::write(&args.out, model.to_tsv())
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "trained on {} documents, {} cues: {} words kept (cue count ≥ {}) → {}",
        docs.len(),
        cues,
        model.len(),
        newsdesk_analyze::quotes::learned::MIN_CUE_COUNT,
        args.out.display()
    );
    if let Some(path) = &args.scorer_out {
        let options = AnalyzeOptions::default();
        let mut examples = Vec::new();
        for ((text, _), gold) in docs.iter().zip(&golds) {
            let chars: Vec<char> = text.chars().collect();
            // Labels come from all proposals (direct quotes compete for the same gold
            // attributions); the model learns from the ones it judges.
            let cands = quote_candidates(text, &options);
            let qs: Vec<_> = cands.iter().map(|c| c.quote.clone()).collect();
            let right = scorer::label(&chars, gold, &qs);
            for (c, right) in cands.into_iter().zip(right) {
                if c.judged {
                    examples.push(Example {
                        features: c.features,
                        right,
                    });
                }
            }
        }
        let right = examples.iter().filter(|e| e.right).count();
        let model = scorer::train(&examples);
        std::fs::write(path, model.to_tsv())
            .with_context(|| format!("writing {}", path.display()))?;
        println!(
            "scorer: {} proposals ({} right): {} features (seen ≥ {} times) → {}",
            examples.len(),
            right,
            model.len(),
            scorer::MIN_FEATURE_COUNT,
            path.display()
        );
    }
    Ok(())
}
