//! Events on the invented article (tests/fixtures/entities/fisheries_talks.txt) and on
//! short texts: merging of repeated mentions, place, participants, and weekday dates
//! resolved by tense against the publication date.

use newsdesk_analyze::entities::find_entities;
use newsdesk_analyze::events::find_events;
use newsdesk_analyze::Event;

const ARTICLE: &str = include_str!("fixtures/entities/fisheries_talks.txt");
/// A Saturday.
const PUBLISHED: &str = "2030-03-16";

fn events(text: &str, published: Option<&str>) -> Vec<Event> {
    find_events(text, &find_entities(text), published)
}

/// (what, where, date, participants) of an event.
type Summary<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Vec<&'a str>);

fn date(e: &Event) -> Option<&str> {
    e.when.as_ref()?.date.as_deref()
}

#[test]
fn article_events_are_merged_and_complete() {
    let ev = events(ARTICLE, Some(PUBLISHED));
    let summary: Vec<Summary> = ev
        .iter()
        .map(|e| {
            (
                e.what.as_str(),
                e.place.as_deref(),
                date(e),
                e.participants.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "talks",
                Some("Oslo"),
                Some("2030-03-15"),
                vec!["Laura Pennington", "Marta Kowalczyk"]
            ),
            (
                "meeting of the Nordic Fisheries Council",
                Some("Copenhagen"),
                Some("2030-03-18"),
                vec!["Laura Pennington", "Marta Kowalczyk"]
            ),
            (
                "meeting",
                None,
                Some("2030-03-15"),
                vec!["Paolo Ferri", "Ingrid Dahl"]
            ),
            (
                "discussions at the World Trade Organization",
                Some("Geneva"),
                Some("2030-03-19"),
                vec![]
            ),
        ]
    );
    let whens: Vec<&str> = ev
        .iter()
        .filter_map(|e| Some(e.when.as_ref()?.text.as_str()))
        .collect();
    assert_eq!(whens, ["Friday", "on Monday", "Friday", "On Tuesday"]);
}

#[test]
fn without_publication_date_weekdays_stay_unresolved() {
    let ev = events(ARTICLE, None);
    assert_eq!(ev.len(), 4);
    assert!(ev.iter().all(|e| date(e).is_none()));
    assert_eq!(ev[0].when.as_ref().map(|w| w.text.as_str()), Some("Friday"));
}

#[test]
fn tense_picks_previous_or_next_weekday() {
    // 2030-03-20 is a Wednesday.
    let p = Some("2030-03-20");
    let past = events("The ministers met at a summit in Rome on Friday.", p);
    assert_eq!(date(&past[0]), Some("2030-03-15"));
    let future = events("The ministers will meet at a summit in Rome on Friday.", p);
    assert_eq!(date(&future[0]), Some("2030-03-22"));
    let last = events("The ministers held talks in Rome last Wednesday.", p);
    assert_eq!(date(&last[0]), Some("2030-03-13"));
    let next = events("A conference in Rome is scheduled for next Wednesday.", p);
    assert_eq!(date(&next[0]), Some("2030-03-27"));
    let cal = events("The summit in Rome on March 2 ended early.", p);
    assert_eq!(date(&cal[0]), Some("2030-03-02"));
    let rel = events("Talks in Rome yesterday ended early.", p);
    assert_eq!(date(&rel[0]), Some("2030-03-19"));
}

#[test]
fn unanchored_and_press_events_are_not_events() {
    let text = "Officials want further talks. The minister held a news conference. \
                No one walked out of talks.";
    assert!(events(text, Some("2030-03-20")).is_empty());
}

#[test]
fn back_reference_adds_participants_but_not_commentators() {
    let text = "Talks will be held in Rome on Friday. Jane Holloway and Peter Marsh will \
                attend the talks. Spokesman Tim Rudd, referring to the talks, said little.";
    let ev = events(text, Some("2030-03-20"));
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].participants, ["Jane Holloway", "Peter Marsh"]);
}

#[test]
fn meeting_verbs_with_a_named_partner() {
    let text = "Premier Alan Moss met Governor Rita Vance in Denver on Tuesday. \
                The two leaders met expectations, aides said.";
    let ev = events(text, Some("2030-03-20"));
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].what, "meeting");
    assert_eq!(ev[0].place.as_deref(), Some("Denver"));
    assert_eq!(date(&ev[0]), Some("2030-03-19"));
    assert_eq!(ev[0].participants, ["Alan Moss", "Rita Vance"]);
}
