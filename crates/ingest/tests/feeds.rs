//! Feeds, sitemaps and OPML → links (documents written here).

use flate2::write::GzEncoder;
use newsdesk_ingest::feeds::{parse_document, Document, FeedError, FeedOptions};
use std::io::Write;

fn parse(bytes: &[u8], base: Option<&str>) -> Result<Document, FeedError> {
    parse_document(bytes, base, &FeedOptions::default())
}

fn urls(doc: &Document) -> Vec<&str> {
    doc.links().iter().map(|l| l.url.as_str()).collect()
}

const RSS2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valley Gazette</title><link>https://gazette.example/</link>
<item><title>Reservoir levels rise</title><link>https://gazette.example/2026/11/reservoir</link>
<pubDate>Tue, 24 Nov 2026 07:00:00 GMT</pubDate></item>
<item><title>Council &amp; the budget</title><link>/2026/11/budget</link></item>
<item><title>No link here</title></item>
</channel></rss>"#;

#[test]
fn rss2_with_relative_links() {
    let doc = parse(RSS2.as_bytes(), Some("https://gazette.example/feed.xml")).unwrap();
    assert!(matches!(doc, Document::Feed(_)));
    assert_eq!(
        urls(&doc),
        [
            "https://gazette.example/2026/11/reservoir",
            "https://gazette.example/2026/11/budget"
        ]
    );
    let first = &doc.links()[0];
    assert_eq!(first.title.as_deref(), Some("Reservoir levels rise"));
    assert_eq!(first.date.as_deref(), Some("2026-11-24T07:00:00Z"));
    assert_eq!(
        doc.links()[1].title.as_deref(),
        Some("Council & the budget")
    );
}

#[test]
fn rss091_atom_and_json_feed() {
    let rss091 = r#"<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link>
        <item><title>First</title><link>http://old.example/first.html</link></item></channel></rss>"#;
    assert_eq!(
        urls(&parse(rss091.as_bytes(), None).unwrap()),
        ["http://old.example/first.html"]
    );

    let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
        <id>urn:wire</id><updated>2026-11-25T10:00:00Z</updated>
        <entry><title>Bridge reopens</title><id>urn:1</id><updated>2026-11-25T09:30:00+01:00</updated>
          <link rel="self" href="https://wire.example/api/1"/>
          <link rel="alternate" href="https://wire.example/news/bridge"/></entry></feed>"#;
    let doc = parse(atom.as_bytes(), None).unwrap();
    assert_eq!(urls(&doc), ["https://wire.example/news/bridge"]);
    assert_eq!(doc.links()[0].date.as_deref(), Some("2026-11-25T08:30:00Z"));

    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Pod",
        "items":[{"id":"1","url":"https://pod.example/e/1","title":"Episode one",
                  "date_published":"2026-11-01T12:00:00Z"},
                 {"id":"2","content_text":"no url"}]}"#;
    let doc = parse(json.as_bytes(), None).unwrap();
    assert!(matches!(doc, Document::Feed(_)));
    assert_eq!(urls(&doc), ["https://pod.example/e/1"]);
    assert_eq!(doc.links()[0].title.as_deref(), Some("Episode one"));
}

#[test]
fn google_news_sitemap_gzipped() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://daily.example/a/harbour-fire</loc>
    <image:image><image:loc>https://daily.example/img/fire.jpg</image:loc></image:image>
    <news:news><news:publication><news:name>Daily</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-26T18:04:00+00:00</news:publication_date>
      <news:title><![CDATA[Fire at the harbour & docks]]></news:title></news:news></url>
  <url><loc>https://daily.example/a/plain</loc><lastmod>2026-11-20</lastmod></url>
  <url><loc>mailto:someone@example.com</loc></url>
</urlset>"#;
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(xml.as_bytes()).unwrap();
    let doc = parse(&gz.finish().unwrap(), None).unwrap();
    assert!(matches!(doc, Document::Sitemap(_)));
    assert_eq!(
        urls(&doc),
        [
            "https://daily.example/a/harbour-fire",
            "https://daily.example/a/plain"
        ]
    );
    let first = &doc.links()[0];
    assert_eq!(first.title.as_deref(), Some("Fire at the harbour & docks"));
    assert_eq!(first.date.as_deref(), Some("2026-11-26T18:04:00+00:00"));
    assert_eq!(doc.links()[1].date.as_deref(), Some("2026-11-20"));
    assert_eq!(doc.links()[1].title, None);
}

#[test]
fn sitemap_index_and_opml() {
    let index = r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>https://daily.example/sitemap-news.xml.gz</loc><lastmod>2026-11-26</lastmod></sitemap>
        <sitemap><loc>/sitemap-2026.xml</loc></sitemap></sitemapindex>"#;
    let doc = parse(index.as_bytes(), Some("https://daily.example/sitemap.xml")).unwrap();
    assert!(matches!(doc, Document::SitemapIndex(_)));
    assert_eq!(
        urls(&doc),
        [
            "https://daily.example/sitemap-news.xml.gz",
            "https://daily.example/sitemap-2026.xml"
        ]
    );

    let opml = r#"<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>
        <outline text="News"><outline type="rss" text="Gazette" xmlUrl="https://gazette.example/feed.xml"/>
          <outline type="rss" title="Wire" text="wire" xmlUrl="https://wire.example/atom.xml"></outline></outline>
        <outline text="Not a feed" htmlUrl="https://nowhere.example/"/></body></opml>"#;
    let doc = parse(opml.as_bytes(), None).unwrap();
    assert!(matches!(doc, Document::Opml(_)));
    assert_eq!(
        urls(&doc),
        [
            "https://gazette.example/feed.xml",
            "https://wire.example/atom.xml"
        ]
    );
    assert_eq!(doc.links()[0].title.as_deref(), Some("Gazette"));
    assert_eq!(doc.links()[1].title.as_deref(), Some("Wire"));
}

#[test]
fn bad_documents_are_errors_not_panics() {
    assert!(
        matches!(parse(b"<html><body>hi</body></html>", None), Err(FeedError::Unknown(r)) if r == "html")
    );
    assert!(parse(b"", None).is_err());
    assert!(parse(b"\x1f\x8b\x08\x00garbage", None).is_err());
    assert!(parse(b"{\"not\": \"a feed\"", None).is_err());
    // Deep nesting: bounded work (no recursion, depth-capped path), no panic.
    let deep = format!(
        "<urlset>{}<url><loc>https://a.example/x</loc></url></urlset>",
        "<x>".repeat(10_000)
    );
    let _ = parse(deep.as_bytes(), None);
    // Size cap applies after decompression.
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b' '; 2_000_000]).unwrap();
    let options = FeedOptions {
        max_bytes: 1_000_000,
        ..FeedOptions::default()
    };
    assert!(matches!(
        parse_document(&gz.finish().unwrap(), None, &options),
        Err(FeedError::TooLarge { .. })
    ));
    // Link cap.
    let many: String = (0..100)
        .map(|i| format!("<url><loc>https://a.example/{i}</loc></url>"))
        .collect();
    let options = FeedOptions {
        max_links: 10,
        ..FeedOptions::default()
    };
    let doc = parse_document(
        format!("<urlset>{many}</urlset>").as_bytes(),
        None,
        &options,
    )
    .unwrap();
    assert_eq!(doc.links().len(), 10);
}
