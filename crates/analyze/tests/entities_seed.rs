//! Seed acceptance for entities and events, run on demand:
//! `cargo test -p newsdesk-analyze --test entities_seed -- --ignored --nocapture`.
//! Reads the hand-annotated seed from /work/shared at run time (it is never copied into
//! the repository) and skips when it is absent.

use std::collections::BTreeSet;

use newsdesk_analyze::entities::find_entities;

fn seed() -> Option<serde_json::Value> {
    let path = std::env::var("NEWSDESK_SEED_GOLD")
        .unwrap_or_else(|_| "/work/shared/seed/gold.json".to_string());
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

fn body(gold: &serde_json::Value) -> String {
    gold["body_paragraphs"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// "Ms. Sherman" and "Ms Sherman" are the same mention form.
fn form(s: &str) -> String {
    s.replace("Mr.", "Mr").replace("Ms.", "Ms")
}

#[test]
#[ignore = "needs /work/shared/seed"]
fn seed_people_organizations_places() {
    let Some(gold) = seed() else {
        eprintln!("seed not found; skipping");
        return;
    };
    let text = body(&gold);
    let found = find_entities(&text);
    let mut failures = Vec::new();
    for p in found.people.iter() {
        let forms: BTreeSet<String> = p.mentions.iter().map(|m| m.text.clone()).collect();
        eprintln!("PERSON {} roles={:?} mentions={:?}", p.name, p.roles, forms);
    }
    let gold_people = gold["people"].as_array().cloned().unwrap_or_default();
    for gp in &gold_people {
        let name = gp["name"].as_str().unwrap_or("");
        let Some(p) = found.people.iter().find(|p| p.name == name) else {
            failures.push(format!("missing person {name}"));
            continue;
        };
        let roles: BTreeSet<&str> = gp["roles"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r.as_str())
            .collect();
        let got_roles: BTreeSet<&str> = p.roles.iter().map(String::as_str).collect();
        if roles != got_roles {
            failures.push(format!("{name}: roles {got_roles:?} != gold {roles:?}"));
        }
        let forms: BTreeSet<String> = gp["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r.as_str())
            .map(form)
            .collect();
        let got: BTreeSet<String> = p.mentions.iter().map(|m| form(&m.text)).collect();
        if forms != got {
            failures.push(format!("{name}: mention forms {got:?} != gold {forms:?}"));
        }
    }
    if found.people.len() != gold_people.len() {
        failures.push(format!(
            "{} people found, gold has {}",
            found.people.len(),
            gold_people.len()
        ));
    }
    for (key, got) in [
        ("organizations", &found.organizations),
        ("places", &found.places),
    ] {
        let gold_set: BTreeSet<&str> = gold[key]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r.as_str())
            .collect();
        let got_set: BTreeSet<&str> = got.iter().map(|e| e.name.as_str()).collect();
        let missing: Vec<_> = gold_set.difference(&got_set).collect();
        let extra: Vec<_> = got_set.difference(&gold_set).collect();
        eprintln!(
            "{key}: found {} (gold {}), missing {missing:?}, extra {extra:?}",
            got_set.len(),
            gold_set.len()
        );
        if !missing.is_empty() {
            failures.push(format!("{key} missing {missing:?}"));
        }
    }
    // The dek names a speaker by role only; the resolver maps it to the person.
    let dek = gold["dek"].as_str().unwrap_or("");
    let role = dek.split("says ").nth(1).unwrap_or("").trim();
    let resolved = found.resolve(role).map(|p| p.name.as_str());
    eprintln!("resolve({role:?}) = {resolved:?}");
    if resolved != Some("Jake Sullivan") {
        failures.push(format!("dek role {role:?} resolved to {resolved:?}"));
    }
    for (m, want) in [
        ("Mr. Rybakov", "Sergei Ryabkov"),
        ("Ms Sherman", "Wendy Sherman"),
        ("Mr. Sims", "Dmitry Sims"),
    ] {
        let got = found.resolve(m).map(|p| p.name.as_str());
        if got != Some(want) {
            failures.push(format!("resolve({m:?}) = {got:?}"));
        }
    }
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}

#[test]
#[ignore = "needs /work/shared/seed"]
fn seed_events() {
    let Some(gold) = seed() else {
        eprintln!("seed not found; skipping");
        return;
    };
    let text = body(&gold);
    let found = find_entities(&text);
    let events = newsdesk_analyze::events::find_events(&text, &found, Some("2022-01-11"));
    for e in &events {
        eprintln!("EVENT {}", serde_json::to_string(e).unwrap());
    }
    let gold_events = gold["events"].as_array().cloned().unwrap_or_default();
    let mut failures = Vec::new();
    for g in &gold_events {
        let when = g["when"].as_str().unwrap_or("");
        let place = g["where"].as_str();
        let hit = events.iter().find(|e| {
            e.when.as_ref().is_some_and(|w| w.text.contains(when))
                && e.place.as_deref() == place
                && {
                    let want: BTreeSet<&str> = g["participants"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter_map(|p| p.as_str())
                        .collect();
                    let got: BTreeSet<&str> = e.participants.iter().map(String::as_str).collect();
                    want == got
                }
        });
        if hit.is_none() {
            failures.push(format!("no match for gold event {g}"));
        }
    }
    let dates: BTreeSet<&str> = events
        .iter()
        .filter_map(|e| e.when.as_ref()?.date.as_deref())
        .collect();
    for d in ["2022-01-10", "2022-01-12", "2022-01-13"] {
        if !dates.contains(d) {
            failures.push(format!("date {d} not found"));
        }
    }
    if events.len() != gold_events.len() {
        failures.push(format!(
            "{} events found, gold has {}",
            events.len(),
            gold_events.len()
        ));
    }
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}

/// The whole scraped seed page (boilerplate, byline, title) for eyeballing extras.
#[test]
#[ignore = "needs /work/shared/seed; prints"]
fn seed_raw_page_print() {
    let Ok(text) = std::fs::read_to_string("/work/shared/seed/000_89c13c65d3e9c424.txt") else {
        eprintln!("seed page not found; skipping");
        return;
    };
    let e = find_entities(&text);
    for p in &e.people {
        let forms: BTreeSet<&str> = p.mentions.iter().map(|m| m.text.as_str()).collect();
        eprintln!("P {} {:?} {:?}", p.name, p.roles, forms);
    }
    let orgs: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
    let places: Vec<&str> = e.places.iter().map(|o| o.name.as_str()).collect();
    eprintln!("O {orgs:?}\nL {places:?}");
}
