//! Abbreviation-aware sentence segmentation.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or
//! brackets) followed by whitespace and a capital letter, digit or opening
//! quote. The hard part is the full stop that does not end a sentence: titles
//! and months (`Dr. Smith`, `Jan. 9`), initials (`John F. Kennedy`) and
//! initialisms (`U.S.`, `a.m.`), which end a sentence only when the next word
//! is one that typically starts one (`...in the U.S. The talks`). Decimals
//! (`3.5`) never have the whitespace a boundary needs.

use crate::diagnostic::Span;

/// Abbreviations (without their final period) after which a capitalised word
/// does not start a new sentence: titles, ranks, months, reference words.
/// Sorted for binary search.
const NON_FINAL: &[&str] = &[
    "Adm", "Ald", "Apr", "Art", "Ass", "Assn", "Aug", "Ave", "Blvd", "Brig", "Capt", "Cdr", "Cf", "Ch",
    "Cmdr", "Col", "Comdr", "Con", "Corp", "Cpl", "Dec", "Dept", "Det", "Dist", "Dr", "Drs", "Ens", "Feb",
    "Fig", "Fla", "Fr", "Ft", "Gen", "Gov", "Hon", "Hwy", "Insp", "Jan", "Jul", "Jun", "Lt", "Maj", "Messrs",
    "Mme", "Mmes", "Mr", "Mrs", "Ms", "Msgr", "Mt", "No", "Nos", "Nov", "Oct", "Op", "Pfc", "Ph", "Pres",
    "Prof", "Pt", "Pvt", "Rd", "Rep", "Reps", "Rev", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Ste",
    "Supt", "Vol", "Vs", "al", "approx", "cf", "ch", "dept", "e.g", "eg", "est", "fig", "i.e", "ie", "incl",
    "no", "nos", "op", "p", "pp", "vol", "vs",
];

/// Abbreviations that often close a sentence (`... and Apple Inc. The deal`);
/// treated like initialisms: a boundary only before a typical sentence opener.
const MAYBE_FINAL: &[&str] = &["Bros", "Co", "Inc", "Jr", "Ltd", "Plc", "etc"];

/// Words that typically open a sentence; after an ambiguous abbreviation they
/// tip the balance towards a boundary.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Officials",
    "On",
    "She",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "What",
    "When",
    "While",
    "Yet",
];

/// Is `token` (the word before a full stop, without it) an abbreviation?
pub fn is_abbreviation(token: &str) -> bool {
    NON_FINAL.binary_search(&token).is_ok() || MAYBE_FINAL.contains(&token) || is_initialism(token)
}

/// Does `before` (text up to, not including, a full stop) end with an
/// abbreviation or initial?
pub fn ends_with_abbreviation(before: &str) -> bool {
    is_abbreviation(last_token(before))
}

/// `U.S`, `a.m`, `F`: single letters joined by dots.
fn is_initialism(token: &str) -> bool {
    !token.is_empty()
        && token.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
        })
}

fn last_token(before: &str) -> &str {
    let start = before
        .rfind(|c: char| c.is_whitespace() || "(\"“‘'[—–/".contains(c))
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    &before[start..]
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹' | '„' | '—' | '–')
}

/// Appends the sentences of paragraph `para` of `text` to `out`.
pub(super) fn split(text: &str, para: Span, out: &mut Vec<Span>) {
    let s = &text[para.range()];
    let mut start = 0;
    let mut pos = 0;
    for (i, c) in terminals(s) {
        if i < pos {
            continue; // inside the run of marks just read
        }
        // The whole run of terminal punctuation and closing marks.
        let mut end = i + c.len_utf8();
        let mut run_len = 1;
        for d in s[end..].chars() {
            if matches!(d, '.' | '!' | '?' | '…') {
                run_len += 1;
            } else if !is_closing(d) {
                break;
            }
            end += d.len_utf8();
        }
        pos = end;
        if let Some(next_start) = next_sentence(s, start, (i, c), end, run_len) {
            out.push(Span::new(para.start + start, para.start + end));
            start = next_start;
        }
    }
    if start < s.len() {
        out.push(Span::new(para.start + start, para.end));
    }
}

/// The `.`, `!`, `?` and `…` of `s` with their offsets, in order. Found
/// with memchr, not by decoding every char: long paragraphs are read in full.
fn terminals(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = s.as_bytes();
    let mut marks = memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable();
    let mut ellipses = memchr::memmem::find_iter(bytes, "…".as_bytes()).peekable();
    std::iter::from_fn(move || match (marks.peek(), ellipses.peek()) {
        (Some(&m), Some(&e)) if e < m => ellipses.next().map(|e| (e, '…')),
        (Some(_), _) => marks.next().map(|m| (m, char::from(bytes[m]))),
        (None, _) => ellipses.next().map(|e| (e, '…')),
    })
}

/// Where the next sentence starts when the run of `run_len` terminal marks
/// that begins with `mark` (offset, char) and ends at `end` closes the
/// sentence begun at `start`: whitespace must follow, then something that
/// can open a sentence, and a lone full stop must not end an abbreviation.
fn next_sentence(s: &str, start: usize, mark: (usize, char), end: usize, run_len: usize) -> Option<usize> {
    let rest = &s[end..];
    let next_start = end + (rest.len() - rest.trim_start().len());
    if next_start == end || next_start == s.len() {
        return None; // no whitespace after, or end of paragraph
    }
    let next = &s[next_start..];
    let (i, c) = mark;
    let boundary =
        starts_sentence(next) && !(c == '.' && run_len == 1 && !is_boundary_after_period(&s[start..i], next));
    boundary.then_some(next_start)
}

fn starts_sentence(next: &str) -> bool {
    match next.chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || is_opening(c)
                || (c.is_alphabetic() && !c.is_lowercase())
        }
        None => false,
    }
}

fn is_boundary_after_period(before: &str, next: &str) -> bool {
    let token = last_token(before);
    if NON_FINAL.binary_search(&token).is_ok() {
        return false;
    }
    if is_initialism(token) || MAYBE_FINAL.contains(&token) {
        let word = next.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        return OPENERS.contains(&word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splitter as first written: every char decoded, the run of
    /// terminal marks read with a peekable iterator.
    fn simple_split(text: &str, para: Span, out: &mut Vec<Span>) {
        let s = &text[para.range()];
        let mut start = 0;
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let mut end = i + c.len_utf8();
            let mut run_len = 1;
            while let Some(&(j, d)) = iter.peek() {
                if matches!(d, '.' | '!' | '?' | '…') {
                    run_len += 1;
                } else if !is_closing(d) {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            if let Some(next_start) = next_sentence(s, start, (i, c), end, run_len) {
                out.push(Span::new(para.start + start, para.start + end));
                start = next_start;
            }
        }
        if start < s.len() {
            out.push(Span::new(para.start + start, para.end));
        }
    }

    proptest::proptest! {
        #[test]
        fn split_matches_the_char_by_char_splitter(
            text in "([A-Za-z]{1,6}|[ .!?…”’“\"')\n]|U\\.S|Dr|Inc|The|\u{a0}|—|é|[0-9]){0,50}"
        ) {
            let para = Span::new(0, text.len());
            let (mut fast, mut simple) = (Vec::new(), Vec::new());
            split(&text, para, &mut fast);
            simple_split(&text, para, &mut simple);
            proptest::prop_assert_eq!(fast, simple);
        }
    }

    #[test]
    fn abbreviation_list_is_sorted() {
        let mut sorted = NON_FINAL.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, NON_FINAL);
    }

    #[test]
    fn last_token_stops_at_whitespace_and_opening_marks() {
        assert_eq!(last_token("in the U.S"), "U.S");
        assert_eq!(last_token("(e.g"), "e.g");
        assert_eq!(last_token("said “Dr"), "Dr");
        assert_eq!(last_token("Mr"), "Mr");
    }
}
