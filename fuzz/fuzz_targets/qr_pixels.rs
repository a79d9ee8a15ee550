#![no_main]
//! The QR pixel reader never panics on any picture: the first four bytes
//! choose a width and height (up to 2048, so the reduction path runs too),
//! the rest are the pixels, whether or not there are enough of them.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let width = usize::from(u16::from_le_bytes([data[0], data[1]]) % 2048);
    let height = usize::from(u16::from_le_bytes([data[2], data[3]]) % 2048);
    let pixels = &data[4..];
    let _ = qr::read_luma(width, height, pixels);
    let _ = qr::read_rgba(width, height, pixels);
    // A picture of exactly the right size, repeating the bytes given.
    if !pixels.is_empty() && width * height <= 256 * 256 {
        let full: Vec<u8> = pixels.iter().copied().cycle().take(width * height).collect();
        let _ = qr::read_luma(width, height, &full);
    }
});
