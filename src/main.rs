//! The binary Trunk builds: installs the panic hook, then mounts the app.
fn main() {
    softtoken::panic::install();
    leptos::mount::mount_to_body(softtoken::App);
}
