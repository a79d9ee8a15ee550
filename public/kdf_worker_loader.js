// Starts the KDF worker (src/bin/kdf_worker.rs), built by Trunk as
// kdf_worker.js + kdf_worker_bg.wasm with wasm-bindgen's no-modules target.
importScripts("./kdf_worker.js");
wasm_bindgen({ module_or_path: "./kdf_worker_bg.wasm" });
