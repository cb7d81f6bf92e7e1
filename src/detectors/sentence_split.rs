//! `sentence-split`: a full stop in the middle of a sentence, followed by a
//! lowercase word (`as justification. to launch`).
//!
//! Translation engines that split or merge sentences at the wrong place leave
//! a stray full stop. The tell is a lowercase word after `. `; the difficulty
//! is the many full stops that do not end a sentence. The detector looks for
//! `.` + spaces + a lowercase letter (a `memchr` scan, nothing allocated) and
//! then stays silent when the word before the stop is:
//!
//! - an abbreviation from the rule's `abbreviations` list (`approx.`, `vs.`,
//!   `Jan.`, `etc.`), compared case-insensitively;
//! - a single letter (initials, `p. 12`) or a token holding another dot, a
//!   digit, `/`, `@` or `:` (`U.S.`, `a.m.`, `e.g.`, `3.5`, `bbc.co.uk`,
//!   `report.pdf`, `10:30`), or the tail of an ellipsis;
//!
//! or when the word after it is not a plain lowercase word (`iPhone`,
//! `www.example.com`).
//!
//! The same cut can fall between paragraphs: a paragraph that opens on a
//! plain lowercase word and ends like a sentence (`civil defence teams also
//! warned ...` after `... may cause the rise of`) is the second half of a
//! sentence, unless it is a list item or opens on a name particle.

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "sentence-split", args: &["problem"], build };

const STRAY_STOP: &str = "full stop followed by a lowercase word";
const LOWERCASE_PARAGRAPH: &str = "paragraph starts with a lowercase word: a sentence cut in two";

/// A paragraph that starts in lowercase needs this many words to count as
/// the second half of a sentence.
const MIN_TAIL_WORDS: usize = 4;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Words that take a full stop and may be followed by a lowercase word,
    /// without the stop (`approx`, `vs`); case-insensitive.
    abbreviations: Vec<String>,
    /// Words that may open a sentence in lowercase: name particles
    /// (`von der Leyen said`).
    #[serde(default)]
    lowercase_openers: Vec<String>,
    /// Month names: a day after one ends a sentence (`on October 16.
    /// analysts`), where a lone number may be an ordinal (`der 16. Mai`).
    #[serde(default)]
    months: Vec<String>,
    /// Abbreviations that are words too, taken as abbreviations only after
    /// a number: the inch of `5 ft. 7 in. and`.
    #[serde(default)]
    after_number: Vec<String>,
}

struct SentenceSplit {
    /// Lowercased and sorted for binary search.
    abbreviations: Vec<String>,
    lowercase_openers: Vec<String>,
    months: Vec<String>,
    after_number: Vec<String>,
}

/// Longer tokens are never looked up (no abbreviation is this long).
const MAX_ABBREVIATION: usize = 16;

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    let mut abbreviations: Vec<String> =
        params.abbreviations.iter().map(|a| a.trim_end_matches('.').to_ascii_lowercase()).collect();
    if let Some(long) = abbreviations.iter().find(|a| a.len() > MAX_ABBREVIATION) {
        return Err(format!("abbreviation `{long}` is longer than {MAX_ABBREVIATION} bytes"));
    }
    abbreviations.sort_unstable();
    abbreviations.dedup();
    Ok(Box::new(SentenceSplit {
        abbreviations,
        lowercase_openers: params.lowercase_openers,
        months: params.months,
        after_number: params.after_number,
    }))
}

impl Detector for SentenceSplit {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let paragraphs = doc.paragraphs();
        for (i, &para) in paragraphs.iter().enumerate() {
            let text = doc.slice(para);
            self.check_paragraph(text, para.start, out);
            if i > 0 && self.continues_sentence(doc.slice(paragraphs[i - 1]), text) {
                let word = plain_word_after(text).unwrap_or(0);
                out.push(
                    Finding::new(Span::new(para.start, para.start + word))
                        .arg("problem", LOWERCASE_PARAGRAPH),
                );
            }
        }
    }
}

impl SentenceSplit {
    fn check_paragraph(&self, text: &str, offset: usize, out: &mut Vec<Finding>) {
        let bytes = text.as_bytes();
        for dot in memchr::memchr_iter(b'.', bytes) {
            if bytes.get(dot + 1) != Some(&b' ') {
                continue;
            }
            let next = dot + 1 + bytes[dot + 1..].iter().take_while(|&&b| b == b' ').count();
            // A quotation may open the lowercase half (`Clavien. “the
            // harvest`): a quotation after a full stop opens a sentence.
            let quote = text[next..]
                .chars()
                .next()
                .filter(|c| matches!(c, '“' | '"' | '‘'))
                .map_or(0, char::len_utf8);
            let rest = &text[next + quote..];
            if !rest.starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
            let Some(word_start) = self.plain_word_before(text, dot) else { continue };
            let Some(word_len) = plain_word_after(rest) else { continue };
            if self.lowercase_openers.iter().any(|w| w == &rest[..word_len]) {
                continue;
            }
            let span = Span::new(offset + word_start, offset + next + quote + word_len);
            let edit = Edit::new(Span::new(offset + dot, offset + next), " ");
            out.push(Finding::new(span).fix(edit).arg("problem", STRAY_STOP));
        }
    }

    /// Whether `text`, a paragraph after `prev`, is the second half of a
    /// sentence the scraper cut in two (`... may cause the rise of` then
    /// `civil defence teams also warned ...`): it ends like a sentence and
    /// opens on a plain lowercase word that is no name particle (`de
    /// Gaulle`), and it is no list item (the paragraph before it introduces
    /// a list with a colon, or it ends on `;` or `,`).
    fn continues_sentence(&self, prev: &str, text: &str) -> bool {
        if !text.starts_with(|c: char| c.is_ascii_lowercase()) {
            return false;
        }
        let Some(len) = plain_word_after(text) else { return false };
        let word = &text[..len];
        len >= 2
            && !self.lowercase_openers.iter().any(|w| w == word)
            && !prev.trim_end().ends_with([':', ';', ','])
            && !text.trim_end().ends_with([';', ',', ':'])
            && text.split_whitespace().nth(MIN_TAIL_WORDS - 1).is_some()
            // Prose: a line of page furniture (`asc / dpa / AFP`) is
            // another rule's.
            && super::truncated_sentence::ends_sentence(text)
    }

    /// The start of the word ending at `text[..dot]` if it is a plain word of
    /// two letters or more and not an abbreviation.
    fn plain_word_before(&self, text: &str, dot: usize) -> Option<usize> {
        let before = &text[..dot];
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let token = before[start..].trim_start_matches(['(', '[', '“', '‘', '"', '\'', '«', '—', '–']);
        let word_start = dot - token.len();
        // A quotation or a bracket may close before the full stop:
        // `“We are united”. the two men`.
        let word = token.trim_end_matches(['”', '"', '»', ')', ']']);
        if is_figure(word) && word_start > 0 {
            return Some(word_start); // `in 2028. the`, `by 3%. analysts`
        }
        // A number in brackets, a score or a count: `Gill (21). but Kohli`.
        let bracketed = before[start..].starts_with('(') && token.ends_with(')');
        if bracketed && !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
            return Some(word_start);
        }
        // Two digits after a lowercase word: `working until 67. they`; a
        // day after a month: `on October 16. analysts`.
        let number = (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
        if number
            && (word.len() == 2 && after_lowercase_word(before, word_start)
                || self.after_month(before, word_start))
        {
            return Some(word_start);
        }
        let mut letters = 0;
        for c in word.chars() {
            if c.is_alphabetic() {
                letters += 1;
            } else if !matches!(c, '-' | '’' | '\'') {
                return None; // digits, dots, slashes...
            }
        }
        if letters < 2 || !word.ends_with(char::is_alphabetic) || self.is_abbreviation(word) {
            return None;
        }
        if self.after_number.iter().any(|a| a == word) && after_figure(before, word_start) {
            return None;
        }
        Some(word_start)
    }

    /// Whether the word ending at `at` (then a space) is a month's name.
    fn after_month(&self, before: &str, at: usize) -> bool {
        word_before(before, at).is_some_and(|month| self.months.iter().any(|m| m == month))
    }

    fn is_abbreviation(&self, token: &str) -> bool {
        if token.len() > MAX_ABBREVIATION || !token.is_ascii() {
            return false;
        }
        let mut buf = [0u8; MAX_ABBREVIATION];
        let lower = &mut buf[..token.len()];
        lower.copy_from_slice(token.as_bytes());
        lower.make_ascii_lowercase();
        self.abbreviations.binary_search_by(|a| a.as_bytes().cmp(lower)).is_ok()
    }
}

/// The token that ends just before the space before `at`, if there is
/// such a space (`October` in `on October 16`, `7` in `7 in.`).
fn word_before(before: &str, at: usize) -> Option<&str> {
    let lead = before[..at].strip_suffix(' ')?;
    Some(&lead[lead.rfind(' ').map_or(0, |i| i + 1)..])
}

/// Whether a number and a space come just before `at` (`7 in.`).
fn after_figure(before: &str, at: usize) -> bool {
    word_before(before, at).is_some_and(|figure| {
        figure.bytes().any(|b| b.is_ascii_digit())
            && figure.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',' || b == b'/')
    })
}

/// Whether a lowercase word of two letters or more and a space come just
/// before `at` (not a list number opening a line, nor `p. 12`).
fn after_lowercase_word(before: &str, at: usize) -> bool {
    let Some(lead) = before[..at].strip_suffix(' ') else { return false };
    let mut letters = lead.chars().rev().take_while(|c| c.is_alphabetic());
    let mut n = 0;
    letters.all(|c| {
        n += 1;
        c.is_lowercase()
    }) && n >= 2
}

/// A number that ends a sentence, not an ordinal or a list item (`3.`,
/// `12.`): three digits or more (`2028`, `1,500`, with a currency before
/// them: `N45,000`), or a percentage, with its decimals (`2.08%`).
fn is_figure(word: &str) -> bool {
    // An amount keeps its currency: `$1,200`, `€450`, `N45,000`, `US$300`.
    let word = word.trim_start_matches(['$', '€', '£', '¥', '₦', '₹', '₽', '₩', '₺', '₱']);
    let code = word.bytes().take_while(u8::is_ascii_uppercase).count();
    let word = if code <= 3 { word[code..].trim_start_matches('$') } else { word };
    let (digits, percent) = match word.strip_suffix('%') {
        Some(d) => (d, true),
        None => (word, false),
    };
    let all_digits = !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == ',' || percent && c == '.');
    all_digits && (percent || digits.len() >= 3)
}

/// The byte length of the lowercase word opening `rest`, unless the token is
/// something else: a brand with inner capitals (`iPhone`) or an address
/// (`www.example.com`, `user@host`).
fn plain_word_after(rest: &str) -> Option<usize> {
    let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let token = rest[..token_end].trim_end_matches(|c: char| !c.is_alphanumeric());
    if token.contains(['.', '/', '@', ':']) || token.chars().any(char::is_uppercase) {
        return None;
    }
    Some(rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        let d = SentenceSplit {
            abbreviations: vec!["approx".into(), "etc".into(), "vs".into()],
            lowercase_openers: vec!["von".into()],
            months: vec!["October".into()],
            after_number: vec!["in".into()],
        };
        let mut out = Vec::new();
        d.check_paragraph(text, 0, &mut out);
        out.iter().map(|f| text[f.span.range()].to_string()).collect()
    }

    #[test]
    fn flags_a_stop_before_a_lowercase_word() {
        assert_eq!(flagged("as justification. to launch"), ["justification. to"]);
        assert_eq!(flagged("other issues.  such as"), ["issues.  such"]);
        assert_eq!(flagged("until 2028. the plan"), ["2028. the"]);
        assert_eq!(flagged("rose by 3%. analysts said"), ["3%. analysts"]);
        assert_eq!(flagged("closed May at 2.08%. this was"), ["2.08%. this"]);
        assert!(flagged("version 2.08. the update").is_empty(), "a decimal without % is not a figure");
    }

    #[test]
    fn abbreviations_initials_and_addresses_stay_silent() {
        for s in [
            "Approx. ten people",
            "in the U.S. and",
            "at 9 a.m. on",
            "red vs. blue",
            "J. edgar",
            "see bbc.co.uk. and",
            "file report.pdf. then",
            "grew 3. percent",
            "12. the first item",
            "the 2. and 3. rounds",
            "wait... what",
            "bought an iPad. iPhone sales",
            "see example. www.example.com",
            "the Commission. von der Leyen said",
            "a\u{a0}b. and\u{202f}c. etc",
            "is 5 ft. 7 in. and fast",
            "stands 1,80 in. tall",
        ] {
            assert!(flagged(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn the_fix_drops_the_stop() {
        let d = SentenceSplit {
            abbreviations: vec![],
            lowercase_openers: vec![],
            months: vec![],
            after_number: vec![],
        };
        let mut out = Vec::new();
        d.check_paragraph("issues. such", 0, &mut out);
        assert_eq!(out[0].fix.as_ref().unwrap().span, Span::new(6, 8));
    }
}
