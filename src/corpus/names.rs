//! Person-name candidates and spelling comparison, for `name-variant`.
//!
//! A candidate is a run of two or three capitalised words joined by single
//! spaces (`Antony Blinken`, `Wendy Ruth Sherman`). Titles and the words
//! before them are dropped (`US Secretary of State Antony Blinken` gives
//! `Antony Blinken`), as are sentence-initial function words (`But Blinken`
//! gives nothing). Runs naming organisations or places (`European Union`,
//! `Red Square`) or dates (`Monday January`) are not names. Title Case
//! headlines are skipped whole. The extractor errs towards missing names:
//! a wrong candidate only matters if a close variant of it is common, but a
//! name-variant report on a non-name is noise.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::GENERAL_PUNCTUATION;
use crate::detectors::byte_masks;
use crate::diagnostic::Span;
use crate::document::Document;
use crate::hash::BuildPrehashed;

// The word lists are sorted, to be read (a test checks).

/// Words that end a title: the name follows them.
const TITLES: &[&str] = &[
    "Admiral",
    "Ambassador",
    "Archbishop",
    "Bishop",
    "Brig",
    "Capt",
    "Captain",
    "Cardinal",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Chancellor",
    "Chief",
    "Coach",
    "Col",
    "Colonel",
    "Commander",
    "Commissioner",
    "Congressman",
    "Congresswoman",
    "Councillor",
    "Dame",
    "Deputy",
    "Director",
    "Dr",
    "Emperor",
    "Envoy",
    "Father",
    "Gen",
    "General",
    "Governor",
    "Judge",
    "Justice",
    "King",
    "Lady",
    "Lord",
    "Lt",
    "Madam",
    "Manager",
    "Mayor",
    "Minister",
    "Miss",
    "Mr",
    "Mrs",
    "Ms",
    "Pope",
    "Premier",
    "President",
    "Prince",
    "Princess",
    "Prof",
    "Professor",
    "Queen",
    "Rabbi",
    "Rep",
    "Representative",
    "Secretary",
    "Sen",
    "Senator",
    "Sergeant",
    "Sgt",
    "Sheikh",
    "Sir",
    "Sister",
    "Speaker",
    "Spokesman",
    "Spokesperson",
    "Spokeswoman",
    "Superintendent",
    "Treasurer",
    "Vice",
];

/// Capitalised words that start sentences or phrases but never names.
const FUNCTION_WORDS: &[&str] = &[
    "A",
    "About",
    "After",
    "Against",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Either",
    "Even",
    "Every",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "If",
    "In",
    "Into",
    "It",
    "Its",
    "Last",
    "Like",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "Neither",
    "Next",
    "No",
    "Nor",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Over",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Through",
    "To",
    "Under",
    "Unlike",
    "Until",
    "Upon",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Without",
    "Yet",
    "You",
];

/// Words that make a capitalised run an organisation, place, event or date.
const NOT_NAME_WORDS: &[&str] = &[
    "Academy",
    "Agency",
    "Airlines",
    "Airport",
    "Alliance",
    "April",
    "Army",
    "Assembly",
    "Association",
    "August",
    "Avenue",
    "Bank",
    "Bay",
    "Bridge",
    "Cathedral",
    "Center",
    "Central",
    "Centre",
    "Championship",
    "Church",
    "City",
    "Club",
    "Coast",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Cooperation",
    "Corp",
    "Corporation",
    "Council",
    "County",
    "Court",
    "Cup",
    "December",
    "Democrats",
    "Department",
    "District",
    "East",
    "Eastern",
    "Europe",
    "European",
    "February",
    "Federal",
    "Federation",
    "Festival",
    "Forces",
    "Foundation",
    "Friday",
    "Front",
    "Games",
    "Global",
    "Government",
    "Group",
    "Guard",
    "Gulf",
    "Hall",
    "Health",
    "High",
    "Hospital",
    "House",
    "Inc",
    "Institute",
    "International",
    "Island",
    "Islands",
    "January",
    "July",
    "June",
    "Kingdom",
    "Lake",
    "League",
    "Ltd",
    "March",
    "Ministry",
    "Monday",
    "Mount",
    "Mountains",
    "Museum",
    "National",
    "Nations",
    "Navy",
    "News",
    "North",
    "Northern",
    "November",
    "Ocean",
    "October",
    "Office",
    "Organisation",
    "Organization",
    "Palace",
    "Park",
    "Parliament",
    "Party",
    "Police",
    "Post",
    "Press",
    "Province",
    "Region",
    "Republic",
    "Republicans",
    "River",
    "Road",
    "Saturday",
    "School",
    "Sea",
    "Security",
    "September",
    "Service",
    "South",
    "Southern",
    "Square",
    "State",
    "States",
    "Station",
    "Strait",
    "Street",
    "Sunday",
    "Thursday",
    "Times",
    "Tuesday",
    "Union",
    "United",
    "University",
    "Valley",
    "Wednesday",
    "West",
    "Western",
    "World",
];

/// Every name candidate of `doc`, in order.
pub fn candidates(doc: &Document<'_>, out: &mut Vec<Span>) {
    let text = doc.text();
    let mut capitals = Vec::new();
    let mut run: Vec<Span> = Vec::new();
    for &para in doc.paragraphs() {
        // Only the words that start with a capital can be in a name, and
        // finding them skips most bytes.
        capitals.clear();
        capitals.extend(capital_words(text, para));
        if !looks_title_case(&text[para.range()], &capitals) {
            run.clear();
            runs(text, capitals.drain(..), &mut run, out);
        }
    }
}

/// Pushes the name candidates among `words` (in order; words missing from
/// the sequence only matter through the text between the ones present).
fn runs(text: &str, words: impl Iterator<Item = Word>, run: &mut Vec<Span>, out: &mut Vec<Span>) {
    let mut words = words.peekable();
    while let Some(w) = words.next() {
        if w.capitalised {
            run.push(w.span);
        } else if !run.is_empty() {
            emit(text, run, out);
            run.clear();
        }
        let joined = words.peek().is_some_and(|next| &text[w.span.end..next.span.start] == " ");
        if !joined || w.possessive {
            emit(text, run, out);
            run.clear();
        }
    }
}

/// Headlines longer than this are not checked for Title Case.
const MAX_TITLE_WORDS: usize = 25;

/// The number of words of `s` (letters with inner hyphens and apostrophes,
/// as [`capital_words`] reads them), counting no further than `limit`.
fn count_words(s: &str, limit: usize) -> usize {
    let mut count = 0;
    // A letter continues a word after a letter, or after a joiner that
    // follows a letter (see [`inside_word`]).
    let (mut after_letter, mut after_joiner) = (false, false);
    for c in s.chars() {
        let letter = is_letter(c);
        if letter && !after_letter && !after_joiner {
            count += 1;
            if count == limit {
                break;
            }
        }
        after_joiner = after_letter && is_joiner(c);
        after_letter = letter;
    }
    count
}

struct Word {
    span: Span,
    /// Followed by `'s` / `’s` (excluded from the span).
    possessive: bool,
    /// See [`is_capitalised`].
    capitalised: bool,
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        // Curly quotes and dashes, common around words, are General
        // Punctuation, which holds no letter (a test checks): no need for
        // the slow Unicode table.
        !GENERAL_PUNCTUATION.contains(&c) && c.is_alphabetic()
    }
}

/// Joins two letters inside one word: `Jean-Yves`, `O'Brien`.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’')
}

/// The words of a paragraph that start with an uppercase letter (a test
/// checks them against the full word list), without walking the others.
fn capital_words(text: &str, para: Span) -> impl Iterator<Item = Word> + '_ {
    let s = &text[para.range()];
    let bytes = s.as_bytes();
    let mut i = 0;
    // Capitals are a few bytes in a hundred: found 64 bytes at a time.
    let mut capitals = byte_masks::positions(bytes, byte_masks::upper_or_lead);
    std::iter::from_fn(move || {
        loop {
            // Skips the capitals inside the word just read.
            let start = capitals.find(|&at| at >= i)?;
            let (c, len) = char_at(s, start);
            i = start + len;
            if !(c.is_uppercase() && is_letter(c)) || inside_word(s, start) {
                continue;
            }
            while i < s.len() {
                if bytes[i].is_ascii_alphabetic() {
                    // Most letters: no decoding needed.
                    i += 1;
                    continue;
                }
                let (c, len) = char_at(s, i);
                let inner = is_joiner(c) && i + len < s.len() && is_letter(char_at(s, i + len).0);
                if !(is_letter(c) || inner) {
                    break;
                }
                i += len;
            }
            return Some(word(s, para.start, start, i));
        }
    })
}

/// Whether the letter at byte `i` of `s` continues a word rather than
/// starting one: after a letter, or after a joiner that follows a letter.
fn inside_word(s: &str, i: usize) -> bool {
    let mut before = s[..i].chars().rev();
    match before.next() {
        Some(c) if is_letter(c) => true,
        Some(c) if is_joiner(c) => before.next().is_some_and(is_letter),
        _ => false,
    }
}

/// The character at byte `i` of `s` (a char boundary) and its length.
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

fn word(s: &str, base: usize, start: usize, end: usize) -> Word {
    let w = &s[start..end];
    let (stem, possessive) = match ["'s", "’s"].iter().find_map(|suffix| w.strip_suffix(suffix)) {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    let span = Span::new(base + start, base + start + stem.len());
    Word { span, possessive, capitalised: is_capitalised(stem) }
}

/// `Blinken`, `O'Brien`, `Jean-Yves`: an uppercase letter, then lowercase.
fn is_capitalised(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    if bytes.is_ascii() {
        return bytes.len() >= 2
            && bytes[0].is_ascii_uppercase()
            && bytes[1..].iter().any(u8::is_ascii_lowercase);
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// A headline in Title Case capitalises most words (three in four, of 4 to
/// 25); its runs are not names. `capitals` are the paragraph's words that
/// start with a capital: the other words are only counted, and only when
/// there are enough capitalised words for Title Case.
fn looks_title_case(paragraph: &str, capitals: &[Word]) -> bool {
    let caps = capitals.iter().filter(|w| w.capitalised).count();
    // Three in four of at least four words are at least three.
    if caps < 3 {
        return false;
    }
    // Counting stops once there are too many words for Title Case. Most
    // paragraphs have too many in their first bytes, which a vectorised
    // lower bound (letters after a blank each start a word) tells first.
    let most = MAX_TITLE_WORDS.min(caps * 4 / 3);
    let prefix = &paragraph.as_bytes()[..paragraph.len().min(256)];
    if byte_masks::starts_after_blank(prefix, |b| b.is_ascii_alphabetic()) > most {
        return false;
    }
    let words = count_words(paragraph, most + 1);
    (4..=most).contains(&words) && caps * 4 >= words * 3
}

/// What a listed word does to a run of capitalised words. The lists are
/// disjoint (a test checks), so a word has at most one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Ends a title ([`TITLES`]): the name follows.
    Title,
    /// Cannot be part of a name ([`FUNCTION_WORDS`], [`NOT_NAME_WORDS`]).
    NotName,
}

/// The role of `word`, if a list holds it. One hash lookup rather than a
/// binary search of each list: [`emit`] asks it of every word of every run
/// of two or more capitalised words.
fn role(word: &str) -> Option<Role> {
    static ROLES: OnceLock<HashMap<&str, Role, BuildPrehashed>> = OnceLock::new();
    let roles = ROLES.get_or_init(|| {
        let titles = TITLES.iter().map(|w| (*w, Role::Title));
        let others = FUNCTION_WORDS.iter().chain(NOT_NAME_WORDS).map(|w| (*w, Role::NotName));
        titles.chain(others).collect()
    });
    roles.get(word).copied()
}

/// Whether `word` ends a title before a name (`President`, `Minister`).
pub fn title_word(word: &str) -> bool {
    role(word) == Some(Role::Title)
}

/// Whether `word` is a function word in any case (`The`, `of`, `WITH`).
pub fn function_word(word: &str) -> bool {
    FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

/// Whether `word` is a function word or a word that is never part of a
/// person's name (`Sunday`, `Federal`).
pub fn not_name_word(word: &str) -> bool {
    role(word) == Some(Role::NotName)
}

/// Trims a run to its name part and pushes it when it is 2-3 words long.
///
/// `Secretary of State Antony Blinken` reaches here as `State Antony
/// Blinken`; `European Union Josep Borrell` whole. A run reads: anything up
/// to its last title, then words that cannot be a name (dropped), then the
/// name; a word that cannot be a name after the name began means the run
/// is not a name. Read from the end, each word is looked up once.
fn emit(text: &str, run: &[Span], out: &mut Vec<Span>) {
    if run.len() < 2 {
        return;
    }
    let mut name = 0;
    let mut in_name = true;
    for span in run.iter().rev() {
        match (role(&text[span.range()]), in_name) {
            (None, true) => name += 1,
            (Some(Role::Title), _) => break,
            (Some(Role::NotName), _) => in_name = false,
            // An unlisted word before a word that cannot be a name.
            (None, false) => return,
        }
    }
    if (2..=3).contains(&name) {
        out.push(Span::new(run[run.len() - name].start, run[run.len() - 1].end));
    }
}

/// A spelling key that ignores transliteration noise: lowercase, `y`/`j`
/// as `i`, `w` as `v`, `ph` as `f`, doubled letters single.
pub fn fold(part: &str) -> String {
    let lower = part.to_lowercase().replace("ph", "f");
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        let c = match c {
            'y' | 'j' => 'i',
            'w' => 'v',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether two spellings of one name part look like variants of each other.
pub fn close(a: &str, b: &str, min_similarity: f64, max_edits: usize) -> bool {
    if a == b {
        return false;
    }
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return true;
    }
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    la.chars().count() >= 4
        && lb.chars().count() >= 4
        && la.chars().next() == lb.chars().next()
        && strsim::levenshtein(&fa, &fb) <= max_edits
        && strsim::jaro_winkler(&la, &lb) >= min_similarity
}

/// Whether `a` and `b` are one stem with two of `endings` (or one with an
/// ending and one without): `Prize` and `Prizes`, `Korea` and `Korean`.
pub fn inflected(a: &str, b: &str, endings: &[String]) -> bool {
    let endings = || std::iter::once("").chain(endings.iter().map(String::as_str));
    endings().any(|e| {
        a.strip_suffix(e).is_some_and(|stem| {
            !stem.is_empty() && endings().any(|f| e != f && b.strip_suffix(f) == Some(stem))
        })
    })
}

/// Whether `a` and `b` differ only by hyphens or case (`South-East` and
/// `Southeast`): a house style, not a misspelling.
pub fn styled_alike(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.chars().filter(|&c| !matches!(c, '-' | '‐')).flat_map(char::to_lowercase).collect::<String>()
    };
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_and_house_styles_are_no_misspellings() {
        let endings = ["s".to_string(), "n".to_string()];
        assert!(inflected("Prize", "Prizes", &endings));
        assert!(inflected("Korea", "Korean", &endings));
        assert!(!inflected("Wever", "Weaver", &endings));
        assert!(styled_alike("South-East", "Southeast"));
        assert!(!styled_alike("Wever", "Weaver"));
    }

    fn names(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        candidates(&doc, &mut out);
        out.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn titles_and_function_words_are_dropped() {
        assert_eq!(
            names("US Secretary of State Antony Blinken met Russian President Vladimir Putin's aides."),
            ["Antony Blinken", "Vladimir Putin"]
        );
        assert_eq!(names("But Wendy Sherman said so. The Kremlin agreed."), ["Wendy Sherman"]);
    }

    #[test]
    fn organisations_places_and_dates_are_not_names() {
        assert_eq!(
            names("The European Union and the United Nations met on Monday January 10."),
            ["" as &str; 0]
        );
        assert_eq!(names("He spoke in Red Square, then to Sergei Ryabkov, in Geneva."), ["Sergei Ryabkov"]);
    }

    #[test]
    fn runs_break_at_punctuation_and_long_runs_are_skipped() {
        assert_eq!(names("Blinken, Sherman and Jens Stoltenberg spoke."), ["Jens Stoltenberg"]);
        assert!(names("Russia Rules Out Any Concession At Talks").is_empty());
    }

    // The simple definitions the fast paths are checked against: every word
    // of a paragraph, Title Case over all of them, and runs trimmed by a
    // binary search of each word list.

    /// Words of a paragraph: letters with inner hyphens and apostrophes.
    fn paragraph_words(text: &str, para: Span, out: &mut Vec<Word>) {
        let s = &text[para.range()];
        let mut start: Option<usize> = None;
        let mut i = 0;
        while i < s.len() {
            let (c, len) = char_at(s, i);
            let inner =
                is_joiner(c) && start.is_some() && i + len < s.len() && is_letter(char_at(s, i + len).0);
            if is_letter(c) || inner {
                start.get_or_insert(i);
            } else if let Some(st) = start.take() {
                out.push(word(s, para.start, st, i));
            }
            i += len;
        }
        if let Some(st) = start {
            out.push(word(s, para.start, st, s.len()));
        }
    }

    fn listed(list: &[&str], word: &str) -> bool {
        list.binary_search(&word).is_ok()
    }

    /// [`emit`] as first written: trim the title, then the leading words
    /// that cannot be a name; what is left must be 2-3 clean words.
    fn reference_emit(text: &str, run: &[Span], out: &mut Vec<Span>) {
        let word = |s: &Span| &text[s.range()];
        if run.len() < 2 {
            return;
        }
        let after_title = run.iter().rposition(|s| listed(TITLES, word(s))).map_or(0, |i| i + 1);
        let clean = |s: &Span| !listed(FUNCTION_WORDS, word(s)) && !listed(NOT_NAME_WORDS, word(s));
        let mut rest = &run[after_title..];
        while rest.first().is_some_and(|first| !clean(first)) {
            rest = &rest[1..];
        }
        if (2..=3).contains(&rest.len()) && rest.iter().all(clean) {
            out.push(Span::new(rest[0].start, rest[rest.len() - 1].end));
        }
    }

    /// [`candidates`] over every word of every paragraph.
    fn reference_candidates(text: &str) -> Vec<Span> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        for &para in doc.paragraphs() {
            let mut words = Vec::new();
            paragraph_words(text, para, &mut words);
            let caps = words.iter().filter(|w| w.capitalised).count();
            if (4..=MAX_TITLE_WORDS).contains(&words.len()) && caps * 4 >= words.len() * 3 {
                continue;
            }
            let mut run = Vec::new();
            let mut words = words.into_iter().peekable();
            while let Some(w) = words.next() {
                if w.capitalised {
                    run.push(w.span);
                } else if !run.is_empty() {
                    reference_emit(text, &run, &mut out);
                    run.clear();
                }
                let joined = words.peek().is_some_and(|next| &text[w.span.end..next.span.start] == " ");
                if !joined || w.possessive {
                    reference_emit(text, &run, &mut out);
                    run.clear();
                }
            }
        }
        out
    }

    type Seen = Vec<(Span, bool, bool)>;

    /// The words [`capital_words`] finds in `text`, and those of the full
    /// word list that start with an uppercase letter.
    fn fast_and_full(text: &str) -> (Seen, Seen) {
        let para = Span::new(0, text.len());
        let mut all = Vec::new();
        paragraph_words(text, para, &mut all);
        let full = all
            .iter()
            .filter(|w| text[w.span.range()].chars().next().is_some_and(char::is_uppercase))
            .map(|w| (w.span, w.possessive, w.capitalised))
            .collect();
        let fast = capital_words(text, para).map(|w| (w.span, w.possessive, w.capitalised)).collect();
        (fast, full)
    }

    #[test]
    fn capital_words_are_the_capitalised_words_of_the_paragraph() {
        let text = "Émile O'Brien-Smith met NATO's Jean-Yves Le Drian, ex-President Ólafur \
                    McDonald and x-Ray 'Quoted' --Dash a'-B Ünal’s  Zoë État-major ÉTAT ß.";
        let (fast, expected) = fast_and_full(text);
        assert_eq!(fast, expected);
        assert!(expected.len() > 10);
    }

    /// Words drawn from every list, names, and other capitalised words.
    const RUN_WORDS: &str = "(Secretary|of|State|President|Vice|Minister|The|But|In|European|Union|Monday|\
                             Red|Square|Antony|Blinken|Wendy|Ruth|Sherman|Jean-Yves|Le|Drian|NATO|US|Putin's)";

    proptest::proptest! {
        #[test]
        fn capital_words_agree_with_the_full_word_list(text in "([A-Za-zÉéÜüß'’ -]|[.,“”–\u{2000}]|McD|Jean-Y){0,60}") {
            let (fast, expected) = fast_and_full(&text);
            proptest::prop_assert_eq!(fast, expected);
        }

        #[test]
        fn words_are_counted_as_listed(text in "([A-Za-zÉé'’ -]|[.,“”–\u{a0}\u{2009}\n]|Мир){0,80}", limit in 1usize..30) {
            let mut all = Vec::new();
            paragraph_words(&text, Span::new(0, text.len()), &mut all);
            proptest::prop_assert_eq!(count_words(&text, limit), all.len().min(limit));
        }

        #[test]
        fn emit_agrees_with_the_reference(words in proptest::collection::vec(RUN_WORDS, 0..8)) {
            let text = words.join(" ");
            let mut run = Vec::new();
            let mut at = 0;
            for w in &words {
                run.push(Span::new(at, at + w.len()));
                at += w.len() + 1;
            }
            let (mut fast, mut expected) = (Vec::new(), Vec::new());
            emit(&text, &run, &mut fast);
            reference_emit(&text, &run, &mut expected);
            proptest::prop_assert_eq!(fast, expected);
        }

        #[test]
        fn candidates_agree_with_the_reference(
            text in "(Secretary|President|The|But|In|Union|Square|Antony|Blinken|Sherman|Jean-Yves|NATO|Putin's|\
                      Élan|and|met|the|said|[ ,.\n]|\n\n){0,60}"
        ) {
            let expected = reference_candidates(&text);
            proptest::prop_assert_eq!(names(&text), expected.iter().map(|s| &text[s.range()]).collect::<Vec<_>>());
        }
    }

    #[test]
    fn headlines_in_title_case_give_no_names() {
        // Title Case: six capitalised of seven words. The same words in a
        // sentence of 26 give names.
        let headline = "Antony Blinken, Sergei Ryabkov: Talks in Geneva";
        assert!(names(headline).is_empty());
        let long = format!("{headline} {}", "and so on ".repeat(10));
        assert_eq!(names(&long), ["Antony Blinken", "Sergei Ryabkov"]);
    }

    #[test]
    fn word_lists_are_sorted_and_disjoint() {
        for list in [TITLES, FUNCTION_WORDS, NOT_NAME_WORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        for w in FUNCTION_WORDS.iter().chain(NOT_NAME_WORDS) {
            assert!(!listed(TITLES, w), "{w}");
        }
        assert_eq!(role("Secretary"), Some(Role::Title));
        assert_eq!(role("The"), Some(Role::NotName));
        assert_eq!(role("Monday"), Some(Role::NotName));
        assert_eq!(role("Blinken"), None);
    }

    #[test]
    fn capitalised_words() {
        for w in ["Blinken", "O'Brien", "Jean-Yves", "Émile", "Ørsted"] {
            assert!(is_capitalised(w), "{w}");
        }
        for w in ["NATO", "US", "A", "blinken", "élan", "É"] {
            assert!(!is_capitalised(w), "{w}");
        }
    }

    #[test]
    fn folding_and_closeness() {
        assert_eq!(fold("Sergey"), fold("Sergei"));
        assert_eq!(fold("Lavrow"), fold("Lavrov"));
        assert!(close("Anthony", "Antony", 0.9, 2));
        assert!(close("Stoltenburg", "Stoltenberg", 0.9, 2));
        assert!(!close("Kerry", "Kirby", 0.9, 2));
        assert!(!close("John", "Joan", 0.9, 0));
        assert!(!close("Smith", "Smith", 0.9, 2));
    }
}
