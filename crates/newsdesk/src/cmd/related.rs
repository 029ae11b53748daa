//! `newsdesk related ID`: the latest articles of an article's own story and the most
//! related articles of other stories (and its original, when it is a copy).

use super::ingest::DataArgs;
use anyhow::{bail, Result};
use clap::Args;
use newsdesk_store::{ArticleSummary, CopyGroup, Related};
use std::io::Write;

/// Arguments of `newsdesk related`.
#[derive(Args, Debug)]
pub struct RelatedArgs {
    /// The article's id (as `newsdesk search` and the API give it).
    pub id: i64,
    /// Articles per list (at most 50).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print JSON: `{"related": …, "copies": …}`.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Run `related`.
pub fn run(args: &RelatedArgs) -> Result<usize> {
    let store = args.data.open_read_only()?;
    let Some(related) = store.related(args.id, args.limit)? else {
        bail!(
            "no article with id {} in {} (or it is not related yet)",
            args.id,
            args.data.data.display()
        );
    };
    let copies = store.copies_of(args.id)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({ "related": related, "copies": copies }),
        )?;
        writeln!(out)?;
    } else {
        print_text(&mut out, args.id, &related, copies.as_ref())?;
    }
    out.flush()?;
    Ok(0)
}

fn line(out: &mut impl Write, a: &ArticleSummary, extra: &str) -> std::io::Result<()> {
    let day = a.date.get(..10).unwrap_or(&a.date);
    let title = a.title.as_deref().unwrap_or("(untitled)");
    let place = a.url.as_deref().unwrap_or(&a.source);
    writeln!(out, "  {day}  [{}] {title}{extra}", a.id)?;
    writeln!(out, "              {place}")
}

fn print_text(
    out: &mut impl Write,
    id: i64,
    r: &Related,
    copies: Option<&CopyGroup>,
) -> std::io::Result<()> {
    let s = &r.story;
    let span = |d: &str| d.get(..10).unwrap_or(d).to_string();
    writeln!(
        out,
        "article {id} is in story {}: {:?} ({} article{}, {} to {})",
        s.id,
        s.title,
        s.article_count,
        if s.article_count == 1 { "" } else { "s" },
        span(&s.first_date),
        span(&s.last_date)
    )?;
    if let Some(g) = copies {
        if g.original.article.id != id {
            writeln!(out, "\noriginal (this article is a copy of it):")?;
            line(out, &g.original.article, "")?;
        }
        if g.size > 1 {
            writeln!(out, "\ncopy group {}: {} articles", g.group, g.size)?;
        }
    }
    writeln!(out, "\nsame story, latest first:")?;
    if r.same_story.is_empty() {
        writeln!(out, "  (no other article yet)")?;
    }
    for a in &r.same_story {
        line(out, a, "")?;
    }
    writeln!(out, "\nrelated, from other stories:")?;
    if r.other_stories.is_empty() {
        writeln!(out, "  (none found)")?;
    }
    for o in &r.other_stories {
        line(out, &o.article, &format!("  (story {})", o.story_id))?;
    }
    Ok(())
}
