//! HTML extraction through `extract()`: boilerplate removal, metadata sources,
//! author filtering, date validation and charsets, on hand-written fixture pages.

use newsdesk_extract::{extract, Article, Options};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn example(name: &str) -> Vec<u8> {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(bytes: &[u8], url: Option<&str>) -> Article {
    let options = Options {
        url: url.map(str::to_string),
        ..Options::default()
    };
    extract(bytes, "fixture", &options).expect("extracts")
}

fn assert_absent(body: &str, needles: &[&str]) {
    for n in needles {
        assert!(!body.contains(n), "body should not contain {n:?}:\n{body}");
    }
}

#[test]
fn news_page_body_keeps_story_and_drops_furniture() {
    let a = run(&example("harbor-ferry.html"), None);
    let lines: Vec<&str> = a.body.lines().collect();
    assert!(
        lines[0].starts_with("The first ferry in six weeks"),
        "{}",
        a.body
    );
    assert!(a.body.contains("A costly winter"), "subheading kept");
    assert!(
        a.body.contains("weekly visits from the district nurse"),
        "list items kept"
    );
    assert!(lines.last().unwrap().starts_with("The operator said"));
    assert_absent(
        &a.body,
        &[
            "cookies",
            "Advertisement",
            "Share on",
            "Photo: Ewan Brodie",
            "Storm leaves island cut off",
            "newsletter",
            "Subscribe",
            "About time!",
            "Most read",
            "All rights reserved",
            "Morag Lindqvist",
            "not content",
            "Kell Island\n",
        ],
    );
    assert!(
        !a.body.contains("Ferry service to Kell Island resumes"),
        "headline not repeated"
    );
    assert_eq!(a.word_count, newsdesk_extract::count_words(&a.body));
}

#[test]
fn json_ld_metadata_wins_and_organizations_are_not_authors() {
    let a = run(&example("harbor-ferry.html"), None);
    assert_eq!(
        a.title.as_deref(),
        Some("Ferry service to Kell Island resumes after storm repairs")
    );
    assert_eq!(
        a.dek.as_deref(),
        Some("Crews rebuilt the damaged pier in six weeks, two weeks ahead of schedule.")
    );
    assert_eq!(a.authors, vec!["Morag Lindqvist"]);
    assert_eq!(a.published.as_deref(), Some("2023-03-14T07:45:00Z"));
    assert_eq!(a.modified.as_deref(), Some("2023-03-14T11:02:00Z"));
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.site_name.as_deref(), Some("The Northshore Courier"));
    // Relative canonical without a base URL: og:url is used instead.
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://courier.example.org/local/2023/03/14/kell-ferry-resumes")
    );
}

#[test]
fn relative_canonical_resolves_against_the_fetch_url() {
    let a = run(
        &example("harbor-ferry.html"),
        Some("https://courier.example.org/x?y=1"),
    );
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://courier.example.org/local/2023/03/14/kell-ferry-resumes")
    );
}

#[test]
fn byline_meta_and_visible_date_lines() {
    let a = run(&example("festival-review.html"), None);
    assert_eq!(
        a.title.as_deref(),
        Some("Night of lanterns draws record crowd to riverside festival")
    );
    assert_eq!(a.authors, vec!["Tomas Ferreira", "Ingrid Halvorsen"]);
    assert_eq!(a.published.as_deref(), Some("2022-09-05"));
    assert_eq!(a.site_name.as_deref(), Some("Valley Arts"));
    assert_eq!(a.language.as_deref(), Some("en"), "from og:locale");
    assert!(
        a.body.starts_with("More than eighteen thousand people"),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("Every year people tell us"),
        "blockquote kept"
    );
    assert!(
        a.body.ends_with("first weekend of September."),
        "{}",
        a.body
    );
    assert_absent(
        &a.body,
        &[
            "Published September",
            "Read more",
            "Facebook",
            "Choir festival",
            "arts editor",
            "Log in",
            "Home",
        ],
    );
}

#[test]
fn meta_only_page_in_portuguese() {
    let a = run(
        &fixture("meta-only.html"),
        Some("https://jornaldovale.example.br/clima/"),
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Chuva volta ao sertão depois de oito meses")
    );
    assert_eq!(a.language.as_deref(), Some("pt"));
    assert_eq!(a.site_name.as_deref(), Some("Jornal do Vale"));
    // The meta author is the newsroom, the article:author a URL: the visible byline wins.
    assert_eq!(a.authors, vec!["Ana Souza"]);
    assert_eq!(a.published.as_deref(), Some("2021-02-03T09:30:00-03:00"));
    assert_eq!(a.modified, None);
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://jornaldovale.example.br/clima/chuva-volta-ao-sertao")
    );
    assert!(a.body.starts_with("A chuva voltou a cair"), "{}", a.body);
    assert!(a.body.ends_with("pancadas de chuva."), "{}", a.body);
    assert_absent(
        &a.body,
        &["Leia também", "newsletter", "direitos", "Início"],
    );
}

#[test]
fn implausible_dates_and_non_person_authors_are_dropped() {
    let a = run(&fixture("bad-dates.html"), None);
    // The JSON-LD date is in the future: the meta date is used.
    assert_eq!(a.published.as_deref(), Some("2018-06-12T14:00:00Z"));
    // Modified before published: not trusted.
    assert_eq!(a.modified, None);
    // "Staff" and an email address are not persons.
    assert!(a.authors.is_empty(), "{:?}", a.authors);
    assert_eq!(a.site_name, None);
    assert_eq!(a.canonical_url, None);
    assert!(a.body.starts_with("Engineers who spent a week"));
}

#[test]
fn story_split_by_ads_and_figures_is_joined_and_teasers_left_out() {
    let a = run(&fixture("split-story.html"), None);
    let lines: Vec<&str> = a.body.lines().collect();
    assert_eq!(lines.len(), 5, "{}", a.body);
    assert!(lines[0].starts_with("Apple growers"));
    assert_eq!(lines[3], "Insurance gaps");
    assert_absent(
        &a.body,
        &[
            "Advertisement",
            "Frost-damaged",
            "Cherry harvest",
            "thirty varieties",
        ],
    );
}

#[test]
fn windows_1251_page_with_br_paragraphs() {
    let utf8 = String::from_utf8(fixture("br-paragraphs.html")).unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&utf8);
    let a = run(&bytes, None);
    assert_eq!(
        a.title.as_deref(),
        Some("Новый мост через реку откроют в декабре")
    );
    assert_eq!(
        a.language.as_deref(),
        Some("ru"),
        "identified from the body"
    );
    let lines: Vec<&str> = a.body.lines().collect();
    assert_eq!(lines.len(), 3, "{}", a.body);
    assert!(lines[0].starts_with("Строительство нового моста"));
    assert_absent(&a.body, &["Главная", "Контакты"]);
}

#[test]
fn gzipped_page_is_the_same_as_plain() {
    use std::io::Write;
    let page = example("harbor-ferry.html");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&page).unwrap();
    let gz = enc.finish().unwrap();
    assert_eq!(run(&gz, None), run(&page, None));
}

#[test]
fn page_without_article_markup_still_has_a_body() {
    let a = run(
        b"<html><body><div>Just one short line of text.</div></body></html>",
        None,
    );
    assert_eq!(a.body, "Just one short line of text.");
    let b = run(
        b"<p>Loose paragraph without any document skeleton but with enough words.</p>",
        None,
    );
    assert!(b.body.starts_with("Loose paragraph"));
    // All the text sits in what looks like furniture: still not an empty body.
    let c = run(b"<html><body><nav><p>The only words on this page live in a navigation bar.</p></nav><script>var x;</script></body></html>", None);
    assert_eq!(
        c.body,
        "The only words on this page live in a navigation bar."
    );
}

#[test]
fn embedded_posts_and_lead_kept_link_lists_dropped() {
    let a = run(&fixture("embeds-and-lists.html"), None);
    assert!(
        a.body.starts_with("The town council's new tourism slogan"),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("Booked my trip already"),
        "tweet text kept: {}",
        a.body
    );
    assert!(
        a.body
            .contains("— Rosa Lindgren (@rosalind) November 18, 2019"),
        "{}",
        a.body
    );
    assert!(a.body.ends_with("featuring local farmers."), "{}", a.body);
    assert_absent(
        &a.body,
        &["More great stories", "new kind of wheat", "never closes"],
    );
}
