//! Copies, stories and related articles through the JSON API and the web pages.

mod common;

use common::*;
use newsdesk_serve::Config;

/// The fixtures plus a verbatim copy of the reservoir report on another site, a day later.
fn start_with_copy() -> (tempfile::TempDir, newsdesk_serve::Server) {
    let dir = temp_dir();
    let mut articles = fixture_articles();
    let copy = syndicated_copy(
        &articles[0],
        "https://valleywire.example/eastbrook-reservoir",
        "2024-03-05",
    );
    // Stored right after its original, as a wire copy would arrive.
    articles.insert(1, copy);
    fill_store(dir.path(), &articles);
    let server = start(dir.path(), None, Config::default());
    (dir, server)
}

fn id_of(b: &str, url: &str) -> String {
    let v = json(&get(&format!("{b}/api/articles?limit=100")).1);
    v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["url"].as_str() == Some(url))
        .unwrap_or_else(|| panic!("{url} stored"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn copies_story_and_related_over_the_api() {
    let (_dir, server) = start_with_copy();
    let b = base(&server);
    let orig = id_of(&b, "https://gazette.example/2024/03/reservoir-low");
    let copy = id_of(&b, "https://valleywire.example/eastbrook-reservoir");

    let (status, body) = get(&format!("{b}/api/articles/{copy}/copies"));
    assert_eq!(status, 200, "{body}");
    let g = json(&body);
    assert_eq!(g["original"]["article"]["id"], orig.as_str());
    assert_eq!(g["size"], 2);
    assert_eq!(g["copies"][0]["article"]["id"], copy.as_str());
    assert_eq!(g["copies"][0]["copy_of"], orig.as_str());
    let (status, _) = get(&format!("{b}/api/articles/424242/copies"));
    assert_eq!(status, 404);

    let (status, body) = get(&format!("{b}/api/articles/{orig}/related?limit=5"));
    assert_eq!(status, 200, "{body}");
    let r = json(&body);
    assert_eq!(r["story"]["id"], orig.as_str());
    assert_eq!(r["same_story"][0]["id"], copy.as_str());
    for o in r["other_stories"].as_array().unwrap() {
        assert_ne!(o["story_id"], orig.as_str(), "other stories only");
        assert_ne!(o["article"]["id"], copy.as_str());
    }
    let (status, _) = get(&format!("{b}/api/articles/{orig}/related?limit=x"));
    assert_eq!(status, 400);

    let (status, body) = get(&format!("{b}/api/stories/{orig}"));
    assert_eq!(status, 200, "{body}");
    let st = json(&body);
    assert_eq!(
        st["story"]["title"],
        "Eastbrook reservoir falls to a record low"
    );
    assert_eq!(st["story"]["article_count"], 2);
    assert_eq!(
        st["articles"][0]["article"]["id"],
        copy.as_str(),
        "newest first"
    );
    assert_eq!(
        st["articles"][0]["lead"],
        "Mayor asks households to cut water use by a fifth"
    );
    let quotes = st["key_quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    assert_eq!(
        quotes[0]["articles"], 2,
        "carried by the original and its copy"
    );
    assert!(quotes[0]["quote"]["speaker"].is_string());

    let (status, body) = get(&format!("{b}/api/stories"));
    assert_eq!(status, 200, "{body}");
    let list = json(&body);
    let ids: Vec<&str> = list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&orig.as_str()));
    let (_, body) = get(&format!("{b}/api/stories?date=2024-03-05"));
    let day = json(&body);
    assert_eq!(day["stories"].as_array().unwrap().len(), 1);
    assert_eq!(day["stories"][0]["id"], orig.as_str());
    assert_eq!(get(&format!("{b}/api/stories?date=March")).0, 400);
    assert_eq!(get(&format!("{b}/api/stories/424242")).0, 404);
}

#[test]
fn article_and_story_pages_show_copies_and_stories() {
    let (_dir, server) = start_with_copy();
    let b = base(&server);
    let orig = id_of(&b, "https://gazette.example/2024/03/reservoir-low");
    let copy = id_of(&b, "https://valleywire.example/eastbrook-reservoir");

    let (status, page) = get(&format!("{b}/articles/{copy}"));
    assert_eq!(status, 200);
    assert!(page.contains(">Original</h2>"), "{page}");
    assert!(page.contains(&format!("href=\"/articles/{orig}\"")));
    assert!(page.contains(">Same story</h2>"));
    assert!(page.contains(&format!("href=\"/stories/{orig}\"")));

    let (_, page) = get(&format!("{b}/articles/{orig}"));
    assert!(page.contains(">Copies (1)</h2>"), "{page}");
    assert!(
        !page.contains(">Original</h2>"),
        "the original has no original"
    );
    assert!(page.contains(&format!("href=\"/articles/{copy}\"")));

    let (status, page) = get(&format!("{b}/stories/{orig}"));
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Eastbrook reservoir falls to a record low</h1>"));
    assert!(page.contains(">Key quotes</h2>"));
    assert!(page.contains("Maria Okafor"));
    assert!(page.contains("2024-03-04") && page.contains("2024-03-05"));
    assert!(page.contains("Mayor asks households to cut water use by a fifth"));
    assert_eq!(get(&format!("{b}/stories/424242")).0, 404);
}
