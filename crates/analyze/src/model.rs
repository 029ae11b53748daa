//! The data the analyze stage produces. Plain, serializable types; every offset
//! counts chars (Unicode scalar values) in the text of its [`TextPart`], end exclusive.

use newsdesk_extract::Article;
use serde::{Deserialize, Serialize};

/// Which text of the article an offset points into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextPart {
    /// The article body (the default).
    #[default]
    Body,
    /// The dek (subtitle).
    Dek,
    /// The headline.
    Title,
}

impl TextPart {
    fn is_body(&self) -> bool {
        *self == TextPart::Body
    }
}

/// A half-open range of chars `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

/// A piece of text found at a place: a speaker mention, a cue, a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The text as written.
    pub text: String,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The text it is in (omitted in JSON when `body`).
    #[serde(default, skip_serializing_if = "TextPart::is_body")]
    pub part: TextPart,
}

/// How a quote is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Fully inside quotation marks: “We believe the threat is real,” he said.
    Direct,
    /// A partial quote inside reported speech: he said Russia had “no intention”.
    Mixed,
    /// Reported speech without quotation marks: she said that talks would go on.
    Indirect,
}

impl QuoteKind {
    /// The kind's name as it is serialized: "direct", "mixed" or "indirect".
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// What kind of entity a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named or described person.
    Person,
    /// An organisation or country ("Russia said", "the Kremlin said").
    Organization,
    /// An unnamed group ("US officials believe", "people familiar with the matter").
    Group,
}

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The mention as written next to the quote ("he", "Mr. Rybakov", "White House national
    /// security adviser"), with its offsets.
    pub mention: Option<Mention>,
    /// The person or organisation the mention resolves to in this document ("Sergei Ryabkov").
    pub name: Option<String>,
    /// The speaker's role, if the document gives one ("Deputy Russian Foreign Minister").
    pub role: Option<String>,
    /// Person, organisation or group.
    pub kind: SpeakerKind,
}

/// A quote: what was said, how, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted content (fragments joined by a space when interrupted by the cue).
    pub text: String,
    /// First char of the content (of its first fragment).
    pub start: usize,
    /// One past the last char of the content (of its last fragment).
    pub end: usize,
    /// The content's pieces: one, or several when the cue interrupts it
    /// ("A," he said, "B." is one quote with two fragments).
    pub fragments: Vec<Span>,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The verb or phrase that introduces it ("said", "according to"), with offsets.
    pub cue: Option<Mention>,
    /// Who said it; `None` when the text does not say.
    pub speaker: Option<Speaker>,
    /// The text the offsets point into (omitted in JSON when `body`).
    #[serde(default, skip_serializing_if = "TextPart::is_body")]
    pub part: TextPart,
}

/// A person named in the document, once, with every mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The fullest form of the name found ("Sergei Ryabkov").
    pub name: String,
    /// Every mention resolved to this person, in text order ("Sergei Ryabkov", "Mr Ryabkov", "he"…).
    pub mentions: Vec<Mention>,
    /// Roles from titles and appositives ("Deputy Russian Foreign Minister").
    pub roles: Vec<String>,
}

/// An organisation or a place named in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The name ("NATO", "Geneva").
    pub name: String,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// When an event happens or happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct When {
    /// The phrase as written ("Monday", "on Wednesday").
    pub text: String,
    /// The ISO 8601 date it resolves to, when the publication date is known.
    pub date: Option<String>,
}

/// A meeting, talks, a session: who met whom, where, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// What it is ("talks", "meeting of the NATO-Russia Council").
    pub what: String,
    /// Where it takes place, if said.
    #[serde(rename = "where")]
    pub place: Option<String>,
    /// When it takes place, if said.
    pub when: Option<When>,
    /// Names of the people (or organisations) taking part.
    pub participants: Vec<String>,
    /// Where the event is mentioned.
    pub mention: Option<Mention>,
}

/// Everything the analyze stage finds in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// Quotes in text order (title, dek, then body).
    pub quotes: Vec<Quote>,
    /// People, each once.
    pub people: Vec<Person>,
    /// Organisations, each once.
    pub organizations: Vec<Entity>,
    /// Places, each once.
    pub places: Vec<Entity>,
    /// Events.
    pub events: Vec<Event>,
}

/// An article with its analysis: the JSON of `newsdesk analyze` (article fields and
/// analysis fields side by side).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalyzedArticle {
    /// The extracted article.
    #[serde(flatten)]
    pub article: Article,
    /// What analysis found in it.
    #[serde(flatten)]
    pub analysis: Analysis,
}
