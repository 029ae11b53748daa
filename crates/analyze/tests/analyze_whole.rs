//! The whole analysis of one article: quotes, people, organisations, places and events
//! together, with every resolved speaker being a person of the people list.

use newsdesk_analyze::{analyze_text, AnalyzeOptions, SpeakerKind};

const BODY: &str = "Ferry crews on the western islands will strike on Friday, the union said on Tuesday.\n\
“We have waited two years for a fair offer,” said the union's regional secretary, Marta Quigley. “Our members are out of patience.”\n\
Harbour director Tomas Brandt said the company would hold talks with union leaders in Glasgow on Thursday.\n\
“The door is open,” he said.";

fn options() -> AnalyzeOptions {
    AnalyzeOptions {
        published: Some("2024-03-05".into()),
        ..AnalyzeOptions::default()
    }
}

#[test]
fn a_role_speaker_resolves_to_the_person_named_in_its_appositive() {
    let a = analyze_text(BODY, &options());
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.starts_with("We have waited"))
        .expect("direct quote found");
    let s = q.speaker.as_ref().expect("speaker");
    assert_eq!(s.name.as_deref(), Some("Marta Quigley"));
    assert_eq!(
        q.fragments.len(),
        2,
        "interrupted by its cue: two fragments"
    );
    let marta = a
        .people
        .iter()
        .find(|p| p.name == "Marta Quigley")
        .expect("person listed");
    assert!(
        marta.roles.iter().any(|r| r.contains("regional secretary")),
        "{:?}",
        marta.roles
    );
}

#[test]
fn every_person_speaker_is_a_listed_person_and_events_get_dates() {
    let a = analyze_text(BODY, &options());
    let he = a
        .quotes
        .iter()
        .find(|q| q.text.starts_with("The door is open"))
        .expect("pronoun quote");
    assert_eq!(
        he.speaker.as_ref().and_then(|s| s.name.as_deref()),
        Some("Tomas Brandt")
    );
    for q in &a.quotes {
        if let Some(s) = q.speaker.as_ref().filter(|s| s.kind == SpeakerKind::Person) {
            if let Some(name) = &s.name {
                assert!(
                    a.people.iter().any(|p| &p.name == name),
                    "speaker {name} not in people"
                );
            }
        }
    }
    assert!(
        a.places.iter().any(|p| p.name == "Glasgow"),
        "{:?}",
        a.places
    );
    let meeting = a
        .events
        .iter()
        .find(|e| e.place.as_deref() == Some("Glasgow"))
        .expect("talks in Glasgow");
    // Published Tuesday 2024-03-05; "would hold talks … on Thursday" is ahead: 2024-03-07.
    assert_eq!(
        meeting.when.as_ref().and_then(|w| w.date.as_deref()),
        Some("2024-03-07")
    );
}

#[test]
fn a_speaker_named_only_in_an_attribution_joins_the_people_list() {
    let body =
        "Repairs on the pier ended last week, harbour engineer Eilidh Strachan said on Monday.\n\
                “We had a window of calm weather,” she said.";
    let a = analyze_text(body, &AnalyzeOptions::default());
    let names: Vec<&str> = a
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref()?.name.as_deref())
        .collect();
    assert!(names.contains(&"Eilidh Strachan"), "{names:?}");
    for name in names {
        assert!(
            a.people.iter().any(|p| p.name == name),
            "speaker {name} not in people: {:?}",
            a.people
        );
    }
}
