//! The poll loop: sources (feeds, sitemaps, OPML lists, single pages) polled every
//! so often, resuming from the [`crate::CrawlState`] so nothing is fetched twice.
//!
//! A listing source (feed, sitemap, sitemap index, OPML) is fetched with a
//! conditional GET; when it changed, its article links that were never seen are
//! fetched and handed to the sink, then marked seen. A page source is re-fetched
//! conditionally on every poll and handed over whenever it changed.

use crate::feeds::{parse_document, Document, FeedOptions, Link};
use crate::fetch::{FetchError, Fetched, Fetcher};
use crate::pipeline::par_map;
use crate::state::StateError;
use crate::RawPage;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

/// What a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A feed, sitemap, sitemap index or OPML list (the kind is sniffed from the bytes).
    Listing,
    /// A single page, re-fetched when it changes.
    Page,
}

/// One thing to watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Id in the crawl state (for its next poll time); by default the URL.
    pub id: String,
    /// Its URL.
    pub url: String,
    /// Listing or page.
    pub kind: SourceKind,
    /// Time between polls.
    pub every: Duration,
}

impl Source {
    /// A feed, sitemap or OPML source polled every `every`.
    pub fn listing(url: &str, every: Duration) -> Self {
        Source {
            id: url.to_string(),
            url: url.to_string(),
            kind: SourceKind::Listing,
            every,
        }
    }

    /// A page source polled every `every`.
    pub fn page(url: &str, every: Duration) -> Self {
        Source {
            kind: SourceKind::Page,
            ..Source::listing(url, every)
        }
    }
}

/// Limits of one poll.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// How deep listings of listings are followed (sitemap index → sitemap, OPML →
    /// feed). Default 2.
    pub max_depth: usize,
    /// Most article pages fetched per source per poll (the rest wait for the next
    /// poll, as they are not marked seen). Default 500.
    pub max_pages_per_poll: usize,
    /// Most child listings fetched per listing. Default 100.
    pub max_children: usize,
    /// Parallel fetches (across hosts; per-host limits still apply). Default 4.
    pub jobs: usize,
    /// Document limits.
    pub feed: FeedOptions,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            max_depth: 2,
            max_pages_per_poll: 500,
            max_children: 100,
            jobs: 4,
            feed: FeedOptions::default(),
        }
    }
}

/// What one poll did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollReport {
    /// Sources polled (due ones only).
    pub sources: usize,
    /// Documents (listings) fetched and parsed.
    pub listings: usize,
    /// Listings and pages answered `304 Not Modified`.
    pub not_modified: usize,
    /// Article links found in the listings.
    pub links: usize,
    /// Links skipped because already seen.
    pub already_seen: usize,
    /// Pages handed to the sink.
    pub pages: usize,
    /// URLs robots.txt forbids.
    pub disallowed: usize,
    /// Responses that were not HTML.
    pub not_html: usize,
    /// Failures, one message each (URL included).
    pub errors: Vec<String>,
}

impl PollReport {
    fn add(&mut self, other: PollReport) {
        self.sources += other.sources;
        self.listings += other.listings;
        self.not_modified += other.not_modified;
        self.links += other.links;
        self.already_seen += other.already_seen;
        self.pages += other.pages;
        self.disallowed += other.disallowed;
        self.not_html += other.not_html;
        self.errors.extend(other.errors);
    }
}

/// Polls sources through a [`Fetcher`], remembering progress in the fetcher's crawl state.
pub struct Watcher {
    fetcher: Fetcher,
    sources: Vec<Source>,
    options: WatchOptions,
}

impl Watcher {
    /// A watcher over `sources`.
    pub fn new(fetcher: Fetcher, sources: Vec<Source>, options: WatchOptions) -> Self {
        Watcher {
            fetcher,
            sources,
            options,
        }
    }

    /// The fetcher (and through it the crawl state).
    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }

    /// Poll every source due at `now` (never polled, or its next poll time passed),
    /// handing new pages to `sink`; then schedule each one `every` later.
    /// Only a crawl-state failure is an error; fetch failures are in the report.
    pub fn poll_due(
        &self,
        now: SystemTime,
        sink: &mut dyn FnMut(RawPage),
    ) -> Result<PollReport, StateError> {
        let mut report = PollReport::default();
        for source in &self.sources {
            let due = self
                .fetcher
                .state()
                .next_poll(&source.id)?
                .is_none_or(|t| t <= now);
            if due {
                report.add(self.poll_source(source, sink)?);
                self.fetcher
                    .state()
                    .set_next_poll(&source.id, now + source.every)?;
            }
        }
        Ok(report)
    }

    /// Poll one source now, whatever its schedule.
    pub fn poll_source(
        &self,
        source: &Source,
        sink: &mut dyn FnMut(RawPage),
    ) -> Result<PollReport, StateError> {
        let mut report = PollReport {
            sources: 1,
            ..PollReport::default()
        };
        match source.kind {
            SourceKind::Page => match self.fetcher.fetch_page(&source.url) {
                Ok(Fetched::Page(page)) => {
                    report.pages += 1;
                    sink(page);
                }
                Ok(other) => count_outcome(&other, &mut report),
                Err(FetchError::State(e)) => return Err(e),
                Err(e) => report.errors.push(e.to_string()),
            },
            SourceKind::Listing => {
                let mut links = Vec::new();
                self.collect_links(&source.url, 0, &mut links, &mut report)?;
                report.links += links.len();
                self.fetch_new(links, &mut report, sink)?;
            }
        }
        Ok(report)
    }

    /// Poll forever (until `stop` is set): poll what is due, then sleep until the next
    /// source is due (checking `stop` at least every second).
    pub fn run(
        &self,
        stop: &AtomicBool,
        sink: &mut dyn FnMut(RawPage),
        on_poll: &mut dyn FnMut(&PollReport),
    ) -> Result<(), StateError> {
        while !stop.load(Ordering::Relaxed) {
            let report = self.poll_due(SystemTime::now(), sink)?;
            on_poll(&report);
            let mut next: Option<SystemTime> = None;
            for source in &self.sources {
                if let Some(t) = self.fetcher.state().next_poll(&source.id)? {
                    next = Some(next.map_or(t, |n| n.min(t)));
                }
            }
            let until = next.unwrap_or_else(|| SystemTime::now() + Duration::from_secs(60));
            while !stop.load(Ordering::Relaxed) {
                let left = until.duration_since(SystemTime::now()).unwrap_or_default();
                if left.is_zero() {
                    break;
                }
                std::thread::sleep(left.min(Duration::from_secs(1)));
            }
        }
        Ok(())
    }

    /// Fetch a listing; add its article links to `out`, following listings of listings.
    fn collect_links(
        &self,
        url: &str,
        depth: usize,
        out: &mut Vec<Link>,
        report: &mut PollReport,
    ) -> Result<(), StateError> {
        let doc = match self.fetcher.fetch_document(url) {
            Ok(Fetched::Page(page)) => page,
            Ok(other) => {
                count_outcome(&other, report);
                return Ok(());
            }
            Err(FetchError::State(e)) => return Err(e),
            Err(e) => {
                report.errors.push(e.to_string());
                return Ok(());
            }
        };
        report.listings += 1;
        let base = doc.url.as_deref().unwrap_or(url);
        match parse_document(&doc.bytes, Some(base), &self.options.feed) {
            Ok(Document::Feed(links) | Document::Sitemap(links)) => out.extend(links),
            Ok(Document::SitemapIndex(children) | Document::Opml(children)) => {
                if depth < self.options.max_depth {
                    for child in children.iter().take(self.options.max_children) {
                        self.collect_links(&child.url, depth + 1, out, report)?;
                    }
                }
            }
            Err(e) => {
                report.errors.push(format!("{url}: {e}"));
                // The document is unusable: forget its validators so the next poll refetches it.
                self.fetcher
                    .state()
                    .set_validators(&normalise(url), &Default::default())?;
            }
        }
        Ok(())
    }

    /// Fetch the links never seen (in parallel), hand pages to `sink`, mark them seen.
    fn fetch_new(
        &self,
        links: Vec<Link>,
        report: &mut PollReport,
        sink: &mut dyn FnMut(RawPage),
    ) -> Result<(), StateError> {
        let state = self.fetcher.state();
        let mut todo = Vec::new();
        let mut queued = std::collections::HashSet::new();
        for link in links {
            if state.is_seen(&link.url)? || !queued.insert(link.url.clone()) {
                report.already_seen += 1;
            } else if todo.len() < self.options.max_pages_per_poll {
                todo.push(link.url);
            }
        }
        let mut state_error = None;
        par_map(
            todo,
            self.options.jobs,
            |url| {
                let outcome = self.fetcher.fetch_page(&url);
                (url, outcome)
            },
            |_, (url, outcome)| {
                let seen = match outcome {
                    Ok(Fetched::Page(page)) => {
                        report.pages += 1;
                        sink(page);
                        true
                    }
                    Ok(other @ (Fetched::NotModified | Fetched::NotHtml { .. })) => {
                        count_outcome(&other, report);
                        true
                    }
                    Ok(other) => {
                        count_outcome(&other, report);
                        false
                    }
                    Err(FetchError::State(e)) => {
                        state_error.get_or_insert(e);
                        false
                    }
                    Err(e) => {
                        let permanent = e.is_permanent();
                        report.errors.push(e.to_string());
                        permanent
                    }
                };
                if seen {
                    if let Err(e) = state.mark_seen(&url) {
                        state_error.get_or_insert(e);
                    }
                }
            },
        );
        state_error.map_or(Ok(()), Err)
    }
}

fn count_outcome(outcome: &Fetched, report: &mut PollReport) {
    match outcome {
        Fetched::Page(_) => report.pages += 1,
        Fetched::NotModified => report.not_modified += 1,
        Fetched::Disallowed { .. } => report.disallowed += 1,
        Fetched::NotHtml { .. } => report.not_html += 1,
    }
}

/// The key the fetcher files validators under.
fn normalise(url: &str) -> String {
    url::Url::parse(url.trim()).map_or_else(|_| url.to_string(), |u| u.to_string())
}
