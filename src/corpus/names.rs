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
    "Since",
    "She",
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
    "Federal",
    "Federation",
    "February",
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
    "Street",
    "Strait",
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
    for &para in doc.paragraphs() {
        let words = words(text, para);
        if looks_title_case(&words, text) {
            continue;
        }
        let mut run: Vec<Span> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let word = &text[w.span.range()];
            if is_capitalised(word) {
                run.push(w.span);
            } else if !run.is_empty() {
                emit(text, &run, out);
                run.clear();
            }
            let joined = words.get(i + 1).is_some_and(|next| &text[w.span.end..next.span.start] == " ");
            if !joined || w.possessive {
                emit(text, &run, out);
                run.clear();
            }
        }
    }
}

struct Word {
    span: Span,
    /// Followed by `'s` / `’s` (excluded from the span).
    possessive: bool,
}

/// Words of a paragraph: letters with inner hyphens and apostrophes.
fn words(text: &str, para: Span) -> Vec<Word> {
    let mut out = Vec::new();
    let s = &text[para.range()];
    let mut start: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || inner {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            out.push(word(s, para.start, st, i));
        }
    }
    if let Some(st) = start {
        out.push(word(s, para.start, st, s.len()));
    }
    out
}

fn word(s: &str, base: usize, start: usize, end: usize) -> Word {
    let w = &s[start..end];
    for suffix in ["'s", "’s"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return Word { span: Span::new(base + start, base + start + stem.len()), possessive: true };
        }
    }
    Word { span: Span::new(base + start, base + end), possessive: false }
}

/// `Blinken`, `O'Brien`, `Jean-Yves`: an uppercase letter, then lowercase.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    first_upper && word.chars().count() >= 2 && word.chars().skip(1).any(char::is_lowercase)
}

/// A headline in Title Case capitalises most words; its runs are not names.
fn looks_title_case(words: &[Word], text: &str) -> bool {
    if words.len() < 4 || words.len() > 25 {
        return false;
    }
    let caps = words.iter().filter(|w| is_capitalised(&text[w.span.range()])).count();
    caps * 4 >= words.len() * 3
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
    let after_title = run.iter().rposition(|s| TITLES.contains(&word(s))).map_or(0, |i| i + 1);
    let mut rest = &run[after_title..];
    while let Some(first) = rest.first() {
        if FUNCTION_WORDS.contains(&word(first)) || NOT_NAME_WORDS.contains(&word(first)) {
            rest = &rest[1..];
        } else {
            break;
        }
    }
    let clean = |s: &Span| !FUNCTION_WORDS.contains(&word(s)) && !NOT_NAME_WORDS.contains(&word(s));
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
