//! The command-line front end. It parses flags, resolves settings, and hands
//! texts to the engine and diagnostics to the output layer; it never matches
//! text itself.

pub mod args;
mod check;
mod commands;
mod filter;
mod fixing;
pub mod settings;

use std::io;

use clap::Parser;

use args::{Cli, Command};
use settings::Failure;

pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_TROUBLE: i32 = 2;

/// Runs newslint with the process's arguments; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match &cli.command {
        None => check::run(&cli.check),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Rules(args)) => commands::list(args),
        Some(Command::Explain(args)) => commands::explain(args),
        Some(Command::TestRules(args)) => commands::test_rules(args),
        Some(Command::Filter(args)) => filter::run(args),
    }
}

/// Prints why a run could not start; returns exit code 2.
pub fn report_failure(failure: Failure, color: bool) -> i32 {
    match failure {
        Failure::Files(errors) => {
            let _ = crate::output::load_errors::render(&errors, &mut io::stderr(), color, false);
            let n = errors.len();
            eprintln!("error: could not load rules or config ({n} error{})", if n == 1 { "" } else { "s" });
        }
        Failure::Message(m) => eprintln!("error: {m}"),
    }
    EXIT_TROUBLE
}
