//! The polite, safe HTTP fetcher.
//!
//! - **robots.txt** is honoured (via `texting_robots`), cached per origin for
//!   [`FetchOptions::robots_ttl`]; its `Crawl-delay` raises the per-host delay (capped).
//!   A missing robots.txt (4xx) allows everything; an unreachable one (5xx, network
//!   error) disallows the origin until the cache entry expires (RFC 9309).
//! - **Per-host limits**: at most [`FetchOptions::host_concurrency`] requests in flight
//!   and [`FetchOptions::host_delay`] between request starts, per `host:port`.
//! - **Conditional GET**: `ETag` / `Last-Modified` saved in the [`CrawlState`] are sent
//!   back; a `304` is [`Fetched::NotModified`].
//! - **Retries** with exponential backoff on network errors, 408, 429 and 5xx
//!   (`Retry-After` honoured up to [`FetchOptions::max_backoff`]).
//! - **Caps**: bounded redirects (followed here, hop by hop, so each hop gets the robots
//!   and address checks), timeouts, a response-size cap applied *after* gzip
//!   decompression (no gzip bombs), and only HTML-like content types for pages.
//! - **SSRF safety**: the HTTP client's resolver connects only to addresses vetted by
//!   [`crate::net::resolve_vetted`] — loopback, private, link-local, multicast and
//!   unspecified addresses are refused after DNS resolution, on every hop, unless
//!   [`FetchOptions::addresses`] allows them.
//!
//! Blocking (`ureq`): one thread per request in flight is plenty for a polite crawler
//! (a few requests per host per second) and keeps compile time and the dependency
//! tree small; callers wanting parallelism use [`crate::pipeline::par_map`].

use crate::net::{refused_literal, resolve_vetted, AddressPolicy, PrivateAddress};
use crate::page::{
    is_html_content_type, media_type, now_rfc3339, parse_content_type_charset, RawPage,
};
use crate::state::{CrawlState, StateError, Validators};
use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use url::Url;

/// The default `User-Agent`.
pub const DEFAULT_USER_AGENT: &str = "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk)";

/// Settings of a [`Fetcher`]; every limit is explicit, defaults in each field's doc.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// `User-Agent` header. Default [`DEFAULT_USER_AGENT`]. Its first word (before `/`)
    /// is the product token matched against robots.txt groups.
    pub user_agent: String,
    /// Connection timeout. Default 10 s.
    pub connect_timeout: Duration,
    /// Whole-request timeout (connect, headers and body). Default 30 s.
    pub timeout: Duration,
    /// Largest body accepted, in bytes, after decompression. Default 16 MiB; larger
    /// responses fail with [`FetchError::TooLarge`].
    pub max_body_bytes: usize,
    /// Most redirects followed. Default 5.
    pub max_redirects: u32,
    /// Retries after the first attempt on retryable failures. Default 2.
    pub retries: u32,
    /// First backoff delay, doubled after each retry. Default 1 s.
    pub backoff: Duration,
    /// Longest single backoff (also caps `Retry-After`). Default 60 s.
    pub max_backoff: Duration,
    /// Minimum time between the starts of two requests to the same host. Default 1 s.
    pub host_delay: Duration,
    /// Most requests in flight to one host. Default 2.
    pub host_concurrency: usize,
    /// Honour robots.txt. Default `true`.
    pub respect_robots: bool,
    /// Longest robots.txt `Crawl-delay` honoured. Default 30 s.
    pub max_crawl_delay: Duration,
    /// How long a fetched robots.txt is trusted. Default 1 hour.
    pub robots_ttl: Duration,
    /// Which addresses may be contacted. Default: public addresses only; set
    /// `addresses.allow_private` only for tests and deliberate intranet crawls.
    pub addresses: AddressPolicy,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body_bytes: 16 << 20,
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
            host_delay: Duration::from_secs(1),
            host_concurrency: 2,
            respect_robots: true,
            max_crawl_delay: Duration::from_secs(30),
            robots_ttl: Duration::from_secs(3600),
            addresses: AddressPolicy::default(),
        }
    }
}

/// The outcome of a fetch that did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A 2xx response of an accepted content type.
    Page(RawPage),
    /// `304 Not Modified`: unchanged since the saved validators.
    NotModified,
    /// robots.txt forbids this URL (or a redirect hop of it) to us.
    Disallowed {
        /// The URL refused.
        url: String,
    },
    /// A page request answered with a content type that is not HTML-like.
    NotHtml {
        /// The final URL.
        url: String,
        /// The `Content-Type` received (empty when missing).
        content_type: String,
    },
}

/// Why a fetch failed. Every variant names the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not an absolute `http(s)` URL.
    #[error("{url}: invalid URL: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The host is, or resolves to, an address the [`AddressPolicy`] refuses.
    #[error("{url}: {reason}")]
    Refused {
        /// The URL refused (possibly a redirect target).
        url: String,
        /// Which address and why.
        reason: String,
    },
    /// Timed out (connect or whole request).
    #[error("{url}: timed out")]
    Timeout {
        /// The URL.
        url: String,
    },
    /// A network or protocol failure.
    #[error("{url}: {message}")]
    Transport {
        /// The URL.
        url: String,
        /// The client's message.
        message: String,
    },
    /// An HTTP error status (after retries, for retryable ones).
    #[error("{url}: HTTP status {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The body is over [`FetchOptions::max_body_bytes`] (after decompression).
    #[error("{url}: response body over the limit of {limit} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit in force.
        limit: usize,
    },
    /// More than [`FetchOptions::max_redirects`] redirects, or a redirect without a usable `Location`.
    #[error("{url}: {reason}")]
    Redirect {
        /// The URL that redirected last.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// The crawl state failed.
    #[error(transparent)]
    State(#[from] StateError),
}

impl FetchError {
    /// Whether retrying later is pointless (bad URL, refused address, 4xx other than
    /// 408/429, too large, redirect loop): the URL can be marked seen.
    pub fn is_permanent(&self) -> bool {
        match self {
            FetchError::InvalidUrl { .. }
            | FetchError::Refused { .. }
            | FetchError::TooLarge { .. }
            | FetchError::Redirect { .. } => true,
            FetchError::Status { status, .. } => {
                (400..500).contains(status) && *status != 408 && *status != 429
            }
            FetchError::Timeout { .. } | FetchError::Transport { .. } | FetchError::State(_) => {
                false
            }
        }
    }
}

/// What kind of body a request accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Accept {
    /// HTML-like content types only.
    Html,
    /// Anything (feeds, sitemaps, robots.txt).
    Any,
}

/// Per-host politeness: concurrency slots and the earliest next request start.
#[derive(Default)]
struct HostGate {
    hosts: Mutex<HashMap<String, HostSlot>>,
    freed: Condvar,
}

#[derive(Default)]
struct HostSlot {
    in_flight: usize,
    next_start: Option<Instant>,
    crawl_delay: Option<Duration>,
}

struct HostPermit<'a> {
    gate: &'a HostGate,
    host: String,
}

impl Drop for HostPermit<'_> {
    fn drop(&mut self) {
        let mut hosts = self.gate.hosts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(slot) = hosts.get_mut(&self.host) {
            slot.in_flight = slot.in_flight.saturating_sub(1);
        }
        self.gate.freed.notify_all();
    }
}

impl HostGate {
    /// Wait for a slot on `host` and for its delay to pass; reserve the next start.
    fn acquire(&self, host: &str, delay: Duration, concurrency: usize) -> HostPermit<'_> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let slot = hosts.entry(host.to_string()).or_default();
            let now = Instant::now();
            let wait = slot
                .next_start
                .map_or(Duration::ZERO, |t| t.saturating_duration_since(now));
            if slot.in_flight < concurrency.max(1) && wait.is_zero() {
                slot.in_flight += 1;
                slot.next_start = Some(now + delay.max(slot.crawl_delay.unwrap_or_default()));
                return HostPermit {
                    gate: self,
                    host: host.to_string(),
                };
            }
            let timeout = if wait.is_zero() {
                Duration::from_secs(1)
            } else {
                wait
            };
            hosts = self
                .freed
                .wait_timeout(hosts, timeout)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    fn set_crawl_delay(&self, host: &str, delay: Duration) {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts.entry(host.to_string()).or_default().crawl_delay = Some(delay);
    }
}

/// A robots.txt verdict cached per origin.
struct RobotsEntry {
    rules: Option<texting_robots::Robot>,
    /// When no rules: allow everything (`true`, robots.txt missing) or nothing (`false`, unreachable).
    allow_all: bool,
    fetched: Instant,
}

/// The polite HTTP fetcher. Share it between threads (`&Fetcher` is enough).
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
    state: Arc<dyn CrawlState>,
    hosts: HostGate,
    robots: Mutex<HashMap<String, Arc<RobotsEntry>>>,
    robots_token: String,
}

/// A response reduced to what the fetcher uses.
struct Response {
    status: u16,
    url: Url,
    headers: HashMap<&'static str, String>,
    body: Vec<u8>,
}

const KEPT_HEADERS: [&str; 7] = [
    "content-type",
    "date",
    "etag",
    "last-modified",
    "location",
    "retry-after",
    "content-encoding",
];

impl Fetcher {
    /// A fetcher with `options`, remembering validators in `state`.
    pub fn new(options: FetchOptions, state: Arc<dyn CrawlState>) -> Self {
        let policy = options.addresses.clone();
        let agent = ureq::AgentBuilder::new()
            .user_agent(&options.user_agent)
            .timeout_connect(options.connect_timeout)
            .timeout(options.timeout)
            .redirects(0)
            .max_idle_connections_per_host(options.host_concurrency.max(1))
            .resolver(move |netloc: &str| resolve_vetted(netloc, &policy))
            .build();
        let robots_token = options
            .user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or("newsdesk")
            .to_string();
        Fetcher {
            agent,
            options,
            state,
            hosts: HostGate::default(),
            robots: Mutex::new(HashMap::new()),
            robots_token,
        }
    }

    /// The options in force.
    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// The crawl state.
    pub fn state(&self) -> &dyn CrawlState {
        &*self.state
    }

    /// Fetch an HTML page with a conditional GET (validators from the crawl state, saved
    /// back on success). Non-HTML responses are [`Fetched::NotHtml`], not read further.
    pub fn fetch_page(&self, url: &str) -> Result<Fetched, FetchError> {
        self.fetch(url, Accept::Html, true)
    }

    /// Fetch any document (a feed, a sitemap) with a conditional GET; whatever its
    /// content type, its bytes come back in [`Fetched::Page`].
    pub fn fetch_document(&self, url: &str) -> Result<Fetched, FetchError> {
        self.fetch(url, Accept::Any, true)
    }

    /// Fetch without validators and without saving any (a one-off fetch).
    pub fn fetch_page_unconditional(&self, url: &str) -> Result<Fetched, FetchError> {
        self.fetch(url, Accept::Html, false)
    }

    fn fetch(&self, url: &str, accept: Accept, conditional: bool) -> Result<Fetched, FetchError> {
        let start = parse_url(url)?;
        let key = start.to_string();
        let validators = if conditional {
            self.state.validators(&key)?
        } else {
            None
        };
        let mut current = start;
        for _hop in 0..=self.options.max_redirects {
            self.check_literal(&current)?;
            if self.options.respect_robots && !self.robots_allowed(&current)? {
                return Ok(Fetched::Disallowed {
                    url: current.to_string(),
                });
            }
            let response = self.request(&current, validators.as_ref(), accept)?;
            match response.status {
                301 | 302 | 303 | 307 | 308 => {
                    let location =
                        response
                            .headers
                            .get("location")
                            .ok_or_else(|| FetchError::Redirect {
                                url: current.to_string(),
                                reason: format!("redirect {} without Location", response.status),
                            })?;
                    let next = current.join(location).map_err(|e| FetchError::Redirect {
                        url: current.to_string(),
                        reason: format!("bad Location {location:?}: {e}"),
                    })?;
                    current = parse_url(next.as_str())?;
                }
                304 => return Ok(Fetched::NotModified),
                200..=299 => {
                    let content_type = response.headers.get("content-type").cloned();
                    if accept == Accept::Html
                        && !content_type.as_deref().is_some_and(is_html_content_type)
                    {
                        return Ok(Fetched::NotHtml {
                            url: response.url.to_string(),
                            content_type: content_type.unwrap_or_default(),
                        });
                    }
                    if conditional {
                        let saved = Validators {
                            etag: response.headers.get("etag").cloned(),
                            last_modified: response.headers.get("last-modified").cloned(),
                        };
                        self.state.set_validators(&key, &saved)?;
                    }
                    let http_charset = content_type.as_deref().and_then(parse_content_type_charset);
                    return Ok(Fetched::Page(RawPage {
                        url: Some(response.url.to_string()),
                        bytes: response.body,
                        status: response.status,
                        content_type: content_type.map(|c| media_type(&c).to_string()),
                        http_charset,
                        http_date: response.headers.get("date").cloned(),
                        last_modified: response.headers.get("last-modified").cloned(),
                        fetched_at: now_rfc3339(),
                        source: url.to_string(),
                    }));
                }
                status => {
                    return Err(FetchError::Status {
                        url: current.to_string(),
                        status,
                    })
                }
            }
        }
        Err(FetchError::Redirect {
            url: current.to_string(),
            reason: format!("more than {} redirects", self.options.max_redirects),
        })
    }

    /// One URL, with retries, politeness and caps; redirects are returned, not followed.
    fn request(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        accept: Accept,
    ) -> Result<Response, FetchError> {
        let mut attempt = 0;
        loop {
            let result = self.request_once(url, validators, accept);
            let retry_after = match &result {
                Ok(r) if matches!(r.status, 408 | 429 | 500 | 502 | 503 | 504) => Some(
                    r.headers
                        .get("retry-after")
                        .and_then(|v| v.trim().parse::<u64>().ok()),
                ),
                Err(FetchError::Timeout { .. } | FetchError::Transport { .. }) => Some(None),
                _ => None,
            };
            match retry_after {
                Some(server_wait) if attempt < self.options.retries => {
                    let backoff = self.options.backoff.saturating_mul(1 << attempt.min(16));
                    let wait = server_wait
                        .map_or(backoff, Duration::from_secs)
                        .min(self.options.max_backoff);
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                _ => return result,
            }
        }
    }

    fn request_once(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        accept: Accept,
    ) -> Result<Response, FetchError> {
        let host = host_key(url);
        let _permit = self.hosts.acquire(
            &host,
            self.options.host_delay,
            self.options.host_concurrency,
        );
        let mut request = self.agent.request_url("GET", url);
        request = match accept {
            Accept::Html => {
                request.set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
            }
            Accept::Any => request.set("Accept", "*/*"),
        };
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.set("If-None-Match", etag);
            }
            if let Some(lm) = &v.last_modified {
                request = request.set("If-Modified-Since", lm);
            }
        }
        let response = match request.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => return Err(transport_error(url, &t)),
        };
        let status = response.status();
        let mut headers = HashMap::new();
        for name in KEPT_HEADERS {
            if let Some(v) = response.header(name) {
                headers.insert(name, v.to_string());
            }
        }
        let mut body = Vec::new();
        let wants_body = (200..300).contains(&status)
            && (accept == Accept::Any
                || headers
                    .get("content-type")
                    .is_some_and(|c| is_html_content_type(c)));
        if wants_body {
            let limit = self.options.max_body_bytes;
            // ureq decompresses gzip transparently; the cap counts decompressed bytes.
            let read = response
                .into_reader()
                .take(limit as u64 + 1)
                .read_to_end(&mut body);
            if let Err(e) = read {
                let timed_out = matches!(
                    e.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                );
                return Err(if timed_out {
                    FetchError::Timeout {
                        url: url.to_string(),
                    }
                } else {
                    FetchError::Transport {
                        url: url.to_string(),
                        message: format!("reading body: {e}"),
                    }
                });
            }
            if body.len() > limit {
                return Err(FetchError::TooLarge {
                    url: url.to_string(),
                    limit,
                });
            }
        }
        Ok(Response {
            status,
            url: url.clone(),
            headers,
            body,
        })
    }

    /// Whether robots.txt of `url`'s origin allows it (fetching and caching robots.txt).
    fn robots_allowed(&self, url: &Url) -> Result<bool, FetchError> {
        let origin = url.origin().ascii_serialization();
        let cached = {
            let robots = self.robots.lock().unwrap_or_else(|p| p.into_inner());
            robots
                .get(&origin)
                .filter(|e| e.fetched.elapsed() < self.options.robots_ttl)
                .cloned()
        };
        let entry = match cached {
            Some(e) => e,
            None => {
                let entry = Arc::new(self.load_robots(url)?);
                let mut robots = self.robots.lock().unwrap_or_else(|p| p.into_inner());
                robots.insert(origin, entry.clone());
                entry
            }
        };
        Ok(match &entry.rules {
            Some(rules) => rules.allowed(url.as_str()),
            None => entry.allow_all,
        })
    }

    fn load_robots(&self, url: &Url) -> Result<RobotsEntry, FetchError> {
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        let fetched = Instant::now();
        let mut current = robots_url;
        // Follow up to 5 redirects (RFC 9309), same checks as any request.
        for _ in 0..5 {
            let response = match self.request(&current, None, Accept::Any) {
                Ok(r) => r,
                Err(e @ FetchError::Refused { .. }) => return Err(e),
                Err(FetchError::TooLarge { .. }) => {
                    return Ok(RobotsEntry {
                        rules: None,
                        allow_all: true,
                        fetched,
                    })
                }
                Err(_) => {
                    return Ok(RobotsEntry {
                        rules: None,
                        allow_all: false,
                        fetched,
                    })
                }
            };
            match response.status {
                200..=299 => {
                    let rules = texting_robots::Robot::new(&self.robots_token, &response.body).ok();
                    if let Some(delay) = rules.as_ref().and_then(|r| r.delay) {
                        let delay = Duration::from_secs_f32(delay.max(0.0))
                            .min(self.options.max_crawl_delay);
                        self.hosts.set_crawl_delay(&host_key(url), delay);
                    }
                    let allow_all = rules.is_none();
                    return Ok(RobotsEntry {
                        rules,
                        allow_all,
                        fetched,
                    });
                }
                301 | 302 | 303 | 307 | 308 => {
                    match response
                        .headers
                        .get("location")
                        .and_then(|l| current.join(l).ok())
                    {
                        Some(next) if matches!(next.scheme(), "http" | "https") => current = next,
                        _ => {
                            return Ok(RobotsEntry {
                                rules: None,
                                allow_all: true,
                                fetched,
                            })
                        }
                    }
                }
                400..=499 => {
                    return Ok(RobotsEntry {
                        rules: None,
                        allow_all: true,
                        fetched,
                    })
                }
                _ => {
                    return Ok(RobotsEntry {
                        rules: None,
                        allow_all: false,
                        fetched,
                    })
                }
            }
        }
        Ok(RobotsEntry {
            rules: None,
            allow_all: true,
            fetched,
        })
    }

    fn check_literal(&self, url: &Url) -> Result<(), FetchError> {
        if let Some(ip) = url
            .host()
            .and_then(|h| refused_literal(&h, &self.options.addresses))
        {
            return Err(FetchError::Refused {
                url: url.to_string(),
                reason: format!(
                    "refused to connect to non-public address {ip} (set allow_private to permit)"
                ),
            });
        }
        Ok(())
    }
}

/// `host:port` of a URL, the unit of politeness.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn parse_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(FetchError::InvalidUrl {
            url: url.to_string(),
            reason: "only absolute http(s) URLs are fetched".into(),
        });
    }
    Ok(parsed)
}

/// Map a ureq transport error, recognising the resolver's refusal and timeouts.
fn transport_error(url: &Url, t: &ureq::Transport) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(t);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if let Some(refused) = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<PrivateAddress>())
            {
                return FetchError::Refused {
                    url: url.to_string(),
                    reason: refused.to_string(),
                };
            }
            if matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) {
                return FetchError::Timeout {
                    url: url.to_string(),
                };
            }
        }
        source = e.source();
    }
    let message = t.to_string();
    if message.contains("timed out") {
        return FetchError::Timeout {
            url: url.to_string(),
        };
    }
    FetchError::Transport {
        url: url.to_string(),
        message,
    }
}
