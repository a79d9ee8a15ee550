//! Pixels for the `qr` crate from the browser: a picture (a chosen file, a
//! dropped or pasted image) or a camera frame is drawn onto a canvas no
//! larger than [`READ_SIDE`] pixels a side, and its RGBA is read in the QR
//! worker (`qr_worker`), or on the page in debug builds without one (the
//! browser tests). A large photo is scaled while the browser decodes it, off the
//! main thread, so no step here blocks the page for long. A picture's size is
//! read from its header first ([`qr::picture`]): one too large is refused
//! before anything decodes it.
//!
//! Contract: every failure is a [`PictureError`], whose message says what to
//! try next; decoded text is zeroized when dropped.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use zeroize::Zeroizing;

/// The longest side drawn for decoding.
pub const READ_SIDE: u32 = 800;

/// Why a picture or frame gave no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PictureError {
    #[error(
        "This file is not a picture Soft Token can open. Choose a PNG or JPEG picture of the QR code."
    )]
    NotAPicture,
    #[error("{0} Use a smaller picture or a screenshot of the QR code.")]
    TooLarge(qr::picture::PictureError),
    #[error(
        "Soft Token's QR code reader did not start. Reload the page and try again, or paste the link instead."
    )]
    NoReader,
    #[error(
        "No QR code was found in this picture. Try a sharper picture with the whole code in it, or paste the link instead."
    )]
    NotFound,
    #[error(
        "A QR code was found but could not be read. Try a sharper, well-lit picture, or paste the link instead."
    )]
    Unreadable,
    #[error(
        "This browser cannot draw the picture, so the QR code cannot be read. Paste the link instead."
    )]
    CannotDraw,
}

const NOT_A_PICTURE: PictureError = PictureError::NotAPicture;

/// Reads the QR codes in a picture file or pasted image.
///
/// # Errors
/// A [`PictureError`].
pub async fn read_picture(
    blob: &web_sys::Blob,
    worker: Option<&str>,
) -> Result<Vec<Zeroizing<String>>, PictureError> {
    let (full_width, full_height) = picture_size(blob).await?;
    let (width, height) = read_size(full_width, full_height);
    // A large photo is scaled while it is decoded, off the main thread:
    // drawing 12 megapixels onto a canvas here would block the page.
    // Only the header's longer side is given: the browser keeps the aspect
    // ratio, also when the photo's orientation turns it on decoding.
    let resize =
        ((width, height) != (full_width, full_height)).then_some(if full_width >= full_height {
            (Some(width), None)
        } else {
            (None, Some(height))
        });
    let bitmap = decode_picture(blob, resize).await?;
    let pixels = draw(bitmap.width(), bitmap.height(), |context, width, height| {
        context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, width, height)
    });
    bitmap.close();
    decode(pixels?, worker).await.map_err(message)
}

/// The picture's size from the first bytes of its file, within the limits.
async fn picture_size(blob: &web_sys::Blob) -> Result<(u32, u32), PictureError> {
    let header = blob
        .slice_with_f64_and_f64(0.0, qr::picture::HEADER_BYTES as f64)
        .map_err(|_| NOT_A_PICTURE)?;
    let bytes = JsFuture::from(header.array_buffer())
        .await
        .map_err(|_| NOT_A_PICTURE)?;
    let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
    qr::picture::checked_size(&bytes).map_err(|error| match error {
        qr::picture::PictureError::NotAPicture => NOT_A_PICTURE,
        too_large => PictureError::TooLarge(too_large),
    })
}

async fn decode_picture(
    blob: &web_sys::Blob,
    resize: Option<(Option<u32>, Option<u32>)>,
) -> Result<web_sys::ImageBitmap, PictureError> {
    let window = web_sys::window().ok_or(NOT_A_PICTURE)?;
    let promise = match resize {
        None => window.create_image_bitmap_with_blob(blob),
        Some((width, height)) => {
            let options = web_sys::ImageBitmapOptions::new();
            if let Some(width) = width {
                options.set_resize_width(width);
            }
            if let Some(height) = height {
                options.set_resize_height(height);
            }
            options.set_resize_quality(web_sys::ResizeQuality::Low);
            window.create_image_bitmap_with_blob_and_image_bitmap_options(blob, &options)
        }
    }
    .map_err(|_| NOT_A_PICTURE)?;
    Ok(JsFuture::from(promise)
        .await
        .map_err(|_| NOT_A_PICTURE)?
        .unchecked_into())
}

/// Reads the QR codes in the video's current frame; `Ok(empty)` when the
/// frame holds none (the camera keeps looking).
///
/// # Errors
/// A [`PictureError`] when the frame cannot be drawn or read.
pub async fn read_frame(
    video: &web_sys::HtmlVideoElement,
    worker: Option<&str>,
) -> Result<Vec<Zeroizing<String>>, PictureError> {
    if video.video_width() == 0 {
        return Ok(Vec::new());
    }
    let pixels = draw(
        video.video_width(),
        video.video_height(),
        |context, width, height| {
            context.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, width, height)
        },
    )?;
    match decode(pixels, worker).await {
        Err(Failure::Qr(qr::QrError::NotFound | qr::QrError::Unreadable)) => Ok(Vec::new()),
        other => other.map_err(message),
    }
}

fn message(error: Failure) -> PictureError {
    match error {
        Failure::NoReader => PictureError::NoReader,
        Failure::Qr(qr::QrError::NotFound) => PictureError::NotFound,
        Failure::Qr(qr::QrError::Unreadable) => PictureError::Unreadable,
        Failure::Qr(qr::QrError::Empty | qr::QrError::SizeMismatch) => NOT_A_PICTURE,
    }
}

/// A picture's pixels, ready to read.
struct Pixels {
    width: u32,
    height: u32,
    rgba: Zeroizing<Vec<u8>>,
}

async fn decode(pixels: Pixels, worker: Option<&str>) -> Result<Vec<Zeroizing<String>>, Failure> {
    if let Some(url) = worker
        && let Ok(answer) =
            crate::workers::qr::read(url, pixels.width, pixels.height, &pixels.rgba).await
    {
        return answer.map_err(Failure::Qr);
    }
    read_here(&pixels)
}

/// Why no text came out of a picture.
enum Failure {
    Qr(qr::QrError),
    /// No worker, and no reader on the page (release builds).
    #[cfg_attr(debug_assertions, allow(dead_code))]
    NoReader,
}

/// Without the worker, debug builds (the browser tests) read on the page.
/// Release builds leave the reader out of the page's bundle: it is the
/// worker's (about 100 KB compressed).
#[cfg(debug_assertions)]
fn read_here(pixels: &Pixels) -> Result<Vec<Zeroizing<String>>, Failure> {
    qr::read_rgba(pixels.width as usize, pixels.height as usize, &pixels.rgba).map_err(Failure::Qr)
}

#[cfg(not(debug_assertions))]
fn read_here(_: &Pixels) -> Result<Vec<Zeroizing<String>>, Failure> {
    Err(Failure::NoReader)
}

/// The size to draw at: the source scaled down to fit [`READ_SIDE`].
fn read_size(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height).max(1);
    if longest <= READ_SIDE {
        return (width, height);
    }
    let scale =
        |side: u32| ((u64::from(side) * u64::from(READ_SIDE)) / u64::from(longest)).max(1) as u32;
    (scale(width), scale(height))
}

fn draw(
    width: u32,
    height: u32,
    draw: impl FnOnce(&CanvasRenderingContext2d, f64, f64) -> Result<(), JsValue>,
) -> Result<Pixels, PictureError> {
    let (width, height) = read_size(width, height);
    if width == 0 || height == 0 {
        return Err(NOT_A_PICTURE);
    }
    let context = canvas_context(width, height).ok_or(PictureError::CannotDraw)?;
    // Transparent pixels read as white, behind the code.
    context.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
    draw(&context, f64::from(width), f64::from(height)).map_err(|_| NOT_A_PICTURE)?;
    let image = context
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .map_err(|_| NOT_A_PICTURE)?;
    Ok(Pixels {
        width,
        height,
        rgba: Zeroizing::new(image.data().0),
    })
}

fn canvas_context(width: u32, height: u32) -> Option<CanvasRenderingContext2d> {
    let canvas: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE).ok()?;
    canvas
        .get_context_with_context_options("2d", &options)
        .ok()??
        .dyn_into()
        .ok()
}
