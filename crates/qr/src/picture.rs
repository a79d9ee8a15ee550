//! A picture's width and height, read from the first bytes of its file
//! before anything decodes it: a small file can hold a picture of billions
//! of pixels (a decompression bomb) that would exhaust the page's memory.
//!
//! Contract: pure and total; only PNG, JPEG, GIF, WebP, BMP, ICO and
//! HEIF/AVIF headers are understood (what browsers decode).

use thiserror::Error;

/// How much of a file to read for its header: a JPEG's size comes after
/// its metadata segments, which can reach 64 KiB each.
pub const HEADER_BYTES: usize = 256 * 1024;
/// The largest picture decoded: above any phone camera's 50-200 MP photo
/// once it is the kind of picture that holds a QR code, and far below what
/// would exhaust memory (4 bytes a pixel).
pub const MAX_PIXELS: u64 = 100_000_000;
/// The longest side decoded (a browser's canvas limit).
pub const MAX_SIDE: u32 = 16_384;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PictureError {
    #[error("This file is not a picture Soft Token can open.")]
    NotAPicture,
    #[error("This picture is too large to read ({width} × {height} pixels).")]
    TooLarge { width: u64, height: u64 },
}

/// The width and height in the header, when within [`MAX_PIXELS`] and
/// [`MAX_SIDE`].
///
/// # Errors
/// [`PictureError::NotAPicture`] for an unknown or truncated header;
/// [`PictureError::TooLarge`] for a picture over the limits.
pub fn checked_size(header: &[u8]) -> Result<(u32, u32), PictureError> {
    let size = imagesize::blob_size(header).map_err(|_| PictureError::NotAPicture)?;
    let (width, height) = (size.width as u64, size.height as u64);
    if width == 0 || height == 0 {
        return Err(PictureError::NotAPicture);
    }
    if width > u64::from(MAX_SIDE) || height > u64::from(MAX_SIDE) || width * height > MAX_PIXELS {
        return Err(PictureError::TooLarge { width, height });
    }
    Ok((width as u32, height as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG signature and IHDR chunk for `width` × `height` (the CRC is not
    /// checked by a size reader).
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        bytes.extend_from_slice(&13u32.to_be_bytes());
        bytes.extend_from_slice(b"IHDR");
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn a_photo_passes_and_a_bomb_is_refused_from_its_header_alone() {
        assert_eq!(checked_size(&png_header(4032, 3024)), Ok((4032, 3024)));
        assert_eq!(
            checked_size(&png_header(100_000, 100_000)),
            Err(PictureError::TooLarge {
                width: 100_000,
                height: 100_000
            })
        );
        assert!(matches!(
            checked_size(&png_header(16_000, 16_000)),
            Err(PictureError::TooLarge { .. })
        ));
        assert!(matches!(
            checked_size(&png_header(20_000, 10)),
            Err(PictureError::TooLarge { .. })
        ));
        assert_eq!(
            checked_size(&png_header(0, 10)),
            Err(PictureError::NotAPicture)
        );
        assert_eq!(
            checked_size(b"not a picture at all"),
            Err(PictureError::NotAPicture)
        );
        assert_eq!(checked_size(&[]), Err(PictureError::NotAPicture));
    }
}
