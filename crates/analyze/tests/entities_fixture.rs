//! People, roles, mentions, organisations, places and the resolver on an invented
//! article (tests/fixtures/entities/fisheries_talks.txt) with the phenomena of real
//! news reports: titles before names, appositive roles, Mr/Ms mentions, a misspelled
//! surname, a surname alone, quoted programme names.

use newsdesk_analyze::entities::{find_entities, Entities};
use newsdesk_analyze::Person;

const ARTICLE: &str = include_str!("fixtures/entities/fisheries_talks.txt");

fn found() -> Entities {
    find_entities(ARTICLE)
}

fn person<'a>(e: &'a Entities, name: &str) -> &'a Person {
    e.people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not found in {:#?}", e.people))
}

fn mention_texts(p: &Person) -> Vec<&str> {
    p.mentions.iter().map(|m| m.text.as_str()).collect()
}

#[test]
fn finds_each_person_once() {
    let e = found();
    let names: Vec<&str> = e.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Anders Holmvik",
            "Marta Kowalczyk",
            "Eric Lindqvist",
            "Laura Pennington",
            "Thomas Brandt",
            "Helen Okafor",
            "Paolo Ferri",
            "Ingrid Dahl",
        ]
    );
}

#[test]
fn roles_from_titles_before_the_name() {
    let e = found();
    assert_eq!(
        person(&e, "Anders Holmvik").roles,
        ["Norwegian Prime Minister"]
    );
    assert_eq!(
        person(&e, "Marta Kowalczyk").roles,
        ["Deputy Foreign Minister"]
    );
    assert_eq!(
        person(&e, "Eric Lindqvist").roles,
        ["European Commission spokesman"]
    );
    assert_eq!(
        person(&e, "Laura Pennington").roles,
        ["Assistant Secretary of Commerce"]
    );
    assert_eq!(
        person(&e, "Ingrid Dahl").roles,
        ["Norway’s Fisheries Minister"]
    );
    assert_eq!(person(&e, "Paolo Ferri").roles, ["EU Commissioner"]);
}

#[test]
fn roles_from_appositives() {
    let e = found();
    assert_eq!(
        person(&e, "Thomas Brandt").roles,
        [
            "Carnegie Endowment for International Peace scholar",
            "former German trade negotiator for Asia and Africa"
        ]
    );
    assert_eq!(
        person(&e, "Helen Okafor").roles,
        ["director of the Lisbon research group Institute for Maritime Studies"]
    );
}

#[test]
fn mentions_include_honorifics_misspellings_and_surnames() {
    let e = found();
    assert_eq!(
        mention_texts(person(&e, "Marta Kowalczyk")),
        [
            "Marta Kowalczyk",
            "Ms. Kowalcyk",
            "Ms Kowalczyk",
            "Ms Kowalczyk",
            "Ms. Kowalczyk"
        ]
    );
    assert_eq!(
        mention_texts(person(&e, "Laura Pennington")),
        ["Laura Pennington", "Ms Pennington", "Ms. Pennington"]
    );
    assert_eq!(
        mention_texts(person(&e, "Paolo Ferri")),
        ["Paolo Ferri", "Ferri"]
    );
    assert_eq!(
        mention_texts(person(&e, "Anders Holmvik")),
        ["Anders Holmvik", "Mr Holmvik"]
    );
}

#[test]
fn mention_offsets_are_chars() {
    let e = found();
    let chars: Vec<char> = ARTICLE.chars().collect();
    for p in &e.people {
        for m in &p.mentions {
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.text);
        }
    }
}

#[test]
fn organizations_and_places() {
    let e = found();
    let orgs: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
    for want in [
        "European Commission",
        "Channel Four News",
        "Carnegie Endowment for International Peace",
        "Institute for Maritime Studies",
        "Nordic Fisheries Council",
        "European Union",
        "World Trade Organization",
    ] {
        assert!(orgs.contains(&want), "{want} missing from {orgs:?}");
    }
    let places: Vec<&str> = e.places.iter().map(|p| p.name.as_str()).collect();
    for want in [
        "Barents Sea",
        "Poland",
        "Warsaw",
        "Oslo",
        "Copenhagen",
        "Iceland",
        "Norway",
        "Geneva",
        "Brussels",
    ] {
        assert!(places.contains(&want), "{want} missing from {places:?}");
    }
    // No person, weekday or role word is taken for a place or organisation.
    for bad in [
        "Friday",
        "Tuesday",
        "Ms",
        "Deputy Foreign Minister",
        "Anders Holmvik",
    ] {
        assert!(!places.contains(&bad) && !orgs.contains(&bad), "{bad}");
    }
    // Places inside a role ("for Asia and Africa") are not places of the story.
    assert!(!places.contains(&"Asia"), "{places:?}");
}

#[test]
fn resolver_maps_mentions_to_people() {
    let e = found();
    let name = |m: &str| e.resolve(m).map(|p| p.name.as_str());
    assert_eq!(name("Ms Kowalczyk"), Some("Marta Kowalczyk"));
    assert_eq!(name("Ms. Kowalcyk"), Some("Marta Kowalczyk"));
    assert_eq!(name("Ms. Kowalzcyk"), Some("Marta Kowalczyk"));
    assert_eq!(name("Pennington"), Some("Laura Pennington"));
    assert_eq!(name("Laura Pennington"), Some("Laura Pennington"));
    assert_eq!(name("Ferri’s"), Some("Paolo Ferri"));
    assert_eq!(
        name("European Commission spokesman"),
        Some("Eric Lindqvist")
    );
    assert_eq!(
        name("the european commission Spokesman"),
        Some("Eric Lindqvist")
    );
    assert_eq!(name("Fisheries Minister"), Some("Ingrid Dahl"));
    assert_eq!(
        name("Secretary of Commerce"),
        None,
        "a deputy is not the secretary"
    );
    assert_eq!(name("Mr. Smith"), None);
    assert_eq!(name("the spokesman for the navy"), None);
    assert_eq!(name(""), None);
}

#[test]
fn context_places_skip_adjectives_and_common_words() {
    let e = find_entities(
        "The shortcomings in American society were discussed in Zelmora, and a round of \
         applause came from the family. Later, in Round two, officials spoke in Family.",
    );
    let places: Vec<&str> = e.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(places, ["Zelmora"]);
}

#[test]
fn honorifics_pick_the_person_of_matching_gender() {
    let e = find_entities(
        "Former President Paul Renner and his wife, Senator Helen Renner, spoke. \
         Mrs. Renner said the plan was sound. Mr. Renner disagreed.",
    );
    assert_eq!(
        mention_texts(person(&e, "Helen Renner")),
        ["Helen Renner", "Mrs. Renner"]
    );
    assert_eq!(
        mention_texts(person(&e, "Paul Renner")),
        ["Paul Renner", "Mr. Renner"]
    );
}

#[test]
fn surname_first_names_and_headline_tails() {
    let e = find_entities(
        "Xi Jinping Speaks at Forum\nPresident Xi Jinping spoke on Monday. Mr. Xi said trade \
         would grow.",
    );
    let names: Vec<&str> = e.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Xi Jinping"]);
    assert_eq!(
        mention_texts(&e.people[0]),
        ["Xi Jinping", "Xi Jinping", "Mr. Xi"]
    );
}

#[test]
fn shouted_words_are_not_acronyms_or_names() {
    let e = find_entities(
        "DOCTORS DON’T WANT TO ASSOCIATE. The NTSB said no. No one knew. WHITE smoke rose \
         over the white house.",
    );
    let orgs: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(orgs, ["NTSB"]);
    assert!(e.people.is_empty(), "{:?}", e.people);
}

#[test]
fn context_places_need_a_place_like_ending() {
    let e = find_entities(
        "He spoke at a rally in Kenansville, N.C., and later in Uptown were crowds. Cracks \
         in Western unity grew, in Round 2 of the fight. The Oslo-based Zed Foundation agreed.",
    );
    let places: Vec<&str> = e.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(places, ["Kenansville", "Uptown", "Oslo"]);
    let orgs: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(orgs, ["Zed Foundation"]);
}
