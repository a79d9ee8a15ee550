//! `compile-locales <locales dir> <out dir>`: every language's Fluent files
//! checked against English and written as `<code>.txt` and
//! `<code>.screens.txt`, the catalog's two parts the
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
    match i18n::locales::write_catalogs(
        Path::new(from),
        Path::new(to),
        i18n::locales::Written::Parts,
    ) {
        Ok(english) => {
            println!(
                "compile-locales: {} languages of {} messages ({} at start) written to {to}",
                i18n::LANGUAGES.len(),
                english.all.ids.len(),
                english.start
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
