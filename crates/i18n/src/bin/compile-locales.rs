//! `compile-locales <locales dir> <out dir>`: every language's Fluent file
//! checked against English and written as `<code>.txt`, the catalog the
//! app fetches (docs/i18n.md); the release build's Trunk hook runs it.
//! Fails, naming each problem, when a file is missing, broken or
//! incomplete.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = args.as_slice() else {
        eprintln!("usage: compile-locales <locales dir> <out dir>");
        return ExitCode::from(2);
    };
    match i18n::compile::write_catalogs(Path::new(from), Path::new(to)) {
        Ok(english) => {
            println!(
                "compile-locales: {} languages of {} messages written to {to}",
                i18n::LANGUAGES.len(),
                english.ids.len()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in problems {
                eprintln!("compile-locales: {problem}");
            }
            ExitCode::FAILURE
        }
    }
}
