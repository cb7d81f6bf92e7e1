//! Where the time goes: the cost of segmentation and of each built-in rule,
//! in milliseconds per MB of input, on one thread.
//!
//!     cargo bench --bench rules -- FILE...
//!
//! Without files it runs over `fixtures/defects` (what `cargo test
//! --all-targets` does with it).
//! Files are read the way `newslint check` reads them (chunks of at most
//! 1 MiB, cut at paragraph breaks); each chunk is one document. Every rule
//! runs alone over every (already segmented) document, directly and through
//! the engine; then the whole rule set runs through the engine over freshly
//! segmented documents (segmentation included), which is the number to
//! compare with the line and sentence costs printed first. Use it to find the rule to optimise,
//! then confirm with `bench/run.sh`.

use std::time::{Duration, Instant};

use newslint::document::{Document, Format};
use newslint::input::chunks::Chunker;
use newslint::lint::{Linter, run_rule};
use newslint::rules::{LoadOptions, builtin_sources, load};

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    if paths.is_empty() {
        // `cargo test --all-targets` runs this too: a quick pass over the fixtures.
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/defects");
        let entries = std::fs::read_dir(fixtures).expect("fixtures/defects exists");
        paths = entries.map(|e| e.expect("readable").path().display().to_string()).collect();
        paths.sort();
    }
    let mut texts = Vec::new();
    for path in &paths {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for chunk in Chunker::new(file, 1 << 20) {
            let chunk = chunk.unwrap_or_else(|e| panic!("{path}: {e}"));
            let text = String::from_utf8_lossy(&chunk.bytes).into_owned();
            texts.push((text, chunk.first, chunk.last));
        }
    }
    let mb = texts.iter().map(|t| t.0.len()).sum::<usize>() as f64 / 1e6;
    let per_mb = |d: Duration| d.as_secs_f64() * 1e3 / mb;

    let rules = load(&builtin_sources(), &LoadOptions::default()).expect("built-in rules load");
    let started = Instant::now();
    let docs: Vec<Document<'_>> =
        texts.iter().map(|(t, first, last)| Document::part(t, Format::Text, *first, *last)).collect();
    let lines = started.elapsed();
    let started = Instant::now();
    let sentences: usize = docs.iter().map(|d| d.sentences().len()).sum();
    let split = started.elapsed();
    println!("{mb:.1} MB in {} documents, {sentences} sentences", docs.len());
    println!("{:>8.2} ms/MB  lines and paragraphs", per_mb(lines));
    println!("{:>8.2} ms/MB  sentences", per_mb(split));

    // Each rule alone: run directly, and through the engine (its prefilter).
    let mut costs = Vec::new();
    let rules: Vec<_> = rules.into_iter().map(|r| Linter::new(vec![r]).expect("rule compiles")).collect();
    for linter in &rules {
        let rule = &linter.rules()[0];
        let started = Instant::now();
        let mut found = 0;
        for doc in &docs {
            let mut out = Vec::new();
            run_rule(rule, doc, &mut out);
            found += out.len();
        }
        let direct = started.elapsed();
        let started = Instant::now();
        for doc in &docs {
            linter.lint_document(doc);
        }
        costs.push((started.elapsed(), direct, rule.meta.id.to_string(), found));
    }
    let total: Duration = costs.iter().map(|c| c.0).sum();
    costs.sort_by_key(|c| std::cmp::Reverse(c.0));
    println!("  engine   direct  (ms/MB)");
    for (engine, direct, id, found) in &costs {
        println!("{:>8.2} {:>8.2}  {id} ({found} findings)", per_mb(*engine), per_mb(*direct));
    }
    println!("{:>8.2} ms/MB  every rule alone through the engine, summed", per_mb(total));

    let rules = rules.into_iter().flat_map(Linter::into_rules).collect();
    // Fresh documents: the engine splits sentences only when a rule asks.
    let docs: Vec<Document<'_>> =
        texts.iter().map(|(t, first, last)| Document::part(t, Format::Text, *first, *last)).collect();
    let linter = Linter::new(rules).expect("rules compile");
    let started = Instant::now();
    let found: usize = docs.iter().map(|d| linter.lint_document(d).len()).sum();
    let engine = started.elapsed();
    println!("{:>8.2} ms/MB  the engine, all rules ({found} findings)", per_mb(engine));
}
