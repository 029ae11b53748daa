//! Copy detection on invented articles: a syndicated copy, a light edit and a spun
//! rewrite must be found; another article on the same kind of event must not.

use newsdesk_relate::{CopyConfig, CopyDetector, Day};

const ORIGINAL: &str = "Fire destroys grain depot on Marlow Road
A fire destroyed a grain depot on Marlow Road in Eastbrook on Tuesday night, and the smoke could be seen from the motorway for more than an hour.
Firefighters were called to the site at about 9 p.m. after a passing driver saw flames coming from the roof of the main shed.
Six crews and two ladder trucks fought the blaze until the early hours of Wednesday, the county fire service said.
Nobody was hurt, but the owner, Dalia Fenwick, said that almost 400 tonnes of barley had been lost in the fire.
\"We had just finished bringing in the harvest, and now it is all gone,\" she said as she stood at the gate.
Investigators were still trying to work out how the fire started, and they said it was too early to rule anything out.
A spokesman for the fire service asked people who live near the depot to keep their windows closed while the ash settles.
The depot, which employs 23 people, was built in 1962 and had been extended twice since then.
Eastbrook council said that it would help the workers who might lose their jobs while the sheds are rebuilt.";

fn syndicated() -> String {
    format!(
        "UPDATE: Fire destroys grain depot on Marlow Road\nBy Staff Reports\n\n{}\n\nCopyright 2024 The Valley Courier. All rights reserved. Share this story.",
        ORIGINAL.split_once('\n').unwrap().1
    )
}

/// One sentence cut, one reworded, one added.
fn light_edit() -> String {
    ORIGINAL
        .replace(
            "A spokesman for the fire service asked people who live near the depot to keep their windows closed while the ash settles.\n",
            "",
        )
        .replace("Six crews and two ladder trucks", "Six crews with two ladder trucks")
        .replace(
            "Eastbrook council said",
            "The road was closed for most of Wednesday morning.\nEastbrook council said",
        )
}

/// Content words swapped for synonyms, word by word, as spinning tools do.
fn spun() -> String {
    let swaps = [
        ("destroyed", "wrecked"),
        ("grain", "cereal"),
        ("night", "evening"),
        ("smoke", "fume"),
        ("seen", "spotted"),
        ("called", "summoned"),
        ("passing", "moving"),
        ("driver", "motorist"),
        ("flames", "blazes"),
        ("roof", "top"),
        ("crews", "teams"),
        ("fought", "battled"),
        ("early hours", "small hours"),
        ("hurt", "injured"),
        ("lost", "misplaced"),
        ("finished", "completed"),
        ("gone", "departed"),
        ("Investigators", "Detectives"),
        ("work out", "figure out"),
        ("rule anything out", "exclude anything"),
        ("spokesman", "representative"),
        ("windows", "casements"),
        ("settles", "resolves"),
        ("employs", "utilizes"),
        ("built", "constructed"),
        ("extended", "expanded"),
        ("workers", "labourers"),
        ("rebuilt", "reconstructed"),
    ];
    let mut s = ORIGINAL.to_string();
    for (a, b) in swaps {
        s = s.replace(a, b);
    }
    s
}

/// Same kind of event, same town, different depot, people, numbers and wording.
const OTHER_FIRE: &str = "Blaze guts timber yard in Eastbrook
A blaze gutted the Hollins timber yard on Quarry Lane in Eastbrook early on Saturday, the second large fire in the town this month.
Neighbours raised the alarm shortly before 4 a.m., when they heard what sounded like gas cylinders exploding.
Four engines attended and the crews kept the flames away from the houses that back onto the yard.
The owner, Bram Hollins, told reporters that the business had been in his family for three generations.
Police have not said whether they are linking the two fires, but officers were seen taking statements on Quarry Lane.
One firefighter was treated in hospital for a minor burn to his hand and has since gone home.
The yard's 11 staff were told to stay at home until the site has been made safe by structural engineers.";

fn day(s: &str) -> Option<Day> {
    Day::parse(s)
}

#[test]
fn finds_syndicated_light_edit_and_spun_copies() {
    let mut d = CopyDetector::new(CopyConfig::default()).unwrap();
    let first = d.add(1, ORIGINAL, day("2024-09-03"));
    assert_eq!(first.group, 1);
    assert!(first.matched.is_none());
    for (id, text) in [(2, syndicated()), (3, light_edit()), (4, spun())] {
        let out = d.add(id, &text, day("2024-09-04"));
        assert_eq!(out.group, 1, "article {id} should be a copy of 1: {out:?}");
        assert_eq!(out.original, 1);
        assert!(out.matched.is_some());
    }
}

#[test]
fn same_type_event_is_not_a_copy() {
    let mut d = CopyDetector::new(CopyConfig::default()).unwrap();
    d.add(1, ORIGINAL, day("2024-09-03"));
    let out = d.add(2, OTHER_FIRE, day("2024-09-21"));
    assert_eq!(out.group, 2, "{out:?}");
    assert!(out.matched.is_none());
}

#[test]
fn spun_copy_scores_high_containment_and_other_event_low() {
    let config = CopyConfig::default();
    let d = CopyDetector::new(config.clone()).unwrap();
    let a = d.fingerprint(ORIGINAL);
    let spun = d.fingerprint(&spun());
    let other = d.fingerprint(OTHER_FIRE);
    assert!(a.containment(&spun) >= config.containment_threshold);
    assert!(a.containment(&other) < 0.3, "{}", a.containment(&other));
}

#[test]
fn earlier_dated_copy_becomes_the_original() {
    let mut d = CopyDetector::new(CopyConfig::default()).unwrap();
    d.add(10, &syndicated(), day("2024-09-05"));
    let out = d.add(11, ORIGINAL, day("2024-09-03"));
    assert_eq!(out.group, 10);
    assert_eq!(out.original, 11);
}

#[test]
fn old_articles_leave_the_window() {
    let config = CopyConfig {
        window_days: Some(10),
        max_articles: 8,
        ..CopyConfig::default()
    };
    let mut d = CopyDetector::new(config).unwrap();
    d.add(1, ORIGINAL, day("2024-01-01"));
    // Unrelated filler articles, one per day, push the first out of the window.
    for k in 0..40u64 {
        let filler = format!(
            "Filler number {k} of the day: the market opened at {k} and closed at {} with {} trades, \
             and it was said that the weather was fine for most of the {k} hours.",
            k * 3,
            k * 7
        );
        d.add(
            100 + k,
            &filler,
            Day::parse("2024-01-02").map(|x| Day(x.0 + k as i32)),
        );
    }
    assert!(d.len() <= 8 + 8, "kept {}", d.len());
    let out = d.add(2, &syndicated(), day("2024-02-20"));
    assert_eq!(out.group, 2, "the original should have been evicted");
}

#[test]
fn state_round_trips_through_serde() {
    let mut d = CopyDetector::new(CopyConfig::default()).unwrap();
    d.add(1, ORIGINAL, None);
    let json = serde_json::to_string(&d).unwrap();
    let mut back: CopyDetector = serde_json::from_str(&json).unwrap();
    assert_eq!(back.add(2, &spun(), None).group, 1);
}

#[test]
fn hostile_inputs_do_not_panic() {
    let mut d = CopyDetector::new(CopyConfig::default()).unwrap();
    for (i, t) in [
        "",
        " ",
        "\u{0}\u{ffff}",
        "a",
        &"x ".repeat(200_000),
        &"é-'".repeat(5000),
    ]
    .iter()
    .enumerate()
    {
        let out = d.add(i as u64, t, None);
        assert!(out.matched.is_none() || i > 0);
    }
    assert!(CopyDetector::new(CopyConfig {
        containment_threshold: 0.0,
        ..CopyConfig::default()
    })
    .is_err());
}

#[test]
fn copies_are_found_in_sealed_generations() {
    // Generations rotate every quarter window (22 days by default); the first one is
    // sealed (compacted) long before the copy arrives on day 60.
    let mut d = CopyDetector::new(CopyConfig::default()).unwrap();
    let start = Day::parse("2024-01-01").unwrap();
    d.add(1, ORIGINAL, Some(start));
    for k in 0..60u64 {
        let filler = format!(
            "Market note {k}: shares in the {k} largest firms rose by {} points, and \
             traders said that they expected the rally to last until the end of the week.",
            k * 2
        );
        d.add(100 + k, &filler, Some(Day(start.0 + k as i32)));
    }
    let out = d.add(2, &spun(), Some(Day(start.0 + 60)));
    assert_eq!(out.group, 1, "{out:?}");
}

#[test]
fn a_widely_syndicated_story_takes_one_index_entry() {
    let mut d = CopyDetector::new(CopyConfig::default()).unwrap();
    d.add(1, ORIGINAL, day("2024-09-03"));
    for id in 2..200 {
        let out = d.add(id, &syndicated(), day("2024-09-04"));
        assert_eq!(out.group, 1);
    }
    assert_eq!(d.len(), 1);
    // A spun rewrite has the original's skeleton: nothing new to keep either.
    assert_eq!(d.add(500, &spun(), day("2024-09-05")).group, 1);
    assert_eq!(d.len(), 1);
    // A copy with a new paragraph is kept: a later copy may quote that paragraph.
    let extended = format!(
        "{ORIGINAL}\nOn Thursday the council's planning committee met in an emergency session \
         to discuss whether the depot could be moved to the old quarry site, which has been \
         empty since 2009, and a decision is expected by the end of the month.\nThe owner said \
         that she would not decide anything until the insurers had visited the site twice."
    );
    assert_eq!(d.add(501, &extended, day("2024-09-06")).group, 1);
    assert_eq!(d.len(), 2);
}
