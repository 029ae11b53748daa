//! The `newsdesk` command line: argument parsing, wiring and output formatting over
//! the pipeline's library crates. No logic a library user would need lives here.

mod bench;
mod cmd;
mod inputs;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// newsdesk: turn raw news into structured, searchable knowledge.
#[derive(Parser, Debug)]
#[command(name = "newsdesk", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract clean articles (title, dek, authors, dates, body…) from pages or page text.
    Extract(cmd::extract::ExtractArgs),
    /// Find quotes and their speakers (who said what) in pages or clean bodies.
    Analyze(cmd::analyze::AnalyzeArgs),
    /// Extract, analyze and store pages (files, folders, JSON from extract/analyze, WARC
    /// archives, and URLs of pages, feeds, sitemaps and OPML lists).
    Ingest(cmd::ingest::IngestArgs),
    /// Poll feeds, sitemaps, OPML lists and pages every so often, storing new articles.
    Watch(cmd::watch::WatchArgs),
    /// Search stored articles and quotes (ranked, with highlighted snippets).
    Search(cmd::search::SearchArgs),
    /// What a speaker said, newest first.
    Quotes(cmd::quotes::QuotesArgs),
    /// People with their quote counts and roles (or one person's page).
    People(cmd::people::PeopleArgs),
    /// An article's story mates (latest first) and most related articles of other stories.
    Related(cmd::related::RelatedArgs),
    /// The day's top stories (coverage × novelty) with summaries, key quotes and links,
    /// as e-mail-safe HTML, Markdown or JSON; `--send` mails it over SMTP.
    Digest(cmd::digest::DigestArgs),
    /// Serve the HTTP API (/api/…, /openapi.json) and the web UI over a data directory.
    Serve(cmd::serve::ServeArgs),
    /// Export extracted and analysed articles (files, folders, WARC) to Parquet.
    #[command(subcommand)]
    Export(cmd::export::ExportCommand),
    /// Train a learned model from an annotated corpus (reproducible; see each model's docs).
    #[command(subcommand)]
    Train(cmd::train::TrainCommand),
    /// Run a benchmark on ../shared/bench data and print its figures.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Subcommand, Debug)]
enum BenchCommand {
    /// Article-body extraction quality (score.py's metric), speed and peak memory.
    Extraction(bench::extraction::ExtractionBenchArgs),
    /// WARC reading and reading + extraction throughput on a large generated WARC.gz.
    Warc(bench::warc::WarcBenchArgs),
    /// Quote and speaker attribution quality (score.py's metric) and speed.
    Quotes(bench::quotes::QuotesBenchArgs),
    /// Copy detection (syndicated, light edits, spun) on labelled pairs: score_pairs.py's figures.
    Dedup(bench::dedup::DedupBenchArgs),
    /// Online story clustering on a labelled set: score_clusters.py's figures.
    Stories(bench::stories::StoriesBenchArgs),
    /// Stream ≥ 1M synthetic articles through copies + stories: speed and peak memory.
    RelateScale(bench::relate_scale::RelateScaleArgs),
    /// Store: ingest throughput, search and person-page latency, size per article.
    Store(bench::store::StoreBenchArgs),
    /// Articles/s through Spark local[2] (and Ray) against the native export, same WARC files.
    Scaleout(bench::scaleout::ScaleoutBenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            eprintln!("newsdesk: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Run a command; `Ok(n)` is the number of inputs that failed.
fn run(cli: Cli) -> Result<usize> {
    match cli.command {
        Command::Extract(args) => cmd::extract::run(&args),
        Command::Analyze(args) => cmd::analyze::run(&args),
        Command::Export(command) => cmd::export::run(&command),
        Command::Train(cmd) => cmd::train::run(&cmd).map(|()| 0),
        Command::Bench(BenchCommand::Quotes(args)) => bench::quotes::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::Extraction(args)) => bench::extraction::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::Warc(args)) => bench::warc::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::Dedup(args)) => bench::dedup::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::Stories(args)) => bench::stories::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::RelateScale(args)) => {
            bench::relate_scale::run(&args).map(|()| 0)
        }
        Command::Ingest(args) => cmd::ingest::run(&args),
        Command::Watch(args) => cmd::watch::run(&args),
        Command::Search(args) => cmd::search::run(&args),
        Command::Quotes(args) => cmd::quotes::run(&args),
        Command::People(args) => cmd::people::run(&args),
        Command::Related(args) => cmd::related::run(&args),
        Command::Digest(args) => cmd::digest::run(&args),
        Command::Serve(args) => cmd::serve::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::Store(args)) => bench::store::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::Scaleout(args)) => bench::scaleout::run(&args).map(|()| 0),
    }
}
