//! `newsdesk quotes --speaker NAME`: what someone said, newest first.

use super::ingest::DataArgs;
use anyhow::Result;
use clap::Args;
use std::io::Write;

/// Arguments of `newsdesk quotes`.
#[derive(Args, Debug)]
pub struct QuotesArgs {
    /// The speaker: any part of the name ("Ryabkov", "sergei ryabkov"); case and accents ignored.
    #[arg(long, required = true)]
    pub speaker: String,
    /// How many quotes.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Skip this many first (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Run `quotes`.
pub fn run(args: &QuotesArgs) -> Result<usize> {
    let store = args.data.open_read_only()?;
    let quotes = store.quotes_by_speaker(&args.speaker, args.limit, args.offset)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &quotes)?;
        writeln!(out)?;
    } else if quotes.is_empty() {
        writeln!(out, "no quotes by {:?}", args.speaker)?;
    } else {
        for q in &quotes {
            let day = q.date.get(..10).unwrap_or(&q.date);
            let who = q.speaker.as_deref().unwrap_or("?");
            match &q.speaker_role {
                Some(role) => writeln!(out, "{day}  {who} ({role}):")?,
                None => writeln!(out, "{day}  {who}:")?,
            }
            writeln!(out, "    “{}”", q.text)?;
            writeln!(
                out,
                "    — {} · {}",
                q.article_title.as_deref().unwrap_or("(untitled)"),
                q.article_url.as_deref().unwrap_or(&q.source)
            )?;
        }
    }
    out.flush()?;
    Ok(0)
}
