//! Fetching and watching against a local HTTP server on 127.0.0.1 (loopback only):
//! feeds, sitemaps, pages, robots.txt, 304s, redirects, slow and hostile endpoints,
//! and the SSRF guard.

use flate2::write::GzEncoder;
use newsdesk_ingest::fetch::{FetchError, FetchOptions, Fetched, Fetcher};
use newsdesk_ingest::net::AddressPolicy;
use newsdesk_ingest::watch::{Source, WatchOptions, Watcher};
use newsdesk_ingest::{MemoryState, RawPage};
use std::collections::BTreeSet;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tiny_http::{Header, Response, Server};

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
    user_agent: Option<String>,
}

struct TestServer {
    addr: SocketAddr,
    server: Arc<Server>,
    log: Arc<Mutex<Vec<Seen>>>,
    max_in_flight: Arc<AtomicUsize>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

const LAST_MODIFIED: &str = "Wed, 25 Nov 2026 10:00:00 GMT";

fn html(title: &str) -> Vec<u8> {
    format!("<html><head><title>{title}</title></head><body><article><p>{title}: the story so far.</p></article></body></html>").into_bytes()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap()
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
}

/// Routes of the test site. `base` is `http://host:port` of this server; `other` is
/// where `/to-other` redirects.
fn route(seen: &Seen, base: &str, other: &str, flaky_hits: &AtomicUsize) -> Reply {
    let etag_match = |tag: &str| seen.if_none_match.as_deref() == Some(tag);
    let path = seen.path.as_str();
    match path {
        "/robots.txt" => reply(
            200,
            "text/plain",
            b"User-agent: *\nDisallow: /private/\n".to_vec(),
        ),
        "/feed.xml" => {
            let tag = "\"feed-v1\"";
            if etag_match(tag) {
                return reply(304, "application/rss+xml", vec![]).with_header(header("ETag", tag));
            }
            let items: String = [
                "/a/1",
                "/a/2",
                "/private/secret",
                "/moved",
                "/doc.pdf",
                "/missing",
            ]
            .iter()
            .map(|p| format!("<item><title>Item {p}</title><link>{base}{p}</link></item>"))
            .collect();
            let rss = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>{base}/</link>{items}</channel></rss>");
            reply(200, "application/rss+xml", rss.into_bytes()).with_header(header("ETag", tag))
        }
        "/sitemap.xml" => {
            if seen.if_modified_since.as_deref() == Some(LAST_MODIFIED) {
                return reply(304, "application/xml", vec![]);
            }
            let xml = format!("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>{base}/news-sitemap.xml.gz</loc></sitemap></sitemapindex>");
            reply(200, "application/xml", xml.into_bytes())
                .with_header(header("Last-Modified", LAST_MODIFIED))
        }
        "/news-sitemap.xml.gz" => {
            let tag = "\"news-v1\"";
            if etag_match(tag) {
                return reply(304, "application/x-gzip", vec![]);
            }
            let xml = format!(
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\
                 <url><loc>{base}/a/4</loc><news:news><news:title>Four</news:title><news:publication_date>2026-11-26</news:publication_date></news:news></url>\
                 <url><loc>{base}/a/1</loc></url></urlset>"
            );
            reply(200, "application/x-gzip", gzip(xml.as_bytes())).with_header(header("ETag", tag))
        }
        "/subs.opml" => {
            let opml = format!("<opml version=\"2.0\"><body><outline text=\"A\" xmlUrl=\"{base}/atom.xml\"/><outline text=\"J\" xmlUrl=\"{base}/feed.json\"/></body></opml>");
            reply(200, "text/x-opml", opml.into_bytes())
        }
        "/atom.xml" => {
            let atom = format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><id>urn:a</id><updated>2026-11-26T00:00:00Z</updated><entry><title>Five</title><id>urn:5</id><updated>2026-11-26T00:00:00Z</updated><link href=\"{base}/a/5\"/></entry></feed>");
            reply(200, "application/atom+xml", atom.into_bytes())
                .with_header(header("ETag", "\"atom-v1\""))
        }
        "/feed.json" => {
            let json = format!("{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[{{\"id\":\"6\",\"url\":\"{base}/a/6\"}}]}}");
            if seen.if_modified_since.as_deref() == Some(LAST_MODIFIED) {
                return reply(304, "application/feed+json", vec![]);
            }
            reply(200, "application/feed+json", json.into_bytes())
                .with_header(header("Last-Modified", LAST_MODIFIED))
        }
        "/moved" => reply(301, "text/html", vec![]).with_header(header("Location", "/a/3")),
        "/loop" => reply(302, "text/html", vec![]).with_header(header("Location", "/loop")),
        "/to-other" => {
            reply(302, "text/html", vec![]).with_header(header("Location", &format!("{other}/a/1")))
        }
        "/doc.pdf" => reply(200, "application/pdf", b"%PDF-1.4".to_vec()),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            reply(200, "text/html", html("slow"))
        }
        "/busy" => {
            std::thread::sleep(Duration::from_millis(150));
            reply(200, "text/html", html("busy"))
        }
        "/big" => reply(200, "text/html", vec![b'x'; 2_000_000]),
        "/bomb" => reply(200, "text/html", gzip(&vec![b' '; 5_000_000]))
            .with_header(header("Content-Encoding", "gzip")),
        "/flaky" => {
            if flaky_hits.fetch_add(1, Ordering::SeqCst) == 0 {
                reply(503, "text/html", vec![]).with_header(header("Retry-After", "0"))
            } else {
                reply(200, "text/html", html("flaky"))
            }
        }
        p if p.starts_with("/a/") => {
            let tag = format!("\"{}\"", p.replace('/', "-"));
            if etag_match(&tag) {
                return reply(304, "text/html", vec![]).with_header(header("ETag", &tag));
            }
            reply(200, "text/html; charset=utf-8", html(p))
                .with_header(header("ETag", &tag))
                .with_header(header("Date", "Thu, 26 Nov 2026 12:00:00 GMT"))
        }
        _ => reply(404, "text/html", b"not found".to_vec()),
    }
}

fn start(ip: &str, other: &str) -> TestServer {
    let server = Arc::new(Server::http(format!("{ip}:0")).expect("bind a loopback port"));
    let addr = server.server_addr().to_ip().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    let flaky = Arc::new(AtomicUsize::new(0));
    let base = format!("http://{addr}");
    let other = other.to_string();
    {
        let (server, log, max_in_flight) = (server.clone(), log.clone(), max_in_flight.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let get = |name: &'static str| {
                    request
                        .headers()
                        .iter()
                        .find(|h| h.field.equiv(name))
                        .map(|h| h.value.as_str().to_string())
                };
                let seen = Seen {
                    path: request.url().to_string(),
                    if_none_match: get("If-None-Match"),
                    if_modified_since: get("If-Modified-Since"),
                    user_agent: get("User-Agent"),
                };
                log.lock().unwrap().push(seen.clone());
                let (base, other, flaky) = (base.clone(), other.clone(), flaky.clone());
                let (in_flight, max_in_flight) = (in_flight.clone(), max_in_flight.clone());
                std::thread::spawn(move || {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    max_in_flight.fetch_max(now, Ordering::SeqCst);
                    let response = route(&seen, &base, &other, &flaky);
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    let _ = request.respond(response);
                });
            }
        });
    }
    TestServer {
        addr,
        server,
        log,
        max_in_flight,
    }
}

impl TestServer {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
    fn paths(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .map(|s| s.path.clone())
            .collect()
    }
    fn clear(&self) {
        self.log.lock().unwrap().clear();
    }
}

/// Options for tests: loopback allowed, short delays and timeouts.
fn test_options() -> FetchOptions {
    FetchOptions {
        addresses: AddressPolicy {
            allow_private: true,
            exceptions: vec![],
        },
        host_delay: Duration::from_millis(5),
        host_concurrency: 4,
        timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        retries: 1,
        backoff: Duration::from_millis(10),
        ..FetchOptions::default()
    }
}

fn fetcher(options: FetchOptions) -> Fetcher {
    Fetcher::new(options, Arc::new(MemoryState::new()))
}

#[test]
fn watcher_fetches_new_articles_then_nothing_on_the_second_run() {
    let server = start("127.0.0.1", "http://127.0.0.1:9");
    let state = Arc::new(MemoryState::new());
    let watcher = Watcher::new(
        Fetcher::new(test_options(), state.clone()),
        vec![
            Source::listing(&server.url("/feed.xml"), Duration::from_secs(600)),
            Source::listing(&server.url("/sitemap.xml"), Duration::from_secs(600)),
            Source::listing(&server.url("/subs.opml"), Duration::from_secs(600)),
            Source::page(&server.url("/a/7"), Duration::from_secs(600)),
        ],
        WatchOptions::default(),
    );
    let now = SystemTime::now();
    let mut pages: Vec<RawPage> = Vec::new();
    let report = watcher.poll_due(now, &mut |p| pages.push(p)).unwrap();

    let got: BTreeSet<String> = pages.iter().map(|p| p.url.clone().unwrap()).collect();
    let want: BTreeSet<String> = ["/a/1", "/a/2", "/a/3", "/a/4", "/a/5", "/a/6", "/a/7"]
        .iter()
        .map(|p| server.url(p))
        .collect();
    assert_eq!(got, want, "{report:?}");
    let one = pages
        .iter()
        .find(|p| p.url.as_deref() == Some(&server.url("/a/1")))
        .unwrap();
    assert_eq!(one.bytes, html("/a/1"));
    assert_eq!(one.http_charset.as_deref(), Some("utf-8"));
    assert_eq!(
        one.http_date.as_deref(),
        Some("Thu, 26 Nov 2026 12:00:00 GMT")
    );
    assert_eq!(one.status, 200);
    let moved = pages
        .iter()
        .find(|p| p.url.as_deref() == Some(&server.url("/a/3")))
        .unwrap();
    assert_eq!(
        moved.source,
        server.url("/moved"),
        "the source keeps the URL asked for"
    );

    assert_eq!(report.sources, 4);
    assert_eq!(report.pages, 7);
    assert_eq!(report.disallowed, 1, "{report:?}");
    assert_eq!(report.not_html, 1);
    assert_eq!(
        report.already_seen, 1,
        "/a/1 is in both the feed and the sitemap"
    );
    assert_eq!(report.errors.len(), 1, "{report:?}");
    assert!(report.errors[0].contains("/missing") && report.errors[0].contains("404"));

    let paths = server.paths();
    assert!(
        !paths.iter().any(|p| p.starts_with("/private/")),
        "robots.txt honoured: {paths:?}"
    );
    assert_eq!(
        paths.iter().filter(|p| *p == "/robots.txt").count(),
        1,
        "robots.txt cached"
    );
    assert_eq!(
        paths.iter().filter(|p| *p == "/a/1").count(),
        1,
        "each article once"
    );
    let agents: BTreeSet<_> = server
        .log
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.user_agent.clone())
        .collect();
    assert_eq!(agents.len(), 1);
    assert!(agents
        .iter()
        .next()
        .unwrap()
        .as_deref()
        .unwrap()
        .starts_with("newsdesk/0.1 (+https://"));

    // Not due yet: nothing at all is requested.
    server.clear();
    let report = watcher
        .poll_due(now + Duration::from_secs(60), &mut |p| pages.push(p))
        .unwrap();
    assert_eq!(report.sources, 0);
    assert!(server.paths().is_empty());

    // Due again: listings are revalidated (304), no article is fetched again.
    let before = pages.len();
    let report = watcher
        .poll_due(now + Duration::from_secs(601), &mut |p| pages.push(p))
        .unwrap();
    assert_eq!(pages.len(), before, "{report:?}");
    assert_eq!(report.pages, 0);
    let log = server.log.lock().unwrap().clone();
    let article_fetches: Vec<_> = log
        .iter()
        .filter(|s| s.path.starts_with("/a/") && s.path != "/a/7")
        .collect();
    assert!(article_fetches.is_empty(), "{article_fetches:?}");
    let feed = log.iter().find(|s| s.path == "/feed.xml").unwrap();
    assert_eq!(feed.if_none_match.as_deref(), Some("\"feed-v1\""));
    let sitemap = log.iter().find(|s| s.path == "/sitemap.xml").unwrap();
    assert_eq!(sitemap.if_modified_since.as_deref(), Some(LAST_MODIFIED));
    let page = log.iter().find(|s| s.path == "/a/7").unwrap();
    assert_eq!(page.if_none_match.as_deref(), Some("\"-a-7\""));
    // feed, sitemap index, OPML (no validators: refetched) + its atom and json feeds, page /a/7.
    assert!(report.not_modified >= 4, "{report:?}");
    assert_eq!(
        report.errors.len(),
        0,
        "/missing was a permanent failure, not retried: {report:?}"
    );
    // a/1, a/2, moved, doc.pdf, missing (permanent 404), a/4, a/5, a/6; not the robots-disallowed one.
    assert_eq!(state.seen_count(), 8);
}

#[test]
fn limits_timeouts_redirects_and_retries() {
    let server = start("127.0.0.1", "http://127.0.0.1:9");
    let options = FetchOptions {
        timeout: Duration::from_secs(1),
        retries: 0,
        max_body_bytes: 1_000_000,
        ..test_options()
    };
    let f = fetcher(options.clone());
    let started = Instant::now();
    assert!(matches!(
        f.fetch_page(&server.url("/slow")),
        Err(FetchError::Timeout { .. })
    ));
    assert!(
        started.elapsed() < Duration::from_millis(2900),
        "the timeout cut the slow endpoint short"
    );
    assert!(matches!(
        f.fetch_page(&server.url("/big")),
        Err(FetchError::TooLarge {
            limit: 1_000_000,
            ..
        })
    ));
    assert!(
        matches!(
            f.fetch_page(&server.url("/bomb")),
            Err(FetchError::TooLarge { .. })
        ),
        "gzip bomb capped"
    );
    match f.fetch_page(&server.url("/loop")) {
        Err(e @ FetchError::Redirect { .. }) => {
            assert!(e.to_string().contains("more than 5 redirects"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.paths().iter().filter(|p| *p == "/loop").count(), 6);
    assert!(matches!(
        f.fetch_page(&server.url("/private/x")),
        Ok(Fetched::Disallowed { .. })
    ));
    assert!(matches!(
        f.fetch_page(&server.url("/doc.pdf")),
        Ok(Fetched::NotHtml { .. })
    ));
    match f.fetch_page(&server.url("/nope")) {
        Err(e @ FetchError::Status { status: 404, .. }) => assert!(e.is_permanent()),
        other => panic!("{other:?}"),
    }
    // 503 then 200: one retry gets it.
    assert!(matches!(
        f.fetch_page(&server.url("/flaky")),
        Err(FetchError::Status { status: 503, .. })
    ));
    let f = fetcher(FetchOptions {
        retries: 1,
        ..options
    });
    assert!(matches!(
        f.fetch_page(&server.url("/flaky")),
        Ok(Fetched::Page(_))
    ));
    assert!(!server.paths().iter().any(|p| p.starts_with("/private/")));
}

#[test]
fn per_host_delay_and_concurrency_limits() {
    let server = start("127.0.0.1", "http://127.0.0.1:9");
    let f = fetcher(FetchOptions {
        host_delay: Duration::from_millis(100),
        host_concurrency: 1,
        ..test_options()
    });
    f.fetch_page(&server.url("/a/warmup")).unwrap(); // robots.txt + one page
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                assert!(matches!(
                    f.fetch_page_unconditional(&server.url("/busy")),
                    Ok(Fetched::Page(_))
                ))
            });
        }
    });
    assert_eq!(
        server.max_in_flight.load(Ordering::SeqCst),
        1,
        "one request at a time per host"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(4 * 150),
        "{:?}",
        started.elapsed()
    );

    // Two in flight allowed, but starts spaced by the delay.
    let f = fetcher(FetchOptions {
        host_delay: Duration::from_millis(200),
        host_concurrency: 8,
        ..test_options()
    });
    f.fetch_page(&server.url("/a/warmup")).unwrap();
    let started = Instant::now();
    for i in 0..3 {
        f.fetch_page_unconditional(&server.url(&format!("/a/d{i}")))
            .unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(550),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn private_addresses_are_refused_directly_and_through_redirects() {
    // Target on 127.0.0.1; a "public-looking" hop on 127.0.0.2, made an explicit exception.
    let target = start("127.0.0.1", "http://127.0.0.1:9");
    let hop = start("127.0.0.2", &format!("http://{}", target.addr));
    let strict = fetcher(FetchOptions {
        addresses: AddressPolicy::default(),
        ..test_options()
    });
    match strict.fetch_page(&target.url("/a/1")) {
        Err(e @ FetchError::Refused { .. }) => assert!(e.to_string().contains("127.0.0.1"), "{e}"),
        other => panic!("{other:?}"),
    }
    // By name: refused after DNS resolution (localhost → 127.0.0.1 / ::1).
    let by_name = format!("http://localhost:{}/a/1", target.addr.port());
    match strict.fetch_page(&by_name) {
        Err(e @ FetchError::Refused { .. }) => {
            assert!(e.to_string().contains("non-public address"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    assert!(
        target.paths().is_empty(),
        "nothing reached the private server: {:?}",
        target.paths()
    );

    let one_exception = fetcher(FetchOptions {
        addresses: AddressPolicy {
            allow_private: false,
            exceptions: vec!["127.0.0.2".parse().unwrap()],
        },
        ..test_options()
    });
    match one_exception.fetch_page(&hop.url("/to-other")) {
        Err(FetchError::Refused { url, .. }) => assert_eq!(url, target.url("/a/1")),
        other => panic!("{other:?}"),
    }
    assert!(hop.paths().contains(&"/to-other".to_string()));
    assert!(
        target.paths().is_empty(),
        "the redirect hop was refused: {:?}",
        target.paths()
    );

    // With allow_private, the same redirect is followed.
    let open = fetcher(test_options());
    match open.fetch_page(&hop.url("/to-other")) {
        Ok(Fetched::Page(p)) => assert_eq!(p.url.as_deref(), Some(target.url("/a/1").as_str())),
        other => panic!("{other:?}"),
    }
}
