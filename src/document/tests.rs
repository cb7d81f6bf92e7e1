use super::*;

fn sentences(text: &str) -> Vec<&str> {
    let doc = Document::new(text);
    doc.sentences().iter().map(|s| doc.slice(*s)).collect()
}

fn paragraphs(text: &str) -> Vec<&str> {
    let doc = Document::new(text);
    doc.paragraphs().iter().map(|s| doc.slice(*s)).collect()
}

#[test]
fn lines_handle_lf_crlf_and_lone_cr() {
    let text = "a\nb\r\nc\rd";
    let doc = Document::new(text);
    let lines: Vec<_> = doc.lines().iter().map(|l| doc.slice(*l)).collect();
    assert_eq!(lines, ["a", "b", "c", "d"]);
}

#[test]
fn bom_is_outside_every_span_but_offsets_stay_exact() {
    let text = "\u{feff}Headline here\n\nBody text.";
    let doc = Document::new(text);
    assert_eq!(doc.body().start, 3);
    let headline = doc.headline().unwrap();
    assert_eq!(headline.start, 3);
    assert_eq!(doc.slice(headline), "Headline here");
    assert_eq!(doc.slice(doc.paragraphs()[1]), "Body text.");
}

#[test]
fn headline_is_first_non_blank_line_trimmed() {
    let doc = Document::new("\n\n  Storm hits coast  \n\nText.");
    assert_eq!(doc.slice(doc.headline().unwrap()), "Storm hits coast");
    let md = Document::with_format("---\ntitle: x\n---\n# Storm hits coast\n\nText.", Format::Markdown);
    assert_eq!(md.slice(md.headline().unwrap()), "Storm hits coast");
}

#[test]
fn empty_and_blank_documents_have_no_units() {
    for text in ["", "\n\n", "   \r\n \t "] {
        let doc = Document::new(text);
        assert!(doc.paragraphs().is_empty(), "{text:?}");
        assert!(doc.sentences().is_empty(), "{text:?}");
        assert_eq!(doc.headline(), None, "{text:?}");
    }
}

#[test]
fn unwrapped_text_has_one_paragraph_per_line() {
    let long = "word ".repeat(30);
    let text = format!("Headline\n{long}one.\n{long}two.\n\n{long}three.");
    assert_eq!(paragraphs(&text).len(), 4);
}

#[test]
fn hard_wrapped_text_has_blank_line_paragraphs() {
    let text = "Headline\n\nThe first paragraph is wrapped\nover two lines.\n\nThe second one\nas well.\n";
    assert_eq!(
        paragraphs(text),
        ["Headline", "The first paragraph is wrapped\nover two lines.", "The second one\nas well."]
    );
}

#[test]
fn headline_and_caption_are_not_a_wrapped_paragraph() {
    let text = "Talks open in Geneva\n\nTalks open in Geneva\nImage: Joint exercise in Poland";
    assert_eq!(
        paragraphs(text),
        ["Talks open in Geneva", "Talks open in Geneva", "Image: Joint exercise in Poland"]
    );
}

#[test]
fn sentences_respect_abbreviations_initials_and_decimals() {
    let text = "Russia ruled out on Jan. 9 any concession with the U.S. and Dr. Smith agreed. \
                Growth was 3.5 percent in the U.K. The pound fell. John F. Kennedy spoke at 9 a.m. on Monday.";
    assert_eq!(
        sentences(text),
        [
            "Russia ruled out on Jan. 9 any concession with the U.S. and Dr. Smith agreed.",
            "Growth was 3.5 percent in the U.K.",
            "The pound fell.",
            "John F. Kennedy spoke at 9 a.m. on Monday.",
        ]
    );
}

#[test]
fn sentences_end_after_closing_quotes_and_ellipses() {
    let text = "“We will not agree,” Ryabkov said. “It is excluded.” He left... Then he returned!";
    assert_eq!(
        sentences(text),
        ["“We will not agree,” Ryabkov said.", "“It is excluded.”", "He left...", "Then he returned!"]
    );
}

#[test]
fn lowercase_after_full_stop_does_not_split() {
    assert_eq!(
        sentences("as justification. to launch an assault."),
        ["as justification. to launch an assault."]
    );
}

#[test]
fn sentence_spans_index_the_original_text_with_crlf() {
    let text = "Head\r\n\r\nOne. Two.\r\nThree.";
    let doc = Document::new(text);
    for s in doc.sentences() {
        assert!(!doc.slice(*s).contains('\r'));
    }
    assert_eq!(doc.sentences().len(), 4);
    assert_eq!(doc.paragraph_of_sentence(3), 2, "unwrapped lines are paragraphs");
}

#[test]
fn line_at_finds_the_line_of_an_offset() {
    let doc = Document::new("ab\ncd\n\nef");
    assert_eq!(doc.line_at(0), 0);
    assert_eq!(doc.line_at(4), 1);
    assert_eq!(doc.line_at(8), 3);
}

#[test]
fn sentence_containing_agrees_with_the_full_split() {
    let text = "Headline here\n\nThe U.S. envoy arrived. He said \"no.\" Talks end Jan. 9 in Geneva.\n\nA second paragraph. Short.\n";
    let lazy = Document::new(text);
    let full = Document::new(text);
    let sentences = full.sentences().to_vec();
    for (i, _) in text.char_indices() {
        let span = Span::new(i, i);
        assert_eq!(lazy.sentence_containing(span), full.sentence_containing(span), "at {i}");
    }
    for s in sentences {
        assert_eq!(lazy.sentence_containing(s), Some(s));
    }
}

#[test]
fn sentences_in_a_paragraph_agree_with_the_full_split() {
    let text = "Headline\n\nOne. Two is here. Three.\n\nFour. Five.\n";
    let lazy = Document::new(text);
    let full = Document::new(text);
    full.sentences();
    for &p in lazy.paragraphs() {
        assert_eq!(lazy.sentences_in(p), full.sentences_in(p));
    }
    let all: Vec<Span> = lazy.paragraphs().iter().flat_map(|&p| lazy.sentences_in(p)).collect();
    assert_eq!(all, full.sentences());
}

#[test]
fn utf8_len_agrees_with_std_and_rejects_non_leads() {
    for c in ['a', '\u{7f}', 'é', '\u{7ff}', '€', '\u{ffff}', '😀', '\u{10ffff}'] {
        let mut buf = [0; 4];
        let lead = c.encode_utf8(&mut buf).as_bytes()[0];
        assert_eq!(utf8_len(lead), Some(c.len_utf8()), "{c:?}");
    }
    for b in [0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFF] {
        assert_eq!(utf8_len(b), None, "{b:#x}");
    }
}

#[test]
fn table_rows_have_figures_and_the_bars_of_a_neighbour() {
    let doc = Document::new(
        "Standings:\nTeam | P | Pts\nGabon | 8 | 18\nKenya | 8 | 9\n\nNews | Sport | Weather\nPolitics | Economy | Culture\n\nHome | News\n",
    );
    let rows: Vec<usize> = (0..doc.lines().len()).filter(|&i| doc.is_table_row(i)).collect();
    assert_eq!(rows, [1, 2, 3]);
    // One paragraph per line, blank lines between.
    let doc = Document::new("Route | 2021 | 2022\n\nTransmed | 21 | 25\n\n\nNews | Sport | Weather\n");
    let rows: Vec<usize> = (0..doc.lines().len()).filter(|&i| doc.is_table_row(i)).collect();
    assert_eq!(rows, [0, 2]);
    // A page title and its stamp have two cells each.
    let doc = Document::new("Trains return to the line | Nile Today\n\n2025-06-22 10:12 | Port Sudan\n");
    assert!((0..doc.lines().len()).all(|i| !doc.is_table_row(i)));
    // A stamp and a byline with counters: a time and counts with their words.
    let doc = Document::new(
        "Published 24 March | 23:15 | Read 4 218 times\n\nBy Koffi Yao | Follow | 3 comments\n",
    );
    assert!((0..doc.lines().len()).all(|i| !doc.is_table_row(i)));
}
