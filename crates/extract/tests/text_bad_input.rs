//! Plain-text extraction on hostile or odd input: it must return, never panic,
//! and stay linear in the input size.

use newsdesk_extract::{extract, text::extract_text, Options};
use std::time::{Duration, Instant};

const PROSE: &str = "The council met on Monday and agreed, after a long debate, to repair the old bridge before the winter storms arrive in the valley.";

#[test]
fn huge_single_line_without_newlines() {
    let line = PROSE.repeat(40_000); // about 5 MB, one line
    let start = Instant::now();
    let a = extract_text(&line, &Options::default());
    assert_eq!(a.body, line, "one prose line is the body");
    assert!(a.title.is_none(), "a sentence is no headline");
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn ten_megabytes_of_lines() {
    let mut page = String::with_capacity(11 << 20);
    let mut k = 0u64;
    while page.len() < 10 << 20 {
        // Alternate menus, prose and numbers so every code path runs.
        page.push_str(match k % 4 {
            0 => "Home\n",
            1 => PROSE,
            2 => "\n12:30 | 4 comments\n",
            _ => "\n",
        });
        k += 1;
    }
    let start = Instant::now();
    let a = extract(page.as_bytes(), "big.txt", &Options::default()).unwrap();
    assert!(!a.body.is_empty());
    assert!(start.elapsed() < Duration::from_secs(120));
}

#[test]
fn control_characters_and_odd_whitespace() {
    let page = format!(
        "\u{0}\u{1}Title\u{7} with bells\u{1b}[0m\n\u{b}\u{c}\r\n\u{feff}{PROSE}\u{0}\n\u{2028}{PROSE}\u{85}\n\t\t\n[email\n[email\u{a0}"
    );
    let a = extract_text(&page, &Options::default());
    assert!(a.body.contains("The council met"));
}

#[test]
fn right_to_left_text() {
    let arabic = "اجتمع مجلس المدينة يوم الاثنين ووافق بعد نقاش طويل على إصلاح الجسر القديم قبل وصول عواصف الشتاء إلى الوادي، وقال رئيس المجلس إن العمل سيبدأ الأسبوع المقبل.";
    let hebrew = "מועצת העיר התכנסה ביום שני והחליטה, לאחר דיון ארוך, לתקן את הגשר הישן לפני שסופות החורף יגיעו לעמק, וראש המועצה אמר שהעבודה תתחיל בשבוע הבא.";
    let page = format!("الجسر القديم\n\n{arabic}\n{arabic} {arabic}\nהגשר הישן\n{hebrew}\n");
    let a = extract_text(&page, &Options::default());
    assert!(a.body.contains(arabic));
    assert_eq!(a.language.as_deref(), Some("ar"));
}

#[test]
fn pages_without_prose_give_an_empty_body() {
    for page in [
        "",
        "\n\n\n",
        "Home\nNews\nSport\nSign In\n",
        "- Advertisement -\n- Advertisement -",
        "By\nBy \nWrite\n[email protected]\nWrite at [email\u{a0}protected]",
        "https://example.com/a\n2024-01-01T00:00:00Z\n12345\n",
        "|||||\n-----\n· · ·",
    ] {
        let a = extract_text(page, &Options::default());
        assert!(a.body.is_empty(), "{page:?} gave {:?}", a.body);
    }
}

#[test]
fn multibyte_text_at_every_length_limit() {
    // Lines of multibyte chars around the byte limits used for sampling and lexicon
    // checks must never be cut inside a char.
    for n in [60, 100, 120, 2047, 2048, 2049, 4000, 4001] {
        let line = "é".repeat(n) + " " + &"漢".repeat(n) + ".";
        let page = format!("{line}\n{PROSE}\n{line}\n");
        let _ = extract_text(&page, &Options::default());
    }
}

#[test]
fn millions_of_tiny_lines_are_capped() {
    // 3 million one-letter lines: only the first MAX_LINES are read, memory stays bounded.
    let page = "a\n".repeat(3_000_000) + PROSE;
    let a = extract_text(&page, &Options::default());
    assert!(a.body.is_empty(), "the prose line lies past the cap");
    const { assert!(newsdesk_extract::text::MAX_LINES < 3_000_000) };
}
