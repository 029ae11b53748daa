//! Reported speech on cues from the learned model (crates/analyze/models/cues.tsv): verbs
//! of stance and intent outside the hand-written lexicon, and lexicon verbs that usually
//! frame quotation marks but also report speech.

use newsdesk_analyze::quotes::learned::CueModel;
use newsdesk_analyze::{analyze_text, AnalyzeOptions, QuoteKind};

fn indirect(text: &str) -> Vec<(String, String, String)> {
    analyze_text(text, &AnalyzeOptions::default())
        .quotes
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .map(|q| {
            let speaker = q
                .speaker
                .and_then(|s| s.mention)
                .map(|m| m.text)
                .unwrap_or_default();
            (speaker, q.cue.map(|c| c.text).unwrap_or_default(), q.text)
        })
        .collect()
}

#[test]
fn a_learned_cue_reports_the_rest_of_the_sentence() {
    let model = CueModel::shipped();
    assert!(model.is_cue("agreed") && model.is_cue("urged") && model.is_cue("refuses"));
    let got = indirect(
        "The harbour council agreed to reopen the northern pier before the summer season.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].0.ends_with("council"), "{got:?}");
    assert_eq!(got[0].1, "agreed");
    assert_eq!(
        got[0].2,
        "to reopen the northern pier before the summer season"
    );
    let got = indirect("Mayor Ines Varga urged residents to keep away from the damaged pier.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "urged");
    assert!(got[0].0.ends_with("Ines Varga"), "{got:?}");
    assert_eq!(got[0].2, "residents to keep away from the damaged pier");
    let got = indirect("The ferry company refuses to publish its safety inspections.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].0.ends_with("company"), "{got:?}");
}

#[test]
fn plain_narration_is_not_reported_speech() {
    for text in [
        "The ferry left the harbour at noon and the crew cleaned the deck.",
        "Harbour talks end without a deal",
        "Fishermen campaigned in the port town all week.",
        "Her statement about the pier came late on Friday.",
    ] {
        assert!(indirect(text).is_empty(), "{text}: {:?}", indirect(text));
    }
}

#[test]
fn a_speaker_phrase_keeps_its_head_across_prepositional_phrases() {
    for (text, speaker) in [
        (
            "The owner of a café on Mill Street said the ferry delays had cost her half of her customers.",
            "The owner",
        ),
        (
            "A spokesman for the harbour authority in Gdansk said the pier would reopen in May.",
            "A spokesman",
        ),
        (
            "Residents of the old town near the river told reporters they had not been warned.",
            "Residents",
        ),
        ("Police in Gdansk said the pier would stay closed.", "Police"),
    ] {
        let got = indirect(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].0, speaker, "{text}");
    }
}
