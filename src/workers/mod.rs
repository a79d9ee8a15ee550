//! Clients of the app's Web Workers, named for the worker they talk to:
//! `kdf` (src/bin/kdf_worker.rs: Argon2id and scrypt) and `qr`
//! (src/bin/qr_worker.rs: reading QR codes); `picture` turns a picture or a
//! camera frame into the pixels the QR worker reads.
pub mod kdf;
pub mod picture;
pub mod qr;
