//! `newsdesk train quotes TRAIN.jsonl --out FILE`: train the learned cue model of the
//! analyze stage from an attribution corpus in the quotes benchmark's JSONL format
//! (`{"text", "quotes": [{"cue_start", "cue_end", …}]}`, char offsets), and write it
//! as the TSV that `crates/analyze/models/cues.tsv` ships; with `--scorer-out`, also
//! train the accept/reject scorer over the attributions the rules propose on the corpus
//! (with the compiled-in cue model) and write it as `crates/analyze/models/scorer.tsv`;
//! with `--tagger-out`, also train the attribution tagger on the whole corpus and write
//! it as `crates/analyze/models/tagger.tsv`. The scorer learns from the proposals of
//! taggers trained in the same run on the other folds of the corpus ([`TAGGER_FOLDS`]),
//! so the shipped tagger file is not read. Deterministic: the same corpus gives the
//! same bytes.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use newsdesk_analyze::quotes::learned::{train, TrainingDoc};
use newsdesk_analyze::quotes::scorer::{self, Counts, Example, Gold};
use newsdesk_analyze::quotes::tagger::{self, Attribution};
use newsdesk_analyze::{quote_candidates_with, AnalyzeOptions};
use std::io::BufRead;
use std::path::PathBuf;

/// What `newsdesk train` can train.
#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// The learned models of quote attribution: the cue model (word → how often it
    /// heads a cue), and optionally the tagger and the scorer.
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
    /// Also train the attribution tagger and write it here (the shipped one is
    /// `crates/analyze/models/tagger.tsv`). Its features read the compiled-in cue
    /// model: after retraining the cue model, rebuild, then train the tagger.
    #[arg(long)]
    pub tagger_out: Option<PathBuf>,
    /// With `--scorer-out`, first cross-validate the scorer over this many folds of the
    /// corpus (documents split by position) and print, per acceptance threshold, the
    /// held-out end-to-end precision, recall and F1 (quote and speaker right, counted
    /// as the benchmark counts them); 0 skips it.
    #[arg(long, default_value_t = 0)]
    pub folds: usize,
}

/// Folds of the cross-fitting: the scorer learns from the tagger's proposals on each
/// document made by a tagger trained on the other folds, as the shipped tagger's
/// proposals are on unseen text.
const TAGGER_FOLDS: usize = 3;

/// Thresholds the cross-validation reports.
const CV_THRESHOLDS: [f32; 9] = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

/// One document's proposals, their labels and its gold attributions, for the scorer.
struct Proposals {
    chars: Vec<char>,
    gold: Vec<Gold>,
    candidates: Vec<scorer::Candidate>,
    right: Vec<bool>,
}

/// Held-out figures of the scorer over `folds` folds of `docs`, per threshold of
/// [`CV_THRESHOLDS`]: the benchmark's counts summed over the folds.
fn cross_validate(docs: &[Proposals], folds: usize) -> Vec<(f32, Counts)> {
    let mut counts = [Counts::default(); CV_THRESHOLDS.len()];
    for fold in 0..folds {
        let examples: Vec<Example> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .flat_map(|(_, d)| d.candidates.iter().zip(&d.right))
            .filter(|(c, _)| c.judged)
            .map(|(c, &right)| Example {
                features: c.features.clone(),
                right,
            })
            .collect();
        let model = scorer::train(&examples);
        for d in docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == fold)
            .map(|x| x.1)
        {
            let p: Vec<f32> = d
                .candidates
                .iter()
                .map(|c| {
                    if c.judged {
                        model.probability(&c.features)
                    } else {
                        1.0
                    }
                })
                .collect();
            for (t, n) in CV_THRESHOLDS.iter().zip(counts.iter_mut()) {
                let kept: Vec<_> = d
                    .candidates
                    .iter()
                    .zip(&p)
                    .filter(|(_, &p)| p >= *t)
                    .map(|(c, _)| c.quote.clone())
                    .collect();
                *n += scorer::counts(&d.chars, &d.gold, &kept);
            }
        }
    }
    CV_THRESHOLDS.iter().copied().zip(counts).collect()
}

/// Precision, recall and F1 (in percent) of `hits` among `proposed` and `gold`.
fn prf(hits: usize, proposed: usize, gold: usize) -> (f64, f64, f64) {
    let p = hits as f64 / proposed.max(1) as f64;
    let r = hits as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (100.0 * p, 100.0 * r, 100.0 * f)
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
    let mut attributions: Vec<Vec<Attribution>> = Vec::new();
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
        // A `[start, end)` char span from two fields of an annotated quote.
        let span = |q: &serde_json::Value, a: &str, b: &str| {
            Some((q[a].as_u64()? as usize, q[b].as_u64()? as usize))
        };
        let cues = v["quotes"]
            .as_array()
            .map(|qs| {
                qs.iter()
                    .filter_map(|q| span(q, "cue_start", "cue_end").filter(|(s, e)| s < e))
                    .collect()
            })
            .unwrap_or_default();
        let gold: Vec<Gold> = v["quotes"]
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
        attributions.push(
            gold.iter()
                .zip(v["quotes"].as_array().into_iter().flatten())
                .map(|(g, q)| Attribution {
                    content: g.fragments.clone(),
                    source: g.speaker.filter(|(s, e)| s < e),
                    cue: span(q, "cue_start", "cue_end").filter(|(s, e)| s < e),
                })
                .collect(),
        );
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
    let tagger_docs = |keep: &dyn Fn(usize) -> bool| -> Vec<tagger::TrainingDoc> {
        docs.iter()
            .zip(&attributions)
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, ((text, _), a))| tagger::TrainingDoc {
                text,
                attributions: a,
            })
            .collect()
    };
    if let Some(path) = &args.tagger_out {
        let model = tagger::train(&tagger_docs(&|_| true));
        std::fs::write(path, model.to_tsv())
            .with_context(|| format!("writing {}", path.display()))?;
        println!(
            "tagger: {} features (seen ≥ {} times, {} epochs) → {}",
            model.len(),
            tagger::MIN_FEATURE_COUNT,
            tagger::EPOCHS,
            path.display()
        );
    }
    if let Some(path) = &args.scorer_out {
        let options = AnalyzeOptions::default();
        let fold_taggers: Vec<tagger::Tagger> = (0..TAGGER_FOLDS)
            .map(|k| tagger::train(&tagger_docs(&|i| i % TAGGER_FOLDS != k)))
            .collect();
        // Labels come from all proposals (direct quotes compete for the same gold
        // attributions); the model learns from the ones it judges.
        let proposals: Vec<Proposals> = docs
            .iter()
            .zip(golds)
            .enumerate()
            .map(|(i, ((text, _), gold))| {
                let chars: Vec<char> = text.chars().collect();
                let candidates =
                    quote_candidates_with(text, &options, &fold_taggers[i % TAGGER_FOLDS]);
                let qs: Vec<_> = candidates.iter().map(|c| c.quote.clone()).collect();
                let right = scorer::label(&chars, &gold, &qs);
                Proposals {
                    chars,
                    gold,
                    candidates,
                    right,
                }
            })
            .collect();
        if args.folds >= 2 {
            println!(
                "{}-fold cross-validation, held-out figures as the benchmark counts them:",
                args.folds
            );
            for (t, c) in cross_validate(&proposals, args.folds) {
                let (op, or, of) = prf(c.matched, c.proposed, c.gold);
                let (p, r, f) = prf(c.right, c.proposed, c.gold);
                let spk = 100.0 * c.speaker_right as f64 / c.speaker_pairs.max(1) as f64;
                println!(
                    "  threshold {t:.2}: overlap P {op:.2} R {or:.2} F1 {of:.2} | \
                     end-to-end P {p:.2} R {r:.2} F1 {f:.2} | speaker {spk:.2}"
                );
            }
            println!("  (shipped threshold {:.2})", scorer::ACCEPT_THRESHOLD);
        }
        let examples: Vec<Example> = proposals
            .into_iter()
            .flat_map(|d| d.candidates.into_iter().zip(d.right))
            .filter(|(c, _)| c.judged)
            .map(|(c, right)| Example {
                features: c.features,
                right,
            })
            .collect();
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
