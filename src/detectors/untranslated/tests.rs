use super::*;

#[test]
fn language_codes_resolve() {
    assert_eq!(lang("en"), Some(Lang::Eng));
    assert_eq!(lang("fr"), Some(Lang::Fra));
    assert_eq!(lang("ukr"), Some(Lang::Ukr));
    assert_eq!(lang("xx"), None);
}

#[test]
fn foreign_letters_are_found_in_any_block() {
    let mut text = "a".repeat(70).into_bytes();
    assert!(!has_foreign_letter(&text));
    for at in [0, 31, 32, 63, 64, 69] {
        let mut t = text.clone();
        t[at] = 0xC3;
        assert!(has_foreign_letter(&t), "{at}");
        t[at] = 0xE2;
        assert!(!has_foreign_letter(&t), "{at}");
    }
    text[5] = 0xC2;
    assert!(!has_foreign_letter(&text));
}

/// The word counts by their definition: pieces split on bytes, the
/// non-ASCII ones decoded and split on `char::is_alphabetic`, a settle
/// test after each piece.
fn simple_counts(d: &Untranslated, text: &str, settle: bool) -> Counts {
    let p = &d.params;
    let settle_after = 2 * p.min_words.max(p.sentence_min_words);
    let mut c = Counts::default();
    let pieces = text.as_bytes().split(|&b| !(b.is_ascii_alphabetic() || b >= 0x80));
    for piece in pieces.filter(|w| !w.is_empty()) {
        let piece = std::str::from_utf8(piece).unwrap();
        for word in piece.split(|ch: char| !ch.is_alphabetic()).filter(|w| !w.is_empty()) {
            d.count_word(word, &mut c);
        }
        if settle && c.words >= settle_after && d.is_corpus_language(&c) {
            c.settled = true;
            break;
        }
    }
    c
}

fn detector() -> Untranslated {
    let rules = include_str!("../../../rules/untranslated-paragraph.toml");
    let file: toml::Table = toml::from_str(rules).unwrap();
    let rule = &file["rule"].as_array().unwrap()[0];
    let params = rule["params"].as_table().unwrap();
    let params: Params = crate::detectors::params(params).unwrap();
    let entries = [pack_all(&params.foreign_words, FOREIGN), pack_all(&params.function_words, FUNCTION)];
    let entries: Vec<_> = entries.into_iter().flat_map(Result::unwrap).collect();
    Untranslated { params, corpus: Lang::Eng, screens: true, words: WordTable::new(&entries) }
}

#[test]
fn no_letter_in_general_punctuation() {
    assert!(('\u{2000}'..='\u{206F}').all(|ch| !ch.is_alphabetic()));
}

#[test]
fn counts_match_their_definition_on_the_rule_examples() {
    let d = detector();
    let text = include_str!("../../../rules/untranslated-paragraph.toml");
    for settle in [false, true] {
        for line in text.lines() {
            assert_eq!(d.counts(line, settle), simple_counts(&d, line, settle), "{line}");
        }
        assert_eq!(d.counts(text, settle), simple_counts(&d, text, settle));
    }
}

proptest::proptest! {
    #[test]
    fn counts_match_their_definition(
        text in "([A-Za-z]{1,11}|[ .,'’“”\n-]|[àéüßñ]|[а-я]{1,4}|the |of |und |la |’s |ⓐ|ª){0,120}",
        settle: bool,
    ) {
        let d = detector();
        proptest::prop_assert_eq!(d.counts(&text, settle), simple_counts(&d, &text, settle));
    }
}

#[test]
fn packed_words_ignore_case() {
    assert_eq!(pack("The"), pack("the"));
    assert_ne!(pack("the"), pack("then"));
    assert_eq!(pack("extraordinary"), None);
    assert_eq!(pack("é"), None);
}
