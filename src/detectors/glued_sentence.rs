//! `glued-sentence`: two sentences joined by a full stop, question mark or
//! exclamation mark without the space after it (`fell again.What changes`,
//! `in Dhaka.Students fled`), as a scraper leaves them when it joins a
//! paragraph and the subhead or caption after it.
//!
//! The mark needs two lowercase letters (or a year, or a day after a
//! month's name) before it and an uppercase letter then a lowercase one
//! after it, so abbreviations and names
//! (`St.Petersburg`, `U.S.Army`), domains (`example.com`) and `Node.js` stay
//! silent. A full stop between a word and a lowercase word that opens
//! sentences (`in January.the text`) is reported without a fix; one that is
//! also a top-level domain (`it`, `in`) only after a word that no domain
//! name is (`of the match.in his`, `postponed indefinitely.it will`). A
//! detector rather than a regex: the marks are found with one
//! `memchr3` pass, where a pattern without a rare literal would join the
//! shared DFA and slow every document down.

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "glued-sentence", args: &[], build };

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct GluedSentence {
    /// Month names: a day after one may end a sentence (`on March 21.Officials`);
    /// a prefix of three letters or more counts too (`Mar.`, `Sept`).
    months: Vec<String>,
    /// Lowercase words that open sentences and are no top-level domain,
    /// flagged after a glued full stop (`in January.the text`).
    lowercase_starts: Vec<String>,
    /// Any other lowercase word of at least this many letters after a glued
    /// full stop is flagged too (`two more weeks.after that`)...
    min_glued_word: usize,
    /// ...unless it is a top-level domain or a file extension of that length
    /// (`example.info is`, `report.html and`).
    not_glued: Vec<String>,
    /// Words that open sentences but are top-level domains too (`it`,
    /// `in`): flagged only when the word before the stop follows one of
    /// `determiners` (`of the match.in his`), as no domain name does.
    #[serde(default)]
    domain_starts: Vec<String>,
    #[serde(default)]
    determiners: Vec<String>,
    /// ...or when that word is a long English word by its ending
    /// (`postponed indefinitely.it will`, `without consultation.it also`),
    /// which a domain name seldom is: endings, and the fewest letters.
    #[serde(default)]
    word_endings: Vec<String>,
    #[serde(default = "default_min_ending_word")]
    min_ending_word: usize,
}

fn default_min_ending_word() -> usize {
    6
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    Ok(Box::new(super::params::<GluedSentence>(table)?))
}

impl Detector for GluedSentence {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let body = doc.body();
        let text = &doc.text()[body.range()];
        for i in memchr::memchr3_iter(b'.', b'?', b'!', text.as_bytes()) {
            // Most marks end a sentence before a space: nothing to check.
            if text.as_bytes().get(i + 1).is_none_or(|&b| b == b' ' || b == b'\n') {
                continue;
            }
            let span = Span::new(body.start + i, body.start + i + 1);
            if self.glued_at(text, i) {
                let mark = &text[i..=i];
                out.push(Finding::new(span).fix(Edit::new(span, format!("{mark} "))));
            } else if self.lowercase_glued_at(text, i) {
                // A space alone would leave a sentence that starts in
                // lowercase: no certain fix.
                out.push(Finding::new(span));
            }
        }
    }
}

impl GluedSentence {
    /// Whether the ASCII mark at byte `i` of `text` glues two sentences.
    fn glued_at(&self, text: &str, i: usize) -> bool {
        // A closing quote may stand between the word and the mark
        // (`decision”.The`).
        let before_mark = text[..i].strip_suffix(['”', '"', '’', ')']).unwrap_or(&text[..i]);
        let mut before = before_mark.chars().rev();
        let mut after = text[i + 1..].chars();
        let lower = |c: Option<char>| c.is_some_and(char::is_lowercase);
        // A parenthesis closes a phrase whatever it holds (`Confederation
        // (CHE).The`).
        let closes_parenthesis = text[..i].ends_with(')');
        let opens = match (after.next(), after.next()) {
            // The pronoun `I` (`a later date.I stopped`, `.I’m`) and the
            // article `A` (`the overruns.A court`).
            (Some('I'), Some(' ' | '’' | '\'')) | (Some('A'), Some(' ')) => true,
            (Some(a), Some(b)) => a.is_uppercase() && b.is_lowercase(),
            _ => false,
        };
        opens
            && (closes_parenthesis
                || lower(before.next()) && lower(before.next())
                || ends_on_year(&text[..i])
                || ends_on_score(&text[..i])
                // A share (`rose 35%.The`) or a decimal (`21.7.The`).
                || ends_on_share(&text[..i])
                || ends_on_decimal(&text[..i])
                || ends_on_acronym(&text[..i])
                || self.ends_on_day(&text[..i]))
    }

    /// `in January.the text`: a full stop after a word of three letters or
    /// more (or a year: `in 2008.the`), perhaps with a closing quote
    /// between (`negotiate”.the`), and before a lowercase word that starts
    /// sentences or is long enough to be no domain or file extension, then
    /// a space.
    fn lowercase_glued_at(&self, text: &str, i: usize) -> bool {
        if text.as_bytes()[i] != b'.' || !text.as_bytes().get(i + 1).is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        let before = text[..i].strip_suffix(['”', '"', '’']).unwrap_or(&text[..i]);
        // A word with an apostrophe inside counts whole (`the Qur’an.some`).
        let word_chars = || before.chars().rev().take_while(|&c| c.is_alphabetic() || c == '’' || c == '\'');
        let word = word_chars().count();
        // A lowercase word without a vowel is an abbreviation or a name's
        // part (`the gfs.bern institute`), not a sentence's last word; a
        // plural acronym is one (`at the MKs.the committee`).
        let vowel = word_chars().any(|c| "aeiouy".contains(c) || !c.is_ascii_lowercase());
        if word >= 3 && !vowel {
            return false;
        }
        let after = &text[i + 1..];
        let next = after.bytes().take_while(u8::is_ascii_lowercase).count();
        let next_word = &after[..next];
        let starts_a_sentence = self.lowercase_starts.iter().any(|w| w == next_word);
        // A word of two letters (`in.the`) or a parenthesis (`(13th).but`)
        // before a word that starts sentences.
        let word_start = before.len() - word_chars().map(char::len_utf8).sum::<usize>();
        let two_letters = word == 2
            && before[..word_start].ends_with(' ')
            && SHORT_WORDS.contains(&before[word_start..].to_ascii_lowercase().as_str());
        let short = (two_letters || before.ends_with(')')) && starts_a_sentence;
        (word >= 3 || short || ends_on_year(before) || ends_on_time(before) || ends_on_share(before))
            && after[next..].starts_with([' ', ','])
            && (starts_a_sentence
                || next >= self.min_glued_word && !self.not_glued.iter().any(|w| w == next_word)
                || self.domain_starts.iter().any(|w| w == next_word)
                    && (self.after_determiner(&text[..i])
                        || self.ends_like_a_word(&text[..i])
                        || before_a_name(&after[next + 1..])
                        || self.before_determiner(&after[next..])))
    }

    /// Whether `before` ends on a lowercase word of
    /// [`Self::min_ending_word`] letters or more with one of
    /// [`Self::word_endings`] (`indefinitely`, `consultation`).
    fn ends_like_a_word(&self, before: &str) -> bool {
        let letters = before.bytes().rev().take_while(u8::is_ascii_lowercase).count();
        let word = &before[before.len() - letters..];
        letters >= self.min_ending_word
            && !before[..before.len() - letters]
                .ends_with(|c: char| c.is_alphanumeric() || ".-_/@".contains(c))
            && self.word_endings.iter().any(|e| word.ends_with(e.as_str()))
    }

    /// Whether `before` ends on a lowercase word that follows one of
    /// [`Self::determiners`] (`the match`).
    fn after_determiner(&self, before: &str) -> bool {
        let word = before.len() - before.bytes().rev().take_while(u8::is_ascii_lowercase).count();
        let Some(head) = before[..word].strip_suffix(' ') else { return false };
        let det = head.rsplit(' ').next().unwrap_or(head);
        word < before.len() && self.determiners.iter().any(|d| d == det)
    }

    /// Whether `rest` is a space and one of [`Self::determiners`], then a
    /// space (`permanent.in the last`): a sentence goes on, where a domain
    /// name is followed by a verb (`ansa.it reported`).
    fn before_determiner(&self, rest: &str) -> bool {
        let Some(rest) = rest.strip_prefix(' ') else { return false };
        let word = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        rest[word..].starts_with(' ') && self.determiners.iter().any(|d| d == &rest[..word])
    }

    /// Whether `before` ends on a day after a month's name (`on March 21`).
    fn ends_on_day(&self, before: &str) -> bool {
        let day = before.bytes().rev().take_while(u8::is_ascii_digit).count();
        let Some(head) = before[..before.len() - day].strip_suffix(' ') else { return false };
        let month = head.rsplit(' ').next().unwrap_or(head).trim_end_matches('.');
        (1..=2).contains(&day)
            && self.months.iter().any(|m| month == m || (month.len() >= 3 && m.starts_with(month)))
    }
}

/// English words of two letters that end sentences (`stepped in.the`),
/// unlike abbreviations and the parts of domain names (`ab.the`).
const SHORT_WORDS: [&str; 13] =
    ["in", "on", "no", "up", "so", "do", "go", "to", "it", "us", "me", "by", "of"];

/// Whether `rest` starts with a capitalised word (`Santiago`, `July`): a
/// sentence goes on after the glued `in`, where a domain name (`ansa.it
/// on Monday`) is followed by prose.
fn before_a_name(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
}

/// Whether `before` ends on a share (`to 3%`).
fn ends_on_share(before: &str) -> bool {
    before.strip_suffix('%').is_some_and(|t| t.ends_with(|c: char| c.is_ascii_digit()))
}

/// Whether `before` ends on a decimal figure standing alone (`in Madrid
/// 21.7`, `14,6`): a version (`v3.12`) or an address (`192.168.1`) has no
/// space before it.
fn ends_on_decimal(before: &str) -> bool {
    let b = before.as_bytes();
    let digits = |s: &[u8]| s.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let fraction = digits(b);
    let Some((&point, rest)) = b[..b.len() - fraction].split_last() else { return false };
    let whole = digits(rest);
    (1..=3).contains(&fraction)
        && matches!(point, b'.' | b',')
        && (1..=4).contains(&whole)
        && rest[..rest.len() - whole].last() == Some(&b' ')
}

/// Whether `before` ends on a time of day (`at 19:30`).
fn ends_on_time(before: &str) -> bool {
    let b = before.as_bytes();
    let n = b.len();
    n >= 5
        && b[n - 3] == b':'
        && [b[n - 5], b[n - 4], b[n - 2], b[n - 1]].iter().all(u8::is_ascii_digit)
        && (n == 5 || !b[n - 6].is_ascii_alphanumeric())
}

/// Whether `before` ends on a score standing alone (`won 2-0`, `3–1`,
/// `2:1`).
fn ends_on_score(before: &str) -> bool {
    let Some((head, away)) = before.rsplit_once(['-', '–', ':']) else { return false };
    let home = head.rsplit(' ').next().unwrap_or(head);
    let goals = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    goals(home) && goals(away) && head.len() > home.len()
}

/// Whether `before` ends on a word of three capitals or more standing
/// alone (`the SET.The`), not inside a dotted name (`ASP.NET`).
fn ends_on_acronym(before: &str) -> bool {
    let caps = before.bytes().rev().take_while(u8::is_ascii_uppercase).count();
    caps >= 3 && before[..before.len() - caps].ends_with(' ')
}

/// Whether `before` ends on a year standing alone (`from 2024`), not on a
/// version or a number glued to letters (`v2024`).
fn ends_on_year(before: &str) -> bool {
    let b = before.as_bytes();
    let Some(year) = b.len().checked_sub(4).map(|s| &b[s..]) else { return false };
    year.iter().all(u8::is_ascii_digit)
        && (year.starts_with(b"19") || year.starts_with(b"20"))
        && b.len().checked_sub(5).is_some_and(|s| b[s] == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<usize> {
        let detector = GluedSentence {
            months: ["January", "March"].map(String::from).to_vec(),
            lowercase_starts: ["the", "they"].map(String::from).to_vec(),
            min_glued_word: 4,
            not_glued: ["info", "html"].map(String::from).to_vec(),
            domain_starts: ["it", "in"].map(String::from).to_vec(),
            determiners: ["the", "his"].map(String::from).to_vec(),
            word_endings: ["ly", "tion"].map(String::from).to_vec(),
            min_ending_word: 6,
        };
        let doc = Document::new(text);
        let mut out = Vec::new();
        detector.check(&doc, &mut out);
        out.iter().map(|f| f.span.start).collect()
    }

    #[test]
    fn glued_sentences_are_flagged_at_their_mark() {
        assert_eq!(flagged("Prices fell again.What changes now?"), [17]);
        assert_eq!(flagged("Who knew?Nobody did!Then ça va.Éric left."), [8, 19, 31]);
        assert_eq!(flagged("Bills rise from 2024.The union asked"), [20]);
        assert_eq!(flagged("The year begins on March 21.Officials said"), [27]);
        assert_eq!(flagged("It went to cabinet in January.the text"), [29]);
        assert_eq!(flagged("It lasts two more weeks.after that"), [23]);
        assert_eq!(flagged("He was player of the match.in his first"), [26]);
        assert_eq!(flagged("Gauges on the rivers.it is urgent"), [20]);
        assert_eq!(flagged("It was his decision”.The court"), [22]);
        assert_eq!(flagged("It pushes rents upward.in Santiago rents rose"), [22]);
        assert_eq!(flagged("Read ansa.it on Monday."), Vec::<usize>::new());
        assert_eq!(flagged("Each received a Qur’an.they left"), [24]);
        assert_eq!(flagged("Until a later date.I stopped. Or e.g.I think."), [18]);
        assert_eq!(flagged("never wanted to negotiate”.the minister said"), [28]);
        assert!(flagged("the “report”.pdf file").is_empty());
        assert_eq!(flagged("Rates were cut in 2008.the bank said"), [22]);
        assert_eq!(flagged("It was closed indefinitely.it will reopen"), [26]);
        assert_eq!(flagged("It was controlled at 19:30.three homes burned"), [26]);
        assert_eq!(flagged("The cost came in.the council said"), [16]);
        assert_eq!(flagged("They scored (13th).the visitors lost"), [18]);
        assert_eq!(flagged("The board met.A vote followed, and sales rose 35%.The end"), [13, 49]);
        assert!(flagged("See ab.the x, d’.the y, é’.the z, (a).b and go.there").is_empty());
    }

    #[test]
    fn a_score_ends_a_sentence() {
        assert!(ends_on_score("The hosts won 2-0"));
        assert!(ends_on_score("a 3–1 win, final score 3:1"));
        assert!(!ends_on_score("2-0"), "a score alone is no sentence");
        assert!(!ends_on_score("version 10-100"));
        assert!(!ends_on_score("at 19:305"));
        assert_eq!(flagged("The hosts won 2-0.The coach was happy."), [17]);
        assert_eq!(flagged("Shares rose on the SET.The index"), [22]);
        assert!(flagged("Built on ASP.NET.The team and U.S.The").is_empty());
        assert!(flagged("Route 21.The sign, build 2-0a.The tool").is_empty());
    }

    #[test]
    fn abbreviations_domains_and_spaced_sentences_stay_silent() {
        assert!(flagged("St.Petersburg, U.S.Army, example.com, Node.js, No.1, e.g.The").is_empty());
        assert!(flagged("Windows v2024.The, 12024.The, 3024.The, 2024.5 and 2024.TV").is_empty());
        assert!(flagged("See “U.S.”.The, report 2008.pdf and ”.The").is_empty());
        assert!(flagged("Route 21.The, Mar 21.5, example.it is, www.theguardian.com, ab.the x").is_empty());
        assert!(flagged("See example.info for it, the report.html file, bbc.co.uk or gov.scot.").is_empty());
        assert!(flagged("Read ansa.it on it, see www.ansa.it in print, or repubblica.in there").is_empty());
        assert!(flagged("See www.consultation.it or my-consultation.in now, v10:30.three").is_empty());
        assert!(flagged("It fell. Then it rose.").is_empty());
        assert!(flagged("Ends with a stop.").is_empty());
        assert!(flagged("A survey by the gfs.bern institute found 52% in favor.").is_empty());
    }
}
