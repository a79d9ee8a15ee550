//! Pictures for the adding tests: a QR code drawn into greyscale pixels,
//! written as a PNG file (what a person picks from their photos).
#![allow(clippy::unwrap_used)] // test fixtures: a failure ends the test that asked

use std::path::{Path, PathBuf};

/// Greyscale pixels of a QR code holding `text`, centred on a white
/// `width` x `height` picture, `module` pixels a module.
pub fn qr_picture(text: &str, width: usize, height: usize, module: usize) -> Vec<u8> {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let modules = code.width();
    let colors = code.to_colors();
    let side = modules * module;
    let (left, top) = ((width - side) / 2, (height - side) / 2);
    let mut pixels = vec![255u8; width * height];
    for my in 0..modules {
        for mx in 0..modules {
            if colors[my * modules + mx] == qrcode::Color::Dark {
                for y in 0..module {
                    let row = (top + my * module + y) * width + left + mx * module;
                    pixels[row..row + module].fill(0);
                }
            }
        }
    }
    pixels
}

/// A file of this test run's own in the temporary folder.
pub fn temp_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("softtoken-{}-{name}", std::process::id()))
}

/// A greyscale PNG of `luma`.
pub fn write_png(path: &Path, width: usize, height: usize, luma: &[u8]) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(file, width as u32, height as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(luma)
        .unwrap();
}
