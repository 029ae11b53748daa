//! Pairing quotation marks into quoted spans, one paragraph at a time.
//!
//! Marks are paired by family (double or single) and by shape (a mark that can open
//! has text on its right; one that can close has text on its left). Marks of the other
//! family inside an open span are nested quotes and left alone; stray closing marks are
//! ignored; a closing mark misplaced after a space (“… yet. “) still closes; an opening
//! double mark never closed runs to the end of the paragraph (a quote continued in the
//! next paragraph, or a missing mark). One linear pass.

use super::tokens::{Family, Kind, Para};

/// A quoted span: token indices of its marks and the token range of its content.
#[derive(Debug, Clone, Copy)]
pub struct QSpan {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the span runs to the paragraph end.
    pub close: Option<usize>,
    /// First content token.
    pub first: usize,
    /// Last content token (inclusive).
    pub last: usize,
}

impl QSpan {
    /// One past the last token of the span, marks included.
    pub fn end_tok(&self) -> usize {
        self.close.map_or(self.last + 1, |c| c + 1)
    }
}

/// Find the top-level quoted spans of a paragraph, in order.
pub fn quoted_spans(p: &Para) -> Vec<QSpan> {
    let toks = &p.toks;
    // Index of the last single mark that can close: a single mark may open only if one follows.
    let last_single_close = toks.iter().rposition(|t| {
        matches!(
            t.kind,
            Kind::Mark {
                family: Family::Single,
                close: true,
                ..
            }
        )
    });
    let mut out = Vec::new();
    let mut state: Option<(Family, usize)> = None;
    let push = |out: &mut Vec<QSpan>, o: usize, close: Option<usize>, end: usize| {
        // content tokens are o+1 .. end (exclusive)
        if end > o + 1 {
            out.push(QSpan {
                open: o,
                close,
                first: o + 1,
                last: end - 1,
            });
        }
    };
    for (i, t) in toks.iter().enumerate() {
        let Kind::Mark {
            family,
            open,
            close,
        } = t.kind
        else {
            continue;
        };
        match state {
            None => {
                let can_open = match family {
                    Family::Double => open,
                    Family::Single => open && last_single_close.is_some_and(|c| c > i),
                };
                if can_open {
                    state = Some((family, i));
                }
            }
            Some((f, o)) if f == family => {
                if close || (!open && !close) {
                    push(&mut out, o, Some(i), i);
                    state = None;
                } else if open {
                    // A new opening mark while one is open: the first was never closed.
                    if family == Family::Double {
                        push(&mut out, o, None, i);
                        state = Some((family, i));
                    }
                }
            }
            Some(_) => {}
        }
    }
    if let Some((Family::Double, o)) = state {
        push(&mut out, o, None, toks.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn spans(s: &str) -> Vec<String> {
        let p = tokenize(s, 0);
        quoted_spans(&p)
            .iter()
            .map(|q| p.slice(q.first, q.last).to_string())
            .collect()
    }

    #[test]
    fn curly_straight_and_nested() {
        assert_eq!(spans("He said “yes ‘maybe’ no” then."), ["yes ‘maybe’ no"]);
        assert_eq!(spans("\"A b,\" he said, \"c d.\""), ["A b,", "c d."]);
        assert_eq!(
            spans("‘We are ready’, says the envoy’s aide."),
            ["We are ready"]
        );
        assert_eq!(spans("« Nous verrons », dit-il."), ["Nous verrons"]);
        assert_eq!(spans("„Wir sehen“, sagte er."), ["Wir sehen"]);
    }

    #[test]
    fn misplaced_stray_and_unclosed() {
        assert_eq!(spans("She said, “We wait yet. “"), ["We wait yet."]);
        assert_eq!(spans("“Done.” Then more.”"), ["Done."]);
        assert_eq!(
            spans("“No one left. The end is near."),
            ["No one left. The end is near."]
        );
        assert_eq!(
            spans("The rebels’ demands and Jones’ plan"),
            Vec::<String>::new()
        );
    }
}
