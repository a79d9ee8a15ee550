//! Reads QR codes from pixels. The app hands over a picture or a camera frame
//! as RGBA (what a canvas gives) and gets back the text of each QR code in it.
//! And draws them ([`draw`]), for the transfer to another app.
//!
//! Contract:
//! - Pure and total: any width, height and buffer gives a result or a
//!   [`QrError`], never a panic; sizes are checked against the buffer.
//! - Bounded time: a picture larger than [`MAX_SIDE`] pixels a side is first
//!   reduced (averaging blocks of pixels), so a decode costs about the same
//!   for a camera frame or a 12-megapixel photo. QR codes stay readable far
//!   below camera resolution.
//! - Secrets: a QR code usually holds a token's secret, so the text comes
//!   back in [`Zeroizing`] strings and the greyscale copy is wiped.

pub mod draw;
pub mod picture;

use thiserror::Error;
use zeroize::Zeroizing;

/// The longest side read at full size; larger pictures are reduced to it.
pub const MAX_SIDE: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QrError {
    #[error("the picture is empty")]
    Empty,
    #[error("the picture's size does not match its pixels")]
    SizeMismatch,
    #[error("no QR code was found in the picture")]
    NotFound,
    #[error(
        "a QR code was found but could not be read: it may be blurred, damaged or partly hidden"
    )]
    Unreadable,
}

/// Reads every QR code in an RGBA picture (4 bytes a pixel, rows top to
/// bottom).
///
/// # Errors
/// [`QrError::Empty`] or [`QrError::SizeMismatch`] for a malformed picture,
/// [`QrError::NotFound`] when it holds no QR code, [`QrError::Unreadable`]
/// when every code found failed to decode.
pub fn read_rgba(
    width: usize,
    height: usize,
    rgba: &[u8],
) -> Result<Vec<Zeroizing<String>>, QrError> {
    let pixels = checked_pixels(width, height, rgba.len(), 4)?;
    let luma: Zeroizing<Vec<u8>> = Zeroizing::new(
        rgba.chunks_exact(4)
            .take(pixels)
            // ITU-R BT.601 weights, in integers; transparent counts as white
            // (a QR code on a transparent PNG is drawn on white).
            .map(|p| {
                let grey =
                    (299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000;
                let alpha = u32::from(p[3]);
                ((grey * alpha + 255 * (255 - alpha)) / 255) as u8
            })
            .collect(),
    );
    read_luma(width, height, &luma)
}

/// Reads every QR code in a greyscale picture (1 byte a pixel).
///
/// # Errors
/// As [`read_rgba`].
pub fn read_luma(
    width: usize,
    height: usize,
    luma: &[u8],
) -> Result<Vec<Zeroizing<String>>, QrError> {
    checked_pixels(width, height, luma.len(), 1)?;
    let factor = width.max(height).div_ceil(MAX_SIDE);
    if factor > 1 {
        let (small_width, small_height, small) = reduce(width, height, luma, factor);
        return decode(small_width, small_height, &small);
    }
    decode(width, height, luma)
}

fn checked_pixels(
    width: usize,
    height: usize,
    len: usize,
    bytes_per_pixel: usize,
) -> Result<usize, QrError> {
    if width == 0 || height == 0 {
        return Err(QrError::Empty);
    }
    let pixels = width.checked_mul(height).ok_or(QrError::SizeMismatch)?;
    if pixels.checked_mul(bytes_per_pixel) != Some(len) {
        return Err(QrError::SizeMismatch);
    }
    Ok(pixels)
}

/// Averages `factor` x `factor` blocks (the last row and column of blocks
/// may be partial).
fn reduce(
    width: usize,
    height: usize,
    luma: &[u8],
    factor: usize,
) -> (usize, usize, Zeroizing<Vec<u8>>) {
    let (small_width, small_height) = (width.div_ceil(factor), height.div_ceil(factor));
    let mut sums = vec![(0u32, 0u32); small_width * small_height];
    for (y, row) in luma.chunks_exact(width).enumerate() {
        let out_row = (y / factor) * small_width;
        for (x, value) in row.iter().enumerate() {
            let cell = &mut sums[out_row + x / factor];
            cell.0 += u32::from(*value);
            cell.1 += 1;
        }
    }
    let small = sums
        .iter()
        .map(|(sum, count)| (sum / (*count).max(1)) as u8)
        .collect();
    (small_width, small_height, Zeroizing::new(small))
}

fn decode(width: usize, height: usize, luma: &[u8]) -> Result<Vec<Zeroizing<String>>, QrError> {
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    let grids = prepared.detect_grids();
    if grids.is_empty() {
        return Err(QrError::NotFound);
    }
    let texts: Vec<_> = grids
        .iter()
        .filter_map(|grid| grid.decode().ok())
        .map(|(_, text)| Zeroizing::new(text))
        .collect();
    if texts.is_empty() {
        return Err(QrError::Unreadable);
    }
    Ok(texts)
}
