//! `stamp-line`: a line above the article that is the page's date stamp,
//! in any language and calendar (`Birt: 1. apríl 2025 kl. 10:12`,
//! `Objavljeno: 14.10.2025. u 22:47 Pregledano 12.408 puta`, `Asabar, 22 ga
//! Maris, 2025`, `प्रकाशित: मंसिर १२, २०८२`, `መስከረም 30/2017 ዓ.ም`).
//!
//! The `metadata-leak` patterns know stamps by their field names, which
//! differ in every language. Here the place tells instead: between the
//! headline and the first paragraph of the article, a short line holding a
//! date (a day, a month's name or number and a year, in any script's digits)
//! or a year and a time, with hardly a word of English prose around them,
//! can only be the page's metadata. A deck or a dateline under the headline
//! is prose and stays silent, and so is everything from the first paragraph
//! on, where a date is part of the story.

use regex::Regex;
use serde::Deserialize;

use super::truncated_sentence::ends_sentence;
use super::{BuildContext, Detector, Info};
use crate::diagnostic::Span;
use crate::document::{Document, trim};
use crate::finding::Finding;

pub const INFO: Info = Info { name: "stamp-line", args: &["what"], build };

/// What a finding is, for the rule's message.
const STAMP: &str = "date stamp";
const BYLINE: &str = "byline";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Paragraphs after the headline that may still be the page's head.
    head_paragraphs: usize,
    /// A paragraph of this many words ending like a sentence starts the article.
    body_words: usize,
    /// A stamp line has at most this many words...
    max_words: usize,
    /// ...and at most this many lowercase English-looking words (three ASCII
    /// letters or more, not a field name such as `author:`): not a sentence.
    max_prose_words: usize,
    /// Words besides the dates in a stamp with neither a time nor a field
    /// name (`Asabar, 22 ga Maris, 2025`; `መስከረም 30/2017 ዓ.ም`).
    max_rest_words: usize,
    /// Lowercase English words that stamps are made of (`posted`, `ago`):
    /// not prose.
    #[serde(default)]
    stamp_words: Vec<String>,
    /// Regexes of a date in any script's digits (`\d` is Unicode here):
    /// numeric, a day with a month's name and a year, year first; or a year
    /// and a time of day. One must match.
    dates: Vec<String>,
    /// Regexes of a time of day or an age (`10:12`, `4 hours ago`).
    times: Vec<String>,
}

struct StampLine {
    params: Params,
    /// The `dates` as one regex.
    date: Regex,
    /// The `times` as one regex.
    time: Regex,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    let date = alternation("dates", &params.dates)?;
    let time = alternation("times", &params.times)?;
    Ok(Box::new(StampLine { params, date, time }))
}

/// The regexes of the `name` param as one alternation.
fn alternation(name: &str, regexes: &[String]) -> Result<Regex, String> {
    if regexes.is_empty() {
        return Err(format!("`{name}` needs at least one regex"));
    }
    let joined: Vec<String> = regexes.iter().map(|re| format!("(?:{re})")).collect();
    Regex::new(&joined.join("|")).map_err(|e| {
        // Name the regex at fault (compiled one by one only on this path).
        match regexes.iter().find_map(|re| super::regex_param(name, re).err()) {
            Some(message) => message,
            None => format!("invalid `{name}`: {e}"),
        }
    })
}

/// A person's name alone: two to four capitalised words (`Ana Luísa
/// Correia`, `Andrea Kessler-Roth`), with particles between them (`Jan de
/// Vries`). An English byline (`By Jane Doe`) is article text.
fn is_name_line(text: &str) -> bool {
    // With its paper after a wide gap: `Philippe Teisceira-Lessard  La
    // Presse`.
    let text = text
        .split_once("  ")
        .filter(|(_, paper)| {
            paper.split_whitespace().nth(3).is_none() && paper.starts_with(char::is_uppercase)
        })
        .map_or(text, |(name, _)| name);
    // With its agency: `Jan Novák, ČTK`.
    let text = match text.rsplit_once(", ") {
        Some((name, agency))
            if (2..=6).contains(&agency.chars().count()) && agency.chars().all(char::is_uppercase) =>
        {
            name
        }
        _ => text,
    };
    let words: Vec<&str> = text.split(' ').collect();
    if words.first() == Some(&"By") {
        return false;
    }
    let capitalised = |w: &str| {
        w.split('-').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase)
                && part.chars().nth(1).is_some()
                && chars.all(|c| c.is_lowercase() || matches!(c, '\'' | '’'))
        })
    };
    let names = words.iter().filter(|w| capitalised(w)).count();
    (2..=4).contains(&names)
        && words.first().is_some_and(|w| capitalised(w))
        && words.last().is_some_and(|w| capitalised(w))
        && words.iter().all(|w| capitalised(w) || super::NAME_PARTICLES.contains(w))
}

/// Whether `text` opens with a byline, a label and a name, before a
/// separator (`Escribe: Martín Olivera Sosa — 11.11.2025 — 18:32`, `Par
/// Camille Berthier — publié le 21 octobre 2025`).
fn bylined(text: &str) -> bool {
    const LABELS: [&str; 10] = ["By", "Par", "Por", "Von", "Di", "Door", "Av", "Af", "Od", "Autor"];
    let Some((byline, _)) = [" — ", " – ", " | ", " · "].iter().find_map(|sep| text.split_once(sep))
    else {
        return false;
    };
    let Some((label, name)) = byline.split_once(' ') else { return false };
    (label.ends_with(':') || LABELS.contains(&label)) && is_name_line(name)
}

/// Whether `text` has what every date of the rule's `dates` needs: a year (four digits in a
/// row, in any script) or two numbers joined by `.`, `/` or `-`. Most lines
/// fail here, before the regex.
fn may_hold_date(text: &str) -> bool {
    let (mut run, mut joined) = (0, false);
    for c in text.chars() {
        if c.is_numeric() {
            run += 1;
            if run == 4 || joined {
                return true;
            }
        } else {
            joined = run > 0 && matches!(c, '.' | '/' | '-');
            run = 0;
        }
    }
    false
}

impl Detector for StampLine {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let Some(headline) = doc.headline() else { return };
        let p = &self.params;
        // A first line of figures alone (`13:45 / 21.04.2026`), or of a
        // date and nothing but capitalised words (`Samstag, 12. Dezember
        // 2026`), is the page's stamp, above whatever headline follows.
        let first = doc.slice(headline);
        // So is one that opens on its date, after a weekday at most, and
        // has a time of day (`Sábado, 7 de marzo de 2026 · 09:15 a. m.`).
        let capitalised = first.split_whitespace().nth(5).is_none()
            && first.split_whitespace().all(|w| !w.starts_with(char::is_lowercase));
        let timed = self.time.is_match(first)
            && self.date.find(first).is_some_and(|date| {
                let before = &first[..date.start()];
                before.split_whitespace().nth(1).is_none()
                    && !before.trim_start().starts_with(char::is_lowercase)
            });
        if (capitalised
            || timed
            || bylined(first)
            || first.chars().filter(|c| c.is_alphabetic()).count() <= 3)
            && self.is_stamp(first)
        {
            out.push(Finding::new(headline).arg("what", STAMP));
        }
        let mut after_stamp = false;
        for &para in doc.paragraphs().iter().filter(|s| s.start > headline.start).take(p.head_paragraphs) {
            let text = doc.slice(para);
            let one_line = doc.line_at(para.start) == doc.line_at(para.end);
            let stamp = one_line && self.is_stamp(text);
            // Two stamps with their full stops (`Publié le 23 octobre 2025 à
            // 14:38. / Modifié le ...`) are as long as a sentence.
            if self.starts_body(text) && !stamp {
                return;
            }
            if stamp {
                out.push(Finding::new(para).arg("what", STAMP));
                self.byline_next_to(doc, para, headline, out);
                after_stamp = true;
                continue;
            }
            // A name on its own under the stamp (`Rūta Vaitkutė, ELTA`).
            if after_stamp && one_line && is_name_line(text) && !out.iter().any(|f| f.span.overlaps(para)) {
                out.push(Finding::new(para).arg("what", BYLINE));
            }
            after_stamp = false;
        }
    }
}

impl StampLine {
    /// A name alone on the line right above or below the stamp `stamp`,
    /// no blank line between: the author's byline (`Martina Zollinger` over
    /// `Publiziert: 10.03.2024, 17:52`).
    fn byline_next_to(&self, doc: &Document<'_>, stamp: Span, headline: Span, out: &mut Vec<Finding>) {
        let at = doc.line_at(stamp.start);
        for i in [at.checked_sub(1), Some(at + 1)].into_iter().flatten() {
            let Some(&line) = doc.lines().get(i) else { continue };
            let line = trim(doc.text(), line);
            if line.start > headline.end && is_name_line(doc.slice(line)) {
                out.push(Finding::new(line).arg("what", BYLINE));
            }
        }
    }

    fn starts_body(&self, text: &str) -> bool {
        ends_sentence(text) && text.split_whitespace().nth(self.params.body_words - 1).is_some()
    }

    fn is_stamp(&self, text: &str) -> bool {
        let p = &self.params;
        if !may_hold_date(text) || text.split_whitespace().nth(p.max_words).is_some() {
            return false;
        }
        // A field name (`author:`, `modified_time:`) is not prose.
        let prose = text
            .split_whitespace()
            .map(|w| w.trim_end_matches([',', '.', ';']))
            .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
            .filter(|w| !p.stamp_words.iter().any(|s| s == w))
            .nth(p.max_prose_words);
        if prose.is_some() {
            return false;
        }
        // A stamp has a time, a field name or little else but its dates
        // (one may be in another calendar: `ነሐሴ 7/2016 ዓ.ም | Aug 13, 2024`);
        // a deck (`President arrives in Washington on 12 March 2025`) has
        // words. Separators (`|`, `·`) are not words.
        let words = |s: &str| s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        let (mut rest, mut at, mut dated) = (0, 0, false);
        for date in self.date.find_iter(text) {
            rest += words(&text[at..date.start()]);
            at = date.end();
            dated = true;
        }
        if !dated {
            return false;
        }
        rest += words(&text[at..]);
        let field = text.split_whitespace().any(|w| w.ends_with([':', '：']));
        self.time.is_match(text) || field || rest <= p.max_rest_words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The detector of the shipped `metadata-stamp` rule.
    fn detector() -> Box<dyn Detector> {
        let rules: toml::Table = toml::from_str(include_str!("../../rules/metadata-leak.toml")).unwrap();
        let rule =
            rules["rule"].as_array().unwrap().iter().find(|r| r["id"].as_str() == Some("metadata-stamp"));
        let params = rule.unwrap()["params"].as_table().unwrap();
        build(params, &BuildContext::default()).unwrap()
    }

    fn flagged_in(doc: &Document<'_>) -> Vec<String> {
        let mut out = Vec::new();
        detector().check(doc, &mut out);
        out.iter().map(|f| doc.slice(f.span).to_string()).collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        flagged_in(&Document::new(text))
    }

    const BODY: &str = "The government approved the plan on Tuesday after a long debate in parliament.";

    #[test]
    fn stamps_in_many_languages_and_calendars() {
        for stamp in [
            "Birt: 1. apríl 2025 kl. 10:12",
            "2025-03-14 16:05 LRT.lt, BNS",
            "Publikované 10. apríla 2025, 14:26 Aktualizované 15:02",
            "Objavljeno: 14.10.2025. u 22:47 Pregledano 12.408 puta",
            "2025. május 6. 10:34",
            "प्रकाशित: मंसिर १२, २०८२ author: Setopati English Desk",
            "تاریخ نشر: ۱۴۰۴/۰۸/۲۲ Nov 13, 2025 - 09:41 AM",
            "၂၀၂၅ ခုနှစ်၊ ဧပြီလ ၂ ရက်",
            "መስከረም 30/2017 ዓ.ም",
            "modified_time: 10/10/2024 - 17:32",
            "Asabar, 22 ga Maris, 2025",
            "Yawda, Ɔbɛnem 13, 2025",
            "2025 · 16:05",
            "၂၀၂၅ ခုနှစ်၊ ဧပြီလ ၂ ရက် Posted by admin | 4 hours ago",
            "12.mar.2024 às 18h47 Atualizado: 12.mar.2024 às 21h10",
            "Päivitetty 28.12.2024 klo 16.42 Julkaistu 28.12.2024 klo 09.05",
            "Publié le 9 avril 2025 à 5 h 00 Mis à jour à 9 h 12",
            "ነሐሴ 7/2016 ዓ.ም | Aug 13, 2024",
        ] {
            let text = format!("Headline of the story\n\n{stamp}\n\n{BODY}");
            assert_eq!(flagged(&text), [stamp], "{stamp}");
        }
    }

    #[test]
    fn a_name_next_to_a_stamp_is_a_byline() {
        for (block, want) in [
            (
                "Martina Zollinger\nPubliziert: 10.03.2024, 17:52",
                vec!["Martina Zollinger", "Publiziert: 10.03.2024, 17:52"],
            ),
            (
                "Publicado a 17 de abril de 2024, 19:32\nAna Luísa Correia",
                vec!["Publicado a 17 de abril de 2024, 19:32", "Ana Luísa Correia"],
            ),
            (
                "Jan de Vries\nAndrea Kessler-Roth\n12.03.2025 10:05",
                vec!["Andrea Kessler-Roth", "12.03.2025 10:05"],
            ),
            // No stamp next to it: a name is not enough.
            ("Martina Zollinger\nZurich desk", vec![]),
            ("By Katrin Hofmann\nAs of: 26.12.2024, 18:05", vec!["As of: 26.12.2024, 18:05"]),
            // Prose, or a line that is not a name, next to a stamp.
            ("Voters Say Yes To Tempo 30\n10.03.2024, 17:52", vec!["10.03.2024, 17:52"]),
            // A paragraph of its own under the stamp, with its agency.
            (
                "2026-10-21 10:35 | Atnaujinta 2026-10-21 13:02\n\nRūta Vaitkutė, ELTA",
                vec!["2026-10-21 10:35 | Atnaujinta 2026-10-21 13:02", "Rūta Vaitkutė, ELTA"],
            ),
            ("12.03.2025 10:05\n\nCity Hall, Vilnius", vec!["12.03.2025 10:05"]),
            (
                "Publié le 9 avril 2025 à 5 h 00\nPhilippe Teisceira-Lessard  La Presse",
                vec!["Publié le 9 avril 2025 à 5 h 00", "Philippe Teisceira-Lessard  La Presse"],
            ),
            ("City of Zurich votes\n10.03.2024, 17:52", vec!["10.03.2024, 17:52"]),
        ] {
            let text = format!("Headline of the story\n\n{block}\n\n{BODY}");
            let mut got = flagged(&text);
            got.sort();
            let mut want = want;
            want.sort();
            assert_eq!(got, want, "{block}");
        }
    }

    #[test]
    fn a_first_line_with_a_date_and_a_time_is_a_stamp() {
        for stamp in ["Sábado, 7 de marzo de 2026 · 09:15 a. m.", "Samstag, 12. Dezember 2026"] {
            let text = format!("{stamp}\n\nRiot at La Victoria prison leaves two dead\n\n{BODY}");
            assert_eq!(flagged(&text), [stamp], "{stamp}");
        }
    }

    #[test]
    fn a_broken_or_missing_regex_is_a_load_error() {
        let table = |dates: &str| -> toml::Table {
            toml::from_str(&format!(
                "head-paragraphs = 6\nbody-words = 12\nmax-words = 16\nmax-prose-words = 2\n\
                 max-rest-words = 3\ndates = {dates}\ntimes = ['\\d:\\d\\d']"
            ))
            .unwrap()
        };
        let err = |dates| build(&table(dates), &BuildContext::default()).err().unwrap();
        assert!(err("['(\\d{4}']").starts_with("invalid regex in `dates`"), "{}", err("['(\\d{4}']"));
        assert_eq!(err("[]"), "`dates` needs at least one regex");
    }

    #[test]
    fn a_date_needs_a_year_or_joined_numbers() {
        assert!(
            may_hold_date("Asabar, 22 ga Maris, 2025") && may_hold_date("14.10.25") && may_hold_date("၂၀၂၅")
        );
        assert!(
            !may_hold_date("Photo 1 of 5")
                && !may_hold_date("Share 12 - 3 comments")
                && !may_hold_date("v.2 beta")
        );
    }

    #[test]
    fn decks_datelines_headlines_and_the_body_stay_silent() {
        let text = format!(
            "Elections on 5 March 2026: what to know\n\n\
             Turnout reached 64% in the 2024 vote, the highest since 1990\n\n\
             President arrives in Washington on 12 March 2025\n\n\
             Sales rose 12.40 in Mexico on 28.12.2024 after the strike\n\n\
             By Jane Doe\n\nKYIV, Ukraine (AP) — {BODY}\n\nUpdated 14.10.2025 at 22:47\n"
        );
        assert!(flagged(&text).is_empty());
        // A headline with a date and a time of day is prose.
        let text = format!("Polls close at 20:00 on 12 March 2026\n\n{BODY}");
        assert!(flagged(&text).is_empty());
        // No headline: a later chunk of a big file has no head.
        let doc = Document::part("2025-03-14 16:05\n\nText.", Default::default(), false, true);
        assert!(flagged_in(&doc).is_empty());
    }
}
