//! Tells other open tabs that the vault changed (BroadcastChannel), and
//! hears them, so every tab shows the latest tokens. Messages carry only a
//! sender id (to ignore one's own) and the new revision, never data.

use web_sys::BroadcastChannel;

fn channel_name(db_name: &str) -> String {
    format!("softtoken:{db_name}")
}

/// Announces a new revision to the other tabs.
pub fn announce(db_name: &str, sender: &str, revision: u64) {
    if let Ok(channel) = BroadcastChannel::new(&channel_name(db_name)) {
        channel
            .post_message(&wasm_bindgen::JsValue::from_str(&format!(
                "{sender}:{revision}"
            )))
            .ok();
        channel.close();
    }
}

/// Calls `on_change` whenever another sender announces a change. Dropping
/// the returned guard closes the channel.
pub fn listen(db_name: &str, own_sender: &str, on_change: impl Fn() + 'static) -> Option<Listener> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let channel = BroadcastChannel::new(&channel_name(db_name)).ok()?;
    let own_prefix = format!("{own_sender}:");
    let callback =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let from_self = event
                .data()
                .as_string()
                .is_some_and(|text| text.starts_with(&own_prefix));
            if !from_self {
                on_change();
            }
        });
    channel.set_onmessage(Some(callback.as_ref().unchecked_ref()));
    Some(Listener {
        channel,
        _callback: callback,
    })
}

pub struct Listener {
    channel: BroadcastChannel,
    _callback: wasm_bindgen::closure::Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
