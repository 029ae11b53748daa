//! `newsdesk watch SOURCES... --every 15m`: poll feeds, sitemaps, OPML lists and pages,
//! storing new articles; the crawl state in the data directory lets a restart resume
//! without refetching. A live progress line on a terminal, one line per poll
//! otherwise (`--log-format json` for services), Ctrl-C stops cleanly.

use super::extract::ExtractLimits;
use super::ingest::DataArgs;
use super::sources::{
    cli_message, install_stop_handler, open_crawl, poll_into_store, stopping, Poll, Reporter,
    SourceArgs, StoreCounts,
};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use newsdesk_ingest::fetch::Fetcher;
use newsdesk_ingest::watch::{Source, Watcher};
use newsdesk_store::{Store, StoreOptions};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// How `watch` writes its log.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum LogFormat {
    /// Lines for people (a live progress line on a terminal).
    Text,
    /// One JSON object per line on standard output (`event`: `poll`, `error`,
    /// `stopped`), for services.
    Json,
}

/// Arguments of `newsdesk watch`.
#[derive(Args, Debug)]
pub struct WatchArgs {
    /// URLs to watch: feeds (RSS, Atom, JSON Feed), sitemaps, sitemap indexes, Google
    /// News sitemaps, OPML lists of feeds, or single pages (the kind is sniffed).
    #[arg(required = true)]
    pub sources: Vec<String>,
    #[command(flatten)]
    pub data: DataArgs,
    /// Time between two polls of a source: `90s`, `15m`, `2h`, `1d`, `1h30m`.
    #[arg(long, default_value = "15m", value_parser = parse_every)]
    pub every: Duration,
    /// Poll the sources that are due once, then exit (for cron or systemd timers).
    #[arg(long)]
    pub once: bool,
    /// No progress line or per-poll lines; errors only.
    #[arg(long, short)]
    pub quiet: bool,
    /// Log format.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Articles per batch: the database and the index commit every this many articles
    /// (and after every poll).
    #[arg(long, default_value_t = 1000)]
    pub batch_size: usize,
    #[command(flatten)]
    pub fetch: SourceArgs,
    #[command(flatten)]
    pub limits: ExtractLimits,
}

/// Parse `15m`, `90s`, `2h`, `1d`, `1h30m` (at least one second).
pub fn parse_every(s: &str) -> Result<Duration, String> {
    let mut total = 0u64;
    let mut number = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => {
                return Err(format!(
                    "{s:?}: unknown unit {c:?} (use s, m, h or d, e.g. 15m)"
                ))
            }
        };
        let n: u64 = number
            .parse()
            .map_err(|_| format!("{s:?}: a number must come before {c:?} (e.g. 15m)"))?;
        total = total.saturating_add(n.saturating_mul(unit));
        number.clear();
    }
    if !number.is_empty() {
        return Err(format!(
            "{s:?}: missing unit after {number} (use s, m, h or d, e.g. 15m)"
        ));
    }
    if total == 0 {
        return Err(format!("{s:?}: the interval must be at least 1s"));
    }
    Ok(Duration::from_secs(total))
}

fn human(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
    }
}

/// Run `watch`; returns the number of failures (fetch errors and pages not stored)
/// with `--once`, else 0 once stopped.
pub fn run(args: &WatchArgs) -> Result<usize> {
    for s in &args.sources {
        if !super::sources::is_url(s) {
            bail!("{s}: not an http(s) URL (watch takes URLs of feeds, sitemaps, OPML lists or pages)");
        }
    }
    install_stop_handler();
    let options = args.limits.options();
    let mut store = Store::open_with(
        &args.data.data,
        StoreOptions {
            batch_size: args.batch_size.max(1),
        },
    )
    .with_context(|| format!("opening the store in {}", args.data.data.display()))?;
    let crawl = open_crawl(&args.data.data)?;
    let sources: Vec<Source> = args
        .sources
        .iter()
        .map(|u| Source::auto(u, args.every))
        .collect();
    let fetcher = Fetcher::new(args.fetch.fetch_options(), crawl.clone());
    let watcher = Arc::new(Watcher::new(
        fetcher,
        sources.clone(),
        args.fetch.watch_options(),
    ));
    let json = args.log_format == LogFormat::Json;
    let interactive = !args.quiet && !json && std::io::stderr().is_terminal();
    let bar = interactive.then(|| super::sources::spinner(Duration::from_millis(250)));
    let mut reporter = Reporter::new(bar, json, u64::MAX);
    let n_sources = sources.len();
    let started = Instant::now();
    let mut total = StoreCounts::default();
    let mut errors = 0u64;
    let mut polls = 0u64;
    let mut fetched = 0u64;
    loop {
        if stopping() {
            break;
        }
        let poll_started = Instant::now();
        let base = (total.clone(), errors);
        let outcome = poll_into_store(
            &watcher,
            &crawl,
            Poll::Due,
            &mut store,
            &options,
            &mut |c, message| {
                if let Some(m) = message {
                    reporter.error(&m);
                }
                if let Some(b) = reporter.bar() {
                    let secs = poll_started.elapsed().as_secs_f64().max(1e-3);
                    b.set_message(format!(
                        "polling {n_sources} sources: {:.1} pages/s, {} new articles, {} errors",
                        c.pages as f64 / secs,
                        base.0.new + c.new,
                        base.1 + c.failed,
                    ));
                }
            },
        )?;
        let c = &outcome.counts;
        total.absorb(c);
        errors += c.failed;
        let Some(report) = outcome.report else {
            break; // stopped in the middle of the poll
        };
        polls += 1;
        fetched += report.pages as u64;
        for e in &report.errors {
            reporter.error(&cli_message(e));
        }
        errors += report.errors.len() as u64;
        let secs = poll_started.elapsed().as_secs_f64();
        if json {
            let line = serde_json::json!({
                "event": "poll",
                "sources": report.sources,
                "listings": report.listings,
                "links": report.links,
                "already_seen": report.already_seen,
                "pages": report.pages,
                "not_modified": report.not_modified,
                "disallowed": report.disallowed,
                "not_html": report.not_html,
                "errors": report.errors.len() as u64 + c.failed,
                "new": c.new,
                "updated": c.updated,
                "unchanged": c.unchanged,
                "no_article": c.no_article,
                "seconds": (secs * 1000.0).round() / 1000.0,
            });
            if !args.quiet {
                reporter.line(&line.to_string());
            }
        } else if !args.quiet && report.sources > 0 {
            reporter.line(&format!(
                "watch: polled {} sources in {:.1} s: {} listings, {} links ({} already seen), \
                 {} pages ({:.1}/s), {} not modified, {} forbidden by robots.txt, {} errors; \
                 {} new articles, {} updated",
                report.sources,
                secs,
                report.listings,
                report.links,
                report.already_seen,
                report.pages,
                report.pages as f64 / secs.max(1e-3),
                report.not_modified,
                report.disallowed,
                report.errors.len() as u64 + c.failed,
                c.new,
                c.updated
            ));
        }
        if args.once {
            break;
        }
        // Sleep until the next source is due (checking Ctrl-C twice a second).
        let state = watcher.fetcher().state();
        let mut next: Option<SystemTime> = None;
        for s in &sources {
            if let Some(t) = state.next_poll(&s.id).context("reading the crawl state")? {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
        }
        let until = next.unwrap_or_else(|| SystemTime::now() + args.every);
        while !stopping() {
            let left = until.duration_since(SystemTime::now()).unwrap_or_default();
            if left.is_zero() {
                break;
            }
            if let Some(b) = reporter.bar() {
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                b.set_message(format!(
                    "{n_sources} sources, {polls} polls, {:.2} pages/s, {} new articles, {errors} errors; next poll in {}",
                    fetched as f64 / secs,
                    total.new,
                    human(left)
                ));
            }
            std::thread::sleep(left.min(Duration::from_millis(500)));
        }
    }
    reporter.finish();
    let secs = started.elapsed().as_secs_f64();
    if json {
        println!(
            "{}",
            serde_json::json!({
                "event": "stopped",
                "polls": polls,
                "pages": total.pages,
                "new": total.new,
                "updated": total.updated,
                "errors": errors,
                "seconds": secs.round(),
                "interrupted": stopping(),
            })
        );
    } else if !args.quiet {
        eprintln!(
            "watch: {}{polls} polls in {:.0} s, {} pages stored: {} new, {} updated, {} unchanged, \
             {} without article text; {errors} errors",
            if stopping() { "stopped; " } else { "" },
            secs,
            total.pages,
            total.new,
            total.updated,
            total.unchanged,
            total.no_article
        );
    }
    Ok(if args.once { errors as usize } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_every("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_every("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_every("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_every("1d"), Ok(Duration::from_secs(86_400)));
        assert!(parse_every("15").is_err());
        assert!(parse_every("0m").is_err());
        assert!(parse_every("m").is_err());
        assert!(parse_every("5w").is_err());
    }
}
