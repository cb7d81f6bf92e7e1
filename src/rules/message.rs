//! Message templates: `"stray space before closing quote in `{match}`"`.
//!
//! A template is parsed once at load time into literal and placeholder
//! segments, so a misspelled placeholder is a load error rather than a
//! surprise in the output, and rendering a message is one pass with no
//! parsing.

/// A parsed message template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Placeholder(String),
}

impl Template {
    /// Parses `{name}` placeholders; `{{` and `}}` are literal braces.
    pub fn parse(source: &str) -> Result<Template, String> {
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) if c.is_alphanumeric() || c == '_' || c == '-' => name.push(c),
                            _ => {
                                return Err(format!(
                                    "unclosed or malformed placeholder `{{{name}` in message"
                                ));
                            }
                        }
                    }
                    if name.is_empty() {
                        return Err("empty placeholder `{}` in message".into());
                    }
                    if !literal.is_empty() {
                        segments.push(Segment::Literal(std::mem::take(&mut literal)));
                    }
                    segments.push(Segment::Placeholder(name));
                }
                '}' => {
                    return Err("unmatched `}` in message (write `}}` for a literal brace)".into());
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            segments.push(Segment::Literal(literal));
        }
        Ok(Template { segments })
    }

    /// The placeholder names this template uses.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Placeholder(name) => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// Checks every placeholder against `known`, naming the first unknown one.
    pub fn check(&self, known: &dyn Fn(&str) -> bool) -> Result<(), String> {
        match self.placeholders().find(|p| !known(p)) {
            Some(p) => Err(format!("message uses unknown placeholder `{{{p}}}`")),
            None => Ok(()),
        }
    }

    /// Renders the template, asking `value` for each placeholder.
    pub fn render(&self, value: &mut dyn FnMut(&str) -> String) -> String {
        self.render_with(&mut |name, out| out.push_str(&value(name)))
    }

    /// Renders the template, letting `value` append each placeholder's text
    /// to the message. The engine renders a message for every finding (tens
    /// of thousands a megabyte of defect-dense text), so the message is
    /// allocated once, with room for the literals and a typical value, and
    /// no placeholder value is built as a string of its own.
    pub fn render_with(&self, value: &mut dyn FnMut(&str, &mut String)) -> String {
        let literals: usize = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Literal(s) => s.len(),
                Segment::Placeholder(_) => 0,
            })
            .sum();
        let mut out = String::with_capacity(literals + 48);
        for segment in &self.segments {
            match segment {
                Segment::Literal(s) => out.push_str(s),
                Segment::Placeholder(name) => value(name, &mut out),
            }
        }
        out
    }
}

/// Longest `{match}` text put in a message.
pub const MATCH_EXCERPT: usize = 60;

/// Shortens a flagged text for a message: one line, at most `max` chars.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    push_excerpt(&mut out, text, max);
    out
}

/// Appends [`excerpt`]`(text, max)` to `out`: line breaks become spaces, and
/// a text of more than `max` chars keeps `max - 1` of them and `…`.
pub fn push_excerpt(out: &mut String, text: &str, max: usize) {
    // Most flagged texts are short and on one line: copied as they are (a
    // text of at most `max` bytes has at most `max` chars).
    if text.len() <= max && memchr::memchr2(b'\n', b'\r', text.as_bytes()).is_none() {
        out.push_str(text);
        return;
    }
    let (kept, cut) = match text.char_indices().nth(max) {
        None => (text, false),
        Some(_) => {
            (&text[..text.char_indices().nth(max.saturating_sub(1)).map_or(text.len(), |(i, _)| i)], true)
        }
    };
    // `\n` and `\r` are single bytes: the pieces between them are copied whole.
    for (i, piece) in kept.split(['\n', '\r']).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(piece);
    }
    if cut {
        out.push('…');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders_and_escaped_braces() {
        let t = Template::parse("use `{replacement}` for `{match}` {{ok}}").unwrap();
        let out = t.render(&mut |name| name.to_uppercase());
        assert_eq!(out, "use `REPLACEMENT` for `MATCH` {ok}");
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["replacement", "match"]);
    }

    #[test]
    fn rejects_malformed_templates() {
        assert!(Template::parse("bad {match").is_err());
        assert!(Template::parse("bad }").is_err());
        assert!(Template::parse("bad {}").is_err());
        assert!(Template::parse("bad {a b}").is_err());
    }

    #[test]
    fn check_names_the_unknown_placeholder() {
        let t = Template::parse("{match} {lang}").unwrap();
        let err = t.check(&|p| p == "match").unwrap_err();
        assert!(err.contains("{lang}"), "{err}");
    }

    #[test]
    fn excerpt_is_one_line_and_bounded() {
        assert_eq!(excerpt("a\nb", 10), "a b");
        assert_eq!(excerpt("abcdefghij", 5), "abcd…");
    }

    /// The first definition of `excerpt`, which `push_excerpt` must match.
    fn excerpt_by_chars(text: &str, max: usize) -> String {
        let one_line: String = text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
        if one_line.chars().count() <= max {
            return one_line;
        }
        let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }

    #[test]
    fn excerpt_matches_the_char_by_char_definition() {
        let texts = [
            "",
            "a",
            "abcde",
            "abcdef",
            "ab\ncd",
            "\r\n",
            "ééééé",
            "éééééé",
            "a\u{2026}b\rc\nd\r\ne",
            "“quoted”\n",
        ];
        for text in texts {
            for max in 0..8 {
                assert_eq!(excerpt(text, max), excerpt_by_chars(text, max), "{text:?} {max}");
            }
        }
    }

    #[test]
    fn render_with_appends_values_in_place() {
        let t = Template::parse("`{match}` is `{replacement}`").unwrap();
        let out = t.render_with(&mut |name, out| out.push_str(&name.to_uppercase()));
        assert_eq!(out, "`MATCH` is `REPLACEMENT`");
    }
}
