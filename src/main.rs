//! The binary Trunk builds: installs the panic hook, then starts the app.

fn main() {
    softtoken::platform::panic::install();
    wasm_bindgen_futures::spawn_local(softtoken::app::start());
}
