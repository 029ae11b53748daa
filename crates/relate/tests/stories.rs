//! Story clustering on invented articles: a story that grows over days stays one
//! story; two shootings of the same kind in one city stay apart.

use newsdesk_relate::{Day, StoryClusterer, StoryConfig, StoryInput};

struct A {
    title: &'static str,
    text: &'static str,
    day: &'static str,
}

/// Unrelated news so that document frequencies are not learned from nothing.
const BACKGROUND: &[A] = &[
    A { title: "Council approves new budget", day: "2024-03-01", text: "The city council approved a budget of 41 million for next year after a long debate on Monday night. Councillor Ada Brennan said the plan would pay for more buses and repairs to the library. Opponents said the tax rise was too steep for families." },
    A { title: "Rovers win derby in stoppage time", day: "2024-03-02", text: "Kelvin Rovers beat Harbour Athletic 2-1 on Saturday with a goal in stoppage time. Striker Tomas Lindqvist headed in a corner to send the home crowd wild. The result lifts Rovers to third in the league." },
    A { title: "School reopens after flood repairs", day: "2024-03-03", text: "Pupils returned to Brookside Primary School on Monday, six weeks after a burst pipe flooded its classrooms. Head teacher Mira Osei thanked parents for their patience. The repairs cost about 200,000, the education office said." },
    A { title: "Storm brings down power lines", day: "2024-03-04", text: "A storm with winds of up to 90 kilometres an hour brought down power lines across the northern valleys overnight. About 12,000 homes were without electricity on Tuesday morning, the grid operator said. Crews expected to restore supply by evening." },
    A { title: "Bakery chain opens tenth shop", day: "2024-03-05", text: "The family bakery chain Crumb and Co opened its tenth shop on the high street on Thursday. Owner Lena Park said the company would hire 30 more staff this year. The first customers queued from 6 a.m. for free pastries." },
];

/// Two shootings of the same kind in Riverton, a week apart, with follow-ups.
const RIVERTON_A: &[A] = &[
    A { title: "Man shot dead outside Riverton bar", day: "2024-03-10", text: "A 34-year-old man was shot dead outside the Copper Kettle bar on Elm Street in Riverton late on Saturday, police said. Officers found Darnell Hayes with gunshot wounds to the chest shortly after 11 p.m. He died at Riverton General Hospital. Police said they were looking for a man seen running towards Fifth Avenue." },
    A { title: "Victim of Elm Street shooting named", day: "2024-03-11", text: "Police in Riverton have named the man killed outside the Copper Kettle bar on Elm Street as Darnell Hayes, 34, a father of two. Detective Sergeant Paula Grier said witnesses saw an argument inside the bar before the shooting. Hayes was shot twice in the chest." },
    A { title: "Arrest in Copper Kettle shooting", day: "2024-03-14", text: "Riverton police arrested a 29-year-old man on Thursday in connection with the killing of Darnell Hayes outside the Copper Kettle bar on Elm Street. Detective Sergeant Paula Grier said the suspect, Marcus Velde, was found at an address near Fifth Avenue. Velde is expected to be charged with murder." },
];

const RIVERTON_B: &[A] = &[
    A { title: "Teenager wounded in Riverton park shooting", day: "2024-03-17", text: "A 16-year-old boy was wounded in a shooting at Lakeside Park in Riverton on Sunday afternoon, police said. The boy, who was shot in the leg, was taken to Riverton General Hospital and is in stable condition. Witnesses said two cars sped away from the park's north gate." },
    A { title: "Lakeside Park shooting: police seek two cars", day: "2024-03-18", text: "Police investigating the shooting of a 16-year-old boy at Lakeside Park in Riverton are asking for help to trace two cars, a grey hatchback and a red pickup, seen leaving the north gate. Inspector Omar Sadiq said the boy was recovering after surgery on his leg." },
];

fn input(a: &A) -> StoryInput<'static> {
    StoryInput {
        title: a.title,
        text: a.text,
        day: Day::parse(a.day),
        ..Default::default()
    }
}

/// The settings of a warm store: these fixtures' five background articles stand for the
/// document frequencies a store learns from its first few hundred articles, so the IDF
/// prior for cold streams (200 pseudo-documents, which would outweigh five) is off.
fn warm() -> StoryConfig {
    StoryConfig {
        idf_prior_docs: 0.0,
        ..StoryConfig::default()
    }
}

fn clusterer() -> StoryClusterer {
    let mut c = StoryClusterer::new(warm()).unwrap();
    for a in BACKGROUND {
        c.add(&input(a));
    }
    c
}

#[test]
fn a_story_grows_over_days_and_same_type_events_stay_apart() {
    let mut c = clusterer();
    // Interleave the two events as a stream would.
    let a0 = c.add(&input(&RIVERTON_A[0])).story;
    let a1 = c.add(&input(&RIVERTON_A[1])).story;
    let a2 = c.add(&input(&RIVERTON_A[2])).story;
    let b0 = c.add(&input(&RIVERTON_B[0])).story;
    let b1 = c.add(&input(&RIVERTON_B[1])).story;
    assert_eq!(a0, a1, "the victim's name follows the first report");
    assert_eq!(a0, a2, "the arrest follows the same killing");
    assert_eq!(b0, b1, "the park shooting follow-up");
    assert_ne!(a0, b0, "two shootings in one city are two stories");

    let story = c.story(a0).unwrap();
    assert_eq!(story.size, 3);
    assert_eq!(story.title, "Man shot dead outside Riverton bar");
    assert_eq!(story.first_day, Day::parse("2024-03-10"));
    assert_eq!(story.last_day, Day::parse("2024-03-14"));
    let names: Vec<&str> = story.names.iter().map(|n| n.name.as_str()).collect();
    assert!(names.contains(&"Elm Street"), "{names:?}");
    assert!(names.contains(&"Darnell Hayes"), "{names:?}");
}

#[test]
fn background_articles_are_separate_stories() {
    let c = clusterer();
    assert_eq!(c.live_stories(), BACKGROUND.len());
}

#[test]
fn caller_supplied_people_and_places_are_kept() {
    let mut c = clusterer();
    let people = ["Darnell Hayes"];
    let places = ["Riverton"];
    let s = c
        .add(&StoryInput {
            people: &people,
            places: &places,
            ..input(&RIVERTON_A[0])
        })
        .story;
    let story = c.story(s).unwrap();
    assert_eq!(story.people[0].name, "Darnell Hayes");
    assert_eq!(story.places[0].name, "Riverton");
}

#[test]
fn related_lists_the_matching_story_first() {
    let mut c = clusterer();
    let a = c.add(&input(&RIVERTON_A[0])).story;
    c.add(&input(&RIVERTON_B[0]));
    let related = c.related(&input(&RIVERTON_A[2]), 3);
    assert_eq!(related.first().map(|r| r.0), Some(a), "{related:?}");
}

#[test]
fn a_late_follow_up_beyond_the_window_opens_a_new_story() {
    let mut c = StoryClusterer::new(StoryConfig {
        window_days: Some(30),
        ..StoryConfig::default()
    })
    .unwrap();
    let first = c.add(&input(&RIVERTON_A[0])).story;
    let late = c
        .add(&StoryInput {
            day: Day::parse("2024-09-01"),
            ..input(&RIVERTON_A[1])
        })
        .story;
    assert_ne!(first, late);
}

#[test]
fn state_round_trips_through_serde() {
    let mut c = clusterer();
    let a = c.add(&input(&RIVERTON_A[0])).story;
    let json = serde_json::to_string(&c).unwrap();
    let mut back: StoryClusterer = serde_json::from_str(&json).unwrap();
    assert_eq!(back.add(&input(&RIVERTON_A[1])).story, a);
}

#[test]
fn hostile_inputs_do_not_panic() {
    let mut c = clusterer();
    let long = "Name ".repeat(100_000);
    for text in ["", "\u{0}", &long, "1999 2000 2001", "É'-'-"] {
        c.add(&StoryInput {
            title: text,
            text,
            ..Default::default()
        });
    }
    assert!(StoryClusterer::new(StoryConfig {
        threshold: 2.0,
        ..StoryConfig::default()
    })
    .is_err());
}

/// Two earthquakes in one province, years apart, reported without dates (as in an
/// archive): the same region, the same kind of event, different magnitudes, towns,
/// tolls and officials. Reports of each are rewritten by different outlets.
const QUAKE_A: &[A] = &[
    A { title: "Magnitude 6.1 quake strikes Valdora province", day: "", text: "An earthquake of magnitude 6.1 struck the mountain town of Petrosa in Valdora province on Tuesday, killing 14 people and destroying dozens of stone houses, officials said. Governor Ines Marrow said rescue teams were searching the rubble of the old market. The quake was felt as far away as the coast." },
    A { title: "Petrosa counts its dead after 6.1 earthquake", day: "", text: "Rescuers in Petrosa pulled two survivors from a collapsed house as the toll of the magnitude 6.1 earthquake in Valdora province rose to 14. Governor Ines Marrow asked for tents and blankets for the 3,000 people left homeless around the old market." },
    A { title: "Aid reaches quake-hit Petrosa", day: "", text: "Trucks carrying tents, water and blankets reached Petrosa on Thursday, two days after the magnitude 6.1 quake that killed 14 people in the mountain town. Governor Ines Marrow said 3,000 residents of Valdora province had lost their homes." },
];

const QUAKE_B: &[A] = &[
    A { title: "Strong earthquake hits Valdora coast", day: "", text: "A magnitude 5.4 earthquake shook the fishing port of Lisca on the coast of Valdora province early on Sunday, injuring 37 people and cracking the harbour wall, officials said. Mayor Tomas Ferrant said the lighthouse had been evacuated as a precaution." },
    A { title: "Lisca harbour wall damaged in 5.4 quake", day: "", text: "Engineers inspected the cracked harbour wall in Lisca after the magnitude 5.4 earthquake that injured 37 people in the port. Mayor Tomas Ferrant said fishing boats would stay moored until the wall was declared safe." },
];

fn undated(a: &A) -> StoryInput<'static> {
    StoryInput {
        title: a.title,
        text: a.text,
        ..Default::default()
    }
}

#[test]
fn two_earthquakes_in_one_province_stay_apart_and_rewrites_join() {
    let mut c = StoryClusterer::new(warm()).unwrap();
    for a in BACKGROUND {
        c.add(&undated(a));
    }
    // Interleaved, as an archive sorted by topic would feed them.
    let a0 = c.add(&undated(&QUAKE_A[0])).story;
    let b0 = c.add(&undated(&QUAKE_B[0])).story;
    let a1 = c.add(&undated(&QUAKE_A[1])).story;
    let b1 = c.add(&undated(&QUAKE_B[1])).story;
    let a2 = c.add(&undated(&QUAKE_A[2])).story;
    assert_ne!(a0, b0, "two earthquakes in one province are two stories");
    assert_eq!(a0, a1, "a rewritten report of the Petrosa quake");
    assert_eq!(a0, a2, "the aid follow-up of the Petrosa quake");
    assert_eq!(b0, b1, "a rewritten report of the Lisca quake");
}

#[test]
fn weekdays_and_months_are_not_story_names() {
    let mut c = clusterer();
    let s = c
        .add(&StoryInput {
            title: "Ferry service resumes",
            text: "The ferry to Orlan Island resumed on Monday after a storm in March, \
                   the operator Bluewake said on Tuesday.",
            ..Default::default()
        })
        .story;
    let names: Vec<&str> = c
        .story(s)
        .unwrap()
        .names
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert!(names.contains(&"Orlan Island"), "{names:?}");
    assert!(names.contains(&"Bluewake"), "{names:?}");
    for word in ["Monday", "March", "Tuesday"] {
        assert!(!names.contains(&word), "{word} in {names:?}");
    }
}

/// A cold stream (nothing seen before, no dates): the first story's own words are all
/// the clusterer knows, and without a prior they would look common and lose their
/// weight. With the default IDF prior its follow-ups join by a wide margin, and a
/// same-type event still opens its own story.
#[test]
fn a_cold_stream_keeps_a_storys_own_words_heavy() {
    let stream = || QUAKE_A.iter().chain(QUAKE_B).map(undated);
    let run = |config: StoryConfig| {
        let threshold = config.threshold;
        let mut c = StoryClusterer::new(config).unwrap();
        let got: Vec<_> = stream().map(|a| c.add(&a)).collect();
        (got, threshold)
    };
    let (got, threshold) = run(StoryConfig::default());
    let stories: Vec<u64> = got.iter().map(|a| a.story).collect();
    assert_eq!(stories[0], stories[1]);
    assert_eq!(stories[0], stories[2]);
    assert_ne!(stories[0], stories[3], "the Lisca quake is another story");
    assert_eq!(stories[3], stories[4]);
    let weakest = got[1].similarity.min(got[2].similarity);
    assert!(
        weakest > 3.0 * threshold,
        "follow-ups join by a wide margin: {weakest}"
    );
    // Without the prior the same follow-ups barely clear the threshold.
    let (bare, threshold) = run(warm());
    let weakest_bare = bare[1].similarity.min(bare[2].similarity);
    assert!(
        weakest_bare < 2.0 * threshold && weakest_bare < weakest / 2.0,
        "{weakest_bare}"
    );
}
