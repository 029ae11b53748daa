//! Plain-text pages: headline, dek, authors and body from invented scraped pages
//! (fixtures under `tests/fixtures/text/`, each with an `.expected.json`).

use newsdesk_extract::{extract, text::extract_text, Article, Options};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Expected {
    title: Option<String>,
    dek: Option<String>,
    authors: Vec<String>,
    body_paragraphs: Vec<String>,
    /// Strings (or prefixes of lines) that must not reach the body.
    boilerplate: Vec<String>,
}

fn fixture(name: &str) -> (Vec<u8>, Expected) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let page = std::fs::read(dir.join(format!("{name}.txt"))).unwrap();
    let expected: Expected =
        serde_json::from_slice(&std::fs::read(dir.join(format!("{name}.expected.json"))).unwrap())
            .unwrap();
    (page, expected)
}

fn check(name: &str) -> Article {
    let (page, want) = fixture(name);
    let got = extract(&page, name, &Options::default()).unwrap();
    assert_eq!(got.title, want.title, "{name}: title");
    assert_eq!(got.dek, want.dek, "{name}: dek");
    assert_eq!(got.authors, want.authors, "{name}: authors");
    let got_paragraphs: Vec<&str> = got.body.split('\n').collect();
    assert_eq!(
        got_paragraphs, want.body_paragraphs,
        "{name}: body paragraphs"
    );
    for b in &want.boilerplate {
        assert!(
            !got.body.contains(b.as_str()),
            "{name}: boilerplate {b:?} in body"
        );
    }
    assert_eq!(got.language.as_deref(), Some("en"), "{name}: language");
    assert!(
        got.published.is_none() && got.site_name.is_none(),
        "{name}: nothing guessed"
    );
    got
}

#[test]
fn ad_markers_cta_lines_related_lists_and_garbled_contact_line() {
    let a = check("harbour_bridge");
    // The contact line is read for authors but never reaches the body.
    assert!(!a.body.contains("protected]") && !a.body.contains("Write "));
    // A short line between two paragraphs stays in the body.
    assert!(a.body.contains("\nIt was a long wait.\n"));
}

#[test]
fn navigation_byline_cookie_notice_and_site_suffix() {
    let a = check("orchard_frost");
    // "Staff" and the site name are not authors.
    assert!(!a
        .authors
        .iter()
        .any(|n| n.contains("Staff") || n.contains("Ledger")));
    // The subheading between paragraphs is kept.
    assert!(a.body.contains("\nInsurance\n"));
}

#[test]
fn body_paragraphs_are_byte_identical_to_the_page() {
    let (page, _) = fixture("harbour_bridge");
    let page = String::from_utf8(page).unwrap();
    let a = extract_text(&page, &Options::default());
    for p in a.body.split('\n') {
        assert!(page.contains(p), "paragraph not verbatim in page: {p:?}");
    }
    // Curly quotes and no-break spaces survive untouched.
    assert!(a.body.contains("“It feels like getting the town back,”"));
}

#[test]
fn by_line_of_staff_only_gives_no_authors() {
    let page = "Council Opens New Library in the Old Station\n\nBy Courier Staff\n\n\
        The town council opened a new public library in the old railway station on Friday, after a restoration that took three years and kept the original ticket hall.\n\n\
        Librarians said more than two thousand residents signed up for cards in the first afternoon, and the children's room was full until closing time.\n";
    let a = extract_text(page, &Options::default());
    assert!(a.authors.is_empty());
    assert_eq!(
        a.title.as_deref(),
        Some("Council Opens New Library in the Old Station")
    );
    assert!(a.body.starts_with("The town council opened"));
    assert!(!a.body.contains("Courier Staff"));
}

#[test]
fn german_page_uses_german_stop_words() {
    let page = "Neue Brücke über den Fluss eröffnet - Stadtanzeiger\nStartseite\nPolitik\nSport\nKultur\nAnmelden\n\
        Neue Brücke über den Fluss eröffnet\n\
        Nach drei Jahren Bauzeit ist die neue Brücke über den Fluss am Samstag für den Verkehr freigegeben worden, und schon am ersten Morgen fuhren mehr Radfahrer als erwartet über die Fahrbahn.\n\
        Die Stadt hatte die alte Brücke im Jahr 2020 sperren müssen, weil bei einer Prüfung Risse in den Stahlträgern entdeckt worden waren.\n\
        Der Bürgermeister sagte, die Kosten seien zwar höher als geplant gewesen, aber die Stadt habe sie aus eigenen Rücklagen bezahlen können.\n\
        Mehr zum Thema\nDatenschutz\nImpressum\n";
    let a = extract_text(page, &Options::default());
    assert_eq!(
        a.title.as_deref(),
        Some("Neue Brücke über den Fluss eröffnet")
    );
    assert_eq!(a.language.as_deref(), Some("de"));
    assert_eq!(a.body.split('\n').count(), 3, "{}", a.body);
    assert!(a.body.starts_with("Nach drei Jahren") && a.body.ends_with("bezahlen können."));
}

#[test]
fn teaser_block_for_other_stories_loses_to_the_article() {
    // A long block of teasers (headline, summary, timestamp) after a shorter article:
    // the article repeats its headline's words, the teasers do not.
    let mut page =
        String::from("Volcano Eruption Forces Evacuation of Island Villages - Island Times\n");
    page.push_str("Volcano Eruption Forces Evacuation of Island Villages\n");
    page.push_str("Thousands of villagers left their homes on Tuesday as the volcano on the island's northern tip erupted for the first time in forty years, sending ash high over the villages.\n");
    page.push_str("Officials said the evacuation of the villages went smoothly and that nobody had been hurt, although ash from the volcano closed the island's only airport for the day.\n");
    page.push_str("Scientists said the eruption could continue for weeks and warned residents of the evacuated villages not to return until the volcano had been quiet for several days.\n");
    page.push_str("More Stories\n");
    for k in 0..8 {
        page.push_str(&format!("Local bakery wins regional award number {k}\n"));
        page.push_str(&format!("The family business has been baking bread in the same oven for {k} decades and has now been recognised by a jury of its peers for the quality of its rye loaves.\n"));
        page.push_str(&format!("{k}h ago\n"));
    }
    let a = extract_text(&page, &Options::default());
    assert!(a.body.starts_with("Thousands of villagers"), "{}", a.body);
    assert!(
        !a.body.contains("bakery") && !a.body.contains("rye loaves"),
        "{}",
        a.body
    );
}

#[test]
fn list_announced_by_a_colon_stays_with_the_article() {
    let page = "Choir Announces Spring Tour of Coastal Towns\n\
        The town choir will spend April on the road for the first time since it was founded, singing in eight halls along the coast and ending with a concert at home.\n\
        The conductor said the programme mixes folk songs the choir has sung for decades with two new pieces written by members of the choir this winter.\n\
        Tour dates:\n\
        April 3 -- Harbour Hall, Westport\n\
        April 5 -- Corn Exchange, Lymford\n\
        April 9 -- St Anne's Church, Dunmere\n\
        Related Stories\n\
        Brass band wins regional title\n";
    let a = extract_text(page, &Options::default());
    assert!(
        a.body
            .contains("\nTour dates:\nApril 3 -- Harbour Hall, Westport\n"),
        "{}",
        a.body
    );
    assert!(
        a.body.ends_with("April 9 -- St Anne's Church, Dunmere"),
        "{}",
        a.body
    );
}

#[test]
fn chinese_page_without_spaces() {
    // CJK text has no spaces between words and dense chars: lengths count wide
    // chars twice and the stop-word share gives way to sentence shape.
    let page = "河谷水库重新蓄满 - 河谷日报\n首页\n新闻\n体育\n登录\n河谷水库重新蓄满\n\
        经过三个月的干旱，周一河谷地区终于迎来降雨，雨水注满了农民们整个夏天眼看着不断萎缩的水库。当地气象部门表示，这场降雨是今年以来最大的一次，部分地区的降雨量超过了一百毫米。\n\
        水务局局长在周二的新闻发布会上说，水库的蓄水量已经恢复到正常水平的八成左右，足以满足城市和农业在冬季的用水需求。他同时提醒居民，仍然需要节约用水，因为明年春天的降雨情况还难以预测。\n\
        许多农民对这场雨表示欢迎。一位种植苹果的农民说，如果再晚两个星期下雨，他的果园可能会损失一半以上的收成。现在他终于可以松一口气了。\n\
        相关新闻\n版权所有\n";
    let a = extract_text(page, &Options::default());
    assert_eq!(a.title.as_deref(), Some("河谷水库重新蓄满"));
    assert_eq!(a.language.as_deref(), Some("zh"));
    assert_eq!(a.body.split('\n').count(), 3, "{}", a.body);
    assert!(a.body.starts_with("经过三个月的干旱") && a.body.ends_with("松一口气了。"));
}
