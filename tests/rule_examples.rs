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
