//! `newsdesk export parquet INPUT... --output DIR`: extract and analyse pages (files,
//! folders, WARC archives) into one Parquet file in the export schema (`newsdesk-export`).

use crate::cmd::extract::ExtractLimits;
use crate::inputs;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use newsdesk_export::{analyze_page, ParquetSink, Provenance, SinkOptions};
use newsdesk_ingest::pipeline::par_map;
use newsdesk_ingest::warc::{WarcOptions, WarcReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `newsdesk export` formats.
#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Articles with their quotes, people and events as Parquet (the schema the
    /// Spark and Ray jobs write too).
    Parquet(ExportParquetArgs),
}

/// Arguments of `newsdesk export parquet`.
#[derive(Args, Debug)]
pub struct ExportParquetArgs {
    /// Pages, folders (walked recursively) and WARC / WARC.gz archives.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output folder; the articles go to `DIR/part-00000.parquet`.
    #[arg(long, short)]
    pub output: PathBuf,
    /// Worker threads extracting and analysing (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub limits: ExtractLimits,
}

/// What the workers process: a page from an archive or a file's bytes.
struct Page {
    source: String,
    bytes: Vec<u8>,
    provenance: Provenance,
    http_charset: Option<String>,
}

/// Figures of one export, for the command's summary and the scale-out benchmark.
#[derive(Debug, Default, Clone)]
pub struct ExportSummary {
    /// Articles written.
    pub articles: u64,
    /// Inputs (files, archive records, archives) that failed.
    pub failed: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

fn is_warc(path: &str) -> bool {
    path.ends_with(".warc") || path.ends_with(".warc.gz")
}

/// Run `export parquet`; returns the number of inputs that failed.
pub fn run(command: &ExportCommand) -> Result<usize> {
    let ExportCommand::Parquet(args) = command;
    let s = export_parquet(&args.paths, &args.output, args.jobs, &args.limits)?;
    eprintln!(
        "newsdesk: {} articles in {:.2} s ({:.1} articles/s) -> {}",
        s.articles,
        s.seconds,
        s.articles as f64 / s.seconds.max(1e-9),
        args.output.join("part-00000.parquet").display()
    );
    Ok(s.failed)
}

/// Extract and analyse `paths` on `jobs` threads into `output/part-00000.parquet`.
/// Failures are reported on stderr (naming the input) and counted.
pub fn export_parquet(
    paths: &[String],
    output: &Path,
    jobs: Option<usize>,
    limits: &ExtractLimits,
) -> Result<ExportSummary> {
    let start = Instant::now();
    std::fs::create_dir_all(output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    let file = output.join("part-00000.parquet");
    let mut sink = ParquetSink::create(&file, SinkOptions::default())?;
    let jobs = jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let options = limits.options();
    let mut failed = 0usize;
    // The producer runs on its own thread: it reads files and decompresses archives,
    // sending failures along as `Err` so the calling thread reports them in order.
    let pages = inputs::expand(paths).into_iter().flat_map(|(source, err)| {
        let items: Box<dyn Iterator<Item = Result<Page, String>> + Send> = match err {
            Some(e) => Box::new(std::iter::once(Err(format!("{source}: {e}")))),
            None if is_warc(&source) => {
                let warc = WarcOptions {
                    max_payload_bytes: options.max_input_bytes,
                    ..WarcOptions::default()
                };
                match WarcReader::open(Path::new(&source), warc) {
                    Ok(reader) => Box::new(reader.map(|r| {
                        r.map(|p| Page {
                            source: p.source,
                            bytes: p.bytes,
                            provenance: Provenance {
                                url: p.url,
                                fetched_at: Some(p.fetched_at),
                            },
                            http_charset: p.http_charset,
                        })
                        .map_err(|e| e.to_string())
                    })),
                    Err(e) => Box::new(std::iter::once(Err(format!("{source}: {e}")))),
                }
            }
            None => {
                let bytes = inputs::read(&source, options.max_input_bytes);
                Box::new(std::iter::once(
                    bytes
                        .map(|bytes| Page {
                            source: source.clone(),
                            bytes,
                            provenance: Provenance::default(),
                            http_charset: None,
                        })
                        .map_err(|e| format!("{source}: {e}")),
                ))
            }
        };
        items
    });
    let mut sink_error = None;
    par_map(
        pages,
        jobs,
        |page| {
            let page = page?;
            let mut opts = options.clone();
            opts.url = page.provenance.url.clone();
            opts.http_charset = page.http_charset;
            analyze_page(&page.bytes, &page.source, &opts, page.provenance)
                .map_err(|e| format!("{}: {e}", page.source))
        },
        |_, row| match row {
            Ok(row) if sink_error.is_none() => {
                if let Err(e) = sink.push(row) {
                    sink_error = Some(e);
                }
            }
            Ok(_) => {}
            Err(message) => {
                failed += 1;
                eprintln!("newsdesk: {message}");
            }
        },
    );
    if let Some(e) = sink_error {
        return Err(e.into());
    }
    let articles = sink.finish()?;
    Ok(ExportSummary {
        articles,
        failed,
        seconds: start.elapsed().as_secs_f64(),
    })
}
