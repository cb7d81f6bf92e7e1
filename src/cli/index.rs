//! `newslint index [PATHS]`: write the corpus summary that later runs on a
//! few files use for corpus-level votes (see `corpus::index`).

use std::path::PathBuf;

use super::args::{IndexArgs, SelectArgs};
use super::settings::{Failure, Settings, stderr_color};
use super::{EXIT_CLEAN, EXIT_TROUBLE, report_failure};
use crate::corpus::index::{CorpusIndex, IndexedDoc, VERSION, content_key};
use crate::input::{self, DiscoverOptions, Item};
use crate::run;

pub fn run(args: &IndexArgs) -> i32 {
    let color = stderr_color(args.rules.color);
    let select = SelectArgs { select: None, extend_select: Vec::new(), ignore: Vec::new(), fail_on: None };
    let settings = match Settings::resolve(&args.rules, &select) {
        Ok(s) => s,
        Err(f) => return report_failure(f, color),
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut discover = DiscoverOptions { exclude: settings.exclude.clone(), ..DiscoverOptions::default() };
    if let Some(include) = &settings.include {
        discover.include = include.clone();
    }
    let (found, errors) = match input::discover(&paths, &discover) {
        Ok(x) => x,
        Err(e) => return report_failure(Failure::Message(e), color),
    };
    let mut trouble = !errors.is_empty();
    for e in &errors {
        eprintln!("error: {e}");
    }
    // Unchanged documents keep their entries: re-indexing is incremental.
    let old = if args.output.is_file() {
        CorpusIndex::read(&args.output).unwrap_or_default()
    } else {
        CorpusIndex::default()
    };
    let read = settings.read_options(&args.input);
    let items = found.iter().flat_map(|d| input::read(d, &read));
    let work = |item: Item| match item.load() {
        Item::Unit(unit) => {
            let key = content_key(&unit.text);
            let doc = match old.documents.get(&key) {
                Some(d) => IndexedDoc { name: unit.name.to_string(), names: d.names.clone() },
                None => IndexedDoc::new(&unit.name, &unit.document(), unit.line_offset),
            };
            Ok((key, doc))
        }
        Item::Skipped { .. } => Err(None),
        Item::Failed { path, message } => Err(Some(format!("{}: {message}", path.display()))),
        Item::File { .. } => unreachable!("load() reads files"),
    };
    let mut index = CorpusIndex { version: VERSION, documents: Default::default() };
    let _ = run::ordered(items, run::Batching::default(), Item::weight, work, |r| {
        match r {
            Ok((key, doc)) => {
                index.documents.insert(key, doc);
            }
            Err(Some(message)) => {
                eprintln!("error: {message}");
                trouble = true;
            }
            Err(None) => {}
        }
        Ok::<(), ()>(())
    });
    let reused = index.documents.keys().filter(|k| old.documents.contains_key(*k)).count();
    if let Err(e) = index.write(&args.output) {
        eprintln!("error: cannot write the index: {e}");
        return EXIT_TROUBLE;
    }
    eprintln!(
        "indexed {} documents ({reused} unchanged) into {}",
        index.documents.len(),
        args.output.display()
    );
    if trouble { EXIT_TROUBLE } else { EXIT_CLEAN }
}
