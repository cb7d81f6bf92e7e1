//! Property tests for the invariants the fuzz targets check (see
//! `common/invariants.rs`), on generated news-like text, so they run with
//! the normal suite. Case counts stay modest to keep the suite fast; the
//! fuzzers (`fuzz/`) do the long runs.

#[path = "common/invariants.rs"]
mod invariants;

use newslint::document::Format;
use proptest::prelude::*;

/// Pieces that make rules and the segmenter work hard: quotes, dashes,
/// abbreviations, line endings, invisible and multi-byte characters.
const PIECES: &[&str] = &[
    "The",
    "minister",
    "said",
    "U.S.",
    "Dr.",
    "Jan.",
    "3.5",
    "talks",
    "Leave a Reply",
    "Advertisement",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    ".",
    "..",
    "…",
    "!",
    "?",
    ",",
    ";",
    ":",
    "-",
    " - ",
    "—",
    "–",
    "“",
    "”",
    " ”",
    "“ ",
    "\"",
    "'",
    "’",
    "‘",
    "«",
    "»",
    "„",
    "(",
    ")",
    "[",
    "]",
    "#",
    "# ",
    "---\n",
    "+++\n",
    "\u{feff}",
    "\u{a0}",
    "\u{200b}",
    "é",
    "e\u{301}",
    "Größe",
    "日本",
    "🙂",
    "\u{1a}",
    "\0",
    "2024-03-05T10:00:00Z",
    "Reuters",
    "AFP",
    "said.”",
    "ABC DEF GHI",
    "a",
    "A",
];

fn newsish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn segmentation_spans_are_valid(text in newsish()) {
        invariants::check_document(&text);
    }

    #[test]
    fn segmentation_of_arbitrary_text(text in any::<String>()) {
        invariants::check_document(&text);
    }

    #[test]
    fn lint_spans_are_valid(text in newsish(), markdown in any::<bool>()) {
        invariants::check_lint(&text, if markdown { Format::Markdown } else { Format::Text });
    }

    #[test]
    fn arbitrary_bytes_decode_lint_and_render(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        invariants::check_bytes(&bytes);
    }

    #[test]
    fn news_bytes_decode_lint_and_render(text in newsish()) {
        invariants::check_bytes(text.as_bytes());
    }

    #[test]
    fn fixes_converge_and_are_idempotent(text in newsish()) {
        invariants::check_fix(&text);
    }

    #[test]
    fn rule_and_config_loading_never_panics(text in rule_toml()) {
        invariants::check_rule_source(&text);
    }
}

/// Near-valid rule files: a valid rule with one key replaced by noise.
fn rule_toml() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(
        &[
            "pattern = '(a'",
            "pattern = 'a{1000}{1000}'",
            "pattern = ''",
            "phrases = []",
            "phrases = [\"\"]",
            "substitutions = { \"\" = \"x\" }",
            "detector = \"duplicate-line\"",
            "scope = \"headline\"",
            "anchor = \"line\"",
            "match = \"line-start\"",
            "fix = { safety = \"safe\" }",
            "fix = { replacement = \"$9\", safety = \"safe\" }",
            "message = \"{\"",
            "message = \"{nope}\"",
            "[[rule.example]]\ntext = \"\"\nflags = [\"\"]",
            "[rule.params]\nmin-words = -1",
            "id = \"\"",
            "unless = '('",
            "enabled = false",
            "[[rule.pattern]]\nregex = 'x'\nreplacement = 'y'",
        ][..],
    );
    (prop::collection::vec(keys, 0..4), "[ -~]{0,12}").prop_map(|(extra, noise)| {
        format!(
            "[[rule]]\nid = \"house-x\"\ncategory = \"style\"\nseverity = \"warning\"\nmessage = \"m\"\n\
             what = \"w\"\nwhy = \"y\"\npattern = 'percent'\n{}\n{noise}\n",
            extra.join("\n")
        )
    })
}
