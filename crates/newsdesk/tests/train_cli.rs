//! `newsdesk train quotes`: the cue model, the tagger and the quote scorer are trained from a small
//! annotated corpus written here, deterministically, and the cross-validation prints
//! its table.

use std::process::Command;

/// One annotated document: text and (content, speaker, cue) substrings of it.
fn doc(id: usize, text: &str, quotes: &[(&str, &str, &str)]) -> String {
    let at = |s: &str| {
        let b = text
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} not in {text:?}"));
        let c0 = text[..b].chars().count();
        (c0, c0 + s.chars().count())
    };
    let qs: Vec<serde_json::Value> = quotes
        .iter()
        .map(|(content, speaker, cue)| {
            let (qs, qe) = at(content);
            let (ss, se) = at(speaker);
            let (cs, ce) = at(cue);
            serde_json::json!({"quote_start": qs, "quote_end": qe, "speaker_start": ss,
                "speaker_end": se, "speaker_text": speaker, "cue": cue, "cue_start": cs,
                "cue_end": ce, "kind": "indirect"})
        })
        .collect();
    serde_json::json!({"doc_id": format!("d{id}"), "text": text, "quotes": qs}).to_string()
}

fn corpus() -> String {
    let mut lines = Vec::new();
    let people = ["Okafor", "Varga", "Lindqvist", "Moreau", "Tanaka", "Kovacs"];
    for (i, who) in people.iter().enumerate() {
        let text = format!(
            "{who} said the ferry tolls would double in spring. The harbour board warned that two berths would close.\nThe skipper fired every question back at the inspectors. {who} urged calm on the quay."
        );
        lines.push(doc(
            i,
            &text,
            &[
                ("the ferry tolls would double in spring", who, "said"),
                ("two berths would close", "The harbour board", "warned"),
                ("calm on the quay", who, "urged"),
            ],
        ));
    }
    lines.join("\n") + "\n"
}

#[test]
fn train_quotes_writes_both_models_byte_for_byte_and_cross_validates() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_path = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus_path, corpus()).unwrap();
    let run = |n: usize| {
        let cues = dir.path().join(format!("cues{n}.tsv"));
        let scorer = dir.path().join(format!("scorer{n}.tsv"));
        let tagger = dir.path().join(format!("tagger{n}.tsv"));
        let out = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
            .args(["train", "quotes"])
            .arg(&corpus_path)
            .arg("--out")
            .arg(&cues)
            .arg("--scorer-out")
            .arg(&scorer)
            .arg("--tagger-out")
            .arg(&tagger)
            .args(["--folds", "2"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            std::fs::read_to_string(cues).unwrap(),
            std::fs::read_to_string(scorer).unwrap(),
            std::fs::read_to_string(tagger).unwrap(),
        )
    };
    let (stdout, cues, scorer, tagger) = run(1);
    assert!(stdout.contains("2-fold cross-validation"), "{stdout}");
    let rows: Vec<&str> = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("threshold 0."))
        .collect();
    assert_eq!(rows.len(), 9, "{stdout}");
    // each threshold gives the benchmark's three figures
    assert!(
        rows.iter().all(|r| r.contains("overlap P")
            && r.contains("end-to-end P")
            && r.contains("speaker ")),
        "{stdout}"
    );
    // "urged" headed a cue six times out of six: kept by the cue model
    assert!(cues.contains("urged\t6\t6\n"), "{cues}");
    assert!(scorer.starts_with("# newsdesk quote scorer"), "{scorer}");
    assert!(scorer.lines().any(|l| l.starts_with("bias\t")), "{scorer}");
    assert!(scorer.lines().count() > 3, "{scorer}");
    let parsed = newsdesk_analyze::quotes::scorer::Scorer::from_tsv(&scorer).unwrap();
    assert!(!parsed.is_empty());
    // the tagger learned where cues, sources and contents lie
    use newsdesk_analyze::quotes::tagger::{runs, Part, Tagger};
    let tagger_model = Tagger::from_tsv(&tagger).unwrap();
    assert!(!tagger_model.is_empty(), "{tagger}");
    let p = newsdesk_analyze::quotes::tokens::tokenize("Okafor urged calm on the quay.", 0);
    let parts: Vec<(Part, usize, usize)> = runs(&tagger_model.tag(&p))
        .into_iter()
        .map(|r| (r.part, r.a, r.b))
        .collect();
    // (too few sources in six documents for their features to reach the count kept)
    assert!(parts.contains(&(Part::Cue, 1, 2)), "{parts:?}");
    assert!(parts.contains(&(Part::Content, 2, 6)), "{parts:?}");
    // deterministic: the same corpus gives the same bytes
    let (_, cues2, scorer2, tagger2) = run(2);
    assert_eq!(cues, cues2);
    assert_eq!(scorer, scorer2);
    assert_eq!(tagger, tagger2);
}
