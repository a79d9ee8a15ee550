//! A QR code drawn in the page: an `<svg>` of its modules, black on white
//! in either theme (a camera reads it either way; some apps read only
//! dark on light), with a quiet zone. The text it holds is in no
//! attribute and no text node: only in the drawing.

use leptos::prelude::*;
use zeroize::Zeroizing;

const PIXELS_PER_MODULE: usize = 4;

#[component]
pub fn QrCode(
    /// What the code holds (a link with a secret).
    text: Zeroizing<String>,
    /// What a screen reader says of it ("QR code 2 of 5").
    label: String,
) -> impl IntoView {
    match qr::draw::draw(&text) {
        Ok(drawn) => {
            let side = drawn.view_side();
            let view_box = format!("0 0 {side} {side}");
            // Four whole pixels a module where the screen is wide enough
            // (crisp for any camera); narrower screens scale it down, and
            // their pixel density keeps it sharp.
            let pixels = side * PIXELS_PER_MODULE;
            let path = drawn.svg_path();
            view! {
                <svg class="qr-code" viewBox=view_box width=pixels height=pixels role="img" aria-label=label
                    shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
                    <rect width=side height=side fill="#fff" />
                    <path d=path.to_string() fill="#000" />
                </svg>
            }
            .into_any()
        }
        Err(error) => view! { <p class="field__error" role="alert">{format!("This QR code cannot be drawn: {error}.")}</p> }.into_any(),
    }
}
