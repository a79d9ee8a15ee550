//! With the `split` feature (the release build), the linker keeps its
//! relocations in the app's WASM: scripts/split-wasm.mjs follows them to
//! find what each split point's code uses, then drops them. Only the app's
//! own binary gets the flag: the workers ship as linked, and without it.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|family| family == "wasm");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bin=softtoken=--emit-relocs");
    }
}
