//! `newsdesk train quotes TRAIN.jsonl --out FILE`: train the learned cue model of the
//! analyze stage from an attribution corpus in the quotes benchmark's JSONL format
//! (`{"text", "quotes": [{"cue_start", "cue_end", …}]}`, char offsets), and write it
//! as the TSV that `crates/analyze/models/cues.tsv` ships. Deterministic: the same
//! corpus gives the same bytes.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use newsdesk_analyze::quotes::learned::{train, TrainingDoc};
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
        docs.push((text.to_string(), cues));
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
    Ok(())
}
