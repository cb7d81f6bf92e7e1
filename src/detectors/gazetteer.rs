//! `gazetteer`: misspelled names of public figures (`Anthony Blinken`,
//! `Olaf Schultz`, `John Hurst` for the analyst John Herbst).
//!
//! The rule's `[rule.params]` hold a gazetteer: each person's canonical name,
//! accepted alternative spellings (`Zelenskyy` is as right as `Zelensky`),
//! known wrong forms, and role words (`context`) that identify the person.
//!
//! The checks, all driven from one scan of the capitalised words of the
//! text, so clean prose costs a byte loop plus one hash lookup per
//! capitalised word (check 9 takes a second pass, over the documents that
//! name someone in the gazetteer, comparing first bytes and lengths):
//!
//! 1. A listed wrong form ends in a capitalised word; that word is the key,
//!    and the text before it is compared with the wrong form.
//! 2. Given-name drift: two adjacent capitalised words whose second is a
//!    gazetteer surname and whose first is within a small edit distance of
//!    that person's given name (`Emmanual Macron`). A common given name
//!    (`Jack Sullivan` is not `Jake Sullivan`) or a common surname also needs
//!    one of the person's role words nearby.
//! 3. Surname drift: the first word is the person's given name and the second
//!    is within a small edit distance of the surname, with the same initial
//!    (`John Hurst`). Always needs a role word nearby, a title just before
//!    the name (`Prime Minister Petr Fialla`), or the right surname elsewhere
//!    in the text, because a different real person with a similar name is
//!    far more likely than a typo.
//!
//! 4. Lone surname drift: a capitalised word one edit away from a surname,
//!    both of eight letters or more (`Bolsanaro`), with the same first
//!    letter and the same last two (`Zelenska` is Zelensky's wife, `Peskova`
//!    his daughter), not a longer form of the surname (`Bolsonarist`), and
//!    one of the person's role words nearby.
//!
//! 5. Accent drift: a capitalised word with a non-ASCII letter that, its
//!    accents removed, is a person's surname or middle name but none of its
//!    accepted forms (`Sanchéz` for Sánchez, `Orbàn` for Orbán, `Lökke` for
//!    Løkke), after the person's given name, near one of their role words,
//!    or in a document that names the person by the surname elsewhere. A
//!    surname written without its accents (`Sanchez`) is common English
//!    usage and is not flagged, nor are letters of a national alphabet
//!    (`native-letters`) on a surname listed without accents: `Kazımov` is
//!    the native spelling of Kazimov, while `Rútte` misspells Rutte.
//!
//! 6. Both drifts at once: two capitalised words, neither in the
//!    gazetteer, one or two edits from a person's given name and surname
//!    (three in all) that keep the first two letters of each (`Emanuel
//!    Makron`, `Volodimir Zelenski`), also when the second is the end of a
//!    listed wrong form.
//!
//! 7. Typing slips: the first word is someone's given name and the second,
//!    in no name of the gazetteer, is that person's surname with two
//!    neighbouring letters swapped or a letter doubled or undoubled
//!    (`Matteo Salvinni`, `Dina Boularte`), for everyone, without a role.
//!
//! 8. Sound-alikes: two capitalised words whose [`skeleton`]s are one
//!    person's given name and surname, the surname in no right name
//!    (`Kristin Lagard`, `Paul Bya`, `Volodimir Zelenszkij`): the slips
//!    and transliterations of both words at once that keep the sound.
//!    Spellings apart only in `i`, `y` and `j`, letter for letter
//!    (`Nikol Pashinian`), are transliterations and stay silent.
//!
//! 9. A lone slip: a capitalised word that is a typing slip (as in check 7)
//!    in the surname of someone the text names right elsewhere
//!    (`Lolobrigida` after `Francesco Lollobrigida`).
//!
//! Checks 2 and 3 also take, with a role word nearby, a given name two or
//! three edits off with any initial (`Kristine Lagarde`) and a surname one
//! edit off with another initial (`Marco Lubio`).
//!
//! An exact gazetteer name is never flagged, which keeps `John Kerry` from
//! being read as a misspelled `John Kirby`.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use serde::Deserialize;

use super::{BuildContext, Detector, Info};
use crate::corpus::names::{not_name_word, title_word};
use crate::diagnostic::Span;
use crate::document::Document;
use crate::finding::{Edit, Finding};

pub(crate) mod words;

use words::{distance, distance_within, within};

pub const INFO: Info = Info { name: "gazetteer", args: &["replacement", "person"], build };

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    /// Bytes either side of a candidate searched for the person's role words.
    #[serde(default = "default_window")]
    window: usize,
    /// Given names too common to flag a near miss without a role word nearby.
    #[serde(default)]
    common_given_names: Vec<String>,
    /// Surnames shared by so many people that a near-miss given name needs a
    /// role word nearby.
    #[serde(default)]
    common_surnames: Vec<String>,
    /// Letters of national alphabets that ASCII spellings drop (`ı`, `ş`,
    /// `ł`, `ř`): on a name the gazetteer writes without accents they are
    /// its native spelling (`Kazımov`), while an acute or grave (`Rútte`)
    /// is a misspelling.
    #[serde(default)]
    native_letters: String,
    /// Letters no slip or transliteration writes (Vietnamese tone marks,
    /// `ị`, `ễ`, `ơ`): a name holding one was spelled with care, and a
    /// letter off a listed name is another person (`Nguyễn Văn Thành` is
    /// not Nguyễn Văn Thắng, `Bình Định` no Đình), unless the text names
    /// that person right too. Listed wrong forms are flagged all the same.
    #[serde(default)]
    tone_letters: String,
    /// Titles (lower-case) that, just before a name, count as its role
    /// words: `Prime Minister Petr Fialla` is about a public figure.
    #[serde(default)]
    titles: Vec<String>,
    /// Offices whose role words translated text inverts: the context
    /// `economy minister` also matches `minister of (the) economy`.
    #[serde(default)]
    inverted_offices: Vec<String>,
    person: Vec<PersonDef>,
}

fn default_window() -> usize {
    300
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PersonDef {
    name: String,
    /// Alternative spellings that are right (`Volodymyr Zelenskyy`).
    #[serde(default)]
    accept: Vec<String>,
    /// Known wrong forms; each must end in a capitalised word.
    #[serde(default)]
    wrong: Vec<String>,
    /// Role words that identify the person (case-insensitive).
    #[serde(default)]
    context: Vec<String>,
    /// Set to false to check only the listed wrong forms.
    #[serde(default = "yes")]
    fuzzy: bool,
}

fn yes() -> bool {
    true
}

type Fast = BuildHasherDefault<Xxh3>;

/// XXH3 on the whole key: every capitalised word of the text is looked up,
/// and byte-at-a-time FNV-1a cost a multiply per byte. No DoS concern (keys
/// come from the rule file).
#[derive(Default)]
struct Xxh3(u64);

impl std::hash::Hasher for Xxh3 {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
    /// `str` keys end with a `0xff` byte: mixed in without another XXH3 call.
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
}

struct Person {
    name: String,
    given: String,
    surname: String,
    givens: Vec<String>,
    surnames: Vec<String>,
    /// The name and its accepted forms, whole.
    names: Vec<String>,
    /// Every word of the name and its accepted forms.
    words: Vec<String>,
    /// Words that show the person is meant when near the name, lowercase.
    context: Vec<String>,
    /// The contexts but a country or a people (one capitalised word in the
    /// TOML: `Czech`, `Slovakia`), which says where someone is from, not who.
    roles: Vec<String>,
    common_surname: bool,
    /// `given` and `surname` with accents folded (see [`fold_accents`]).
    folded_given: String,
    folded_surname: String,
    /// The given name's [`skeleton`], for check 8.
    given_skeleton: String,
    /// In a name whose surname follows a particle (`Tarcísio de Freitas`,
    /// `Abdulaziz bin Salman`), the capitalised word before the particle:
    /// the given name the text pairs with the surname across it.
    particle_given: Option<String>,
}

impl Person {
    /// The word before the given name in a name of three words or more
    /// (`Nguyễn` of `Nguyễn Văn Thắng`).
    fn lead(&self) -> Option<&str> {
        let mut words = self.name.split_whitespace().rev().skip(1);
        (words.next()? == self.given).then(|| words.next()).flatten()
    }
}

/// What one capitalised word can start or end; one hash lookup per word.
#[derive(Default)]
struct Keys {
    /// Wrong forms ending in this word: (wrong form, replacement, person).
    wrong: Vec<(String, String, u32)>,
    /// People with this surname (canonical or accepted): given-name drift.
    surname_of: Vec<u32>,
    /// People with this given name (canonical or accepted): surname drift.
    given_of: Vec<u32>,
    /// The right surname of someone checked by listed forms only: a name
    /// word, never a drifted one.
    right: bool,
}

struct Gazetteer {
    people: Vec<Person>,
    index: HashMap<String, Keys, Fast>,
    /// Check 4: people whose canonical surname has [`LONE_MIN`] letters or
    /// more, by the surname's [`lone_key`].
    lone: HashMap<(char, char, char), Vec<u32>, Fast>,
    /// Fuzzy people by their surname's first two letters (lowercase,
    /// accents folded) and letter count, for check 6.
    by_surname: HashMap<([char; 2], usize), Vec<u32>, Fast>,
    /// Per ASCII head of `by_surname` (two lowercase letters), bit `n` set
    /// when it holds a surname of `n` letters: most word pairs stop here.
    head_lengths: Box<[[u64; 26]; 26]>,
    /// The same for the given names of those people.
    given_head_lengths: Box<[[u64; 26]; 26]>,
    /// Per ASCII initial, bit `n` set when `lone` holds a surname of `n`
    /// letters with it: most long capitalised words need no lookup.
    lone_lengths: [u64; 128],
    /// Surnames with their accents removed (see [`fold_accents`]), for check 5.
    /// Folded surnames and middle names (`Rasmussen`, `Lokke` of Lars
    /// Løkke Rasmussen): the person and the word as written.
    unaccented: HashMap<String, Vec<(u32, String)>, Fast>,
    common_given: HashSet<String, Fast>,
    /// Fuzzy people by their surname's [`skeleton`], for check 8.
    by_skeleton: HashMap<String, Vec<u32>, Fast>,
    /// Everyone by each given name (canonical or accepted), for slips in
    /// the surname after it (see [`is_slip`]).
    slip_givens: HashMap<String, Vec<u32>, Fast>,
    /// The same for the given names before a particle (see
    /// [`Person::particle_given`]).
    particle_givens: HashMap<String, Vec<u32>, Fast>,
    /// Every word of every right name: a slip that spells one is none.
    right_words: HashSet<String, Fast>,
    common_surnames: HashSet<String, Fast>,
    titles: Vec<String>,
    native_letters: HashSet<char, Fast>,
    tone_letters: HashSet<char, Fast>,
    window: usize,
}

fn build(table: &toml::Table, _: &BuildContext) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(table)?;
    let mut g = Gazetteer {
        people: Vec::new(),
        index: HashMap::default(),
        lone: HashMap::default(),
        by_surname: HashMap::default(),
        head_lengths: Box::new([[0; 26]; 26]),
        given_head_lengths: Box::new([[0; 26]; 26]),
        lone_lengths: [0; 128],
        unaccented: HashMap::default(),
        by_skeleton: HashMap::default(),
        common_given: params.common_given_names.iter().cloned().collect(),
        slip_givens: HashMap::default(),
        particle_givens: HashMap::default(),
        right_words: HashSet::default(),
        common_surnames: params.common_surnames.iter().cloned().collect(),
        titles: params.titles.iter().map(|t| t.to_lowercase()).collect(),
        native_letters: both_cases(&params.native_letters),
        tone_letters: both_cases(&params.tone_letters),
        window: params.window,
    };
    let mut names = HashSet::new();
    for def in &params.person {
        let idx = g.people.len() as u32;
        if !names.insert(def.name.as_str()) {
            return Err(format!("person `{}` is listed twice", def.name));
        }
        let (given, surname) =
            last_two(&def.name).ok_or_else(|| format!("`{}`: need a given name and a surname", def.name))?;
        let mut givens = vec![given.to_string()];
        let mut surnames = vec![surname.to_string()];
        for a in &def.accept {
            match last_two(a) {
                Some((ag, asur)) => {
                    givens.push(ag.to_string());
                    surnames.push(asur.to_string());
                }
                None => surnames.push(a.clone()),
            }
        }
        givens.dedup();
        surnames.sort();
        surnames.dedup();
        for w in &def.wrong {
            let last = w.split_whitespace().next_back().unwrap_or("");
            if !last.starts_with(char::is_uppercase) {
                return Err(format!("wrong form `{w}` of `{}` must end in a capitalised word", def.name));
            }
            if def.name == *w || def.accept.contains(w) {
                return Err(format!("`{w}` is both right and wrong for `{}`", def.name));
            }
            let words = w.split_whitespace().count();
            let canon: Vec<&str> = def.name.split_whitespace().collect();
            let replacement = canon[canon.len().saturating_sub(words)..].join(" ");
            g.index.entry(last.to_string()).or_default().wrong.push((w.clone(), replacement, idx));
        }
        if !def.fuzzy {
            // The right surnames are still name words: no check reads
            // `Lee Jae-myung` as a drifted `Lee Jae-yong`.
            for s in &surnames {
                g.index.entry(s.clone()).or_default().right = true;
            }
        }
        for gv in &givens {
            g.slip_givens.entry(gv.clone()).or_default().push(idx);
        }
        let particle_given = given_before_particle(&def.name);
        let accepted = def.accept.iter().filter_map(|n| given_before_particle(n));
        for gv in particle_given.into_iter().chain(accepted) {
            let people = g.particle_givens.entry(gv.to_string()).or_default();
            if !people.contains(&idx) {
                people.push(idx);
            }
        }
        if def.fuzzy {
            for s in &surnames {
                g.index.entry(s.clone()).or_default().surname_of.push(idx);
            }
            for gv in &givens {
                g.index.entry(gv.clone()).or_default().given_of.push(idx);
            }
            let letters = surname.chars().count();
            if let Some(head) = head_of(surname) {
                g.by_surname.entry((head, letters)).or_default().push(idx);
                if let Some((x, y)) = ascii_head(head)
                    && letters < 64
                {
                    g.head_lengths[x][y] |= 1 << letters;
                }
                let given_letters = given.chars().count();
                if let Some((x, y)) = head_of(given).and_then(ascii_head)
                    && given_letters < 64
                {
                    g.given_head_lengths[x][y] |= 1 << given_letters;
                }
            }
            g.by_skeleton.entry(skeleton(surname)).or_default().push(idx);
            let common = g.common_surnames.contains(surname);
            if letters >= LONE_MIN && !common && !def.context.is_empty() {
                let first = surname.chars().next().unwrap_or_default();
                g.lone.entry(lone_key(surname)).or_default().push(idx);
                if first.is_ascii() && letters < 64 {
                    g.lone_lengths[first as usize] |= 1 << letters;
                }
            }
        }
        // Every word after the given name: the surname, and middle names
        // that carry accents of their own (`Løkke`).
        let words: Vec<&str> = def.name.split_whitespace().collect();
        for w in words.iter().skip(1).filter(|w| w.starts_with(char::is_uppercase)) {
            g.unaccented.entry(fold_accents(w)).or_default().push((idx, w.to_string()));
        }
        // A context word as searched: lowercase, and an office in either
        // word order (`economy minister`, `minister of economy`).
        let contexts = |c: &String| with_inverted_role(&c.to_lowercase(), &params.inverted_offices);
        g.people.push(Person {
            name: def.name.clone(),
            given: given.to_string(),
            surname: surname.to_string(),
            givens,
            surnames,
            names: std::iter::once(&def.name).chain(&def.accept).cloned().collect(),
            words: std::iter::once(def.name.as_str())
                .chain(def.accept.iter().map(String::as_str))
                .flat_map(str::split_whitespace)
                .map(String::from)
                .collect(),
            context: def.context.iter().flat_map(contexts).collect(),
            roles: def.context.iter().filter(|c| !is_place_or_people(c)).flat_map(contexts).collect(),
            common_surname: g.common_surnames.contains(surname),
            folded_given: fold_accents(given),
            folded_surname: fold_accents(surname),
            given_skeleton: skeleton(given),
            particle_given: particle_given.map(str::to_string),
        });
    }
    g.right_words = g.people.iter().flat_map(|p| p.words.iter().cloned()).collect();
    for keys in g.index.values_mut() {
        keys.surname_of.dedup();
        keys.given_of.dedup();
        // Longest wrong form first: `Recep Tayyip Erdogen` before `Erdogen`.
        keys.wrong.sort_by_key(|(form, _, _)| std::cmp::Reverse(form.len()));
    }
    Ok(Box::new(g))
}

/// Whether `word` is `canon` with one typing slip, which no script or
/// transliteration explains: two neighbouring lowercase letters after the
/// first swapped, in a surname of [`MIN_SWAP_LETTERS`] letters or more
/// (`Hlaing` → `Hliang`); a lowercase letter after the first doubled
/// (`Salvini` → `Salvinni`); or, with `undouble`, a doubled one written once
/// (`Pierrakakis` → `Pierakakis`). Rare path: the word follows a given name.
fn is_slip(word: &str, canon: &str, undouble: bool) -> bool {
    if word.len().abs_diff(canon.len()) > 4 || word.as_bytes().first() != canon.as_bytes().first() {
        return false;
    }
    // A slip leaves all but two bytes in place, at the start or the end:
    // most words are told without collecting their letters.
    let (w, c) = (word.as_bytes(), canon.as_bytes());
    let prefix = w.iter().zip(c).take_while(|(a, b)| a == b).count();
    let suffix = w.iter().rev().zip(c.iter().rev()).take_while(|(a, b)| a == b).count();
    if prefix + suffix + 4 < w.len().max(c.len()) {
        return false;
    }
    let w: Vec<char> = word.chars().collect();
    let c: Vec<char> = canon.chars().collect();
    // The first difference; the first letter is never slipped.
    let i = w.iter().zip(&c).take_while(|(a, b)| a == b).count();
    if i == 0 || word == canon {
        return false;
    }
    match w.len().cmp(&c.len()) {
        std::cmp::Ordering::Equal => {
            let letters = c.iter().filter(|x| x.is_alphabetic()).count();
            letters >= MIN_SWAP_LETTERS
                && i + 1 < c.len()
                && c[i] != c[i + 1]
                && c[i].is_lowercase()
                && c[i + 1].is_lowercase()
                && (w[i], w[i + 1]) == (c[i + 1], c[i])
                && w[i + 2..] == c[i + 2..]
        }
        // `c[i - 1]` typed twice: the letters around it are others.
        std::cmp::Ordering::Greater => {
            let x = c[i - 1];
            x.is_lowercase()
                && i >= 2
                && c[i - 2] != x
                && c.get(i) != Some(&x)
                && w[i] == x
                && w[i + 1..] == c[i..]
        }
        // One of the doubled `c[i - 1]`, `c[i]` left out.
        std::cmp::Ordering::Less => {
            undouble && c[i] == c[i - 1] && c[i].is_lowercase() && w[i..] == c[i + 1..]
        }
    }
}

/// The shortest surname in which [`is_slip`] takes two swapped letters: in
/// a shorter one a swap may be another name (`Diaz`, `Daiz`).
const MIN_SWAP_LETTERS: usize = 5;

/// The capitalised word before the particles that open a name's surname
/// (`Tarcísio` of `Tarcísio de Freitas`, `Lula` of `Luiz Inácio Lula da
/// Silva`); `None` when the surname follows the given name directly.
fn given_before_particle(name: &str) -> Option<&str> {
    for (particles, w) in name.split_whitespace().rev().skip(1).enumerate() {
        if !is_particle(w) {
            return (particles > 0 && w.starts_with(char::is_uppercase)).then_some(w);
        }
    }
    None
}

fn is_particle(word: &str) -> bool {
    super::NAME_PARTICLES.contains(&word)
}

/// Whether the text between two capitalised words is one or two name
/// particles (` de `, ` de la `, ` bin `).
fn is_particle_gap(gap: &str) -> bool {
    // The gap runs to the previous capitalised word, often paragraphs back:
    // two particles take a dozen bytes at most.
    if gap.len() > 12 {
        return false;
    }
    let Some(inner) = gap.strip_prefix(' ').and_then(|g| g.strip_suffix(' ')) else {
        return false;
    };
    let mut words = inner.split(' ');
    words.by_ref().take(2).all(is_particle) && words.next().is_none()
}

/// The last two words of a name: the key pair for fuzzy matching.
fn last_two(name: &str) -> Option<(&str, &str)> {
    let mut it = name.split_whitespace().rev();
    let surname = it.next()?;
    let given = it.next()?;
    Some((given, surname))
}

impl Detector for Gazetteer {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let found = out.len();
        self.check_words(doc, out);
        // A name cut short or garbled by mojibake (`Viktor OrbÃ¡n`) is the
        // mojibake rule's, and no misspelling; a correction note quotes the
        // wrong spelling on purpose.
        let new = out.split_off(found);
        out.extend(new.into_iter().filter(|f| {
            !super::mojibake::garbled(text, f.span)
                && !doc.in_correction(f.span)
                // A byline names a reporter, not the public figure the
                // name resembles (`By Katarina Novak`).
                && !super::navigation::is_byline(doc.slice(doc.lines()[doc.line_at(f.span.start)]))
                && !self.opens_a_right_name(text, f.span)
                && (!is_one_word(text, f.span) || !is_placed(text, f.span.start))
                && (self.tone_letters.is_empty()
                    || !self.toned(text, f.span)
                    || self.listed_wrong(text, f.span)
                    // A lone toned word is a syllable of Vietnamese text
                    // (`“Làm ăn ...”`) more often than a slip.
                    || !is_one_word(text, f.span) && self.names_right_in(text, f))
        }));
    }
}

/// Whether `span` is one word.
fn is_one_word(text: &str, span: Span) -> bool {
    !text[span.range()].contains(' ')
}

/// Whether `word` ends its name: no capitalised word follows it.
fn ends_name(text: &str, word: Span) -> bool {
    !text[word.end..].strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_uppercase))
}

/// Whether the word at `start` stands where a place does: after `in` or
/// `near`, or after `the mayor of` and its like (`the mayor of València`
/// beside `Valencia`: the city, no misspelled Enner Valencia).
fn is_placed(text: &str, start: usize) -> bool {
    let mut before = text[..start].strip_suffix(' ').unwrap_or_default().rsplit(' ');
    match before.next() {
        Some("in" | "In" | "near") => true,
        Some("of") => before.next().is_some_and(|w| {
            [
                "mayor",
                "city",
                "province",
                "region",
                "port",
                "capital",
                "streets",
                "centre",
                "center",
                "outskirts",
                "residents",
                "people",
                "university",
            ]
            .contains(&w)
        }),
        _ => false,
    }
}

impl Gazetteer {
    /// The checks of the module docs, over the capitalised words of `doc`.
    fn check_words(&self, doc: &Document<'_>, out: &mut Vec<Finding>) {
        let text = doc.text();
        let start = out.len();
        let mut prev: Option<(Span, Option<&Keys>)> = None;
        let mut flagged_until = 0;
        // People named right (given name and surname), for check 9.
        let mut named: Vec<u32> = Vec::new();
        for &word in doc.capitalised_words() {
            let keys = self.index.get(&text[word.range()]);
            let pair = prev.filter(|(p, _)| matches!(&text[p.end..word.start], " " | "\u{a0}"));
            // The given name and the surname with a particle between them.
            let across = prev
                .map(|(p, _)| p)
                .filter(|p| p.start >= flagged_until && is_particle_gap(&text[p.end..word.start]));
            prev = Some((word, keys));
            if let (Some(keys), Some((p, _))) = (keys, pair) {
                let a = &text[p.range()];
                for &i in &keys.surname_of {
                    if !named.contains(&i) && self.people[i as usize].givens.iter().any(|g| g == a) {
                        named.push(i);
                    }
                }
            }
            let Some(keys) = keys else {
                let given = pair.map(|(p, _)| p);
                // The pair's checks, unless its first word is in a finding.
                let pair = pair.filter(|(p, _)| p.start >= flagged_until);
                let found = pair
                    // A typing slip in the surname after the right given name.
                    .and_then(|(p, _)| self.slip(text, p, word))
                    // Surname drift: the given name is known, this word is not.
                    .or_else(|| match pair {
                        Some((p, Some(pk))) if !pk.given_of.is_empty() => {
                            self.surname_drift(doc, p, word, &pk.given_of)
                        }
                        _ => None,
                    })
                    // Both words drifted (`Denis Shmigal`), even when the
                    // first is some other person's given name.
                    .or_else(|| pair.and_then(|(p, _)| self.full_drift(doc, p, word)))
                    .or_else(|| pair.and_then(|(p, _)| self.sound_drift(text, p, word)))
                    // A slip in the surname after a particle (`Lula da Sliva`).
                    .or_else(|| across.and_then(|p| self.slip_across(text, p, word)))
                    // Accents misplaced, or a long surname drifted alone.
                    .or_else(|| {
                        let free = word.start >= flagged_until;
                        free.then(|| {
                            self.accent_drift(doc, given, word).or_else(|| self.lone_drift(doc, given, word))
                        })
                        .flatten()
                    });
                if let Some(f) = found {
                    flagged_until = f.span.end;
                    out.push(f);
                }
                continue;
            };
            if let Some(f) = self.listed(text, word, &keys.wrong) {
                flagged_until = f.span.end;
                out.push(f);
                continue;
            }
            let found = match pair {
                Some((p, _)) if p.start < flagged_until => continue,
                Some(_) if keys.right && keys.surname_of.is_empty() => None,
                Some((p, pk)) if keys.surname_of.is_empty() => pk
                    .filter(|pk| !pk.given_of.is_empty())
                    .and_then(|pk| self.surname_drift(doc, p, word, &pk.given_of)),
                Some((p, pk)) => self.given_drift(doc, p, word, &keys.surname_of).or_else(|| {
                    // Someone else's surname after this person's given name
                    // (`Santiago Piña`, Norma Piña's surname, for Santiago
                    // Peña): only when the text names the person right.
                    // Most pairs are a right name (`Donald Trump`), or
                    // share no initial with the person's surname: both are
                    // told before the costlier check.
                    let b = &text[word.range()];
                    let right = || {
                        let a = &text[p.range()];
                        keys.surname_of.iter().any(|&i| self.people[i as usize].givens.iter().any(|g| g == a))
                    };
                    let initial = |i: &u32| same_initial(b, &self.people[*i as usize].surname);
                    pk.filter(|pk| pk.given_of.iter().any(initial) && !right())
                        .and_then(|pk| self.surname_drift_of(doc, p, word, &pk.given_of))
                        .filter(|&(person, _)| self.names_right(text, person))
                        .map(|(_, f)| f)
                }),
                // A drifted given name before a particle and a known
                // surname (`Tarcízio de Freitas`), with the role nearby.
                None => across.and_then(|p| self.given_drift_across(doc, p, word, &keys.surname_of)),
            };
            // A word known only as the end of a wrong form (`Bolsanaro` of
            // `Jair Bolsanaro`) may still be a lone misspelled surname.
            let lone_only = keys.surname_of.is_empty() && keys.given_of.is_empty() && !keys.right;
            // Or the end of a wrong form after a drifted given name
            // (`Volodimir Zelenski`).
            let found = found
                .or_else(|| pair.filter(|_| lone_only).and_then(|(p, _)| self.full_drift(doc, p, word)))
                .or_else(|| pair.filter(|_| lone_only).and_then(|(p, _)| self.sound_drift(text, p, word)))
                // Accents misplaced in another person's surname (`Diáz`,
                // listed wrong for Luis Díaz), after the person's given name
                // (`Yolanda`): alone, the word is the wrong form's.
                .or_else(|| {
                    let (p, _) = pair.filter(|_| lone_only)?;
                    self.accent_drift(doc, Some(p), word).filter(|f| f.span.start == p.start)
                })
                .or_else(|| lone_only.then(|| self.lone_drift(doc, pair.map(|(p, _)| p), word)).flatten());
            if let Some(f) = found {
                flagged_until = f.span.end;
                out.push(f);
            }
        }
        if !named.is_empty() {
            self.lone_slips(doc, &named, start, out);
        }
    }

    /// Check 9: a capitalised word that is a typing slip (see [`is_slip`])
    /// in the surname of someone the text names right (`named`):
    /// `Lolobrigida` with `Francesco Lollobrigida`, `Ursso` with `Adolfo
    /// Urso`. A second pass, over the words of the documents that name
    /// someone in the gazetteer, against those people only; the words in
    /// the first pass's findings (`out[start..]`, in text order) are skipped.
    fn lone_slips(&self, doc: &Document<'_>, named: &[u32], start: usize, out: &mut Vec<Finding>) {
        let text = doc.text();
        // The named surnames' first bytes and lengths: most words stop here.
        let mut initials = [false; 256];
        let (mut shortest, mut longest) = (usize::MAX, 0);
        for &i in named {
            let surname = &self.people[i as usize].surname;
            initials[usize::from(surname.as_bytes()[0])] = true;
            shortest = shortest.min(surname.len().saturating_sub(1));
            longest = longest.max(surname.len() + 1);
        }
        let spans: Vec<Span> = out[start..].iter().map(|f| f.span).collect();
        let mut next = 0;
        for &word in doc.capitalised_words() {
            if !initials[usize::from(text.as_bytes()[word.start])]
                || !(shortest..=longest).contains(&word.len())
            {
                continue;
            }
            let w = &text[word.range()];
            while spans.get(next).is_some_and(|s| s.end <= word.start) {
                next += 1;
            }
            if w.len() < 4 || spans.get(next).is_some_and(|s| s.start < word.end) {
                continue;
            }
            for &i in named {
                let person = &self.people[i as usize];
                let surname = person.surname.as_bytes();
                // Most words stop at their first letter or their length.
                if surname[0] != w.as_bytes()[0] || surname.len().abs_diff(w.len()) > 1 {
                    continue;
                }
                if is_slip(w, &person.surname, !person.common_surname)
                    && !self.right_words.contains(w)
                    && !self.common_surnames.contains(w)
                {
                    out.push(self.finding(word, person.surname.clone(), i));
                    break;
                }
            }
        }
    }

    /// Check 1: a listed wrong form ending at `word`.
    fn listed(&self, text: &str, word: Span, forms: &[(String, String, u32)]) -> Option<Finding> {
        for (form, replacement, person) in forms {
            let Some(start) = word.end.checked_sub(form.len()) else { continue };
            if !text.is_char_boundary(start) || &text[start..word.end] != form.as_str() {
                continue;
            }
            if text[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '-') {
                continue;
            }
            let span = Span::new(start, word.end);
            return Some(self.finding(span, replacement.clone(), *person));
        }
        None
    }

    /// Check 7: `second`, in no name of the gazetteer, is a typing slip
    /// (see [`is_slip`]) in the surname of someone whose given name is
    /// `first`: `Matteo Salvinni`, `Dina Boularte`. With the given name
    /// right, no other person is near, fuzzy matching or not. A common
    /// surname written with one letter fewer is often another spelling of
    /// it (`Hasan`, `Mohamed`), and a slip that spells a common surname may
    /// be one.
    fn slip(&self, text: &str, first: Span, second: Span) -> Option<Finding> {
        self.slip_after(&self.slip_givens, text, first, second)
    }

    /// [`Gazetteer::slip`] across a particle: `first` is the given name
    /// before it (see [`Person::particle_given`]).
    fn slip_across(&self, text: &str, first: Span, second: Span) -> Option<Finding> {
        self.slip_after(&self.particle_givens, text, first, second)
    }

    /// Check 7 with the people of given name `first` in `givens`; the text
    /// between the two words (a space, a particle) stays in the fix.
    fn slip_after(
        &self,
        givens: &HashMap<String, Vec<u32>, Fast>,
        text: &str,
        first: Span,
        second: Span,
    ) -> Option<Finding> {
        let b = &text[second.range()];
        let people = givens.get(&text[first.range()])?;
        if self.right_words.contains(b) || self.common_surnames.contains(b) {
            return None;
        }
        let i = *people.iter().find(|&&i| {
            let person = &self.people[i as usize];
            is_slip(b, &person.surname, !person.common_surname)
        })?;
        let span = Span::new(first.start, second.end);
        let replacement = format!("{}{}", &text[first.start..second.start], self.people[i as usize].surname);
        Some(self.finding(span, replacement, i))
    }

    /// Check 2 across a particle: `second` is a known surname, `first` is
    /// near the given name before the particle, and the person's context is
    /// near: a surname after a particle is shared by many (`de Freitas`).
    fn given_drift_across(
        &self,
        doc: &Document<'_>,
        first: Span,
        second: Span,
        people: &[u32],
    ) -> Option<Finding> {
        let text = doc.text();
        let a = &text[first.range()];
        let span = Span::new(first.start, second.end);
        let with_given =
            || people.iter().filter_map(|&i| Some((i, self.people[i as usize].particle_given.as_deref()?)));
        if with_given().any(|(_, g)| g == a) || self.index.get(a).is_some_and(|k| !k.given_of.is_empty()) {
            return None;
        }
        let (i, given) = with_given().find(|&(_, g)| near(a, g))?;
        if !self.in_context(doc, span, &self.people[i as usize].context) {
            return None;
        }
        Some(self.finding(span, format!("{given}{}", &text[first.end..second.end]), i))
    }

    /// Check 2: `second` is a known surname, `first` is near its given name.
    fn given_drift(&self, doc: &Document<'_>, first: Span, second: Span, people: &[u32]) -> Option<Finding> {
        let text = doc.text();
        let (a, b) = (&text[first.range()], &text[second.range()]);
        let span = Span::new(first.start, second.end);
        let mut candidate = None;
        for &i in people {
            let person = &self.people[i as usize];
            if person.givens.iter().any(|g| g == a) {
                return None;
            }
            if candidate.is_none() && near(a, &person.given) {
                candidate = Some((i, person, false));
            }
        }
        // A given name of three letters one edit off, after a title
        // (`Prime Minister Eddi Rama`).
        let candidate = candidate.or_else(|| {
            let titled = self.titled(text, first);
            people.iter().map(|&i| (i, &self.people[i as usize])).find_map(|(i, person)| {
                let short = person.given.chars().count() == 3 && same_initial(a, &person.given);
                (titled && short && within(a, &person.given, 1)).then_some((i, person, false))
            })
        });
        // Further off, or with another initial (`Kristine Lagarde`, `Đani
        // Infantino`): only with the person's role nearby.
        let candidate = candidate.or_else(|| {
            people
                .iter()
                .map(|&i| (i, &self.people[i as usize]))
                .find_map(|(i, person)| near_loosely(a, &person.given).then_some((i, person, true)))
        });
        let (i, person, loose) = candidate?;
        // The middle of a longer name needs the word before it, as in
        // check 3: `Abdel Ghani` is not `Hayan Abdul Ghani`.
        if let Some(lead) = person.lead()
            && !self.titled(text, first)
            && name_before(text, first).is_none_or(|w| fold_accents(w) != fold_accents(lead))
        {
            return None;
        }
        // A given name that is someone else's in the gazetteer and two
        // letters off is a real one (`Markus` for Magnus Brunner): a
        // namesake, a reporter in a byline. Only a title before it or the
        // person's right name in the text says the person is meant. (One
        // letter off is a transliteration: `Andrei Babiš`.)
        let real_given = self.index.get(a).is_some_and(|k| !k.given_of.is_empty());
        if real_given
            && !within(a, &person.given, 1)
            && !self.titled(text, first)
            && !self.names_right(text, i)
        {
            return None;
        }
        let needs_context = loose || person.common_surname || self.common_given.contains(a);
        // Another given name altogether (`Matěj Dvořák` for Martin Dvořák,
        // the Czech minister) is someone else from the same country: only
        // a role says the person is meant.
        let contexts = if loose { &person.roles } else { &person.context };
        if needs_context && !self.in_context(doc, span, contexts) {
            return None;
        }
        Some(self.finding(span, format!("{} {b}", person.given), i))
    }

    /// Check 3: `first` is a known given name, `second` is near the surname.
    fn surname_drift(
        &self,
        doc: &Document<'_>,
        first: Span,
        second: Span,
        people: &[u32],
    ) -> Option<Finding> {
        self.surname_drift_of(doc, first, second, people).map(|(_, f)| f)
    }

    /// [`Gazetteer::surname_drift`], with the person meant.
    fn surname_drift_of(
        &self,
        doc: &Document<'_>,
        first: Span,
        second: Span,
        people: &[u32],
    ) -> Option<(u32, Finding)> {
        let text = doc.text();
        let (a, b) = (&text[first.range()], &text[second.range()]);
        // A title in the given name's place (`Sheikh Mohamed`, where the
        // gazetteer's `Hassan Sheikh Mohamud` reads as given name `Sheikh`)
        // names no one in particular.
        if self.titles.iter().any(|t| t.eq_ignore_ascii_case(a)) {
            return None;
        }
        let span = Span::new(first.start, second.end);
        // A title just before the name (`President Joseph Aoum`) says who is
        // meant, as a rare given name does.
        let titled = self.titled(text, first);
        let rare_given = !self.common_given.contains(a) || titled;
        let bf = folded(b);
        let before = name_before(text, first);
        for &i in people {
            let person = &self.people[i as usize];
            if person.surnames.iter().any(|s| s == b) || !near_surname(b, &person.surname, rare_given, titled)
            {
                continue;
            }
            // A given name in the middle of a longer name needs the word
            // before it, or a title: `Văn` of `Nguyễn Văn Thắng` is a
            // middle name millions share (`Lê Văn Thành` is someone else).
            if let Some(lead) = person.lead()
                && !titled
                && before.is_none_or(|w| fold_accents(w) != fold_accents(lead))
            {
                continue;
            }
            // The same letters but for accents: the native spelling of a
            // name written without them (`Kazımov`), or accents misplaced,
            // which check 5 reports.
            if *bf == person.folded_surname && (!person.surname.is_ascii() || self.native(b)) {
                continue;
            }
            // The role nearby, or the right surname elsewhere in the text
            // (`Fiala admits defeat` ... `Petr Fialla`).
            if self.in_context(doc, span, &person.context) || self.named_in(doc, second, person) {
                return Some((i, self.finding(span, format!("{a} {}", person.surname), i)));
            }
        }
        None
    }

    /// Check 6: the surname is not in the gazetteer (the given name may be,
    /// as another person's), but both words are near one person's given
    /// name and surname (`Emanuel Makron`, `Volodimir Zelenski`, `Denis
    /// Shmigal`): two drifts at once are a misspelling, not a namesake.
    fn full_drift(&self, doc: &Document<'_>, first: Span, second: Span) -> Option<Finding> {
        let text = doc.text();
        let (a, b) = (&text[first.range()], &text[second.range()]);
        let letters = b.chars().count();
        let a_letters = a.chars().count();
        if letters < 5 || a_letters < 4 {
            return None;
        }
        // The misspelling keeps the surname's first two letters (`Makron`,
        // `Pucin`, `Zelenski`): one lookup per length finds the candidates.
        let head = head_of(b)?;
        if let Some((x, y)) = ascii_head(head) {
            let near_lengths = 0b111u64.checked_shl(letters as u32 - 1).unwrap_or(0);
            if self.head_lengths[x][y] & near_lengths == 0 {
                return None;
            }
        }
        // The given name keeps its first two letters too (`Emanuel`,
        // `Volodimir`): titles and place names stop here.
        if let Some((x, y)) = head_of(a).and_then(ascii_head) {
            let given_lengths = 0b111_1111u64.checked_shl(a_letters as u32 - 3).unwrap_or(0);
            if self.given_head_lengths[x][y] & given_lengths == 0 {
                return None;
            }
        }
        let candidates =
            (letters - 1..=letters + 1).filter_map(|n| self.by_surname.get(&(head, n))).flatten();
        // Folded once for all the candidates.
        let (af, bf) = (folded(a), folded(b));
        // After a title (`French President Emanuel Makroni`), a surname of
        // six letters may be two off; whether there is one is asked once, if
        // ever.
        let titled = std::cell::OnceCell::new();
        for &i in candidates {
            let person = &self.people[i as usize];
            let surname_letters = person.surname.chars().count();
            let long = surname_letters >= 7
                || surname_letters == 6 && *titled.get_or_init(|| self.titled(text, first));
            let surname_max = if long { 2 } else { 1 };
            let given_letters = person.given.chars().count();
            // Two letters off a given name of four is half of it (`Hong` for
            // `Hoài`): another person's name, not a slip.
            let given_max = match given_letters {
                0..=4 => 1,
                5..=6 => 2,
                _ => 3,
            };
            if a_letters.abs_diff(given_letters) > given_max {
                continue;
            }
            let Some(ds) = distance_within(&bf, &person.folded_surname, surname_max).filter(|&d| d >= 1)
            else {
                continue;
            };
            let Some(dg) = distance_within(&af, &person.folded_given, given_max).filter(|&d| d >= 1) else {
                continue;
            };
            // Two letters off and another initial is another given name
            // (`María Fernanda` is not `Harin Fernando`).
            if dg >= 2 && af.chars().next() != person.folded_given.chars().next() {
                continue;
            }
            // Three letters off in all is as far as a namesake's name
            // (`historian Raphael Gross` is not Rafael Grossi): the
            // person's role must be nearby.
            if ds + dg < 3 || ds + dg == 3 && self.in_context(doc, second, &person.context) {
                let span = Span::new(first.start, second.end);
                return Some(self.finding(span, format!("{} {}", person.given, person.surname), i));
            }
        }
        None
    }

    /// Check 8: `first` and `second` sound like one person's given name and
    /// surname (their [`skeleton`]s are the same), and `second` is in no
    /// right name. Letters of an accepted transliteration (`i`, `y`, `j`)
    /// or accents alone (check 5) are no misspelling.
    fn sound_drift(&self, text: &str, first: Span, second: Span) -> Option<Finding> {
        let (a, b) = (&text[first.range()], &text[second.range()]);
        if b.len() < 3 {
            return None;
        }
        let mut buf = [0; SKELETON_MAX];
        let key = ascii_skeleton(b, &mut buf).map_or_else(|| skeleton(b).into(), std::borrow::Cow::Borrowed);
        let people = self.by_skeleton.get(&*key)?;
        if self.right_words.contains(b) {
            return None;
        }
        let given = skeleton(a);
        let &i = people.iter().find(|&&i| self.people[i as usize].given_skeleton == given)?;
        let person = &self.people[i as usize];
        // Short names sound like too many others.
        let letters = a.chars().count() + b.chars().count();
        if letters < MIN_SOUND_LETTERS
            || transliterated(a, &person.given) && transliterated(b, &person.surname)
        {
            return None;
        }
        let span = Span::new(first.start, second.end);
        Some(self.finding(span, format!("{} {}", person.given, person.surname), i))
    }

    /// Check 4: `word` alone is near a long surname (see the module docs).
    fn lone_drift(&self, doc: &Document<'_>, given: Option<Span>, word: Span) -> Option<Finding> {
        let text = doc.text();
        let w = &text[word.range()];
        if w.len() < LONE_MIN {
            return None;
        }
        // After a given name that is not the person's, the word is someone
        // else's surname (`Piotr Kuczyński`, an economist, is not Jarosław
        // Kaczyński), whatever the country nearby; after any capitalised
        // word but a title, a function word or a possessive, it ends
        // another name (`Vibo Valentia`, a province, is not Ángel Valencia).
        let other_given = given.map(|g| &text[g.range()]).filter(|g| {
            self.common_given.contains(*g)
                || self.index.get(*g).is_some_and(|k| !k.given_of.is_empty())
                || !(title_word(g) || not_name_word(g) || g.ends_with("'s") || g.ends_with("’s"))
        });
        // Before another capitalised word it is a given name (`Mayor
        // Süleyman Uluçay` is not Mustafa Suleyman), unless that word is
        // the person's other name (`Oyun-Erdine Luvsannamsrai`, the name in
        // the other order).
        let next = (!ends_name(text, word)).then(|| {
            let rest = &text[word.end + 1..];
            &rest[..rest.find(|c: char| !c.is_alphanumeric() && c != '-').unwrap_or(rest.len())]
        });
        let first = w.chars().next()?;
        let letters = w.chars().count();
        let near_lengths = 0b111u64.checked_shl(letters as u32 - 1).unwrap_or(0);
        if first.is_ascii() && self.lone_lengths[first as usize] & near_lengths == 0 {
            return None;
        }
        for &i in self.lone.get(&lone_key(w)).into_iter().flatten() {
            let person = &self.people[i as usize];
            let canon = person.surname.as_str();
            if lone_near(w, canon)
                && next.is_none_or(|n| person.words.iter().any(|x| x == n))
                && !person.surnames.iter().any(|s| s == w)
                && other_given.is_none_or(|g| person.givens.iter().any(|x| x == g))
                && self.in_context(doc, word, &person.context)
            {
                return Some(self.finding(word, canon.to_string(), i));
            }
        }
        None
    }

    /// Check 5: `word` is a surname with its accents misplaced; `given` is
    /// the capitalised word just before it, if any.
    fn accent_drift(&self, doc: &Document<'_>, given: Option<Span>, word: Span) -> Option<Finding> {
        let text = doc.text();
        let w = &text[word.range()];
        if w.is_ascii() {
            return None;
        }
        let people = self.unaccented.get(&fold_accents(w))?;
        if people.iter().any(|(i, _)| self.people[*i as usize].words.iter().any(|s| s == w)) {
            return None;
        }
        for (i, canon) in people {
            if canon.is_ascii() && self.native(w) {
                continue;
            }
            let person = &self.people[*i as usize];
            let first = person.name.split_whitespace().next().unwrap_or_default();
            let is_given =
                |g: &Span| person.givens.iter().any(|x| x == &text[g.range()]) || first == &text[g.range()];
            if let Some(g) = given.filter(is_given) {
                let span = Span::new(g.start, word.end);
                return Some(self.finding(span, format!("{} {canon}", &text[g.range()]), *i));
            }
            // Alone, the word must end its name: before another capitalised
            // word it is a given name (`Interior Minister Lázaro Alberto
            // Álvarez`, not Theresa Lazaro).
            let ends_name = ends_name(text, word);
            // A middle name alone needs the person named elsewhere: its
            // role nearby does not say that `Bình Định` is not a place.
            let surname = *canon == person.surname;
            if ends_name
                && ((surname && self.in_context(doc, word, &person.context))
                    || self.named_in(doc, word, person))
            {
                return Some(self.finding(word, canon.clone(), *i));
            }
        }
        None
    }

    /// Whether the document names the person elsewhere by the surname
    /// (`Lökke said` after `Lars Løkke Rasmussen`), when `word` is not it.
    fn named_in(&self, doc: &Document<'_>, word: Span, person: &Person) -> bool {
        let text = doc.text();
        let surname = person.surname.as_str();
        text[word.range()] != *surname && whole_words(text, surname).any(|i| i != word.start)
    }

    /// Whether a title is right before `span` or one of `contexts` (a
    /// person's, lowercase) is near it.
    fn in_context(&self, doc: &Document<'_>, span: Span, contexts: &[String]) -> bool {
        let text = doc.text();
        if self.titled(text, span) {
            return true;
        }
        if contexts.is_empty() {
            return false;
        }
        let mut start = span.start.saturating_sub(self.window);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = (span.end + self.window).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // Rare path (a near miss): one lowercase copy of the window is fine.
        let window = text[start..end].to_lowercase();
        contexts.iter().any(|c| contains_word(&window, c))
    }

    /// Whether every non-ASCII letter of `word` is one of
    /// [`Params::native_letters`].
    fn native(&self, word: &str) -> bool {
        word.chars().filter(|c| !c.is_ascii()).all(|c| self.native_letters.contains(&c))
    }

    /// Whether the name around `span` (its run of capitalised words and
    /// the three words after it) holds one of [`Params::tone_letters`].
    fn toned(&self, text: &str, span: Span) -> bool {
        // A name has a few words: the walk stops after three.
        let mut start = span.start;
        for _ in 0..3 {
            let Some(word) = name_before(text, Span::new(start, span.end)) else { break };
            start -= word.len() + 1;
        }
        // The words after it count too, whatever their case: a word of a
        // Vietnamese sentence (`“Làm ăn bây giờ khó hơn”`) is no name.
        let mut end = span.end;
        for _ in 0..3 {
            let Some(r) = text[end..].strip_prefix(' ') else { break };
            let len = r.find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(r.len());
            if len == 0 {
                break;
            }
            end += 1 + len;
        }
        text[start..end].chars().any(|c| self.tone_letters.contains(&c))
    }

    /// Whether the text names the person of finding `f` right: a name
    /// with tone marks a letter off theirs is then a slip (`Phạm Minh
    /// Chánh` beside `Phạm Minh Chính`).
    fn names_right_in(&self, text: &str, f: &Finding) -> bool {
        let Some((_, name)) = f.args.iter().find(|(k, _)| k == "person") else { return false };
        self.people.iter().position(|p| &p.name == name).is_some_and(|i| self.names_right(text, i as u32))
    }

    /// Whether `span` is a listed wrong form (check 1), which stands
    /// whatever letters its name holds.
    fn listed_wrong(&self, text: &str, span: Span) -> bool {
        let last = text[span.range()].rsplit(' ').next().unwrap_or_default();
        let Some(keys) = self.index.get(last) else { return false };
        keys.wrong.iter().any(|(form, ..)| form == &text[span.range()])
    }

    /// Whether one of [`Params::titles`] ends just before `span`, on its
    /// line (`Outgoing Prime Minister Petr Fialla`).
    fn titled(&self, text: &str, span: Span) -> bool {
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let before = text[line_start..span.start].trim_end_matches([' ', '\u{a0}']);
        if before.len() == text[line_start..span.start].len() {
            return false;
        }
        // The title may stand in apposition: `the Head of State, Alassane
        // Outtara`.
        let before = before.strip_suffix(',').unwrap_or(before);
        self.titles.iter().any(|t| {
            before.len() >= t.len()
                && before.is_char_boundary(before.len() - t.len())
                && before[before.len() - t.len()..].eq_ignore_ascii_case(t)
                && !before[..before.len() - t.len()].chars().next_back().is_some_and(char::is_alphanumeric)
        })
    }

    /// Whether the text names `person` by a right full name.
    fn names_right(&self, text: &str, person: u32) -> bool {
        self.people[person as usize].names.iter().any(|name| whole_words(text, name).next().is_some())
    }

    /// Whether `span` opens a longer name that is right: `Hassan Sheikh` of
    /// `Hassan Sheikh Mohamud` is no misspelled `Hussein Sheikh`.
    fn opens_a_right_name(&self, text: &str, span: Span) -> bool {
        // Most findings end their name: one byte check before the people.
        let continued = text[span.end..].strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_uppercase));
        if !continued {
            return false;
        }
        let rest = &text[span.start..];
        self.people.iter().flat_map(|p| &p.names).any(|name| {
            name.len() > span.len()
                && rest.starts_with(name.as_str())
                && !rest[name.len()..].starts_with(char::is_alphanumeric)
        })
    }

    fn finding(&self, span: Span, replacement: String, person: u32) -> Finding {
        let person = &self.people[person as usize];
        Finding::new(span)
            .arg("replacement", replacement.clone())
            .arg("person", person.name.clone())
            .fix(Edit::new(span, replacement))
    }
}

/// The capitalised word just before `span`, one space between.
fn name_before(text: &str, span: Span) -> Option<&str> {
    let head = text[..span.start].strip_suffix(' ')?;
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '-')
        .last()
        .map(|(i, _)| i)?;
    let word = &head[start..];
    word.starts_with(char::is_uppercase).then_some(word)
}

/// `s` with its combining accents removed (`Sánchez` and `Sanchéz` are
/// both `Sanchez`).
pub(super) fn fold_accents(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    // Letters with a stroke and ligatures do not decompose.
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(|&c| !is_combining_mark(c)) {
        match c {
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            _ => out.push(c),
        }
    }
    out
}

/// The letters of `s` in lower and upper case.
fn both_cases(s: &str) -> HashSet<char, Fast> {
    s.chars().flat_map(|c| [c, c.to_uppercase().next().unwrap_or(c)]).collect()
}

/// Where `word` occurs in `text` with no letter or digit glued to either
/// side (`Fiala`, not `Fialová`).
fn whole_words<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        !text[..i].ends_with(char::is_alphanumeric)
            && !text[i + word.len()..].starts_with(char::is_alphanumeric)
    })
}

/// Whether `phrase` starts a word of `text`: the role word `cia` is not in
/// `special`. A phrase of three letters or fewer (an acronym) must end the
/// word too (`un` is not in `under`); a longer one may take a suffix
/// (`president` is in `presidential`).
fn contains_word(text: &str, phrase: &str) -> bool {
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let short = phrase.chars().count() <= 3;
    text.match_indices(phrase).any(|(i, m)| {
        let glued_before = word_char(text[..i].chars().next_back());
        let glued_after = word_char(text[i + m.len()..].chars().next());
        !(glued_before || short && glued_after)
    })
}

/// Whether a context word names a country or a people (`Czech`,
/// `Slovakia`): one word, capitalised, the rest lowercase. Acronyms (`ECB`,
/// `FIFA`) and roles (`finance minister`) name an office or a body.
fn is_place_or_people(context: &str) -> bool {
    let mut chars = context.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// A given name close enough to be a misspelling of `canon`.
fn near(word: &str, canon: &str) -> bool {
    let n = canon.chars().count();
    let max = match n {
        0..=3 => return false,
        4..=5 => 1,
        _ => 2,
    };
    let letters = word.chars().count();
    // More letters apart than edits allowed: no distance to compute.
    letters >= 3 && letters.abs_diff(n) <= max && same_initial(word, canon) && within(word, canon, max)
}

/// A role and, when it ends in one of `offices` (`economy minister`), the
/// word order of translated text: `minister of economy`, `minister of the
/// economy`.
fn with_inverted_role(role: &str, offices: &[String]) -> Vec<String> {
    let mut out = vec![role.to_string()];
    let words: Vec<&str> = role.split(' ').collect();
    if let [field @ .., office] = words.as_slice()
        && !field.is_empty()
        && offices.iter().any(|o| o.eq_ignore_ascii_case(office))
    {
        let field = field.join(" ");
        out.push(format!("{office} of {field}"));
        out.push(format!("{office} of the {field}"));
    }
    out
}

/// A surname close enough to be a misspelling of `canon`. A four-letter
/// surname (`Duda`) may be one letter off only after a given name that is
/// not common (`Andrzej Dudda`, but not `John Kery`) or after a title
/// (`Prime Minister Donald Tuks`); a five-letter one two letters off only
/// after a title (`President Rumen Radeff`).
fn near_surname(word: &str, canon: &str, rare_given: bool, titled: bool) -> bool {
    let n = canon.chars().count();
    let max = match n {
        0..=3 => return false,
        4 if !rare_given => return false,
        5 if titled => 2,
        4..=5 => 1,
        _ => 2,
    };
    let letters = word.chars().count();
    if letters < 3 || letters.abs_diff(n) > max {
        return false;
    }
    // Accents count as no edit: `Rinkevichs` is one letter off Rinkēvičs.
    if same_initial(word, canon) {
        return folded_within(word, canon, max);
    }
    // Another first letter (`Lubio` for Rubio, `Quterreş` for Guterres):
    // one edit, accents aside, on a surname of five letters or more.
    n >= 5 && folded_distance(word, canon) == Some(1)
}

/// A given name further off than [`near`] allows: two edits with any first
/// letter (`Kristine` for Christine), three on a name of six letters or
/// more (`Đani` for Gianni).
fn near_loosely(word: &str, canon: &str) -> bool {
    let n = canon.chars().count();
    let max = if n >= 6 { 3 } else { 2 };
    let letters = word.chars().count();
    // Titles before a surname (`President Macron`) are the common case:
    // most differ in length by more than the edits allowed.
    n >= 4 && letters >= 3 && letters.abs_diff(n) <= max && folded_within(word, canon, max)
}

/// The fewest letters of a name pair that check 8 reads.
const MIN_SOUND_LETTERS: usize = 7;

/// A name word as its slips and transliterations share it: accents folded,
/// lowercase, `ph` as `f`, `th` as `t`, `ch`, `kh` and `ck` as `k`, `sch`,
/// `sh`, `zh` and `sz` as `s`, then `c` and `q` as `k`, `z` as `s`, `y` and `j` as
/// `i`, `w` as `v`, `x` as `ks`, a letter doubled written once, and a final
/// `e` dropped. `Lagarde` and `Lagard` are `lagard`, `Christine` and
/// `Kristin` `kristin`, `Zelensky` and `Zelenszkij` `selenski`.
fn skeleton(word: &str) -> String {
    let mut buf = [0; SKELETON_MAX];
    if let Some(key) = ascii_skeleton(word, &mut buf) {
        return key.to_string();
    }
    // Folded to ASCII (`Košta`), or letters of another script, kept as
    // they are.
    let folded = fold_accents(word).to_lowercase();
    ascii_skeleton(&folded, &mut buf).map(str::to_string).unwrap_or(folded)
}

/// The longest word [`ascii_skeleton`] takes, in bytes.
const SKELETON_MAX: usize = 48;

/// [`skeleton`] of an ASCII word into `buf`, without allocating: the hot
/// path, one call per pair of capitalised words the other checks pass.
fn ascii_skeleton<'b>(word: &str, buf: &'b mut [u8; SKELETON_MAX]) -> Option<&'b str> {
    let mut letters = [0u8; SKELETON_MAX];
    let letters = letters.get_mut(..word.len())?;
    if !word.is_ascii() {
        return None;
    }
    for (l, b) in letters.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    let mut n = 0;
    let mut push = |sound: u8| {
        if n == 0 || buf[n - 1] != sound {
            buf[n] = sound;
            n += 1;
        }
    };
    let mut i = 0;
    while i < letters.len() {
        let (sound, len) = match letters[i..] {
            [b's', b'c', b'h', ..] => (b's', 3),
            [b'p', b'h', ..] => (b'f', 2),
            [b't', b'h', ..] => (b't', 2),
            [b'c' | b'k', b'h', ..] | [b'c', b'k', ..] => (b'k', 2),
            [b's' | b'z', b'h', ..] | [b's', b'z', ..] => (b's', 2),
            [b'c' | b'q', ..] => (b'k', 1),
            [b'z', ..] => (b's', 1),
            [b'y' | b'j', ..] => (b'i', 1),
            [b'w', ..] => (b'v', 1),
            [b'x', ..] => {
                push(b'k');
                (b's', 1)
            }
            [c, ..] => (c, 1),
            [] => break,
        };
        push(sound);
        i += len;
    }
    if n > 3 && buf[n - 1] == b'e' {
        n -= 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// Whether `word` is `canon` letter for letter, but for accents, case, and
/// letters that transliterations write as `i`, `y` or `j` (`Pashinian`,
/// `Pashinyan`; `Sergey`, `Sergei`).
fn transliterated(word: &str, canon: &str) -> bool {
    let (w, c) = (folded(word), folded(canon));
    let ij = |x: char| matches!(x.to_ascii_lowercase(), 'i' | 'y' | 'j');
    w.chars().count() == c.chars().count()
        && w.chars().zip(c.chars()).all(|(x, y)| x.eq_ignore_ascii_case(&y) || ij(x) && ij(y))
}

/// `s` with accents folded, borrowed when it is ASCII.
fn folded(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() { s.into() } else { fold_accents(s).into() }
}

/// [`within`] with accents folded (see [`fold_accents`]).
fn folded_within(a: &str, b: &str, max: usize) -> bool {
    if a.is_ascii() && b.is_ascii() {
        within(a, b, max)
    } else {
        folded_distance(a, b).is_some_and(|d| d <= max)
    }
}

/// [`distance`] with accents folded (see [`fold_accents`]).
fn folded_distance(a: &str, b: &str) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() { distance(a, b) } else { distance(&fold_accents(a), &fold_accents(b)) }
}

/// The first two letters of a name, lowercase and with accents folded.
fn head_of(name: &str) -> Option<[char; 2]> {
    let b = name.as_bytes();
    if b.len() >= 2 && b[0].is_ascii() && b[1].is_ascii() {
        return Some([char::from(b[0].to_ascii_lowercase()), char::from(b[1].to_ascii_lowercase())]);
    }
    let folded = fold_accents(name);
    let mut chars = folded.chars().map(|c| c.to_lowercase().next().unwrap_or(c));
    Some([chars.next()?, chars.next()?])
}

/// A head of two lowercase ASCII letters as indices into `head_lengths`.
fn ascii_head([a, b]: [char; 2]) -> Option<(usize, usize)> {
    let index = |c: char| c.is_ascii_lowercase().then(|| usize::from(c as u8 - b'a'));
    Some((index(a)?, index(b)?))
}

/// Letters a surname needs for check 4: shorter ones are one edit away
/// from too many other words and names.
const LONE_MIN: usize = 8;

/// A word's first letter and its last two: a lone misspelling keeps all
/// three (its edit is neither its first letter nor in a gendered or plural
/// ending: `Zelenska`, `Peskova`), so one lookup finds its candidates.
fn lone_key(word: &str) -> (char, char, char) {
    let first = word.chars().next().unwrap_or_default();
    let mut end = word.chars().rev();
    let last = end.next().unwrap_or_default();
    (first, end.next().unwrap_or_default(), last)
}

/// One edit between `word` and `canon` (which share their [`lone_key`]),
/// both at least [`LONE_MIN`] letters, and not making one a start of the
/// other (`Bolsonarist`).
fn lone_near(word: &str, canon: &str) -> bool {
    let (n, m) = (word.chars().count(), canon.chars().count());
    lone_key(word) == lone_key(canon)
        && n.min(m) >= LONE_MIN
        && n.abs_diff(m) <= 1
        && !word.starts_with(canon)
        && !canon.starts_with(word)
        && within(word, canon, 1)
        && distance(word, canon) == Some(1)
}

fn same_initial(a: &str, b: &str) -> bool {
    a.chars().next() == b.chars().next()
}

#[cfg(test)]
mod tests;
