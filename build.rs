//! Two jobs before the app compiles:
//!
//! - With the `split` feature (the release build), the linker keeps its
//!   relocations in the app's WASM: scripts/split-wasm.mjs follows them to
//!   find what each split point's code uses, then drops them. Only the
//!   app's own binary gets the flag: the workers ship as linked, and
//!   without it.
//! - The messages: `locales/*.ftl` are compiled and checked against English
//!   (crates/i18n). `messages.rs` in OUT_DIR names them for the app (`Msg`);
//!   the catalogs written next to it are what the browser tests mount with
//!   (the release build writes its own with the compile-locales tool). A
//!   broken or incomplete language fails the build, naming what is wrong.
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let wasm = std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|family| family == "wasm");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bin=softtoken=--emit-relocs");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    for language in i18n::LANGUAGES {
        println!("cargo::rerun-if-changed=locales/{}.ftl", language.code);
        println!(
            "cargo::rerun-if-changed=locales/{}.screens.ftl",
            language.code
        );
    }
    let written = i18n::locales::write_catalogs(
        Path::new("locales"),
        &out,
        i18n::locales::Written::PartsAndWhole,
    )
    .and_then(|english| {
        std::fs::write(out.join("messages.rs"), i18n::locales::rust_names(&english))
            .map_err(|e| vec![format!("messages.rs: {e}")])
    });
    for problem in written.err().into_iter().flatten() {
        println!("cargo::error={problem}");
    }
}
