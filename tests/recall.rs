//! Recall on labelled corpora, scored the way `../shared/eval/score.py`
//! scores: a label is caught when a diagnostic on its file overlaps its byte
//! range. The JSON output is read with a real JSON parser.
//!
//! - `fixtures/defects` (labels by `fixtures/make_defects.py`): articles
//!   written to exercise every defect class in new surface forms.
//! - `fixtures/heldout` to `fixtures/heldout24` (labels in
//!   `fixtures/heldout*.gold.jsonl`): fourteen articles each, written
//!   without reading the rules, as held-out sets (the second one scored
//!   0.732 `must` recall blind, the third 0.746, the fourth 0.657, the
//!   fifth 0.809, the sixth 0.773, the seventh 0.778, the eighth 0.737, the
//!   ninth 0.714, the tenth 0.786, the eleventh 0.777, the twelfth
//!   0.833, the thirteenth 0.808, the fourteenth 0.782, the fifteenth 0.769,
//!   the sixteenth 0.681, the seventeenth 0.707, the eighteenth 0.705, the
//!   nineteenth 0.676, the twentieth 0.692, the twenty-first 0.842, the
//!   twenty-second 0.801, the twenty-third 0.843, the twenty-fourth 0.821).
//!   Rules
//!   were later added for what they showed missing, so they are regression
//!   floors now, not blind measures.

mod common;

use std::collections::HashMap;

use common::{json, run};

struct Label {
    file: String,
    category: String,
    tier: String,
    start: u64,
    end: u64,
    text: String,
}

fn labels(gold: &str) -> Vec<Label> {
    let src = std::fs::read_to_string(common::fixtures(gold)).expect("gold file");
    src.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line is JSON");
            let s = |k: &str| v[k].as_str().expect(k).to_string();
            let n = |k: &str| v[k].as_u64().expect(k);
            Label {
                file: s("file"),
                category: s("category"),
                tier: s("tier"),
                start: n("start"),
                end: n("end"),
                text: s("text"),
            }
        })
        .collect()
}

/// Byte spans of the diagnostics, by file name.
fn spans(dir: &str) -> HashMap<String, Vec<(u64, u64)>> {
    let (code, out, err) = run(&["--isolated", "--format", "json", &format!("fixtures/{dir}")]);
    assert_eq!(code, 1, "{err}");
    let mut by_file: HashMap<String, Vec<(u64, u64)>> = HashMap::new();
    for d in json(&out)["diagnostics"].as_array().expect("diagnostics array") {
        let path = d["path"].as_str().expect("path");
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        let span = (d["span"]["start"].as_u64().unwrap(), d["span"]["end"].as_u64().unwrap());
        by_file.entry(name).or_default().push(span);
    }
    by_file
}

/// The `must` labels missed, each as `file:start category 'text'`.
fn missed(dir: &str, gold: &str) -> (Vec<String>, usize) {
    let found = spans(dir);
    let must: Vec<Label> = labels(gold).into_iter().filter(|l| l.tier == "must").collect();
    let missed = must
        .iter()
        .filter(|l| {
            !found.get(&l.file).into_iter().flatten().any(|&(s, e)| s < l.end.max(l.start + 1) && l.start < e)
        })
        .map(|l| format!("{}:{} {} '{}'", l.file, l.start, l.category, l.text))
        .collect();
    (missed, must.len())
}

#[test]
fn every_must_label_of_the_defect_fixtures_is_caught() {
    let (missed, total) = missed("defects", "defects.gold.jsonl");
    assert!(total > 150, "{total} labels");
    assert!(missed.is_empty(), "missed {} of {total}:\n{}", missed.len(), missed.join("\n"));
}

#[test]
fn the_heldout_articles_keep_their_recall() {
    let (missed, total) = missed("heldout", "heldout.gold.jsonl");
    // 135 `must` labels; the misses are name misspellings whose person is
    // not in the gazetteer or whose role words are out of reach.
    assert!(total >= 130, "{total} labels");
    assert!(missed.len() <= 4, "missed {} of {total}:\n{}", missed.len(), missed.join("\n"));
    assert!(missed.iter().all(|m| m.contains(" name-misspelling ")), "{}", missed.join("\n"));
}

/// The held-out sets after the first: directory (labels in
/// `DIR.gold.jsonl`), the fewest `must` labels it has, and the most it may
/// miss. The floors are the misses when they were set: mostly MT wording
/// without a fixed phrase and names outside the gazetteer or misspelt beyond
/// its checks; also stamps glued to the text and indented headlines
/// (heldout3, heldout4), straight quotes spaced like French ones (heldout5),
/// words glued without a capital and a Swahili paragraph whatlang cannot
/// name (heldout6), names inflected or transliterated beyond the
/// gazetteer's checks (heldout7), and MT wording of officials' titles and
/// bureaucratic phrases, widget lines labelled truncated text, and related
/// headlines after the article (heldout8), and idioms and sports and court
/// calques of Iberian, Benelux, Balkan and Asian sources, and regional
/// officials outside the gazetteer (heldout9), and clauses cut after a
/// relative pronoun and Asian and Middle Eastern names transliterated
/// beyond the gazetteer's checks (heldout10), and MT wording of Nordic,
/// Balkan, Caucasian, South Asian and Latin American sources, sentences
/// ending on a modal or an adjective, and officials outside the gazetteer
/// (heldout11, heldout12), and MT wording and officials of Central Asian,
/// African and Latin American sources (heldout13, heldout14), and MT wording,
/// officials outside the gazetteer and untranslated widgets of Iberian,
/// Latin American, Balkan, Nordic, East Asian and Arab sources (heldout15,
/// heldout16), and MT wording and officials of South and Southeast Asian,
/// African, Eastern and Western European sources (heldout17, heldout18), and
/// MT wording, web phrasing addressed to the reader and officials of Gulf,
/// Central Asian, Latin American and small European sources (heldout19,
/// heldout20), and MT wording, share rows and officials of South-East and
/// Central Asian, Arab, African, Balkan and Latin American sources
/// (heldout21, heldout22), and MT wording and chrome of German, French,
/// Slavic, Iberian, East Asian and Middle Eastern sources on world news
/// (heldout23, heldout24), and MT wording, read counters and officials of
/// Central European, Baltic, Nordic and Latin American sources (heldout25,
/// heldout26), and chrome, reader address and dates of East and Central
/// Asian, Caucasian and Israeli sources (heldout27), and bylines, counters
/// and MT wording of French, German, Dutch, Iberian, Greek, Polish,
/// Russian, Ukrainian, Iranian, Indonesian and Beninese sources (heldout28),
/// and MT wording, bylines and stamps of Spanish, Italian, Romanian,
/// Hungarian, Czech, Serbian, Bulgarian, Turkish, Egyptian, Lebanese,
/// Moroccan, Senegalese, Cameroonian and Quebec sources (heldout29), and MT
/// wording of Nordic, Baltic, Balkan, Caucasian, East Asian, South American
/// and Tunisian sources (heldout30), and MT wording and chrome of Latin
/// American, South and Southeast Asian, African, Israeli and Kazakh sources
/// (heldout31), and MT wording of Nordic, Baltic, Balkan, Caucasian,
/// Central and Southeast Asian sources (heldout32), and word order and
/// idioms of genre reports (a live blog, match and market reports, an
/// obituary, a court report, a weather bulletin, an interview) from
/// European and East Asian sources (heldout33), and of harvest, cycling,
/// housing, admissions, pilgrimage, road-safety, film-festival, budget,
/// cricket, wildlife, fashion, fuel-price, election and recall reports from
/// European, Middle Eastern, South, East and Southeast Asian and East
/// African sources (heldout34), and of airline, hospital, space, tourism,
/// strike, startup, mining, defence, migration, audit, air-quality, IPO,
/// flood and religious-affairs reports from Catalan, Slovak, Brazilian,
/// Croatian, Argentine, Estonian, Kazakh, Georgian, Cypriot, Latvian,
/// Vietnamese, Thai, Bangladeshi and Pakistani sources (heldout35), and of
/// transport, harvest, research, eviction, basketball, drought, arrest,
/// typhoon, ferry and rate-decision reports from Austrian, Portuguese,
/// Danish, Spanish, Lithuanian, Moroccan, Mexican, Filipino, Norwegian and
/// Turkish sources (heldout36), and of an opinion column, an editorial, an
/// interview, a listicle, a photo gallery, a press release, a vote ticker
/// and a police blotter from Latin American, French- and Arabic-language
/// African, Middle Eastern, Chinese and Swiss sources (heldout37), and of
/// regional budget, derby, festival, closure, waiting-list, ranking,
/// wildfire, trial, tourism, wage, obituary, museum and accident reports
/// from Quebec, Luxembourg, Sicily, Galicia, Bavaria, Wallonia, Flanders,
/// Silesia, Tatarstan, Kharkiv, Vojvodina, Crete, Izmir and Sarajevo
/// (heldout38), and of East, Southeast and South Asian and Iranian live
/// blogs, earnings, typhoon, court, dengue, exam, rail, festival, budget,
/// harvest, fraud and power-cut stories (heldout39), and of Central,
/// Eastern and Northern European storm, pension, transfer, trial, audit,
/// housing, bear, ski, wine, tram, strike, election and theatre stories
/// (heldout40), and of North, East and West African and Arab match,
/// fuel, hajj, cholera, cabinet, port, fraud, strike, startup, cocoa, film
/// and drought stories (heldout41), and of Latin American and Caribbean
/// carnival, inflation, school, scandal, lithium, riot, baseball, dengue,
/// volcano, fare, canal, caravan, telenovela and storm stories (heldout42),
/// and of Western and Southern European court, results, obituary, study,
/// strike, wildfire, vote, startup, farm, theft, cycling, rent, ferry and
/// energy-price stories (heldout43), of Russian, Ukrainian, Caucasian,
/// Central Asian, Moldovan, Mongolian, Latvian and Serbian frontline,
/// sanctions, election, court, chess, power-cut, border, rate, admission,
/// mining and theatre stories (heldout44), and of East, South and Southeast
/// Asian, Middle Eastern and African market, launch, health, flood, cricket,
/// budget, verdict, metro, film, fuel, satellite, exam, port and wildlife
/// stories (heldout45), and of Nordic, Benelux, Alpine and Atlantic live
/// blogs, explainers, fact-checks, tickers, interview transcripts, blotters
/// and results round-ups (heldout46), of Gulf, Levantine, Iraqi, Turkish,
/// Iranian, Israeli and Maghreb mega-project, airport, ranking, refinery,
/// heatwave, water, bank, football, reconstruction, tourism, import, debate,
/// court and Eid stories (heldout47), and of Southeast Asian, South Asian,
/// Pacific and Mongolian monsoon, rice, scam, bridge, palm-oil, typhoon,
/// festival, election, strike, avalanche, school-meal, rugby, royalty and
/// visa stories (heldout48), of Latin American water, prison, transfer,
/// rate, fiesta, mine, caravan, strike, drill, coffee, referendum, hospital,
/// toll and obituary stories (heldout49), of Central and Eastern European
/// coalition, flood, hockey, wine, indictment, railway, audit, bear,
/// pension, ski, festival, pharmacy, border and school stories (heldout50),
/// and of West, Central and East African cashew, cholera, football,
/// mobile-money, poaching, fuel, strike, power-cut, chieftaincy, locust,
/// festival, ferry, census and decree stories (heldout51), and of French,
/// German, Austrian, Swiss, Russian, Ukrainian and other post-Soviet pages
/// on NATO, sanctions, trade, budgets, elections, strikes, energy, courts,
/// gas transit, prisoner exchanges and peace talks (heldout52-54), and of
/// Italian, Chinese, Japanese, Korean and Spanish pages on parliaments,
/// courts, strikes, typhoons, tariffs, missiles, football, wildfires and
/// housing (heldout55-57), and of French, Belgian, Swiss, Quebec,
/// Maghreb, West African, German, Austrian, South Tyrolean, Russian,
/// Central Asian, Baltic and Moldovan regional pages (heldout58-60), and of
/// Portuguese, Brazilian and Lusophone African, Turkish, Polish, Dutch and
/// Flemish pages, and French, German and Russian pages on international
/// affairs (heldout61-63), and of Arabic pages from Cairo to Doha,
/// Spanish pages from Mexico to Buenos Aires, and French, German and
/// Russian pages on business, courts, sport, science and culture
/// (heldout64-66), and of Japanese, Korean, Chinese, Taiwanese and
/// Vietnamese pages, Polish, Czech, Slovak, Hungarian, Romanian, Bulgarian,
/// Serbian and Croatian pages, and Turkish, Iranian, Ukrainian, Kazakh,
/// Azerbaijani and Georgian pages (heldout67-69, where most `must` labels
/// are calques: 193, 98 and 95), and of South and Southeast Asian,
/// African, and Southern European pages (heldout70-72; 185, 146 and 247
/// calques), and of Latin American, German-, Dutch-, Arabic- and
/// Hebrew-language pages (heldout73-75; 190, 177 and 115 calques), and of
/// Russian-language and Central Asian, Nordic and Baltic, and
/// French-language pages (heldout76-78; 171, 161 and 168 calques), and of
/// East Asian, Central European, Turkish, Greek, Iranian, Ukrainian and
/// Georgian, and South and Southeast Asian pages (heldout79-82; 144, 133,
/// 114 and 152 calques), of English-language aggregators republishing
/// machine-translated European and wire stories (heldout83-84; 195 and 165
/// calques), and of Latin American and Iberian, and German, Dutch and
/// Scandinavian pages (heldout85-86; 156 and 176 calques), and of
/// aggregators republishing Israeli, Korean, Spanish, Brazilian and Polish
/// stories, African and Middle Eastern blogs republishing wire copy,
/// Arabic- and Hebrew-language pages, and Russian-language pages
/// (heldout87-90; 178, 192, 141 and 159 calques; first scored with this
/// session's later binary, the one before they were written), and of
/// French-language, Italian, Japanese, Korean and Chinese (through
/// English-language aggregators), and Central and Eastern European pages
/// (heldout91-94; 247, 203, 144 and 417 `must` calques), and of Spanish and
/// Mexican pages, of aggregators republishing German, Austrian and Swiss
/// stories, and of Turkish, Iranian, Azerbaijani and Kurdish, and
/// Portuguese-language pages (heldout95-98; 120, 234, 154 and 143 `must`
/// calques; first scored with this session's later binary, the one before
/// they were written), and of Chinese-language, South Asian, African and
/// (through English-language aggregators) French, Italian, Spanish and
/// Portuguese pages (heldout99-102; 156, 151, 187 and 172 `must` calques;
/// first scored the same way), and of Nordic, Greek and Balkan, and
/// Arabic-language pages (heldout103-105; 165, 177 and 168 `must` calques;
/// first scored with the binary of the session's start), and of Dutch and
/// Belgian, Southeast Asian and South American pages (heldout106-108; 167,
/// 166 and 172 `must` calques; first scored with the session's binary of
/// the hour before they were written), and of Ukrainian and Russian,
/// Turkish and Azerbaijani, Japanese and Korean, Polish, Czech, Slovak and
/// Hungarian, Italian and Portuguese, and Persian and South Asian pages
/// (heldout109-114; 242, 142, 158, 169, 158 and 168 `must` calques; first
/// scored with the binary of the session's start), and of German, Austrian
/// and Swiss, French, Belgian, Swiss and Québec, Francophone African and
/// Maghreb, and Chinese-language pages (heldout115-118; 156, 192, 170 and
/// 130 `must` calques; first scored with the session's binary of the hour
/// before they were written), and of Spanish and Catalan, Romanian,
/// Moldovan, Bulgarian and Serbian, Israeli and Levant, and Vietnamese, Thai
/// and Cambodian pages (heldout119-122; 133, 177, 140 and 170 `must`
/// calques; first scored the same way), and of Baltic and Belarusian,
/// Brazilian, and Nigerian, Ghanaian and East African pages
/// (heldout123-125; 198, 151 and 141 `must` calques; first scored the same
/// way), and of Gulf Arabic, Egyptian, Jordanian and Iraqi, Indonesian,
/// Malaysian and Singaporean, Spanish-American, Nordic, Dutch and Flemish,
/// Greek and Cypriot, and Caucasian and Central Asian pages
/// (heldout126-133; first scored with the binary of the session's start),
/// and of Philippine, Pakistani and Bangladeshi, Lusophone African,
/// Albanian and former Yugoslav, Venezuelan, Cuban and Central American,
/// Mongolian and Russian regional, Indian, and European sports pages
/// (heldout134-141; first scored with the session's binary of the hour
/// before they were written), and of Horn of Africa and Sudanese, Sri
/// Lankan, Nepali, Bhutanese and Maldivian, French regional, and Afghan
/// and Tajik pages (heldout142-145; first scored the same way), and of
/// Portuguese and Brazilian, Turkish and Turkish Cypriot, Polish, Czech
/// and Slovak, and Japanese and Korean pages (heldout146-149; fewer
/// calques among their labels; first scored with the session's first
/// binary), and of Italian, Austrian and Swiss, Ukrainian, and Hong Kong,
/// Taiwanese and mainland Chinese pages (heldout150-153; first scored the
/// same way).
/// Blind `must` recall: 0.732, 0.746, 0.657, 0.809, 0.773, 0.778, 0.737,
/// 0.714, 0.786, 0.777, 0.833, 0.808, 0.782, 0.769, 0.681, 0.707, 0.705,
/// 0.676, 0.692, 0.842, 0.801, 0.843, 0.821, 0.792, 0.805, 0.825, 0.770,
/// 0.789, 0.849, 0.862, 0.891, 0.776, 0.783, 0.774, 0.775, 0.840, 0.806,
/// 0.724, 0.819, 0.789, 0.800, 0.848, 0.810, 0.771, 0.859, 0.762, 0.915,
/// 0.891, 0.860, 0.885, 0.851, 0.775, 0.845, 0.783, 0.787, 0.843, 0.822,
/// 0.765, 0.812, 0.810, 0.777, 0.759, 0.849, 0.832, 0.701, 0.550, 0.747,
/// 0.751, 0.513, 0.556, 0.454, 0.548, 0.531, 0.645, 0.578, 0.574, 0.522,
/// 0.527, 0.544, 0.643, 0.523, 0.593, 0.553, 0.577, 0.540, 0.502, 0.590,
/// 0.636, 0.597, 0.499, 0.548, 0.614, 0.384, 0.617, 0.506, 0.586, 0.587,
/// 0.567, 0.559, 0.584, 0.604, 0.577, 0.548, 0.556, 0.606, 0.548, 0.511,
/// 0.497, 0.579, 0.555, 0.559, 0.544, 0.529, 0.607, 0.543, 0.558, 0.575,
/// 0.613, 0.545, 0.614, 0.532, 0.511, 0.555, 0.567, 0.519, 0.579, 0.622,
/// 0.495, 0.618, 0.587, 0.539, 0.535, 0.478, 0.534, 0.474, 0.622, 0.490,
/// 0.579, 0.582, 0.574, 0.596, 0.511, 0.584, 0.571, 0.800, 0.802, 0.812,
/// 0.772, 0.822, 0.756, 0.829, 0.750.
const FLOORS: &[(&str, usize, usize)] = &[
    ("heldout2", 200, 10),
    ("heldout3", 280, 13),
    ("heldout4", 290, 14),
    ("heldout5", 280, 4),
    ("heldout6", 290, 14),
    ("heldout7", 320, 15),
    ("heldout8", 310, 40),
    ("heldout9", 300, 28),
    ("heldout10", 250, 6),
    ("heldout11", 250, 22),
    ("heldout12", 245, 22),
    // One more since Roberto Fico, president of Campania, is in the
    // gazetteer as himself: the set's `Prime Minister Roberto Fico` (for
    // Robert Fico) reads as a right name now.
    ("heldout13", 320, 21),
    ("heldout14", 260, 13),
    ("heldout15", 300, 33),
    ("heldout16", 320, 62),
    ("heldout17", 330, 85),
    ("heldout18", 350, 71),
    ("heldout19", 340, 71),
    ("heldout20", 330, 45),
    ("heldout21", 330, 21),
    ("heldout22", 320, 23),
    ("heldout23", 310, 17),
    ("heldout24", 310, 25),
    ("heldout25", 310, 21),
    ("heldout26", 320, 22),
    ("heldout27", 330, 47),
    ("heldout28", 220, 18),
    ("heldout29", 225, 29),
    ("heldout30", 270, 16),
    ("heldout31", 265, 19),
    ("heldout32", 225, 9),
    ("heldout33", 300, 11),
    ("heldout34", 280, 17),
    ("heldout35", 290, 26),
    ("heldout36", 200, 24),
    ("heldout37", 260, 24),
    ("heldout38", 280, 31),
    ("heldout39", 290, 59),
    ("heldout40", 290, 39),
    ("heldout41", 290, 42),
    ("heldout42", 280, 42),
    ("heldout43", 300, 21),
    ("heldout44", 290, 23),
    ("heldout45", 290, 33),
    ("heldout46", 280, 26),
    ("heldout47", 280, 55),
    ("heldout48", 255, 14),
    ("heldout49", 280, 10),
    ("heldout50", 295, 21),
    ("heldout51", 265, 17),
    ("heldout52", 300, 22),
    ("heldout53", 300, 22),
    ("heldout54", 260, 24),
    ("heldout55", 280, 26),
    ("heldout56", 250, 17),
    ("heldout57", 300, 24),
    ("heldout58", 285, 20),
    ("heldout59", 300, 28),
    ("heldout60", 295, 21),
    ("heldout61", 290, 32),
    ("heldout62", 290, 26),
    ("heldout63", 310, 31),
    ("heldout64", 290, 24),
    ("heldout65", 290, 26),
    ("heldout66", 300, 47),
    ("heldout67", 430, 180),
    ("heldout68", 380, 72),
    ("heldout69", 350, 57),
    ("heldout70", 410, 192),
    ("heldout71", 320, 135),
    ("heldout72", 470, 240),
    ("heldout73", 430, 175),
    ("heldout74", 380, 166),
    ("heldout75", 330, 107),
    ("heldout76", 395, 160),
    ("heldout77", 385, 160),
    ("heldout78", 400, 165),
    ("heldout79", 315, 148),
    ("heldout80", 370, 150),
    ("heldout81", 320, 115),
    ("heldout82", 405, 176),
    ("heldout83", 475, 172),
    ("heldout84", 365, 159),
    ("heldout85", 395, 165),
    ("heldout86", 410, 191),
    ("heldout87", 425, 203),
    ("heldout88", 430, 183),
    ("heldout89", 405, 152),
    ("heldout90", 385, 157),
    ("heldout91", 490, 234),
    ("heldout92", 455, 193),
    ("heldout93", 435, 151),
    ("heldout94", 680, 403),
    ("heldout95", 320, 119),
    ("heldout96", 480, 228),
    ("heldout97", 390, 159),
    ("heldout98", 345, 137),
    ("heldout99", 370, 164),
    ("heldout100", 345, 155),
    ("heldout101", 425, 179),
    ("heldout102", 410, 166),
    ("heldout103", 420, 167),
    ("heldout104", 395, 175),
    ("heldout105", 385, 166),
    ("heldout106", 410, 158),
    ("heldout107", 405, 180),
    ("heldout108", 360, 165),
    ("heldout109", 505, 251),
    ("heldout110", 375, 151),
    ("heldout111", 375, 161),
    ("heldout112", 370, 159),
    ("heldout113", 360, 160),
    ("heldout114", 375, 170),
    ("heldout115", 420, 154),
    ("heldout116", 405, 180),
    ("heldout117", 360, 159),
    ("heldout118", 355, 140),
    ("heldout119", 360, 129),
    ("heldout120", 375, 169),
    ("heldout121", 350, 135),
    ("heldout122", 370, 169),
    ("heldout123", 435, 209),
    ("heldout124", 335, 148),
    ("heldout125", 350, 146),
    ("heldout126", 340, 163),
    ("heldout127", 430, 175),
    ("heldout128", 405, 138),
    ("heldout129", 325, 160),
    ("heldout130", 285, 108),
    ("heldout131", 400, 165),
    ("heldout132", 360, 167),
    ("heldout133", 475, 217),
    ("heldout134", 290, 148),
    ("heldout135", 335, 157),
    ("heldout136", 395, 199),
    ("heldout137", 370, 138),
    ("heldout138", 445, 223),
    ("heldout139", 330, 139),
    ("heldout140", 410, 171),
    ("heldout141", 390, 165),
    ("heldout142", 320, 127),
    ("heldout143", 365, 178),
    ("heldout144", 320, 129),
    ("heldout145", 375, 158),
    ("heldout146", 330, 48),
    ("heldout147", 290, 44),
    ("heldout148", 330, 45),
    ("heldout149", 295, 62),
    ("heldout150", 325, 54),
    ("heldout151", 345, 78),
    ("heldout152", 295, 50),
    ("heldout153", 315, 65),
];

#[test]
fn every_later_heldout_set_keeps_its_recall() {
    let mut failures = Vec::new();
    for &(dir, min_total, max_missed) in FLOORS {
        let (missed, total) = missed(dir, &format!("{dir}.gold.jsonl"));
        if total < min_total || missed.len() > max_missed {
            failures.push(format!("{dir}: {total} labels, missed {}:\n{}", missed.len(), missed.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
