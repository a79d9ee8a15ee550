//! QR codes drawn here with the qrcode crate (an independent encoder), then
//! scaled, rotated, shrunk inside large pictures, tinted and made
//! transparent, read back to the same text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use proptest::prelude::*;
use qr::{QrError, read_luma, read_rgba};
use qrcode::{Color, QrCode};

const LINK: &str = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA256&digits=8&period=30";

/// A greyscale picture of `text`: `module` pixels a module, 4 modules of
/// quiet zone.
fn draw(text: &str, module: f64) -> (usize, usize, Vec<u8>) {
    let code = QrCode::new(text.as_bytes()).unwrap();
    let modules = code.width();
    let colors = code.to_colors();
    let side = ((modules + 8) as f64 * module).ceil() as usize;
    let mut pixels = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (
                (x as f64 / module) as isize - 4,
                (y as f64 / module) as isize - 4,
            );
            let inside = (0..modules as isize).contains(&mx) && (0..modules as isize).contains(&my);
            if inside && colors[my as usize * modules + mx as usize] == Color::Dark {
                pixels[y * side + x] = 0;
            }
        }
    }
    (side, side, pixels)
}

/// Rotates by `degrees` about the centre onto a white canvas large enough
/// for any angle (nearest neighbour, as a camera's resampling would blur).
fn rotate(width: usize, height: usize, pixels: &[u8], degrees: f64) -> (usize, usize, Vec<u8>) {
    let side = ((width * width + height * height) as f64).sqrt().ceil() as usize + 2;
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (width as f64 / 2.0, height as f64 / 2.0);
    let centre = side as f64 / 2.0;
    let mut out = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (dx, dy) = (x as f64 - centre, y as f64 - centre);
            let (sx, sy) = (cos * dx + sin * dy + cx, -sin * dx + cos * dy + cy);
            if sx >= 0.0 && sy >= 0.0 && (sx as usize) < width && (sy as usize) < height {
                out[y * side + x] = pixels[sy as usize * width + sx as usize];
            }
        }
    }
    (side, side, out)
}

/// Places the picture at (left, top) of a larger white picture.
fn place(
    width: usize,
    height: usize,
    pixels: &[u8],
    canvas: (usize, usize),
    at: (usize, usize),
) -> Vec<u8> {
    let mut out = vec![255u8; canvas.0 * canvas.1];
    for y in 0..height {
        let row = (y + at.1) * canvas.0 + at.0;
        out[row..row + width].copy_from_slice(&pixels[y * width..(y + 1) * width]);
    }
    out
}

fn read_one(width: usize, height: usize, pixels: &[u8]) -> String {
    let texts = read_luma(width, height, pixels).unwrap();
    assert_eq!(texts.len(), 1);
    texts[0].to_string()
}

#[test]
fn reads_codes_at_many_scales() {
    for module in [2.0, 3.0, 3.5, 4.0, 5.5, 7.0, 12.0] {
        let (w, h, pixels) = draw(LINK, module);
        let texts = read_luma(w, h, &pixels);
        assert!(
            texts.as_ref().is_ok_and(|t| t[0].as_str() == LINK),
            "module size {module}: {texts:?}"
        );
    }
}

#[test]
fn reads_rotated_codes() {
    let (w, h, pixels) = draw(LINK, 6.0);
    for degrees in [90.0, 180.0, 270.0, 12.0, 33.0, 45.0, 127.0, 301.0] {
        let (rw, rh, rotated) = rotate(w, h, &pixels, degrees);
        assert_eq!(
            read_one(rw, rh, &rotated),
            LINK,
            "rotated {degrees} degrees"
        );
    }
}

#[test]
fn reads_a_small_code_inside_a_large_photo() {
    // 4000 x 3000, as a phone camera takes: reduced to 1024 a side first.
    let (w, h, pixels) = draw(LINK, 16.0);
    let canvas = (4000, 3000);
    let photo = place(w, h, &pixels, canvas, (1700, 900));
    assert_eq!(read_one(canvas.0, canvas.1, &photo), LINK);
}

#[test]
fn reads_rgba_with_colour_and_transparency() {
    let (w, h, pixels) = draw(LINK, 4.0);
    // Dark blue modules on a transparent background.
    let rgba: Vec<u8> = pixels
        .iter()
        .flat_map(|&p| {
            if p == 0 {
                [10, 40, 120, 255]
            } else {
                [0, 0, 0, 0]
            }
        })
        .collect();
    let texts = read_rgba(w, h, &rgba).unwrap();
    assert_eq!(texts[0].as_str(), LINK);
}

#[test]
fn reads_two_codes_in_one_picture() {
    let (w, h, first) = draw("otpauth://totp/A?secret=GEZDGNBV", 4.0);
    let (w2, h2, second) = draw("otpauth://hotp/B?secret=MFRGGZDF&counter=3", 4.0);
    let canvas = (w + w2 + 40, h.max(h2) + 20);
    let mut both = place(w, h, &first, canvas, (10, 10));
    let other = place(w2, h2, &second, canvas, (w + 30, 10));
    for (pixel, value) in both.iter_mut().zip(other) {
        *pixel = (*pixel).min(value);
    }
    let mut texts: Vec<String> = read_luma(canvas.0, canvas.1, &both)
        .unwrap()
        .iter()
        .map(|t| t.to_string())
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        [
            "otpauth://hotp/B?secret=MFRGGZDF&counter=3",
            "otpauth://totp/A?secret=GEZDGNBV"
        ]
    );
}

#[test]
fn says_what_is_wrong_with_a_picture_without_a_code() {
    assert_eq!(read_luma(0, 10, &[]), Err(QrError::Empty));
    assert_eq!(read_luma(10, 10, &[0; 99]), Err(QrError::SizeMismatch));
    assert_eq!(read_rgba(10, 10, &[0; 100]), Err(QrError::SizeMismatch));
    assert_eq!(
        read_luma(usize::MAX, 2, &[0; 4]),
        Err(QrError::SizeMismatch)
    );
    assert_eq!(
        read_luma(200, 200, &vec![255; 40_000]),
        Err(QrError::NotFound)
    );
}

#[test]
fn a_damaged_code_is_found_but_unreadable() {
    let (w, h, mut pixels) = draw(LINK, 4.0);
    // Wipe a band through the data area, leaving the three finder patterns.
    for y in h / 2 - 40..h / 2 + 40 {
        for x in w / 4..w * 3 / 4 {
            pixels[y * w + x] = if (x / 4 + y / 4) % 2 == 0 { 0 } else { 255 };
        }
    }
    assert_eq!(read_luma(w, h, &pixels), Err(QrError::Unreadable));
}

proptest! {
    #[test]
    fn never_panics(width in 0usize..64, height in 0usize..64, bytes in proptest::collection::vec(any::<u8>(), 0..5000)) {
        let _ = read_luma(width, height, &bytes);
        let _ = read_rgba(width, height, &bytes);
    }
}
