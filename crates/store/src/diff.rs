//! What changed between two versions of an article, paragraph by paragraph.

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::fmt;

/// Bounds the diff's cost on hostile input: beyond this many paragraphs per side the
/// comparison falls back to counting paragraphs that appear on one side only.
const MAX_DIFF_PARAGRAPHS: usize = 5_000;

/// A summary of how a new version of an article differs from the previous one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSummary {
    /// The headline changed.
    pub title_changed: bool,
    /// The dek (subtitle) changed.
    pub dek_changed: bool,
    /// Paragraphs present only in the new version.
    pub paragraphs_added: usize,
    /// Paragraphs present only in the old version.
    pub paragraphs_removed: usize,
    /// Paragraphs rewritten in place (an old paragraph replaced by a new one).
    pub paragraphs_changed: usize,
    /// Words in the old body.
    pub words_before: usize,
    /// Words in the new body.
    pub words_after: usize,
}

impl ChangeSummary {
    /// Compare two versions given as (title, dek, body); bodies are paragraphs joined by `\n`.
    pub fn between(
        old: (Option<&str>, Option<&str>, &str),
        new: (Option<&str>, Option<&str>, &str),
    ) -> ChangeSummary {
        let norm = |s: Option<&str>| s.map(str::trim).unwrap_or("").to_string();
        let paras = |body: &str| -> Vec<String> {
            body.split('\n')
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect()
        };
        let (a, b) = (paras(old.2), paras(new.2));
        let mut s = ChangeSummary {
            title_changed: norm(old.0) != norm(new.0),
            dek_changed: norm(old.1) != norm(new.1),
            words_before: newsdesk_extract::count_words(old.2),
            words_after: newsdesk_extract::count_words(new.2),
            ..Default::default()
        };
        if a.len() > MAX_DIFF_PARAGRAPHS || b.len() > MAX_DIFF_PARAGRAPHS {
            let sa: std::collections::HashSet<&String> = a.iter().collect();
            let sb: std::collections::HashSet<&String> = b.iter().collect();
            s.paragraphs_removed = a.iter().filter(|p| !sb.contains(p)).count();
            s.paragraphs_added = b.iter().filter(|p| !sa.contains(p)).count();
            return s;
        }
        for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
            match op {
                DiffOp::Equal { .. } => {}
                DiffOp::Delete { old_len, .. } => s.paragraphs_removed += old_len,
                DiffOp::Insert { new_len, .. } => s.paragraphs_added += new_len,
                DiffOp::Replace {
                    old_len, new_len, ..
                } => {
                    let changed = old_len.min(new_len);
                    s.paragraphs_changed += changed;
                    s.paragraphs_removed += old_len - changed;
                    s.paragraphs_added += new_len - changed;
                }
            }
        }
        s
    }

    /// True when nothing visible changed.
    pub fn is_empty(&self) -> bool {
        !self.title_changed
            && !self.dek_changed
            && self.paragraphs_added == 0
            && self.paragraphs_removed == 0
            && self.paragraphs_changed == 0
    }
}

impl fmt::Display for ChangeSummary {
    /// "title changed; 2 paragraphs added, 1 changed (412 → 455 words)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.title_changed {
            parts.push("title changed".to_string());
        }
        if self.dek_changed {
            parts.push("dek changed".to_string());
        }
        let mut paras = Vec::new();
        let plural = |n: usize| if n == 1 { "paragraph" } else { "paragraphs" };
        for (n, what) in [
            (self.paragraphs_added, "added"),
            (self.paragraphs_removed, "removed"),
            (self.paragraphs_changed, "changed"),
        ] {
            if n > 0 {
                if paras.is_empty() {
                    paras.push(format!("{n} {} {what}", plural(n)));
                } else {
                    paras.push(format!("{n} {what}"));
                }
            }
        }
        if !paras.is_empty() {
            parts.push(paras.join(", "));
        }
        if parts.is_empty() {
            parts.push("only white space changed".to_string());
        }
        write!(
            f,
            "{} ({} → {} words)",
            parts.join("; "),
            self.words_before,
            self.words_after
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_added_removed_and_changed_paragraphs() {
        let old = "One.\nTwo.\nThree.\nFour.";
        let new = "One.\nTwo, revised.\nThree.\nFive.\nSix.";
        let s = ChangeSummary::between((Some("T"), None, old), (Some("T"), None, new));
        assert!(!s.title_changed);
        assert_eq!(s.paragraphs_changed, 2, "{s:?}");
        assert_eq!(s.paragraphs_added, 1, "{s:?}");
        assert_eq!(s.paragraphs_removed, 0, "{s:?}");
        assert_eq!(s.to_string(), "1 paragraph added, 2 changed (4 → 6 words)");
    }

    #[test]
    fn reports_title_change_and_pure_removal() {
        let s = ChangeSummary::between((Some("A"), None, "x\ny\nz"), (Some("B"), None, "x\nz"));
        assert!(s.title_changed);
        assert_eq!(
            (
                s.paragraphs_added,
                s.paragraphs_removed,
                s.paragraphs_changed
            ),
            (0, 1, 0)
        );
        assert!(s
            .to_string()
            .starts_with("title changed; 1 paragraph removed"));
    }
}
