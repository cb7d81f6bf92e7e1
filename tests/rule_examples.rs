//! Every example of every built-in rule, in one test that reports all
//! failures at once.

use newslint::rules::{LoadOptions, builtin_sources, check_examples, load, slowness_warnings};

#[test]
fn every_builtin_rule_example_passes() {
    let sources = builtin_sources();
    let rules = load(&sources, &LoadOptions::default()).unwrap_or_else(|errors| {
        panic!(
            "built-in rules fail to load:\n{}",
            errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
        )
    });
    assert!(!rules.is_empty());
    let mut failures = Vec::new();
    let mut examples = 0;
    for rule in &rules {
        examples += rule.examples.len();
        for f in check_examples(rule) {
            failures.push(f.into_load_error(rule).to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {examples} examples failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn builtin_rules_are_fast() {
    let warnings = slowness_warnings(&builtin_sources());
    assert!(warnings.is_empty(), "{}", warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>().join("\n"));
}

/// A rule's documentation shows the characters it is about as escapes
/// (`Chibou\u00A0gamau`): a TOML basic string decodes `\u00A0` itself, and
/// the explanation would then show a no-break space no reader can see.
#[test]
fn rule_docs_show_no_invisible_characters() {
    let rules = load(&builtin_sources(), &LoadOptions::default()).expect("built-in rules load");
    let mut bad = Vec::new();
    for rule in &rules {
        for (field, text) in [("what", rule.meta.what.as_str()), ("why", &*rule.meta.why)] {
            for c in text
                .chars()
                .filter(|&c| c != '\n' && c != ' ' && (c.is_whitespace() || c.is_control() || invisible(c)))
            {
                bad.push(format!("{} `{field}`: U+{:04X}", rule.meta.id, u32::from(c)));
            }
        }
    }
    assert!(bad.is_empty(), "write these as escapes (`\\\\u00A0` in TOML):\n{}", bad.join("\n"));
}

/// Format characters and other characters that render as nothing.
fn invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}
