//! `near-duplicate-document`: two documents that are the same article.
//!
//! Syndicated wire copy and re-scraped pages put the same story in a corpus
//! several times, each copy with its own headline tweak or chrome. Each
//! document is reduced to a MinHash signature of its word 5-grams (shingles);
//! the fraction of equal signature slots estimates the Jaccard similarity of
//! the shingle sets. The signature is a one-permutation MinHash: each shingle
//! is hashed once, the hash picks a slot and the slot keeps its least value;
//! slots no shingle reached borrow the value of another slot chosen by a
//! fixed hash sequence of their index ("optimal densification", Shrivastava
//! 2017), so the estimate stays unbiased for short documents. One hash per
//! shingle instead of one per slot and shingle: 256 times less hashing. Locality-sensitive hashing finds candidates without
//! comparing all pairs: the signature is cut into bands, and a document is
//! compared only with the first earlier document sharing one of its band
//! hashes. Memory is a signature (4 bytes a slot: 256 by default) and a few
//! band hashes per document that is first to hold some band; a copy that
//! holds none keeps nothing once compared.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use serde::Deserialize;

use super::{CorpusCheck, CorpusFinding, Info, Locus, Observation, Places, Report, Tally, UnitKey};
use crate::detectors::BuildContext;
use crate::diagnostic::{Label, Span};
use crate::document::{Document, trim};
use crate::finding::Finding;
use crate::hash::BuildPrehashed;

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
    Ok(Box::new(NearDuplicate { params: p }))
}

struct NearDuplicate {
    params: Params,
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
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0100_0000_01b3;
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut h: Option<u64> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                let acc = h.unwrap_or(FNV_OFFSET);
                h = Some((acc ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME));
            } else if let Some(w) = h.take() {
                out.push(w);
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        i += c.len_utf8();
        if c.is_alphanumeric() {
            let mut acc = h.unwrap_or(FNV_OFFSET);
            for l in c.to_lowercase() {
                acc = (acc ^ u64::from(l)).wrapping_mul(FNV_PRIME);
            }
            h = Some(acc);
        } else if let Some(w) = h.take() {
            out.push(w);
        }
    }
    out.extend(h);
    out
}

/// The one-permutation MinHash signature, `slots` long, of `words` in
/// shingles of `shingle` words (see the module documentation).
fn signature(words: &[u64], shingle: usize, slots: usize) -> Box<[u32]> {
    let mut signature = vec![u32::MAX; slots];
    let mut filled = vec![false; slots];
    for w in words.windows(shingle) {
        let h = mix(w.iter().fold(0u64, |acc, h| acc.rotate_left(17) ^ h));
        // The high half picks the slot (multiply-shift range reduction),
        // the low half is the value.
        let slot = (((h >> 32) * slots as u64) >> 32) as usize;
        signature[slot] = signature[slot].min(h as u32);
        filled[slot] = true;
    }
    if filled.iter().all(|&f| f) {
        return signature.into();
    }
    let donors = signature.clone();
    for slot in (0..slots).filter(|&s| !filled[s]) {
        // The donor sequence depends only on the slot: two documents with
        // the same shingles borrow alike. Some slot is filled (there is at
        // least one shingle), so the probe ends.
        let mut probe = mix(slot as u64 ^ 0x5851_f42d_4c95_7f2d);
        loop {
            let donor = (((probe >> 32) * slots as u64) >> 32) as usize;
            if filled[donor] {
                signature[slot] = donors[donor];
                break;
            }
            probe = mix(probe);
        }
    }
    signature.into()
}

impl CorpusCheck for NearDuplicate {
    fn observe(&self, doc: &Document<'_>) -> Observation {
        let p = &self.params;
        // A chunk after the first of a large file has no headline and is not
        // a document of its own: nothing to hash.
        let Some(line) = doc.headline_line() else { return Box::new(None::<Signed>) };
        let words = word_hashes(&doc.text()[doc.body().range()]);
        if words.len() < p.min_words.max(p.shingle) {
            return Box::new(None::<Signed>);
        }
        let signature = signature(&words, p.shingle, p.hashes);
        let span = trim(doc.text(), doc.lines()[line]);
        let signed = Signed { signature, headline: Locus::of(doc, span.start), span };
        Box::new(Some(signed))
    }

    fn tally(&self) -> Box<dyn Tally> {
        Box::new(DuplicateTally {
            params: self.params.clone(),
            signatures: Vec::new(),
            holders: Vec::new(),
            bands: (0..self.params.bands).map(|_| HashSet::default()).collect(),
            found: Vec::new(),
        })
    }
}

struct Duplicate {
    unit: UnitKey,
    headline: Locus,
    span: Span,
    /// Earlier documents it duplicates (as indices into
    /// [`DuplicateTally::holders`]), with the estimated similarity.
    of: Vec<(u32, f64)>,
}

/// Only a document that was first to hold some band hash is ever compared
/// with a later one, so only those documents keep their signature: in a
/// corpus full of copies, the copies cost nothing once compared.
struct DuplicateTally {
    params: Params,
    /// The signatures of the holders, back to back, `hashes` slots each.
    signatures: Vec<u32>,
    /// Each holder's unit and headline line, in input order.
    holders: Vec<(UnitKey, usize)>,
    /// Per band, band hash (band index mixed in) -> the first holder with it.
    bands: Vec<HashSet<Band, BuildPrehashed>>,
    found: Vec<Duplicate>,
}

/// A band hash and the first holder with it, packed into 12 bytes, as a set
/// entry looked up by the hash alone: every distinct document adds one per
/// band (32 by default), which makes this table most of what the check
/// keeps. One table per band, so that growing one copies a 32nd of them.
#[derive(Clone, Copy)]
struct Band {
    /// The hash, as two halves so the entry is 4-byte aligned.
    key: [u32; 2],
    holder: u32,
}

impl Band {
    fn new(key: u64, holder: u32) -> Band {
        Band { key: [key as u32, (key >> 32) as u32], holder }
    }

    fn key(&self) -> u64 {
        u64::from(self.key[0]) | (u64::from(self.key[1]) << 32)
    }
}

impl PartialEq for Band {
    fn eq(&self, other: &Band) -> bool {
        self.key == other.key
    }
}

impl Eq for Band {}

/// Equal and hashed by the key alone: a probe with any holder finds the entry.
impl Hash for Band {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl DuplicateTally {
    /// The signature of holder `h`.
    fn signature(&self, h: u32) -> &[u32] {
        let len = self.params.hashes;
        &self.signatures[h as usize * len..][..len]
    }
}

impl Tally for DuplicateTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        let Ok(signed) = observation.downcast::<Option<Signed>>() else { return false };
        let Some(signed) = *signed else { return false };
        let rows = self.params.hashes / self.params.bands;
        // The holder number this document gets if it holds a band first.
        let Ok(me) = u32::try_from(self.holders.len()) else { return false };
        let mut candidates: Vec<u32> = Vec::new();
        let mut holds = false;
        for (b, band) in signed.signature.chunks(rows).enumerate() {
            let key = band.iter().fold(mix(b as u64), |acc, v| mix(acc ^ u64::from(*v)));
            let probe = Band::new(key, me);
            match self.bands[b].get(&probe) {
                Some(earlier) if !candidates.contains(&earlier.holder) => candidates.push(earlier.holder),
                Some(_) => {}
                None => {
                    self.bands[b].insert(probe);
                    holds = true;
                }
            }
        }
        let mut of: Vec<(u32, f64)> = candidates
            .into_iter()
            .filter_map(|c| {
                let other = self.signature(c);
                let same = other.iter().zip(&signed.signature).filter(|(a, b)| a == b).count();
                let similarity = same as f64 / signed.signature.len() as f64;
                (similarity >= self.params.min_similarity).then_some((c, similarity))
            })
            .collect();
        // Holders are numbered in input order.
        of.sort_by_key(|&(c, _)| c);
        if holds {
            self.signatures.extend_from_slice(&signed.signature);
            self.holders.push((unit, signed.headline.line));
        }
        let found = !of.is_empty();
        if found {
            self.found.push(Duplicate { unit, headline: signed.headline, span: signed.span, of });
        }
        holds || found
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        Box::new(Duplicates { found: self.found, holders: self.holders })
    }
}

/// The duplicates found, and the unit and headline line of every holder.
struct Duplicates {
    found: Vec<Duplicate>,
    holders: Vec<(UnitKey, usize)>,
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
        let place = |h: u32| {
            let (unit, line) = self.holders[h as usize];
            places.place(unit, line)
        };
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

    #[test]
    fn ascii_and_unicode_words_hash_alike() {
        // The ASCII fast path must agree with `char::to_lowercase`.
        assert_eq!(word_hashes("MÜLLER Straße"), word_hashes("müller straße"));
        assert_eq!(word_hashes("Москва ВЧЕРА"), word_hashes("москва вчера"));
        assert_eq!(word_hashes("x—y"), word_hashes("x y"));
    }

    /// Shingle-aligned word hashes: `n` distinct words from `from`.
    fn words(from: u64, n: u64) -> Vec<u64> {
        (from..from + n).map(mix).collect()
    }

    fn estimate(a: &[u32], b: &[u32]) -> f64 {
        a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
    }

    #[test]
    fn one_permutation_signatures_estimate_jaccard() {
        // 1,000 words; the second document replaces the last `k` of them.
        let a = words(0, 1000);
        for k in [0u64, 100, 300, 600] {
            let mut b = words(0, 1000 - k);
            b.extend(words(1_000_000, k));
            let shingles = |w: &[u64]| -> HashSet<Vec<u64>> { w.windows(5).map(<[u64]>::to_vec).collect() };
            let (sa, sb) = (shingles(&a), shingles(&b));
            let jaccard = sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64;
            let got = estimate(&signature(&a, 5, 256), &signature(&b, 5, 256));
            assert!((got - jaccard).abs() < 0.08, "k={k}: estimate {got:.3}, jaccard {jaccard:.3}");
        }
    }

    #[test]
    fn short_documents_are_densified_alike() {
        // 20 shingles cannot fill 256 slots: the empty ones borrow, and two
        // copies of one text still agree in every slot, two different texts
        // in few.
        let a = words(0, 24);
        let sa = signature(&a, 5, 256);
        assert_eq!(sa, signature(&a, 5, 256));
        let other = signature(&words(500, 24), 5, 256);
        assert!(estimate(&sa, &other) < 0.1);
    }

    #[test]
    fn band_entries_are_12_bytes_found_by_their_key() {
        // One per band per distinct document: the bulk of the check's memory.
        assert_eq!(std::mem::size_of::<Band>(), 12);
        let key = 0x1234_5678_9abc_def0;
        let mut set: HashSet<Band, BuildPrehashed> = HashSet::default();
        set.insert(Band::new(key, 7));
        assert_eq!(set.get(&Band::new(key, 0)).map(|b| b.holder), Some(7));
        assert_eq!(Band::new(key, 0).key(), key);
        assert!(!set.contains(&Band::new(key ^ (1 << 40), 0)));
    }
}
