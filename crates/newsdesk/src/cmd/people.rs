//! `newsdesk people`: people with their quote counts and roles; `--page` shows one
//! person's page (roles over time, quotes per month, latest quotes, who appears with them).

use super::ingest::DataArgs;
use anyhow::Result;
use clap::Args;
use newsdesk_store::PeopleQuery;
use std::io::Write;

/// Arguments of `newsdesk people`.
#[derive(Args, Debug)]
pub struct PeopleArgs {
    /// Only names containing these words (case and accents ignored).
    #[arg(long)]
    pub name: Option<String>,
    /// Only people quoted at least this many times.
    #[arg(long, default_value_t = 0)]
    pub min_quotes: usize,
    /// Include organisations and groups that are quoted.
    #[arg(long)]
    pub all: bool,
    /// Show the page of the best match of `--name` instead of a list.
    #[arg(long, requires = "name")]
    pub page: bool,
    /// How many people.
    #[arg(long, default_value_t = 50)]
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

/// Run `people`.
pub fn run(args: &PeopleArgs) -> Result<usize> {
    let store = args.data.open_read_only()?;
    let people = store.people(&PeopleQuery {
        name: args.name.clone(),
        min_quotes: args.min_quotes,
        all_kinds: args.all,
        limit: if args.page { 1 } else { args.limit },
        offset: args.offset,
    })?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.page {
        let Some(page) = people
            .first()
            .map(|p| store.person_page(p.id, 10))
            .transpose()?
            .flatten()
        else {
            writeln!(out, "nobody named {:?}", args.name.as_deref().unwrap_or(""))?;
            out.flush()?;
            return Ok(0);
        };
        if args.json {
            serde_json::to_writer_pretty(&mut out, &page)?;
            writeln!(out)?;
            out.flush()?;
            return Ok(0);
        }
        let p = &page.person;
        writeln!(out, "{}", p.name)?;
        writeln!(
            out,
            "{} quotes in {} articles",
            p.quote_count, p.article_count
        )?;
        if !page.roles.is_empty() {
            writeln!(out, "\nRoles:")?;
            for r in &page.roles {
                writeln!(
                    out,
                    "  {} ({} article{}, {} – {})",
                    r.role,
                    r.articles,
                    if r.articles == 1 { "" } else { "s" },
                    &r.first_seen[..10],
                    &r.last_seen[..10]
                )?;
            }
        }
        if !page.quotes_by_month.is_empty() {
            writeln!(out, "\nQuotes per month:")?;
            let max = page
                .quotes_by_month
                .iter()
                .map(|m| m.quotes)
                .max()
                .unwrap_or(1)
                .max(1);
            for m in &page.quotes_by_month {
                let bar = "█".repeat((m.quotes * 30).div_ceil(max));
                writeln!(out, "  {} {bar} {}", m.month, m.quotes)?;
            }
        }
        if !page.recent_quotes.is_empty() {
            writeln!(out, "\nLatest quotes:")?;
            for q in &page.recent_quotes {
                writeln!(out, "  {}  “{}”", &q.date[..10], q.text)?;
                writeln!(
                    out,
                    "      — {}",
                    q.article_title.as_deref().unwrap_or("(untitled)")
                )?;
            }
        }
        if !page.co_mentioned.is_empty() {
            writeln!(out, "\nOften named with:")?;
            for c in &page.co_mentioned {
                let s = if c.articles == 1 { "" } else { "s" };
                writeln!(out, "  {} ({} article{s})", c.name, c.articles)?;
            }
        }
        out.flush()?;
        return Ok(0);
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &people)?;
        writeln!(out)?;
    } else if people.is_empty() {
        writeln!(out, "no people found")?;
    } else {
        writeln!(out, "{:>7} {:>8}  name — roles", "quotes", "articles")?;
        for p in &people {
            let roles = if p.roles.is_empty() {
                String::new()
            } else {
                format!(" — {}", p.roles.join("; "))
            };
            writeln!(
                out,
                "{:>7} {:>8}  {}{roles}",
                p.quote_count, p.article_count, p.name
            )?;
        }
    }
    out.flush()?;
    Ok(0)
}
