//! `newsdesk analyze PATH...`: extract each input, then find its quotes and speakers;
//! one JSON object per input (JSON Lines when several).

use crate::cmd::extract::ExtractLimits;
use crate::inputs;
use anyhow::Result;
use clap::Args;
use newsdesk_analyze::{analyze_article, AnalyzeOptions};
use newsdesk_extract::Article;
use std::io::Write;

/// Arguments of `newsdesk analyze`.
#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Files, folders (walked recursively) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Treat each input as an already-clean article body (UTF-8 text, paragraphs on
    /// separate lines) instead of a page to extract.
    #[arg(long)]
    pub body_only: bool,
    /// With `--body-only`: the article's headline.
    #[arg(long, requires = "body_only")]
    pub title: Option<String>,
    /// With `--body-only`: the article's dek (subtitle), analysed for quotes too.
    #[arg(long, requires = "body_only")]
    pub dek: Option<String>,
    /// Publication date (ISO 8601) used when the article does not give one.
    #[arg(long)]
    pub published: Option<String>,
    /// Always write JSON Lines (one object per line), even for one input.
    #[arg(long)]
    pub jsonl: bool,
    #[command(flatten)]
    pub limits: ExtractLimits,
}

/// Run `analyze`; returns the number of inputs that failed.
pub fn run(args: &AnalyzeArgs) -> Result<usize> {
    let options = args.limits.options();
    let listed = inputs::expand(&args.paths);
    let many = args.jsonl || listed.len() > 1;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for input in inputs::inputs(&args.paths, options.max_input_bytes) {
        let article = input.bytes.and_then(|b| {
            if args.body_only {
                let body = String::from_utf8_lossy(&b).replace("\r\n", "\n");
                let word_count = body
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .count();
                Ok(Article {
                    source: input.source.clone(),
                    title: args.title.clone(),
                    dek: args.dek.clone(),
                    body,
                    word_count,
                    ..Article::default()
                })
            } else {
                newsdesk_extract::extract(&b, &input.source, &options).map_err(|e| e.to_string())
            }
        });
        match article {
            Ok(mut article) => {
                if article.published.is_none() {
                    article.published = args.published.clone();
                }
                let opts = AnalyzeOptions {
                    published: article.published.clone(),
                    ..AnalyzeOptions::default()
                };
                let analyzed = analyze_article(&article, &opts);
                if many {
                    serde_json::to_writer(&mut out, &analyzed)?;
                } else {
                    serde_json::to_writer_pretty(&mut out, &analyzed)?;
                }
                writeln!(out)?;
            }
            Err(cause) => {
                failed += 1;
                out.flush()?;
                eprintln!("newsdesk: {}: {cause}", input.source);
            }
        }
    }
    out.flush()?;
    Ok(failed)
}
