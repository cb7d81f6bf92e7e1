//! Bitmasks of byte classes, 64 bytes at a time, for the detectors and
//! corpus checks that walk every word (or every capital) of a document.
//!
//! A loop that skips to the next word and then over it byte by byte takes a
//! mispredicted branch at almost every word boundary, because word lengths
//! are random; in the word-walking detectors that was most of their time.
//! Instead, [`runs`] computes for each block of 64 bytes a `u64` with bit `j`
//! set when byte `j` is of the class, and finds where runs start and end
//! with shifts and `trailing_zeros`.
//!
//! A class is tested on eight bytes at once in a `u64` (SWAR): the compiler
//! does not turn a per-byte test into a vector compare and mask extraction
//! on its own, and the crate uses no `unsafe` for intrinsics.

const HIGH: u64 = 0x8080_8080_8080_8080;

const fn splat(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// Per byte of `word`: the high bit set when the byte is an ASCII letter.
fn ascii_letters(word: u64) -> u64 {
    // With the high bit cleared (so no sum carries into the next byte) and
    // bit 5 set (so letters are lowercase), the high bit of
    // `byte + 0x80 - c` is set exactly when `byte >= c`.
    let folded = (word & !HIGH) | splat(0x20);
    let from_a = folded + splat(0x80 - b'a');
    let past_z = folded + splat(0x80 - b'z' - 1);
    from_a & !past_z & !word & HIGH
}

/// Bit `j` set for the high bit of byte `j` of `word`.
fn gather(high_bits: u64) -> u64 {
    // Each byte's bit lands on a distinct bit of the product's top byte.
    ((high_bits & HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// ASCII letters.
pub fn ascii_letter(word: u64) -> u64 {
    gather(ascii_letters(word))
}

/// ASCII letters and non-ASCII bytes (the bytes of words in any script,
/// and of curly quotes and dashes).
pub fn letter_or_non_ascii(word: u64) -> u64 {
    gather(ascii_letters(word) | word)
}

/// ASCII capitals and the lead bytes of non-ASCII characters from U+0080
/// (0xC0 and up; 0xC0 and 0xC1 never occur in UTF-8): where a word with a
/// capital may start.
pub fn upper_or_lead(word: u64) -> u64 {
    let low = word & !HIGH;
    let from_a = low + splat(0x80 - b'A');
    let past_z = low + splat(0x80 - b'Z' - 1);
    // Bit 6 of a byte moves to its bit 7; the bit 7 shifted out is masked.
    let lead = word & (word << 1);
    gather((from_a & !past_z & !word) | lead)
}

/// ASCII capitals.
pub fn ascii_upper(word: u64) -> u64 {
    let low = word & !HIGH;
    let from_a = low + splat(0x80 - b'A');
    let past_z = low + splat(0x80 - b'Z' - 1);
    gather(from_a & !past_z & !word)
}

/// The offsets of the bytes that `class` selects, in order.
pub fn positions<'b, C: Fn(u64) -> u64 + Copy + 'b>(
    bytes: &'b [u8],
    class: C,
) -> impl Iterator<Item = usize> + 'b {
    let mut cursor = Positions::new(bytes);
    std::iter::from_fn(move || cursor.next_of(class))
}

/// A cursor over the bytes of one class, for an iterator that must name
/// its type (see [`positions`]); the class is given to each call, so it is
/// inlined.
pub struct Positions<'b> {
    bytes: &'b [u8],
    /// Offset of the next block to read, and of the one being walked.
    next: usize,
    base: usize,
    /// Selected bytes of the current block not yet returned.
    bits: u64,
}

impl<'b> Positions<'b> {
    pub fn new(bytes: &'b [u8]) -> Positions<'b> {
        Positions { bytes, next: 0, base: 0, bits: 0 }
    }

    /// The offset of the next byte that `class` selects.
    #[inline]
    pub fn next_of<C: Fn(u64) -> u64>(&mut self, class: C) -> Option<usize> {
        while self.bits == 0 {
            let rest = self.bytes.get(self.next..).filter(|r| !r.is_empty())?;
            self.bits = mask_of(rest, &class);
            self.base = self.next;
            self.next += 64;
        }
        let at = self.base + self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(at)
    }
}

/// The mask of the first 64 bytes of `rest`, or of all of it padded with
/// zero bytes (which no class selects).
fn mask_of<C: Fn(u64) -> u64>(rest: &[u8], class: C) -> u64 {
    match rest.first_chunk::<64>() {
        Some(block) => block_mask(block, class),
        None => {
            let mut padded = [0u8; 64];
            padded[..rest.len()].copy_from_slice(rest);
            block_mask(&padded, class)
        }
    }
}

/// The maximal runs of bytes that `class` selects, as (start, end) offsets.
pub fn runs<C: Fn(u64) -> u64 + Copy>(bytes: &[u8], class: C) -> Runs<'_, C> {
    Runs { bytes, class, next: 0, base: 0, edges: 0, carry: 0, start: None }
}

/// Iterator of [`runs`]: walks the edges of each block's mask, the offsets
/// where the class changes (from outside a run to inside, or back).
pub struct Runs<'b, C> {
    bytes: &'b [u8],
    class: C,
    /// Offset of the next block to read, and of the one being walked.
    next: usize,
    base: usize,
    /// Edges of the current block not yet walked.
    edges: u64,
    /// 1 when the last byte of the previous block is selected.
    carry: u64,
    /// Start of the run being read, once its first edge is walked.
    start: Option<usize>,
}

impl<C: Fn(u64) -> u64 + Copy> Iterator for Runs<'_, C> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            // Edges alternate: a run's start, then its end.
            while self.edges != 0 {
                let at = self.base + self.edges.trailing_zeros() as usize;
                self.edges &= self.edges - 1;
                match self.start.take() {
                    Some(start) => return Some((start, at)),
                    None => self.start = Some(at),
                }
            }
            let rest = &self.bytes[self.next.min(self.bytes.len())..];
            if rest.is_empty() {
                // A run to the end of a text of whole blocks (in a padded
                // last block, the padding ends it).
                return self.start.take().map(|start| (start, self.bytes.len()));
            }
            let mask = mask_of(rest, self.class);
            self.edges = mask ^ ((mask << 1) | self.carry);
            self.carry = mask >> 63;
            self.base = self.next;
            self.next += 64;
        }
    }
}

#[inline]
fn block_mask<C: Fn(u64) -> u64>(block: &[u8], class: C) -> u64 {
    let words = block.chunks_exact(8).map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()));
    words.enumerate().fold(0, |mask, (k, word)| mask | (class(word) << (8 * k)))
}

/// How many bytes of `bytes` (at most [`STARTS_LIMIT`]) satisfy `start`
/// and open the text or follow an ASCII blank (space, tab, line break): a
/// lower bound of the words of a text, when `start` only accepts bytes that
/// begin a word wherever they follow a blank. A branch-free pass that the
/// compiler vectorises, for checks that only need to know a paragraph is
/// long.
pub fn starts_after_blank(bytes: &[u8], start: impl Fn(u8) -> bool) -> usize {
    let bytes = &bytes[..bytes.len().min(STARTS_LIMIT)];
    let blank = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let first = usize::from(bytes.first().is_some_and(|&b| start(b)));
    let rest = bytes.get(1..).unwrap_or_default();
    // Counted in 16-bit lanes: the limit keeps the count below 2^16.
    let starts = bytes.iter().zip(rest).fold(0u16, |n, (&a, &b)| n + u16::from(blank(a) & start(b)));
    first + usize::from(starts)
}

/// The most bytes [`starts_after_blank`] reads.
pub const STARTS_LIMIT: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_after_blank_counts_the_starts_of_a_prefix() {
        assert_eq!(starts_after_blank(b"One two\tthree\n\nfour", |b| b.is_ascii_alphabetic()), 4);
        assert_eq!(starts_after_blank(b" 1 a  b", |b| b.is_ascii_alphabetic()), 2);
        assert_eq!(starts_after_blank(b"", |b| b.is_ascii_alphabetic()), 0);
        let long = "a ".repeat(STARTS_LIMIT);
        assert_eq!(starts_after_blank(long.as_bytes(), |b| b.is_ascii_alphabetic()), STARTS_LIMIT / 2);
    }

    /// Block masks against the per-byte definition of a class, for every
    /// byte value at several places among several neighbours.
    fn check(class: fn(u64) -> u64, definition: fn(u8) -> bool) {
        for b in 0..=255u8 {
            for at in [0, 7, 8, 33, 63] {
                for fill in [b' ', b'a', b'Z', b'0', 0xC3, 0x80] {
                    let mut block = [fill; 64];
                    block[at] = b;
                    let expected = (0..64).fold(0, |m, j| m | (u64::from(definition(block[j])) << j));
                    assert_eq!(block_mask(&block, class), expected, "{b} at {at} in {fill}");
                }
            }
        }
    }

    #[test]
    fn runs_are_maximal() {
        for len in [0, 1, 2, 21, 22, 63, 64, 65, 127, 128, 129] {
            for text in
                ["a".repeat(len), " ".repeat(len), "ab ".repeat(len), "é,".repeat(len), "b1".repeat(len)]
            {
                let bytes = text.as_bytes();
                let expected: Vec<(usize, usize)> = bytes
                    .split(|b| !b.is_ascii_alphabetic())
                    .filter(|w| !w.is_empty())
                    .map(|w| w.as_ptr() as usize - bytes.as_ptr() as usize)
                    .map(|start| {
                        (start, start + bytes[start..].iter().take_while(|b| b.is_ascii_alphabetic()).count())
                    })
                    .collect();
                assert_eq!(runs(bytes, ascii_letter).collect::<Vec<_>>(), expected, "{len} {text:?}");
            }
        }
    }

    #[test]
    fn ascii_letter_masks() {
        check(ascii_letter, |b| b.is_ascii_alphabetic());
    }

    #[test]
    fn ascii_upper_masks() {
        check(ascii_upper, |b| b.is_ascii_uppercase());
    }

    #[test]
    fn upper_or_lead_masks() {
        check(upper_or_lead, |b| b.is_ascii_uppercase() || b >= 0xC0);
    }

    #[test]
    fn positions_are_every_selected_byte() {
        for len in [0, 1, 63, 64, 65, 130] {
            let text: String = "aB cÉ’D".chars().cycle().take(len).collect();
            let bytes = text.as_bytes();
            let expected: Vec<usize> =
                (0..bytes.len()).filter(|&i| bytes[i].is_ascii_uppercase() || bytes[i] >= 0xC0).collect();
            assert_eq!(positions(bytes, upper_or_lead).collect::<Vec<_>>(), expected, "{len}");
        }
    }

    #[test]
    fn letter_or_non_ascii_masks() {
        check(letter_or_non_ascii, |b| b.is_ascii_alphabetic() || b >= 0x80);
    }
}
