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
//! as often (`De Wever said`, `Mr De Wever` count). A tie reports nothing,
//! as there is no telling which is right, unless the gazetteer lists one
//! spelling as a public figure's (`Maia Sandu` once, `Maya Sandu` once).
//! Words that differ only by an inflection (`Korea` and `Korean`, `Court`
//! and `Court's`) or only by accents (`Peña` and `Pena`) are not two
//! spellings, and neither is a minority spelling that the gazetteer lists
//! as right.

use std::collections::HashSet;

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::corpus::names::{close, inflected, styled_alike};
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
}

struct NameDrift {
    params: Params,
    /// Right spellings from the gazetteer: never reported.
    known: HashSet<String>,
}

fn build(table: &toml::Table, context: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    if !(0.0..=1.0).contains(&params.min_similarity) {
        return Err("`min-similarity` must be between 0 and 1".into());
    }
    if params.min_ratio < 1.0 || params.min_majority == 0 {
        return Err("`min-ratio` must be at least 1 and `min-majority` at least 1".into());
    }
    let known = context.known_names.iter().cloned().collect();
    Ok(Box::new(NameDrift { params, known }))
}

impl Detector for NameDrift {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        // Each distinct spelling with its mentions, in order of first mention.
        let mut names: Vec<(&str, Vec<Span>)> = Vec::new();
        for &span in doc.name_candidates() {
            let name = doc.slice(span);
            match names.iter_mut().find(|(n, _)| *n == name) {
                Some((_, spans)) => spans.push(span),
                None => names.push((name, vec![span])),
            }
        }
        if names.len() < 2 {
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
                let known = |n: usize| self.known.contains(names[n].0);
                // `listed`: a tie the gazetteer breaks. It lists one
                // spelling as a public figure's, and the text uses that
                // one no less than the other.
                let (minority, majority, listed) = if counts.iter().all(|&(x, y)| self.prefers(y, x)) {
                    (a, b, false)
                } else if counts.iter().all(|&(x, y)| self.prefers(x, y)) {
                    (b, a, false)
                } else if known(b) && !known(a) && counts.iter().all(|&(x, y)| y >= x) {
                    (a, b, true)
                } else if known(a) && !known(b) && counts.iter().all(|&(x, y)| x >= y) {
                    (b, a, true)
                } else {
                    continue;
                };
                if reported[minority] || self.known.contains(names[minority].0) {
                    continue;
                }
                reported[minority] = true;
                let (right, right_spans) = &names[majority];
                let most = counts.iter().map(|&(x, y)| x.max(y)).max().unwrap_or(0);
                let label = if listed {
                    "spelled this way here, as the gazetteer of public figures has it".to_string()
                } else {
                    format!("spelled this way here ({most} mentions)")
                };
                for &span in &names[minority].1 {
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
    }
}

impl NameDrift {
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
        let variant = |&(x, y): &(&str, &str)| {
            x.len().abs_diff(y.len()) <= self.params.max_edits + 1
                && close(x, y, self.params.min_similarity, self.params.max_edits)
                && !inflected(x, y, &self.params.inflections)
                && !styled_alike(x, y)
                && super::gazetteer::fold_accents(x) != super::gazetteer::fold_accents(y)
        };
        (!differing.is_empty() && differing.iter().all(variant)).then_some(differing)
    }

    /// Whether a word used `more` times beats one used `less` times.
    fn prefers(&self, more: usize, less: usize) -> bool {
        more >= self.params.min_majority && more as f64 >= self.params.min_ratio * less as f64
    }
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
    fn whole_words_in_either_case() {
        let text = "Al-Sharaa said; al-Sharaa left. Al-Sharaat and xal-Sharaa are not him.";
        let count = |text, word| whole_words(text, word).count();
        assert_eq!(count(text, "al-Sharaa"), 2);
        assert_eq!(whole_words("Wever, De Wever, Weverson", "Wever").collect::<Vec<_>>(), [0, 10]);
        assert_eq!(count("", "Wever"), 0);
        assert_eq!(count("a b c", "a"), 0);
    }
}
