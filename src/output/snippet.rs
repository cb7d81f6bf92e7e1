//! Source snippets for codespan-reporting, cut down to what a reader needs.
//!
//! Scraped news often has one paragraph per line, and a 900-character line
//! printed in full for every diagnostic buries the underline. A [`Snippet`]
//! is a small virtual file holding only the lines a diagnostic touches, each
//! cut to a window around its spans with `…` marking what was left out. It
//! implements codespan's `Files` so that line numbers and the `path:line:col`
//! header still name the real position in the real file.
//!
//! Invisible and control characters (zero-width spaces, bidi overrides,
//! U+001A for undecodable bytes) are shown as visible stand-ins of the same
//! UTF-8 length, so a terminal cannot be tricked by them and offsets stay
//! valid.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use super::position::{LineIndex, Position};
use crate::diagnostic::Span;

/// Lines up to this many chars are shown whole.
const MAX_COLUMNS: usize = 120;
/// Chars of context kept on each side of a span on a long line.
const CONTEXT: usize = 40;
/// A span over more lines than this shows its first and last lines only.
const MAX_SPAN_LINES: usize = 6;
const ELLIPSIS: &str = "…";

struct Line {
    /// Range of this line in the virtual source (with its `\n`).
    virt: Range<usize>,
    /// The original window shown on this line.
    window: Range<usize>,
    prefix: usize,
    /// 1-based line number in the file.
    number: usize,
}

pub struct Snippet<'a> {
    name: &'a str,
    source: String,
    lines: Vec<Line>,
    index: &'a LineIndex<'a>,
    line_offset: usize,
    column_offset: usize,
}

impl<'a> Snippet<'a> {
    /// A snippet of `text` showing `spans`. `offsets` (line, column) say
    /// where `text` starts in its file (for chunks of a larger file).
    pub fn new(
        name: &'a str,
        text: &'a str,
        index: &'a LineIndex<'a>,
        spans: &[Span],
        (line_offset, column_offset): (usize, usize),
    ) -> Self {
        let mut wanted: Vec<usize> = Vec::new();
        for s in spans {
            let first = index.line_index(s.start);
            let last = index.line_index(if s.end > s.start { s.end - 1 } else { s.end });
            if last - first >= MAX_SPAN_LINES {
                wanted.extend(first..first + 3);
                wanted.extend(last - 1..=last);
            } else {
                wanted.extend(first..=last);
            }
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut source = String::new();
        let mut lines = Vec::with_capacity(wanted.len());
        for i in wanted {
            let range = index.line_range(i);
            let window = window(text, range.clone(), spans);
            let start = source.len();
            let prefix = if window.start > range.start { ELLIPSIS.len() } else { 0 };
            if prefix > 0 {
                source.push_str(ELLIPSIS);
            }
            push_visible(&mut source, &text[window.clone()]);
            if window.end < range.end {
                source.push_str(ELLIPSIS);
            }
            source.push('\n');
            lines.push(Line { virt: start..source.len(), window, prefix, number: i + 1 + line_offset });
        }
        Snippet { name, source, lines, index, line_offset, column_offset }
    }

    /// Maps an offset of the original text into the virtual source.
    pub fn map(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|l| l.window.start <= offset).saturating_sub(1);
        let Some(line) = self.lines.get(i) else {
            return 0;
        };
        if offset < line.window.start {
            line.virt.start
        } else if offset > line.window.end {
            line.virt.end - 1
        } else {
            line.virt.start + line.prefix + (offset - line.window.start)
        }
    }

    pub fn map_span(&self, span: Span) -> Range<usize> {
        let start = self.map(span.start);
        start..self.map(span.end).max(start)
    }

    fn unmap(&self, virt: usize) -> usize {
        let i = self.lines.partition_point(|l| l.virt.start <= virt).saturating_sub(1);
        let line = &self.lines[i];
        let inner = virt.saturating_sub(line.virt.start + line.prefix);
        (line.window.start + inner).min(line.window.end)
    }
}

/// The part of line `range` to show: whole if short, else around the spans.
fn window(text: &str, range: Range<usize>, spans: &[Span]) -> Range<usize> {
    let line = &text[range.clone()];
    if line.chars().count() <= MAX_COLUMNS {
        return range;
    }
    let points = spans
        .iter()
        .flat_map(|s| [s.start, s.end])
        .filter(|p| range.contains(p) || *p == range.end)
        .collect::<Vec<_>>();
    let lo = points.iter().copied().min().unwrap_or(range.start);
    let hi = points.iter().copied().max().unwrap_or(range.start);
    let start = back_chars(text, lo, CONTEXT).max(range.start);
    let end = forward_chars(text, hi, CONTEXT).min(range.end);
    start..end
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

/// Appends `s`, replacing invisible and control characters with visible
/// characters of the same UTF-8 length.
fn push_visible(out: &mut String, s: &str) {
    for c in s.chars() {
        let invisible = c.is_control() && c != '\t'
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}');
        if !invisible {
            out.push(c);
            continue;
        }
        out.push(match c.len_utf8() {
            1 => '?',
            2 => '¿',
            3 => '⍰',
            _ => '\u{1F5F7}',
        });
    }
}

impl<'f> Files<'f> for Snippet<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(&self.source)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.lines.partition_point(|l| l.virt.start <= byte_index).saturating_sub(1))
    }

    fn line_number(&'f self, (): (), line_index: usize) -> Result<usize, Error> {
        self.lines
            .get(line_index)
            .map(|l| l.number)
            .ok_or(Error::LineTooLarge { given: line_index, max: self.lines.len() })
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        match self.lines.get(line_index) {
            Some(l) => Ok(l.virt.clone()),
            None if line_index == self.lines.len() => Ok(self.source.len()..self.source.len()),
            None => Err(Error::LineTooLarge { given: line_index, max: self.lines.len() }),
        }
    }

    fn location(&'f self, (): (), byte_index: usize) -> Result<codespan_reporting::files::Location, Error> {
        let position = self.index.position(self.unmap(byte_index));
        let Position { line, column } = super::file_position(position, self.line_offset, self.column_offset);
        Ok(codespan_reporting::files::Location { line_number: line, column_number: column })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_windowed_and_offsets_map_back() {
        let text = format!("Head\n{}TARGET{}\n", "a".repeat(300), "b".repeat(300));
        let index = LineIndex::new(&text);
        let start = text.find("TARGET").unwrap();
        let span = Span::new(start, start + 6);
        let snip = Snippet::new("f.txt", &text, &index, &[span], (0, 0));
        let src = snip.source(()).unwrap();
        assert!(src.starts_with('…') && src.trim_end().ends_with('…'), "{src}");
        assert!(src.chars().count() < 100);
        let r = snip.map_span(span);
        assert_eq!(&src[r.clone()], "TARGET");
        let loc = snip.location((), r.start).unwrap();
        assert_eq!((loc.line_number, loc.column_number), (2, 301));
        assert_eq!(snip.line_number((), 0).unwrap(), 2);
    }

    #[test]
    fn invisible_characters_become_visible_with_the_same_length() {
        let text = "a\u{200b}b\u{202e}c\u{1a}d";
        let index = LineIndex::new(text);
        let snip = Snippet::new("f", text, &index, &[Span::new(0, text.len())], (0, 0));
        let src = snip.source(()).unwrap();
        assert_eq!(src.len(), text.len() + 1);
        assert_eq!(src, "a⍰b⍰c?d\n");
    }
}
