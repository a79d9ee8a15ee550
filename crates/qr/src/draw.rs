//! Draws a QR code: the modules of a text's code, as an SVG path the page
//! puts in an `<svg>`, drawn where it is shown and never sent anywhere.
//!
//! Secrets: what is drawn is usually a token's secret, so the modules and
//! the path are wiped when dropped.

use qrcode::{Color, EcLevel, QrCode};
use zeroize::Zeroizing;

/// White modules around the code, as the standard asks for.
pub const QUIET_ZONE: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error("this is too long to fit in one QR code")]
    TooLong,
}

/// A QR code's modules, `side` × `side`, without the quiet zone.
pub struct Drawn {
    side: usize,
    dark: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for Drawn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Drawn")
            .field("side", &self.side)
            .finish_non_exhaustive()
    }
}

/// The QR code of `text`, at error correction level M (15 % of it may be
/// lost: a phone's camera on a glossy screen).
///
/// # Errors
/// [`DrawError::TooLong`] above what the largest code holds.
pub fn draw(text: &str) -> Result<Drawn, DrawError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| DrawError::TooLong)?;
    let side = code.width();
    let dark = Zeroizing::new(
        code.to_colors()
            .into_iter()
            .map(|color| u8::from(color == Color::Dark))
            .collect(),
    );
    Ok(Drawn { side, dark })
}

impl Drawn {
    /// Modules a side, without the quiet zone.
    pub fn side(&self) -> usize {
        self.side
    }

    /// The side of the SVG's view box: the code and its quiet zone.
    pub fn view_side(&self) -> usize {
        self.side + 2 * QUIET_ZONE
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.side && y < self.side && self.dark[y * self.side + x] == 1
    }

    /// An SVG path of the dark modules in view-box units (one a module,
    /// the quiet zone included): one rectangle per run of dark modules in
    /// a row, `M x y h w v 1 h -w z`.
    pub fn svg_path(&self) -> Zeroizing<String> {
        use std::fmt::Write;
        let mut path = Zeroizing::new(String::new());
        for y in 0..self.side {
            let mut x = 0;
            while x < self.side {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.side && self.is_dark(x, y) {
                    x += 1;
                }
                let run = x - start;
                let _ = write!(
                    path,
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                );
            }
        }
        path
    }
}
