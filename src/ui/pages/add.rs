//! "Add identity": every way to add a token. Activation (the seed's Serial
//! Number and Activation Code) has its own screen; here are the others: a QR
//! code from the camera or a picture (chosen, dropped or pasted), a pasted
//! link, or a secret typed by hand (its own screen). Whatever is read goes
//! to the preview; nothing is stored from here.

use crate::state::{Reading, use_pending};
use crate::ui::components::camera_scanner::CameraScanner;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

#[component]
pub fn Add() -> impl IntoView {
    let pending = use_pending();
    let navigate = use_navigate();
    let state = crate::state::use_app_state();
    let link = RwSignal::new(String::new());
    let link_error = RwSignal::new(None::<String>);
    let picture_error = RwSignal::new(None::<String>);
    let scanning = RwSignal::new(false);
    let reading_picture = RwSignal::new(false);

    // Text from any source: to the preview, or to the activation screen.
    let take_text = Callback::new(move |(text, error): (String, RwSignal<Option<String>>)| {
        match pending.read(&text) {
            Ok(Reading::Tokens {
                candidates,
                skipped,
                missing_parts,
            }) => {
                pending.offer(candidates, skipped, missing_parts);
                navigate("/add/preview", Default::default());
            }
            Ok(Reading::ActivationLink(link)) => {
                pending.activation_link.set(Some(link));
                navigate("/activate", Default::default());
            }
            Err(problem) => error.set(Some(problem.to_string())),
        }
    });
    let read_picture = Action::new_local(move |blob: &web_sys::Blob| {
        let blob = blob.clone();
        async move {
            reading_picture.set(true);
            let texts = state.read_picture(&blob).await;
            reading_picture.set(false);
            match texts {
                Ok(texts) => {
                    let joined: Vec<&str> = texts.iter().map(|t| t.as_str()).collect();
                    picture_error.set(None);
                    take_text.run((joined.join("\n"), picture_error));
                }
                Err(problem) => picture_error.set(Some(problem.to_string())),
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
            None => picture_error.set(Some("Drop a picture file of the QR code.".into())),
        }
    };
    // A picture pasted anywhere on this screen (text pastes go to the
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

    let read_link = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        link_error.set(None);
        take_text.run((link.get_untracked(), link_error));
    };

    view! {
        <h2>"Add identity"</h2>
        <section class="card">
            <h3>"With a Serial Number and Activation Code"</h3>
            <p class="muted">"From your organization's Self-Service module."</p>
            <A href="/activate" attr:class="button">"Activate a soft token identity"</A>
        </section>
        <section class="card drop-zone" on:dragover=|event: leptos::ev::DragEvent| event.prevent_default() on:drop=on_drop>
            <h3>"From a QR code"</h3>
            <Show
                when=move || scanning.get()
                fallback=move || view! {
                    <button type="button" class="button" on:click=move |_| scanning.set(true)>"Scan with the camera"</button>
                }
            >
                <CameraScanner
                    on_text=Callback::new(move |text: String| {
                        scanning.set(false);
                        take_text.run((text, picture_error));
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
            <p class="field__error" role="alert">{move || picture_error.get().unwrap_or_default()}</p>
        </section>
        <form class="card" on:submit=read_link>
            <h3>"From a link"</h3>
            <div class="field">
                <label for="link">"Link"</label>
                <textarea id="link" rows="3" autocomplete="off" spellcheck="false"
                    placeholder="otpauth://… or otpauth-migration://… or igmobileotp://…"
                    bind:value=link
                    aria-describedby="link-error"></textarea>
                <p class="field__error" id="link-error" role="alert">{move || link_error.get().unwrap_or_default()}</p>
            </div>
            <button type="submit" class="button">"Read link"</button>
        </form>
        <section class="card">
            <h3>"By typing its secret"</h3>
            <p class="muted">"When a service shows a secret key instead of a QR code."</p>
            <A href="/add/secret" attr:class="button button--secondary">"Type a secret"</A>
        </section>
    }
}
