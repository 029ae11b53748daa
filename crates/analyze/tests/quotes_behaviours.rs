//! Single behaviours of quote attribution, one invented sentence or two each.

use newsdesk_analyze::{analyze_text, AnalyzeOptions, Quote, QuoteKind};

fn quotes(text: &str) -> Vec<Quote> {
    analyze_text(text, &AnalyzeOptions::default()).quotes
}

fn mention(q: &Quote) -> &str {
    &q.speaker.as_ref().unwrap().mention.as_ref().unwrap().text
}

fn find<'a>(qs: &'a [Quote], start: &str, kind: QuoteKind) -> &'a Quote {
    qs.iter()
        .find(|q| q.kind == kind && q.text.starts_with(start))
        .unwrap_or_else(|| panic!("no {kind:?} quote starting {start:?} in {qs:#?}"))
}

#[test]
fn headline_source_before_a_colon_reports_the_rest() {
    let qs = quotes("Okafor: Harbour Tolls Will Double Before the Winter.\nThe port opened late.");
    let q = find(&qs, "Harbour Tolls Will Double", QuoteKind::Indirect);
    assert_eq!(mention(q), "Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, ":");
    // Section labels, questions and later paragraphs are not sources.
    for text in [
        "The Latest: Ferry crews walk out on the northern routes.",
        "Breaking: Ferry crews walk out on the northern routes.",
        "Okafor: Will the harbour tolls double before the winter?",
        "The port opened late.\nOkafor: Harbour Tolls Will Double Before the Winter.",
    ] {
        assert!(quotes(text).is_empty(), "{text:?} gave {:#?}", quotes(text));
    }
}

#[test]
fn participle_after_a_direct_quote_takes_its_speaker() {
    let qs = quotes(
        "“We saw no sign of sabotage,” the harbour master said, adding that the inquiry would take “several more weeks” to finish.",
    );
    let q = find(&qs, "the inquiry would take", QuoteKind::Indirect);
    assert_eq!(mention(q), "the harbour master");
    assert_eq!(q.cue.as_ref().unwrap().text, "adding");
    let m = find(&qs, "several more weeks", QuoteKind::Mixed);
    assert_eq!(mention(m), "the harbour master");
}
