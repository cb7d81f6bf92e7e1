//! Byte offsets to 1-based lines and columns (columns in Unicode scalar
//! values, as codespan-reporting and ruff count them).

use crate::diagnostic::Span;

/// Line starts of a text, for offset-to-position lookups.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl<'t> LineIndex<'t> {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, like the document model.
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(j) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + j;
            i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            starts.push(i);
        }
        LineIndex { text, starts }
    }

    /// The 0-based line index of `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The byte range of line `index`, without its terminator.
    pub fn line_range(&self, index: usize) -> std::ops::Range<usize> {
        let start = self.starts[index];
        let mut end = self.starts.get(index + 1).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The position of `offset` (clamped to the text, floored to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_index(offset);
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        Position { line: line + 1, column }
    }

    /// Start and end positions of a span (end exclusive, like the span).
    pub fn span(&self, span: Span) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_handle_all_line_endings() {
        let text = "ab\r\n“é”x\rz\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(4), Position { line: 2, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(x), Position { line: 2, column: 4 });
        assert_eq!(idx.position(text.find('z').unwrap()), Position { line: 3, column: 1 });
        assert_eq!(idx.line_range(1), 4..x + 1);
        assert_eq!(idx.position(text.len()), Position { line: 4, column: 1 });
    }

    #[test]
    fn offsets_inside_a_char_are_floored() {
        let idx = LineIndex::new("“x");
        assert_eq!(idx.position(1), Position { line: 1, column: 1 });
    }
}
