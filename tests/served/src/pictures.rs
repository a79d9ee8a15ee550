//! Pictures for the adding tests: a QR code drawn into greyscale pixels,
//! written as a PNG file (what a person picks from their photos) or as a
//! video for Chromium's fake camera; and a PNG read back into pixels.
#![allow(clippy::unwrap_used)] // test fixtures: a failure ends the test that asked

use std::io::Write;
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

/// A YUV4MPEG2 video (what Chromium's fake camera plays): grey frames of
/// the picture, neutral colour planes.
pub fn write_y4m(path: &Path, width: usize, height: usize, luma: &[u8]) {
    let mut file = std::fs::File::create(path).unwrap();
    writeln!(file, "YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg").unwrap();
    let chroma = vec![128u8; (width / 2) * (height / 2) * 2];
    for _ in 0..10 {
        file.write_all(b"FRAME\n").unwrap();
        file.write_all(luma).unwrap();
        file.write_all(&chroma).unwrap();
    }
}

/// A greyscale PNG (as `selfservice --qr-png` writes) centred on a white
/// `width` x `height` frame, shrunk by a whole factor until it fits.
pub fn png_in_frame(path: &Path, width: usize, height: usize) -> Vec<u8> {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let factor = (1..).find(|f| w / f <= width && h / f <= height).unwrap();
    let (sw, sh) = (w / factor, h / factor);
    let (left, top) = ((width - sw) / 2, (height - sh) / 2);
    let mut frame = vec![255u8; width * height];
    for y in 0..sh {
        for x in 0..sw {
            frame[(top + y) * width + left + x] = pixels[y * factor * w + x * factor];
        }
    }
    frame
}

/// The text of the one QR code in a screenshot (PNG, RGB or RGBA), read
/// with the app's own reader as a camera pointed at the screen would.
pub fn read_qr_screenshot(png_bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let (width, height) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let rgba: Vec<u8> = pixels[..width * height * channels]
        .chunks_exact(channels)
        .flat_map(|p| match channels {
            4 => [p[0], p[1], p[2], p[3]],
            3 => [p[0], p[1], p[2], 255],
            _ => [p[0], p[0], p[0], 255],
        })
        .collect();
    match qr::read_rgba(width, height, &rgba) {
        Ok(read) => read[0].to_string(),
        Err(error) => {
            let kept = temp_file("unread-qr.png");
            std::fs::write(&kept, png_bytes).unwrap();
            panic!(
                "the QR code on screen does not read ({error}); it is in {}",
                kept.display()
            );
        }
    }
}
