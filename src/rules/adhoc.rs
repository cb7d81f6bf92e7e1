//! Ad-hoc rules from plain lists: `--phrases-file FILE` (one literal phrase
//! per line) and `--regex-file FILE` (one regex per line).
//!
//! They exist so a corpus can be searched for a list someone already has
//! (a blocklist, a grep pattern file) without writing TOML, and so the
//! matchers can be measured alone (`--no-rules --phrases-file F`) against
//! `rg -F -f F`. Each file becomes one rule over the whole document: phrases
//! are case-sensitive substrings, as `rg -F` searches them; regexes get the
//! engine's usual ASCII `\b`. Blank lines are skipped. Such rules carry no
//! examples: the list is data, not a rule someone authored.

use std::path::Path;
use std::sync::Arc;

use super::def::{MatchMode, PatternDef, Scope};
use super::literal::LiteralMatcher;
use super::message::Template;
use super::pattern::{Compile, PatternMatcher};
use super::{Matcher, Rule, RuleMeta, SourceFile};
use crate::diagnostic::Severity;

/// What a list file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Phrases,
    Regexes,
}

/// Builds one rule named `id` from the list file at `path`.
pub fn from_file(kind: ListKind, path: &Path, id: &str) -> Result<Rule, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let source = Arc::new(SourceFile { name: path.display().to_string(), text, builtin: false });
    from_source(kind, &source, id).map_err(|e| format!("{}: {e}", source.name))
}

/// Builds one rule from the lines of `source`.
pub fn from_source(kind: ListKind, source: &Arc<SourceFile>, id: &str) -> Result<Rule, String> {
    let items: Vec<String> = source
        .text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    if items.is_empty() {
        return Err("the list is empty".into());
    }
    let (matcher, what, label) = match kind {
        ListKind::Phrases => {
            let m = LiteralMatcher::phrases(&items, MatchMode::Substring, Scope::Document, true)?;
            (Matcher::Literal(m), "phrases", "phrase")
        }
        ListKind::Regexes => {
            let defs: Vec<PatternDef> = items.into_iter().map(PatternDef::Regex).collect();
            let m = PatternMatcher::new(&defs, &[], None, Scope::Document, None, false, Compile::Now)?;
            (Matcher::Pattern(m), "pattern", "regex")
        }
    };
    let message = Template::parse(&format!("{label} from `{}`: `{{match}}`", source.name))?;
    let meta = RuleMeta {
        id: Arc::from(id),
        category: Arc::from("list"),
        severity: Severity::Warning,
        scope: Scope::Document,
        what: format!("Flags every {label} listed in {}.", source.name),
        why: Arc::from("The list was given on the command line."),
        message,
        fix_safety: None,
        enabled: true,
        kind: what.to_string(),
        origin: source.clone(),
        origin_span: 0..0,
    };
    Ok(Rule { meta, examples: Vec::new(), matcher })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::lint_with_rule;

    fn rule(kind: ListKind, text: &str) -> Result<Rule, String> {
        let source = Arc::new(SourceFile { name: "list.txt".into(), text: text.into(), builtin: false });
        from_source(kind, &source, "phrase-list")
    }

    fn flagged(rule: &Rule, text: &str) -> Vec<String> {
        lint_with_rule(rule, text).iter().map(|d| text[d.span.range()].to_string()).collect()
    }

    #[test]
    fn phrase_lists_match_case_sensitive_substrings() {
        let r = rule(ListKind::Phrases, "Click here\r\n\nAll rights reserved.\n").unwrap();
        let text = "Click here to read. click here. (c) All rights reserved.";
        assert_eq!(flagged(&r, text), ["Click here", "All rights reserved."]);
    }

    #[test]
    fn regex_lists_use_ascii_word_boundaries_and_multiline_anchors() {
        let r = rule(ListKind::Regexes, "\\bMr\\.? [A-Z][a-z]+\n(?m)^Photo:").unwrap();
        let text = "Mr Smith said.\nPhoto: AFP\nxMr Jones";
        assert_eq!(flagged(&r, text), ["Mr Smith", "Photo:"]);
    }

    #[test]
    fn empty_lists_and_bad_regexes_are_errors() {
        assert!(rule(ListKind::Phrases, "\n  \n").is_err());
        let err = rule(ListKind::Regexes, "(unclosed").err().unwrap();
        assert!(err.contains("(unclosed"), "{err}");
    }
}
