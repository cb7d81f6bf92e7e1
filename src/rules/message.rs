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
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Literal(s) => out.push_str(s),
                Segment::Placeholder(name) => out.push_str(&value(name)),
            }
        }
        out
    }
}

/// Longest `{match}` text put in a message.
pub const MATCH_EXCERPT: usize = 60;

/// Shortens a flagged text for a message: one line, at most `max` chars.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line: String = text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
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
}
