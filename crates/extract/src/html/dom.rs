//! A compact arena DOM built from html5ever's tokenizer.
//!
//! Why not a full HTML5 tree builder: parse-only cost measured on the extraction
//! benchmark (124 pages, 19.8 MB, one core, release build):
//!
//! | parser | ms/page | MB/s | notes |
//! |---|---|---|---|
//! | tl 0.7 | 0.16 | 1000 | no raw-text states (`<script>` content parsed as tags), a close tag only pops a matching top of stack |
//! | lol_html 2.9 (`*` handler + text + end tags) | 0.28 | 560 | streaming; end tags not reported for implicitly closed elements; 100 000 unmatched close tags under 100 000 open ones took 13.6 s (quadratic) |
//! | html5ever 0.27 tokenizer only | 0.60 | 265 | WHATWG tokenizer, linear |
//! | html5ever 0.27 + markup5ever_rcdom | 0.91–0.97 | 165–175 | full tree builder; over half the per-page budget |
//!
//! (html5ever 0.36, the version used, measured 0.84 ms/page tokenizer-only in a run
//! on a busier machine where tl took 0.24 and lol_html 0.45: the same ratios.)
//! The budget is 1.43 ms/page for 700 pages per CPU-second, of which gunzip and
//! charset decoding take about 0.27 ms.
//!
//! Before tokenizing, the bodies of `<script>`, `<style>` and `<svg>` and all
//! comments are cut out by a memchr scan (`Pieces`): often half of a news page's
//! bytes, never article text. JSON-LD scripts are kept.
//!
//! So we use html5ever's spec tokenizer (entities, raw-text states, attributes all
//! correct) and build the tree ourselves with a small set of implied-end-tag rules.
//! That keeps the cost linear and lets us enforce [`crate::Options::max_depth`]:
//! elements deeper than the limit are attached to their ancestor at the limit
//! (flattened), and close tags search at most [`CLOSE_SEARCH_DEPTH`] open elements,
//! so no input makes tree building quadratic. Nothing here recurses.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    states::RawKind, BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use html5ever::{local_name, Attribute, LocalName};
use std::cell::RefCell;
use std::time::Instant;

/// How many open elements a close tag looks through for its match; an unmatched
/// close tag deeper than this is ignored (keeps hostile inputs linear).
pub const CLOSE_SEARCH_DEPTH: usize = 48;

/// Parsed whatever the time budget says (a page's head alone can be this long), so
/// that a spent budget still yields the start of the article.
const MIN_PARSE_BYTES: usize = 256 * 1024;

/// Input is fed to the tokenizer in chunks of this many bytes (bounded extra memory).
const CHUNK_BYTES: usize = 64 * 1024;

/// The document cut into the pieces the tokenizer needs to see: comments and the
/// bodies of `<script>` (other than JSON-LD), `<style>` and `<svg>` elements are left
/// out, since they are often half of a news page's bytes and never hold article
/// text. A skipped body ends where the HTML raw-text state would end it: at the next
/// `</script`, `</style` (ASCII case-insensitive), or `</svg`; a comment at `-->`.
struct Pieces<'a> {
    html: &'a str,
    pos: usize,
}

impl<'a> Pieces<'a> {
    fn new(html: &'a str) -> Self {
        Pieces { html, pos: 0 }
    }
}

/// Find `needle` (lower-case ASCII, starting with a byte that has no case) in
/// `hay`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        i += memchr::memchr(first, &hay[i..])?;
        if i + needle.len() <= hay.len() && hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.html.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        let mut i = start;
        loop {
            let Some(off) = memchr::memchr(b'<', &bytes[i..]) else {
                self.pos = bytes.len();
                return Some(&self.html[start..]);
            };
            let lt = i + off;
            let rest = &bytes[lt + 1..];
            if rest.starts_with(b"!--") {
                // A comment: leave it out whole.
                let end = find_ci(&rest[3..], b"-->").map_or(bytes.len(), |e| lt + 4 + e + 3);
                self.pos = end;
                return Some(&self.html[start..lt]);
            }
            let kind: Option<&[u8]> =
                if rest.len() >= 6 && rest[..6].eq_ignore_ascii_case(b"script") {
                    Some(b"</script")
                } else if rest.len() >= 5 && rest[..5].eq_ignore_ascii_case(b"style") {
                    Some(b"</style")
                } else if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"svg") {
                    Some(b"</svg")
                } else {
                    None
                };
            let Some(close) = kind else {
                i = lt + 1;
                continue;
            };
            let name_len = close.len() - 2;
            let after_name = rest.get(name_len).copied().unwrap_or(b'>');
            if !(after_name == b'>' || after_name == b'/' || after_name.is_ascii_whitespace()) {
                i = lt + 1;
                continue;
            }
            let Some(gt) = memchr::memchr(b'>', &bytes[lt..]) else {
                self.pos = bytes.len();
                return Some(&self.html[start..]);
            };
            let body_start = lt + gt + 1;
            let tag = &bytes[lt..body_start];
            if find_ci(tag, b"ld+json").is_some() {
                i = body_start;
                continue;
            }
            // Emit up to the end of the start tag; resume at the close tag.
            let end = find_ci(&bytes[body_start..], close).map_or(bytes.len(), |e| body_start + e);
            self.pos = end;
            return Some(&self.html[start..body_start]);
        }
    }
}

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// What a node is.
#[derive(Debug)]
pub enum NodeKind {
    /// The document root (index 0).
    Document,
    /// An element with its (lower-case) name and attributes.
    Element {
        /// Tag name.
        name: LocalName,
        /// Attributes as written.
        attrs: Vec<Attribute>,
    },
    /// A text run (entities already decoded).
    Text(StrTendril),
}

/// One node of the arena.
#[derive(Debug)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Parent index (the root is its own parent).
    pub parent: NodeId,
    /// Children in document order.
    pub children: Vec<NodeId>,
}

impl Node {
    /// The element name, if an element.
    pub fn name(&self) -> Option<&LocalName> {
        match &self.kind {
            NodeKind::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// An attribute value by interned name (`local_name!("class")`): cheaper than
    /// [`Node::attr`] on hot paths, since atoms compare as integers.
    pub fn attr_atom(&self, key: &LocalName) -> Option<&str> {
        match &self.kind {
            NodeKind::Element { attrs, .. } => attrs
                .iter()
                .find(|a| a.name.local == *key)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    /// An attribute value by (lower-case) name.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match &self.kind {
            NodeKind::Element { attrs, .. } => attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| &*a.value),
            _ => None,
        }
    }
}

/// The parsed document. Nodes are stored in document order, so a parent always has
/// a smaller index than its children: bottom-up passes iterate indices in reverse.
#[derive(Debug)]
pub struct Dom {
    /// All nodes; index 0 is the document.
    pub nodes: Vec<Node>,
    /// True when the time budget ran out while parsing (the tree is a prefix).
    pub truncated: bool,
}

impl Dom {
    /// Parse `html`, keeping at most `max_depth` levels of nesting; stops early
    /// (keeping what was parsed) once `deadline` has passed.
    pub fn parse(html: &str, max_depth: usize, deadline: Instant) -> Dom {
        let sink = Builder {
            state: RefCell::new(State {
                nodes: vec![Node {
                    kind: NodeKind::Document,
                    parent: 0,
                    children: Vec::new(),
                }],
                stack: vec![0],
                overflow: 0,
                max_depth: max_depth.max(2),
            }),
        };
        let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
        let queue = BufferQueue::default();
        let mut truncated = false;
        let mut fed = 0usize;
        'pieces: for piece in Pieces::new(html) {
            let mut rest = piece;
            while !rest.is_empty() {
                // Always parse the first bytes, so a spent budget still yields a body.
                if fed >= MIN_PARSE_BYTES && Instant::now() > deadline {
                    truncated = true;
                    break 'pieces;
                }
                let mut cut = rest.len().min(CHUNK_BYTES);
                while !rest.is_char_boundary(cut) {
                    cut += 1;
                }
                queue.push_back(StrTendril::from_slice(&rest[..cut]));
                rest = &rest[cut..];
                fed += cut;
                let _ = tokenizer.feed(&queue);
            }
        }
        tokenizer.end();
        let state = tokenizer.sink.state.into_inner();
        Dom {
            nodes: state.nodes,
            truncated,
        }
    }

    /// Node by id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// Ids of all elements named `name`, in document order.
    pub fn elements_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.name().is_some_and(|x| &**x == name))
            .map(|(i, _)| i as NodeId)
    }

    /// Concatenated text of the subtree at `id` (iterative), whitespace collapsed.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            let node = self.node(n);
            match &node.kind {
                NodeKind::Text(t) => push_collapsed(&mut out, t),
                NodeKind::Element { name, .. } if is_invisible(name) => {}
                _ => stack.extend(node.children.iter().rev()),
            }
        }
        out.trim().to_string()
    }
}

/// Append `text` to `out` with runs of white space collapsed to one space.
pub fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') && !out.ends_with('\n') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Elements whose content is never visible text.
pub fn is_invisible(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("head")
            | local_name!("title")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("textarea")
            | local_name!("select")
            | local_name!("canvas")
    )
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("keygen")
    )
}

/// Start tags that close an open `<p>` (the HTML "closes a p element" list).
fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hr")
            | local_name!("main")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("table")
            | local_name!("ul")
            | local_name!("li")
    )
}

struct State {
    nodes: Vec<Node>,
    /// Open elements (indices), root first.
    stack: Vec<NodeId>,
    /// Open elements beyond `max_depth` that were flattened (not pushed).
    overflow: usize,
    max_depth: usize,
}

struct Builder {
    state: RefCell<State>,
}

impl State {
    fn top(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn name_at(&self, id: NodeId) -> Option<&LocalName> {
        self.nodes[id as usize].name()
    }

    fn append(&mut self, kind: NodeKind) -> NodeId {
        let parent = self.top();
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            kind,
            parent,
            children: Vec::new(),
        });
        self.nodes[parent as usize].children.push(id);
        id
    }

    fn text(&mut self, t: StrTendril) {
        let parent = self.top();
        if let Some(&last) = self.nodes[parent as usize].children.last() {
            if let NodeKind::Text(prev) = &mut self.nodes[last as usize].kind {
                prev.push_tendril(&t);
                return;
            }
        }
        self.append(NodeKind::Text(t));
    }

    /// Pop up to and including the nearest open `name` within the search window,
    /// not crossing any element in `barriers`.
    fn close(&mut self, name: &LocalName, barriers: &[LocalName]) -> bool {
        let len = self.stack.len();
        for back in 1..len.min(CLOSE_SEARCH_DEPTH + 1) {
            let id = self.stack[len - back];
            match self.name_at(id) {
                Some(n) if n == name => {
                    self.stack.truncate(len - back);
                    return true;
                }
                Some(n) if barriers.contains(n) => return false,
                _ => {}
            }
        }
        false
    }

    fn start(&mut self, tag: Tag) -> Option<RawKind> {
        let name = tag.name;
        if self.overflow == 0 {
            if closes_p(&name) && self.name_at(self.top()) == Some(&local_name!("p")) {
                self.stack.pop();
            }
            match name {
                local_name!("li") => {
                    self.close(&local_name!("li"), &[local_name!("ul"), local_name!("ol")]);
                }
                local_name!("dt") | local_name!("dd") => {
                    let _ = self.close(&local_name!("dd"), &[local_name!("dl")])
                        || self.close(&local_name!("dt"), &[local_name!("dl")]);
                }
                local_name!("tr") => {
                    self.close(&local_name!("tr"), &[local_name!("table")]);
                }
                local_name!("td") | local_name!("th") => {
                    let row = [local_name!("tr"), local_name!("table")];
                    let _ = self.close(&local_name!("td"), &row)
                        || self.close(&local_name!("th"), &row);
                }
                local_name!("option") => {
                    self.close(&local_name!("option"), &[local_name!("select")]);
                }
                _ => {}
            }
        }
        let raw = match name {
            local_name!("script") => Some(RawKind::ScriptData),
            local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes") => Some(RawKind::Rawtext),
            local_name!("title") | local_name!("textarea") => Some(RawKind::Rcdata),
            _ => None,
        };
        let void = is_void(&name) || (tag.self_closing && raw.is_none());
        self.append(NodeKind::Element {
            name,
            attrs: tag.attrs,
        });
        if !void {
            if self.stack.len() >= self.max_depth || self.overflow > 0 {
                // Too deep: keep the element (flattened onto the current parent) but do
                // not open it, so its descendants land on the same parent.
                self.overflow += 1;
            } else {
                let id = self.nodes.len() as NodeId - 1;
                self.stack.push(id);
            }
        }
        raw
    }

    fn end(&mut self, name: &LocalName) {
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        if matches!(*name, local_name!("body") | local_name!("html")) {
            return;
        }
        self.close(name, &[]);
    }
}

impl TokenSink for Builder {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    if let Some(raw) = st.start(tag) {
                        return TokenSinkResult::RawData(raw);
                    }
                }
                TagKind::EndTag => st.end(&tag.name),
            },
            Token::CharacterTokens(t) => st.text(t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn parse(s: &str) -> Dom {
        Dom::parse(s, 256, Instant::now() + Duration::from_secs(10))
    }

    #[test]
    fn implied_end_tags_and_raw_text() {
        let d = parse(
            "<div><p>one<p>two<ul><li>a<li>b</ul></div><script>if (a<b) x='<div>'</script><p>x",
        );
        let ps: Vec<_> = d.elements_named("p").collect();
        assert_eq!(ps.len(), 3);
        assert_eq!(d.text_of(ps[0]), "one");
        assert_eq!(d.text_of(ps[1]), "two");
        assert_eq!(d.elements_named("li").count(), 2);
        assert_eq!(d.elements_named("div").count(), 1);
        let li: Vec<_> = d.elements_named("li").collect();
        assert_eq!(d.node(li[1]).parent, d.node(li[0]).parent);
    }

    #[test]
    fn script_and_style_bodies_are_skipped_but_json_ld_kept() {
        let d = parse("<p>a</p><!-- <p>c</p> --><svg><text>x</text></svg><SCRIPT>var s = '<p>no</p>';</SCRIPT ><style>p{}</style><script type=\"application/ld+json\">{\"x\":1}</script><p>b</p>");
        let texts: Vec<String> = d.elements_named("p").map(|p| d.text_of(p)).collect();
        assert_eq!(texts, vec!["a", "b"]);
        let ld = d.elements_named("script").nth(1).unwrap();
        let child = d.node(ld).children[0];
        assert!(matches!(&d.node(child).kind, NodeKind::Text(t) if &**t == "{\"x\":1}"));
    }

    #[test]
    fn entities_are_decoded() {
        let d = parse("<p>caf&eacute; &amp; &#8220;bar&#8221;</p>");
        let p = d.elements_named("p").next().unwrap();
        assert_eq!(d.text_of(p), "café & “bar”");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let html = "<div>".repeat(10_000) + "deep text" + &"</div>".repeat(10_000);
        let d = Dom::parse(&html, 100, Instant::now() + Duration::from_secs(10));
        let mut max = 0;
        for i in 0..d.nodes.len() {
            let (mut depth, mut n) = (0, i as NodeId);
            while n != 0 {
                n = d.node(n).parent;
                depth += 1;
            }
            max = max.max(depth);
        }
        assert!(max <= 101, "depth {max}");
        assert_eq!(d.text_of(0), "deep text");
    }
}
