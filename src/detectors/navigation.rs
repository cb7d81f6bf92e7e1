//! `navigation`: page furniture recognized by where it sits, not by its words.
//!
//! Phrase lists catch the furniture a site shares with thousands of others
//! (`Related Articles`). They cannot catch what is particular to one site: its
//! name above the headline (`THE COASTAL HERALD`), its tagline, or the titles
//! of the related articles below the text. Those are recognized the way
//! jusText classifies blocks: by position and shape. Near the edges of a
//! document, a short line without terminal punctuation is navigation; in the
//! body it would be a subheading, so the body is never looked at.
//!
//! The body starts at the first *content* paragraph (a long line ending like
//! a sentence). With `edge = "end"`, the lines after the last content
//! paragraph that are short and unpunctuated are flagged. With
//! `edge = "start"`, the lines before the first content paragraph are
//! examined: if the first of them looks like a masthead (a short all-caps or
//! title-case name ending in a newspaper word) and more than one
//! headline-like line follows it, the masthead and any tagline between it
//! and the headline (the last headline-like line) are flagged. A first line
//! that is a site line (a name, a separator and a tagline or menu, see
//! `is_site_line`) is flagged when another line comes before the article,
//! and so is a short first line of any shape above the site's breadcrumb or
//! section line, with the headline below them, and a first line of the
//! site's name and sections whose separators the scraper dropped
//! (`SME.sk Domov Súdy`, see `is_site_menu`) above the headline.
//! With `edge = "start"` and `find = "sections"`, the lines before the first
//! content paragraph are searched for the site's section names and
//! breadcrumbs instead (`ECONOMÍA`, `Lebanon / Politics`).

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::corpus::names::function_word;
use crate::diagnostic::Span;
use crate::document::{Document, trim};
use crate::finding::Finding;

pub const INFO: Info = Info { name: "navigation", args: &[], build };

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Edge {
    Start,
    End,
}

/// What `edge = "start"` looks for above the article.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
enum Find {
    /// The site's name and tagline.
    #[default]
    Masthead,
    /// Section names and breadcrumbs.
    Sections,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    edge: Edge,
    #[serde(default)]
    find: Find,
    /// Section names of English menus (`News`, `Politics`): a line of
    /// capitalised words with three of them is a menu, with `find =
    /// "sections"`.
    #[serde(default)]
    menu_words: Vec<String>,
    /// Lines with more words are never navigation.
    #[serde(default = "default_max_words")]
    max_words: usize,
    /// Shorter navigation lines, and `Label: ...` lines, are passed over:
    /// the phrase lists report them.
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// A content paragraph has at least this many words.
    #[serde(default = "default_content_words")]
    content_words: usize,
    /// How many lines at the edge are examined at most.
    #[serde(default = "default_max_lines")]
    max_lines: usize,
    /// Last words of a publication's name (`Times`, `Herald`), lowercase.
    #[serde(default)]
    masthead_words: Vec<String>,
    /// Openings of a wire story's staff credit (`Reporting by`): the line
    /// is the story's last, so the search for a trailer stops there.
    #[serde(default)]
    credit_labels: Vec<String>,
}

fn default_max_words() -> usize {
    12
}
fn default_min_words() -> usize {
    1
}
fn default_content_words() -> usize {
    12
}
fn default_max_lines() -> usize {
    12
}

struct Navigation {
    params: Params,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let mut params: Params = super::params(table)?;
    params.masthead_words.iter_mut().for_each(|w| *w = w.to_lowercase());
    Ok(Box::new(Navigation { params }))
}

impl Detector for Navigation {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let lines = doc.lines().iter().map(|l| trim(text, *l)).filter(|l| !l.is_empty());
        match self.params.edge {
            // Both edges look at `max-lines` lines, and past them only as
            // far as the first content paragraph.
            Edge::End if doc.ends_file() => self.trailer(text, lines, out),
            Edge::Start if doc.starts_file() => {
                let lines: Vec<Span> = lines.take(self.params.max_lines).collect();
                match self.params.find {
                    Find::Masthead => self.masthead(text, &lines, out),
                    Find::Sections => self.sections(text, &lines, out),
                }
            }
            _ => {}
        }
    }
}

impl Navigation {
    /// `lines`: the document's non-blank lines, trimmed.
    fn trailer(
        &self,
        text: &str,
        lines: impl DoubleEndedIterator<Item = Span> + Clone,
        out: &mut Vec<Finding>,
    ) {
        let mut flagged = Vec::new();
        let last: Vec<&str> =
            lines.clone().rev().take(self.params.max_lines + 1).map(|l| &text[l.range()]).collect();
        // A figure row next to another: a list of results (`1. Daniel
        // Kiprop (Kenya) 1:04:32`, `Against: 55.8%`), while a lone one is a
        // counter (`Views: 3 876`). Rows of a pipe table are another shape,
        // `Document::is_table_row`'s.
        let in_figure_list = |n: usize| {
            ends_with_figure(last[n])
                && [n.checked_sub(1), Some(n + 1)]
                    .into_iter()
                    .flatten()
                    .any(|m| last.get(m).is_some_and(|s| ends_with_figure(s)))
        };
        for (n, line) in lines.clone().rev().enumerate() {
            let s = &text[line.range()];
            // A line too long to be a link is the article's last paragraph,
            // even when the scraper cut it before its full stop.
            // Links the page set side by side (`Flood waters recede ... |
            // ASEAN pledges ...`) count one by one.
            let links = s.contains(" | ") && s.split(" | ").all(|link| self.is_link_like(link.trim()));
            let long = !links && s.split_whitespace().nth(self.params.max_words).is_some();
            if n >= self.params.max_lines {
                break;
            }
            if s.contains('©') && !long {
                // A copyright line is the legal rules' report, and the
                // page's last line (a sentence or two): the trailer may lie
                // above it.
                continue;
            }
            if long || self.is_content(s) || self.is_staff_credit(s) {
                break;
            }
            if is_counter(s) {
                // `Views: 2 089`: the counter rules' report; the trailer
                // may lie above it.
                continue;
            }
            if is_widget_label(s) {
                flagged.push(line);
            } else if in_figure_list(n) {
                // The article's own results: the article goes on above it.
                break;
            } else if links || self.is_link_like(s) {
                // A field is a credit or a stamp (`Source: ...`), but the
                // links to the previous and next articles are labelled so
                // too (`Anterior: Seca obriga Algarve ...`).
                let field = s
                    .split_whitespace()
                    .next()
                    .and_then(|w| w.strip_suffix(':'))
                    .is_some_and(|label| !PREV_NEXT.contains(&label.to_lowercase().as_str()));
                if links || (!field && s.split_whitespace().count() >= self.params.min_words) {
                    flagged.push(line);
                }
            } else if !ends_sentence(s) {
                // Something else unpunctuated (a list item, a rule): not ours.
                return;
            }
        }
        // Only after a real article: a document of short lines is not one.
        let Some(first) = flagged.last() else { return };
        if lines.take_while(|l| l.start < first.start).any(|l| self.is_content(&text[l.range()])) {
            out.extend(flagged.into_iter().rev().map(Finding::new));
        }
    }

    fn masthead(&self, text: &str, lines: &[Span], out: &mut Vec<Finding>) {
        // An aggregator's tagline in the first lines (news in English,
        // translated): under the site's name, or the name itself (`News in
        // English`), or after it on the first line (`MundoScore – Spanish
        // football news translated for you`); a longer first line is a
        // headline (`EU to fund translated news for refugees`).
        let named = |s: &str| {
            [" | ", " – ", " — ", " · "].iter().any(|sep| {
                s.split_once(sep).is_some_and(|(name, _)| name.split_whitespace().nth(4).is_none())
            })
        };
        let tagline = |i: usize, l: &Span| {
            let s = &text[l.range()];
            i < 3 && is_news_tagline(s) && (i > 0 || named(s) || s.split_whitespace().nth(4).is_none())
        };
        let Some(body) = lines
            .iter()
            .take(self.params.max_lines)
            .enumerate()
            .position(|(i, l)| self.is_content(&text[l.range()]) && !tagline(i, l))
        else {
            return;
        };
        let taglines: Vec<usize> = (0..body.min(3)).filter(|&i| tagline(i, &lines[i])).collect();
        let name = &text[lines[0].range()];
        // A name and a tagline on the first line need the headline below
        // them: with a separator, a first line may be a headline itself.
        let short_name = name.split_whitespace().nth(4).is_none();
        let certain = taglines.iter().any(|&i| i > 0 || short_name);
        if !taglines.is_empty() && (certain || lines[1..body].iter().any(|l| self.is_title(&text[l.range()])))
        {
            if taglines[0] == 1 && is_short_name(name) {
                out.push(Finding::new(lines[0]));
            }
            out.extend(taglines.into_iter().map(|i| Finding::new(lines[i])));
            return;
        }
        if body >= 2 && self.is_site_line(name) {
            out.push(Finding::new(lines[0]));
            return;
        }
        // The site's name and sections on one line, the scraper having
        // dropped their separators (`SME.sk Domov Súdy`), above the headline.
        if body >= 2 && self.is_site_menu(name) && self.is_title(&text[lines[1].range()]) {
            out.push(Finding::new(lines[0]));
            return;
        }
        // The same in title case (`Telex Belföld`, `Index Sport Foci`),
        // above a headline in sentence case: a site that writes its
        // headlines so does not write one in title case above them. (A
        // masthead's lines are told below, with its tagline.)
        if body >= 2 && self.is_title_menu(name) && !self.is_masthead(name) && {
            let headline = &text[lines[1].range()];
            self.is_title(headline) && sentence_case(headline)
        } {
            out.push(Finding::new(lines[0]));
            return;
        }
        // A short name above the site's navigation (`Gestión` above
        // `Economía | BCR`, `Estadão` above `Saúde`), with the headline
        // below them: the site's name, whatever its words.
        if body >= 3
            && is_nav(&text[lines[1].range()])
            && !is_nav(name)
            && is_short_name(name)
            && lines[2..body].iter().any(|l| self.is_title(&text[l.range()]))
        {
            out.push(Finding::new(lines[0]));
            return;
        }
        let candidates: Vec<Span> = lines[..body]
            .iter()
            .copied()
            .filter(|l| {
                let s = &text[l.range()];
                self.is_headline_like(s) && !is_byline(s) && !is_stamp(s)
            })
            .collect();
        let [first, .., last] = candidates[..] else {
            return;
        };
        let name = &text[first.range()];
        if first != lines[0] || !(self.is_masthead(name) || is_domain(name)) {
            return;
        }
        // The headline is the last candidate, or the first one repeated
        // further down (a scraper's second copy is not a tagline's cue).
        let headline = candidates[1..]
            .iter()
            .find(|l| candidates.iter().any(|m| m.start > l.start && text[m.range()] == text[l.range()]))
            .map_or(last, |&l| l);
        out.extend(candidates.iter().filter(|l| l.start < headline.start).map(|&l| Finding::new(l)));
    }

    /// A site's menu: four to ten capitalised words, three of them
    /// [`Params::menu_words`] (`News Politics Economy Sport Documentaries
    /// Live`).
    fn is_menu(&self, s: &str) -> bool {
        let words: Vec<&str> = s.split(' ').collect();
        (4..=10).contains(&words.len())
            && words.iter().all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
            && words.iter().filter(|w| self.params.menu_words.iter().any(|m| m == *w)).count() >= 3
    }

    /// Breadcrumbs (`Lebanon / Politics`) before the article, beside a line
    /// that can be its headline, and section names (`ECONOMÍA`) above such
    /// a line: a word in capitals just above the article is its dateline
    /// (`GENEVA`).
    fn sections(&self, text: &str, lines: &[Span], out: &mut Vec<Finding>) {
        let Some(body) = lines.iter().position(|l| self.is_content(&text[l.range()])) else {
            return;
        };
        let lines = &lines[..body];
        let headline = |l: &Span| {
            let s = &text[l.range()];
            !is_breadcrumb(s) && !self.is_menu(s) && !is_section_name(s) && self.is_headline_like(s)
        };
        let title_follows = |n: usize| lines[n + 1..].iter().any(|l| self.is_title(&text[l.range()]));
        let found: Vec<Span> = lines
            .iter()
            .enumerate()
            .filter(|&(n, l)| {
                let s = &text[l.range()];
                is_breadcrumb(s)
                    || self.is_menu(s)
                    || is_section_name(s) && lines[n + 1..].iter().any(headline)
                    || is_section_label(s) && title_follows(n)
            })
            .map(|(_, &l)| l)
            .collect();
        if lines.iter().any(|l| !found.contains(l) && (headline(l) || self.is_title(&text[l.range()]))) {
            out.extend(found.into_iter().map(Finding::new));
        }
        // A section's name glued before the headline (`KULTURA Government
        // removed ...`): a word in capitals that a breadcrumb or menu above
        // names, or a menu word; an acronym (`NATO Allies agree ...`) is
        // neither.
        let crumbs = |line: Span| {
            lines
                .iter()
                .filter(move |l| **l != line)
                .map(|l| &text[l.range()])
                .filter(|s| NAV_SEPARATORS.iter().any(|sep| s.contains(sep)))
                .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
        };
        // Turkish `İ` lowercases to `i` and a combining dot; `EKONOMİ` is
        // the crumb `Ekonomi`.
        let fold = |c: char| if c == 'İ' { 'i' } else { c };
        let same = |a: &str, b: &str| {
            a.chars()
                .map(fold)
                .flat_map(char::to_lowercase)
                .eq(b.chars().map(fold).flat_map(char::to_lowercase))
        };
        // The headline may open on a speaker's name (`ECONOMY Keravnos:
        // Growth of 3.7% ...`).
        let is_headline = |rest: &str| {
            rest.starts_with(char::is_uppercase)
                && rest.split_whitespace().nth(2).is_some()
                && rest.split_whitespace().nth(2 * self.params.max_words).is_none()
                && (!ends_sentence(rest) || rest.ends_with('?'))
        };
        // The items of each line that is a breadcrumb or a menu, found once
        // and only when a line may have a section glued to it.
        let mut menus: Option<Vec<Option<Vec<&str>>>> = None;
        for (n, l) in lines.iter().enumerate() {
            let s = &text[l.range()];
            let opening = s.split_once(' ');
            if let Some((first, rest)) = opening
                && is_headline(rest)
                && is_section_name(first)
                && (crumbs(*l).any(|w| same(w, first))
                    || self.params.menu_words.iter().any(|w| same(w, first)))
            {
                out.push(Finding::new(Span::new(l.start, l.start + first.len())));
                continue;
            }
            // Glued without a space (`PoliticsMohamed bin Zayed receives
            // ...`, `SPORTRegragui unveils ...`) or by a full-width bar
            // (`Politics｜Fiscal 2027 ...`): a breadcrumb's word, then a
            // capital.
            let glued = crumbs(*l).filter(|w| w.chars().nth(3).is_some()).find_map(|w| {
                let (head, rest) = (s.get(..w.len())?, s.get(w.len()..)?);
                let rest = rest.strip_prefix('｜').unwrap_or(rest);
                (same(head, w) && is_headline(rest)).then_some(w.len())
            });
            if let Some(len) = glued {
                out.push(Finding::new(Span::new(l.start, l.start + len)));
                continue;
            }
            // Glued by a space, in title case or a script without case
            // (`Kraj Coalition cracks over ...`, `政治 Legislative Yuan
            // passes ...`): an item of a breadcrumb or site menu above.
            // A title-case item must not be the breadcrumb's last (a place
            // the headline is about: `Home » Chennai`, `Chennai Metro phase
            // two ...`), and the headline after it is in sentence case.
            let Some((first, rest)) = opening else { continue };
            if !is_headline(rest) || is_section_name(first) {
                continue;
            }
            let caseless = first.chars().all(|c| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase());
            let menus =
                menus.get_or_insert_with(|| lines.iter().map(|m| section_items(&text[m.range()])).collect());
            if menus.iter().enumerate().filter(|&(k, _)| k != n).any(|(_, items)| {
                let Some(items) = items else { return false };
                let inner = &items[..items.len() - 1];
                if caseless { items.contains(&first) } else { inner.contains(&first) && sentence_case(rest) }
            }) {
                out.push(Finding::new(Span::new(l.start, l.start + first.len())));
            }
        }
    }

    /// A paragraph of the article: long, or ending like a sentence.
    fn is_content(&self, s: &str) -> bool {
        // Counting stops where the answer is known: paragraphs are long.
        let words = s.split_whitespace().take(2 * self.params.content_words).count();
        words >= 2 * self.params.content_words || (words >= self.params.content_words && ends_sentence(s))
    }

    /// A wire story's staff credit (`(Reporting by Jane Doe; Editing by
    /// John Roe)`): one of the `credit-labels`, then a name.
    fn is_staff_credit(&self, s: &str) -> bool {
        let s = s.strip_prefix('(').unwrap_or(s);
        self.params.credit_labels.iter().any(|label| {
            s.strip_prefix(label.as_str())
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|name| name.starts_with(char::is_uppercase))
        })
    }

    /// A short unpunctuated line of words: a link or a label.
    fn is_link_like(&self, s: &str) -> bool {
        let words = s.split_whitespace().take(self.params.max_words + 1).count();
        (1..=self.params.max_words).contains(&words)
            && !ends_sentence(s)
            && s.chars().next().is_some_and(|c| c.is_alphanumeric())
            && s.chars().filter(|c| c.is_alphabetic()).count() * 2 > s.chars().count()
            && !s.starts_with("By ")
    }

    /// A line that could be a headline or a site's name or tagline; not a
    /// byline, a dateline, a field (`Image: ...`) or a caption sentence.
    fn is_headline_like(&self, s: &str) -> bool {
        let words = s.split_whitespace().take(2 * self.params.max_words + 1).count();
        words <= 2 * self.params.max_words
            && !s.starts_with("By ")
            && (!ends_sentence(s) || s.ends_with("...") || s.ends_with('…'))
            && !s.contains(" — ")
            && s.chars().next().is_some_and(|c| c.is_alphanumeric())
            && !s.split_whitespace().next().is_some_and(|w| w.ends_with(':'))
            && s.chars().filter(|c| c.is_alphabetic()).count() * 2 > s.chars().count()
    }

    /// The article's headline: a headline-like line of four words or more,
    /// perhaps after a place or a topic and a colon (`Dresden: Car thieves
    /// arrested after a chase`).
    fn is_title(&self, s: &str) -> bool {
        // A headline may end on a quotation (`Hail: "the harvest destroyed"`).
        let s = s.trim_end_matches(['"', '”', '»']);
        let s = s.split_once(": ").filter(|(place, _)| !place.contains(' ')).map_or(s, |(_, rest)| rest);
        s.split_whitespace().nth(3).is_some()
            && self.is_headline_like(s)
            && !is_breadcrumb(s)
            && !self.is_menu(s)
    }

    /// A site's name, a separator and a tagline or menu, unpunctuated:
    /// `FINVESTNIK.RU — business news`, `Masr Today | The voice of the
    /// people`, `HABERKÖPRÜ | Turkey’s bridge to the world`. The name is a
    /// domain, a masthead (see [`Navigation::is_masthead`]), up to four
    /// words in a non-Latin script, or one word in capitals followed by a
    /// tagline ending in a newspaper word.
    fn is_site_line(&self, s: &str) -> bool {
        let Some((name, rest)) = [" | ", " — ", " – ", " · "].iter().find_map(|sep| s.split_once(sep))
        else {
            return false;
        };
        let words = rest.split_whitespace().count();
        if !(1..=self.params.max_words).contains(&words) || ends_sentence(s) {
            return false;
        }
        let name = name.trim();
        if is_domain(name) || (self.is_masthead(name) && name.split_whitespace().count() >= 2) {
            return true;
        }
        // A name in another script (`한빛일보`, `Дунавски вести`), perhaps
        // with its Latin form in capitals (`한빛일보 HANBIT DAILY`), above an
        // English article is the site's own.
        let letters = || name.chars().filter(|c| c.is_alphabetic());
        if letters().any(|c| c > '\u{24F}')
            && letters().all(|c| c > '\u{24F}' || c.is_uppercase())
            && name.split_whitespace().count() <= 4
        {
            return true;
        }
        // A name of up to three capitalised words and a tagline that opens
        // on a newspaper word and names what it covers (`Inforpress –
        // Agência Cabo-verdiana de Notícias`, `Notícias – O Jornal de Maior
        // Circulação em Moçambique`).
        let tagline: Vec<&str> = rest.split_whitespace().collect();
        let capitalised = name.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
        if capitalised
            && name.split_whitespace().nth(3).is_none()
            && tagline.len() >= 3
            && tagline.iter().take(2).any(|w| self.params.masthead_words.contains(&w.to_lowercase()))
            && tagline
                .iter()
                .any(|w| matches!(*w, "de" | "do" | "da" | "em" | "di" | "del" | "des" | "du" | "of" | "for"))
        {
            return true;
        }
        // One word in capitals is a site's name only with a digit in it
        // (`HÍRKAPU24`) or a tagline of a newspaper's kind: ending in a
        // newspaper word or a founding year (`MÄLARPOSTEN | News from
        // Västmanland since 1889`); `UKRAINE | Drones hit ...` is a headline.
        let caps = letters().count() >= 6 && letters().all(char::is_uppercase) && !name.contains(' ');
        let last = rest.split_whitespace().last().unwrap_or_default();
        let last = last.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        caps && (self.params.masthead_words.contains(&last)
            || is_year(&last)
            || name.bytes().any(|b| b.is_ascii_digit()))
    }

    /// A site's name and the names of its sections, words only, as a
    /// scraper flattens its menu (`SME.sk Domov Súdy`, `detikSport Raket`,
    /// `Seznam Zprávy Domácí`). The name is told by its shape: a domain, a
    /// brand in camel case, or a masthead (see [`Navigation::is_masthead`])
    /// with sections after it. A short headline (`Biden visits Kyiv`) has
    /// none of them.
    fn is_site_menu(&self, s: &str) -> bool {
        let Some(words) = flat_menu(s, 5) else { return false };
        words.iter().any(|w| is_domain(w) || is_brand(w))
            || (2..words.len()).any(|n| {
                // After a paper's name, a verb makes it a headline (`Fox
                // News Anchor Quits`, `Times Reporter Arrested`).
                let last = words[n - 1].to_lowercase();
                self.params.masthead_words.contains(&last)
                    && self.is_masthead(&words[..n].join(" "))
                    && !words[n..].iter().any(|w| may_be_verb(w))
            })
    }

    /// Two to four words, each capitalised or in a script without case but
    /// one after the first (`Jutarnji list Sport`): a site's name and
    /// sections, or a short headline in title case. Not one with an English
    /// function word (`Battle Of The Bulge`) or a word ending like a verb or
    /// a plural (`Putin Wins`); a headline with neither (`Taliban Take
    /// Kabul`) is left to the caller's test of the line below.
    fn is_title_menu(&self, s: &str) -> bool {
        let Some(words) = flat_menu(s, 4) else { return false };
        let first = words[0];
        (!starts_lowercase(first) || is_domain(first) || is_brand(first))
            && !words.iter().any(|w| {
                function_word(w)
                    || may_be_verb(w) && !self.params.menu_words.iter().any(|m| m.eq_ignore_ascii_case(w))
            })
    }

    /// A publication's name: at most five words, either all capitals or
    /// title case ending in a newspaper word (`The Limited Times`).
    fn is_masthead(&self, s: &str) -> bool {
        // A domain's ending is part of some names (`ZPRÁVY Z PRAHY.cz`).
        let s = s.rsplit_once('.').filter(|(_, tld)| is_tld(tld)).map_or(s, |(name, _)| name);
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.is_empty() || words.len() > 5 {
            return false;
        }
        let letters = || s.chars().filter(|c| c.is_alphabetic());
        if letters().count() >= 4 && letters().all(char::is_uppercase) {
            return words.len() >= 2;
        }
        // Particles of other languages' names stay lowercase (`Diario del
        // Levante Digital`); the first word may not be one.
        let capital = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
        let title_case =
            capital(&words[0]) && words.iter().all(|w| capital(w) || super::NAME_PARTICLES.contains(w));
        let last = words[words.len() - 1].trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        title_case && self.params.masthead_words.contains(&last)
    }
}

/// The words of a line that may be a site's name and sections run
/// together: two to `max` words of letters, digits, dots and hyphens, one at
/// most in lowercase but for a domain or a brand (`SME.sk Domov Súdy`,
/// `Jutarnji list Sport`).
fn flat_menu(s: &str, max: usize) -> Option<Vec<&str>> {
    let words: Vec<&str> = s.split_whitespace().collect();
    ((2..=max).contains(&words.len())
        && words.iter().all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-'))
        && words.iter().filter(|w| starts_lowercase(w) && !is_domain(w) && !is_brand(w)).count() <= 1)
        .then_some(words)
}

/// A word that may be a verb or a plural in a headline (`Quits`,
/// `Arrested`, `Talks`).
fn may_be_verb(w: &str) -> bool {
    w.ends_with(['s', 'S']) || w.to_ascii_lowercase().ends_with("ed")
}

/// A short line that can be a site's name: five words at most, with a
/// letter, not a sentence, a byline or a date stamp.
fn is_short_name(s: &str) -> bool {
    s.split_whitespace().nth(5).is_none()
        && s.chars().any(char::is_alphabetic)
        && !ends_sentence(s)
        && !is_byline(s)
        && !is_stamp(s)
}

/// A byline in English or another language: `By Jane Doe`, `Door Sanne de
/// Wit`, `Par Claire Dufresnoy`; not a sentence (`By Friday, it was over.`).
/// `By admin` and `By staff` (lowercase) are a site's, not a reporter's.
pub(crate) fn is_byline(s: &str) -> bool {
    let s = s.trim();
    ["By ", "Von ", "Par ", "Por ", "Di ", "Door ", "Av ", "Af ", "Od ", "Autor "]
        .iter()
        .any(|b| s.strip_prefix(b).is_some_and(|name| name.starts_with(|c: char| c.is_uppercase())))
        && !s.ends_with(['.', '!', '?'])
}

/// Whether the last word of `s` is a figure: digits with `:` `.` `,` `%`
/// or a dash (`1:04:32`, `55.8%`, `3-1`), not a word.
pub(crate) fn ends_with_figure(s: &str) -> bool {
    s.split_whitespace().next_back().is_some_and(|w| {
        w.bytes().any(|b| b.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || ":.,%-–".contains(c))
    })
}

/// A plausible year: four ASCII digits from 1800 to 2099.
fn is_year(s: &str) -> bool {
    s.len() == 4
        && ["18", "19", "20"].iter().any(|c| s.starts_with(c))
        && s.bytes().all(|b| b.is_ascii_digit())
}

/// Fields set off by bars or dots with a year among them: a date stamp or
/// a byline with its date (`Door Sanne de Wit | 27 okt. 2025, 21:03`).
fn is_stamp(s: &str) -> bool {
    [" | ", " · ", " • "].iter().any(|sep| s.contains(sep))
        && s.split(|c: char| !c.is_ascii_digit()).any(is_year)
}

/// A section's name, one word in capitals (`ECONOMÍA`, `SPORT`).
fn is_section_name(s: &str) -> bool {
    s.chars().count() >= 4 && s.chars().all(|c| c.is_alphabetic() && c.is_uppercase() || c == '-')
}

/// A section's name in title case on a line of its own (`Mercado`,
/// `Polizeibericht`): one capitalised word. In capitals it is
/// [`is_section_name`], or a dateline.
fn is_section_label(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase) && s.chars().count() >= 4 && chars.all(char::is_lowercase)
}

/// A line of the site's navigation: a breadcrumb (`Economía | Minería`) or a
/// section's name (`ECONOMÍA`, `Saúde`).
fn is_nav(s: &str) -> bool {
    is_breadcrumb(s) || is_section_name(s) || is_section_label(s)
}

/// The separators between the items of a breadcrumb or a menu, with the
/// full-width forms of CJK sites (`NHK WORLD-JAPAN ＞ 政治 ＞ Politics`),
/// which take no spaces, and doubled and angle arrows (`Politics ››
/// Foreign Policy`, `LRYTAS.LT ⟩ Lietuvos diena ⟩ Politika`), and the
/// katakana middle dot of Chinese and Japanese sites (`Focus Taiwan ・
/// SPORTS`).
const NAV_SEPARATORS: [&str; 14] =
    [" / ", " | ", " > ", " · ", " • ", " » ", " › ", " ▸ ", "＞", "｜", " ›› ", " >> ", " ⟩ ", " ・ "];

/// Dashes join the items of a breadcrumb too (`Brittany - Finistère -
/// Agriculture`, `Le Devoir  —  Politique  —  Québec`), but two items so
/// joined are as often a headline (`Brexit - What Next`): with a dash, a
/// breadcrumb needs three items.
const DASH_SEPARATORS: [&str; 3] = [" - ", " – ", " — "];

/// Labels of the links to the previous and next articles, lowercased.
const PREV_NEXT: [&str; 18] = [
    "previous",
    "next",
    "prev",
    "anterior",
    "seguinte",
    "siguiente",
    "próxima",
    "próximo",
    "précédent",
    "suivant",
    "precedente",
    "successivo",
    "poprzedni",
    "następny",
    "předchozí",
    "následující",
    "önceki",
    "sonraki",
];

/// The items of `s` when its separators make it a list: split at every
/// [`NAV_SEPARATORS`] (a site may mix them: `Xinhuanet | English.news.cn |
/// 首页 > 科技`) and, once one of those is there, at runs of two spaces too
/// (`中央社 CNA  Focus Taiwan ＞ Sci-Tech`); else at one kind of dash, or
/// at runs of two spaces alone (`KBS NEWS  뉴스홈  로그인  구독하기`), which
/// like a dash need three items. Each item trimmed; `None` with no
/// separator, or with an empty item.
fn nav_items(s: &str) -> Option<(Vec<&str>, usize)> {
    let mut present = NAV_SEPARATORS.iter().filter(|sep| s.contains(**sep)).peekable();
    let (items, min_items): (Vec<&str>, usize) = if present.peek().is_some() {
        let mut items = vec![s];
        for sep in present {
            items = items.iter().flat_map(|item| item.split(sep)).collect();
        }
        (items, 2)
    } else if let Some(sep) = DASH_SEPARATORS.into_iter().find(|sep| s.contains(sep)) {
        (s.split(sep).collect(), 3)
    } else if s.contains("  ") {
        (vec![s], 3)
    } else {
        return None;
    };
    let items: Vec<&str> = items.into_iter().map(str::trim).collect();
    if items.iter().any(|item| item.is_empty()) {
        return None;
    }
    let items = items
        .into_iter()
        .flat_map(|item| item.split("  ").map(str::trim).filter(|part| !part.is_empty()))
        .collect();
    Some((items, min_items))
}

/// Starts with a lowercase letter. Georgian's everyday letters are
/// lowercase to Unicode (its capitals are for display), so its words are
/// taken as caseless, like Arabic or Chinese.
fn starts_lowercase(w: &str) -> bool {
    w.starts_with(|c: char| c.is_lowercase() && !('\u{10D0}'..='\u{10FF}').contains(&c))
}

/// A breadcrumb or a menu: two to eight items of one to four words, each
/// capitalised and with one lowercase word at most (`Lebanon / Politics`,
/// `DEPORTES | Fútbol argentino`, `Finanzas & Mercados > Dólar`, `EL
/// PORVENIR · Negocios`, `INTERPRESSNEWS | მთავარი | პოლიტიკა`, `MILENIO |
/// Política | Negocios | Policía | Deportes | Milenio TV EN VIVO`).
fn is_breadcrumb(s: &str) -> bool {
    nav_items(s).is_some_and(|(items, min_items)| breadcrumb_items(s, &items, min_items))
}

/// [`is_breadcrumb`] on the items [`nav_items`] found in `s`.
fn breadcrumb_items(s: &str, items: &[&str], min_items: usize) -> bool {
    // The site's domain may open the first item (`ilmessaggero.it SPORT ›
    // CALCIO`).
    let first = match items[0].split_once(' ') {
        Some((domain, rest)) if is_domain(domain) => rest,
        _ => items[0],
    };
    // A short brand in lowercase may be the first item (`g1 > Economia`),
    // or one of two or three letters before two items more (`ge > Futebol >
    // Brasileirão Série A`).
    let short = items.len() >= 3;
    let brand = |item: &str| {
        !item.contains(' ')
            && (item.chars().any(|c| c.is_ascii_digit())
                || short && (2..=3).contains(&item.len()) && item.bytes().all(|b| b.is_ascii_lowercase()))
    };
    (min_items..=8).contains(&items.len())
        && s.split_whitespace().count() <= 16
        && items.iter().enumerate().all(|(i, &item)| {
            let item = if i == 0 { first } else { item };
            (1..=4).contains(&item.split_whitespace().count())
                // A prompt is a phrase (`Listen to the article`), an item
                // a name (`Fútbol argentino`, `Habari za Kitaifa`,
                // `Actualités du vin`).
                && item
                    .split_whitespace()
                    .filter(|w| starts_lowercase(w) && !super::NAME_PARTICLES.contains(w))
                    .count()
                    <= 1
                && !["Photo ", "Foto ", "Share ", "Listen "].iter().any(|w| item.starts_with(w))
                // Scripts without case (`חדשות › פוליטי`) have no capitals.
                && item.starts_with(|c: char| c.is_alphanumeric())
                && (!starts_lowercase(item) || i == 0 && brand(item))
                && !item.ends_with(['.', '!', '?', ':', ',', ';'])
                && item.chars().all(|c| c.is_alphanumeric() || " &-’'.・".contains(c))
        })
}

/// A top-level domain's shape: two to four letters (`pl`, `RU`, `бг`), or
/// five or six in lowercase (`kaktus.media`, `site.online`).
fn is_tld(tld: &str) -> bool {
    let letters = tld.chars().count();
    tld.chars().all(char::is_alphabetic)
        && ((2..=4).contains(&letters) || (5..=6).contains(&letters) && tld.chars().all(char::is_lowercase))
}

/// A brand in camel case, lowercase first (`detikSport`, `kompasTV`): three
/// lowercase letters or more, then a capital. `iPhone` and `McCarthy` are
/// not.
fn is_brand(w: &str) -> bool {
    let lower = w.chars().take_while(|c| c.is_lowercase()).count();
    lower >= 3 && w.chars().nth(lower).is_some_and(char::is_uppercase)
}

/// The items of a breadcrumb (`Wyborcza.pl › Kraj › Polityka`) or of a
/// menu of up to eight short items (`Al-Raya — Local | International |
/// Economy | Sports | Opinions`), or the words of a site menu (`SME.sk Domov
/// Súdy`) after the site's name.
fn section_items(s: &str) -> Option<Vec<&str>> {
    // A menu set off by runs of spaces alone (`Rudaw   Kurdistan   Iraq`)
    // names places a headline may open on (`Kurdistan Region oil exports
    // ...`): its items do not count as sections.
    let separated = NAV_SEPARATORS.iter().chain(&DASH_SEPARATORS).any(|sep| s.contains(sep));
    if let Some((items, min_items)) = nav_items(s).filter(|_| separated)
        && (breadcrumb_items(s, &items, min_items)
            || (3..=8).contains(&items.len())
                && items.iter().all(|item| item.split_whitespace().nth(3).is_none() && !ends_sentence(item)))
    {
        return Some(items);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    (words.len() >= 2 && words.len() <= 5 && (is_domain(words[0]) || is_brand(words[0])))
        .then(|| words[1..].to_vec())
}

/// A headline in sentence case: after its first word, most words with
/// letters are lowercase, two at least (`Special court sent former police
/// chief to prison`); not title case (`Europe Agrees to Sanctions`).
fn sentence_case(s: &str) -> bool {
    let words: Vec<&str> =
        s.split_whitespace().skip(1).filter(|w| w.chars().any(char::is_alphabetic)).collect();
    let lower = words.iter().filter(|w| starts_lowercase(w)).count();
    lower >= 2 && lower * 3 >= words.len() * 2
}

/// A bare domain name: `wsi.pl`, `FINVESTNIK.RU`, `nn.nl`, `Дневник.бг`.
fn is_domain(s: &str) -> bool {
    let Some((host, tld)) = s.rsplit_once('.') else { return false };
    is_tld(tld)
        && !host.is_empty()
        && host
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// An aggregator's tagline, saying what it republishes and for whom, in
/// twenty words at most: a word for news and one for translation
/// (`Now read international news in your language`, `Spanish football news
/// translated for you`, `FranceNews International – the French press
/// translated in real time`, `Now you can see non-English news...`).
fn is_news_tagline(s: &str) -> bool {
    // Most lines have no word for translation: they are told without
    // lowercasing them.
    const CUES: [&str; 10] = [
        "nglish", "NGLISH", "ranslat", "RANSLAT", "anguage", "ANGUAGE", "nglés", "nglese", "nglisch",
        "NGLISCH",
    ];
    if s.split_whitespace().nth(20).is_some() || !CUES.iter().any(|cue| s.contains(cue)) {
        return false;
    }
    let lower = s.to_lowercase();
    // A news word may end a compound (`FranceNews`, `Weltnachrichten`), but
    // not begin one (`newsletter`).
    let ends_word =
        |w: &str| lower.match_indices(w).any(|(i, _)| !lower[i + w.len()..].starts_with(char::is_alphabetic));
    const NEWS: [&str; 9] =
        ["news", "press", "headlines", "digest", "stories", "nachrichten", "noticias", "notícias", "notizie"];
    const TRANSLATED: [&str; 7] = [
        "in english",
        "in your language",
        "translated",
        "non-english",
        "auf englisch",
        "en inglés",
        "in inglese",
    ];
    NEWS.iter().any(|w| ends_word(w)) && TRANSLATED.iter().any(|w| lower.contains(w))
}

/// A widget's label after an article, in any language: one to three words
/// in sentence case, perhaps with a count (`Dela artikeln`, `Tin liên
/// quan`, `Komentari (34)`). A name (`Jane Doe`) has every word capitalised.
fn is_widget_label(s: &str) -> bool {
    let label = match s.strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
        Some((label, count)) if !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit()) => label,
        _ => s,
    };
    let mut words = label.split(' ');
    let Some(first) = words.next() else { return false };
    let mut first_chars = first.chars();
    let starts_upper = first_chars.next().is_some_and(char::is_uppercase);
    let rest: Vec<&str> = words.collect();
    // One plain ASCII word is as likely a credit (`Reuters`) as a label.
    let counted = label.len() < s.len();
    let single_ok = !rest.is_empty() || counted || !first.is_ascii();
    starts_upper
        && single_ok
        && rest.len() <= 2
        && first_chars.all(char::is_lowercase)
        && first.chars().count() >= 3
        && rest.iter().all(|w| !w.is_empty() && w.chars().all(char::is_lowercase))
}

/// A counter: a label of a word or two, a colon and a number (`Views: 2 089`,
/// `Прочитано: 1.204`).
fn is_counter(s: &str) -> bool {
    let Some((label, count)) = s.split_once(':') else { return false };
    let count = count.trim();
    (1..=2).contains(&label.split_whitespace().count())
        && label.chars().all(|c| c.is_alphabetic() || c == ' ')
        && count.starts_with(|c: char| c.is_ascii_digit())
        && count.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '.' | ','))
}

/// Ends with sentence punctuation (closing quotes and brackets aside).
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')', '»', '*']);
    // A closing quotation mark ends a sentence, but for a headline's
    // quotation of a few words (`Hail: "the harvest destroyed"`).
    t.ends_with(['.', '!', '?', '…', ':', ';']) || t.len() < s.len() && !is_quoted_headline(s)
}

/// A headline that ends on a quotation, after a colon or of five words at
/// most (`Katayama warns of “excessive moves”`): no sentence mark before
/// the quotation ends, and no sentence before it opens.
fn is_quoted_headline(s: &str) -> bool {
    let quoted = s.trim_end_matches(['"', '”', '»']);
    let Some(open) = quoted.rfind(['"', '“', '«']).filter(|&i| i > 0 && quoted.len() < s.len()) else {
        return false;
    };
    let head = &s[..open];
    let short = quoted[open..].split_whitespace().nth(5).is_none() && !quoted.ends_with(['.', '!', '?', ',']);
    (head.trim_end().ends_with(':') || short)
        && !head.contains(". ")
        && s.split_whitespace().nth(24).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(edge: Edge, text: &str) -> Vec<String> {
        let params = Params {
            edge,
            find: Find::Masthead,
            menu_words: Vec::new(),
            max_words: 12,
            min_words: 1,
            content_words: 12,
            max_lines: 12,
            masthead_words: vec!["herald".into(), "times".into(), "world".into(), "digital".into()],
            credit_labels: vec!["Reporting by".into(), "Editing by".into()],
        };
        let d = Navigation { params };
        let doc = Document::new(text);
        let mut out = Vec::new();
        d.check(&doc, &mut out);
        out.iter().map(|f| doc.slice(f.span).to_string()).collect()
    }

    const BODY: &str = "Residents will face water restrictions from next month for the first time since 2019, officials said.";

    #[test]
    fn breadcrumbs_are_short_capitalised_items() {
        for crumb in [
            "Lebanon / Politics",
            "DEPORTES | Fútbol argentino",
            "Finanzas & Mercados > Dólar",
            "חדשות › פוליטי",
            "Brittany - Finistère - Agriculture",
            "RIA Novosti ▸ Sport ▸ Hockey ▸ KHL",
        ] {
            assert!(is_breadcrumb(crumb), "{crumb}");
        }
        for line in [
            "Listen to the article · 5 min",
            "Photo Sud Atlantique / Fabien Cottereau",
            "Ukraine war: talks / no deal",
            "Brexit - What Next",
            "Kyiv",
            "Biden, Trump / A rematch nobody wanted in 2024 or in any other year at all, said voters",
        ] {
            assert!(!is_breadcrumb(line), "{line}");
        }
        assert!(is_section_name("ECONOMÍA") && !is_section_name("EU") && !is_section_name("Sport"));
        assert!(is_section_label("Saúde") && !is_section_label("Kyiv Post") && !is_section_label("NATO"));
    }

    #[test]
    fn trailing_titles_after_the_article_are_flagged() {
        let text = format!(
            "Head line\n\n{BODY}\n\nSign up to our newsletter today.\nPrevious article\nKing opens parliament\n"
        );
        assert_eq!(run(Edge::End, &text), ["Previous article", "King opens parliament"]);
    }

    #[test]
    fn the_trailer_after_a_truncated_last_paragraph_is_flagged() {
        let cut = "The next meeting will take place on 24 July in Frankfurt, and investors will watch for any change in the";
        let text = format!(
            "Head line\n\n{BODY}\n\n{cut}\n\nComentaris (12)\nMés notícies\nHousing prices in Barcelona rise 9% in a year\n"
        );
        assert_eq!(
            run(Edge::End, &text),
            ["Comentaris (12)", "Més notícies", "Housing prices in Barcelona rise 9% in a year"]
        );
    }

    #[test]
    fn links_set_side_by_side_are_a_trailer() {
        let row = "Rogun: third unit to start in 2025 | ASEAN pledges emergency aid for Yagi victims";
        let text = format!("Head line\n\n{BODY}\n\n{row}\n\nKenya | 8 | 2 | 3\n");
        assert_eq!(run(Edge::End, &text), Vec::<String>::new(), "a table row ends the search");
        let text = format!(
            "Head line\n\n{BODY}\n\nViews: 2 089\n\n{row}\n\n© 2024 Sughd Media. All rights reserved. Истифодаи маводҳо бо иҷозати таҳририят.\n"
        );
        assert_eq!(run(Edge::End, &text), [row]);
    }

    #[test]
    fn the_trailer_above_a_copyright_line_is_flagged() {
        let text = format!(
            "Head line\n\n{BODY}\n\nLees ook\nStorm causes delays on the coast tram\n\n© 2025 Vlaamse Mediagroep NV\n"
        );
        assert_eq!(run(Edge::End, &text), ["Lees ook", "Storm causes delays on the coast tram"]);
    }

    #[test]
    fn a_list_or_a_short_document_is_not_a_trailer() {
        assert!(run(Edge::End, &format!("Head\n\n{BODY}\n- first item\nLast words")).is_empty());
        assert!(run(Edge::End, "Only a headline\nand a line").is_empty());
    }

    #[test]
    fn a_table_of_results_at_the_end_is_not_a_trailer() {
        let results = "RESULTS\n\nHalf marathon, men\n\n1. Daniel Kiprop (Kenya) 1:04:32\n\n\
                       2. Joseph Kiptoo (Kenya) 1:04:51\n\nSource: Race organizers\n";
        assert_eq!(run(Edge::End, &format!("Head line\n\n{BODY}\n\n{results}")), Vec::<&str>::new());
        // A linked headline that ends in a word is still a link.
        let text = format!("Head line\n\n{BODY}\n\nRead more\nArsenal beat Chelsea 3-1 in a London derby\n");
        assert_eq!(run(Edge::End, &text), ["Read more", "Arsenal beat Chelsea 3-1 in a London derby"]);
    }

    #[test]
    fn masthead_and_tagline_before_the_headline() {
        let text =
            format!("THE COASTAL HERALD\nIndependent news since 1998\n\nSydney faces water limits\n\n{BODY}");
        assert_eq!(run(Edge::Start, &text), ["THE COASTAL HERALD", "Independent news since 1998"]);
    }

    #[test]
    fn site_lines_above_the_headline() {
        for site in [
            "KYIVPOST.UA — news of Kyiv and the country",
            "gazeta-x.pl | Region | Poland | World",
            "THE DAILY BEACON | Your city, your news",
            "KORRESPONDENT | The bridge to the world",
            "The Coastal Herald · Independent since 1998",
            "Вечерние вести | Новости региона",
            "东方日报 — 权威 · 及时",
            "한빛일보 HANBIT DAILY | 빛나는 정론, 믿을 수 있는 뉴스",
            "HÍRKAPU24 — a független hírportál 2009 óta",
            "MÄLARPOSTEN | Nyheter från Västmanland sedan 1889",
        ] {
            let text = format!("{site}\n\nSydney faces water limits\n\n{BODY}");
            assert_eq!(run(Edge::Start, &text), [site], "{site}");
        }
    }

    #[test]
    fn headlines_with_a_separator_are_not_site_lines() {
        for headline in [
            "NATO – Russia talks end without a deal",
            "UKRAINE | Drones hit power plants overnight",
            "Election 2025 | Live results from every district",
            "Sydney faces water limits | Politics",
            "BREXIT | Talks resume after 2019 deadline",
        ] {
            let text = format!("{headline}\n\nStocks rose as investors cheered data\n\n{BODY}");
            assert!(run(Edge::Start, &text).is_empty(), "{headline}");
        }
        let text = format!("KYIVPOST.UA — news of Kyiv\n\n{BODY}");
        assert!(run(Edge::Start, &text).is_empty(), "a site line alone is the headline");
    }

    #[test]
    fn the_headline_before_its_second_copy_or_a_dated_byline_is_not_a_tagline() {
        let text = format!(
            "LE COURRIER DU MATIN\n\nLecornu survives\n\nPar Claire Dufresnoy\n\nLecornu survives\n\n{BODY}"
        );
        assert_eq!(run(Edge::Start, &text), ["LE COURRIER DU MATIN"]);
        let text = format!(
            "HET AMSTELBLAD\n\nAmsterdam celebrates 750 years\n\nDoor Sanne de Wit | 27 okt. 2025, 21:03\n\n{BODY}"
        );
        assert_eq!(run(Edge::Start, &text), ["HET AMSTELBLAD"]);
    }

    #[test]
    fn headline_subhead_and_byline_are_not_a_masthead() {
        let text = format!("Markets rally\n\nStocks rose as investors cheered data\n\nBy Jane Doe\n\n{BODY}");
        assert!(run(Edge::Start, &text).is_empty());
        for masthead in ["Diario del Levante Digital", "ZPRÁVY Z PRAHY.cz", "Uutisvirta.fi"] {
            let text = format!("{masthead}\n\nHome > News\n\nSydney faces water limits\n\n{BODY}");
            assert_eq!(run(Edge::Start, &text).first().map(String::as_str), Some(masthead), "{masthead}");
        }
        let text = format!("The Limited Times\n\n{BODY}");
        assert!(run(Edge::Start, &text).is_empty(), "a headline alone is never a masthead");
    }
}
