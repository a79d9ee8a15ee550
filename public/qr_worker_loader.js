// Starts the QR worker (src/bin/qr_worker.rs), built by Trunk as
// qr_worker.js + qr_worker_bg.wasm with wasm-bindgen's no-modules target.
importScripts("./qr_worker.js");
wasm_bindgen({ module_or_path: "./qr_worker_bg.wasm" });
