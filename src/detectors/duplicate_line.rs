//! `duplicate-line`: a headline or paragraph repeated verbatim in one document.
//!
//! Scrapers often capture a headline twice (the page title and the `<h1>`) or
//! repeat a paragraph when a page is paginated. Paragraphs are compared after
//! whitespace normalization, by a 64-bit hash of the normalized words, so no
//! paragraph is copied; equal hashes are confirmed by comparing the words.

use std::collections::HashMap;

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::{Label, Span};
use crate::document::Document;
use crate::finding::{Edit, Finding};
use crate::hash::BuildPrehashed;

pub const INFO: Info = Info { name: "duplicate-line", args: &["first_line"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Paragraphs with fewer words are never reported (subheads repeat).
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// A dateline at the start of a paragraph, up to and with the dash after
    /// it (`ZAGREB, 14 March (Hina) – `): the lead under it is compared too.
    dateline: Option<String>,
    /// The dateline ends within the paragraph's first this many bytes (the
    /// bound is here rather than in the regex, where `{0,56}` copies of a
    /// Unicode class would cost start-up time).
    #[serde(default = "default_dateline_bytes")]
    dateline_bytes: usize,
}

fn default_dateline_bytes() -> usize {
    60
}

fn default_min_words() -> usize {
    4
}

struct DuplicateLine {
    params: Params,
    /// The `dateline` param, compiled.
    dateline: Option<regex::Regex>,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    let dateline = match &params.dateline {
        Some(re) if !re.starts_with('^') => return Err("`dateline` must start with `^`".into()),
        Some(re) => Some(super::regex_param("dateline", re)?),
        None => None,
    };
    Ok(Box::new(DuplicateLine { params, dateline }))
}

impl DuplicateLine {
    /// Where `text` goes on after a dateline at its start.
    fn after_dateline(&self, text: &str) -> Option<usize> {
        let re = self.dateline.as_ref()?;
        let mut end = self.params.dateline_bytes.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        re.find(&text[..end]).map(|m| m.end())
    }
}

impl Detector for DuplicateLine {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let mut seen: HashMap<u64, Span, BuildPrehashed> =
            HashMap::with_capacity_and_hasher(doc.paragraphs().len(), BuildPrehashed::default());
        let copy = |first: Span, para: Span| {
            let line = doc.line_at(first.start) + 1;
            Finding::new(para)
                .arg("first_line", line.to_string())
                .label(Label::here(first, "first copy"))
                .fix(Edit::delete(deletion(doc.text(), para)))
        };
        for &para in doc.paragraphs() {
            let text = doc.slice(para);
            let (key, words) = words_hash(text);
            if words < self.params.min_words {
                continue;
            }
            match seen.get(&key) {
                Some(&first) if same_words(doc.slice(first), text) => {
                    out.push(copy(first, para));
                    continue;
                }
                Some(_) => {}
                None => {
                    seen.insert(key, para);
                }
            }
            // The first and last sentences of a longer paragraph, which a
            // pull quote or a teaser the scraper kept repeats on its own.
            for (start, end) in edge_sentences(text) {
                let (key, words) = words_hash(&text[start..end]);
                if words >= MIN_SENTENCE_WORDS {
                    seen.entry(key).or_insert(Span::new(para.start + start, para.start + end));
                }
            }
            // The lead repeated under a dateline (`ZAGREB, 14 March (Hina) –
            // The government ...`), in either order.
            if let Some(at) = self.after_dateline(text) {
                let (rest_key, rest_words) = words_hash(&text[at..]);
                let rest = Span::new(para.start + at, para.end);
                if rest_words >= MIN_SENTENCE_WORDS
                    && let Some(first) = seen_before(&mut seen, doc, para, rest, rest_key)
                {
                    out.push(copy(first, para));
                    continue;
                }
            }
            // A headline repeated with the site's name or section after it
            // (`Rail chaos: ... | Rhein-Echo`, then `Rail chaos: ...`), or
            // both (`... - Bogotá - EL TIEMPO`): its stems count as copies
            // too, in either order.
            if words > MAX_HEADLINE_WORDS {
                continue;
            }
            let min = self.params.min_words;
            let one = without_suffix(text, min);
            let two = one.and_then(|s| without_suffix(s, min));
            for stem in [one, two].into_iter().flatten() {
                let stem_span = Span::new(para.start, para.start + stem.len());
                if let Some(first) = seen_before(&mut seen, doc, para, stem_span, words_hash(stem).0) {
                    out.push(copy(first, para));
                    break;
                }
            }
        }
    }
}

/// The span of an earlier copy of `part` (a piece of paragraph `para`
/// whose words hash to `key`) in another paragraph; else `part` is
/// remembered for the paragraphs after.
fn seen_before(
    seen: &mut HashMap<u64, Span, BuildPrehashed>,
    doc: &Document<'_>,
    para: Span,
    part: Span,
    key: u64,
) -> Option<Span> {
    match seen.get(&key) {
        Some(&first) if first.start != para.start && same_words(doc.slice(first), doc.slice(part)) => {
            Some(first)
        }
        Some(_) => None,
        None => {
            seen.insert(key, part);
            None
        }
    }
}

/// The first and the last sentence of a paragraph of several, cut at the
/// first and the last full stop followed by a space (an abbreviation cuts
/// too early, and then the sentence is just not found again).
/// Returned as (start, end) byte offsets into `text`.
fn edge_sentences(text: &str) -> impl Iterator<Item = (usize, usize)> {
    let b = text.as_bytes();
    let stop = |&i: &usize| b.get(i + 1) == Some(&b' ');
    let first = memchr::memchr_iter(b'.', b).find(stop).map(|i| (0, i + 1));
    let last = memchr::memrchr_iter(b'.', b).find(stop).map(|i| (i + 2, b.len()));
    first.into_iter().chain(last)
}

/// A repeated sentence needs this many words to count as a copy (a
/// shorter one may be a refrain: `We will not stop.`).
const MIN_SENTENCE_WORDS: usize = 6;

/// Paragraphs up to this many words may be headlines repeated with a suffix.
const MAX_HEADLINE_WORDS: usize = 30;

/// `text` without a trailing site or section name set off by a separator
/// (` | Rhein-Echo`, ` – Politics`), when one of one to four words follows
/// a stem of at least `min_words` words. Such a suffix is short, so only the
/// last [`SUFFIX_BYTES`] bytes are searched for the separator.
fn without_suffix(text: &str, min_words: usize) -> Option<&str> {
    let b = text.as_bytes();
    let from = b.len().saturating_sub(SUFFIX_BYTES);
    let mut end = b.len();
    let at = loop {
        let i = from + memchr::memrchr3(b'|', b'-', 0xE2, &b[from..end])?;
        end = i;
        let mark = match b[i] {
            b'|' | b'-' => 1,
            _ if b[i..].starts_with("–".as_bytes()) || b[i..].starts_with("—".as_bytes()) => 3,
            _ => continue,
        };
        if i > 0 && b[i - 1] == b' ' && b.get(i + mark) == Some(&b' ') {
            break (i - 1, mark + 2);
        }
    };
    let (at, sep) = at;
    let suffix_words = text[at + sep..].split_whitespace().count();
    let stem = text[..at].trim_end();
    ((1..=4).contains(&suffix_words) && stem.split_whitespace().count() >= min_words).then_some(stem)
}

/// The longest suffix [`without_suffix`] looks for, in bytes.
const SUFFIX_BYTES: usize = 96;

/// A hash of the text's whitespace-separated words (as `split_whitespace`
/// sees them, joined by single spaces) and their count. This detector reads
/// every paragraph of the corpus, so the usual case, a paragraph whose words
/// are already separated by single ASCII spaces, is hashed in place at memory
/// speed; only a paragraph with other whitespace is normalized first.
fn words_hash(text: &str) -> (u64, usize) {
    if let Some(spaces) = canonical_spaces(text.as_bytes()) {
        let words = if text.is_empty() { 0 } else { spaces + 1 };
        return (hash_bytes(text.as_bytes()), words);
    }
    let mut joined = String::with_capacity(text.len());
    let mut words = 0;
    for word in text.split_whitespace() {
        if words > 0 {
            joined.push(' ');
        }
        joined.push_str(word);
        words += 1;
    }
    (hash_bytes(joined.as_bytes()), words)
}

/// XXH3: this hashes every paragraph of the corpus, and SipHash (std's
/// default) cost more than the rest of the detector. Equal hashes are
/// confirmed by comparing the words, so collisions cannot cause findings.
fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The number of spaces in `b` when its words are separated by single ASCII
/// spaces only (see [`is_canonical`]), else `None`.
///
/// The byte-by-byte test of `is_canonical` mispredicts at every space and
/// cost most of this detector, so blocks of 32 bytes are tested without
/// branches (vectorized): spaces counted, and a flag raised by ASCII control
/// whitespace or by a lead byte of a rare White_Space character; only then,
/// or for a double space, is the paragraph looked at closely. 0xC2 and 0xE2
/// also start `£`, curly quotes and dashes, so their occurrences are
/// checked one by one.
fn canonical_spaces(b: &[u8]) -> Option<usize> {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let rare = |c: u8| (c.wrapping_sub(b'\t') <= b'\r' - b'\t') | (c == 0xE1) | (c == 0xE3);
    let mut spaces = 0;
    let mut flagged = false;
    let mut blocks = b.chunks_exact(32);
    for block in blocks.by_ref() {
        let (n, f) = block.iter().fold((0u8, false), |(n, f), &c| (n + u8::from(c == b' '), f | rare(c)));
        spaces += usize::from(n);
        flagged |= f;
    }
    for &c in blocks.remainder() {
        spaces += usize::from(c == b' ');
        flagged |= rare(c);
    }
    if flagged || memchr::memmem::find(b, b"  ").is_some() {
        return is_canonical(b).then_some(spaces);
    }
    let odd = memchr::memchr2_iter(0xC2, 0xE2, b).any(|i| is_odd_space(&b[i..]));
    (!odd).then_some(spaces)
}

/// Whether `b` starts with U+0085, U+00A0 (lead 0xC2) or a White_Space
/// character of the 0xE2 block (U+2000..U+200A, U+2028, U+2029, U+202F,
/// U+205F).
fn is_odd_space(b: &[u8]) -> bool {
    matches!(
        b,
        [0xC2, 0x85 | 0xA0, ..] | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..]
    )
}

/// Whether the words are separated by single ASCII spaces only, with none at
/// the ends: no ASCII control whitespace, no double space, none of Unicode's
/// other White_Space characters (U+0085, U+00A0, U+1680, U+2000..U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000).
fn is_canonical(b: &[u8]) -> bool {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev = 0u8;
    for (i, &c) in b.iter().enumerate() {
        let odd = match c {
            b'\t'..=b'\r' => true,
            b' ' => prev == b' ',
            0xC2 | 0xE2 => is_odd_space(&b[i..]),
            0xE1 => b[i + 1..].starts_with(&[0x9A, 0x80]),
            0xE3 => b[i + 1..].starts_with(&[0x80, 0x80]),
            _ => false,
        };
        if odd {
            return false;
        }
        prev = c;
    }
    true
}

fn same_words(a: &str, b: &str) -> bool {
    a == b || a.split_whitespace().eq(b.split_whitespace())
}

/// The span to delete so the duplicate leaves no extra blank line: the
/// paragraph and the whitespace after it up to the next content line, or,
/// at the end of the text, the whitespace before it.
fn deletion(text: &str, para: Span) -> Span {
    let after = &text[para.end..];
    let trailing = after.len() - after.trim_start().len();
    if para.end + trailing < text.len() {
        // Keep the next line's indentation: stop after the last line break.
        let ws = &after[..trailing];
        let end = ws.rfind('\n').or_else(|| ws.rfind('\r')).map_or(0, |i| i + 1);
        return Span::new(para.start, para.end + end);
    }
    let before = &text[..para.start];
    Span::new(before.trim_end().len(), para.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`without_suffix`] by its definition: the last separator, searched
    /// with `rfind`, within the last [`SUFFIX_BYTES`] bytes.
    fn reference_without_suffix(text: &str, min_words: usize) -> Option<&str> {
        let (at, sep) = [" | ", " – ", " — ", " - "]
            .iter()
            .filter_map(|sep| text.rfind(sep).map(|at| (at, sep.len())))
            .max_by_key(|&(at, _)| at)?;
        if at + 1 < text.len().saturating_sub(SUFFIX_BYTES) {
            return None;
        }
        let suffix_words = text[at + sep..].split_whitespace().count();
        let stem = text[..at].trim_end();
        ((1..=4).contains(&suffix_words) && stem.split_whitespace().count() >= min_words).then_some(stem)
    }

    #[test]
    fn suffixes_are_cut_at_the_last_separator() {
        assert_eq!(
            without_suffix("Floods close the motorway | Alpes Matin", 4),
            Some("Floods close the motorway")
        );
        assert_eq!(without_suffix("Floods close the A-7 – Weather", 4), Some("Floods close the A-7"));
        assert_eq!(without_suffix("Prices rose 2 - 3% in a week", 4), None);
        assert_eq!(without_suffix("Floods | close", 4), None);
    }

    proptest::proptest! {
        #[test]
        fn suffixes_agree_with_the_reference(
            text in "(word|Site|“quoted”|A-7| - | – | — | \\| |x|  ){0,40}",
        ) {
            proptest::prop_assert_eq!(without_suffix(&text, 2), reference_without_suffix(&text, 2));
        }
    }

    #[test]
    fn words_hash_ignores_how_words_are_spaced() {
        let (h, n) = words_hash("The  talks\u{a0}ended\tin Geneva.");
        assert_eq!((h, n), words_hash(" The talks ended in\r\nGeneva. "));
        assert_eq!(n, 5);
        assert_ne!(h, words_hash("The talks ended in Geneva").0);
        assert_ne!(words_hash("ab c").0, words_hash("a bc").0);
        assert_eq!(words_hash("").1, 0);
        for ws in ["\u{85}", "\u{1680}", "\u{2003}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}"] {
            assert!(ws.chars().all(char::is_whitespace));
            assert_eq!(words_hash(&format!("a{ws}b")), words_hash("a b"), "{ws:?}");
        }
        assert!(is_canonical("“Quoted” – text, 3.5%".as_bytes()));
    }

    #[test]
    fn fast_scan_agrees_with_the_byte_test() {
        let long = "word ".repeat(20);
        let pieces =
            ["", " ", "  ", "\t", "\u{a0}", "£", "“", "–", "\u{2003}", "\u{205f}", "\u{3000}", "ü", "x"];
        for a in pieces {
            for b in pieces {
                for text in [format!("{a}{b}"), format!("x{a}y{b}z"), format!("{long}x{a}y{long}{b}z")] {
                    let spaces = text.bytes().filter(|&c| c == b' ').count();
                    let expected = is_canonical(text.as_bytes()).then_some(spaces);
                    assert_eq!(canonical_spaces(text.as_bytes()), expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn deletion_removes_the_copy_and_its_line_break() {
        let text = "Head line here now\n\nHead line here now\nImage: x";
        let span = Span::new(20, 38);
        let d = deletion(text, span);
        let mut fixed = text.to_string();
        fixed.replace_range(d.range(), "");
        assert_eq!(fixed, "Head line here now\n\nImage: x");
    }

    #[test]
    fn deletion_at_end_removes_preceding_whitespace() {
        let text = "Para one two three.\n\nPara one two three.\n";
        let d = deletion(text, Span::new(21, 40));
        let mut fixed = text.to_string();
        fixed.replace_range(d.range(), "");
        assert_eq!(fixed, "Para one two three.\n");
    }
}
