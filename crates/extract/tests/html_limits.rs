//! Hostile HTML: deep nesting, unmatched tags, huge pages and a spent time budget
//! must give a best-effort result in bounded time, never a panic or a hang.

use newsdesk_extract::{extract, Options};
use std::time::{Duration, Instant};

fn run(html: &str, options: &Options) -> newsdesk_extract::Article {
    extract(html.as_bytes(), "hostile", options).expect("extracts")
}

#[test]
fn hundred_thousand_nested_divs_do_not_overflow() {
    let html = format!(
        "<html><body>{}<p>Deep down there is a paragraph with some words in it.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let t = Instant::now();
    let a = run(&html, &Options::default());
    assert_eq!(
        a.body,
        "Deep down there is a paragraph with some words in it."
    );
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

#[test]
fn unmatched_close_tags_under_deep_nesting_stay_linear() {
    // 100,000 open elements then 100,000 close tags that match none of them: a
    // naive open-element search is quadratic here.
    let html = format!(
        "{}<p>Text that survives the mess around it, long enough to be a paragraph.</p>{}",
        "<span><b>".repeat(50_000),
        "</em>".repeat(100_000)
    );
    let t = Instant::now();
    let a = run(&html, &Options::default());
    assert!(a.body.contains("Text that survives"), "{}", a.body);
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

#[test]
fn max_depth_is_configurable() {
    let html = format!(
        "{}<p>Still here after flattening.</p>",
        "<section>".repeat(5_000)
    );
    let options = Options {
        max_depth: 16,
        ..Options::default()
    };
    assert_eq!(run(&html, &options).body, "Still here after flattening.");
}

#[test]
fn fifty_megabyte_page_is_handled() {
    let para = "<div class=\"c\"><p>Rows of ordinary words repeated many times to fill a very large page, which must still parse in linear time.</p></div>\n";
    let mut html = String::with_capacity(50 << 20);
    html.push_str("<html><body><article>");
    while html.len() < 50 << 20 {
        html.push_str(para);
    }
    html.push_str("</article></body></html>");
    let t = Instant::now();
    let a = run(&html, &Options::default());
    assert!(a.body.starts_with("Rows of ordinary words"));
    assert!(t.elapsed() < Duration::from_secs(120), "{:?}", t.elapsed());
}

#[test]
fn spent_time_budget_returns_best_effort() {
    let para = "<p>Some text in a paragraph that is long enough to count as content here.</p>\n";
    let html = para.repeat(200_000);
    let options = Options {
        time_budget: Duration::from_millis(0),
        ..Options::default()
    };
    let t = Instant::now();
    let a = run(&html, &options);
    assert!(!a.body.is_empty());
    assert!(a.body.len() < html.len());
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}

#[test]
fn truncated_and_garbage_markup_never_panics() {
    let cases = [
        "<html><body><p>Unclosed <b>bold <i>italic <a href='x",
        "<<<>>><p>a</p></p></p></div></body></html></html>",
        "<script>never closed <p>text",
        "<!-- comment never closed <p>text</p>",
        "<p title=\"unterminated>text</p>",
        "<svg><p>inside svg</p>",
        "<table><td>cell<tr><td>row</table></td></tr>",
        "&amp;&#x110000;&#0;&bogus; <p>&lt;tag&gt;</p>",
    ];
    for c in cases {
        let _ = run(c, &Options::default());
    }
}
