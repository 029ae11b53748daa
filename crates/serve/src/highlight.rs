//! Cutting an article body into paragraphs of plain and quoted runs, from quote
//! offsets that count chars (Unicode scalar values), so the article page can
//! highlight every quote.
//!
//! Offsets come from stored data and are not trusted: spans past the end of the body
//! are clipped, empty or reversed spans are dropped, overlapping spans are trimmed
//! so every char is in at most one highlight. Nothing here can panic on bad offsets.

/// A span of the body to highlight: chars `[start, end)` belonging to quote `quote`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Index of the quote it belongs to (the caller's numbering).
    pub quote: usize,
}

/// A run of text inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run<'a> {
    /// Text outside any quote.
    Plain(&'a str),
    /// Text of quote `quote`. `last` is true on the final run of that quote in the body
    /// (where the page puts the speaker link).
    Quote {
        /// The text.
        text: &'a str,
        /// The quote index given in its [`Highlight`].
        quote: usize,
        /// Whether no later run belongs to the same quote.
        last: bool,
    },
}

/// Split `body` into paragraphs (at `\n`) of [`Run`]s, with `highlights` marked.
/// Paragraphs that are only white space are dropped.
pub fn paragraphs<'a>(body: &'a str, highlights: &[Highlight]) -> Vec<Vec<Run<'a>>> {
    let mut out: Vec<Vec<Run<'a>>> = Vec::new();
    let mut current: Vec<Run<'a>> = Vec::new();
    for (text, quote) in runs(body, highlights) {
        let mut pieces = text.split('\n').peekable();
        while let Some(piece) = pieces.next() {
            if !piece.is_empty() {
                current.push(match quote {
                    None => Run::Plain(piece),
                    Some(quote) => Run::Quote {
                        text: piece,
                        quote,
                        last: false,
                    },
                });
            }
            if pieces.peek().is_some() {
                push_paragraph(&mut out, std::mem::take(&mut current));
            }
        }
    }
    push_paragraph(&mut out, current);
    flag_last_runs(&mut out);
    out
}

fn push_paragraph<'a>(out: &mut Vec<Vec<Run<'a>>>, para: Vec<Run<'a>>) {
    let blank = para.iter().all(|r| match r {
        Run::Plain(t) => t.trim().is_empty(),
        Run::Quote { text, .. } => text.trim().is_empty(),
    });
    if !blank {
        out.push(para);
    }
}

/// Flag the final run of each quote `last` (after blank paragraphs were dropped).
fn flag_last_runs(paragraphs: &mut [Vec<Run<'_>>]) {
    let mut seen = std::collections::HashSet::new();
    for para in paragraphs.iter_mut().rev() {
        for run in para.iter_mut().rev() {
            if let Run::Quote { quote, last, .. } = run {
                *last = seen.insert(*quote);
            }
        }
    }
}

/// The body as consecutive `(text, quote)` runs covering it entirely, in order.
fn runs<'a>(body: &'a str, highlights: &[Highlight]) -> Vec<(&'a str, Option<usize>)> {
    let mut spans: Vec<Highlight> = highlights
        .iter()
        .copied()
        .filter(|h| h.start < h.end)
        .collect();
    spans.sort_by_key(|h| (h.start, h.end));
    // Trim overlaps: each span starts no earlier than the previous one ends.
    let mut clean: Vec<Highlight> = Vec::with_capacity(spans.len());
    let mut covered = 0usize;
    for mut h in spans {
        h.start = h.start.max(covered);
        if h.start < h.end {
            covered = h.end;
            clean.push(h);
        }
    }
    // Offsets are now monotone: convert chars to bytes in one walk.
    let mut chars = body.char_indices();
    let mut char_pos = 0usize;
    let mut byte_of = |target: usize| -> usize {
        while char_pos < target {
            match chars.next() {
                Some(_) => char_pos += 1,
                None => return body.len(),
            }
        }
        // `chars` has consumed `char_pos` chars; the next char's byte index is where we are.
        chars.clone().next().map_or(body.len(), |(b, _)| b)
    };
    let mut out = Vec::with_capacity(clean.len() * 2 + 1);
    let mut at = 0usize;
    for h in clean {
        let start = byte_of(h.start);
        let end = byte_of(h.end);
        if start >= body.len() {
            break;
        }
        if start > at {
            out.push((&body[at..start], None));
        }
        if end > start {
            out.push((&body[start..end], Some(h.quote)));
        }
        at = end;
    }
    if at < body.len() {
        out.push((&body[at..], None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(start: usize, end: usize, quote: usize) -> Highlight {
        Highlight { start, end, quote }
    }

    #[test]
    fn marks_quotes_by_char_offsets_not_bytes() {
        // "é" and "—" are multi-byte: byte offsets would cut in the wrong place.
        let body = "Café owner — “Open late,” she said.";
        let start = body.chars().position(|c| c == 'O').unwrap();
        let end = start + "Open late,".chars().count();
        let paras = paragraphs(body, &[h(start, end, 0)]);
        assert_eq!(
            paras,
            vec![vec![
                Run::Plain("Café owner — “"),
                Run::Quote {
                    text: "Open late,",
                    quote: 0,
                    last: true
                },
                Run::Plain("” she said."),
            ]]
        );
    }

    #[test]
    fn splits_paragraphs_and_quotes_spanning_them() {
        let body = "One \"two\nthree\" four\n\nfive";
        let paras = paragraphs(body, &[h(5, 14, 7)]);
        assert_eq!(
            paras,
            vec![
                vec![
                    Run::Plain("One \""),
                    Run::Quote {
                        text: "two",
                        quote: 7,
                        last: false
                    }
                ],
                vec![
                    Run::Quote {
                        text: "three",
                        quote: 7,
                        last: true
                    },
                    Run::Plain("\" four"),
                ],
                vec![Run::Plain("five")],
            ]
        );
    }

    #[test]
    fn hostile_offsets_are_clipped_dropped_or_trimmed() {
        let body = "abcdef";
        let paras = paragraphs(
            body,
            &[
                h(4, 2, 0),
                h(1, 3, 1),
                h(2, 5, 2),
                h(5, 999, 3),
                h(50, 60, 4),
            ],
        );
        assert_eq!(
            paras,
            vec![vec![
                Run::Plain("a"),
                Run::Quote {
                    text: "bc",
                    quote: 1,
                    last: true
                },
                Run::Quote {
                    text: "de",
                    quote: 2,
                    last: true
                },
                Run::Quote {
                    text: "f",
                    quote: 3,
                    last: true
                },
            ]]
        );
    }

    #[test]
    fn fragments_of_one_quote_flag_only_the_final_run_last() {
        let body = "\"A,\" he said, \"B.\"";
        let paras = paragraphs(body, &[h(1, 3, 0), h(15, 17, 0)]);
        let lasts: Vec<bool> = paras[0]
            .iter()
            .filter_map(|r| match r {
                Run::Quote { last, .. } => Some(*last),
                _ => None,
            })
            .collect();
        assert_eq!(lasts, vec![false, true]);
    }

    #[test]
    fn empty_body_and_no_quotes() {
        assert!(paragraphs("", &[h(0, 3, 0)]).is_empty());
        assert_eq!(
            paragraphs("x\n \ny", &[]),
            vec![vec![Run::Plain("x")], vec![Run::Plain("y")]]
        );
    }
}
