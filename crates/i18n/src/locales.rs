//! The `locales/` folder, at build time (feature `compile`): each
//! language's two files, `<code>.ftl` (the start path's messages) and
//! `<code>.screens.ftl` (the rest), checked against English and written as
//! catalogs, and the Rust names of the messages.

use crate::compile::{Compiled, catalog, check, compile, version};
use std::path::Path;

/// English, compiled, and how many of its messages the start path has.
pub struct English {
    pub all: Compiled,
    pub start: usize,
}

/// What `write_catalogs` writes for each language.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// `<code>.txt` (the start path's part) and `<code>.screens.txt`: the
    /// app's files.
    Parts,
    /// Those and `<code>.all.txt`, the whole catalog in one: what the
    /// browser tests mount with.
    PartsAndWhole,
}

/// Compiles every language's files in `locales` and writes its catalogs
/// to `out`; returns English.
///
/// # Errors
/// Every problem of every file, one sentence each, naming the file: a
/// build never ships a partial language.
pub fn write_catalogs(
    locales: &Path,
    out: &Path,
    written: Written,
) -> Result<English, Vec<String>> {
    let source = |name: &str| {
        let path = locales.join(name);
        std::fs::read_to_string(&path).map_err(|e| vec![format!("{}: {e}", path.display())])
    };
    // The start file alone, and both (the second uses the first's terms).
    let read = |code: &str| -> Result<(Compiled, Compiled), Vec<String>> {
        let start = source(&format!("{code}.ftl"))?;
        let screens = source(&format!("{code}.screens.ftl"))?;
        let named =
            |file: String| move |e: crate::compile::CompileError| vec![format!("{file}: {e}")];
        let alone = compile(&start).map_err(named(format!("{code}.ftl")))?;
        let both = compile(&format!("{start}\n{screens}"))
            .map_err(named(format!("{code}.screens.ftl")))?;
        Ok((alone, both))
    };
    let (english_start, english) = read("en")?;
    std::fs::create_dir_all(out).map_err(|e| vec![format!("{}: {e}", out.display())])?;
    let mut problems = Vec::new();
    for language in crate::LANGUAGES {
        let code = language.code;
        let written = read(code).and_then(|(start, both)| {
            let mut found: Vec<String> = check(&english_start, &start)
                .iter()
                .map(|p| format!("{code}.ftl: {p}"))
                .collect();
            if found.is_empty() {
                found.extend(
                    check(&english, &both)
                        .iter()
                        .map(|p| format!("{code}.screens.ftl: {p}")),
                );
            }
            if !found.is_empty() {
                return Err(found);
            }
            let mut whole =
                catalog(code, &english, &both).map_err(|_| vec![format!("{code}: no catalog")])?;
            let write = |name: String, text: String| {
                let path = out.join(name);
                std::fs::write(&path, text).map_err(|e| vec![format!("{}: {e}", path.display())])
            };
            if written == Written::PartsAndWhole {
                write(format!("{code}.all.txt"), whole.encode())?;
            }
            let rest = whole.split_off(english_start.ids.len());
            write(format!("{code}.txt"), whole.encode())?;
            write(format!("{code}.screens.txt"), rest.encode())
        });
        problems.extend(written.err().into_iter().flatten());
    }
    if problems.is_empty() {
        Ok(English {
            start: english_start.ids.len(),
            all: english,
        })
    } else {
        Err(problems)
    }
}

/// Rust source of the app's message names: `pub enum Msg` with one
/// variant a message (`pin-enter.label` → `PinEnterLabel`), numbered in
/// English's order, the catalogs' version, and the sizes of the start
/// path's part and of the whole.
#[must_use]
pub fn rust_names(english: &English) -> String {
    let mut source = String::from(
        "/// The app's messages, numbered as in the catalogs (generated from locales/en*.ftl).\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum Msg {\n",
    );
    for id in &english.all.ids {
        source.push_str(&format!("    /// `{id}`\n    {},\n", camel_case(id)));
    }
    source.push_str(&format!(
        "}}\n\n/// The catalogs this build reads.\npub const CATALOG_VERSION: &str = \"{}\";\n\
         /// How many messages the start path's part holds.\npub const START_COUNT: usize = {};\n\
         /// How many messages a whole catalog of this build holds.\npub const MESSAGE_COUNT: usize = {};\n",
        version(&english.all),
        english.start,
        english.all.ids.len()
    ));
    source
}

fn camel_case(id: &str) -> String {
    id.split(['-', '.', '_'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}
