//! `newsdesk search QUERY`: ranked full-text search over articles and quotes.

use super::ingest::DataArgs;
use anyhow::Result;
use clap::{Args, ValueEnum};
use newsdesk_store::{DocKind, SearchQuery, Snippet};
use std::io::{IsTerminal, Write};

/// `--kind` values.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum KindArg {
    /// Whole articles.
    Article,
    /// Single quotes.
    Quote,
}

/// Arguments of `newsdesk search`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to find (all of them); `"a phrase"`, `-word`, `a OR b` work. May be empty with filters.
    #[arg(default_value = "")]
    pub query: String,
    /// Only quotes by this speaker ("Ryabkov"; case and accents ignored).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only articles naming, or quotes by, this person.
    #[arg(long)]
    pub person: Option<String>,
    /// Only this site (site name or host, e.g. reuters.com).
    #[arg(long)]
    pub site: Option<String>,
    /// Only documents dated on or after this date (ISO 8601, e.g. 2022-01-10).
    #[arg(long)]
    pub since: Option<String>,
    /// Only documents dated on or before this date (a bare date includes the whole day).
    #[arg(long)]
    pub until: Option<String>,
    /// Only articles or only quotes.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// How many results.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Skip this many results first (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Run `search`.
pub fn run(args: &SearchArgs) -> Result<usize> {
    let store = args.data.open_read_only()?;
    let q = SearchQuery {
        text: args.query.clone(),
        speaker: args.speaker.clone(),
        person: args.person.clone(),
        site: args.site.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        kind: args.kind.map(|k| match k {
            KindArg::Article => DocKind::Article,
            KindArg::Quote => DocKind::Quote,
        }),
        limit: args.limit,
        offset: args.offset,
    };
    let results = store.search(&q)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(0);
    }
    let color = std::io::stdout().is_terminal();
    let plural = if results.total == 1 { "" } else { "s" };
    if args.query.trim().is_empty() {
        writeln!(out, "{} result{plural}", results.total)?;
    } else {
        writeln!(out, "{} result{plural} for {:?}", results.total, args.query)?;
    }
    for (i, hit) in results.hits.iter().enumerate() {
        let a = &hit.article;
        let title = a.title.as_deref().unwrap_or("(untitled)");
        let day = a.date.get(..10).unwrap_or(&a.date);
        writeln!(out)?;
        match &hit.quote {
            Some(qr) => {
                let who = qr.speaker.as_deref().unwrap_or("unattributed");
                writeln!(
                    out,
                    "{:>3}. [quote] {who} · {title} · {day}",
                    args.offset + i + 1
                )?;
            }
            None => writeln!(out, "{:>3}. [article] {title} · {day}", args.offset + i + 1)?,
        }
        writeln!(out, "     {}", a.url.as_deref().unwrap_or(&a.source))?;
        if let Some(site) = &a.site {
            writeln!(out, "     {site}")?;
        }
        writeln!(out, "     {}", render_snippet(&hit.snippet, color))?;
    }
    out.flush()?;
    Ok(0)
}

/// The snippet on one line, matches in bold (terminal) or between `**` (otherwise).
pub fn render_snippet(s: &Snippet, color: bool) -> String {
    let (on, off) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let mut out = String::with_capacity(s.text.len() + 16);
    let mut at = 0;
    for &(a, b) in &s.highlights {
        out.push_str(&s.text[at..a]);
        out.push_str(on);
        out.push_str(&s.text[a..b]);
        out.push_str(off);
        at = b;
    }
    out.push_str(&s.text[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
