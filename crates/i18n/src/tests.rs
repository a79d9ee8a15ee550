#![allow(clippy::unwrap_used)] // tests may unwrap

use super::*;

/// English's rules, written out: `one` for 1, else `other`; numbers as
/// digits with a comma every three.
struct English;

impl Rules for English {
    fn plural(&self, number: i64) -> String {
        if number == 1 { "one" } else { "other" }.to_owned()
    }
    fn number(&self, number: i64) -> String {
        format!("#{number}")
    }
}

/// Arabic's six categories, as CLDR gives them for whole numbers.
struct Arabic;

impl Rules for Arabic {
    fn plural(&self, number: i64) -> String {
        match (number, number % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        }
        .to_owned()
    }
    fn number(&self, number: i64) -> String {
        number.to_string()
    }
}

fn catalog(lang: &str, messages: Vec<Vec<Part>>) -> Catalog {
    Catalog {
        lang: lang.into(),
        version: "v".into(),
        first: 0,
        messages,
    }
}

fn text(t: &str) -> Part {
    Part::Text(t.into())
}

fn attempts() -> Vec<Part> {
    vec![Part::Select {
        on: "count".into(),
        variants: vec![
            ("0".into(), vec![text("No attempt left")]),
            ("one".into(), vec![text("1 attempt left")]),
            (
                "other".into(),
                vec![Part::Var("count".into()), text(" attempts left")],
            ),
        ],
        default: 2,
    }]
}

#[test]
fn a_number_picks_its_exact_key_then_its_plural_category_then_the_default() {
    let c = catalog("en", vec![attempts()]);
    let with = |n: u32| c.format(0, &[("count", n.into())], &English);
    assert_eq!(with(0), "No attempt left");
    assert_eq!(with(1), "1 attempt left");
    assert_eq!(with(3), "#3 attempts left");
    // No argument: the default variant, its variable shown as Fluent does.
    assert_eq!(c.format(0, &[], &English), "{$count} attempts left");
}

#[test]
fn arabic_reaches_each_of_its_categories_and_isolates_values() {
    let variants = ["zero", "one", "two", "few", "many", "other"]
        .iter()
        .map(|k| {
            (
                (*k).to_owned(),
                vec![text(k), text(" "), Part::Var("n".into())],
            )
        })
        .collect();
    let c = catalog(
        "ar",
        vec![vec![Part::Select {
            on: "n".into(),
            variants,
            default: 5,
        }]],
    );
    assert!(c.rtl());
    let picked = |n: u32| c.format(0, &[("n", n.into())], &Arabic);
    for (n, key) in [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (5, "few"),
        (11, "many"),
        (100, "other"),
    ] {
        assert_eq!(picked(n), format!("{key} \u{2068}{n}\u{2069}"));
    }
}

#[test]
fn a_left_to_right_language_puts_values_in_as_they_are() {
    let c = catalog(
        "de",
        vec![vec![text("Hallo "), Part::Var("name".into()), text("!")]],
    );
    assert!(!c.rtl());
    assert_eq!(
        c.format(0, &[("name", "Ada".into())], &English),
        "Hallo Ada!"
    );
    // Text keys select by equality.
    let kinds = catalog(
        "de",
        vec![vec![Part::Select {
            on: "kind".into(),
            variants: vec![
                ("totp".into(), vec![text("zeitbasiert")]),
                ("other".into(), vec![text("anders")]),
            ],
            default: 1,
        }]],
    );
    assert_eq!(
        kinds.format(0, &[("kind", "totp".into())], &English),
        "zeitbasiert"
    );
    assert_eq!(
        kinds.format(0, &[("kind", "hotp".into())], &English),
        "anders"
    );
    assert_eq!(
        kinds.format(7, &[], &English),
        "",
        "an unknown message is empty"
    );
}

#[test]
fn a_catalog_of_another_build_is_refused_and_a_part_follows_only_its_start() {
    let c = catalog("en", vec![attempts(), vec![text("second")]]);
    let text = c.encode();
    assert_eq!(Catalog::parse(&text, "v").unwrap(), c);
    assert_eq!(Catalog::parse(&text, "w"), Err(CatalogError::OtherVersion));
    assert_eq!(Catalog::parse("<html>", "v"), Err(CatalogError::Unreadable));
    // Split in two parts, as the build writes them: the second reads
    // message 1 by its number, and joins only the part it follows.
    let mut start = c.clone();
    let rest = start.split_off(1);
    assert_eq!((start.messages.len(), rest.first), (1, 1));
    let rest = Catalog::parse(&rest.encode(), "v").unwrap();
    assert_eq!(rest.format(1, &[], &English), "second");
    assert_eq!(rest.format(0, &[], &English), "", "not in this part");
    let mut german = start.clone();
    german.lang = "de".into();
    assert!(!german.append(rest.clone()), "another language's part");
    assert!(start.append(rest.clone()));
    assert_eq!(start, c);
    assert!(!start.append(rest), "a part it does not follow");
}

#[test]
fn the_persons_first_spoken_language_is_chosen_by_its_primary_subtag() {
    assert_eq!(Language::preferred(["pt-BR", "de-AT", "fr"]).code, "de");
    assert_eq!(Language::preferred(["ar_EG"]).code, "ar");
    assert!(Language::preferred(["ar"]).rtl);
    assert_eq!(Language::preferred(["pt", "ru"]).code, "en");
    assert_eq!(Language::preferred([]).code, "en");
    assert_eq!(Language::find("JA-jp").map(|l| l.name), Some("日本語"));
}

#[test]
fn a_catalog_reads_back_as_written_nested_selects_and_line_breaks_included() {
    let nested = Part::Select {
        on: "a".into(),
        variants: vec![
            ("one".into(), vec![text("one "), Part::Var("b".into())]),
            (
                "other".into(),
                vec![Part::Select {
                    on: "b".into(),
                    variants: vec![("x".into(), vec![text("x")]), ("other".into(), vec![])],
                    default: 1,
                }],
            ),
        ],
        default: 1,
    };
    let c = catalog(
        "ja",
        vec![
            vec![text("first\nsecond")],
            vec![text("before "), nested, text(" after")],
            attempts(),
        ],
    );
    let text = c.encode();
    assert_eq!(
        text.lines().count(),
        4,
        "a header and a line a message: {text:?}"
    );
    assert_eq!(Catalog::parse(&text, "v").unwrap(), c);
    assert_eq!(
        Catalog::parse("softtoken-catalog 1 en v", "v"),
        Err(CatalogError::Unreadable)
    );
}
