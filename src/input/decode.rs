//! Bytes to text, without ever losing track of byte offsets.
//!
//! - UTF-8 (with or without BOM): used as is, no copy.
//! - UTF-16 with a BOM: decoded; offsets then refer to the UTF-8 text and
//!   fixes are not written back.
//! - A NUL byte in the first 8 KiB (and no UTF-16 BOM): binary, skipped.
//! - Invalid UTF-8: each invalid byte becomes U+001A SUBSTITUTE, a one-byte
//!   character, so every other offset still points at the same byte in the
//!   file; the invalid ranges are returned for an `invalid-utf8` diagnostic.

use crate::diagnostic::Span;

/// How far into a file to look for NUL bytes.
const BINARY_SNIFF: usize = 8 * 1024;

/// The byte every invalid UTF-8 byte is replaced with.
pub const SUBSTITUTE: char = '\u{1a}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

#[derive(Debug)]
pub enum Decoded {
    Text { text: String, encoding: Encoding, invalid: Vec<Span> },
    Binary,
}

pub fn decode(bytes: Vec<u8>) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, Encoding::Utf16Le, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, Encoding::Utf16Be, u16::from_be_bytes);
    }
    if looks_binary(&bytes) {
        return Decoded::Binary;
    }
    let (text, invalid) = decode_utf8(bytes);
    Decoded::Text { text, encoding: Encoding::Utf8, invalid }
}

/// A NUL byte near the start means binary (UTF-16 is checked before this).
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some()
}

/// UTF-8 bytes to text; each invalid byte becomes [`SUBSTITUTE`] and the
/// invalid ranges are returned. Valid input is moved, not copied.
pub fn decode_utf8(bytes: Vec<u8>) -> (String, Vec<Span>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, Vec::new()),
        Err(e) => {
            let bytes = e.into_bytes();
            let mut text = String::with_capacity(bytes.len());
            let mut invalid: Vec<Span> = Vec::new();
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                let start = text.len();
                for _ in chunk.invalid() {
                    text.push(SUBSTITUTE);
                }
                if !chunk.invalid().is_empty() {
                    match invalid.last_mut() {
                        Some(last) if last.end == start => last.end = text.len(),
                        _ => invalid.push(Span::new(start, text.len())),
                    }
                }
            }
            (text, invalid)
        }
    }
}

fn utf16(bytes: &[u8], encoding: Encoding, unit: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes.chunks(2).map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]));
    let text: String = char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    Decoded::Text { text, encoding, invalid: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Vec<Span>) {
        match decode(bytes.to_vec()) {
            Decoded::Text { text, invalid, .. } => (text, invalid),
            Decoded::Binary => panic!("binary"),
        }
    }

    #[test]
    fn invalid_bytes_keep_offsets_exact() {
        let (t, invalid) = text(b"ab\xff\xfecd\xc3");
        assert_eq!(t.len(), 7);
        assert_eq!(&t[4..6], "cd");
        assert_eq!(invalid, [Span::new(2, 4), Span::new(6, 7)]);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(decode(b"\x7fELF\0\0\x01".to_vec()), Decoded::Binary));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Größe “x”".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Größe".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(text(&le).0, "Größe “x”");
        assert_eq!(text(&be).0, "Größe");
    }

    #[test]
    fn utf8_bom_is_kept_in_the_text() {
        assert_eq!(text("\u{feff}Hi".as_bytes()).0, "\u{feff}Hi");
    }
}
