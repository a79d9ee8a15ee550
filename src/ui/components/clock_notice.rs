//! On the initial screen, when this device's clock is more than 15 seconds
//! from its server's: how far, that codes may be refused, and how to fix
//! it. Says nothing offline or while the check is running. The notice
//! carries the measured offset (`data-clock-offset`, seconds, positive
//! when behind).

use crate::state::clock_check;
use leptos::prelude::*;

#[component]
pub fn ClockNotice() -> impl IntoView {
    let offset = clock_check();
    let significant = move || offset.get().flatten().filter(|o| o.is_significant());
    view! {
        {move || significant().map(|offset| view! {
            <div class="card notice" role="status" data-clock-offset=offset.seconds().to_string()>
                <p><strong>{format!("This device's clock is {}. Codes may be refused.", offset.describe())}</strong></p>
                <p class="muted">"Codes depend on the time. Turn on setting the date and time automatically in your device's settings, then come back here."</p>
            </div>
        })}
    }
}
