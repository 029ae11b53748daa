//! Hostile and odd input: unbalanced and nested quotation marks, huge bodies, no sentence
//! punctuation, non-Latin scripts. The analyzer must return valid offsets, never panic,
//! and take time linear in the input size.

use newsdesk_analyze::{analyze_text, Analysis, AnalyzeOptions};
use std::time::Instant;

const BODY: &str = include_str!("fixtures/harbour_talks.txt");

fn check_offsets(body: &str, a: &Analysis) {
    let n = body.chars().count();
    for q in &a.quotes {
        assert!(
            q.start <= q.end && q.end <= n,
            "quote offsets out of range: {q:?}"
        );
        assert!(!q.fragments.is_empty());
        for f in &q.fragments {
            assert!(
                q.start <= f.start && f.start < f.end && f.end <= q.end,
                "{q:?}"
            );
        }
        for m in q
            .cue
            .iter()
            .chain(q.speaker.iter().filter_map(|s| s.mention.as_ref()))
        {
            assert!(
                m.start < m.end && m.end <= n,
                "mention offsets out of range: {m:?}"
            );
        }
    }
}

/// A small deterministic generator (xorshift), so the test needs no extra crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_marks_and_words_never_panic() {
    let pieces = [
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "«",
        "»",
        "„",
        "''",
        "``",
        " ",
        " ",
        " ",
        "\n",
        ",",
        ".",
        ":",
        "—",
        "(",
        ")",
        "said",
        "he",
        "Mr.",
        "Smith",
        "told",
        "according",
        "to",
        "that",
        "officials",
        "Anna Berg",
        "says",
        "the",
        "ягода",
        "說",
        "🙂",
        "\u{0301}",
        "\u{a0}",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let len = (rng.next() % 60) as usize;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
            if rng.next() & 3 == 0 {
                s.push(' ');
            }
        }
        let a = analyze_text(&s, &AnalyzeOptions::default());
        check_offsets(&s, &a);
    }
}

#[test]
fn unbalanced_and_nested_marks() {
    let cases = [
        "“Open and never closed, he said.",
        "He said ”closed first“ then.",
        "“Outer ‘inner “deep” inner’ outer,” she said.",
        "“““”””",
        "‘‘‘ ’’’ ' ' ' \" \" \"",
        "« Nous ne signerons pas », a déclaré la négociatrice.",
        "„Wir unterschreiben nicht“, sagte die Verhandlungsführerin.",
    ];
    for body in cases {
        let a = analyze_text(body, &AnalyzeOptions::default());
        check_offsets(body, &a);
    }
    let a = analyze_text(cases[2], &AnalyzeOptions::default());
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].text, "Outer ‘inner “deep” inner’ outer,");
}

#[test]
fn non_english_and_no_punctuation() {
    let ru = "«Мы не подпишем плохое соглашение», — сказала Марта Ковальчик.\nПереговоры продолжатся в среду.";
    check_offsets(ru, &analyze_text(ru, &AnalyzeOptions::default()));
    let zh = "她说：“我们不会签署一个糟糕的协议。”谈判将在周三继续。";
    check_offsets(zh, &analyze_text(zh, &AnalyzeOptions::default()));
    let flat = "officials said the talks would go on and he said that nobody knew ".repeat(2000);
    let a = analyze_text(&flat, &AnalyzeOptions::default());
    check_offsets(&flat, &a);
    assert!(!a.quotes.is_empty());
}

/// Best of three wall-clock runs, so a burst of load on a shared machine (other tests
/// run in parallel) does not pass for superlinear time.
fn time_of(body: &str) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let a = analyze_text(body, &AnalyzeOptions::default());
            std::hint::black_box(&a);
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn time_is_linear_in_size() {
    // Ordinary text, one long paragraph without punctuation, and a wall of marks.
    let make = |unit: &str, bytes: usize| unit.repeat(bytes / unit.len() + 1);
    for unit in [
        BODY,
        "he said they told officials that Mr Smith says according to the union ",
        "“ ” ‘ ’ \" ' « » said, ",
    ] {
        let small = make(unit, 200_000);
        let large = make(unit, 2_000_000);
        let (ts, tl) = (time_of(&small).max(1e-3), time_of(&large));
        assert!(
            tl < ts * 30.0,
            "10x input took {:.1}x the time ({ts:.3}s → {tl:.3}s)",
            tl / ts
        );
    }
}

#[test]
fn ten_megabyte_body() {
    let big = BODY.repeat(10_000_000 / BODY.len() + 1);
    let a = analyze_text(&big, &AnalyzeOptions::default());
    check_offsets(&big, &a);
    assert!(a.quotes.len() > 10_000);
    // The same paragraphs give the same quotes wherever they are.
    let one = analyze_text(BODY, &AnalyzeOptions::default()).quotes.len();
    assert!(a.quotes.len() >= one * (big.len() / BODY.len()) / 2);
}

#[test]
fn max_chars_bounds_the_work() {
    let big = BODY.repeat(50);
    let opts = AnalyzeOptions {
        max_chars: 1000,
        ..AnalyzeOptions::default()
    };
    let a = analyze_text(&big, &opts);
    assert!(a.quotes.iter().all(|q| q.end <= 1000));
}
