//! `near-duplicate-document`: two documents that are the same article.
//!
//! Syndicated wire copy and re-scraped pages put the same story in a corpus
//! several times, each copy with its own headline tweak or chrome. Each
//! document is reduced to a MinHash signature of its word 5-grams (shingles);
//! the fraction of equal signature slots estimates the Jaccard similarity of
//! the shingle sets. Locality-sensitive hashing finds candidates without
//! comparing all pairs: the signature is cut into bands, and a document is
//! compared only with the first earlier document sharing one of its band
//! hashes. Memory is one small signature and a few band hashes per document.

use std::collections::HashMap;

use serde::Deserialize;

use super::{CorpusCheck, CorpusFinding, Info, Locus, Observation, Places, Report, Tally, UnitKey};
use crate::detectors::BuildContext;
use crate::diagnostic::{Label, Span};
use crate::document::{Document, trim};
use crate::finding::Finding;

pub const INFO: Info =
    Info { name: "near-duplicate-document", args: &["other", "similarity", "copies"], build };

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Words per shingle.
    shingle: usize,
    /// Signature length; a multiple of `bands`.
    hashes: usize,
    bands: usize,
    /// Estimated Jaccard similarity at or above which documents are duplicates.
    min_similarity: f64,
    /// Documents with fewer words are not compared.
    min_words: usize,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn CorpusCheck>, String> {
    let p: Params = crate::detectors::params(table)?;
    if p.shingle == 0 || p.bands == 0 || p.hashes == 0 || p.hashes % p.bands != 0 {
        return Err("`hashes` must be a positive multiple of `bands`, and `shingle` positive".into());
    }
    let seeds = (0..p.hashes as u64).map(|i| mix(i.wrapping_add(0x5851_f42d_4c95_7f2d))).collect();
    Ok(Box::new(NearDuplicate { params: p, seeds }))
}

struct NearDuplicate {
    params: Params,
    seeds: Vec<u64>,
}

/// A document's signature and where to point at it.
struct Signed {
    signature: Box<[u32]>,
    headline: Locus,
    span: Span,
}

/// splitmix64's finalizer: a cheap, well-mixed permutation of `u64`.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the lowercased alphanumeric words of `text`, without allocating.
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut h: Option<u64> = None;
    for c in text.chars() {
        if c.is_alphanumeric() {
            let mut acc = h.unwrap_or(0xcbf2_9ce4_8422_2325);
            for l in c.to_lowercase() {
                acc = (acc ^ u64::from(l)).wrapping_mul(0x0100_0000_01b3);
            }
            h = Some(acc);
        } else if let Some(w) = h.take() {
            out.push(w);
        }
    }
    out.extend(h);
    out
}

impl CorpusCheck for NearDuplicate {
    fn observe(&self, doc: &Document<'_>) -> Observation {
        let p = &self.params;
        let words = word_hashes(&doc.text()[doc.body().range()]);
        let Some(line) = doc.headline_line() else { return Box::new(None::<Signed>) };
        if words.len() < p.min_words.max(p.shingle) {
            return Box::new(None::<Signed>);
        }
        let mut signature = vec![u32::MAX; p.hashes];
        for w in words.windows(p.shingle) {
            let shingle = mix(w.iter().fold(0u64, |acc, h| acc.rotate_left(17) ^ h));
            for (slot, seed) in signature.iter_mut().zip(&self.seeds) {
                *slot = (*slot).min((mix(shingle ^ seed) >> 32) as u32);
            }
        }
        let span = trim(doc.text(), doc.lines()[line]);
        let signed = Signed { signature: signature.into(), headline: Locus::of(doc, span.start), span };
        Box::new(Some(signed))
    }

    fn tally(&self) -> Box<dyn Tally> {
        Box::new(DuplicateTally {
            params: self.params.clone(),
            signatures: HashMap::new(),
            bands: HashMap::new(),
            found: Vec::new(),
        })
    }
}

struct Duplicate {
    unit: UnitKey,
    headline: Locus,
    span: Span,
    /// Earlier documents it duplicates, with the estimated similarity.
    of: Vec<(UnitKey, f64)>,
}

struct DuplicateTally {
    params: Params,
    /// Signature and headline line of every document compared.
    signatures: HashMap<UnitKey, (Box<[u32]>, usize)>,
    /// Band hash (band index mixed in) -> first document with it.
    bands: HashMap<u64, UnitKey>,
    found: Vec<Duplicate>,
}

impl Tally for DuplicateTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        let Ok(signed) = observation.downcast::<Option<Signed>>() else { return false };
        let Some(signed) = *signed else { return false };
        let rows = self.params.hashes / self.params.bands;
        let mut candidates: Vec<UnitKey> = Vec::new();
        for (b, band) in signed.signature.chunks(rows).enumerate() {
            let key = band.iter().fold(mix(b as u64), |acc, v| mix(acc ^ u64::from(*v)));
            match self.bands.get(&key) {
                Some(&earlier) if !candidates.contains(&earlier) => candidates.push(earlier),
                Some(_) => {}
                None => {
                    self.bands.insert(key, unit);
                }
            }
        }
        let mut of: Vec<(UnitKey, f64)> = candidates
            .into_iter()
            .filter_map(|c| {
                let (other, _) = &self.signatures[&c];
                let same = other.iter().zip(&signed.signature).filter(|(a, b)| a == b).count();
                let similarity = same as f64 / signed.signature.len() as f64;
                (similarity >= self.params.min_similarity).then_some((c, similarity))
            })
            .collect();
        of.sort_by_key(|&(c, _)| c);
        let line = signed.headline.line;
        if !of.is_empty() {
            self.found.push(Duplicate { unit, headline: signed.headline, span: signed.span, of });
        }
        self.signatures.insert(unit, (signed.signature, line));
        true
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        // Labels name at most five earlier copies, the first of them in the message.
        let headlines = self
            .found
            .iter()
            .flat_map(|d| d.of.iter().take(5))
            .map(|&(u, _)| (u, self.signatures[&u].1))
            .collect();
        Box::new(Duplicates { found: self.found, headlines })
    }
}

/// The duplicates found, and the headline line of the documents they name.
struct Duplicates {
    found: Vec<Duplicate>,
    headlines: HashMap<UnitKey, usize>,
}

impl Report for Duplicates {
    fn count(&self) -> usize {
        self.found.len()
    }

    fn position(&self, i: usize) -> (UnitKey, usize) {
        let d = &self.found[i];
        (d.unit, d.headline.start)
    }

    fn finding(&self, i: usize, places: &dyn Places) -> CorpusFinding {
        let d = &self.found[i];
        let place = |u: UnitKey| places.place(u, self.headlines[&u]);
        let (first, similarity) = d.of[0];
        let mut finding = Finding::new(d.span)
            .arg("other", place(first))
            .arg("similarity", format!("{:.0}%", similarity * 100.0))
            .arg("copies", d.of.len().to_string());
        for &(u, s) in d.of.iter().take(5) {
            finding =
                finding.label(Label::elsewhere(place(u), format!("about {:.0}% the same as", s * 100.0)));
        }
        CorpusFinding { unit: d.unit, locus: d.headline.clone(), finding }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_hash_case_insensitively() {
        let a = word_hashes("The talks, in Geneva!");
        assert_eq!(a.len(), 4);
        assert_eq!(a, word_hashes("the TALKS in geneva"));
        assert_ne!(a, word_hashes("the talks in Genf"));
    }
}
