//! Characters that stay inside a word, shared by the tokenizers of the entity and
//! quote passes.

/// A combining diacritical mark (U+0300–U+036F): "A\u{303}" is "Ã" decomposed.
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// A character that mis-decoded UTF-8 leaves inside words: a C1 control or a Latin-1
/// sign (U+0080–U+00BF) read from a continuation byte, as in "FranÃ§ois". The
/// non-breaking space and the guillemets « » are not: they separate words.
fn is_mojibake_byte(c: char) -> bool {
    ('\u{80}'..='\u{bf}').contains(&c) && !matches!(c, '\u{a0}' | '\u{ab}' | '\u{bb}')
}

/// Does `c`, which follows a word's letters, stay in the word (given the char after it)?
/// A combining mark always does; a mis-decoded byte does when more of the word follows.
pub(crate) fn joins_word(c: char, next: Option<char>) -> bool {
    is_combining(c)
        || (is_mojibake_byte(c)
            && next.is_some_and(|x| x.is_alphanumeric() || is_combining(x) || is_mojibake_byte(x)))
}

#[cfg(test)]
mod tests {
    use super::joins_word;

    #[test]
    fn accents_and_mis_decoded_bytes_stay_in_words() {
        assert!(joins_word('\u{303}', Some('\u{83}')));
        assert!(joins_word('\u{83}', Some('A')));
        assert!(joins_word('\u{a7}', Some('o')));
        // at a word's end, or a real separator
        assert!(!joins_word('\u{a7}', Some(' ')));
        assert!(!joins_word('\u{a7}', None));
        assert!(!joins_word('\u{bb}', Some('a')));
        assert!(!joins_word('-', Some('a')));
    }
}
