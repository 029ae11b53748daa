//! `newsdesk ingest PATH...`: extract → analyze → store, with a progress bar on a
//! terminal (plain log lines otherwise) and a summary at the end.

use super::extract::ExtractLimits;
use crate::inputs;
use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use newsdesk_analyze::{AnalyzeOptions, AnalyzedArticle};
use newsdesk_extract::{Article, Options};
use newsdesk_store::{IngestStatus, Store, StoreOptions};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The data directory option every store command takes.
#[derive(Args, Debug, Clone)]
pub struct DataArgs {
    /// The store's data directory (database and search index).
    #[arg(long, env = "NEWSDESK_DATA", default_value = "./newsdesk-data")]
    pub data: PathBuf,
}

impl DataArgs {
    /// Open the store for reading only (beside a running ingest, if any).
    pub fn open_read_only(&self) -> Result<Store> {
        Store::open_read_only(&self.data)
            .with_context(|| format!("opening the store in {}", self.data.display()))
    }
}

/// Arguments of `newsdesk ingest`.
#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files or folders (walked recursively): pages (HTML, gzipped HTML, page text), or
    /// JSON / JSON Lines of `newsdesk extract` / `newsdesk analyze` output.
    #[arg(required = true)]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles per batch: the database and the index commit every this many articles.
    #[arg(long, default_value_t = 1000)]
    pub batch_size: usize,
    /// No progress bar or progress lines; the summary only.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub limits: ExtractLimits,
    #[command(flatten)]
    pub sources: super::sources::SourceArgs,
}

/// Totals of one ingest run.
#[derive(Debug, Default)]
pub struct IngestTotals {
    /// Inputs read (files, or JSON records).
    pub inputs: usize,
    /// New articles.
    pub new: usize,
    /// Known articles stored as a new version.
    pub updated: usize,
    /// Articles already stored as they are.
    pub unchanged: usize,
    /// Inputs that could not be read, extracted or stored.
    pub failed: usize,
    /// Quotes stored.
    pub quotes: usize,
    /// People stored (quoted or mentioned, counted per article).
    pub people: usize,
}

/// The analyze stage for one extracted article.
fn analyze(article: Article) -> AnalyzedArticle {
    newsdesk_analyze::analyze_article(&article, &AnalyzeOptions::default())
}

/// Extract and analyze one input. JSON input (one object, or JSON Lines) is taken as
/// articles as `newsdesk extract` / `newsdesk analyze` print them: records that carry
/// an analysis (a `quotes` field) are stored as they are, others are analysed first.
pub fn pipeline(
    bytes: &[u8],
    source: &str,
    options: &Options,
) -> Result<Vec<AnalyzedArticle>, String> {
    if let Some(records) = json_records(bytes, source)? {
        return Ok(records);
    }
    let article = newsdesk_extract::extract(bytes, source, options).map_err(|e| e.to_string())?;
    Ok(vec![analyze(article)])
}

/// `Ok(None)` when the input is not JSON; an error when it is JSON but not articles.
fn json_records(bytes: &[u8], source: &str) -> Result<Option<Vec<AnalyzedArticle>>, String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    if start.map(|i| bytes[i]) != Some(b'{') {
        return Ok(None);
    }
    let mut out = Vec::new();
    let stream = serde_json::Deserializer::from_slice(bytes).into_iter::<serde_json::Value>();
    for (n, value) in stream.enumerate() {
        let value = match value {
            Ok(v) => v,
            // Not JSON after all (a text page that starts with a brace): extract it.
            Err(_) if n == 0 => return Ok(None),
            Err(e) => return Err(format!("record {}: invalid JSON: {e}", n + 1)),
        };
        let analyzed = value.get("quotes").is_some();
        let mut record: AnalyzedArticle = if analyzed {
            serde_json::from_value(value).map_err(|e| format!("record {}: {e}", n + 1))?
        } else {
            let a: Article =
                serde_json::from_value(value).map_err(|e| format!("record {}: {e}", n + 1))?;
            analyze(a)
        };
        if record.article.source.is_empty() {
            record.article.source = format!("{source}#{}", n + 1);
        }
        out.push(record);
    }
    Ok(Some(out))
}

/// Run `ingest`; returns the number of inputs that failed.
pub fn run(args: &IngestArgs) -> Result<usize> {
    let options = args.limits.options();
    let mut store = Store::open_with(
        &args.data.data,
        StoreOptions {
            batch_size: args.batch_size.max(1),
        },
    )
    .with_context(|| format!("opening the store in {}", args.data.data.display()))?;
    let started = Instant::now();
    let mut t = IngestTotals::default();
    // WARC files and URLs are streamed / fetched by `sources`; the rest is read here.
    let paths = super::sources::ingest(args, &mut store, &mut t)?;
    let listed = inputs::expand(&paths);
    let total_inputs = listed.len() as u64;
    let interactive = !args.quiet && std::io::stderr().is_terminal();
    let bar = if interactive {
        let bar = ProgressBar::new(total_inputs);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} inputs ({per_sec}, eta {eta}) {msg}",
            )
            .expect("valid progress template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Some(bar)
    } else {
        None
    };
    let log = |line: String| match &bar {
        Some(b) => b.println(line),
        None => eprintln!("{line}"),
    };

    let mut last_log = Instant::now();
    for (i, input) in inputs::inputs(&paths, options.max_input_bytes).enumerate() {
        let records = input
            .bytes
            .and_then(|b| pipeline(&b, &input.source, &options));
        match records {
            Err(cause) => {
                t.inputs += 1;
                t.failed += 1;
                log(format!("newsdesk: {}: {cause}", input.source));
            }
            Ok(records) => {
                for r in records {
                    t.inputs += 1;
                    match store.ingest(&r) {
                        Ok(o) => {
                            match o.status {
                                IngestStatus::New => t.new += 1,
                                IngestStatus::Updated => t.updated += 1,
                                IngestStatus::Unchanged => t.unchanged += 1,
                            }
                            t.quotes += o.quotes;
                            t.people += o.people;
                        }
                        Err(e) => {
                            t.failed += 1;
                            log(format!("newsdesk: {}: {e}", input.source));
                        }
                    }
                }
            }
        }
        if let Some(b) = &bar {
            b.set_position(i as u64 + 1);
            b.set_message(format!("{} new, {} updated", t.new, t.updated));
        } else if !args.quiet && last_log.elapsed() >= Duration::from_secs(2) {
            last_log = Instant::now();
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "ingest: {}/{} inputs, {} new, {} updated, {} unchanged, {} failed ({:.0} inputs/s)",
                i + 1,
                total_inputs,
                t.new,
                t.updated,
                t.unchanged,
                t.failed,
                (i + 1) as f64 / secs
            );
        }
    }
    store.flush().context("committing the last batch")?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let stats = store.stats()?;
    eprintln!(
        "ingested {} articles in {:.1} s ({:.0}/s): {} new, {} updated, {} unchanged, {} failed; \
         {} quotes, {} people stored",
        t.inputs,
        secs,
        t.inputs as f64 / secs.max(1e-9),
        t.new,
        t.updated,
        t.unchanged,
        t.failed,
        t.quotes,
        t.people
    );
    eprintln!(
        "store {}: {} articles ({} versions), {} quotes, {} people, {:.1} MB",
        args.data.data.display(),
        stats.articles,
        stats.versions,
        stats.quotes,
        stats.people,
        stats.bytes_on_disk as f64 / 1e6
    );
    Ok(t.failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_of_analyzed_articles_are_taken_as_they_are() {
        let a = r#"{"source":"a","title":"T","body":"B","word_count":1,"quotes":[],"people":[],"organizations":[],"places":[],"events":[]}"#;
        let b = r#"{"source":"","title":"U","body":"C","word_count":1}"#;
        let input = format!("{a}\n{b}\n");
        let recs = pipeline(input.as_bytes(), "f.jsonl", &Options::default()).unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].article.source, "a");
        assert_eq!(recs[1].article.source, "f.jsonl#2");
        assert!(pipeline(b"{\"title\": 3}", "x.json", &Options::default()).is_err());
    }
}
