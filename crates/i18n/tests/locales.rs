//! The Fluent files themselves (`locales/`), and the compiler on small
//! ones: every language has every English message, no other, each with
//! English's variables; what the formatter cannot run is refused.
#![cfg(feature = "compile")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use i18n::compile::{Compiled, Mismatch, catalog, check, compile, variables};
use i18n::locales::{English, rust_names};
use i18n::{Arg, LANGUAGES, Part, Rules};
use std::path::PathBuf;

fn read(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../locales/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A language's two files compiled as one (the second uses the first's
/// terms), and its start file alone.
fn locale(code: &str) -> (Compiled, Compiled) {
    let start = read(&format!("{code}.ftl"));
    let screens = read(&format!("{code}.screens.ftl"));
    let alone = compile(&start).unwrap_or_else(|e| panic!("{code}.ftl: {e}"));
    let both = compile(&format!("{start}\n{screens}"))
        .unwrap_or_else(|e| panic!("{code}.screens.ftl: {e}"));
    (both, alone)
}

struct Plain;
impl Rules for Plain {
    fn plural(&self, number: i64) -> String {
        if number == 1 { "one" } else { "other" }.into()
    }
    fn number(&self, number: i64) -> String {
        number.to_string()
    }
}

#[test]
fn every_language_has_every_english_message_with_its_variables_and_no_other() {
    let (english, english_start) = locale("en");
    assert!(english.ids.len() > 20, "English has the app's messages");
    for language in LANGUAGES {
        let (translation, start) = locale(language.code);
        // Each message in the same file as English's: the start path's
        // part holds the same ones.
        let problems = check(&english_start, &start);
        assert!(problems.is_empty(), "{}.ftl: {problems:?}", language.code);
        let problems = check(&english, &translation);
        assert!(
            problems.is_empty(),
            "{}.screens.ftl: {problems:?}",
            language.code
        );
        let compiled = catalog(language.code, &english, &translation).unwrap();
        assert_eq!(compiled.messages.len(), english.ids.len());
        // No message of a translation is empty, or English left as it was
        // where English has words (names such as "PIN" may stay).
        for (id, (ours, theirs)) in english
            .ids
            .iter()
            .zip(english.messages.iter().zip(&compiled.messages))
        {
            let text = |parts: &[Part]| {
                let mut all = String::new();
                for part in parts {
                    if let Part::Text(t) = part {
                        all.push_str(t);
                    }
                }
                all
            };
            assert!(
                !text(theirs).trim().is_empty() || !variables(theirs).is_empty(),
                "{}: {id} is empty",
                language.code
            );
            if language.code != "en" && text(ours).split_whitespace().count() > 3 {
                assert_ne!(
                    text(ours),
                    text(theirs),
                    "{}: {id} is still English",
                    language.code
                );
            }
        }
    }
}

#[test]
fn message_names_are_distinct_in_rust_too() {
    let (all, start) = locale("en");
    let english = English {
        start: start.ids.len(),
        all,
    };
    let source = rust_names(&english);
    let mut names: Vec<&str> = source
        .lines()
        .filter(|l| l.starts_with("    ") && l.trim_end().ends_with(',') && !l.contains("///"))
        .map(str::trim)
        .collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "two ids give one Rust name");
    assert_eq!(count, english.all.ids.len());
    assert!(source.contains(&format!("START_COUNT: usize = {};", english.start)));
}

#[test]
fn terms_attributes_references_and_plurals_are_flattened() {
    let compiled = compile(
        "-brand = Soft Token\n\
         welcome = Welcome to { -brand }!\n\
         field = PIN\n    .aria-label = Your { field }\n\
         left = { $count ->\n    [0] None left\n    [one] One left\n   *[other] { $count } left\n}\n\
         quoted = {\"{\"}braces{\"}\"}\n",
    )
    .unwrap();
    assert_eq!(
        compiled.ids,
        ["welcome", "field", "field.aria-label", "left", "quoted"]
    );
    let c = catalog("en", &compiled, &compiled).unwrap();
    let say = |i: usize, args: &[(&str, Arg<'_>)]| c.format(i, args, &Plain);
    assert_eq!(say(0, &[]), "Welcome to Soft Token!");
    assert_eq!(say(2, &[]), "Your PIN");
    assert_eq!(say(3, &[("count", 0u32.into())]), "None left");
    assert_eq!(say(3, &[("count", 1u32.into())]), "One left");
    assert_eq!(say(3, &[("count", 4u32.into())]), "4 left");
    assert_eq!(say(4, &[]), "{braces}");
}

#[test]
fn what_the_formatter_cannot_run_or_find_is_refused_with_its_name() {
    let refused = |source: &str| compile(source).unwrap_err().to_string();
    assert!(refused("a = { NUMBER($n) }\n").contains("NUMBER()"));
    assert!(refused("a = { -missing }\n").contains("-missing"));
    assert!(refused("a = { b }\nb = { a }\n").contains("refers"));
    assert!(refused("a = one\na = two\n").contains("twice"));
    let broken = refused("a = ok\nb = { $x ->\n  [one] y\n}\n");
    // Where the parser noticed (the variants' line), and what.
    assert_eq!(broken, "line 3: MissingDefaultVariant");
}

#[test]
fn a_translation_missing_a_message_or_a_variable_or_adding_one_is_told() {
    let english = compile("a = A { $n }\nb = B\n").unwrap();
    let problems = check(&english, &compile("a = A\nc = C\n").unwrap());
    assert_eq!(
        problems,
        [
            Mismatch::Variables {
                id: "a".into(),
                english: ["n".to_owned()].into(),
                found: Default::default()
            },
            Mismatch::Missing("b".into()),
            Mismatch::Extra("c".into()),
        ]
    );
    assert!(catalog("de", &english, &compile("a = A\nc = C\n").unwrap()).is_err());
}
