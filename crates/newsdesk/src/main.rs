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
    /// Export extracted and analysed articles (files, folders, WARC) to Parquet.
    #[command(subcommand)]
    Export(cmd::export::ExportCommand),
    /// Run a benchmark on ../shared/bench data and print its figures.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Subcommand, Debug)]
enum BenchCommand {
    /// Article-body extraction quality (score.py's metric), speed and peak memory.
    Extraction(bench::extraction::ExtractionBenchArgs),
    /// Quote and speaker attribution quality (score.py's metric) and speed.
    Quotes(bench::quotes::QuotesBenchArgs),
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
        Command::Bench(BenchCommand::Quotes(args)) => bench::quotes::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::Extraction(args)) => bench::extraction::run(&args).map(|()| 0),
        Command::Bench(BenchCommand::Scaleout(args)) => bench::scaleout::run(&args).map(|()| 0),
    }
}
