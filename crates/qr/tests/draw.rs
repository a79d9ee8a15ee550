//! Drawn QR codes read back: the modules of `draw` rendered to pixels and
//! decoded by the reader (rqrr), for texts the size of a one-token link
//! and of a ten-account transfer link.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use qr::draw::{DrawError, QUIET_ZONE, draw};

/// Greyscale pixels of the drawn code, `scale` pixels a module.
fn pixels(drawn: &qr::draw::Drawn, scale: usize) -> (usize, Vec<u8>) {
    let side = drawn.view_side() * scale;
    let mut luma = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / scale, y / scale);
            if mx >= QUIET_ZONE
                && my >= QUIET_ZONE
                && drawn.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE)
            {
                luma[y * side + x] = 0;
            }
        }
    }
    (side, luma)
}

/// The dark modules the SVG path draws, rebuilt from its rectangles.
fn modules_of_path(path: &str, view: usize) -> Vec<bool> {
    let mut dark = vec![false; view * view];
    for part in path.split('M').filter(|p| !p.is_empty()) {
        let (x, rest) = part.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let (run, _) = rest.split_once('v').unwrap();
        let (x, y, run): (usize, usize, usize) =
            (x.parse().unwrap(), y.parse().unwrap(), run.parse().unwrap());
        for dx in 0..run {
            dark[y * view + x + dx] = true;
        }
    }
    dark
}

#[test]
fn drawn_codes_read_back_as_their_text() {
    let link = "otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank";
    let transfer = format!("otpauth-migration://offline?data={}", "A".repeat(1200));
    for text in [link, transfer.as_str()] {
        let drawn = draw(text).unwrap();
        let (side, luma) = pixels(&drawn, 4);
        let read = qr::read_luma(side, side, &luma).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].as_str(), text);
        // The path draws exactly the modules.
        let view = drawn.view_side();
        let from_path = modules_of_path(&drawn.svg_path(), view);
        for y in 0..drawn.side() {
            for x in 0..drawn.side() {
                assert_eq!(
                    from_path[(y + QUIET_ZONE) * view + x + QUIET_ZONE],
                    drawn.is_dark(x, y)
                );
            }
        }
    }
}

#[test]
fn a_text_too_long_for_any_code_is_refused() {
    assert_eq!(draw(&"x".repeat(5000)).unwrap_err(), DrawError::TooLong);
}
