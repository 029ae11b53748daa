//! `newsdesk ingest URL` and `newsdesk watch` against a local HTTP server on 127.0.0.1
//! (loopback only): a feed, pages, robots.txt forbidding one path, conditional GETs;
//! the SSRF guard without `--allow-private`; resuming from the stored crawl state.

use newsdesk_store::Store;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tiny_http::{Header, Response, Server};

/// Per path: (requests, 304s answered).
type Log = Arc<Mutex<HashMap<String, (usize, usize)>>>;

struct Site {
    addr: SocketAddr,
    server: Arc<Server>,
    log: Log,
    /// Feed version: 1 lists two public stories and a private one; 2 adds a third story.
    version: Arc<AtomicUsize>,
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap()
}

fn page(headline: &str, speaker: &str, topic: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{headline}</title>\
         <meta property=\"article:published_time\" content=\"2026-11-20T09:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>{headline}</h1>\
         <p>The council met on Thursday evening to discuss the {topic}, which has divided \
         residents of the valley for more than a year and drawn crowds to every meeting.</p>\
         <p>\"We have listened to every objection and we will publish the full plan next month,\" \
         said {speaker}, who chairs the planning committee.</p>\
         <p>Opponents argue that the {topic} will raise costs for small businesses along the \
         river, while supporters point to the jobs it could bring to the district by spring.</p>\
         <p>A final vote is expected before the end of the year, the council said in a statement.</p>\
         </article><footer>Copyright Valley Gazette</footer></body></html>"
    )
}

fn feed(base: &str, version: usize) -> String {
    let mut items = vec![
        ("/news/ferry.html", "Ferry plan divides valley"),
        ("/news/orchard.html", "Orchard levy goes to vote"),
        ("/private/draft.html", "Draft: embargoed"),
    ];
    if version >= 2 {
        items.push(("/news/bridge.html", "Bridge repairs approved"));
    }
    let items: String = items
        .iter()
        .map(|(p, t)| {
            format!("<item><title>{t}</title><link>{base}{p}</link><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate></item>")
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley Gazette</title>\
         <link>{base}/</link><description>News</description>{items}</channel></rss>"
    )
}

fn start() -> Site {
    let server = Arc::new(Server::http("127.0.0.1:0").unwrap());
    let addr = server.server_addr().to_ip().unwrap();
    let log: Log = Arc::default();
    let version = Arc::new(AtomicUsize::new(1));
    let (srv, lg, ver) = (server.clone(), log.clone(), version.clone());
    std::thread::spawn(move || {
        let base = format!("http://{addr}");
        for request in srv.incoming_requests() {
            let path = request.url().to_string();
            let inm = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("If-None-Match"))
                .map(|h| h.value.as_str().to_string());
            let v = ver.load(Ordering::SeqCst);
            let (status, ctype, body, etag) = match path.as_str() {
                "/robots.txt" => (
                    200,
                    "text/plain",
                    "User-agent: *\nDisallow: /private/\n".to_string(),
                    None,
                ),
                "/feed.xml" => (
                    200,
                    "application/rss+xml",
                    feed(&base, v),
                    Some(format!("\"feed-v{v}\"")),
                ),
                "/news/ferry.html" => (
                    200,
                    "text/html; charset=utf-8",
                    page(
                        "Ferry plan divides valley",
                        "Marta Kowalczyk",
                        "ferry crossing",
                    ),
                    Some("\"ferry\"".into()),
                ),
                "/news/orchard.html" => (
                    200,
                    "text/html; charset=utf-8",
                    page("Orchard levy goes to vote", "Tomas Heuvel", "orchard levy"),
                    Some("\"orchard\"".into()),
                ),
                "/news/bridge.html" => (
                    200,
                    "text/html; charset=utf-8",
                    page(
                        "Bridge repairs approved",
                        "Ines Castellano",
                        "bridge repair",
                    ),
                    Some("\"bridge\"".into()),
                ),
                "/sitemap-index.xml" => (200, "application/xml", format!(
                    "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
                     <sitemap><loc>{base}/news-sitemap.xml</loc></sitemap></sitemapindex>"
                ), None),
                "/news-sitemap.xml" => (200, "application/xml", format!(
                    "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
                     xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\
                     <url><loc>{base}/news/ferry.html</loc><news:news><news:title>Ferry plan divides valley</news:title>\
                     <news:publication_date>2026-11-20T09:00:00Z</news:publication_date></news:news></url>\
                     <url><loc>{base}/news/bridge.html</loc><news:news><news:title>Bridge repairs approved</news:title>\
                     <news:publication_date>2026-11-21T09:00:00Z</news:publication_date></news:news></url></urlset>"
                ), None),
                "/feeds.opml" => (200, "text/x-opml", format!(
                    "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Feeds</title></head><body>\
                     <outline text=\"Valley Gazette\" type=\"rss\" xmlUrl=\"{base}/feed.xml\"/></body></opml>"
                ), None),
                "/private/draft.html" => (
                    200,
                    "text/html",
                    page("Draft: embargoed", "Nobody Atall", "secret draft"),
                    None,
                ),
                _ => (404, "text/plain", "not found".to_string(), None),
            };
            let not_modified = etag.is_some() && inm == etag;
            {
                let mut log = lg.lock().unwrap();
                let e = log.entry(path.clone()).or_default();
                e.0 += 1;
                e.1 += not_modified as usize;
            }
            let mut response = if not_modified {
                Response::from_data(Vec::new()).with_status_code(304)
            } else {
                Response::from_data(body.into_bytes())
                    .with_status_code(status)
                    .with_header(header("Content-Type", ctype))
            };
            if let Some(tag) = etag {
                response = response.with_header(header("ETag", &tag));
            }
            let _ = request.respond(response);
        }
    });
    Site {
        addr,
        server,
        log,
        version,
    }
}

fn newsdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn hits(site: &Site, path: &str) -> (usize, usize) {
    site.log
        .lock()
        .unwrap()
        .get(path)
        .copied()
        .unwrap_or_default()
}

fn stored_urls(data: &std::path::Path) -> Vec<String> {
    let store = Store::open_read_only(data).unwrap();
    let mut urls: Vec<String> = store
        .latest(100, 0)
        .unwrap()
        .into_iter()
        .filter_map(|a| a.url)
        .collect();
    urls.sort();
    urls
}

#[test]
fn feed_ingest_is_polite_refuses_private_addresses_and_resumes() {
    let site = start();
    let data = tempfile::tempdir().unwrap();
    let d = data.path().to_str().unwrap();
    let feed_url = format!("http://{}/feed.xml", site.addr);

    // Without --allow-private: refused before any request, with a clear message.
    let out = newsdesk(&["ingest", &feed_url, "--data", d, "--quiet"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("non-public address 127.0.0.1"), "{stderr}");
    assert!(stderr.contains("--allow-private"), "{stderr}");
    assert!(
        site.log.lock().unwrap().is_empty(),
        "no request may reach the server"
    );

    // With it: the feed's two public stories are stored; robots.txt keeps /private/ out.
    let out = newsdesk(&[
        "ingest",
        &feed_url,
        "--data",
        d,
        "--allow-private",
        "--jobs",
        "2",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("1 forbidden by robots.txt"), "{stderr}");
    let base = format!("http://{}", site.addr);
    assert_eq!(
        stored_urls(data.path()),
        vec![
            format!("{base}/news/ferry.html"),
            format!("{base}/news/orchard.html")
        ]
    );
    assert_eq!(hits(&site, "/private/draft.html").0, 0);
    assert_eq!(hits(&site, "/news/ferry.html").0, 1);
    let search = newsdesk(&["search", "ferry", "--data", d]);
    assert!(
        String::from_utf8_lossy(&search.stdout).contains("Ferry plan divides valley"),
        "{}",
        String::from_utf8_lossy(&search.stdout)
    );

    // A second run fetches nothing new: the feed answers 304, no page is requested.
    let out = newsdesk(&["ingest", &feed_url, "--data", d, "--allow-private"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(hits(&site, "/feed.xml"), (2, 1));
    assert_eq!(hits(&site, "/news/ferry.html").0, 1);
    assert_eq!(hits(&site, "/news/orchard.html").0, 1);

    // watch resumes from the same state: the feed changes, only the new story is fetched.
    site.version.store(2, Ordering::SeqCst);
    let out = newsdesk(&[
        "watch",
        &feed_url,
        "--data",
        d,
        "--allow-private",
        "--once",
        "--every",
        "1h",
        "--log-format",
        "json",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let poll: serde_json::Value = stderr
        .lines()
        .chain(stdout.lines())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["event"] == "poll")
        .unwrap_or_else(|| panic!("no poll event in {stderr}"));
    assert_eq!(poll["new"], 1, "{poll}");
    assert_eq!(poll["already_seen"], 2, "{poll}");
    assert_eq!(hits(&site, "/news/bridge.html").0, 1);
    assert_eq!(hits(&site, "/news/ferry.html").0, 1);
    assert_eq!(
        stored_urls(data.path()).len(),
        3,
        "{:?}",
        stored_urls(data.path())
    );

    // Restarted before the source is due again: nothing is fetched at all.
    let feed_hits = hits(&site, "/feed.xml").0;
    let out = newsdesk(&[
        "watch",
        &feed_url,
        "--data",
        d,
        "--allow-private",
        "--once",
        "--every",
        "1h",
        "--quiet",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(hits(&site, "/feed.xml").0, feed_hits);
}

#[test]
fn a_single_page_url_is_stored_and_not_refetched_unchanged() {
    let site = start();
    let data = tempfile::tempdir().unwrap();
    let d = data.path().to_str().unwrap();
    let url = format!("http://{}/news/orchard.html", site.addr);
    let out = newsdesk(&["ingest", &url, "--data", d, "--allow-private", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stored_urls(data.path()), vec![url.clone()]);
    let out = newsdesk(&["ingest", &url, "--data", d, "--allow-private", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The second request carried the saved ETag and was answered 304.
    assert_eq!(hits(&site, "/news/orchard.html"), (2, 1));
}

#[test]
fn sitemap_index_google_news_sitemap_and_opml_share_one_seen_set() {
    let site = start();
    let data = tempfile::tempdir().unwrap();
    let d = data.path().to_str().unwrap();
    let base = format!("http://{}", site.addr);
    let index = format!("{base}/sitemap-index.xml");
    let out = newsdesk(&["ingest", &index, "--data", d, "--allow-private", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stored_urls(data.path()),
        vec![
            format!("{base}/news/bridge.html"),
            format!("{base}/news/ferry.html")
        ]
    );
    // The OPML list leads to the feed; its ferry story was seen through the sitemap.
    let opml = format!("{base}/feeds.opml");
    let out = newsdesk(&["ingest", &opml, "--data", d, "--allow-private", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stored_urls(data.path()).len(), 3);
    assert_eq!(hits(&site, "/news/ferry.html").0, 1);
    assert_eq!(hits(&site, "/news/orchard.html").0, 1);
    assert_eq!(hits(&site, "/private/draft.html").0, 0);
}
