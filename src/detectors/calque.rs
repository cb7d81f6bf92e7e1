//! `calque`: phrases that machine translation copies word for word from
//! French, German or Russian news (`head of the French diplomacy`,
//! `declared himself satisfied`, `Vice Secretary of State`).
//!
//! Why a detector rather than a `substitutions` rule: many calques are also
//! ordinary English in some context (`deputy` is right for a French MP and
//! wrong for a US congressman; `the NATO summit` is fine, `the NATO has` is
//! not), so each entry may carry context conditions. The cost model stays the
//! one of a phrase list: every phrase of every entry goes into ONE
//! case-insensitive Aho-Corasick automaton, and the regexes of an entry's
//! conditions only run on the rare literal hits, over a small window.
//!
//! Entries live in the rule's `[rule.params]`:
//!
//! - `phrase`: one phrase or a list; `{SET}` placeholders expand over the
//!   named `[rule.params.sets]` (a list, or a table mapping each form to the
//!   text its `{SET}` becomes in the replacement);
//! - `replacement`: the idiomatic wording (same placeholders);
//! - `unless` / `requires`: a regex that must not / must match somewhere in
//!   the window (the match's paragraph, at most `window` bytes either side);
//! - `unless-next` / `requires-next`: a regex anchored right after the match;
//! - `idiom`: a proverb translated word for word, silent where the rule's
//!   `gloss` regex finds the writer glossing it on purpose in the window;
//! - `sentence-start`: the phrase must open its sentence.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use regex_automata::{Anchored, Input};
use serde::Deserialize;

use super::{BuildContext, Detector, Info, byte_masks};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};
use crate::rules::at_word_boundaries;
use crate::rules::regex::{Compile, LazyRegex};

pub const INFO: Info = Info { name: "calque", args: &["replacement"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Bytes of context either side of a match that `unless`/`requires` see.
    #[serde(default = "default_window")]
    window: usize,
    #[serde(default)]
    sets: BTreeMap<String, SetDef>,
    /// A regex that, found in an `idiom` entry's window, shows the writer
    /// glossing a proverb on purpose (`as the saying goes`).
    gloss: Option<String>,
    calque: Vec<CalqueDef>,
}

fn default_window() -> usize {
    200
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SetDef {
    /// Each form stands for itself in the replacement.
    List(Vec<String>),
    /// Form in the phrase -> text in the replacement.
    Map(BTreeMap<String, String>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CalqueDef {
    phrase: OneOrMany,
    replacement: String,
    unless: Option<String>,
    requires: Option<String>,
    unless_next: Option<String>,
    requires_next: Option<String>,
    #[serde(default)]
    sentence_start: bool,
    /// A source-language idiom translated word for word: silent where the
    /// rule's `gloss` regex finds the writer quoting it as one.
    #[serde(default)]
    idiom: bool,
}

/// The context conditions of one entry, as indices into `Calque::regexes`.
#[derive(Debug, Default)]
struct Conditions {
    unless: Option<usize>,
    requires: Option<usize>,
    unless_next: Option<usize>,
    requires_next: Option<usize>,
    sentence_start: bool,
    idiom: bool,
}

/// An automaton pattern's entry (its index) and replacement.
type Pattern = (usize, String);

struct Calque {
    /// Anchored automaton, run only at word starts whose first two letters
    /// (lowercased) begin some phrase.
    ac: AhoCorasick,
    starts: Box<[u64; 1024]>,
    /// Second filter: hashed (length, first bytes) prefixes of the phrases,
    /// up to [`PREFIX`] bytes; `short` lists the lengths of shorter phrases.
    prefixes: Box<[u64; PREFIX_WORDS]>,
    short: Vec<usize>,
    patterns: Vec<Pattern>,
    conditions: Vec<Conditions>,
    regexes: Vec<LazyRegex>,
    /// The `gloss` regex, in `regexes`.
    gloss: Option<usize>,
    window: usize,
}

fn build(table: &toml::Table, context: &BuildContext) -> Result<Box<dyn Detector>, String> {
    Ok(Box::new(compile(table, context.compile)?))
}

fn compile(table: &toml::Table, when: Compile) -> Result<Calque, String> {
    let params: Params = super::params(table)?;
    let (phrases, patterns) = phrases(&params)?;
    let mut regexes = Regexes::default();
    let conditions = params
        .calque
        .iter()
        .map(|def| Conditions {
            unless: regexes.add(def.unless.as_deref()),
            requires: regexes.add(def.requires.as_deref()),
            unless_next: regexes.add(def.unless_next.as_deref()),
            requires_next: regexes.add(def.requires_next.as_deref()),
            sentence_start: def.sentence_start,
            idiom: def.idiom,
        })
        .collect();
    let gloss = regexes.add(params.gloss.as_deref());
    // Thousands of case-insensitive phrases defeat the literal prefilters and
    // make an unanchored scan cost several ns a byte. Instead, a bitmap of
    // the phrases' first two letters picks the word starts worth an anchored
    // search, which fails within a few bytes on ordinary text.
    let mut starts = Box::new([0u64; 1024]);
    let mut prefixes = Box::new([0u64; PREFIX_WORDS]);
    for p in &phrases {
        let b = p.as_bytes();
        if b.len() < 2 || !b[0].is_ascii_alphabetic() {
            return Err(format!("phrase `{p}` must start with an ASCII letter and have two characters"));
        }
        set_bit(&mut starts, start_key(b[0], b[1]));
        let n = b.len().min(PREFIX);
        set_bit(&mut prefixes, prefix_key(b, n));
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .start_kind(StartKind::Anchored)
        // Searched only at the few word starts the two filters above let
        // through: a contiguous NFA is as fast there as a DFA, and builds in
        // a fraction of the time and memory (20 MB less at start-up).
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&phrases)
        .map_err(|e| format!("cannot build the phrase automaton: {e}"))?;
    Ok(Calque {
        ac,
        starts,
        prefixes,
        short: short_lengths(&phrases),
        patterns,
        conditions,
        regexes: regexes.compile(when)?,
        gloss,
        window: params.window,
    })
}

/// Every phrase of every entry, placeholders expanded, with its entry and
/// replacement. A phrase listed twice (in any case) is an error.
fn phrases(params: &Params) -> Result<(Vec<String>, Vec<Pattern>), String> {
    let mut phrases = Vec::new();
    let mut patterns = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, def) in params.calque.iter().enumerate() {
        let forms = match &def.phrase {
            OneOrMany::One(p) => std::slice::from_ref(p),
            OneOrMany::Many(v) => v.as_slice(),
        };
        if forms.is_empty() {
            return Err(format!("calque {}: empty `phrase` list", i + 1));
        }
        for form in forms {
            for (phrase, replacement) in expand(form, &def.replacement, &params.sets)? {
                if phrase.trim().is_empty() {
                    return Err(format!("calque {}: blank phrase", i + 1));
                }
                if let Some(first) = seen.insert(phrase.to_ascii_lowercase(), i) {
                    return Err(format!(
                        "phrase `{phrase}` is listed twice (calques {} and {})",
                        first + 1,
                        i + 1
                    ));
                }
                phrases.push(phrase);
                patterns.push((i, replacement));
            }
        }
    }
    Ok((phrases, patterns))
}

/// Bytes of a phrase's start hashed into the second filter.
const PREFIX: usize = 8;

/// Bits of the second filter's hash: 2^18 bits (32 KiB) keep collisions
/// rare with thousands of phrases and still sit in the L1 cache.
const PREFIX_BITS: u32 = 18;
const PREFIX_WORDS: usize = 1 << (PREFIX_BITS - 6);

/// The lengths of the phrases shorter than [`PREFIX`] bytes, in order: the
/// second filter looks their prefixes up one length at a time.
fn short_lengths(phrases: &[String]) -> Vec<usize> {
    let mut lengths: Vec<usize> = phrases.iter().map(String::len).filter(|&n| n < PREFIX).collect();
    lengths.sort_unstable();
    lengths.dedup();
    lengths
}

/// Each length of phrase under [`PREFIX`] bytes adds a filter lookup at
/// every word start; past this many lengths the loader warns.
const FAST_SHORT_LENGTHS: usize = 2;

/// The loader's warning when phrases shorter than [`PREFIX`] bytes come in
/// too many lengths (`the ANO`, `the PiS`, `kuluars`: one more length cost
/// the detector 10% on news text).
pub(super) fn slowness(table: &toml::Table) -> Option<String> {
    // The phrases as the detector compiles them: a placeholder may expand
    // to phrases of several lengths. A table that does not load is the
    // loader's error, not a warning.
    let params: Params = super::params(table).ok()?;
    let (phrases, _) = phrases(&params).ok()?;
    let lengths = short_lengths(&phrases);
    (lengths.len() > FAST_SHORT_LENGTHS).then(|| {
        format!(
            "phrases shorter than {PREFIX} bytes come in {} lengths ({lengths:?}), more than the {FAST_SHORT_LENGTHS} \
             the fast filter takes: each adds a check at every word; lengthen them (`the PiS` -> `the PiS party`)",
            lengths.len()
        )
    })
}

fn set_bit<const N: usize>(bits: &mut [u64; N], key: usize) {
    bits[key / 64] |= 1 << (key % 64);
}

fn has_bit<const N: usize>(bits: &[u64; N], key: usize) -> bool {
    bits[key / 64] & (1 << (key % 64)) != 0
}

/// A [`PREFIX_BITS`]-bit hash of the first `n` bytes of `b`, ASCII case folded (bit 5 set
/// on every byte: exact for letters, a harmless merge for a few symbols).
fn prefix_key(b: &[u8], n: usize) -> usize {
    match b.first_chunk::<PREFIX>() {
        Some(chunk) => key_of(u64::from_le_bytes(*chunk), n),
        None => {
            let mut word = [0u8; PREFIX];
            word[..n].copy_from_slice(&b[..n]);
            key_of(u64::from_le_bytes(word), n)
        }
    }
}

/// [`prefix_key`] of the first `n` (1 to 8) of the eight bytes in `raw`
/// (little-endian). Masking a loaded word, rather than copying `n` bytes to
/// the stack and reading them back as a word, avoids a store-forwarding
/// stall on every word start the first filter lets through.
fn key_of(raw: u64, n: usize) -> usize {
    let mask = u64::MAX >> (8 * (PREFIX - n));
    let folded = (raw & mask) | (0x2020_2020_2020_2020 & mask);
    let h = (folded ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - PREFIX_BITS)) as usize
}

fn start_key(a: u8, b: u8) -> usize {
    (usize::from(a.to_ascii_lowercase()) << 8) | usize::from(b.to_ascii_lowercase())
}

/// Condition regexes, each distinct source compiled once: when first needed
/// (they run on rare phrase hits, and were most of the rule set's start-up
/// time), or all in parallel at the end.
#[derive(Default)]
struct Regexes {
    index: HashMap<String, usize>,
    sources: Vec<String>,
}

impl Regexes {
    fn add(&mut self, source: Option<&str>) -> Option<usize> {
        let source = source?;
        let next = self.sources.len();
        let i = *self.index.entry(source.to_string()).or_insert(next);
        if i == next {
            self.sources.push(source.to_string());
        }
        Some(i)
    }

    fn compile(self, when: Compile) -> Result<Vec<LazyRegex>, String> {
        use rayon::prelude::*;
        let parsed: Vec<LazyRegex> = self
            .sources
            .iter()
            .map(|source| LazyRegex::new(crate::rules::regex::parse(source, false)?, Compile::Lazily))
            .collect::<Result<_, _>>()?;
        if when == Compile::Now {
            parsed.par_iter().try_for_each(LazyRegex::compile)?;
        }
        Ok(parsed)
    }
}

/// Expands the `{SET}` placeholders of a phrase and its replacement.
fn expand(
    phrase: &str,
    replacement: &str,
    sets: &BTreeMap<String, SetDef>,
) -> Result<Vec<(String, String)>, String> {
    let Some(open) = phrase.find('{') else {
        return Ok(vec![(phrase.to_string(), replacement.to_string())]);
    };
    let close =
        phrase[open..].find('}').map(|c| open + c).ok_or_else(|| format!("unclosed `{{` in `{phrase}`"))?;
    let name = &phrase[open + 1..close];
    let set = sets.get(name).ok_or_else(|| format!("unknown set `{{{name}}}` in `{phrase}`"))?;
    let pairs: Vec<(&str, &str)> = match set {
        SetDef::List(v) => v.iter().map(|s| (s.as_str(), s.as_str())).collect(),
        SetDef::Map(m) => m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
    };
    let placeholder = &phrase[open..=close];
    let mut out = Vec::new();
    for (form, text) in pairs {
        let p = phrase.replacen(placeholder, form, 1);
        let r = replacement.replace(placeholder, text);
        out.extend(expand(&p, &r, sets)?);
    }
    Ok(out)
}

impl Detector for Calque {
    fn compile_all(&self) -> Result<(), String> {
        self.regexes.iter().try_for_each(LazyRegex::compile)
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let body = doc.body();
        let bytes = &text.as_bytes()[..body.end];
        // Candidates: the start of every run of ASCII letters. A phrase
        // cannot start inside one (`after_word_char`), nor inside a phrase
        // already reported.
        let mut resume = body.start;
        for (start, _) in byte_masks::runs(&bytes[body.start..], byte_masks::ascii_letter) {
            let i = body.start + start;
            if i < resume || i + 1 >= body.end {
                continue;
            }
            let key = start_key(bytes[i], bytes[i + 1]);
            if has_bit(&self.starts, key)
                && self.prefix_may_match(&bytes[i..])
                && !after_word_char(text, i)
                && let Some(span) = self.try_at(doc, i, out)
            {
                resume = span.end;
            }
        }
    }
}

impl Calque {
    /// Whether some phrase may start at the beginning of `rest`.
    fn prefix_may_match(&self, rest: &[u8]) -> bool {
        if let Some(chunk) = rest.first_chunk::<PREFIX>() {
            let raw = u64::from_le_bytes(*chunk);
            return has_bit(&self.prefixes, key_of(raw, PREFIX))
                || self.short.iter().any(|&n| has_bit(&self.prefixes, key_of(raw, n)));
        }
        self.short.iter().any(|&n| rest.len() >= n && has_bit(&self.prefixes, prefix_key(rest, n)))
    }

    /// An anchored match at `start` that passes its conditions, reported.
    fn try_at(&self, doc: &Document<'_>, start: usize, out: &mut Vec<Finding>) -> Option<Span> {
        let text = doc.text();
        let input =
            aho_corasick::Input::new(text).range(start..doc.body().end).anchored(aho_corasick::Anchored::Yes);
        let m = self.ac.find(input)?;
        let span = Span::new(m.start(), m.end());
        if !at_word_boundaries(text, span.start, span.end) {
            return None;
        }
        let (entry, replacement) = &self.patterns[m.pattern().as_usize()];
        if !self.context_ok(doc, span, &self.conditions[*entry]) {
            return None;
        }
        let replacement = match_case(&text[span.range()], replacement);
        out.push(
            Finding::new(span).arg("replacement", replacement.clone()).fix(Edit::new(span, replacement)),
        );
        Some(span)
    }

    fn context_ok(&self, doc: &Document<'_>, span: Span, c: &Conditions) -> bool {
        let text = doc.text();
        let para = span.within(doc.paragraphs()).unwrap_or(doc.body());
        if c.sentence_start {
            let sentence = doc.sentence_containing(span).unwrap_or(para);
            let before = &text[sentence.start..span.start];
            if before.chars().any(|ch| ch.is_alphanumeric()) {
                return false;
            }
        }
        let next = |i: usize| {
            let input = Input::new(text).range(span.end..para.end.max(span.end)).anchored(Anchored::Yes);
            self.regexes[i].get().is_match(input)
        };
        if c.unless_next.is_some_and(next) || c.requires_next.is_some_and(|i| !next(i)) {
            return false;
        }
        let gloss = self.gloss.filter(|_| c.idiom);
        if c.unless.is_none() && c.requires.is_none() && gloss.is_none() {
            return true;
        }
        let window = self.window_around(text, para, span);
        let found = |i: usize| self.regexes[i].get().is_match(Input::new(text).range(window.range()));
        !(c.unless.is_some_and(found) || gloss.is_some_and(found) || c.requires.is_some_and(|i| !found(i)))
    }

    fn window_around(&self, text: &str, para: Span, span: Span) -> Span {
        let mut start = span.start.saturating_sub(self.window).max(para.start);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = (span.end + self.window).min(para.end.max(span.end));
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Span::new(start, end)
    }
}

/// Whether the character before byte `i` is a letter or digit.
fn after_word_char(text: &str, i: usize) -> bool {
    match text.as_bytes()[..i].last() {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric()),
    }
}

/// Capitalizes the replacement when the flagged text starts a sentence.
fn match_case(flagged: &str, replacement: &str) -> String {
    let upper = flagged.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if upper && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_phrases_of_many_lengths_are_slow() {
        let table = |phrases: &str| -> toml::Table {
            toml::from_str(&format!("[[calque]]\nphrase = [{phrases}]\nreplacement = \"x\"")).unwrap()
        };
        assert!(slowness(&table(r#""the ANO", "the PiS party""#)).is_none());
        assert!(slowness(&table(r#""the ANO", "EU top", "the PiS""#)).is_none());
        let warning = slowness(&table(r#""the ANO", "EU top", "EU ax", "kuluars""#)).unwrap();
        assert!(warning.contains("3 lengths ([5, 6, 7])"), "{warning}");
        // Lengths are those of the phrases as compiled, placeholders expanded.
        let with_set = |set: &str| -> toml::Table {
            let src = format!("[sets]\nS = [{set}]\n[[calque]]\nphrase = \"EU {{S}}\"\nreplacement = \"x\"");
            toml::from_str(&src).unwrap()
        };
        assert!(slowness(&with_set(r#""summit", "council""#)).is_none());
        let warning = slowness(&with_set(r#""ax", "top", "tops""#)).unwrap();
        assert!(warning.contains("3 lengths ([5, 6, 7])"), "{warning}");
        // A table that does not load is the loader's error, not a warning.
        assert!(slowness(&table(r#""of a {SET} kind""#)).is_none());
    }

    #[test]
    fn prefix_keys_of_a_loaded_word_equal_those_of_a_copied_prefix() {
        let text = b"The Chancellor, deputy 'Vice' z\xc3\xa9ro";
        for start in 0..text.len() - PREFIX {
            let rest = &text[start..];
            for n in 1..=PREFIX {
                assert_eq!(prefix_key(rest, n), prefix_key(&rest[..n], n), "{start} {n}");
            }
        }
    }

    fn detector(toml_src: &str) -> Box<dyn Detector> {
        let table: toml::Table = toml::from_str(toml_src).unwrap();
        build(&table, &BuildContext::default()).unwrap()
    }

    fn flagged(d: &dyn Detector, text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        d.check(&doc, &mut out);
        out.iter()
            .map(|f| (doc.slice(f.span).to_string(), f.fix.as_ref().unwrap().replacement.clone()))
            .collect()
    }

    /// The calques of `text` found by walking it byte by byte: an anchored
    /// search at every ASCII letter after a non-alphanumeric byte, or after a
    /// reported match, without the filters.
    fn simple_check(d: &Calque, text: &str) -> Vec<Finding> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let end = bytes.len();
        let mut i = 0;
        while i + 1 < end {
            match bytes[i..end].iter().position(u8::is_ascii_alphabetic) {
                Some(skip) => i += skip,
                None => break,
            }
            if i + 1 >= end {
                break;
            }
            if !after_word_char(text, i) {
                if let Some(span) = d.try_at(&doc, i, &mut out) {
                    i = span.end;
                    continue;
                }
            }
            i += 1;
            i += bytes[i..end].iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(end - i);
        }
        out
    }

    /// The `mt-calque` rule's detector, built once for all proptest cases.
    static RULE_DETECTOR: std::sync::LazyLock<Calque> = std::sync::LazyLock::new(|| {
        let rules = include_str!("../../rules/mt-calque.toml");
        let file: toml::Table = toml::from_str(rules).unwrap();
        let params = file["rule"].as_array().unwrap()[0]["params"].as_table().unwrap();
        compile(params, Compile::Now).unwrap()
    });

    proptest::proptest! {
        #[test]
        fn word_runs_find_what_the_byte_walk_finds(
            text in "(the NATO|the Chancellor |in the framework of|Recall that|declared himself satisfied|Vice Minister|deputy|[a-z]{1,6}|[A-Z][a-z]{0,5}|[0-9]|_|[ .,'’-]|é){0,60}"
        ) {
            let d = &*RULE_DETECTOR;
            let doc = Document::new(&text);
            let mut found = Vec::new();
            d.check(&doc, &mut found);
            let expected = simple_check(d, &text);
            let spans = |f: &[Finding]| f.iter().map(|f| f.span).collect::<Vec<_>>();
            proptest::prop_assert_eq!(spans(&found), spans(&expected));
        }
    }

    #[test]
    fn an_idiom_the_writer_glosses_is_silent() {
        let d = detector(
            r#"
            gloss = "(?i)as the saying goes"
            [[calque]]
            phrase = "no cow on the ice"
            replacement = "no cause for alarm"
            idiom = true
            [[calque]]
            phrase = "the NATO"
            replacement = "NATO"
            "#,
        );
        assert_eq!(flagged(&*d, "There is no cow on the ice.").len(), 1);
        assert!(flagged(&*d, "As the saying goes in Sweden, there is no cow on the ice.").is_empty());
        let glossed_but_no_idiom = "As the saying goes, the NATO holds.";
        assert_eq!(flagged(&*d, glossed_but_no_idiom), [("the NATO".into(), "NATO".into())]);
    }

    #[test]
    fn sets_expand_in_phrase_and_replacement() {
        let d = detector(
            r#"
            [sets]
            NAT = ["French", "German"]
            REFL = { himself = "he was", herself = "she was" }
            [[calque]]
            phrase = "head of the {NAT} diplomacy"
            replacement = "{NAT} foreign minister"
            [[calque]]
            phrase = "declared {REFL} satisfied"
            replacement = "said {REFL} satisfied"
            "#,
        );
        assert_eq!(
            flagged(&*d, "Head of the German diplomacy X declared herself satisfied."),
            [
                ("Head of the German diplomacy".into(), "German foreign minister".into()),
                ("declared herself satisfied".into(), "said she was satisfied".into())
            ]
        );
    }

    #[test]
    fn conditions_gate_matches() {
        let d = detector(
            r#"
            window = 40
            [[calque]]
            phrase = "Vice Minister"
            replacement = "Deputy Minister"
            unless = "China|Japan"
            [[calque]]
            phrase = "the NATO"
            replacement = "NATO"
            requires-next = "\\s*[,.]|\\s+(is|has)\\b"
            [[calque]]
            phrase = "Recall that"
            replacement = "Note that"
            sentence-start = true
            "#,
        );
        assert_eq!(flagged(&*d, "Vice Minister Ryabkov said.").len(), 1);
        assert!(flagged(&*d, "China's Vice Minister Ma said.").is_empty());
        assert_eq!(
            flagged(&*d, "Japan is far away, and much more text comes here. Vice Minister X.").len(),
            1
        );
        assert_eq!(flagged(&*d, "He left the NATO. Then the NATO summit.").len(), 1);
        assert_eq!(flagged(&*d, "Recall that he left. We recall that he left.").len(), 1);
    }

    #[test]
    fn duplicate_and_unknown_sets_are_errors() {
        let bad = |src: &str| {
            let table: toml::Table = toml::from_str(src).unwrap();
            build(&table, &BuildContext::default()).err().unwrap()
        };
        assert!(bad("[[calque]]\nphrase = \"{X} a\"\nreplacement = \"b\"").contains("unknown set"));
        assert!(bad("[[calque]]\nphrase = [\"a b\", \"A B\"]\nreplacement = \"c\"").contains("twice"));
    }
}
