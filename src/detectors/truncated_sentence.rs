//! `truncated-sentence`: body text cut off or garbled by the scraper or the
//! translation engine.
//!
//! Four shapes, each cheap to see on one paragraph:
//!
//! - a body paragraph of `min-words` words or more with no terminal
//!   punctuation (`... the commission's chair said negotiators will review
//!   the draf`); headlines, subheads in title case, list items, bylines,
//!   captions and credit lines (`Photo: X / AFP`, `(Reuters)`), and lines
//!   ending in an address are not body paragraphs;
//! - a sentence or paragraph ending on a word that cannot end one: an
//!   article, a possessive determiner, a conjunction, `of` (`posted on its`,
//!   `according to the.`), outside quotations;
//! - capitalised function words glued into a sentence between lowercase
//!   words, the debris of a page element (`the daily reported The On your
//!   webpage.`);
//! - second-person web phrasing in third-person news (`click here`, `your
//!   webpage`), outside quotations, where people may address the reader.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::byte_masks;
use super::quotes::quoted_ranges;
use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::Finding;

pub const INFO: Info = Info { name: "truncated-sentence", args: &["problem"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// A paragraph this long without terminal punctuation is truncated.
    min_words: usize,
    /// Headings are short: an unpunctuated paragraph with at most this many
    /// words that starts like a sentence is a headline or subhead.
    heading_max_words: usize,
    /// Text after the last full stop of a paragraph with at most this many
    /// words is a sign-off (`— AFP`), not a truncated sentence.
    tail_max_words: usize,
    /// Lowercase words no sentence ends on.
    dangling_words: Vec<String>,
    /// Phrases no sentence ends on, though their last word may end one
    /// (`as well as.`, `of which.`; but `as well.`, `He did not say which.`).
    #[serde(default)]
    dangling_phrases: Vec<String>,
    /// Prepositions that end a sentence only after a verb or a particle
    /// (`the people she worked with.`, `was sworn in.`): after a noun or
    /// an adjective they are a truncation (`growth at.`, `take place in.`).
    #[serde(default)]
    stranded_words: Vec<String>,
    /// Words before a stranded preposition that make it English: verbs
    /// that take it and particles. Words ending in `-ed`, `-ing`, `-en` or
    /// `-s` count as verbs too.
    #[serde(default)]
    stranding_words: Vec<String>,
    /// Words that a paragraph without terminal punctuation cannot end on,
    /// even one short enough to be a subhead (`... and then travel to`).
    #[serde(default)]
    open_endings: Vec<String>,
    /// Words of reported speech and subordinate clauses (`announced that`,
    /// `said`): an unpunctuated paragraph holding one is a sentence cut
    /// off, however short, not a subhead.
    #[serde(default)]
    clause_words: Vec<String>,
    /// Dangling words reported inside a quotation too, when the stop after
    /// them closes it (`... in some places, and the."`): a speaker's words
    /// are otherwise left alone.
    #[serde(default)]
    quoted_endings: Vec<String>,
    /// Words after which a dangling word completes a phrase, not a
    /// truncation: reflexive pronouns (`what we talk ourselves into?`) and
    /// adjectives that take `of` (`the hill they are most afraid of.`).
    #[serde(default)]
    completing_words: Vec<String>,
    /// Dangling prepositions that a question or a relative clause may end
    /// on (`what a window should be made into.`): silent when a wh-word
    /// comes before them in the sentence.
    #[serde(default)]
    wh_prepositions: Vec<String>,
    /// The words that open such a clause (`what`, `which`), as written.
    #[serde(default)]
    wh_words: Vec<String>,
    /// Capitalised words that, two in a row between lowercase words, are
    /// page debris.
    glued_words: Vec<String>,
    /// Glued words that, even alone between lowercase words, are debris
    /// (`said that Of the total`).
    #[serde(default)]
    single_glued_words: Vec<String>,
    /// Glued words that, ending a run of three or more capitalised words
    /// before a lowercase word, show a title-case fragment (`working on The
    /// Plans For new storage`).
    #[serde(default)]
    title_run_ends: Vec<String>,
    /// Short lowercase words that a dropped space glues to an acronym after
    /// them (`toMTI`, `ofNATO`).
    #[serde(default)]
    glued_before_acronym: Vec<String>,
    /// Conjunctions that, capitalised after a comma and before a lowercase
    /// word (`specialists, And the state`), are a sentence break the
    /// translation engine half undid.
    #[serde(default)]
    capitalised_after_comma: Vec<String>,
    /// Second-person web phrases (matched as written, Capitalised or in
    /// UPPER CASE).
    web_phrases: Vec<String>,
    /// Photo agencies whose name ends a caption (`... on Tuesday Getty Images`).
    credits: Vec<String>,
}

struct TruncatedSentence {
    params: Params,
    /// Case-sensitive variants of the web phrases (as written, Capitalised,
    /// UPPER CASE): much faster than a case-insensitive search.
    web: Option<AhoCorasick>,
    /// The last word of every dangling phrase: a sentence ending on any
    /// other word (most of them) ends on none of the phrases.
    phrase_ends: Vec<String>,
}

const NO_STOP: &str = "paragraph ends without terminal punctuation";
const DANGLING: &str = "sentence ends on a word that cannot end it";
const GLUED: &str = "capitalised words glued into a sentence";
const WEB: &str = "web-page phrasing in a news text";
const GLUED_ACRONYM: &str = "word glued to the acronym after it";
const CAPITAL_AFTER_COMMA: &str = "capitalised conjunction after a comma";

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    let mut variants = Vec::new();
    for p in &params.web_phrases {
        // In lower case, Capitalised, in Title Case as on a button (`Click
        // Here For The Program`) and in UPPER CASE.
        let title: Vec<String> = p.split(' ').map(|w| capitalise(&w.to_ascii_lowercase())).collect();
        variants.extend([p.to_ascii_lowercase(), capitalise(p), title.join(" "), p.to_ascii_uppercase()]);
    }
    let web = automaton(&variants)?;
    let mut phrase_ends: Vec<String> = params
        .dangling_phrases
        .iter()
        .filter_map(|p| p.split_whitespace().last())
        .map(String::from)
        .collect();
    phrase_ends.sort();
    phrase_ends.dedup();
    Ok(Box::new(TruncatedSentence { params, web, phrase_ends }))
}

/// Each web phrase is searched in four case forms; past this many forms the
/// automaton loses its SIMD prefilter (a 17th phrase cost this detector 15%).
const FAST_WEB_FORMS: usize = 64;

/// The loader's warning when the web phrases outgrow the fast automaton.
pub(super) fn slowness(table: &toml::Table) -> Option<String> {
    let n = table.get("web-phrases")?.as_array()?.len();
    (4 * n > FAST_WEB_FORMS).then(|| {
        format!(
            "{n} `web-phrases` are more than the {} the fast search takes; put the others in a pattern rule",
            FAST_WEB_FORMS / 4
        )
    })
}

/// `s` with its first letter in ASCII upper case.
fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn automaton(patterns: &[String]) -> Result<Option<AhoCorasick>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .map(Some)
        .map_err(|e| e.to_string())
}

impl Detector for TruncatedSentence {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let headline = doc.headline_line();
        let paragraphs = doc.paragraphs();
        let mut headline_index = None;
        // Until a paragraph ends like a sentence, the document is in its
        // head: headline, deck, stamps and credits, often unpunctuated.
        let mut in_head = true;
        for (i, &para) in paragraphs.iter().enumerate() {
            let text = doc.slice(para);
            let last = i + 1 == paragraphs.len();
            if last && !doc.ends_file() {
                continue; // the chunk may cut the paragraph
            }
            let mut push = |span: Span, problem: &'static str| {
                out.push(Finding::new(span.shift(para.start)).arg("problem", problem));
            };
            let is_headline = Some(doc.line_at(para.start)) == headline;
            if is_headline {
                headline_index = Some(i);
            } else {
                // A deck right under the headline and a caption under an
                // `Image:` line are often unpunctuated; only their last word
                // is checked. A label line is short: a long one is a prompt
                // with a headline (`Lire aussi : ...`), and the paragraph
                // under it is body text.
                let deck = headline_index.is_some_and(|h| h + 1 == i);
                // A caption is a sentence or a fragment: a paragraph with
                // a sentence ended inside it is body text, credit above it
                // or not.
                let caption = i > 0 && is_label_line(doc.slice(paragraphs[i - 1])) && !has_inner_stop(text);
                let head =
                    in_head && text.split_whitespace().nth(2 * self.params.heading_max_words).is_none();
                self.check_ending(text, deck || caption || head, &mut push);
            }
            in_head &= !ends_sentence(text);
            self.check_capitals(text, &mut push);
            self.check_web(text, &mut push);
        }
    }
}

/// Ends with sentence punctuation, closing quotes and brackets aside.
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end().trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']).ends_with(['.', '!', '?', '…'])
}

/// Word tokens of `s`: (start, end) byte offsets of runs of letters.
fn words(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &s[pos..];
        let start = pos + rest.find(char::is_alphabetic)?;
        let len = s[start..].find(|c: char| !c.is_alphabetic()).unwrap_or(s.len() - start);
        pos = start + len;
        Some((start, start + len))
    })
}

fn in_quotes(text: &str, at: usize) -> bool {
    quoted_ranges(text).any(|(a, b)| a <= at && at < b)
}

impl TruncatedSentence {
    fn ends_with_credit(&self, text: &str) -> bool {
        self.params.credits.iter().any(|c| {
            text.strip_suffix(c.as_str()).is_some_and(|rest| rest.ends_with([' ', '/', '(', '\u{a0}']))
        })
    }

    /// Whether `before` ends on a dangling word (at `start..end`) that no
    /// word before it completes, and that is no preposition closing a
    /// question or a relative clause.
    fn is_dangling(&self, before: &str, start: usize, end: usize) -> bool {
        let word = &before[start..end];
        if !self.params.dangling_words.iter().any(|w| w == word) {
            return false;
        }
        let completed = last_word(&before[..start])
            .is_some_and(|(ps, pe)| self.params.completing_words.iter().any(|w| w == &before[ps..pe]));
        let sentence = &before[before[..start].rfind(['.', '!', '?']).map_or(0, |i| i + 1)..start];
        let wh = self.params.wh_prepositions.iter().any(|w| w == word)
            && words(sentence).any(|(a, b)| self.params.wh_words.iter().any(|w| w == &sentence[a..b]));
        !completed && !wh
    }

    /// Whether the word at `start..end` of `before` is one of
    /// `quoted-endings` and the stop right after it closes a quotation.
    fn ends_quotation(&self, text: &str, before: &str, start: usize, end: usize) -> bool {
        let closes = text.get(before.len() + 1..).is_some_and(|rest| rest.starts_with(['"', '”']));
        closes && self.params.quoted_endings.iter().any(|w| w == &before[start..end])
    }

    /// Whether `before` ends on one of the dangling phrases, as whole words.
    fn ends_on_phrase(&self, before: &str) -> bool {
        let t = before.trim_end();
        let last = t.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or(t);
        if self.phrase_ends.binary_search_by(|e| e.as_str().cmp(last)).is_err() {
            return false;
        }
        self.params.dangling_phrases.iter().any(|p| {
            // A phrase that opens on punctuation (`, which`) needs no
            // word boundary before it.
            let bounded =
                |rest: &str| !rest.ends_with(char::is_alphanumeric) || !p.starts_with(char::is_alphanumeric);
            t.strip_suffix(p.as_str()).is_some_and(bounded)
        })
    }

    /// Whether `before` (text up to a sentence end) ends on a preposition
    /// stranded after a word that cannot strand it.
    fn is_stranded(&self, before: &str, start: usize, end: usize) -> bool {
        if !self.params.stranded_words.iter().any(|w| w == &before[start..end]) {
            return false;
        }
        let Some((ps, pe)) = last_word(&before[..start]) else { return false };
        if !before[pe..start].chars().all(|c| c == ' ') {
            return false; // `... (in)`, `, at.`
        }
        let prev = &before[ps..pe];
        let verbish = prev.len() > 3 && ["ed", "ing", "en", "wn", "s"].iter().any(|s| prev.ends_with(s));
        !prev.starts_with(char::is_uppercase)
            && !verbish
            && !self.params.stranding_words.iter().any(|w| w == prev)
    }

    /// A paragraph without terminal punctuation, or a sentence ending on a
    /// dangling word.
    fn check_ending(&self, text: &str, lenient: bool, push: &mut dyn FnMut(Span, &'static str)) {
        let body = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
        let terminated = body.ends_with(['.', '!', '?', '…', ':', ';']);
        if !terminated && (!is_body_paragraph(text) || self.ends_with_credit(text)) {
            return;
        }
        // Sentence-final dangling words, at every terminal stop and the end.
        let stops = memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes())
            .filter(|&i| text[i + 1..].is_empty() || text[i + 1..].starts_with([' ', '"', '”']))
            .map(|i| &text[..i]);
        for before in stops.chain(std::iter::once(text)) {
            if let Some((start, end)) = last_word(before)
                // The tail of an address (`ecommerce@miti.gov.my`) is no word.
                && !before[..start].ends_with(['.', '@', '/'])
                && !list_conjunction(before, start, end)
                && (self.is_dangling(before, start, end)
                    || self.is_stranded(before, start, end)
                    || self.ends_on_phrase(before))
                && (!in_quotes(text, start) || self.ends_quotation(text, before, start, end))
            {
                push(Span::new(tail_start(before, 4), before.len()), DANGLING);
                return;
            }
        }
        if terminated || lenient {
            return;
        }
        // A short tail after the last full stop is a sign-off or credit
        // (`... invasion. — AGENCIES`, `... agencies. “`), not a truncation;
        // a decimal point (`from 10.00 to`) ends no sentence.
        let tail = text
            .rmatch_indices(['.', '!', '?'])
            .find(|&(i, _)| text[i + 1..].starts_with(|c: char| c.is_whitespace() || "\"”’)".contains(c)))
            .map_or(text, |(i, _)| &text[i + 1..]);
        if tail.split_whitespace().nth(self.params.tail_max_words).is_none() {
            return;
        }
        if last_word(text).is_some_and(|(start, end)| list_conjunction(text, start, end)) {
            return;
        }
        let n = text.split_whitespace().count();
        // Cut off on a word no subhead ends on either.
        if n >= self.params.min_words
            && !is_title_case(text)
            && let Some((start, end)) = last_word(text)
            && self.params.open_endings.iter().any(|w| w == &text[start..end])
        {
            push(Span::new(tail_start(text, 4), text.len()), DANGLING);
            return;
        }
        let heading = n <= self.params.heading_max_words && !text.starts_with(char::is_lowercase);
        // Looked for last: most unpunctuated lines are short headings.
        let clause = || words(text).any(|(a, b)| self.params.clause_words.iter().any(|w| w == &text[a..b]));
        if n >= self.params.min_words
            && !is_title_case(text)
            && !text.contains(": ")
            && (!heading || clause())
        {
            push(Span::new(tail_start(text, 6), text.len()), NO_STOP);
        }
    }

    /// `reported The On your webpage`: lowercase word, two or more glued
    /// capitalised function words, then a lowercase word or a full stop.
    fn check_glued(&self, text: &str, start: usize, push: &mut dyn FnMut(Span, &'static str)) {
        let before = &text[..start];
        let lead = before.trim_end_matches(' ');
        let anchor = word_start(lead);
        // A possessive's `s` (`Uganda’s Museveni Sworn In for ...`) is no
        // lowercase word before the run.
        let possessive = lead[..anchor].ends_with(['’', '\'']);
        if lead.len() == before.len() || !lead[anchor..].starts_with(char::is_lowercase) || possessive {
            return;
        }
        let (count, end) = self.glued_run(text, start);
        let after = &text[end..];
        let next_lower = after.strip_prefix(' ').is_some_and(|a| a.starts_with(char::is_lowercase));
        let single =
            count == 1 && next_lower && self.params.single_glued_words.iter().any(|w| w == &text[start..end]);
        // Two or more of them before a lowercase word, a stop or the
        // paragraph's end (`the group closed and The On`).
        let ends = next_lower || after.starts_with('.') || after.trim_end().is_empty();
        if count >= 2 && ends || single {
            push(Span::new(anchor, end), GLUED);
        } else if let Some(end) = self.title_run(text, start) {
            push(Span::new(anchor, end), GLUED);
        }
    }

    /// Where a title-case fragment from `start` ends: three or more
    /// capitalised words, or two glued words among them, ending on one of
    /// `title-run-ends` before a lowercase word (`The Plans For new`, `Of
    /// The Candidates In time`, `the In Service Of the`). A title in Title
    /// Case ends on a noun; a headline has no lowercase word after it.
    fn title_run(&self, text: &str, start: usize) -> Option<usize> {
        let b = text.as_bytes();
        let (mut at, mut words) = (start, 0);
        let mut last;
        loop {
            // Capitalised, not an acronym (`NATO`) or a name like `McCain`.
            let len = 1 + b[at + 1..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if b.get(at + len).is_some_and(u8::is_ascii_alphabetic) {
                return None;
            }
            words += 1;
            last = &text[at..at + len];
            at += len;
            match b.get(at..at + 2) {
                Some([b' ', next]) if next.is_ascii_uppercase() => at += 1,
                _ => break,
            }
        }
        // A lone capitalised word (a name, mostly) is no fragment; of the
        // rest, the ending rules out almost every run.
        if words < 2 {
            return None;
        }
        let next_lower = text[at..].strip_prefix(' ').is_some_and(|a| a.starts_with(char::is_lowercase));
        if !next_lower || !self.params.title_run_ends.iter().any(|e| e == last) {
            return None;
        }
        let glued =
            || text[start..at].split(' ').filter(|w| self.params.glued_words.iter().any(|g| g == w)).count();
        (words >= 3 || glued() >= 2).then_some(at)
    }

    /// The checks that start at a capital letter: glued function words
    /// after a space ([`Self::check_glued`]), a conjunction capitalised
    /// after a comma, and a word glued to an acronym. Capitals are a few
    /// bytes in a hundred: one walk over them, not a search per check.
    fn check_capitals(&self, text: &str, push: &mut dyn FnMut(Span, &'static str)) {
        let b = text.as_bytes();
        let acronyms = !self.params.glued_before_acronym.is_empty();
        let mut resume = 0;
        for upper in byte_masks::positions(b, byte_masks::ascii_upper) {
            if upper > 0 && b[upper - 1] == b' ' {
                self.check_glued(text, upper, push);
                if upper > 1 && b[upper - 2] == b',' {
                    self.check_capital_after_comma(text, upper, push);
                }
            }
            if acronyms {
                resume = self.check_glued_acronym(text, upper, resume, push);
            }
        }
    }

    /// `according toMTI` at the capital `upper`: one of
    /// `glued-before-acronym`, then two or more capitals (and perhaps a
    /// plural `s`) to the end of the word, which ordinary text almost never
    /// has. Returns where the next check may start.
    fn check_glued_acronym(
        &self,
        text: &str,
        upper: usize,
        resume: usize,
        push: &mut dyn FnMut(Span, &'static str),
    ) -> usize {
        let b = text.as_bytes();
        let glued = upper > resume
            && b[upper - 1].is_ascii_lowercase()
            && b.get(upper + 1).is_some_and(u8::is_ascii_uppercase);
        if !glued {
            return resume;
        }
        let i = upper - 1;
        let start = b[..=i].iter().rposition(|c| !c.is_ascii_lowercase()).map_or(0, |p| p + 1);
        let mut end = upper + b[upper..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        if b.get(end) == Some(&b's') {
            end += 1;
        }
        let whole = (start == 0 || !text[..start].ends_with(|c: char| c.is_alphanumeric()))
            && !text[end..].starts_with(|c: char| c.is_alphanumeric());
        if whole && self.params.glued_before_acronym.iter().any(|w| w.as_bytes() == &b[start..=i]) {
            push(Span::new(start, end), GLUED_ACRONYM);
        }
        end
    }

    /// `the sector is missing specialists, And the state competes`: a
    /// lowercase word and a comma, then at the capital `word_at` one of
    /// `capitalised-after-comma`, then a lowercase word (so not a title in
    /// Title Case).
    fn check_capital_after_comma(
        &self,
        text: &str,
        word_at: usize,
        push: &mut dyn FnMut(Span, &'static str),
    ) {
        if !text[..word_at - 2].ends_with(char::is_lowercase) {
            return;
        }
        let rest = &text[word_at..];
        let len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let listed = self.params.capitalised_after_comma.iter().any(|w| w == &rest[..len]);
        if listed && rest[len..].strip_prefix(' ').is_some_and(|a| a.starts_with(char::is_lowercase)) {
            push(Span::new(word_at, word_at + len), CAPITAL_AFTER_COMMA);
        }
    }

    /// The number of glued words in a row from `start`, and where they end.
    fn glued_run(&self, text: &str, mut start: usize) -> (usize, usize) {
        let mut count = 0;
        let mut end = start;
        loop {
            let rest = &text[start..];
            let len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
            if len == 0 || !self.params.glued_words.iter().any(|g| g == &rest[..len]) {
                return (count, end);
            }
            count += 1;
            end = start + len;
            if !text[end..].starts_with(' ') {
                return (count, end);
            }
            start = end + 1;
        }
    }

    fn check_web(&self, text: &str, push: &mut dyn FnMut(Span, &'static str)) {
        let Some(ac) = &self.web else { return };
        for m in ac.find_iter(text) {
            if at_word_boundaries(text, m.start(), m.end()) && !in_quotes(text, m.start()) {
                push(Span::new(m.start(), m.end()), WEB);
            }
        }
    }
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !letter(text[..start].chars().next_back()) && !letter(text[end..].chars().next())
}

/// Whether the word at `start..end` of `text` is the conjunction that ends a
/// list's next-to-last item (`₱3.1 billion for school meals; and`).
fn list_conjunction(text: &str, start: usize, end: usize) -> bool {
    matches!(&text[start..end], "and" | "or") && text[..start].trim_end().ends_with(';')
}

/// Not a headline-like line: list items, bylines, captions and credits,
/// Markdown headings and lines ending in an address are not body text.
fn is_body_paragraph(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    // A dash opens a list item, or a turn of an interview (`— What about
    // the intervals? In the morning ...`): a turn holds sentences.
    let dash = matches!(first, "–" | "—") && !has_inner_stop(text);
    let list_marker = dash
        || matches!(first, "-" | "*" | "•" | "·" | "#" | "##" | "###")
        || first.trim_end_matches(['.', ')']).bytes().all(|b| b.is_ascii_digit()) && first.len() > 1;
    let last = text.split_whitespace().next_back().unwrap_or("");
    // A label with sentences after it is a turn of an interview (`Kerrigan:
    // Kyiv is the real loser. ...`), not a credit.
    let credit = has_label(text) && !has_inner_stop(text)
        || text.ends_with(')')
        || text.contains(" / ")
        || text.contains(" | ");
    let address = last.contains(['/', '@']) || last.trim_end_matches('.').contains('.');
    !(list_marker || credit || address || matches!(first, "By" | "by" | "Par" | "Von" | "Source"))
}

/// Whether a sentence ends inside `text`: a stop after a lowercase word of
/// three letters or more or a number (not `U.S.`, `Gov.`, `Ms.`), then a
/// space and a capital.
fn has_inner_stop(text: &str) -> bool {
    let text = text.trim_end();
    memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes()).any(|i| {
        let word = text[..i].rsplit(' ').next().unwrap_or("");
        let sentence_end = word.chars().nth(2).is_some()
            && word.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
            && word.chars().all(char::is_alphanumeric);
        sentence_end
            && text[i + 1..].strip_prefix(' ').is_some_and(|rest| rest.starts_with(char::is_uppercase))
    })
}

/// A short line with a label (`Image: Reuters / Jane Doe`): what a caption
/// sits under.
fn is_label_line(text: &str) -> bool {
    has_label(text) && text.split_whitespace().nth(CAPTION_LABEL_MAX_WORDS).is_none()
}

/// The most words of a label line above a caption.
const CAPTION_LABEL_MAX_WORDS: usize = 8;

/// `Photo: ...`, `category: Business`: a label among the first three words.
fn has_label(text: &str) -> bool {
    text.split_whitespace().take(3).any(|w| w.ends_with(':'))
}

/// Most words of four letters or more capitalised: a title or subhead.
fn is_title_case(text: &str) -> bool {
    let (mut long, mut capital) = (0, 0);
    for (start, end) in words(text) {
        if end - start >= 4 {
            long += 1;
            if text[start..].starts_with(char::is_uppercase) {
                capital += 1;
            }
        }
    }
    long > 0 && capital * 10 >= long * 6
}

/// The start of the run of letters ending `s`.
fn word_start(s: &str) -> usize {
    s.char_indices().rev().take_while(|&(_, c)| c.is_alphabetic()).last().map_or(s.len(), |(i, _)| i)
}

fn last_word(s: &str) -> Option<(usize, usize)> {
    let end = s.trim_end().len();
    let t = &s[..end];
    if !t.ends_with(char::is_alphabetic) {
        return None;
    }
    let start = t
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    Some((start, end))
}

/// The start of the last `n` whitespace-separated words of `s`.
fn tail_start(s: &str, n: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices().rev() {
        if !c.is_whitespace() {
            in_word = true;
        } else if in_word {
            count += 1;
            if count == n {
                return i + c.len_utf8();
            }
            in_word = false;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_stops_end_sentences_not_abbreviations() {
        assert!(has_inner_stop("They admitted the charges. A third defendant, Gabriela"));
        assert!(has_inner_stop("— What about the intervals? In the morning the trains"));
        assert!(has_inner_stop("It opened in 2019. The line"));
        assert!(!has_inner_stop("U.S. President Joe Biden speaks in Washington"));
        assert!(!has_inner_stop("Gov. Jane Roe and Ms. Li. The visit"));
        assert!(!has_inner_stop("— a new line to the airport, opened in May."));
    }

    #[test]
    fn tail_start_counts_words_from_the_end() {
        let s = "one two three four";
        assert_eq!(&s[tail_start(s, 2)..], "three four");
        assert_eq!(&s[tail_start(s, 9)..], s);
    }

    #[test]
    fn words_are_letter_runs() {
        let s = "Hi, it’s 5 o'clock";
        let w: Vec<_> = words(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(w, ["Hi", "it", "s", "o", "clock"]);
    }

    #[test]
    fn word_start_respects_multibyte_characters() {
        assert_eq!(word_start("PARIS —"), 9);
        assert_eq!(word_start("a — café"), 6);
        assert_eq!(word_start("said"), 0);
    }

    #[test]
    fn title_case_detection() {
        assert!(is_title_case("Russia Rules Out Concessions Before Talks"));
        assert!(!is_title_case("Russia rules out concessions before talks with the US"));
    }
}
