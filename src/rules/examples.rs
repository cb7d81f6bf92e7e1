//! Rule self-tests: every rule carries examples that must flag exactly the
//! listed substrings, stay silent, or fix to the given text.

use super::{Example, LoadError, Rule};
use crate::fix::{Applicability, fix_until_stable};
use crate::lint::lint_with_rule;

/// An example whose outcome differs from what the rule file says.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub example: Example,
    pub message: String,
}

impl ExampleFailure {
    pub fn into_load_error(self, rule: &Rule) -> LoadError {
        LoadError::new(
            &rule.meta.origin,
            Some(self.example.span.clone()),
            format!("rule `{}`: {}", rule.meta.id, self.message),
        )
    }
}

/// Runs every example of `rule`; returns the ones that fail.
pub fn check_examples(rule: &Rule) -> Vec<ExampleFailure> {
    rule.examples
        .iter()
        .filter_map(|e| check(rule, e).err().map(|message| ExampleFailure { example: e.clone(), message }))
        .collect()
}

fn check(rule: &Rule, example: &Example) -> Result<(), String> {
    let diagnostics = lint_with_rule(rule, &example.text);
    let flagged: Vec<&str> = diagnostics.iter().map(|d| &example.text[d.span.range()]).collect();
    if flagged != example.flags {
        return Err(format!(
            "example {:?}\n  expected flags: {:?}\n  actual flags:   {:?}",
            excerpt(&example.text),
            example.flags,
            flagged
        ));
    }
    if let Some(expected) = &example.fixed {
        let fixed = fix_until_stable(&example.text, &mut |t| lint_with_rule(rule, t), Applicability::All);
        if &fixed.text != expected {
            return Err(format!(
                "example {:?}\n  expected fix: {:?}\n  actual fix:   {:?}",
                excerpt(&example.text),
                expected,
                fixed.text
            ));
        }
    }
    Ok(())
}

fn excerpt(text: &str) -> String {
    super::message::excerpt(text, 80)
}
