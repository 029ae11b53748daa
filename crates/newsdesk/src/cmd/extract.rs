//! `newsdesk extract PATH...`: one JSON object per input (JSON Lines when several).

use crate::inputs;
use anyhow::Result;
use clap::{Args, ValueEnum};
use newsdesk_extract::{Article, Options};
use std::io::Write;
use std::time::Duration;

/// Output format of `extract`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    /// JSON: one pretty object for a single input, JSON Lines for several.
    Json,
    /// Headline, dek, byline and body for people to read.
    Text,
}

/// Limits shared by every command that extracts pages.
#[derive(Args, Debug, Clone)]
pub struct ExtractLimits {
    /// Largest input accepted, in bytes (after gzip decompression).
    #[arg(long, default_value_t = 64 << 20)]
    pub max_bytes: usize,
    /// Deepest HTML element nesting kept; deeper elements are flattened.
    #[arg(long, default_value_t = 256)]
    pub max_depth: usize,
    /// Time budget per page in milliseconds; past it extraction returns its best effort.
    #[arg(long, default_value_t = 10_000)]
    pub time_budget_ms: u64,
}

impl ExtractLimits {
    /// The library options these limits stand for.
    pub fn options(&self) -> Options {
        Options {
            max_input_bytes: self.max_bytes,
            max_depth: self.max_depth,
            time_budget: Duration::from_millis(self.time_budget_ms),
            ..Options::default()
        }
    }
}

/// Arguments of `newsdesk extract`.
#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files, folders (walked recursively) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Always write JSON Lines (one object per line), even for one input.
    #[arg(long)]
    pub jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// The URL the page was fetched from (used as fallback canonical URL).
    #[arg(long)]
    pub url: Option<String>,
    #[command(flatten)]
    pub limits: ExtractLimits,
}

/// Run `extract`; returns the number of inputs that failed.
pub fn run(args: &ExtractArgs) -> Result<usize> {
    let mut options = args.limits.options();
    options.url = args.url.clone();
    let listed = inputs::expand(&args.paths);
    let many = args.jsonl || listed.len() > 1;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for input in inputs::inputs(&args.paths, options.max_input_bytes) {
        let result = input.bytes.and_then(|b| {
            newsdesk_extract::extract(&b, &input.source, &options).map_err(|e| e.to_string())
        });
        match result {
            Ok(article) => write_article(&mut out, &article, args.format, many)?,
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

fn write_article(
    out: &mut impl Write,
    a: &Article,
    format: OutputFormat,
    many: bool,
) -> Result<()> {
    match format {
        OutputFormat::Json if many => {
            serde_json::to_writer(&mut *out, a)?;
            writeln!(out)?;
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, a)?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            if many {
                writeln!(out, "==> {} <==", a.source)?;
            }
            if let Some(t) = &a.title {
                writeln!(out, "{t}")?;
                writeln!(out, "{}", "=".repeat(t.chars().count().min(80)))?;
            }
            if let Some(d) = &a.dek {
                writeln!(out, "{d}")?;
            }
            let mut meta = Vec::new();
            if !a.authors.is_empty() {
                meta.push(format!("By {}", a.authors.join(", ")));
            }
            if let Some(p) = &a.published {
                meta.push(p.clone());
            }
            if let Some(s) = &a.site_name {
                meta.push(s.clone());
            }
            if !meta.is_empty() {
                writeln!(out, "{}", meta.join(" · "))?;
            }
            writeln!(out)?;
            for para in a.body.split('\n') {
                writeln!(out, "{para}\n")?;
            }
        }
    }
    Ok(())
}
