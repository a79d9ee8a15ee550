//! The binary Trunk builds: installs the panic hook, then mounts the app.
use leptos::prelude::*;

fn main() {
    softtoken::panic::install();
    leptos::mount::mount_to_body(|| view! { <softtoken::App /> });
}
