//! The article-body metric of `../shared/bench/extraction/score.py`, reimplemented so
//! that `newsdesk bench extraction` prints the same figures without Python.
//!
//! Per document: tokens are maximal runs of word characters (Python's Unicode `\w`:
//! letters, digits, underscore), shingles the multiset of 4-grams (a text of 1–3
//! tokens is one shingle); tp/fp/fn are normalised by their sum. Corpus precision
//! and recall are means over documents (empty predictions are left out of
//! precision), F1 is computed from those means, accuracy is the share of documents
//! whose token sequence equals the truth's.

use std::collections::HashMap;

/// Word tokens as Python's `re.findall(r'\w+', text)` finds them.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a, 'b>(toks: &'b [&'a str]) -> HashMap<&'b [&'a str], i64> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        *m.entry(toks).or_insert(0) += 1;
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// Normalised (tp, fp, fn) of one document.
pub fn tp_fp_fn(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (tt, pt) = (tokens(truth), tokens(pred));
    let (t, p) = (shingles(&tt), shingles(&pt));
    let mut tp = 0i64;
    let mut fp = 0i64;
    for (k, &c) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        tp += c.min(tc);
        fp += (c - tc).max(0);
    }
    let fneg: i64 = t
        .iter()
        .map(|(k, &c)| (c - p.get(k).copied().unwrap_or(0)).max(0))
        .sum();
    let s = (tp + fp + fneg) as f64;
    if s == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (tp as f64 / s, fp as f64 / s, fneg as f64 / s)
    }
}

fn prec((tp, fp, fnn): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fnn == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn rec((tp, fp, fnn): (f64, f64, f64)) -> f64 {
    if fp == 0.0 && fnn == 0.0 {
        1.0
    } else if tp == 0.0 && fnn == 0.0 {
        0.0
    } else {
        tp / (tp + fnn)
    }
}

/// Per-document figures.
#[derive(Debug, Clone)]
pub struct DocScore {
    /// Precision of this document.
    pub precision: f64,
    /// Recall of this document.
    pub recall: f64,
    /// Token sequences equal.
    pub exact: bool,
    /// Normalised triple, kept for corpus averaging.
    triple: (f64, f64, f64),
}

/// Score one document.
pub fn score_doc(truth: &str, pred: &str) -> DocScore {
    let triple = tp_fp_fn(truth, pred);
    DocScore {
        precision: prec(triple),
        recall: rec(triple),
        exact: tokens(truth) == tokens(pred),
        triple,
    }
}

/// Corpus figures: (precision, recall, F1, accuracy, empty predictions).
pub fn corpus(docs: &[DocScore]) -> (f64, f64, f64, f64, usize) {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let p = mean(
        docs.iter()
            .filter(|d| d.triple.0 + d.triple.1 > 0.0)
            .map(|d| d.precision)
            .collect(),
    );
    let r = mean(
        docs.iter()
            .filter(|d| d.triple.0 + d.triple.2 > 0.0)
            .map(|d| d.recall)
            .collect(),
    );
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let acc = docs.iter().filter(|d| d.exact).count() as f64 / docs.len().max(1) as f64;
    let empty = docs
        .iter()
        .filter(|d| d.triple.0 + d.triple.1 == 0.0)
        .count();
    (p, r, f1, acc, empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_python_word_runs() {
        assert_eq!(
            tokens("U.S. talks, 8-hour_meeting — Zürich"),
            vec!["U", "S", "talks", "8", "hour_meeting", "Zürich"]
        );
    }

    #[test]
    fn identical_texts_score_one_and_disjoint_zero() {
        let d = score_doc("one two three four five", "one two three four five");
        assert_eq!((d.precision, d.recall, d.exact), (1.0, 1.0, true));
        let d = score_doc("one two three four five", "six seven eight nine ten");
        assert_eq!((d.precision, d.recall), (0.0, 0.0));
    }

    #[test]
    fn extra_text_lowers_precision_only() {
        let d = score_doc("a b c d e", "a b c d e f g h");
        assert!(d.precision < 1.0 && d.recall == 1.0);
        let empty = score_doc("a b c d e", "");
        let (p, r, _, _, n_empty) = corpus(&[d.clone(), empty]);
        assert_eq!(n_empty, 1);
        assert_eq!(p, d.precision); // empty prediction is not in precision
        assert_eq!(r, 0.5);
    }
}
