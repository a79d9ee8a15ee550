//! Scans QR codes with the camera: the rear camera when there is one, a
//! visible frame to aim with, and a look at the picture a few times a
//! second, through the browser's BarcodeDetector where it exists and the
//! `qr` crate otherwise. The camera is released as soon as a code is read,
//! or the scanner is closed or left.

use leptos::html::Video;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlVideoElement, MediaStream, MediaStreamConstraints};

/// How often a frame is looked at.
const SCAN_EVERY_MS: u64 = 250;

/// Why the camera gave no picture; each message says what to do instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
enum CameraError {
    #[error(
        "Soft Token may not use the camera: permission was denied. Allow the camera in the browser's settings for this site and try again. You can open a picture of the QR code or paste the link instead."
    )]
    Denied,
    #[error(
        "No camera was found. You can open a picture of the QR code or paste the link instead."
    )]
    NotFound,
    #[error(
        "The camera is in use by another app, or failed to start. You can open a picture of the QR code or paste the link instead."
    )]
    InUse,
    #[error(
        "The camera could not be started. You can open a picture of the QR code or paste the link instead."
    )]
    Failed,
    #[error(
        "This browser offers no camera here. You can open a picture of the QR code or paste the link instead."
    )]
    NoCamera,
}

/// What getUserMedia's refusal means for the person.
fn camera_error(error: &JsValue) -> CameraError {
    let name = js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => CameraError::Denied,
        "NotFoundError" | "OverconstrainedError" => CameraError::NotFound,
        "NotReadableError" | "AbortError" => CameraError::InUse,
        _ => CameraError::Failed,
    }
}

async fn open_camera() -> Result<MediaStream, CameraError> {
    let devices = web_sys::window()
        .map(|w| w.navigator())
        .filter(|n| js_sys::Reflect::has(n, &"mediaDevices".into()).unwrap_or(false))
        .and_then(|n| n.media_devices().ok())
        .ok_or(CameraError::NoCamera)?;
    let constraints = MediaStreamConstraints::new();
    let video = js_sys::Object::new();
    let facing = js_sys::Object::new();
    js_sys::Reflect::set(&facing, &"ideal".into(), &"environment".into()).ok();
    js_sys::Reflect::set(&video, &"facingMode".into(), &facing).ok();
    constraints.set_video(&video);
    constraints.set_audio(&JsValue::FALSE);
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|e| camera_error(&e))?;
    JsFuture::from(promise)
        .await
        .map(JsCast::unchecked_into)
        .map_err(|e| camera_error(&e))
}

fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        track.unchecked_into::<web_sys::MediaStreamTrack>().stop();
    }
}

/// The browser's own QR reader, when it has one (Android, macOS, ChromeOS).
fn barcode_detector() -> Option<JsValue> {
    let window = web_sys::window()?;
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &"BarcodeDetector".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = js_sys::Object::new();
    let formats = js_sys::Array::of1(&"qr_code".into());
    js_sys::Reflect::set(&options, &"formats".into(), &formats).ok()?;
    js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&options)).ok()
}

async fn detect_with(detector: &JsValue, video: &HtmlVideoElement) -> Option<String> {
    let detect: js_sys::Function = js_sys::Reflect::get(detector, &"detect".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = detect.call1(detector, video).ok()?.dyn_into().ok()?;
    let found: js_sys::Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    let first = found.get(0);
    js_sys::Reflect::get(&first, &"rawValue".into())
        .ok()?
        .as_string()
}

#[component]
pub fn CameraScanner(
    /// The text of the first QR code read.
    on_text: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let video_ref = NodeRef::<Video>::new();
    let error = RwSignal::new(None::<String>);
    let stream = StoredValue::new_local(None::<MediaStream>);
    let busy = Rc::new(std::cell::Cell::new(false));
    let detector = barcode_detector();
    let state = crate::state::use_app_state();

    leptos::task::spawn_local(async move {
        match open_camera().await {
            Ok(opened) => {
                if let Some(video) = video_ref.get_untracked() {
                    video.set_src_object(Some(&opened));
                    if let Ok(playing) = video.play() {
                        JsFuture::from(playing).await.ok();
                    }
                    if stream.try_set_value(Some(opened.clone())).is_some() {
                        // Left meanwhile: nobody will release it later.
                        stop(&opened);
                    }
                } else {
                    // Closed before the camera answered.
                    stop(&opened);
                }
            }
            Err(problem) => error.set(Some(problem.to_string())),
        }
    });

    let interval = leptos_use::use_interval_fn(
        move || {
            let Some(video) = video_ref.get_untracked() else {
                return;
            };
            if stream.with_value(Option::is_none) || busy.get() {
                return;
            }
            let found = move |text: String| {
                if let Some(open) = stream.try_update_value(Option::take).flatten() {
                    stop(&open);
                }
                on_text.run(text);
            };
            let (detector, busy) = (detector.clone(), busy.clone());
            busy.set(true);
            leptos::task::spawn_local(async move {
                let text = match &detector {
                    Some(detector) => detect_with(detector, &video).await,
                    None => match state.read_frame(&video).await {
                        Ok(texts) => texts.first().map(|t| t.to_string()),
                        Err(problem) => {
                            error.try_set(Some(problem.to_string()));
                            None
                        }
                    },
                };
                if let Some(text) = text {
                    found(text);
                }
                busy.set(false);
            });
        },
        SCAN_EVERY_MS,
    );
    on_cleanup(move || {
        (interval.pause)();
        if let Some(open) = stream.try_update_value(Option::take).flatten() {
            stop(&open);
        }
    });

    view! {
        <div class="scanner">
            <Show
                when=move || error.get().is_none()
                fallback=move || view! { <p class="field__error" role="alert">{move || error.get().unwrap_or_default()}</p> }
            >
                <div class="scanner__view">
                    <video node_ref=video_ref class="scanner__video" muted=true playsinline=true aria-label="Camera picture" />
                    <div class="scanner__frame" aria-hidden="true"></div>
                </div>
                <p class="muted" role="status">"Hold the QR code inside the frame."</p>
            </Show>
            <button type="button" class="button button--secondary" on:click=move |_| on_close.run(())>
                "Stop scanning"
            </button>
        </div>
    }
}
