//! Single behaviours of quote attribution, one invented sentence or two each.

use newsdesk_analyze::{analyze_text, quote_candidates, AnalyzeOptions, Quote, QuoteKind};

fn quotes(text: &str) -> Vec<Quote> {
    analyze_text(text, &AnalyzeOptions::default()).quotes
}

/// Every proposal of the rules, before the learned scorer judges reported speech.
fn proposals(text: &str) -> Vec<Quote> {
    quote_candidates(text, &AnalyzeOptions::default())
        .into_iter()
        .map(|c| c.quote)
        .collect()
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
    // After an earlier sentence with a speaker of its own.
    let qs = quotes(
        "The mayor said the tolls would rise. ''You cannot run a port on hope,'' Mr. Okafor said, adding that he hoped the council would not cave.",
    );
    let q = find(&qs, "he hoped the council", QuoteKind::Indirect);
    assert_eq!(mention(q), "Mr. Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "adding");
}

#[test]
fn trailing_attribution_governs_the_sentence_it_closes() {
    let qs = quotes(
        "The harbour board called for a full audit of the crane contracts, a union official said.",
    );
    let q = find(&qs, "The harbour board called for", QuoteKind::Indirect);
    assert_eq!(mention(q), "a union official");
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
}

#[test]
fn quote_opening_a_sentence_that_goes_on_to_its_own_cue_is_mixed() {
    let qs = quotes(
        "“The tolls are fair,” Okafor said. “Nobody will pay more” than last year for a berth, she said.",
    );
    let d = find(&qs, "The tolls are fair", QuoteKind::Direct);
    assert_eq!(d.fragments.len(), 1, "{qs:#?}");
    let m = find(&qs, "Nobody will pay more", QuoteKind::Mixed);
    assert_eq!(mention(m), "she");
}

#[test]
fn a_noun_that_is_sometimes_a_cue_does_not_make_a_headline_a_quote() {
    // "talks" heads an attribution now and then, but here it is a noun.
    assert!(quotes("Harbour talks end without a deal").is_empty());
}

#[test]
fn reported_content_stops_where_a_new_subject_and_cue_start() {
    let qs = quotes(
        "The harbour master said the cranes would be repaired by spring, and he urged the shipping lines to keep their schedules.",
    );
    let first = find(&qs, "the cranes would be repaired", QuoteKind::Indirect);
    assert!(!first.text.contains("urged"), "{first:#?}");
    let second = find(&qs, "the shipping lines to keep", QuoteKind::Indirect);
    assert_eq!(mention(second), "he");
    assert_eq!(second.cue.as_ref().unwrap().text, "urged");
    // Without a comma: "… though she noted …".
    let qs = quotes(
        "Okafor said the tolls were fair though she noted that two berths would stay closed.",
    );
    let first = find(&qs, "the tolls were fair", QuoteKind::Indirect);
    assert!(!first.text.contains("noted"), "{first:#?}");
    assert_eq!(
        mention(find(
            &qs,
            "two berths would stay closed",
            QuoteKind::Indirect
        )),
        "she"
    );
}

#[test]
fn reported_content_stops_at_a_subordinate_clause_with_its_own_attribution() {
    let qs = quotes(
        "The mayor said the pier would reopen in May as the port officials warned that the repairs could take longer.",
    );
    let first = find(&qs, "the pier would reopen", QuoteKind::Indirect);
    assert_eq!(first.text, "the pier would reopen in May");
    let second = find(&qs, "the repairs could take longer", QuoteKind::Indirect);
    assert_eq!(mention(second), "officials");
    // A subordinator with no attribution after it stays in the content.
    let qs = quotes("The mayor said the pier would reopen as soon as the cranes were repaired.");
    assert_eq!(
        find(&qs, "the pier would reopen", QuoteKind::Indirect).text,
        "the pier would reopen as soon as the cranes were repaired"
    );
}

#[test]
fn an_attribution_in_a_closing_subordinate_clause_reports_the_rest() {
    // "after X said …" closing the sentence is an attribution like any other, and the
    // pronoun and verb after it are its content, not a second attribution.
    let qs = proposals(
        "The ferry crews walked out on Friday, shortly after Okafor said he now believes the tolls were set unlawfully.",
    );
    let q = find(&qs, "he now believes", QuoteKind::Indirect);
    assert_eq!(mention(q), "Okafor");
    assert_eq!(q.text, "he now believes the tolls were set unlawfully");
    assert!(
        !qs.iter().any(|q| q.text.starts_with("the tolls were set")),
        "{qs:#?}"
    );
    // Opening the sentence, the clause is still not the main one.
    let qs = proposals("Back when she wrote her memoir, Ms. Ray said the pier would close.");
    let q = find(&qs, "the pier would close", QuoteKind::Indirect);
    assert_eq!(mention(q), "Ms. Ray");
    assert!(
        !qs.iter().any(|q| q.text.contains("Ms. Ray said")),
        "{qs:#?}"
    );
}

#[test]
fn a_fronted_adjunct_in_a_that_clause_does_not_end_the_content() {
    let qs = proposals(
        "Okafor noted that at one of his first board meetings, in 1998, he opposed a plan to sell the ferry terminal.",
    );
    let q = find(
        &qs,
        "at one of his first board meetings",
        QuoteKind::Indirect,
    );
    assert_eq!(mention(q), "Okafor");
    assert!(q.text.ends_with("to sell the ferry terminal"), "{q:#?}");
    // Without the fronted adjunct, a new subject and cue after a comma still ends it.
    let qs = proposals(
        "Okafor noted that the board met in 1998, but she warned that the terminal would be sold.",
    );
    assert_eq!(
        find(&qs, "the board met", QuoteKind::Indirect).text,
        "the board met in 1998"
    );
}

#[test]
fn a_poll_after_in_reports_its_clause() {
    // Opening the sentence: the rest after its comma.
    let qs = proposals(
        "In a Harbour Gazette/Tidewater poll released Monday, 52 percent of residents opposed the toll while 31 percent backed it.",
    );
    let q = find(&qs, "52 percent of residents", QuoteKind::Indirect);
    assert_eq!(mention(q), "a Harbour Gazette/Tidewater poll");
    assert_eq!(q.cue.as_ref().unwrap().text, "In");
    assert!(q.text.ends_with("31 percent backed it"), "{q:#?}");
    // Closing a clause: the clause before "in", from a contrasting conjunction.
    let qs = proposals(
        "Okafor came second in January polls, although Ray moved from third to first in a later survey.",
    );
    let q = find(&qs, "Okafor came second", QuoteKind::Indirect);
    assert_eq!(mention(q), "January polls");
    let q = find(&qs, "Ray moved from third to first", QuoteKind::Indirect);
    assert_eq!(mention(q), "a later survey");
    // "in" with no poll, and a poll inside another attribution's content, report nothing.
    assert!(proposals("Okafor came second in the regatta on Sunday.").is_empty());
    let qs = proposals("Ray said Okafor led in the polls.");
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(mention(&qs[0]), "Ray");
}

#[test]
fn the_object_of_an_opening_preposition_is_not_a_speaker() {
    let qs = quotes(
        "In a statement announcing the deal, the Ferry Workers Union called the plan a “lifeline” for the island.",
    );
    let q = find(&qs, "the plan a", QuoteKind::Indirect);
    assert_eq!(mention(q), "the Ferry Workers Union");
    assert!(qs.iter().all(|q| mention(q) != "a statement"), "{qs:#?}");
    let qs =
        quotes("In a message posted Friday, Okafor said she had “serious doubts” about the toll.");
    let q = find(&qs, "she had", QuoteKind::Indirect);
    assert_eq!(mention(q), "Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    // A phrase opened by a preposition after a comma, too.
    let qs = proposals(
        "On the incident form, in a box labeled “cause,” a deckhand had typed “rope failure.”",
    );
    let q = find(&qs, "rope failure", QuoteKind::Mixed);
    assert_eq!(mention(q), "a deckhand");
    assert!(
        qs.iter()
            .all(|q| !(q.text.contains("rope failure") && mention(q) == "a box")),
        "{qs:#?}"
    );
}

#[test]
fn an_attribution_inside_a_relative_clause_reports_the_clause() {
    let qs = proposals(
        "The board sold the berths to hotel chains, amounting to what the auditors said was a giveaway.",
    );
    let q = find(&qs, "what the auditors said", QuoteKind::Indirect);
    assert_eq!(q.text, "what the auditors said was a giveaway");
    assert_eq!(mention(q), "the auditors");
    let qs = proposals("Nobody saw his hands, which he said were at his side when the shot came.");
    let q = find(&qs, "which he said", QuoteKind::Indirect);
    assert_eq!(mention(q), "he");
    assert!(q.text.ends_with("when the shot came"), "{q:#?}");
    // A "that" clause after a cue is not a relative clause.
    let qs = proposals("Okafor said that the auditors said nothing.");
    assert!(
        qs.iter().all(|q| !q.text.starts_with("that the auditors")),
        "{qs:#?}"
    );
}

#[test]
fn a_middle_initial_stays_inside_the_speakers_name() {
    let qs =
        quotes("Raising the tolls ''makes the port solvent,'' Adaeze N. Okafor said last week.");
    let q = find(&qs, "Raising the tolls", QuoteKind::Indirect);
    assert_eq!(mention(q), "Adaeze N. Okafor");
    let qs = quotes(
        "The ferries will run until midnight, said Jeffrey T. Marsh, a senior official with the harbour board.",
    );
    let q = find(&qs, "The ferries will run", QuoteKind::Indirect);
    assert_eq!(mention(q), "Jeffrey T. Marsh");
}

#[test]
fn speaker_phrases_with_a_name_or_an_age_inside_still_attribute() {
    // A name modifying a lowercase head, before a trailing cue.
    let qs = quotes("The pier was safe, a Lagos harbour official said.");
    assert_eq!(
        mention(find(&qs, "The pier was safe", QuoteKind::Indirect)),
        "a Lagos harbour official"
    );
    // "told" with its object closing the sentence is a trailing attribution too.
    let qs = proposals("The pier was safe, a harbour official told reporters.");
    let q = find(&qs, "The pier was safe", QuoteKind::Indirect);
    assert_eq!(mention(q), "a harbour official");
    assert_eq!(q.cue.as_ref().unwrap().text, "told");
    // An age between a one-word name and the cue of a direct quote.
    let qs = quotes("“The tolls are a disgrace,” Okafor, 69, told the Gazette on Monday.");
    let q = find(&qs, "The tolls are a disgrace", QuoteKind::Direct);
    assert_eq!(mention(q), "Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "told");
}

#[test]
fn reported_content_stops_at_a_participle_cue_after_a_comma() {
    let qs = proposals(
        "Okafor is once again questioning the safety of the old pier, even suggesting that the inspections were faked.",
    );
    let q = find(&qs, "the safety of the old pier", QuoteKind::Indirect);
    assert_eq!(q.text, "the safety of the old pier");
    assert_eq!(mention(q), "Okafor");
    let q = find(&qs, "the inspections were faked", QuoteKind::Indirect);
    assert_eq!(q.cue.as_ref().unwrap().text, "suggesting");
    assert_eq!(mention(q), "Okafor");
    // A participle that is no cue stays in the content.
    let qs = proposals("Okafor said the ferry left early, carrying forty passengers.");
    assert_eq!(
        find(&qs, "the ferry left early", QuoteKind::Indirect).text,
        "the ferry left early, carrying forty passengers"
    );
}

#[test]
fn a_later_verb_of_a_subject_with_a_relative_clause_is_the_subjects() {
    for (text, start) in [
        (
            "Okafor, who has run the port for a decade, went on to say that the tolls would double.",
            "the tolls would double",
        ),
        (
            "Ms Ray, who led the talks, spoke for an hour, arguing that the strike was unlawful.",
            "the strike was unlawful",
        ),
    ] {
        let qs = quotes(text);
        let q = find(&qs, start, QuoteKind::Indirect);
        let who = mention(q);
        assert!(who == "Okafor" || who == "Ms Ray", "{text}: {who}");
    }
}

#[test]
fn passive_cue_reports_the_sentence_with_the_agent_as_source() {
    let qs = quotes(
        "The new toll plan was criticized by several shipping companies at the weekly meeting.",
    );
    let q = find(&qs, "The new toll plan was criticized", QuoteKind::Indirect);
    assert_eq!(mention(q), "several shipping companies");
    // No agent: no speaker, the sentence is still reported.
    let qs = quotes("The captain has been harshly criticized for the delays.");
    let q = find(
        &qs,
        "The captain has been harshly criticized",
        QuoteKind::Indirect,
    );
    assert!(q.speaker.is_none(), "{q:#?}");
}

#[test]
fn participle_cue_takes_the_main_subject_past_datelines_and_opening_phrases() {
    let qs = quotes(
        "GDANSK - Dock workers gathered on Friday at the gate, demanding that the night shifts be restored.",
    );
    let q = find(&qs, "the night shifts be restored", QuoteKind::Indirect);
    assert_eq!(mention(q), "Dock workers");
    let qs = quotes(
        "Stung by the criticism, Okafor revised her plan, promising to cut the tolls for small boats.",
    );
    let q = find(&qs, "to cut the tolls", QuoteKind::Indirect);
    assert_eq!(mention(q), "Okafor");
}

#[test]
fn a_two_word_object_of_a_stance_cue_is_reported() {
    let qs = quotes("Okafor had mocked the complaint, saying it came too late.");
    let q = find(&qs, "the complaint", QuoteKind::Indirect);
    assert_eq!(mention(q), "Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "mocked");
    assert_eq!(
        mention(find(&qs, "it came too late", QuoteKind::Indirect)),
        "Okafor"
    );
}

#[test]
fn an_embedded_quote_takes_the_nearest_likely_cue_before_it() {
    let qs = quotes("At the meeting, Okafor compared the toll plan to “a tax on every fishing boat” in the bay.");
    let q = find(&qs, "a tax on every fishing boat", QuoteKind::Mixed);
    assert_eq!(mention(q), "Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "compared");
    // A scare quote with no cue before it stays unattributed.
    assert!(quotes("The ferry left the “new” pier at noon.").is_empty());
}

#[test]
fn a_quote_closed_by_a_question_or_exclamation_mark_keeps_its_attribution() {
    let qs = quotes("“Who will pay for the new cranes?” Okafor asked.");
    let q = find(&qs, "Who will pay for the new cranes", QuoteKind::Direct);
    assert_eq!(mention(q), "Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "asked");
    let qs = quotes("“The harbour is ours!” the dock workers shouted at the gate.");
    let q = find(&qs, "The harbour is ours", QuoteKind::Direct);
    assert_eq!(mention(q), "the dock workers");
}

#[test]
fn a_participle_cue_after_a_thing_is_said_by_the_sentence_subject() {
    let qs = quotes(
        "Okafor handed reporters several pages criticizing the harbour plan for its delays.",
    );
    let q = find(&qs, "the harbour plan for its delays", QuoteKind::Indirect);
    assert_eq!(mention(q), "Okafor");
}

#[test]
fn reported_content_stops_before_a_new_clause_with_a_speaker_noun_subject() {
    let qs = quotes("Okafor said the talks had stalled, the union added that no date was set.");
    let first = find(&qs, "the talks had stalled", QuoteKind::Indirect);
    assert!(!first.text.contains("union"), "{first:#?}");
}

#[test]
fn a_word_often_a_noun_is_a_cue_before_to_or_that() {
    let qs = quotes("The harbour board plans to raise the tolls for small boats next year.");
    let q = find(&qs, "to raise the tolls", QuoteKind::Indirect);
    assert!(mention(q).ends_with("board"), "{q:#?}");
    // The same word as a noun heads nothing.
    assert!(
        quotes("The plans for the new quay were kept in a drawer at the harbour office.")
            .is_empty()
    );
}

#[test]
fn inverted_attribution_after_a_closing_mark_reports_the_sentence_before_it() {
    // The comma is inside the closing mark: "… “QUOTED,” said X".
    let qs = quotes(
        "However cheap the ferry, raising the toll “is a misguided approach,” said Mr. Okafor (a view shared by others).",
    );
    let q = find(&qs, "However cheap the ferry", QuoteKind::Indirect);
    assert_eq!(mention(q), "Mr. Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    // Reading goes on after the speaker: the relative clause has its own attribution.
    let qs = quotes(
        "As for the ferries, ''the harbour will pay for itself,'' said Ms. Okafor, who stressed that the port would lose no trade.",
    );
    assert_eq!(
        mention(find(&qs, "As for the ferries", QuoteKind::Indirect)),
        "Ms. Okafor"
    );
    let q = find(&qs, "the port would lose no trade", QuoteKind::Indirect);
    assert_eq!(q.cue.as_ref().unwrap().text, "stressed");
}

#[test]
fn a_name_with_an_appositive_before_the_cue_is_the_speaker() {
    let qs = quotes(
        "Dr. Ada Okafor, who as a navy captain was the harbour physician and later retired, said that in 1998 the port hid the spill.",
    );
    let q = find(&qs, "in 1998 the port hid the spill", QuoteKind::Indirect);
    assert_eq!(mention(q), "Dr. Ada Okafor");
    let qs = quotes(
        "Okafor -- co-editor of Harbour Days, a book about the port's early years -- said the mayor tended to make promises at those meetings.",
    );
    let q = find(
        &qs,
        "the mayor tended to make promises",
        QuoteKind::Indirect,
    );
    assert_eq!(mention(q), "Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    // The appositive must be closed by the mark that opened it, after a name.
    assert!(
        quotes("The harbour, which opened in 1998 -- said to be the oldest in the region.")
            .is_empty()
    );
}

#[test]
fn lowercase_modifiers_before_a_trailing_speaker_belong_to_it() {
    let qs = quotes("The harbour plan is an insult to all fishermen, top port officials said.");
    let q = find(&qs, "The harbour plan is an insult", QuoteKind::Indirect);
    assert_eq!(mention(q), "top port officials");
    // A determiner starts the phrase.
    let qs = quotes("The harbour plan is an insult to all fishermen, the port officials said.");
    assert_eq!(
        mention(find(&qs, "The harbour plan", QuoteKind::Indirect)),
        "the port officials"
    );
    // Without a comma before them the modifiers are not taken: no trailing attribution.
    let qs = quotes("The harbour plan angered port officials said to be close to the mayor.");
    assert!(!qs.iter().any(|q| mention(q).contains("port")), "{qs:#?}");
}

#[test]
fn a_relative_clause_attribution_ends_at_its_closing_comma() {
    let qs = quotes(
        "Mr. Okafor, who said that a harbour strike would be ruinous, told the council to wait.",
    );
    let q = find(
        &qs,
        "a harbour strike would be ruinous",
        QuoteKind::Indirect,
    );
    assert_eq!(q.text, "a harbour strike would be ruinous");
    assert_eq!(mention(q), "who");
    // The main clause keeps its own attribution.
    let q = find(&qs, "to wait", QuoteKind::Indirect);
    assert_eq!(mention(q), "Mr. Okafor");
    assert_eq!(q.cue.as_ref().unwrap().text, "told");
}

#[test]
fn a_bare_plural_noun_after_an_opening_clause_is_the_speaker() {
    let qs = quotes(
        "If the ferry company fails, local environmentalists said that the cost of cleaning the harbour could fall on taxpayers.",
    );
    let q = find(&qs, "the cost of cleaning the harbour", QuoteKind::Indirect);
    assert_eq!(mention(q), "local environmentalists");
    // An adverb ending in -s is no speaker, nor a noun before a participle.
    assert!(quotes("In the end, perhaps said the wrong thing about the tolls.").is_empty());
}

#[test]
fn an_inverted_cue_with_an_adjunct_in_mid_sentence_reports_both_sides() {
    let qs = quotes(
        "The middle fifth paid 8.9 percent, the agency said in a June report, and those in the bottom fifth paid 0.8 percent.",
    );
    let q = find(
        &qs,
        "The middle fifth paid 8.9 percent",
        QuoteKind::Indirect,
    );
    assert_eq!(mention(q), "the agency");
    assert_eq!(q.fragments.len(), 2, "{q:#?}");
    assert!(q
        .text
        .contains("those in the bottom fifth paid 0.8 percent"));
    // A participle after the adjunct is an attribution of its own.
    let qs =
        quotes("The harbour is safe, the mayor said in a June report, citing the new sea walls.");
    assert_eq!(
        find(&qs, "The harbour is safe", QuoteKind::Indirect)
            .fragments
            .len(),
        1
    );
    let q = find(&qs, "the new sea walls", QuoteKind::Indirect);
    assert_eq!(q.cue.as_ref().unwrap().text, "citing");
    assert_eq!(mention(q), "the mayor");
}

#[test]
fn a_relative_which_set_off_by_a_comma_or_dash_is_a_speaker() {
    let qs = quotes(
        "They turned to the harbour police, which reported 2,521 thefts in the port last year.",
    );
    let q = find(&qs, "2,521 thefts", QuoteKind::Indirect);
    assert_eq!(mention(q), "which");
    let qs = quotes("Instead, the study -- which says that 58 ports would owe more -- is a start.");
    let q = find(&qs, "58 ports would owe more", QuoteKind::Indirect);
    assert_eq!(q.text, "58 ports would owe more");
    // "which" with no comma or dash before it is not taken.
    let qs = quotes("They asked which reported thefts were solved.");
    assert!(!qs.iter().any(|q| mention(q) == "which"), "{qs:#?}");
}

#[test]
fn an_unseen_past_tense_verb_before_a_quoted_phrase_is_its_cue() {
    // "lauded" is in neither the lexicon nor the learned model.
    let qs = quotes(
        "In January the harbour master lauded Ms. Okafor in his yearly address for her “bold and patient leadership” of the port.",
    );
    let q = find(&qs, "bold and patient leadership", QuoteKind::Mixed);
    assert_eq!(q.cue.as_ref().unwrap().text, "lauded");
    assert_eq!(mention(q), "the harbour master");
    // A one-word span after such a verb is taken for a scare quote.
    assert!(quotes("In January the harbour master repaired the “old” crane.").is_empty());
}

#[test]
fn an_unseen_past_tense_verb_before_that_reports_the_clause() {
    // "discovered" is in neither the lexicon nor the learned model.
    let qs = quotes("The inspectors discovered that the cranes were never serviced.");
    let q = find(&qs, "the cranes were never serviced", QuoteKind::Indirect);
    assert_eq!(q.cue.as_ref().unwrap().text, "discovered");
    assert_eq!(mention(q), "The inspectors");
    // Without "that" it is no cue.
    assert!(quotes("The inspectors discovered the cranes in the yard.").is_empty());
}

#[test]
fn closing_according_to_governs_the_whole_sentence() {
    let qs = quotes(
        "The ferry company is weighing a second route across the bay, according to two harbour officials.",
    );
    let q = find(&qs, "The ferry company is weighing", QuoteKind::Indirect);
    assert_eq!(mention(q), "two harbour officials");
    assert_eq!(q.cue.as_ref().unwrap().text, "according to");
    assert_eq!(qs.len(), 1, "{qs:#?}");
}

#[test]
fn according_to_a_document_by_someone_names_its_author() {
    for (text, who) in [
        (
            "The bridge will close for repairs in May, according to a memo written by the county engineer.",
            "the county engineer",
        ),
        (
            "The bridge will close for repairs in May, according to interviews with local officials.",
            "local officials",
        ),
        (
            "According to a letter from Ms. Varga, the bridge will close for repairs in May.",
            "Ms. Varga",
        ),
    ] {
        let qs = quotes(text);
        let q = qs
            .iter()
            .find(|q| q.text.contains("the bridge will close") || q.text.contains("The bridge will close"))
            .unwrap_or_else(|| panic!("{text:?} gave {qs:#?}"));
        assert_eq!(mention(q), who, "{text:?}");
    }
}

#[test]
fn a_second_cue_of_the_same_subject_reports_its_own_content() {
    let qs = quotes(
        "The harbour master said the channel would reopen on Friday, and urged boat owners to stay in port until then.",
    );
    let q = find(&qs, "the channel would reopen", QuoteKind::Indirect);
    assert_eq!(q.text, "the channel would reopen on Friday");
    assert_eq!(mention(q), "The harbour master");
    let q = find(&qs, "boat owners to stay", QuoteKind::Indirect);
    assert_eq!(q.cue.as_ref().unwrap().text, "urged");
    assert_eq!(mention(q), "The harbour master");
    // a second verb that is no cue leaves the content whole
    let qs =
        quotes("The harbour master said the channel would reopen and ferries resumed service.");
    let q = find(&qs, "the channel would reopen", QuoteKind::Indirect);
    assert!(q.text.ends_with("resumed service"), "{qs:#?}");
}

#[test]
fn the_words_back_to_the_clause_start_are_the_subject() {
    for (text, who, start) in [
        (
            "Dredging the channel would be costly, but marine engineers say it is the only lasting fix.",
            "marine engineers",
            "it is the only lasting fix",
        ),
        (
            "Numerous veterans interviewed at rallies this week said they had caught nothing since the spill.",
            "Numerous veterans interviewed at rallies",
            "they had caught nothing",
        ),
    ] {
        let qs = quotes(text);
        let q = find(&qs, start, QuoteKind::Indirect);
        assert_eq!(mention(q), who, "{text:?}");
    }
    // a clause with a verb of its own before the cue has no such subject
    let qs = quotes("What the ferry crews were paid is what the union said was unfair.");
    assert!(
        qs.iter()
            .all(|q| mention(q) != "What the ferry crews were paid"),
        "{qs:#?}"
    );
}

#[test]
fn an_attribution_in_an_opening_subordinate_clause_ends_at_its_comma() {
    let qs = quotes(
        "While those polled said the tolls were too high, the board voted to raise them again.",
    );
    let q = find(&qs, "the tolls were too high", QuoteKind::Indirect);
    assert_eq!(q.text, "the tolls were too high");
    assert_eq!(mention(q), "those polled");
}

#[test]
fn a_question_put_to_someone_is_reported() {
    let qs = quotes("Asked about the new tolls, the harbour master said they were fair.");
    let q = find(&qs, "about the new tolls", QuoteKind::Indirect);
    assert!(q.speaker.is_none(), "{q:#?}");
    assert_eq!(q.cue.as_ref().unwrap().text, "Asked");
    find(&qs, "they were fair", QuoteKind::Indirect);
    let qs = quotes("Asked by a reporter whether the ferry would run, Ms. Varga shook her head.");
    let q = find(&qs, "whether the ferry would run", QuoteKind::Indirect);
    assert_eq!(mention(q), "a reporter");
    let qs = quotes("“We will see,” the harbour master said when asked about the tolls.");
    find(&qs, "about the tolls", QuoteKind::Indirect);
    // "asked" with a subject of its own is an ordinary cue, not a question put to someone
    let qs = quotes("The mayor asked about the tolls.");
    assert!(qs.iter().all(|q| q.speaker.is_some()), "{qs:#?}");
}

#[test]
fn an_expectation_held_by_no_one_named_reports_the_sentence() {
    let qs = quotes("The new ferry is widely expected to enter service in March.");
    let q = find(&qs, "The new ferry is widely expected", QuoteKind::Indirect);
    assert!(q.speaker.is_none());
    // no "is"/"are" before "expected": not this construction
    let qs = quotes("The new ferry expected to enter service in March was late.");
    assert!(qs.iter().all(|q| q.speaker.is_some()), "{qs:#?}");
}

#[test]
fn a_participle_after_an_opening_adjunct_takes_the_clause_subject() {
    let qs = quotes(
        "This spring, the harbour master spoke in Gdansk, saying the ferries would run all summer.",
    );
    let q = find(&qs, "the ferries would run", QuoteKind::Indirect);
    assert_eq!(mention(q), "the harbour master");
}

#[test]
fn a_cue_after_but_takes_the_subject_of_the_sentence() {
    let qs = quotes(
        "Ms. Varga cleared her debts in five years, but said she could not afford a second boat.",
    );
    let q = find(&qs, "she could not afford", QuoteKind::Indirect);
    assert_eq!(mention(q), "Ms. Varga");
}

#[test]
fn an_as_clause_reports_what_follows_its_comma() {
    let qs = quotes("As the harbour master noted, the channel silts up every winter.");
    let q = find(&qs, "the channel silts up", QuoteKind::Indirect);
    assert_eq!(mention(q), "the harbour master");
    assert_eq!(q.cue.as_ref().unwrap().text, "noted");
    // A sentence adverb before "as", a short adjunct between the cue and its comma.
    for (text, speaker) in [
        (
            "Yet, as the harbour master noted, the channel silts up every winter.",
            "the harbour master",
        ),
        (
            "As Okafor pointed out with a chart on Monday, the channel silts up every winter.",
            "Okafor",
        ),
    ] {
        let qs = quotes(text);
        let q = find(&qs, "the channel silts up", QuoteKind::Indirect);
        assert_eq!(mention(q), speaker, "{text:?}");
    }
    // Not an "as" clause of its sentence: the rest is not reported by it.
    let qs = quotes("The ferry ran late, as Okafor noted on Monday, and the channel silted up.");
    assert!(
        qs.iter().all(|q| !q.text.starts_with("and the channel")),
        "{qs:#?}"
    );
}

#[test]
fn mis_decoded_accents_stay_inside_names() {
    // "François" decomposed and read through the wrong charset.
    let text = "\"The ferry will run,\" said Fran\u{41}\u{303}\u{83}\u{41}\u{302}\u{a7}ois Okafor.";
    let qs = quotes(text);
    let q = find(&qs, "The ferry will run", QuoteKind::Direct);
    assert!(mention(q).ends_with("ois Okafor"), "{q:#?}");
    let a = analyze_text(text, &AnalyzeOptions::default());
    assert_eq!(a.people.len(), 1, "{:#?}", a.people);
    assert!(a.people[0].name.starts_with("Fran"), "{:#?}", a.people);
}

#[test]
fn quantifiers_and_long_phrases_are_clause_subjects() {
    let qs = quotes("The ferry is popular, but many say it will not survive the winter.");
    let q = find(&qs, "it will not survive", QuoteKind::Indirect);
    assert_eq!(mention(q), "many");
    let qs = quotes("Last year’s harbour statistics show that the channel is silting up.");
    let q = find(&qs, "the channel is silting up", QuoteKind::Indirect);
    assert_eq!(mention(q), "Last year’s harbour statistics");
}

#[test]
fn a_view_held_by_others_reports_the_sentence() {
    let qs = quotes("The harbour master is widely seen as a cautious manager.");
    let q = find(
        &qs,
        "The harbour master is widely seen",
        QuoteKind::Indirect,
    );
    assert!(q.speaker.is_none());
    assert_eq!(q.cue.as_ref().unwrap().text, "seen");
    let qs = quotes("The ferry operator was criticized by the union for the late sailings.");
    let q = find(
        &qs,
        "The ferry operator was criticized",
        QuoteKind::Indirect,
    );
    assert_eq!(mention(q), "the union");
}

#[test]
fn a_name_inside_a_clause_set_off_by_commas_is_not_the_speaker() {
    for text in [
        "Ms. Ruiz, who grew up near Aurora, Colorado, in the 1990s, said the ferry was her lifeline.",
        "Ms. Ruiz, who once worked in Gdansk, Riga and Tallinn, said the ferry was her lifeline.",
        "Ms. Ruiz, during a visit to Columbus, Ohio, said the ferry was her lifeline.",
    ] {
        let qs = quotes(text);
        let q = find(&qs, "the ferry was her lifeline", QuoteKind::Indirect);
        assert_eq!(mention(q), "Ms. Ruiz", "{text:?}");
    }
}

#[test]
fn a_time_adjunct_between_subject_and_cue_is_skipped() {
    let qs = quotes("Ms. Varga later Thursday told reporters that the ferry would run.");
    let q = find(&qs, "the ferry would run", QuoteKind::Indirect);
    assert_eq!(mention(q), "Ms. Varga");
    let qs = quotes("The mayor on Monday slammed the ferry operator for the delays.");
    let q = find(&qs, "the ferry operator", QuoteKind::Indirect);
    assert_eq!(mention(q), "The mayor");
}

#[test]
fn the_sentence_subject_skips_datelines_and_opening_clauses() {
    for (text, who) in [
        (
            "GDANSK, Poland (Wire) - The harbour master visited the crews on Monday and said the port would reopen.",
            "The harbour master",
        ),
        (
            "Shortly after the storm ended, the port authority issued a notice saying the channel was clear.",
            "the port authority",
        ),
        (
            "Once she was elected, Ms. Varga visited the islands, announcing a new ferry route.",
            "Ms. Varga",
        ),
    ] {
        let qs = quotes(text);
        let q = qs
            .iter()
            .find(|q| q.kind == QuoteKind::Indirect && q.speaker.is_some())
            .unwrap_or_else(|| panic!("{text:?} gave {qs:#?}"));
        assert_eq!(mention(q), who, "{text:?}");
    }
}

#[test]
fn a_capitalised_name_in_ly_is_no_adverb() {
    let qs = quotes("The ferry was late again. Connolly said the crews were not to blame.");
    let q = find(&qs, "the crews were not to blame", QuoteKind::Indirect);
    assert_eq!(mention(q), "Connolly");
}

#[test]
fn coordinated_and_contrasted_cues_each_report_their_own_content() {
    let qs = quotes(
        "The harbour master said little about the ferry operator but noted that three sailings were cancelled.",
    );
    let q = find(&qs, "three sailings were cancelled", QuoteKind::Indirect);
    assert_eq!(mention(q), "The harbour master");
    let qs = quotes(
        "Some skippers said they would stay in port, and others said they would sail anyway.",
    );
    let q = find(&qs, "they would stay in port", QuoteKind::Indirect);
    assert_eq!(q.text, "they would stay in port");
    let q = find(&qs, "they would sail anyway", QuoteKind::Indirect);
    assert_eq!(mention(q), "others");
}

#[test]
fn a_message_sent_by_someone_speaks_for_the_sender() {
    let qs =
        quotes("Minutes later, the harbour master sent an email saying the channel was clear.");
    let q = find(&qs, "the channel was clear", QuoteKind::Indirect);
    assert_eq!(mention(q), "the harbour master");
}

#[test]
fn reported_content_stops_before_the_attribution_of_a_direct_quote() {
    let text = "The row grew so heated over who backed which toll that the harbour master said, “I need a translator.”";
    // The rules' proposal (whether the scorer keeps "who backed" is its own call).
    let proposed = proposals(text);
    let q = find(&proposed, "which toll", QuoteKind::Indirect);
    assert_eq!(q.text, "which toll");
    let qs = quotes(text);
    let d = find(&qs, "I need a translator", QuoteKind::Direct);
    assert_eq!(mention(d), "the harbour master");
}

#[test]
fn a_closing_attribution_by_coordinated_sources_governs_the_sentence() {
    let qs = quotes(
        "Investigators want to know whether the crew knew the crane was faulty, current and former harbour officials said.",
    );
    let q = find(&qs, "Investigators want to know", QuoteKind::Indirect);
    assert_eq!(mention(q), "current and former harbour officials");
    let qs = quotes(
        "The ferry struck the pier and listed for an hour as the crew worked the pumps, port officials said, before it was towed away.",
    );
    let q = find(&qs, "The ferry struck the pier", QuoteKind::Indirect);
    assert_eq!(mention(q), "port officials");
    assert_eq!(q.fragments.len(), 2, "{q:#?}");
}

#[test]
fn an_impression_has_no_named_holder() {
    let qs = quotes("The ferry crews seemed certain to strike before the summer.");
    let q = find(&qs, "The ferry crews seemed", QuoteKind::Indirect);
    assert!(q.speaker.is_none(), "{q:#?}");
    assert_eq!(q.cue.as_ref().unwrap().text, "seemed");
    // The rules propose "known as" with no holder; the learned scorer judges such a
    // proposal unlikely (a name, not a view) and leaves it out of the output.
    let text = "The captain became known as the Grey Lady of the bay.";
    let proposed = proposals(text);
    let q = find(&proposed, "The captain became known", QuoteKind::Indirect);
    assert!(q.speaker.is_none(), "{q:#?}");
    assert!(quotes(text).is_empty(), "{:#?}", quotes(text));
    // "seemed to suggest" reports the subject's own words
    let qs = quotes("The harbour master seemed to suggest that the tolls would rise.");
    assert!(qs.iter().all(|q| q.speaker.is_some()), "{qs:#?}");
}

#[test]
fn a_participle_or_infinitive_cue_takes_the_clause_subject() {
    let qs = quotes("The harbour master emailed skippers saying: “The channel is open.”");
    let q = find(&qs, "The channel is open", QuoteKind::Direct);
    assert_eq!(mention(q), "The harbour master");
    let qs = quotes("The harbour master went on to say, “The channel is open.”");
    let q = find(&qs, "The channel is open", QuoteKind::Direct);
    assert_eq!(mention(q), "The harbour master");
    let qs = quotes("The harbour master went on to say that the tolls would rise.");
    let q = find(&qs, "the tolls would rise", QuoteKind::Indirect);
    assert_eq!(mention(q), "The harbour master");
}

#[test]
fn a_short_quote_with_no_cue_does_not_continue_the_last_speaker() {
    let qs =
        quotes("“The channel will reopen on Friday,” the harbour master said.\n“Not this week.”");
    assert!(
        qs.iter().all(|q| !q.text.starts_with("Not this week")),
        "{qs:#?}"
    );
    // a longer one does
    let qs = quotes(
        "“The channel will reopen on Friday,” the harbour master said.\n“Then the ferries can run every hour again.”",
    );
    let q = find(&qs, "Then the ferries can run", QuoteKind::Direct);
    assert_eq!(mention(q), "the harbour master");
}

#[test]
fn a_participle_appositive_or_a_time_adjunct_after_commas_is_skipped() {
    let qs = quotes(
        "Ms. Varga, facing a close race in Gdansk, a port city, said she would keep the ferry.",
    );
    let q = find(&qs, "she would keep the ferry", QuoteKind::Indirect);
    assert_eq!(mention(q), "Ms. Varga");
    let qs = quotes(
        "Ms. Varga, whose plans have upset the port, last year proposed a toll on every ferry.",
    );
    let q = find(&qs, "a toll on every ferry", QuoteKind::Indirect);
    assert_eq!(mention(q), "Ms. Varga");
}

#[test]
fn a_time_phrase_between_subject_and_cue_is_skipped() {
    for (text, speaker) in [
        (
            "The mayor for the first time said the port was unsafe.",
            "The mayor",
        ),
        ("Ms Ray at the time said the pier was safe.", "Ms Ray"),
        (
            "The mayor earlier in the day argued that the tolls were too low.",
            "The mayor",
        ),
    ] {
        let got = quotes(text);
        assert_eq!(got.len(), 1, "{text}: {got:#?}");
        assert_eq!(mention(&got[0]), speaker, "{text}");
    }
}

#[test]
fn a_cue_word_after_a_determiner_heads_the_speaker_phrase() {
    for text in [
        "The report said the port was unsafe.",
        "The report found that the port was unsafe.",
    ] {
        let got = quotes(text);
        assert_eq!(got.len(), 1, "{text}: {got:#?}");
        assert_eq!(mention(&got[0]), "The report", "{text}");
        assert_eq!(got[0].text, "the port was unsafe", "{text}");
    }
}

#[test]
fn a_participle_after_an_object_takes_the_subject_of_the_verb_before() {
    let qs =
        quotes("He then defended the remark, saying, “I do not think the tolls are too high.”");
    let q = find(&qs, "I do not think", QuoteKind::Direct);
    assert_eq!(mention(q), "He");
    // "told me" names the hearer, never the speaker.
    let qs = quotes(
        "John Okafor, the head of the ferry company -- which also runs the buses, which are cheap -- told me, ''We do not set the tolls.''",
    );
    let q = find(&qs, "We do not set the tolls", QuoteKind::Direct);
    assert_ne!(
        q.speaker
            .as_ref()
            .and_then(|s| s.mention.as_ref())
            .map(|m| m.text.as_str()),
        Some("me")
    );
}

#[test]
fn reported_content_stops_before_a_relative_clause_with_its_own_cue() {
    let qs =
        quotes("The mayor praised the new pier, which the engineers said would last a century.");
    assert_eq!(
        find(&qs, "the new pier", QuoteKind::Indirect).text,
        "the new pier"
    );
    // The relative clause is reported whole, its relative word included.
    let q = find(&qs, "which the engineers said", QuoteKind::Indirect);
    assert_eq!(q.text, "which the engineers said would last a century");
    assert_eq!(mention(q), "the engineers");
    // With no cue in it, the relative clause stays in the content.
    let qs = quotes("The mayor praised the new pier, which opened in May.");
    assert_eq!(
        find(&qs, "the new pier", QuoteKind::Indirect).text,
        "the new pier, which opened in May"
    );
}

#[test]
fn a_bare_plural_subject_after_but_opens_a_new_attribution() {
    let qs = quotes(
        "The mayor said the pier was safe, but people familiar with the talks say the repairs will take a year.",
    );
    assert_eq!(
        find(&qs, "the pier was safe", QuoteKind::Indirect).text,
        "the pier was safe"
    );
    let q = find(&qs, "the repairs will take a year", QuoteKind::Indirect);
    assert_eq!(mention(q).to_lowercase(), "people");
    let qs = quotes("People familiar with the talks said the repairs will take a year.");
    assert_eq!(mention(&qs[0]), "People");
}

#[test]
fn a_coordinated_cue_takes_the_subject_of_the_cue_before_it() {
    for text in [
        "Okafor, the former harbour master, proposed a new toll and said the mayor should resign.",
        "In the end the port reopened, as Okafor argued the tolls were too low and said the mayor should resign.",
    ] {
        let qs = quotes(text);
        let q = find(&qs, "the mayor should resign", QuoteKind::Indirect);
        assert_eq!(mention(q), "Okafor", "{text}");
    }
}

#[test]
fn a_direct_quote_after_a_name_with_a_plain_appositive_or_a_but_clause() {
    for (text, start, speaker) in [
        (
            "Michael Okafor, pastor of the Old Harbour Church of Christ and a port supporter, said: “I have heard a lot of mayors pray.”",
            "I have heard",
            "Michael Okafor",
        ),
        (
            "Jennifer Okafor, communications director for the port campaign, said in a statement: “The tolls are a tragedy for the town.”",
            "The tolls are a tragedy",
            "Jennifer Okafor",
        ),
        (
            "He praised those who left but said, “We are in a different ballgame now.”",
            "We are in a different ballgame",
            "He",
        ),
        (
            "Appearing before supporters, Okafor, 70, said it was too early to celebrate but added, “I think you all have an idea of the results.”",
            "I think you all",
            "Okafor",
        ),
    ] {
        let qs = quotes(text);
        let q = find(&qs, start, QuoteKind::Direct);
        assert_eq!(mention(q), speaker, "{text}");
    }
}

#[test]
fn a_cue_after_a_verb_and_to_takes_that_verbs_subject() {
    let qs = quotes("The tolls rose in May and Okafor tried to claim that they were legal.");
    let q = find(&qs, "they were legal", QuoteKind::Indirect);
    assert_eq!(mention(q), "Okafor");
}

#[test]
fn the_learned_scorer_rejects_reported_speech_that_is_no_attribution() {
    // "fired" proposes "every question back at the inspectors" (a learned cue of stance); the scorer
    // sees a proposal with no clause for content and drops it. A real attribution in
    // the same text is kept, and so is a direct quote, which the scorer never judges.
    let text = "Okafor said her deputy had not seen the report. But the skipper fired every question back at the inspectors.\n“It was absurd,” Okafor said.";
    let proposed: Vec<String> = quote_candidates(text, &AnalyzeOptions::default())
        .into_iter()
        .map(|c| c.quote.text)
        .collect();
    assert!(
        proposed.iter().any(|t| t.starts_with("every question")),
        "{proposed:#?}"
    );
    let qs = quotes(text);
    assert!(
        qs.iter().all(|q| !q.text.starts_with("every question")),
        "{qs:#?}"
    );
    find(&qs, "her deputy had not seen", QuoteKind::Indirect);
    find(&qs, "It was absurd", QuoteKind::Direct);
}

#[test]
fn a_sentence_with_an_attribution_gets_a_second_look_at_its_other_words() {
    // The direct quote and its cue are found first; "chose to" after another subject
    // in the same sentence is proposed as well, its content stopping at the sentence's
    // end and never reaching into the quote or its attribution.
    let text =
        "“We are broke,” Okafor said as the board chose to sell the old ferry to a scrapyard.";
    let proposed = proposals(text);
    let q = find(&proposed, "to sell the old ferry", QuoteKind::Indirect);
    assert_eq!(q.text, "to sell the old ferry to a scrapyard");
    assert_eq!(mention(q), "the board");
    assert_eq!(q.cue.as_ref().unwrap().text, "chose");
    let qs = quotes(text);
    let d = find(&qs, "We are broke", QuoteKind::Direct);
    assert_eq!(mention(d), "Okafor");
    // Content never runs into another attribution's speaker: "Okafor, who" is not
    // what the union endorsed.
    let proposed =
        proposals("The ferry union endorsed Okafor, who says she will fight the new tolls.");
    assert!(
        proposed.iter().all(|q| !q.text.contains("Okafor, who")),
        "{proposed:#?}"
    );
}

#[test]
fn a_stance_held_by_a_possessor_is_proposed_with_the_possessor_as_source() {
    let proposed =
        proposals("Okafor doubled down on her attacks on the harbour board at a rally on Friday.");
    let q = find(&proposed, "the harbour board", QuoteKind::Indirect);
    assert_eq!(mention(q), "her");
    assert_eq!(q.cue.as_ref().unwrap().text, "attacks");
    // A stance that is the subject of its clause names a statement and reports none.
    let proposed = proposals("Okafor’s plan for the northern pier was shelved on Friday.");
    assert!(
        proposed
            .iter()
            .all(|q| q.cue.as_ref().unwrap().text != "plan"),
        "{proposed:#?}"
    );
    let proposed = proposals("Her statement about the pier came late on Friday.");
    assert!(proposed.is_empty(), "{proposed:#?}");
}

#[test]
fn a_short_clause_after_the_cue_is_its_content_not_a_trailing_adjunct() {
    // "On Monday, Okafor said Ray would resign.": the few words after "said" are its
    // clause (a modal verb in them), not an adjunct closing "CONTENT, X said …".
    for text in [
        "On Monday, Okafor said Ray would resign.",
        "In a note to staff, Okafor said Ray’s ferry would stop.",
    ] {
        let proposed = proposals(text);
        let q = find(&proposed, "Ray", QuoteKind::Indirect);
        assert!(
            q.text.ends_with("would resign") || q.text.ends_with("would stop"),
            "{q:#?}"
        );
        assert_eq!(mention(q), "Okafor");
        assert!(
            proposed
                .iter()
                .all(|q| !q.text.starts_with("On Monday") && !q.text.starts_with("In a note")),
            "{proposed:#?}"
        );
    }
    // A closing adjunct or an inverted speaker still makes a trailing attribution.
    let qs = proposals("The ferry will stop, Okafor said on Monday.");
    assert_eq!(
        find(&qs, "The ferry will stop", QuoteKind::Indirect).text,
        "The ferry will stop"
    );
    let qs = proposals("The ferry will stop, said Okafor.");
    assert_eq!(
        mention(find(&qs, "The ferry will stop", QuoteKind::Indirect)),
        "Okafor"
    );
}

#[test]
fn a_participle_after_a_comma_inside_a_closing_mark_starts_its_own_attribution() {
    let text =
        "Okafor insisted that she had “saved the ferry,” claiming that the tolls paid for it.";
    let proposed = proposals(text);
    let first = find(&proposed, "she had", QuoteKind::Indirect);
    assert!(!first.text.contains("claiming"), "{first:#?}");
    let second = find(&proposed, "the tolls paid", QuoteKind::Indirect);
    assert_eq!(second.cue.as_ref().unwrap().text, "claiming");
    assert_eq!(mention(second), "Okafor");
}

#[test]
fn talks_about_reports_its_object_like_talked_about() {
    for (text, content) in [
        (
            "Okafor talks about a new ferry at every stop.",
            "a new ferry",
        ),
        ("Okafor speaks about the tolls.", "the tolls"),
        (
            "Ray and her allies talk about the harbour fund.",
            "the harbour fund",
        ),
    ] {
        let proposed = proposals(text);
        let q = find(&proposed, content, QuoteKind::Indirect);
        assert!(q.cue.as_ref().unwrap().text.ends_with("about"), "{q:#?}");
    }
}

#[test]
fn a_cue_taken_by_a_direct_quote_reports_nothing_more() {
    // "said" belongs to the question before it; "of the board in May" is no content.
    let text =
        "“Who do they think they are?” Okafor said of the board in May, when it raised the tolls.";
    let proposed = proposals(text);
    let d = find(&proposed, "Who do they think", QuoteKind::Direct);
    assert_eq!(mention(d), "Okafor");
    assert!(
        proposed.iter().all(|q| !q.text.starts_with("of the board")),
        "{proposed:#?}"
    );
}

#[test]
fn a_name_after_its_description_and_before_the_cue_is_the_subject() {
    let text = "One of the authors of that 2019 report, Ada Okafor, said the new tolls will fail.";
    let proposed = proposals(text);
    let q = find(&proposed, "the new tolls will fail", QuoteKind::Indirect);
    assert!(mention(q).ends_with("Ada Okafor"), "{q:#?}");
    // a verb after the noun phrase after "said" makes it the content's subject, never an
    // inverted speaker of what came before the comma
    assert!(
        proposed
            .iter()
            .all(|q| !q.text.starts_with("One of the authors")),
        "{proposed:#?}"
    );
}

#[test]
fn a_number_belongs_to_the_speaker_phrase_it_counts() {
    let proposed = proposals("Only 7 percent said they would pay the new tolls.");
    let q = find(&proposed, "they would pay", QuoteKind::Indirect);
    assert_eq!(mention(q), "Only 7 percent");
    // so an opening "while" clause is seen as one: it reports up to its comma
    let proposed =
        proposals("While 7 percent said they were undecided, most voters backed the ferry plan.");
    let q = find(&proposed, "they were undecided", QuoteKind::Indirect);
    assert_eq!(q.text, "they were undecided");
    assert_eq!(mention(q), "7 percent");
}

#[test]
fn reported_content_stops_before_a_counted_group_with_its_own_cue() {
    let proposed = proposals(
        "Most riders said the ferry should run, and 27 percent of them said it should stop.",
    );
    let first = find(&proposed, "the ferry should run", QuoteKind::Indirect);
    assert_eq!(first.text, "the ferry should run");
    let second = find(&proposed, "it should stop", QuoteKind::Indirect);
    assert_eq!(mention(second), "27 percent of them");
}

#[test]
fn poll_answers_and_proportions_are_attributed() {
    // a one-word answer is the content
    let proposed = proposals("Asked if the tolls were fair, 46 percent of riders said yes.");
    let q = find(&proposed, "yes", QuoteKind::Indirect);
    assert_eq!(q.text, "yes");
    assert_eq!(mention(q), "46 percent of riders");
    // "one in five" is a plural speaker for a bare "say"
    let proposed = proposals("About one in five say they would not ride the ferry.");
    let q = find(&proposed, "they would not ride", QuoteKind::Indirect);
    assert_eq!(mention(q), "About one in five");
    // a share in percent, and "those surveyed", are plural too
    let proposed = proposals("Riders are split: 42% say they would pay more.");
    let q = find(&proposed, "they would pay more", QuoteKind::Indirect);
    assert_eq!(mention(q), "42%");
    let proposed = proposals("By big margins, those surveyed say the ferry should run.");
    let q = find(&proposed, "the ferry should run", QuoteKind::Indirect);
    assert_eq!(mention(q), "those surveyed");
    // ", compared with" another group ends the content
    let proposed = proposals(
        "Most riders say the ferry is late, compared with 30 percent who say it is on time.",
    );
    let q = find(&proposed, "the ferry is late", QuoteKind::Indirect);
    assert_eq!(q.text, "the ferry is late");
    let q = find(&proposed, "it is on time", QuoteKind::Indirect);
    assert_eq!(mention(q), "who");
}

#[test]
fn a_stance_phrase_the_rules_cannot_parse_is_found_by_the_tagger() {
    // "has focused on" is no reporting verb of the lexicon and no clause follows it; the
    // learned tagger marks cue, source and content, and the rules agree on the subject.
    let qs = quotes("The mayor has focused on the cost of the bridge repairs.");
    let q = find(&qs, "the cost of the bridge repairs", QuoteKind::Indirect);
    assert_eq!(mention(q), "The mayor");
    assert_eq!(q.cue.as_ref().unwrap().text, "has focused on");
}

#[test]
fn the_tagger_proposes_nothing_where_its_source_is_not_the_cue_subject() {
    // Every tagged proposal needs a tagged source that the rules also find as the
    // subject of the tagged cue, in words no rule has used.
    for text in [
        "The ferry left the harbour at noon.",
        "The mayor has focused on the cost of the bridge repairs.",
        "Harbour staff have focused on safety drills since the storm.",
        "“The tolls will double,” the mayor said, and the council focused on the bridge.",
    ] {
        for q in proposals(text) {
            let Some(cue) = &q.cue else { continue };
            let Some(m) = q.speaker.as_ref().and_then(|s| s.mention.as_ref()) else {
                continue;
            };
            assert!(m.end <= cue.start || m.start >= cue.end, "{text:?}: {q:#?}");
            assert!(q.start >= cue.end || q.end <= cue.start, "{text:?}: {q:#?}");
        }
    }
    assert!(proposals("The ferry left the harbour at noon.").is_empty());
}
