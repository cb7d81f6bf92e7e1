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

use crate::diagnostic::Span;
use crate::document::Document;

// The word lists are sorted (a test checks), for binary search.

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
    let mut words = Vec::new();
    let mut run: Vec<Span> = Vec::new();
    for &para in doc.paragraphs() {
        run.clear();
        if more_words_than(&text[para.range()], MAX_TITLE_WORDS) {
            // Too long for a headline: only the words that start with a
            // capital can be in a name, and finding them skips most bytes.
            runs(text, capital_words(text, para), &mut run, out);
            continue;
        }
        words.clear();
        paragraph_words(text, para, &mut words);
        if !looks_title_case(&words) {
            runs(text, words.drain(..), &mut run, out);
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

/// Whether `s` surely has more than `n` words: it has more than `n` runs
/// of non-blank bytes holding an ASCII letter (each holds at least one word).
/// Byte-level and stopping early; text this undercounts (letters outside
/// ASCII only, other Unicode blanks) takes the exact path instead.
fn more_words_than(s: &str, n: usize) -> bool {
    let mut tokens = 0;
    let mut letter = false;
    for &b in s.as_bytes() {
        if b.is_ascii_whitespace() {
            tokens += usize::from(letter);
            letter = false;
            if tokens > n {
                return true;
            }
        } else {
            letter |= b.is_ascii_alphabetic();
        }
    }
    tokens + usize::from(letter) > n
}

struct Word {
    span: Span,
    /// Followed by `'s` / `’s` (excluded from the span).
    possessive: bool,
    /// See [`is_capitalised`].
    capitalised: bool,
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { c.is_alphabetic() }
}

/// Joins two letters inside one word: `Jean-Yves`, `O'Brien`.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’')
}

/// Words of a paragraph: letters with inner hyphens and apostrophes.
fn paragraph_words(text: &str, para: Span, out: &mut Vec<Word>) {
    let s = &text[para.range()];
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < s.len() {
        let (c, len) = char_at(s, i);
        let inner = is_joiner(c) && start.is_some() && i + len < s.len() && is_letter(char_at(s, i + len).0);
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

/// The words of a paragraph that start with an uppercase letter: the same
/// words [`paragraph_words`] finds there, without walking the others.
fn capital_words(text: &str, para: Span) -> impl Iterator<Item = Word> + '_ {
    let s = &text[para.range()];
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            i += bytes[i..].iter().position(|&b| b.is_ascii_uppercase() || b >= 0xC0)?;
            let (c, len) = char_at(s, i);
            let start = i;
            i += len;
            if !(c.is_uppercase() && is_letter(c)) || inside_word(s, start) {
                continue;
            }
            while i < s.len() {
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

/// A headline in Title Case capitalises most words; its runs are not names.
fn looks_title_case(words: &[Word]) -> bool {
    if words.len() < 4 || words.len() > 25 {
        return false;
    }
    let caps = words.iter().filter(|w| w.capitalised).count();
    caps * 4 >= words.len() * 3
}

fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// Trims a run to its name part and pushes it when it is 2-3 words long.
fn emit(text: &str, run: &[Span], out: &mut Vec<Span>) {
    let word = |s: &Span| &text[s.range()];
    if run.len() < 2 {
        return;
    }
    // `Secretary of State Antony Blinken` reaches here as `State Antony
    // Blinken`; `European Union Josep Borrell` whole. Leading words that
    // cannot be a name go; any left inside means the run is not a name.
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

#[cfg(test)]
mod tests {
    use super::*;

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

    proptest::proptest! {
        #[test]
        fn capital_words_agree_with_the_full_word_list(text in "([A-Za-zÉéÜüß'’ -]|[.,“]|McD|Jean-Y){0,60}") {
            let (fast, expected) = fast_and_full(&text);
            proptest::prop_assert_eq!(fast, expected);
        }

        #[test]
        fn more_words_than_never_overcounts(text in "([A-Za-zÉé'’ -]|[.,“\u{a0}\u{2009}\n]|Мир){0,80}", n in 0usize..12) {
            let mut all = Vec::new();
            paragraph_words(&text, Span::new(0, text.len()), &mut all);
            if more_words_than(&text, n) {
                proptest::prop_assert!(all.len() > n, "{} words", all.len());
            }
        }
    }

    #[test]
    fn long_and_short_paragraphs_give_the_same_names() {
        // The same sentence as a short paragraph (full word list) and inside
        // a long one (capital words only).
        let short = "Officials said Antony Blinken and Wendy Sherman's aide met Jean-Yves Le Drian.";
        let long = format!(
            "{short} {}",
            "and then the talks went on for hours without any progress at all".repeat(3)
        );
        assert!(more_words_than(&long, MAX_TITLE_WORDS) && !more_words_than(short, MAX_TITLE_WORDS));
        let got = names(&long);
        assert_eq!(names(short), got);
        assert_eq!(got, ["Antony Blinken", "Wendy Sherman", "Jean-Yves Le Drian"]);
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [TITLES, FUNCTION_WORDS, NOT_NAME_WORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
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
