//! Tokens of one paragraph: words, punctuation and quotation marks, with char offsets
//! into the whole text and byte offsets into the paragraph. Linear in the paragraph length.

/// Which pair a quotation mark belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// “ ” „ ‟ « » " '' ``
    Double,
    /// ‘ ’ ‚ ‹ › '
    Single,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters and digits (with inner apostrophes, hyphens, abbreviation dots).
    Word,
    /// One punctuation char.
    Punct(char),
    /// A quotation mark; `open`/`close` say whether its surroundings let it open or close.
    Mark {
        /// Double or single.
        family: Family,
        /// Free on the left (start, space, bracket), text on the right.
        open: bool,
        /// Text on the left, free on the right (end, space, punctuation).
        close: bool,
    },
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte range in the paragraph string.
    pub b0: u32,
    /// End of the byte range.
    pub b1: u32,
    /// Char offset of the first char in the whole text.
    pub c0: usize,
    /// Char offset one past the last char in the whole text.
    pub c1: usize,
    /// What it is.
    pub kind: Kind,
    /// Range of the lowercased word in [`Para::lower`] (words only).
    pub l0: u32,
    /// End of the lowercased range.
    pub l1: u32,
    /// Starts with an uppercase letter.
    pub cap: bool,
}

/// A tokenized paragraph.
pub struct Para<'a> {
    /// The paragraph text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: Vec<Tok>,
    /// Lowercased words, concatenated.
    pub lower: String,
}

impl<'a> Para<'a> {
    /// The token's text as written.
    pub fn raw(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.b0 as usize..t.b1 as usize]
    }
    /// The lowercased word ("" for other tokens).
    pub fn low(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.lower[t.l0 as usize..t.l1 as usize]
    }
    /// Is token `i` a word?
    pub fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Word
    }
    /// Is token `i` the punctuation `c`?
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Punct(c)
    }
    /// Text between the starts of tokens `a` and the end of token `b` (inclusive), as written.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].b0 as usize..self.toks[b].b1 as usize]
    }
}

fn mark_family(c: char) -> Option<Family> {
    match c {
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}' => {
            Some(Family::Double)
        }
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2039}' | '\u{203a}' | '`' => {
            Some(Family::Single)
        }
        _ => None,
    }
}

fn is_free_left(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | '/')
        }
    }
}

fn is_free_right(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '\u{2014}'
                        | '\u{2013}'
                        | '-'
                        | '\u{2026}'
                        | '/'
                )
                || mark_family(c).is_some()
        }
    }
}

/// Tokenize `text`, whose first char is char `base` of the whole text.
pub fn tokenize(text: &str, base: usize) -> Para<'_> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut toks = Vec::with_capacity(n / 4 + 1);
    let mut lower = String::with_capacity(text.len());
    let byte_at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let at = |k: usize| if k < n { Some(chars[k].1) } else { None };
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let start = k;
        if c.is_alphanumeric() {
            k += 1;
            while k < n {
                let d = chars[k].1;
                if d.is_alphanumeric() {
                    k += 1;
                    continue;
                }
                let next = at(k + 1);
                let next_alnum = next.is_some_and(|x| x.is_alphanumeric());
                // Decomposed accents and mis-decoded UTF-8 ("FranÃ§ois") stay inside.
                if crate::chars::joins_word(d, next) {
                    k += 1;
                    continue;
                }
                // Inner apostrophes (don’t, Russia’s), hyphens (open-door) and the dots
                // of initialisms (U.S.) stay inside the word.
                if matches!(d, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}') && next_alnum {
                    k += 1;
                    continue;
                }
                // Decimal points and thousands separators: 98.33, 1,000.
                if matches!(d, '.' | ',')
                    && chars[k - 1].1.is_ascii_digit()
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    k += 1;
                    continue;
                }
                if d == '.' && next_alnum && k >= 1 && {
                    // only for single-letter runs: U.S, D.C
                    let mut j = k;
                    let mut run = 0;
                    while j > start && chars[j - 1].1.is_alphanumeric() {
                        j -= 1;
                        run += 1;
                    }
                    run == 1
                } {
                    k += 1;
                    continue;
                }
                break;
            }
            // Keep the final dot of an initialism like "U.S." in the word.
            if k < n
                && chars[k].1 == '.'
                && k >= 2
                && chars[k - 2].1 == '.'
                && chars[k - 1].1.is_alphabetic()
            {
                k += 1;
            }
            let l0 = lower.len() as u32;
            for &(_, ch) in &chars[start..k] {
                for lc in ch.to_lowercase() {
                    lower.push(lc);
                }
            }
            toks.push(Tok {
                b0: byte_at(start) as u32,
                b1: byte_at(k) as u32,
                c0: base + start,
                c1: base + k,
                kind: Kind::Word,
                l0,
                l1: lower.len() as u32,
                cap: c.is_uppercase(),
            });
            continue;
        }
        let l = lower.len() as u32;
        if let Some(mut family) = mark_family(c) {
            let mut end = k + 1;
            // '' and `` stand for a double mark.
            if matches!(c, '\'' | '`') && at(k + 1) == Some(c) {
                family = Family::Double;
                end = k + 2;
            }
            let prev = if start > 0 {
                Some(chars[start - 1].1)
            } else {
                None
            };
            let next = at(end);
            let mut open =
                is_free_left(prev) && !next.is_some_and(|x| x.is_whitespace()) && next.is_some();
            let mut close =
                is_free_right(next) && !prev.is_some_and(|x| x.is_whitespace()) && prev.is_some();
            if matches!(c, '\u{ab}' | '\u{bb}') {
                // French spacing: « Nous verrons »
                open = is_free_left(prev) && next.is_some();
                close = is_free_right(next) && prev.is_some();
            }
            if prev.is_some_and(|p| mark_family(p).is_some()) {
                // “‘ or ’” : a mark next to a mark takes its shape from the other side.
                open = next.is_some_and(|x| !x.is_whitespace());
            }
            if next.is_some_and(|p| mark_family(p).is_some())
                && prev.is_some_and(|x| !x.is_whitespace())
            {
                close = true;
            }
            toks.push(Tok {
                b0: byte_at(start) as u32,
                b1: byte_at(end) as u32,
                c0: base + start,
                c1: base + end,
                kind: Kind::Mark {
                    family,
                    open,
                    close,
                },
                l0: l,
                l1: l,
                cap: false,
            });
            k = end;
            continue;
        }
        toks.push(Tok {
            b0: byte_at(start) as u32,
            b1: byte_at(k + 1) as u32,
            c0: base + start,
            c1: base + k + 1,
            kind: Kind::Punct(c),
            l0: l,
            l1: l,
            cap: false,
        });
        k += 1;
    }
    Para { text, toks, lower }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_marks_and_offsets() {
        let p = tokenize("“We don’t,” the U.S. envoy said.", 10);
        let raws: Vec<&str> = (0..p.toks.len()).map(|i| p.raw(i)).collect();
        assert_eq!(
            raws,
            ["“", "We", "don’t", ",", "”", "the", "U.S.", "envoy", "said", "."]
        );
        assert_eq!(p.toks[1].c0, 11);
        assert!(matches!(
            p.toks[0].kind,
            Kind::Mark {
                open: true,
                close: false,
                ..
            }
        ));
        assert!(matches!(
            p.toks[4].kind,
            Kind::Mark {
                open: false,
                close: true,
                ..
            }
        ));
        assert_eq!(p.low(1), "we");
    }
}
