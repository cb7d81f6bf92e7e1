//! The on-disk shape of a rule file, as serde reads it.
//!
//! These structs mirror the TOML exactly (kebab-case keys, unknown keys
//! rejected) and keep the byte spans of the values a later error may need to
//! point at. Compilation into matchers happens in the sibling modules.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Safety, Severity};

/// A rule file: any number of `[[rule]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<Spanned<RuleDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDef {
    pub id: Spanned<String>,
    pub category: String,
    pub severity: Severity,
    #[serde(default)]
    pub scope: Scope,
    pub message: Spanned<String>,
    pub what: String,
    pub why: String,
    /// Off unless selected explicitly (`--select ID` or the config).
    #[serde(default = "yes")]
    pub enabled: bool,

    // Matchers: exactly one of `pattern`, `phrases`, `substitutions`, `detector`.
    pub pattern: Option<Spanned<Patterns>>,
    pub unless: Option<Spanned<OneOrMany>>,
    /// Named regex fragments that `pattern` and `unless` write as `${NAME}`.
    pub define: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    pub anchor: Option<Anchor>,
    /// Opt in to Unicode-aware `\b` (slower on non-ASCII text).
    #[serde(default)]
    pub unicode_word_boundary: bool,
    pub phrases: Option<Spanned<Vec<String>>>,
    #[serde(rename = "match")]
    pub match_mode: Option<MatchMode>,
    pub case_sensitive: Option<bool>,
    pub substitutions: Option<Spanned<BTreeMap<String, String>>>,
    pub detector: Option<Spanned<String>>,
    pub params: Option<Spanned<toml::Table>>,

    pub fix: Option<Spanned<FixDef>>,
    #[serde(default)]
    pub example: Vec<Spanned<ExampleDef>>,
}

fn yes() -> bool {
    true
}

/// Which units of a document a matcher looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    #[default]
    Document,
    Headline,
    Line,
    Paragraph,
    Sentence,
    /// A corpus-level check over every document of a run (detectors only).
    Corpus,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Document => "document",
            Scope::Headline => "headline",
            Scope::Line => "line",
            Scope::Paragraph => "paragraph",
            Scope::Sentence => "sentence",
            Scope::Corpus => "corpus",
        }
    }
}

/// Where a pattern match must sit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The match is a whole line (surrounding whitespace aside).
    Line,
    /// The match ends its line (trailing whitespace aside): a suffix.
    LineEnd,
    /// The match starts the document (leading whitespace aside).
    Start,
    /// The match ends the document (trailing whitespace aside).
    End,
}

/// How a phrase or substitution must sit in the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchMode {
    /// Anywhere, even inside a word.
    Substring,
    /// Between word boundaries.
    #[default]
    Word,
    /// The whole line (trimmed; trailing `:` `.` `…` allowed).
    Line,
    /// The start of a line; the whole line is flagged.
    LineStart,
}

/// `pattern = "regex"`, `pattern = ["a", "b"]`, or a list of tables giving
/// each regex its own message and replacement:
/// `pattern = [{ regex = "a", message = "...", replacement = "..." }]`.
#[derive(Debug, Deserialize)]
#[serde(try_from = "toml::Value")]
pub enum Patterns {
    One(String),
    Many(Vec<PatternDef>),
}

#[derive(Debug, Clone)]
pub enum PatternDef {
    Regex(String),
    Table(PatternTable),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternTable {
    pub regex: String,
    /// Overrides the rule's `message` for matches of this regex.
    pub message: Option<String>,
    /// Overrides the rule's `fix.replacement` for matches of this regex.
    pub replacement: Option<String>,
}

impl PatternDef {
    pub fn regex(&self) -> &str {
        match self {
            PatternDef::Regex(r) => r,
            PatternDef::Table(t) => &t.regex,
        }
    }
}

impl TryFrom<toml::Value> for Patterns {
    type Error = String;

    /// Hand-written so that a misplaced key gets a useful message instead of
    /// "data did not match any variant".
    fn try_from(value: toml::Value) -> Result<Patterns, String> {
        match value {
            toml::Value::String(s) => Ok(Patterns::One(s)),
            toml::Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item {
                    toml::Value::String(s) => Ok(PatternDef::Regex(s)),
                    toml::Value::Table(t) => toml::Value::Table(t).try_into().map(PatternDef::Table).map_err(
                        |e: toml::de::Error| {
                            format!(
                                "pattern {}: {} (keys after a `[[rule.pattern]]` header belong to that \
                                 pattern; put rule keys before it)",
                                i + 1,
                                e.message().trim_end()
                            )
                        },
                    ),
                    other => Err(format!(
                        "pattern {}: expected a regex string or a table, found {}",
                        i + 1,
                        other.type_str()
                    )),
                })
                .collect::<Result<_, _>>()
                .map(Patterns::Many),
            other => Err(format!(
                "`pattern` must be a string, an array of strings or of tables, not {}",
                other.type_str()
            )),
        }
    }
}

impl Patterns {
    pub fn to_vec(&self) -> Vec<PatternDef> {
        match self {
            Patterns::One(s) => vec![PatternDef::Regex(s.clone())],
            Patterns::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn as_slice(&self) -> &[String] {
        match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixDef {
    /// For `pattern` rules: the replacement, with `$1` / `${name}` groups.
    pub replacement: Option<String>,
    pub safety: Safety,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    pub text: String,
    /// The exact flagged substrings, in order; empty means "must stay silent".
    pub flags: Vec<String>,
    /// The text after applying every fix of this rule.
    pub fixed: Option<String>,
}
