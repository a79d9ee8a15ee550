//! Replays the QR pixel reader's fuzzing corpus (`fuzz/corpus/qr_pixels/`):
//! the first four bytes are the width and height, the rest the pixels;
//! every input must return, never panic.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use std::path::PathBuf;

#[test]
fn qr_pixels_corpus() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/qr_pixels");
    let inputs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    assert!(
        !inputs.is_empty(),
        "the corpus at {} is empty",
        dir.display()
    );
    for data in inputs.iter().filter(|data| data.len() >= 4) {
        let width = usize::from(u16::from_le_bytes([data[0], data[1]]) % 2048);
        let height = usize::from(u16::from_le_bytes([data[2], data[3]]) % 2048);
        let pixels = &data[4..];
        let _ = qr::read_luma(width, height, pixels);
        let _ = qr::read_rgba(width, height, pixels);
        if !pixels.is_empty() && width * height <= 256 * 256 {
            let full: Vec<u8> = pixels
                .iter()
                .copied()
                .cycle()
                .take(width * height)
                .collect();
            let _ = qr::read_luma(width, height, &full);
        }
    }
}
