//! The JSON API and the HTML pages against a real store, over HTTP on a loopback port.

mod common;

use common::*;
use newsdesk_serve::Config;
use std::time::Duration;

fn filled() -> (tempfile::TempDir, newsdesk_serve::Server) {
    let dir = temp_dir();
    fill_store(dir.path(), &fixture_articles());
    let server = start(dir.path(), Some("s3cret"), Config::default());
    (dir, server)
}

#[test]
fn lists_articles_newest_first_and_gets_one_with_quote_offsets() {
    let (_dir, server) = filled();
    let (status, body) = get(&format!("{}/api/articles", base(&server)));
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    let titles: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Okafor named regional water commissioner",
            "Council approves summer water rationing",
            "Eastbrook reservoir falls to a record low"
        ]
    );
    let id = v["articles"][2]["id"].as_str().unwrap().to_string();
    let (status, body) = get(&format!("{}/api/articles/{id}", base(&server)));
    assert_eq!(status, 200, "{body}");
    let a = json(&body);
    let text: Vec<char> = a["article"]["body"].as_str().unwrap().chars().collect();
    let quotes = a["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 3);
    for q in quotes {
        // Offsets count chars: slicing the body's chars gives back the quote.
        let loc = &q["location"];
        let (s, e) = (
            loc["start"].as_u64().unwrap() as usize,
            loc["end"].as_u64().unwrap() as usize,
        );
        let said: String = text[s..e].iter().collect();
        assert_eq!(said, q["text"].as_str().unwrap());
    }
    assert_eq!(quotes[0]["speaker"], "Maria Okafor");
    assert!(
        quotes[0]["person_id"].is_string(),
        "speaker resolved to a person: {}",
        quotes[0]
    );
    let (status, body) = get(&format!("{}/api/articles/{id}/versions", base(&server)));
    assert_eq!(status, 200);
    assert_eq!(json(&body)["versions"][0]["version"], 1);

    assert_eq!(
        get(&format!("{}/api/articles/999999", base(&server))).0,
        404
    );
    assert_eq!(
        get(&format!("{}/api/articles/not-a-number", base(&server))).0,
        404
    );
    assert_eq!(
        get(&format!("{}/api/articles/{id}?version=7", base(&server))).0,
        404
    );
}

#[test]
fn quotes_by_speaker_newest_first_and_person_with_roles_over_time() {
    let (_dir, server) = filled();
    let (status, body) = get(&format!("{}/api/quotes?speaker=okafor", base(&server)));
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    let dates: Vec<&str> = v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates.len(), 3, "{body}");
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    let (status, body) = get(&format!("{}/api/quotes", base(&server)));
    assert_eq!(status, 400);
    assert!(json(&body)["error"].as_str().unwrap().contains("speaker"));

    let (_, body) = get(&format!("{}/api/people", base(&server)));
    let people = json(&body);
    let okafor = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Maria Okafor")
        .expect("Okafor listed")
        .clone();
    assert_eq!(okafor["quote_count"], 3);
    let id = okafor["id"].as_str().unwrap();
    let (status, body) = get(&format!("{}/api/people/{id}", base(&server)));
    assert_eq!(status, 200, "{body}");
    let p = json(&body);
    let roles: Vec<&str> = p["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles.first(),
        Some(&"Mayor"),
        "oldest role first: {roles:?}"
    );
    assert_eq!(
        roles.last(),
        Some(&"regional water commissioner"),
        "{roles:?}"
    );
    assert_eq!(p["quotes"].as_array().unwrap().len(), 3);
    // Paging through their quotes: the second newest, alone.
    let (_, body) = get(&format!(
        "{}/api/people/{id}?limit=1&offset=1",
        base(&server)
    ));
    let page2 = json(&body);
    let quotes = page2["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{body}");
    assert!(
        quotes[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Nobody likes rules"),
        "{body}"
    );
    assert_eq!(get(&format!("{}/api/people/0", base(&server))).0, 404);
}

#[test]
fn search_with_filters_and_bad_parameters() {
    let (_dir, server) = filled();
    let b = base(&server);
    let (status, body) = get(&format!("{b}/api/search?q=reservoir"));
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    assert!(v["total"].as_u64().unwrap() >= 2, "{body}");
    let (_, body) = get(&format!(
        "{b}/api/search?q=reservoir&kind=quotes&speaker=Okafor"
    ));
    let v = json(&body);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{body}");
    assert_eq!(hits[0]["kind"], "quote");
    assert!(hits[0]["quote"]["text"]
        .as_str()
        .unwrap()
        .contains("reservoir does not negotiate"));
    let (_, body) = get(&format!(
        "{b}/api/search?q=rationing&kind=articles&since=2024-06-01"
    ));
    let v = json(&body);
    assert!(
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["article"]["date"].as_str().unwrap() >= "2024-06-01"),
        "{body}"
    );

    for bad in [
        "q=x&bogus=1",
        "q=x&since=yesterday",
        "q=x&kind=everything",
        "q=x&offset=999999",
        "",
    ] {
        let (status, body) = get(&format!("{b}/api/search?{bad}"));
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(json(&body)["error"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let long = "w".repeat(501);
    let (status, body) = get(&format!("{b}/api/search?q={long}"));
    assert_eq!(status, 400);
    assert!(
        json(&body)["error"].as_str().unwrap().contains("limit"),
        "{body}"
    );
    // limit is capped, not refused.
    let (status, body) = get(&format!("{b}/api/articles?limit=100000"));
    assert_eq!(status, 200);
    assert_eq!(json(&body)["limit"], 100);
}

#[test]
fn writes_need_the_token_and_are_off_without_one() {
    let (dir, server) = filled();
    let b = base(&server);
    let page = br#"{"content": "Dam opens\nThe new dam on the Eastbrook opened on Friday after six years of work.", "url": "https://gazette.example/dam"}"#;
    let json_ct = ("Content-Type", "application/json");
    // No token presented.
    let (status, body) = post(&format!("{b}/api/ingest"), &[json_ct], page);
    assert_eq!(status, 401, "{body}");
    assert!(json(&body)["error"].as_str().unwrap().contains("Bearer"));
    // Wrong token.
    let (status, _) = post(
        &format!("{b}/api/ingest"),
        &[json_ct, ("Authorization", "Bearer nope")],
        page,
    );
    assert_eq!(status, 401);
    // Right token: stored, then searchable and listed.
    let auth = ("Authorization", "Bearer s3cret");
    let (status, body) = post(&format!("{b}/api/ingest"), &[json_ct, auth], page);
    assert_eq!(status, 201, "{body}");
    let out = json(&body);
    assert_eq!(out["status"], "new");
    assert_eq!(out["title"], "Dam opens");
    let (_, body) = get(&format!("{b}/api/articles/{}", out["id"].as_str().unwrap()));
    assert_eq!(json(&body)["article"]["title"], "Dam opens");
    // The same page again changes nothing.
    let (status, body) = post(&format!("{b}/api/ingest"), &[json_ct, auth], page);
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["status"], "unchanged");
    // Binary junk is refused with a message, not stored.
    let (status, body) = post(
        &format!("{b}/api/ingest"),
        &[json_ct, auth],
        br#"{"content": "\u0000\u0001\u0002\u0003\u0000\u0000PK\u0003\u0004\u0000\u0000"}"#,
    );
    assert_eq!(status, 422, "{body}");
    drop(server);

    // A server started without a token refuses writes, whatever is presented.
    let server = start(dir.path(), None, Config::default());
    let (status, body) = post(
        &format!("{}/api/ingest", base(&server)),
        &[json_ct, auth],
        page,
    );
    assert_eq!(status, 403, "{body}");
    assert!(
        json(&body)["error"].as_str().unwrap().contains("--token"),
        "{body}"
    );
}

#[test]
fn oversized_malformed_and_unknown_field_bodies_are_refused_with_messages() {
    let dir = temp_dir();
    let config = Config {
        max_body_bytes: 64 * 1024,
        ..Config::default()
    };
    let server = start(dir.path(), Some("t"), config);
    let url = format!("{}/api/ingest", base(&server));
    let h = [
        ("Content-Type", "application/json"),
        ("Authorization", "Bearer t"),
    ];

    let big = format!("{{\"content\": \"{}\"}}", "a".repeat(100 * 1024));
    let (status, body) = post_oversized(&url, &h, big.as_bytes());
    assert_eq!(status, 413, "{body}");
    assert!(json(&body)["error"]
        .as_str()
        .unwrap()
        .contains("size limit"));

    let (status, body) = post(&url, &h, b"{\"content\": \"x\"");
    assert_eq!(status, 400, "truncated JSON: {body}");
    assert!(!json(&body)["error"].as_str().unwrap().is_empty());

    let (status, body) = post(&url, &h, br#"{"content": "x", "admin": true}"#);
    assert_eq!(status, 422, "unknown field: {body}");
    assert!(
        json(&body)["error"].as_str().unwrap().contains("admin"),
        "{body}"
    );

    let (status, body) = post(&url, &h, br#"{"content": 5}"#);
    assert_eq!(status, 422, "{body}");

    let (status, body) = post(
        &url,
        &[("Authorization", "Bearer t")],
        br#"{"content": "x"}"#,
    );
    assert_eq!(status, 415, "{body}");
    assert!(json(&body)["error"]
        .as_str()
        .unwrap()
        .contains("application/json"));

    let (status, body) = post(&url, &h, br#"{"content": "   "}"#);
    assert_eq!(status, 422, "{body}");

    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let (status, body) = post(&url, &h, nested.as_bytes());
    assert!(
        (400..500).contains(&status),
        "deep nesting: {status} {body}"
    );
}

#[test]
fn unknown_routes_and_openapi() {
    let dir = temp_dir();
    let server = start(dir.path(), None, Config::default());
    let b = base(&server);
    let (status, body) = get(&format!("{b}/api/nothing-here"));
    assert_eq!(status, 404);
    assert!(json(&body)["error"].is_string());
    let (status, body) = get(&format!("{b}/api/articles/%FF%FE"));
    assert_eq!(status, 400, "{body}");
    assert!(json(&body)["error"].as_str().unwrap().contains("bad path"));
    let (status, body) = get(&format!("{b}/people/%FF"));
    assert_eq!(status, 400);
    assert!(body.contains("bad path"));
    let (status, body) = get(&format!("{b}/no/such/page"));
    assert_eq!(status, 404);
    assert!(body.contains("<h1>Not found</h1>"));

    let (status, body) = get(&format!("{b}/openapi.json"));
    assert_eq!(status, 200);
    let spec = json(&body);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/health",
        "/api/articles",
        "/api/articles/{id}",
        "/api/articles/{id}/versions",
        "/api/quotes",
        "/api/people",
        "/api/people/{id}",
        "/api/search",
        "/api/ingest",
    ] {
        assert!(
            spec["paths"][path].is_object(),
            "{path} described in /openapi.json"
        );
    }
    // Every $ref points at a schema that exists.
    fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if k == "$ref" {
                        out.push(x.as_str().unwrap().to_string());
                    }
                    refs(x, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&spec, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .expect("local schema ref");
        assert!(
            spec["components"]["schemas"][name].is_object(),
            "{r} exists"
        );
    }
}

#[test]
fn empty_store_pages_render() {
    let dir = temp_dir();
    let server = start(dir.path(), None, Config::default());
    let b = base(&server);
    for path in ["/", "/people", "/search", "/search?q=anything"] {
        let (status, body) = get(&format!("{b}{path}"));
        assert_eq!(status, 200, "{path}: {body}");
        assert!(body.starts_with("<!DOCTYPE html>"));
    }
    let (status, _) = get(&format!("{b}/static/style.css"));
    assert_eq!(status, 200);
}

#[test]
fn slow_requests_time_out() {
    // A backend call that outlives the request timeout gets 408, and the server stays up.
    use newsdesk_serve::*;
    use std::sync::Arc;
    struct Slow;
    impl Backend for Slow {
        fn latest_articles(&self, _: Page) -> Result<Vec<ArticleSummary>, BackendError> {
            std::thread::sleep(Duration::from_millis(1500));
            Ok(vec![])
        }
        fn article(&self, _: &str, _: Option<u32>) -> Result<Option<ArticleDetail>, BackendError> {
            Ok(None)
        }
        fn versions(&self, _: &str) -> Result<Option<Vec<ArticleVersion>>, BackendError> {
            Ok(None)
        }
        fn quotes_by_speaker(&self, _: &str, _: Page) -> Result<Vec<QuoteRecord>, BackendError> {
            Ok(vec![])
        }
        fn people(&self, _: Page) -> Result<Vec<PersonSummary>, BackendError> {
            Ok(vec![])
        }
        fn person(&self, _: &str, _: Page) -> Result<Option<PersonDetail>, BackendError> {
            Ok(None)
        }
        fn search(&self, _: &SearchQuery) -> Result<SearchResults, BackendError> {
            Err(BackendError::Storage("disk on fire".into()))
        }
    }
    let config = Config {
        request_timeout: Duration::from_millis(300),
        ..Config::default()
    };
    let server = Server::start("127.0.0.1:0", Arc::new(Slow), None, config).unwrap();
    let b = base(&server);
    assert_eq!(get(&format!("{b}/api/articles")).0, 408);
    let (status, body) = get(&format!("{b}/api/search?q=x"));
    assert_eq!(status, 500);
    assert!(json(&body)["error"]
        .as_str()
        .unwrap()
        .contains("disk on fire"));
    assert_eq!(get(&format!("{b}/api/health")).0, 200);
}

#[test]
fn digest_ranks_the_days_stories_in_three_formats() {
    let (_dir, server) = filled();
    let b = base(&server);
    let (status, body) = get(&format!("{b}/api/digest?date=2024-03-04"));
    assert_eq!(status, 200, "{body}");
    let d = json(&body);
    assert_eq!(d["date"], "2024-03-04");
    let stories = d["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "{body}");
    let e = &stories[0];
    assert_eq!(e["rank"], 1);
    assert_eq!(e["title"], "Eastbrook reservoir falls to a record low");
    assert_eq!(e["articles_today"], 1);
    assert!(
        // The store's lead of the article: its dek.
        e["summary"]
            .as_str()
            .unwrap()
            .contains("cut water use by a fifth"),
        "{e}"
    );
    assert!(
        e["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["speaker"] == "Maria Okafor"),
        "key quote with its speaker: {e}"
    );
    assert_eq!(
        e["links"][0]["href"],
        "https://gazette.example/2024/03/reservoir-low"
    );

    // A day with no articles: an empty digest, not an error.
    let (status, body) = get(&format!("{b}/api/digest?date=2023-01-01"));
    assert_eq!(status, 200);
    assert_eq!(json(&body)["stories"].as_array().unwrap().len(), 0);

    // No date: the latest story's day (the commissioner article, 2024-08).
    let (_, body) = get(&format!("{b}/api/digest"));
    let latest = json(&body);
    let (_, list) = get(&format!("{b}/api/stories?limit=1"));
    let last = json(&list)["stories"][0]["last_date"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(latest["date"], &last[..10]);
    assert_eq!(latest["stories"].as_array().unwrap().len(), 1);

    let r = ureq::get(&format!("{b}/api/digest?date=2024-03-04&format=markdown"))
        .call()
        .unwrap();
    assert_eq!(
        r.header("Content-Type"),
        Some("text/markdown; charset=utf-8")
    );
    let md = r.into_string().unwrap();
    assert!(
        md.contains("Eastbrook reservoir falls to a record low"),
        "{md}"
    );

    let (status, html) = get(&format!("{b}/api/digest?date=2024-03-04&format=html"));
    assert_eq!(status, 200);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("Eastbrook reservoir falls to a record low"));

    for bad in [
        "date=2024-13-01",
        "format=pdf",
        "max_stories=x",
        "date=2024-03-04&extra=1",
    ] {
        let (status, body) = get(&format!("{b}/api/digest?{bad}"));
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(json(&body)["error"].is_string(), "{bad}: {body}");
    }
}

#[test]
fn stories_and_digest_pages_render() {
    let (_dir, server) = filled();
    let b = base(&server);
    let (status, home) = get(&format!("{b}/"));
    assert_eq!(status, 200);
    assert!(
        home.contains("href=\"/stories\""),
        "nav links the stories list"
    );
    assert!(home.contains("href=\"/digest\""), "nav links the digest");

    let (status, page) = get(&format!("{b}/stories?limit=2"));
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Okafor named regional water commissioner"),
        "{page}"
    );
    assert!(page.contains("Council approves summer water rationing"));
    assert!(
        !page.contains("Eastbrook reservoir falls to a record low"),
        "page 1 of 2 holds the two latest stories"
    );
    assert!(page.contains("People: "), "people listed: {page}");
    assert!(page.contains("rel=\"next\""), "a next page link");
    let (_, page2) = get(&format!("{b}/stories?limit=2&offset=2"));
    assert!(page2.contains("Eastbrook reservoir falls to a record low"));
    assert!(page2.contains("rel=\"prev\""));
    let (status, _) = get(&format!("{b}/stories?offset=x"));
    assert_eq!(status, 400);

    let (status, page) = get(&format!("{b}/digest?date=2024-03-04"));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Eastbrook reservoir falls to a record low"));
    assert!(page.contains("Maria Okafor"), "key quote speaker shown");
    assert!(page.contains("href=\"/stories/"), "the story is linked");
    assert!(
        page.contains("/api/digest?date=2024-03-04"),
        "other formats linked"
    );
    let (status, page) = get(&format!("{b}/digest?date=2023-01-01"));
    assert_eq!(status, 200);
    assert!(page.contains("No stories with articles on this day."));
    let (status, page) = get(&format!("{b}/digest?date=tomorrow"));
    assert_eq!(status, 400, "{page}");
}
