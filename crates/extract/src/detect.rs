//! Format detection from content: HTML, plain text, or binary data we refuse.

use crate::{Error, Format};

/// How many leading characters are inspected to tell HTML from text.
const SNIFF_CHARS: usize = 4096;

/// Decide whether decoded `text` is HTML or plain text; refuse binary data.
///
/// Binary: more than 1% control characters (other than tab, newline, carriage
/// return, form feed) or U+FFFD replacement characters in the first 4 KiB.
/// HTML: the first non-blank characters open a tag, comment or doctype, or the
/// head of the input contains `<html`, `<head`, `<body` or `<!doctype`.
pub fn detect_format(text: &str) -> Result<Format, Error> {
    let head: &str = match text.char_indices().nth(SNIFF_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let total = head.chars().count().max(1);
    let bad = head
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{FFFD}'
        })
        .count();
    if bad * 100 > total {
        return Err(Error::Binary(format!(
            "{bad} control or undecodable characters in the first {total}"
        )));
    }
    let trimmed = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        return Err(Error::Empty);
    }
    let lower = trimmed
        .get(..trimmed.len().min(2048))
        .unwrap_or(trimmed)
        .to_ascii_lowercase();
    let opens_markup = lower.starts_with("<!doctype")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml")
        || lower.starts_with("<!--")
        || (lower.starts_with('<') && lower[1..].starts_with(|c: char| c.is_ascii_alphabetic()));
    let has_skeleton = ["<html", "<head", "<body", "<!doctype"]
        .iter()
        .any(|t| lower.contains(t));
    Ok(if opens_markup || has_skeleton {
        Format::Html
    } else {
        Format::Text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_html_from_text() {
        assert_eq!(
            detect_format("<!DOCTYPE html><html></html>").unwrap(),
            Format::Html
        );
        assert_eq!(
            detect_format("\n  <div><p>hi</p></div>").unwrap(),
            Format::Html
        );
        assert_eq!(
            detect_format("Headline here\n\nFirst paragraph <b>not</b> markup").unwrap(),
            Format::Text
        );
        assert_eq!(detect_format("x < y and y > z").unwrap(), Format::Text);
    }

    #[test]
    fn refuses_binary() {
        let png = "\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR\0\0\0\u{1}\0\0\0\u{1}\u{8}\u{6}\0\0\0\u{1f}";
        assert!(matches!(detect_format(png), Err(Error::Binary(_))));
    }
}
