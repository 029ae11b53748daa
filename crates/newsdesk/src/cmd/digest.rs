//! `newsdesk digest --date D [--format html|markdown|json] [--send]`: the day's top
//! stories from the store, ranked by coverage and novelty, each with a summary from its
//! most central article, key quotes with speakers, and links; printed, written to a
//! file, or mailed over SMTP.
//!
//! The stories come through the server's store backend and its mapping onto the digest
//! crate's input model (`newsdesk_serve::digest`), so the CLI and `/api/digest` give the
//! same digest; ranking, summaries and rendering live in `newsdesk-digest`.

use super::ingest::DataArgs;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use newsdesk_digest::{send, to_html, to_json, to_markdown, SmtpSettings};
use newsdesk_serve::{digest::digest_of_day, StoreBackend};
use std::io::Write;
use std::path::PathBuf;

/// Output format of the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// E-mail-safe HTML (inline CSS, no scripts, no external resources).
    Html,
    /// Markdown (also the plain-text part of the e-mail).
    Markdown,
    /// JSON (the digest's full structure, with scores).
    Json,
}

/// Arguments of `newsdesk digest`.
#[derive(Args, Debug)]
pub struct DigestArgs {
    /// The day (`YYYY-MM-DD`, UTC); default today.
    #[arg(long)]
    pub date: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Most stories in the digest (at most 200).
    #[arg(long, default_value_t = 10)]
    pub max_stories: usize,
    /// Base URL of the web UI (`newsdesk serve`), to link articles that have no URL of
    /// their own as BASE/articles/ID.
    #[arg(long, env = "NEWSDESK_BASE_URL")]
    pub base_url: Option<String>,
    /// Write the digest to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Mail the digest (HTML with a Markdown text part) over SMTP. Settings come from
    /// `--smtp-config` and the NEWSDESK_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _TO,
    /// _TLS (none|starttls|tls) and _TIMEOUT_SECS variables, which override the file.
    #[arg(long)]
    pub send: bool,
    /// TOML file with SMTP settings (keys host, port, user, password, from, to, tls,
    /// timeout_secs; at the top level or under [smtp]).
    #[arg(long, env = "NEWSDESK_SMTP_CONFIG")]
    pub smtp_config: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Run `digest`.
pub fn run(args: &DigestArgs) -> Result<usize> {
    let date = match &args.date {
        Some(d) => d.trim().to_string(),
        None => chrono::Utc::now().format("%Y-%m-%d").to_string(),
    };
    // The same stories → digest mapping as the server's /api/digest and /digest page.
    drop(args.data.open_read_only()?); // a missing store is an error, not created here
    let backend = StoreBackend::open(&args.data.data, 1)
        .with_context(|| format!("opening the store in {}", args.data.data.display()))?;
    let digest = digest_of_day(&backend, &date, args.max_stories, args.base_url.clone())
        .with_context(|| format!("making the digest of {date}"))?;
    let text = match args.format {
        Format::Html => to_html(&digest),
        Format::Markdown => to_markdown(&digest),
        Format::Json => to_json(&digest),
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                writeln!(out)?;
            }
        }
    }
    if args.send {
        let settings = SmtpSettings::from_sources(args.smtp_config.as_deref(), &|name| {
            std::env::var(name).ok()
        })?;
        send(&digest, &settings)?;
        eprintln!(
            "digest for {date}: {} stories mailed to {} via {}:{}",
            digest.stories.len(),
            settings.to.join(", "),
            settings.host,
            settings.port
        );
    } else if digest.stories.is_empty() {
        eprintln!("digest for {date}: no stories with articles on that day");
    }
    Ok(0)
}
