//! Quote attribution on an invented article that has every phenomenon the analyzer
//! must handle: a role-only speaker in the dek, mixed quotes, a title in quotation marks,
//! a misplaced closing mark, "he added", a misspelled surname, an unclosed continuation
//! paragraph, two-fragment quotes, organisations and groups, "according to".

use newsdesk_analyze::{
    analyze_article, analyze_text, AnalyzeOptions, Quote, QuoteKind, SpeakerKind, TextPart,
};
use newsdesk_extract::Article;

const BODY: &str = include_str!("fixtures/harbour_talks.txt");
const DEK: &str = "‘We will not sign a bad agreement’, says Port Authority chief negotiator";

fn article() -> Article {
    Article {
        source: "harbour_talks.txt".into(),
        title: Some("Harbour talks end without a deal".into()),
        dek: Some(DEK.into()),
        body: BODY.into(),
        ..Article::default()
    }
}

fn find<'a>(quotes: &'a [Quote], text_start: &str, kind: QuoteKind) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.kind == kind && q.text.starts_with(text_start))
        .unwrap_or_else(|| panic!("no {kind:?} quote starting {text_start:?} in {quotes:#?}"))
}

fn speaker_name(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().and_then(|s| s.name.as_deref())
}

fn mention(q: &Quote) -> &str {
    &q.speaker.as_ref().unwrap().mention.as_ref().unwrap().text
}

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

#[test]
fn dek_quote_resolves_a_role_to_the_person_named_in_the_body() {
    let a = analyze_article(&article(), &AnalyzeOptions::default());
    let q = a
        .analysis
        .quotes
        .iter()
        .find(|q| q.part == TextPart::Dek)
        .expect("dek quote");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.text, "We will not sign a bad agreement");
    assert_eq!(chars(DEK, q.start, q.end), q.text);
    assert_eq!(q.cue.as_ref().unwrap().text, "says");
    assert_eq!(q.cue.as_ref().unwrap().part, TextPart::Dek);
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(
        s.mention.as_ref().unwrap().text,
        "Port Authority chief negotiator"
    );
    assert_eq!(s.mention.as_ref().unwrap().part, TextPart::Dek);
    assert_eq!(s.name.as_deref(), Some("Marta Kowalczyk"));
    assert_eq!(s.role.as_deref(), Some("Port Authority Chief Negotiator"));
    // Dek quotes come first.
    assert_eq!(a.analysis.quotes[0].part, TextPart::Dek);
}

#[test]
fn direct_mixed_and_reported_speech_with_resolved_speakers() {
    let quotes = analyze_text(BODY, &AnalyzeOptions::default()).quotes;
    for q in &quotes {
        // Offsets are chars of the body and fragments lie inside [start, end).
        assert_eq!(q.part, TextPart::Body);
        assert!(q
            .fragments
            .iter()
            .all(|f| q.start <= f.start && f.end <= q.end));
        if q.fragments.len() == 1 {
            assert_eq!(chars(BODY, q.start, q.end), q.text);
        }
    }
    // Mixed quotes inside reported speech carry its cue and speaker.
    let m = find(
        &quotes,
        "no real plan for the night shifts",
        QuoteKind::Mixed,
    );
    assert_eq!(speaker_name(m), Some("Marta Kowalczyk"));
    assert_eq!(m.cue.as_ref().unwrap().text, "said");
    assert_eq!(
        mention(m),
        "Port Authority Chief Negotiator Marta Kowalczyk"
    );
    let m = find(&quotes, "any quick fix", QuoteKind::Mixed);
    assert_eq!(speaker_name(m), Some("Marta Kowalczyk"));
    let ind = find(&quotes, "the union had “no real plan", QuoteKind::Indirect);
    assert_eq!(speaker_name(ind), Some("Marta Kowalczyk"));

    // "told “Harbour Evening News”": the title is no quote.
    assert!(!quotes
        .iter()
        .any(|q| q.text.contains("Harbour Evening News") && q.kind != QuoteKind::Indirect));
    let d = find(
        &quotes,
        "We will not sign a bad agreement,",
        QuoteKind::Direct,
    );
    assert_eq!(d.cue.as_ref().unwrap().text, "told");
    assert_eq!(speaker_name(d), Some("Marta Kowalczyk"));
    assert_eq!(
        d.speaker.as_ref().unwrap().role.as_deref(),
        Some("Port Authority Chief Negotiator")
    );
    assert_eq!(d.speaker.as_ref().unwrap().kind, SpeakerKind::Person);

    // A closing mark misplaced after a space still closes; the relative clause is skipped.
    let d = find(&quotes, "We are only at the start", QuoteKind::Direct);
    assert!(d.text.ends_with("where this ends yet."), "{}", d.text);
    assert_eq!(speaker_name(d), Some("Tomasz Brandt"));
    assert_eq!(mention(d), "union leader Tomasz Brandt");

    let m = find(&quotes, "long, tense and at times", QuoteKind::Mixed);
    assert_eq!(mention(m), "Ms Kowalczyk");
    assert_eq!(speaker_name(m), Some("Marta Kowalczyk"));
    assert_eq!(m.cue.as_ref().unwrap().text, "described");

    // "But, she added, “…”": a pronoun resolved to the previous speaker.
    let d = find(
        &quotes,
        "the central questions are still open",
        QuoteKind::Direct,
    );
    assert_eq!(mention(d), "she");
    assert_eq!(d.cue.as_ref().unwrap().text, "added");
    assert_eq!(speaker_name(d), Some("Marta Kowalczyk"));

    // A misspelled surname resolves to the person.
    let d = find(&quotes, "We will never accept", QuoteKind::Direct);
    assert_eq!(mention(d), "Mr. Brant");
    assert_eq!(speaker_name(d), Some("Tomasz Brandt"));

    // A paragraph opened by a quote that is never closed continues the previous speaker.
    let d = find(&quotes, "The ships will keep coming.", QuoteKind::Direct);
    assert!(d.text.ends_with("how long the city can wait."));
    assert_eq!(speaker_name(d), Some("Tomasz Brandt"));
    assert!(d.cue.is_none());

    // "“A,” she said. “B.”": one quote, two fragments.
    let d = find(
        &quotes,
        "Every day of delay costs money,",
        QuoteKind::Direct,
    );
    assert_eq!(d.fragments.len(), 2, "{d:#?}");
    assert_eq!(
        d.text,
        "Every day of delay costs money, The shipping lines have long memories."
    );
    assert_eq!(speaker_name(d), Some("Lena Ossowska"));
    assert_eq!(mention(d), "she");

    // Indirect quotes: "X said that…", groups, organisations, "according to", "…, X said."
    let i = find(&quotes, "the dispute had already cost", QuoteKind::Indirect);
    assert_eq!(speaker_name(i), Some("Lena Ossowska"));
    assert_eq!(
        i.speaker.as_ref().unwrap().role.as_deref(),
        Some("Harbour economist")
    );
    let i = find(
        &quotes,
        "the strike will end within a week",
        QuoteKind::Indirect,
    );
    assert_eq!(i.speaker.as_ref().unwrap().kind, SpeakerKind::Group);
    assert_eq!(mention(i), "many city officials");
    let i = find(&quotes, "it wants written guarantees", QuoteKind::Indirect);
    assert_eq!(mention(i), "the union");
    let i = find(
        &quotes,
        "traffic fell by a third in March",
        QuoteKind::Indirect,
    );
    assert_eq!(i.cue.as_ref().unwrap().text, "According to");
    assert_eq!(mention(i), "the port authority");
    let i = find(
        &quotes,
        "Traffic will recover only slowly",
        QuoteKind::Indirect,
    );
    assert_eq!(speaker_name(i), Some("Lena Ossowska"));
    assert_eq!(mention(i), "Ms Ossowska");
}

#[test]
fn no_quote_without_quotation_or_reporting() {
    let body = "The ships waited in the bay.\nCranes stood still all week and nobody moved.";
    assert!(analyze_text(body, &AnalyzeOptions::default())
        .quotes
        .is_empty());
    // A quoted section head with no speaker anywhere is not a quote; a label that is not
    // a speaker ("CORRECTION:") neither.
    let body = "‘A long night on the quay.’\nCORRECTION: An earlier version misspelled the name of the harbour.";
    assert!(analyze_text(body, &AnalyzeOptions::default())
        .quotes
        .is_empty());
    // A transcript line opened by a speaker label is.
    let body = "KOWALCZYK: We will not sign a bad agreement tonight.";
    let q = analyze_text(body, &AnalyzeOptions::default()).quotes;
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "We will not sign a bad agreement tonight");
    assert_eq!(mention(&q[0]), "KOWALCZYK");
}
