//! Huge text files, read in bounded chunks.
//!
//! A file larger than the chunk size is never held in memory whole. It is
//! read in chunks cut at the last paragraph break (blank line) before the
//! size limit, else the last line break, else the last whitespace, else a
//! character boundary, so a 200 MB single-line file still streams. Each chunk
//! carries its byte and line offset in the file, so diagnostics point at the
//! real position, and whether more text comes before or after it, so rules
//! that look at a document's start or end (the headline, trailing chrome) do
//! not fire at a cut.

use std::io::{self, Read};

/// A piece of a file.
#[derive(Debug)]
pub struct Chunk {
    pub bytes: Vec<u8>,
    pub byte_offset: usize,
    pub line_offset: usize,
    /// Characters between the last line break before the chunk and its start
    /// (non-zero when a chunk starts in the middle of a long line).
    pub column_offset: usize,
    pub first: bool,
    pub last: bool,
}

/// Splits a reader into chunks of at most `limit` bytes (plus a carried
/// remainder that is always smaller than `limit`).
pub struct Chunker<R> {
    reader: R,
    limit: usize,
    pending: Vec<u8>,
    byte_offset: usize,
    line_offset: usize,
    column_offset: usize,
    first: bool,
    eof: bool,
}

impl<R: Read> Chunker<R> {
    pub fn new(reader: R, limit: usize) -> Chunker<R> {
        Chunker {
            reader,
            limit: limit.max(1024),
            pending: Vec::new(),
            byte_offset: 0,
            line_offset: 0,
            column_offset: 0,
            first: true,
            eof: false,
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        while !self.eof && self.pending.len() < self.limit {
            let start = self.pending.len();
            self.pending.resize(self.limit, 0);
            let n = self.reader.read(&mut self.pending[start..]);
            let n = match n {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => 0,
                Err(e) => {
                    self.pending.truncate(start);
                    return Err(e);
                }
            };
            self.pending.truncate(start + n);
            if n == 0 {
                self.eof = true;
            }
        }
        Ok(())
    }
}

impl<R: Read> Iterator for Chunker<R> {
    type Item = io::Result<Chunk>;

    fn next(&mut self) -> Option<io::Result<Chunk>> {
        if let Err(e) = self.fill() {
            return Some(Err(e));
        }
        if self.pending.is_empty() && !self.first {
            return None;
        }
        let cut = if self.eof { self.pending.len() } else { cut_point(&self.pending) };
        let rest = self.pending.split_off(cut);
        let bytes = std::mem::replace(&mut self.pending, rest);
        let chunk = Chunk {
            line_offset: self.line_offset,
            byte_offset: self.byte_offset,
            column_offset: self.column_offset,
            first: self.first,
            last: self.eof && self.pending.is_empty(),
            bytes,
        };
        self.byte_offset += chunk.bytes.len();
        self.line_offset += memchr::memchr_iter(b'\n', &chunk.bytes).count();
        self.column_offset = match memchr::memrchr(b'\n', &chunk.bytes) {
            Some(i) => chars(&chunk.bytes[i + 1..]),
            None => self.column_offset + chars(&chunk.bytes),
        };
        self.first = false;
        Some(Ok(chunk))
    }
}

/// Characters in UTF-8 bytes (invalid bytes count as one each, as decoding
/// turns each into one character).
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0b1100_0000) != 0b1000_0000).count()
}

/// Where to cut a full buffer: after the last blank line, else the last line
/// break, else the last whitespace, else at a UTF-8 character boundary.
fn cut_point(buf: &[u8]) -> usize {
    // Look only at the second half, so chunks stay reasonably large.
    let floor = buf.len() / 2;
    let tail = &buf[floor..];
    if let Some(i) = memchr::memmem::rfind(tail, b"\n\n") {
        return floor + i + 2;
    }
    if let Some(i) = memchr::memrchr(b'\n', tail) {
        return floor + i + 1;
    }
    if let Some(i) = tail.iter().rposition(|b| matches!(b, b' ' | b'\t' | b'\r')) {
        return floor + i + 1;
    }
    let mut cut = buf.len();
    while cut > floor && (buf[cut - 1] & 0b1100_0000) == 0b1000_0000 {
        cut -= 1;
    }
    // `cut - 1` is now an ASCII byte or a lead byte; cutting before a lead
    // byte keeps its character whole.
    if cut > floor && buf[cut - 1] >= 0xC0 { cut - 1 } else { cut }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(text: &[u8], limit: usize) -> Vec<Chunk> {
        Chunker::new(text, limit).collect::<io::Result<_>>().unwrap()
    }

    #[test]
    fn chunks_reassemble_and_cut_at_paragraphs() {
        let para = "A sentence about the talks in Geneva. ".repeat(20);
        let text = format!("Headline\n\n{para}\n\n{para}\n\n{para}\n");
        let cs = chunks(text.as_bytes(), 1024);
        assert!(cs.len() > 2);
        let joined: Vec<u8> = cs.iter().flat_map(|c| c.bytes.clone()).collect();
        assert_eq!(joined, text.as_bytes());
        assert!(cs[0].first && !cs[0].last && cs.last().unwrap().last);
        for w in cs.windows(2) {
            assert_eq!(w[1].byte_offset, w[0].byte_offset + w[0].bytes.len());
            let lines = w[0].bytes.iter().filter(|b| **b == b'\n').count();
            assert_eq!(w[1].line_offset, w[0].line_offset + lines);
            assert!(w[0].bytes.ends_with(b"\n"), "cut at a line break");
        }
    }

    #[test]
    fn a_single_huge_line_is_cut_at_spaces_or_char_boundaries() {
        let text = "é".repeat(5000);
        for c in chunks(text.as_bytes(), 1024) {
            assert!(std::str::from_utf8(&c.bytes).is_ok(), "cut inside a character");
            assert!(c.bytes.len() <= 1024);
        }
        let words = "word ".repeat(1000);
        for c in chunks(words.as_bytes(), 1024) {
            assert!(c.bytes.ends_with(b" "));
        }
    }

    #[test]
    fn empty_input_is_one_empty_chunk() {
        let cs = chunks(b"", 1024);
        assert_eq!(cs.len(), 1);
        assert!(cs[0].first && cs[0].last && cs[0].bytes.is_empty());
    }
}
