//! `name-drift`: a person's name spelled one way in a document that spells
//! it a close other way clearly more often (`Bart De Weaver` once, `De
//! Wever` three times).
//!
//! The gazetteer knows the people it lists; this check needs no list, so it
//! also catches the misspelled names of people nobody listed, whenever the
//! article itself gets them right elsewhere.
//!
//! The name candidates are the corpus check's (see
//! [`crate::corpus::names`]): runs of two or three capitalised words, titles
//! dropped, organisations, places and dates left out. Two candidates with
//! as many words are one name spelled two ways when one word at least is the
//! same and every other is close ([`close`]: transliteration folding, Jaro-Winkler and edit
//! distance) and one differs. The spelling to report is the one whose
//! differing words the document uses less: each of the other spelling's
//! must be a whole word at least `min-majority` times and `min-ratio` times
//! as often (`De Wever said`, `Mr De Wever` count). A tie reports nothing
//! unless the gazetteer lists one spelling as a public figure's (`Maia
//! Sandu` once, `Maya Sandu` once), or each spelling comes once: the later
//! one is reported, as the first is where the article introduces the name.
//! Words that differ only by an inflection (`Korea` and `Korean`, `Court`
//! and `Court's`) or only by accents (`Peña` and `Pena`) are not two
//! spellings, and neither is a minority spelling that the gazetteer lists
//! as right.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::corpus::names::{close, fold, inflected, not_name_word, styled_alike, title_word};
use crate::diagnostic::{Label, Span};
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub const INFO: Info = Info { name: "name-drift", args: &["majority", "mentions"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Each differing word of the spelling the document prefers must occur
    /// at least this many times...
    min_majority: usize,
    /// ...and this many times as often as the word it replaces.
    min_ratio: f64,
    /// Jaro-Winkler similarity of two spellings of a word, 0..1.
    min_similarity: f64,
    /// Edit distance of two spellings of a word, after transliteration
    /// folding.
    max_edits: usize,
    /// Endings that make another word of the same stem, not a misspelling
    /// (`Korea`/`Korean`, `Democratic`/`Democrats`, `Court`/`Court's`).
    inflections: Vec<String>,
    /// The shortest surname compared on its own (see
    /// [`NameDrift::surname_drift`]): shorter ones are too often two names.
    min_surname_letters: usize,
}

struct NameDrift {
    params: Params,
    /// Right spellings from the gazetteer: never reported.
    known: HashSet<String>,
    /// The last words of those spellings.
    known_words: HashSet<String>,
    /// Those of two words or more, by their first word.
    known_by_first: HashMap<String, Vec<String>>,
}

fn build(table: &toml::Table, context: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    if !(0.0..=1.0).contains(&params.min_similarity) {
        return Err("`min-similarity` must be between 0 and 1".into());
    }
    if params.min_ratio < 1.0 || params.min_majority == 0 {
        return Err("`min-ratio` must be at least 1 and `min-majority` at least 1".into());
    }
    let known: HashSet<String> = context.known_names.iter().cloned().collect();
    let known_words =
        known.iter().filter_map(|n| n.split_whitespace().next_back()).map(str::to_string).collect();
    let mut known_by_first: HashMap<String, Vec<String>> = HashMap::new();
    for name in &known {
        if let Some((first, _)) = name.split_once(' ') {
            known_by_first.entry(first.to_string()).or_default().push(name.clone());
        }
    }
    Ok(Box::new(NameDrift { params, known, known_words, known_by_first }))
}

impl Detector for NameDrift {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        // Each distinct spelling with its mentions, in order of first mention.
        let mut names: Vec<(&str, Vec<Span>)> = Vec::new();
        for &span in doc.name_candidates() {
            // A name garbled by mojibake (`Les EngagÃ`) is the mojibake
            // rule's.
            if super::mojibake::garbled(text, span) {
                continue;
            }
            let name = doc.slice(span);
            match names.iter_mut().find(|(n, _)| *n == name) {
                Some((_, spans)) => spans.push(span),
                None => names.push((name, vec![span])),
            }
        }
        if names.is_empty() {
            return;
        }
        let words: Vec<Vec<&str>> = names.iter().map(|(n, _)| n.split(' ').collect()).collect();
        // Whole-word counts, each counted once; a paragraph the scraper
        // repeated counts once (its copy would make a typo the majority).
        let mut repeats: Option<Vec<Span>> = None;
        let mut counted: Vec<(&str, usize)> = Vec::new();
        let mut mentions = |word| match counted.iter().find(|(w, _)| *w == word) {
            Some(&(_, n)) => n,
            None => {
                let repeats = repeats.get_or_insert_with(|| repeated_paragraphs(doc));
                let n = whole_words(text, word)
                    .filter(|&at| !repeats.iter().any(|r| r.range().contains(&at)))
                    .count();
                counted.push((word, n));
                n
            }
        };
        let mut reported = vec![false; names.len()];
        for a in 0..names.len() {
            for b in a + 1..names.len() {
                let Some(differing) = self.differing(&words[a], &words[b]) else { continue };
                let counts: Vec<(usize, usize)> =
                    differing.iter().map(|&(x, y)| (mentions(x), mentions(y))).collect();
                // A spelling the gazetteer knows: the whole name, or every
                // word where the two differ (`Bola Ahmed Tinubu`, whose
                // `Tinubu` is Bola Tinubu's).
                let known_name = |n: usize| self.known.contains(names[n].0);
                let known_words = |n: usize| {
                    differing.iter().all(|&(x, y)| self.known_words.contains(if n == a { x } else { y }))
                };
                let by_name = known_name(a) || known_name(b);
                let known = |n: usize| if by_name { known_name(n) } else { known_words(n) };
                // A tie the gazetteer breaks: it lists one spelling as a
                // public figure's, and the text uses that one no less than
                // the other. Or one mention of each, and neither listed:
                // the first is the name's introduction, written with care
                // (`Geir Pedersen` in the lead, `Geir Pederson` further on).
                let (minority, majority, why) = if counts.iter().all(|&(x, y)| self.prefers(y, x)) {
                    (a, b, Why::Mentions)
                } else if counts.iter().all(|&(x, y)| self.prefers(x, y)) {
                    (b, a, Why::Mentions)
                } else if known(b) && !known(a) && counts.iter().all(|&(x, y)| y >= x) {
                    (a, b, Why::Listed)
                } else if known(a) && !known(b) && counts.iter().all(|&(x, y)| x >= y) {
                    (b, a, Why::Listed)
                } else if !known(a)
                    && !known(b)
                    && names[a].1.len() == 1
                    && names[b].1.len() == 1
                    && counts.iter().all(|&c| c == (1, 1))
                {
                    // `names` is in order of first mention.
                    (b, a, Why::First)
                } else {
                    continue;
                };
                if reported[minority] || self.known.contains(names[minority].0) {
                    continue;
                }
                reported[minority] = true;
                let (right, right_spans) = &names[majority];
                let most = counts.iter().map(|&(x, y)| x.max(y)).max().unwrap_or(0);
                let label = match why {
                    Why::Listed => {
                        "spelled this way here, as the gazetteer of public figures has it".to_string()
                    }
                    Why::First => "spelled this way here, where the name is introduced".to_string(),
                    Why::Mentions => format!("spelled this way here ({most} mentions)"),
                };
                let reportable =
                    |span: &Span| !doc.in_correction(*span) && !self.opens_known_name(text, *span);
                for &span in names[minority].1.iter().filter(|span| reportable(span)) {
                    out.push(
                        Finding::new(span)
                            .arg("majority", *right)
                            .arg("mentions", most.to_string())
                            .fix(Edit::new(span, *right))
                            .label(Label::here(right_spans[0], label.clone())),
                    );
                }
            }
        }
        self.surname_drift(doc, &names, &mut mentions, out);
    }
}

/// Whether `x` and `y` are a country's English name and its name in the
/// language of a proper noun (`Italy` and `Coppa Italia`, `Germany` and
/// `Radio Germania`, `Italie`, `Italien`): one stem, `-y` against `-ia`,
/// `-ie` or `-ien`.
fn country_forms(x: &str, y: &str) -> bool {
    let form = |a: &str, b: &str| {
        a.strip_suffix('y').is_some_and(|stem| {
            stem.len() >= 3 && ["ia", "ie", "ien"].iter().any(|e| b.strip_suffix(e) == Some(stem))
        })
    };
    form(x, y) || form(y, x)
}

/// Why one spelling of a name is taken for the right one.
#[derive(Clone, Copy)]
enum Why {
    /// The document uses it clearly more often.
    Mentions,
    /// The gazetteer lists it, and the document uses it no less.
    Listed,
    /// One mention each, and it came first.
    First,
}

impl NameDrift {
    /// Whether the name at `span` opens a longer name the gazetteer knows,
    /// written out there (`Asaad al-Shaibani`): the foreign minister, not a
    /// drifted `Assad`.
    fn opens_known_name(&self, text: &str, span: Span) -> bool {
        let first = text[span.range()].split(' ').next().unwrap_or_default();
        let Some(names) = self.known_by_first.get(first) else { return false };
        let rest = &text[span.start..];
        names.iter().any(|name| name.len() > span.len() && rest.starts_with(name.as_str()))
    }

    /// The pairs of words where two names of as many words differ, when
    /// every pair is a spelling variant and not an inflection or an accent.
    /// Most pairs of names share no word, or differ in length: they are
    /// told apart before any spelling is compared.
    fn differing<'n>(&self, a: &[&'n str], b: &[&'n str]) -> Option<Vec<(&'n str, &'n str)>> {
        if a.len() != b.len() || !a.iter().zip(b).any(|(x, y)| x == y) {
            return None;
        }
        let differing: Vec<(&str, &str)> =
            a.iter().zip(b).filter(|(x, y)| x != y).map(|(x, y)| (*x, *y)).collect();
        (!differing.is_empty() && differing.iter().all(|&(x, y)| self.variant(x, y))).then_some(differing)
    }

    /// Whether `x` and `y` are two spellings of one name part, and not an
    /// inflection, a house style or accents.
    fn variant(&self, x: &str, y: &str) -> bool {
        x.len().abs_diff(y.len()) <= self.params.max_edits + 1
            && (close(x, y, self.params.min_similarity, self.params.max_edits)
                || one_slip(x, y, self.params.min_surname_letters))
            && !inflected(x, y, &self.params.inflections)
            && !styled_alike(x, y)
            && !country_forms(x, y)
            && super::gazetteer::fold_accents(x) != super::gazetteer::fold_accents(y)
    }

    /// Whether `x` and `y` are one surname with one slip: a letter more,
    /// fewer or another, or two swapped, after transliteration folding
    /// (`Kolhi` and `Kohli`, `Harbes` and `Harbers`, `Vilders` and
    /// `Wilders`). Neither extends the other (`Slovak` and `Slovakia`,
    /// `Tunis` and `Tunisia` are a people and a place), and neither is a
    /// feminine form of the other (`Aliyeva` of `Aliyev` is a wife or a
    /// sister).
    fn slip(&self, x: &str, y: &str, fx: &str, fy: &str) -> bool {
        fx.chars().next() == fy.chars().next()
            && strsim::osa_distance(fx, fy) <= 1
            && strsim::jaro_winkler(&x.to_lowercase(), &y.to_lowercase()) >= self.params.min_similarity
            && !x.starts_with(y)
            && !y.starts_with(x)
            && !feminine(x, y)
            && !inflected(x, y, &self.params.inflections)
            && !styled_alike(x, y)
            && !country_forms(x, y)
            && super::gazetteer::fold_accents(x) != super::gazetteer::fold_accents(y)
    }

    /// A surname that drifts on its own: `Kolhi` once in an article that
    /// names `Virat Kohli` and says `Kohli` three times more, or `Gert
    /// Vilders` where `Wilders` comes up twice. One spelling is the last
    /// word of a name candidate, the other any capitalised word of at least
    /// `min-surname-letters` letters; the counts decide as for whole names.
    ///
    /// Common words and other names are kept out by where the lone word
    /// stands: never at the start of a sentence (`Share` is no `Sharma`),
    /// never before another capitalised word (`Grand Prix` is no `Grant`),
    /// never as a given name (`Mohamed` and `Mohammed` are often two
    /// people), never in lowercase; and a feminine form (`Aliyeva` of
    /// `Aliyev`, `Kowalska` of `Kowalski`) is a wife or a sister.
    fn surname_drift<'t>(
        &self,
        doc: &Document<'t>,
        names: &[(&'t str, Vec<Span>)],
        mentions: &mut impl FnMut(&'t str) -> usize,
        out: &mut Vec<Finding>,
    ) {
        let text = doc.text();
        let min = self.params.min_surname_letters;
        let long = |w: &str| {
            w.chars().count() >= min
                && w.chars().any(char::is_lowercase)
                && !not_name_word(w)
                && !super::mojibake::garbled(w, Span::new(0, w.len()))
        };
        let mut givens: HashSet<&str> = HashSet::new();
        let mut surnames: Vec<(&str, Vec<Span>)> = Vec::new();
        for (name, spans) in names {
            let mut words = name.split(' ');
            let first = words.next();
            // `La Plata`, `De Wever`: a place, or a surname with its particle.
            if first.is_some_and(particle) {
                continue;
            }
            givens.extend(first);
            let Some(last) = words.next_back().filter(|w| long(w)) else { continue };
            let at = name.len() - last.len();
            let spans = spans.iter().map(|s| Span::new(s.start + at, s.end));
            match surnames.iter_mut().find(|(w, _)| *w == last) {
                Some((_, all)) => all.extend(spans),
                None => surnames.push((last, spans.collect())),
            }
        }
        if surnames.is_empty() {
            return;
        }
        // The capitalised words outside the candidates that may be a slip
        // of a surname, each with where it stands, in order of first
        // mention. A slip keeps the first letter (folded) and most bytes: a
        // byte comparison tells most words apart before anything is folded.
        // Candidates come in order and do not overlap.
        let mut inside = names.iter().flat_map(|(_, spans)| spans.iter().copied()).collect::<Vec<_>>();
        inside.sort_unstable_by_key(|s| s.start);
        let mut next = 0;
        let classes: Vec<u8> = surnames.iter().map(|(s, _)| first_class(s)).collect();
        // Per first letter, the byte lengths a slip of some surname may
        // have (its own, give or take three): one lookup turns most words away.
        let mut lengths = [0u64; 256];
        for ((surname, _), &c) in surnames.iter().zip(&classes) {
            for len in surname.len().saturating_sub(3)..=(surname.len() + 3).min(63) {
                lengths[usize::from(c)] |= 1 << len;
            }
        }
        let mut lone: Vec<(&str, Vec<Span>)> = Vec::new();
        for &word in doc.capitalised_words() {
            if word.len() < min || word.len() > 63 {
                continue;
            }
            let w = &text[word.range()];
            let class = first_class(w);
            if lengths[usize::from(class)] >> word.len() & 1 == 0 {
                continue;
            }
            while inside.get(next).is_some_and(|n| n.end <= word.start) {
                next += 1;
            }
            if inside.get(next).is_some_and(|n| n.contains(word))
                || !surnames
                    .iter()
                    .zip(&classes)
                    .any(|((s, _), &c)| c == class && differ_in(w, s, 4) && *s != w)
            {
                continue;
            }
            match lone.iter_mut().find(|(x, _)| *x == w) {
                Some((_, at)) => at.push(word),
                None => lone.push((w, vec![word])),
            }
        }
        if lone.is_empty() {
            return;
        }
        let folded: Vec<String> = surnames.iter().map(|(s, _)| fold(s)).collect();
        let mut reported: HashSet<&str> = HashSet::new();
        for (word, word_at) in &lone {
            if !long(word) || givens.contains(word) {
                continue;
            }
            let fword = fold(word);
            for ((surname, at), fsurname) in surnames.iter().zip(&folded) {
                if word == surname
                    || !one_apart(&fword, fsurname)
                    || givens.contains(surname)
                    || !self.slip(word, surname, &fword, fsurname)
                    || word_at.iter().any(|&w| !stands_alone(text, w) && !opens_with_verb(text, w))
                    || word_at.iter().any(|&w| self.opens_known_name(text, w))
                    || in_lowercase(text, word)
                    || in_lowercase(text, surname)
                {
                    continue;
                }
                let (m_surname, m_word) = (mentions(surname), mentions(word));
                // A tie goes to the spelling the gazetteer knows, when the
                // lone word is plainly a person (`Earlier Japrov called`,
                // not `South Korea, China and Europe` against `Chinh`).
                let personal = word_at.iter().all(|&w| personal(text, w));
                let (known_word, known_surname) = (
                    personal && self.known_words.contains(*word),
                    personal && self.known_words.contains(*surname),
                );
                let (minority, majority, spans, right_at) = if self.prefers(m_word, m_surname)
                    || (known_word && !known_surname && m_word >= m_surname)
                {
                    (*surname, *word, at, word_at[0])
                } else if self.prefers(m_surname, m_word)
                    || (known_surname && !known_word && m_surname >= m_word)
                {
                    (*word, *surname, word_at, at[0])
                } else {
                    continue;
                };
                // Two people: each spelling is some full name's surname,
                // with given names of their own (`Claire Weber` in the
                // byline, `Bart De Wever` in the story).
                let (with_surname, with_word) =
                    (given_names(text, names, surname), given_names(text, names, word));
                let two_people = !with_surname.is_empty()
                    && !with_word.is_empty()
                    && !with_surname.iter().any(|g| with_word.contains(g));
                if two_people || self.known_words.contains(minority) || !reported.insert(minority) {
                    continue;
                }
                let most = m_surname.max(m_word);
                let label = format!("spelled this way here ({most} mentions)");
                for &span in spans {
                    if out.iter().any(|f| f.span.overlaps(span)) {
                        continue;
                    }
                    out.push(
                        Finding::new(span)
                            .arg("majority", majority)
                            .arg("mentions", most.to_string())
                            .fix(Edit::new(span, majority))
                            .label(Label::here(right_at, label.clone())),
                    );
                }
            }
        }
    }

    /// Whether a word used `more` times beats one used `less` times.
    fn prefers(&self, more: usize, less: usize) -> bool {
        more >= self.params.min_majority && more as f64 >= self.params.min_ratio * less as f64
    }
}

/// Whether two words of at least `min` letters are one edit apart after
/// folding, with the same first letter: `Tinubu` and `Tinibu`, which
/// Jaro-Winkler rates below the threshold as its repeated letters match
/// out of place.
fn one_slip(x: &str, y: &str, min: usize) -> bool {
    let (fx, fy) = (fold(x), fold(y));
    x.chars().count() >= min
        && y.chars().count() >= min
        && one_apart(&fx, &fy)
        && strsim::osa_distance(&fx, &fy) <= 1
}

/// A quick test that two folded spellings may be one edit apart: the same
/// first letter, and at most two bytes (a swap, or a non-ASCII letter)
/// between a common prefix and a common suffix.
fn one_apart(a: &str, b: &str) -> bool {
    a.as_bytes().first() == b.as_bytes().first() && differ_in(a, b, 2)
}

/// Whether two spellings differ in at most `bytes` bytes between a common
/// prefix and a common suffix: the cheap test before anything is folded
/// (four bytes, for what folding changes) or compared.
fn differ_in(a: &str, b: &str, bytes: usize) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > bytes {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    a.len().max(b.len()) <= prefix + suffix + bytes
}

/// Whether `text` ends with `according to` (any case), where a name after
/// it is a person's, not a place's.
fn after_according_to(text: &str) -> bool {
    let n = "according to".len();
    text.len() >= n
        && text.is_char_boundary(text.len() - n)
        && text[text.len() - n..].eq_ignore_ascii_case("according to")
}

/// The word after `word`, without the punctuation that ends it.
fn next_word(text: &str, word: Span) -> &str {
    text[word.end..].trim_start_matches(' ').split([' ', ',', '.', '\n']).next().unwrap_or("")
}

/// The first byte of `word` as [`fold`] has it, for ASCII letters (`W` and
/// `V` alike, `J`, `Y` and `I` alike); other bytes as they are.
fn first_class(word: &str) -> u8 {
    match word.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'w') => b'v',
        Some(b'j' | b'y') => b'i',
        Some(b'p') if word.as_bytes().get(1).is_some_and(|b| b.eq_ignore_ascii_case(&b'h')) => b'f',
        Some(b) => b,
        None => 0,
    }
}

/// Whether one is the feminine form of the other: `Aliyeva` of `Aliyev`,
/// `Kowalska` of `Kowalski`.
fn feminine(a: &str, b: &str) -> bool {
    let one_way = |f: &str, m: &str| {
        f.strip_suffix('a').is_some_and(|stem| stem == m || m.strip_suffix(['i', 'y']) == Some(stem))
    };
    one_way(a, b) || one_way(b, a)
}

/// Whether the capitalised word at `word` stands where a surname does on
/// its own: after a word, a comma or a closing quote (not at the start of a
/// sentence, where any word is capitalised), and not before another
/// capitalised word (as in `Grand Prix`).
fn stands_alone(text: &str, word: Span) -> bool {
    let before = text[..word.start].trim_end_matches([' ', '\u{a0}']);
    let after_word = before.len() < word.start
        && before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '”' | '’' | ')'));
    // After a preposition of place, it is a place (`in Habana`).
    let last_word = before.rsplit([' ', '\n']).next().unwrap_or("");
    let placed =
        PLACE_PREPOSITIONS.iter().any(|p| last_word.eq_ignore_ascii_case(p)) && !after_according_to(before);
    // After a capitalised word inside a sentence, it ends a longer name
    // (`and Claire Weber`); a capitalised word that opens the sentence
    // (`Earlier Japrov called`) is no part of it.
    let head = before[..before.len() - last_word.len()].trim_end_matches([' ', '\u{a0}']);
    let in_name = last_word.starts_with(char::is_uppercase)
        && last_word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !not_name_word(last_word)
        && !opens_sentence(head)
        && !title_word(last_word);
    // After a particle, it ends a place's or a person's name (`La Plata`
    // beside `River Plate`, `De Wever`).
    let after_particle = particle(last_word);
    let next = text[word.end..].strip_prefix(' ').and_then(|rest| rest.chars().next());
    after_word && !placed && !in_name && !after_particle && !next.is_some_and(char::is_uppercase)
}

/// Whether `word` is a capitalised name particle (`La`, `De`, `Van`).
fn particle(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && super::NAME_PARTICLES.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// Whether the word at `word` is plainly a person's name: after a title
/// (`President`, `Mr.`) or `according to`, or before a verb of speech or
/// action (`said`, `called`) or a possessive.
fn personal(text: &str, word: Span) -> bool {
    let before = text[..word.start].trim_end_matches(' ');
    let previous = before.rsplit([' ', '\n']).next().unwrap_or("").trim_end_matches('.');
    title_word(previous)
        || after_according_to(before)
        || text[word.end..].starts_with(['\'', '’'])
        || PERSON_VERBS.contains(&next_word(text, word))
}

/// The first words of the name candidates that end with `surname`, where
/// one of their mentions is inside a sentence (`Later Wilders left` is no
/// given name).
fn given_names<'t>(text: &str, names: &[(&'t str, Vec<Span>)], surname: &str) -> Vec<&'t str> {
    let inside = |span: &Span| !opens_sentence(&text[..span.start]);
    names
        .iter()
        .filter_map(|(name, spans)| {
            let (given, last) = (name.split(' ').next()?, name.rsplit(' ').next()?);
            (last == surname && given != last && spans.iter().any(inside)).then_some(given)
        })
        .collect()
}

/// Whether the word at `word` opens its sentence and a verb of speech
/// follows it (`Zelenksy added that`): a person, though any word is
/// capitalised there.
fn opens_with_verb(text: &str, word: Span) -> bool {
    opens_sentence(&text[..word.start]) && PERSON_VERBS.contains(&next_word(text, word))
}

/// Whether a word after `before` opens a sentence (or a line, or a
/// quotation), where any word is capitalised.
fn opens_sentence(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\u{a0}']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', '“', '”', '"', ':'])
}

/// Verbs that follow a person's name in news prose.
const PERSON_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "called",
    "stressed",
    "noted",
    "explained",
    "announced",
    "stated",
    "wrote",
    "insisted",
    "urged",
    "warned",
    "argued",
    "replied",
    "admitted",
    "recalled",
    "promised",
    "signed",
    "met",
    "visited",
    "thanked",
    "asked",
    "declared",
    "emphasized",
    "emphasised",
    "underlined",
    "pointed",
];

/// Words before a place, rarely before a person.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "of",
    "near",
    "into",
    "across",
    "outside",
    "inside",
    "around",
    "toward",
    "towards",
    "through",
    "throughout",
    "via",
    "within",
];

/// Whether `word` also occurs with a lowercase first letter: then it is a
/// common word (`grant`, `rose`), not only a name.
fn in_lowercase(text: &str, word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let lower: String = first.to_lowercase().chain(chars).collect();
    whole_words(text, &lower).any(|at| text[at..].starts_with(lower.as_str()))
}

/// The paragraphs whose text repeats an earlier paragraph's.
fn repeated_paragraphs(doc: &Document<'_>) -> Vec<Span> {
    let mut seen = HashSet::new();
    doc.paragraphs().iter().copied().filter(|&p| !seen.insert(doc.slice(p))).collect()
}

/// Where `word` occurs in `text` as a whole word, its first letter in
/// either case (`al-Sharaa` and `Al-Sharaa`).
fn whole_words<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let mut chars = word.chars();
    let first = chars.next();
    let rest = chars.as_str();
    let word_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    // An empty needle would match inside characters: search nothing.
    let haystack = if rest.is_empty() { &[][..] } else { text.as_bytes() };
    memchr::memmem::find_iter(haystack, rest.as_bytes()).filter_map(move |at| {
        let c = text[..at].chars().next_back()?;
        let start = at - c.len_utf8();
        let first = first?;
        let same = c == first || c.to_lowercase().eq(first.to_lowercase());
        (same
            && !text[..start].chars().next_back().is_some_and(word_char)
            && !text[at + rest.len()..].chars().next().is_some_and(char::is_alphanumeric))
        .then_some(start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surname_helpers() {
        assert!(differ_in("Kolhi", "Kohli", 2) && one_apart("kolhi", "kohli"));
        assert!(!one_apart("kohli", "bohli") && !differ_in("Sharma", "Shah", 1));
        assert!(
            feminine("Aliyeva", "Aliyev") && feminine("Kowalski", "Kowalska") && !feminine("Tola", "Tolla")
        );
        assert!(after_according_to("the plan. According to") && !after_according_to("to"));
        let text = "Officials said, Kohli stood. In Havana it rained. Share prices fell, and Claire Weber wrote. \
                    Estudiantes play La Plata.";
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        assert!(stands_alone(text, at("Kohli")));
        assert!(!stands_alone(text, at("Havana")), "after a preposition of place");
        assert!(!stands_alone(text, at("Share")), "at the start of a sentence");
        assert!(!stands_alone(text, at("Weber")), "the end of a longer name");
        assert!(!stands_alone(text, at("Plata")), "after a particle");
        assert!(particle("La") && particle("Van") && !particle("la") && !particle("River"));
        assert_eq!(next_word(text, at("Kohli")), "stood");
    }

    #[test]
    fn whole_words_in_either_case() {
        let text = "Al-Sharaa said; al-Sharaa left. Al-Sharaat and xal-Sharaa are not him.";
        let count = |text, word| whole_words(text, word).count();
        assert_eq!(count(text, "al-Sharaa"), 2);
        assert_eq!(whole_words("Wever, De Wever, Weverson", "Wever").collect::<Vec<_>>(), [0, 10]);
        assert_eq!(count("", "Wever"), 0);
        assert_eq!(count("a b c", "a"), 0);
    }
}
