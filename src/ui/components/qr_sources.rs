//! Every way a QR code reaches the app: the camera, a picture chosen,
//! dropped on the card, or pasted anywhere on the screen. The text read
//! goes to `on_text`; what could not be read is a sentence in `error`.
//! Used by Add identity and by Verify a transaction.

use crate::state::use_app_state;
use crate::ui::components::camera_scanner::CameraScanner;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn QrSources(
    /// Called with the text of the QR code(s) read, one per line.
    on_text: Callback<String>,
    /// Where a picture that could not be read is explained.
    error: RwSignal<Option<String>>,
    /// The card's heading.
    #[prop(into)]
    heading: String,
) -> impl IntoView {
    let state = use_app_state();
    let scanning = RwSignal::new(false);
    let reading_picture = RwSignal::new(false);
    let read_picture = Action::new_local(move |blob: &web_sys::Blob| {
        let blob = blob.clone();
        async move {
            reading_picture.set(true);
            let texts = state.read_picture(&blob).await;
            reading_picture.set(false);
            match texts {
                Ok(texts) => {
                    let joined: Vec<&str> = texts.iter().map(|t| t.as_str()).collect();
                    error.set(None);
                    on_text.run(joined.join("\n"));
                }
                Err(problem) => error.set(Some(problem.to_string())),
            }
        }
    });
    let on_file = move |event: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            read_picture.dispatch_local(file.into());
        }
        // Choosing the same file again should read it again.
        input.set_value("");
    };
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        let file = event
            .data_transfer()
            .and_then(|data| data.files())
            .and_then(|files| files.get(0));
        match file {
            Some(file) => {
                read_picture.dispatch_local(file.into());
            }
            None => error.set(Some("Drop a picture file of the QR code.".into())),
        }
    };
    // A picture pasted anywhere on the screen (text pastes go to the
    // field they are pasted into, as usual).
    let paste = window_event_listener(leptos::ev::paste, move |event: web_sys::ClipboardEvent| {
        let picture = event
            .clipboard_data()
            .and_then(|data| data.files())
            .and_then(|files| files.get(0))
            .filter(|file| file.type_().starts_with("image/"));
        if let Some(picture) = picture {
            event.prevent_default();
            read_picture.dispatch_local(picture.unchecked_into());
        }
    });
    on_cleanup(move || paste.remove());

    view! {
        <section class="card drop-zone" on:dragover=|event: leptos::ev::DragEvent| event.prevent_default() on:drop=on_drop>
            <h3>{heading}</h3>
            <Show
                when=move || scanning.get()
                fallback=move || view! {
                    <button type="button" class="button" on:click=move |_| scanning.set(true)>"Scan with the camera"</button>
                }
            >
                <CameraScanner
                    on_text=Callback::new(move |text: String| {
                        scanning.set(false);
                        on_text.run(text);
                    })
                    on_close=Callback::new(move |()| scanning.set(false))
                />
            </Show>
            <label class="button button--secondary file-button">
                "Open a QR image"
                <input type="file" accept="image/*" class="visually-hidden" on:change=on_file />
            </label>
            <p class="muted">"You can also drop a picture here, or paste one."</p>
            <p class="muted" role="status">{move || if reading_picture.get() { "Reading the picture…" } else { "" }}</p>
            <p class="field__error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </section>
    }
}
