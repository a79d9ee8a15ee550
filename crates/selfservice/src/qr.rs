//! QR codes of activation links: in the terminal, and as a PNG file.

use qrcode::{Color, EcLevel, QrCode};
use std::path::Path;

fn make(text: &str) -> Result<QrCode, String> {
    QrCode::with_error_correction_level(text, EcLevel::M)
        .map_err(|e| format!("cannot draw the QR code: {e}"))
}

/// Two modules per character cell (upper and lower half blocks), with a
/// quiet zone, dark modules drawn as spaces on a light frame so it scans on
/// dark terminals too.
pub fn terminal(text: &str) -> Result<String, String> {
    let code = make(text)?;
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 2usize;
    let size = width + 2 * quiet;
    let dark = |x: usize, y: usize| -> bool {
        x >= quiet
            && y >= quiet
            && x < width + quiet
            && y < width + quiet
            && colors[(y - quiet) * width + (x - quiet)] == Color::Dark
    };
    let mut out = String::new();
    for y in (0..size).step_by(2) {
        for x in 0..size {
            let top = dark(x, y);
            let bottom = y + 1 < size && dark(x, y + 1);
            out.push(match (top, bottom) {
                (true, true) => ' ',
                (true, false) => '▄',
                (false, true) => '▀',
                (false, false) => '█',
            });
        }
        out.push('\n');
    }
    Ok(out)
}

/// A grayscale PNG, 8 pixels a module, with a 4-module quiet zone.
pub fn write_png(text: &str, path: &Path) -> Result<(), String> {
    let code = make(text)?;
    let width = code.width();
    let colors = code.to_colors();
    let (scale, quiet) = (8usize, 4usize);
    let side = (width + 2 * quiet) * scale;
    let mut pixels = vec![255u8; side * side];
    for (index, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (mx, my) = (index % width + quiet, index / width + quiet);
        for y in my * scale..(my + 1) * scale {
            pixels[y * side + mx * scale..y * side + (mx + 1) * scale].fill(0);
        }
    }
    let file =
        std::fs::File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let side = u32::try_from(side).map_err(|_| "the QR code is too large".to_owned())?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    writer
        .write_image_data(&pixels)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
