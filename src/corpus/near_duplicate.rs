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
//! shingle instead of one per slot and shingle (64 slots by default).
//! Locality-sensitive hashing finds candidates without comparing all pairs:
//! the signature is cut into bands, and a document is compared only with the
//! first earlier document sharing one of its band hashes. Rather than a table of band hashes that grows with the corpus,
//! each document's band hashes (16 bytes each, 32 by default), signature
//! and headline are written to temporary files; at the end the band hashes
//! are sorted on disk (bounded runs, then a merge), which groups the
//! documents sharing a band hash in input order: the same comparisons the
//! table gave, in bounded memory.

use std::collections::HashMap;

use serde::Deserialize;

use super::spill::{Fields, Fixed, Log, Reader, SORT_BUDGET, Sorter};
use super::{
    CorpusCheck, CorpusFinding, GENERAL_PUNCTUATION, Info, Locus, Observation, Places, Report, Tally, UnitKey,
};
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

/// One step of FNV-1a over a code point: the word hash.
fn fnv_step(h: u64, c: char) -> u64 {
    const FNV_PRIME: u64 = 0x0100_0000_01b3;
    (h ^ u64::from(c)).wrapping_mul(FNV_PRIME)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Hashes of the words of `text`: runs of alphanumeric characters, each
/// hashed by FNV-1a over its lowercased code points (a test checks this
/// against that definition).
fn word_hashes(text: &str) -> Vec<u64> {
    let bytes = text.as_bytes();
    // Room for every word of an ASCII text (a word and a separator take two
    // bytes at least), so a word's end is stored without a branch.
    let mut out = vec![0; bytes.len() / 2 + 1];
    let mut n = 0;
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let v = ASCII_WORD_BYTE[usize::from(bytes[i])];
        if v != NON_ASCII {
            // Most text is ASCII: no branch on where words start and end,
            // which is what a per-word loop mispredicts.
            let word = v != 0;
            out[n] = h;
            n += usize::from(in_word & !word);
            h = if word { fnv_step(h, char::from(v)) } else { FNV_OFFSET };
            in_word = word;
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
        i += c.len_utf8();
        // Curly quotes and dashes are General Punctuation, which needs no
        // Unicode table.
        if !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric() {
            c.to_lowercase().for_each(|l| h = fnv_step(h, l));
            in_word = true;
        } else if in_word {
            if n == out.len() {
                out.push(0); // Non-ASCII words can be one byte apart.
            }
            out[n] = h;
            n += 1;
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    out.truncate(n);
    if in_word {
        out.push(h);
    }
    out
}

/// Marks the bytes of non-ASCII characters in [`ASCII_WORD_BYTE`].
const NON_ASCII: u8 = 0x80;

/// What an ASCII byte adds to a word hash: a letter or digit, lowercased;
/// 0 for a byte between words.
static ASCII_WORD_BYTE: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { 0 };
        b += 1;
    }
    table
};

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
    for slot in (0..slots).filter(|&s| !filled[s]) {
        // The donor sequence depends only on the slot: two documents with
        // the same shingles borrow alike. Some slot is filled (there is at
        // least one shingle), so the probe ends. Donors are filled slots,
        // which this loop never writes.
        let mut probe = mix(slot as u64 ^ 0x5851_f42d_4c95_7f2d);
        loop {
            let donor = (((probe >> 32) * slots as u64) >> 32) as usize;
            if filled[donor] {
                signature[slot] = signature[donor];
                break;
            }
            probe = mix(probe);
        }
    }
    signature.into()
}

/// The estimated Jaccard similarity of two documents: the fraction of
/// equal slots of their signatures.
fn similarity(a: &[u32], b: &[u32]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len().max(1) as f64
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
        Box::new(DuplicateTally::new(self.params.clone(), SORT_BUDGET))
    }
}

/// Every signed document's band hashes, sorted by band and hash on disk,
/// group the documents that share a band hash; the first of each group (its
/// *holder*) is the one the later ones are compared with. That is what
/// probing a table of band hashes document by document finds, without a
/// table that grows with the corpus: what stays in memory is a sort buffer.
struct DuplicateTally {
    params: Params,
    /// Signed documents so far: the next document's number.
    signed: u32,
    /// One [`BandHash`] per band per signed document.
    bands: Sorter<BandHash>,
    /// Per signed document, by number: its unit, headline line and
    /// signature, [`DuplicateTally::sig_size`] bytes each.
    signatures: Log,
    /// Per signed document, in order: its headline, for the report.
    headlines: Log,
    /// Bytes each sort may hold in memory.
    budget: usize,
    /// Reused for the records of each document.
    record: Vec<u8>,
}

/// A band hash of a document (band index mixed in), in 16 bytes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct BandHash {
    band: u32,
    key: u64,
    doc: u32,
}

impl Fixed for BandHash {
    const SIZE: usize = 16;

    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.band.to_le_bytes());
        out.extend_from_slice(&self.key.to_le_bytes());
        out.extend_from_slice(&self.doc.to_le_bytes());
    }

    fn decode(bytes: &[u8]) -> BandHash {
        let mut f = Fields(bytes);
        BandHash { band: f.u32(), key: f.u64(), doc: f.u32() }
    }
}

/// A later document and a holder it shares a band hash with.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Pair {
    doc: u32,
    holder: u32,
}

impl Fixed for Pair {
    const SIZE: usize = 8;

    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.doc.to_le_bytes());
        out.extend_from_slice(&self.holder.to_le_bytes());
    }

    fn decode(bytes: &[u8]) -> Pair {
        let mut f = Fields(bytes);
        Pair { doc: f.u32(), holder: f.u32() }
    }
}

/// A signed document as read back: its unit, headline line and signature.
struct Sig {
    unit: UnitKey,
    line: usize,
    signature: Box<[u32]>,
}

/// Bytes of a signed document's record: unit, headline line, signature.
fn sig_size(hashes: usize) -> usize {
    12 + 4 * hashes
}

/// Reads signed document `doc`.
fn read_sig(signatures: &mut Reader, hashes: usize, doc: u32, buf: &mut Vec<u8>) -> Option<Sig> {
    buf.resize(sig_size(hashes), 0);
    if !signatures.seek(u64::from(doc) * buf.len() as u64) || !signatures.read(buf) {
        return None;
    }
    let mut f = Fields(buf);
    let unit = f.u32();
    let line = f.u64() as usize;
    let signature = (0..hashes).map(|_| f.u32()).collect();
    Some(Sig { unit, line, signature })
}

/// Bytes of holder signatures kept while duplicates are compared, before
/// the cache is emptied: copies of one story name the same holders again
/// and again, and a miss costs a seek and a read. 16 MiB holds the 64-slot
/// signatures of 60,000 holders.
const SIG_CACHE_BYTES: usize = 16 << 20;

impl DuplicateTally {
    fn new(params: Params, budget: usize) -> DuplicateTally {
        DuplicateTally {
            params,
            signed: 0,
            bands: Sorter::new(budget),
            signatures: Log::new(),
            headlines: Log::new(),
            budget,
            record: Vec::new(),
        }
    }

    /// The later documents of each band-hash group, paired with the group's
    /// first document, sorted by document then holder, without repeats.
    fn pairs(bands: Sorter<BandHash>, budget: usize) -> impl Iterator<Item = Pair> {
        let mut pairs = Sorter::new(budget);
        let mut group: Option<BandHash> = None;
        for b in bands.sorted() {
            match group {
                Some(g) if (g.band, g.key) == (b.band, b.key) => {
                    pairs.push(Pair { doc: b.doc, holder: g.doc })
                }
                _ => group = Some(b),
            }
        }
        let mut last = None;
        pairs.sorted().filter(move |p| last.replace(*p) != Some(*p))
    }
}

impl Tally for DuplicateTally {
    fn merge(&mut self, unit: UnitKey, observation: Observation) -> bool {
        let Ok(signed) = observation.downcast::<Option<Signed>>() else { return false };
        let Some(signed) = *signed else { return false };
        let doc = self.signed;
        let Some(next) = doc.checked_add(1) else { return false };
        self.signed = next;
        let rows = self.params.hashes / self.params.bands;
        for (b, band) in signed.signature.chunks(rows).enumerate() {
            let key = band.iter().fold(mix(b as u64), |acc, v| mix(acc ^ u64::from(*v)));
            self.bands.push(BandHash { band: b as u32, key, doc });
        }
        let record = &mut self.record;
        record.clear();
        record.extend_from_slice(&unit.to_le_bytes());
        record.extend_from_slice(&(signed.headline.line as u64).to_le_bytes());
        signed.signature.iter().for_each(|v| record.extend_from_slice(&v.to_le_bytes()));
        self.signatures.append(record);
        record.clear();
        Duplicate::encode_headline(unit, &signed.headline, signed.span, record);
        self.headlines.append_record(record);
        // Whether it duplicates or is duplicated is known only at the end.
        true
    }

    fn finish(self: Box<Self>) -> Box<dyn Report> {
        let this = *self;
        let mut signatures = Signatures {
            reader: this.signatures.finish_nearby(),
            hashes: this.params.hashes,
            buf: Vec::new(),
            cache: HashMap::new(),
        };
        let mut out = FoundWriter { headlines: this.headlines.finish(), next: 0, found: Log::new() };
        let mut current: Option<Compared> = None;
        for pair in DuplicateTally::pairs(this.bands, this.budget) {
            if current.as_ref().map(|c| c.doc) != Some(pair.doc) {
                current.take().into_iter().for_each(|c| out.write(c));
                current =
                    signatures.read(pair.doc).map(|sig| Compared { doc: pair.doc, sig, of: Vec::new() });
            }
            let (Some(c), Some(other)) = (current.as_mut(), signatures.holder(pair.holder)) else { continue };
            let similarity = similarity(&other.signature, &c.sig.signature);
            if similarity >= this.params.min_similarity {
                c.of.push((other.unit, other.line, similarity));
            }
        }
        current.into_iter().for_each(|c| out.write(c));
        Box::new(Duplicates { found: out.found.finish(), next: None })
    }
}

/// An earlier document a document copies: its unit, headline line, and the
/// estimated similarity.
type Copied = (UnitKey, usize, f64);

/// A document being compared with the holders it shares a band hash with.
struct Compared {
    doc: u32,
    sig: Sig,
    /// The holders similar enough, in input order.
    of: Vec<Copied>,
}

/// Signed documents read back by number, holders through a cache.
struct Signatures {
    reader: Reader,
    hashes: usize,
    buf: Vec<u8>,
    cache: HashMap<u32, Sig>,
}

impl Signatures {
    fn read(&mut self, doc: u32) -> Option<Sig> {
        read_sig(&mut self.reader, self.hashes, doc, &mut self.buf)
    }

    fn holder(&mut self, doc: u32) -> Option<&Sig> {
        if !self.cache.contains_key(&doc) {
            let sig = self.read(doc)?;
            if self.cache.len() >= (SIG_CACHE_BYTES / sig_size(self.hashes)).max(1) {
                self.cache.clear();
            }
            self.cache.insert(doc, sig);
        }
        self.cache.get(&doc)
    }
}

/// Writes the documents that copy others, with their headlines (read in
/// step, as both come in input order), for the report.
struct FoundWriter {
    headlines: Reader,
    /// The number of the next headline to read.
    next: u32,
    found: Log,
}

impl FoundWriter {
    fn write(&mut self, c: Compared) {
        if c.of.is_empty() {
            return;
        }
        let mut headline = Vec::new();
        while self.next <= c.doc {
            if !self.headlines.bytes(&mut headline) {
                return;
            }
            self.next += 1;
        }
        let mut record = Vec::with_capacity(4 + 20 * c.of.len() + headline.len());
        record.extend_from_slice(&(c.of.len() as u32).to_le_bytes());
        for (unit, line, similarity) in c.of {
            record.extend_from_slice(&unit.to_le_bytes());
            record.extend_from_slice(&(line as u64).to_le_bytes());
            record.extend_from_slice(&similarity.to_bits().to_le_bytes());
        }
        record.extend_from_slice(&headline);
        self.found.append_record(&record);
    }
}

/// A document that duplicates earlier ones.
struct Duplicate {
    unit: UnitKey,
    headline: Locus,
    span: Span,
    /// The earlier documents (holders) it duplicates, in input order.
    of: Vec<Copied>,
}

impl Duplicate {
    fn encode_headline(unit: UnitKey, headline: &Locus, span: Span, out: &mut Vec<u8>) {
        out.extend_from_slice(&unit.to_le_bytes());
        for x in [headline.start, headline.line, span.start, span.end] {
            out.extend_from_slice(&(x as u64).to_le_bytes());
        }
        out.extend_from_slice(headline.text.as_bytes());
    }

    /// Reads what `finish` wrote: the holders, then the headline.
    fn decode(bytes: &[u8]) -> Duplicate {
        let mut f = Fields(bytes);
        let n = f.u32();
        let of = (0..n).map(|_| (f.u32(), f.u64() as usize, f64::from_bits(f.u64()))).collect();
        let unit = f.u32();
        let (start, line) = (f.u64() as usize, f.u64() as usize);
        let span = Span::new(f.u64() as usize, f.u64() as usize);
        let text = std::str::from_utf8(f.0).unwrap_or("").into();
        Duplicate { unit, headline: Locus { text, start, line }, span, of }
    }
}

/// The duplicates found, in input order.
struct Duplicates {
    found: Reader,
    next: Option<Duplicate>,
}

impl Report for Duplicates {
    fn peek(&mut self) -> Option<(UnitKey, usize)> {
        if self.next.is_none() {
            let mut buf = Vec::new();
            if self.found.bytes(&mut buf) {
                self.next = Some(Duplicate::decode(&buf));
            }
        }
        self.next.as_ref().map(|d| (d.unit, d.headline.start))
    }

    fn next(&mut self, places: &dyn Places) -> Option<CorpusFinding> {
        self.peek()?;
        let d = self.next.take()?;
        let (unit, line, similarity) = d.of[0];
        let mut finding = Finding::new(d.span)
            .arg("other", places.place(unit, line))
            .arg("similarity", format!("{:.0}%", similarity * 100.0))
            .arg("copies", d.of.len().to_string());
        for &(unit, line, s) in d.of.iter().take(5) {
            finding = finding.label(Label::elsewhere(
                places.place(unit, line),
                format!("about {:.0}% the same as", s * 100.0),
            ));
        }
        Some(CorpusFinding { unit: d.unit, locus: d.headline, finding })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::drain;

    #[test]
    fn words_hash_case_insensitively() {
        let a = word_hashes("The talks, in Geneva!");
        assert_eq!(a.len(), 4);
        assert_eq!(a, word_hashes("the TALKS in geneva"));
        assert_ne!(a, word_hashes("the talks in Genf"));
    }

    fn check() -> NearDuplicate {
        let params = Params { shingle: 5, hashes: 64, bands: 32, min_similarity: 0.3, min_words: 80 };
        NearDuplicate { params }
    }

    /// Documents made of a few stories, each copied with a share of its
    /// words replaced: copies of copies, some close, some not.
    fn corpus() -> Vec<String> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut rand = move |n: u64| {
            state = mix(state);
            state % n
        };
        let stories: Vec<Vec<String>> =
            (0..6).map(|s| (0..150).map(|w| format!("w{s}x{}", w * 7 % 97)).collect()).collect();
        (0..300)
            .map(|i| {
                let mut words = stories[rand(6) as usize].clone();
                let changes = [0, 2, 10, 40, 150][rand(5) as usize];
                for _ in 0..changes {
                    let at = rand(words.len() as u64) as usize;
                    words[at] = format!("r{}", rand(1_000_000));
                }
                format!("Headline {i}\n\n{}\n", words.join(" "))
            })
            .collect()
    }

    /// What a document's finding says: its unit, the places of the
    /// documents it copies and the similarity.
    type Said = (UnitKey, Vec<String>, String);

    /// The findings of a tally whose sorts hold `budget` bytes.
    fn findings(docs: &[String], budget: usize) -> Vec<Said> {
        let check = check();
        let mut tally = Box::new(DuplicateTally::new(check.params.clone(), budget));
        for (i, text) in docs.iter().enumerate() {
            tally.merge(i as UnitKey, check.observe(&Document::new(text)));
        }
        let findings = drain(tally.finish().as_mut());
        findings
            .into_iter()
            .map(|(_, f)| {
                let places = f.finding.labels.iter().filter_map(|l| l.location.clone()).collect();
                let arg = |k: &str| f.finding.args.iter().find(|a| a.0 == k).map(|a| a.1.clone());
                (f.unit, places, format!("{:?} {:?}", arg("similarity"), arg("copies")))
            })
            .collect()
    }

    /// The table the tally used to keep: band hashes probed document by
    /// document, each compared with the first earlier holder of a band.
    fn reference(docs: &[String]) -> Vec<Said> {
        let check = check();
        let p = &check.params;
        let rows = p.hashes / p.bands;
        let mut bands: HashMap<(usize, u64), usize> = HashMap::new();
        let mut signatures: Vec<(UnitKey, usize, Box<[u32]>)> = Vec::new();
        let mut out = Vec::new();
        for (i, text) in docs.iter().enumerate() {
            let observed = check.observe(&Document::new(text));
            let Some(signed) = *observed.downcast::<Option<Signed>>().expect("signed") else { continue };
            let mut holders = Vec::new();
            let me = signatures.len();
            for (b, band) in signed.signature.chunks(rows).enumerate() {
                let key = band.iter().fold(mix(b as u64), |acc, v| mix(acc ^ u64::from(*v)));
                let holder = *bands.entry((b, key)).or_insert(me);
                if holder != me && !holders.contains(&holder) {
                    holders.push(holder);
                }
            }
            holders.sort_unstable();
            let of: Vec<(String, f64)> = holders
                .iter()
                .filter_map(|&h| {
                    let (unit, line, other) = &signatures[h];
                    let similarity = similarity(other, &signed.signature);
                    (similarity >= p.min_similarity).then(|| (format!("#{unit}:{line}"), similarity))
                })
                .collect();
            if bands.values().any(|&h| h == me) {
                signatures.push((i as UnitKey, signed.headline.line, signed.signature.clone()));
            }
            if let Some((_, similarity)) = of.first() {
                let arg = |v: String| format!("{:?}", Some(v));
                let said =
                    format!("{} {}", arg(format!("{:.0}%", similarity * 100.0)), arg(of.len().to_string()));
                out.push((i as UnitKey, of.iter().take(5).map(|o| o.0.clone()).collect(), said));
            }
        }
        out
    }

    #[test]
    fn ascii_and_unicode_words_hash_alike() {
        // The ASCII fast path must agree with `char::to_lowercase`.
        assert_eq!(word_hashes("MÜLLER Straße"), word_hashes("müller straße"));
        assert_eq!(word_hashes("Москва ВЧЕРА"), word_hashes("москва вчера"));
        assert_eq!(word_hashes("x—y"), word_hashes("x y"));
    }

    /// [`word_hashes`] by its definition.
    fn reference_word_hashes(text: &str) -> Vec<u64> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).fold(FNV_OFFSET, fnv_step))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn word_hashes_agree_with_the_definition(text in "([A-Za-z0-9 ,.'’“”–—\n\u{2000}\u{2070}]|Éé|ÜSS|ß|İ|Москва|K|١٢){0,60}") {
            proptest::prop_assert_eq!(word_hashes(&text), reference_word_hashes(&text));
        }
    }

    /// Shingle-aligned word hashes: `n` distinct words from `from`.
    fn words(from: u64, n: u64) -> Vec<u64> {
        (from..from + n).map(mix).collect()
    }

    #[test]
    fn one_permutation_signatures_estimate_jaccard() {
        // 1,000 words; the second document replaces the last `k` of them.
        let a = words(0, 1000);
        for k in [0u64, 100, 300, 600] {
            let mut b = words(0, 1000 - k);
            b.extend(words(1_000_000, k));
            let shingles = |w: &[u64]| -> std::collections::HashSet<Vec<u64>> {
                w.windows(5).map(<[u64]>::to_vec).collect()
            };
            let (sa, sb) = (shingles(&a), shingles(&b));
            let jaccard = sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64;
            let got = similarity(&signature(&a, 5, 256), &signature(&b, 5, 256));
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
        assert!(similarity(&sa, &other) < 0.1);
    }

    #[test]
    fn sorting_band_hashes_on_disk_finds_what_a_band_table_finds() {
        let docs = corpus();
        let expected = reference(&docs);
        assert!(expected.len() > 100, "copies are found: {}", expected.len());
        assert!(expected.iter().any(|e| e.1.len() > 1), "some copy more than one document");
        assert_eq!(findings(&docs, SORT_BUDGET), expected);
        // A budget of four band hashes: hundreds of sorted runs, merged
        // early and again at the end.
        assert_eq!(findings(&docs, 4 * std::mem::size_of::<BandHash>()), expected);
    }
}
