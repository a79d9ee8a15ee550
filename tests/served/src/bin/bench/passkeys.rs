//! Unlock with a passkey, and with the PIN and a passkey (issue 19), in
//! Chromium with its virtual authenticator (PRF, user verification, the
//! touch simulated: so the figure is the app's own work plus the
//! browser's ceremony, not a person's finger). Served at localhost, as
//! WebAuthn refuses an IP address. Each from the press to the first code,
//! observed in the page, with the longest main-thread task meanwhile.

use super::{PIN, Samples, launch, link, number, paste_links, time_to_first_code};
use served_tests::{Browser, StaticServer};

/// Presses the button named `name` after arming the page's timers.
async fn press_timed(browser: &Browser, name: &str) {
    browser
        .eval(&format!(
            "window.__longTasks = []; window.__codeAt = 0; window.__unlockAt = performance.now(); \
             [...document.querySelectorAll('button')].find(b => b.textContent.trim() === '{name}').click(); return true;"
        ))
        .await
        .expect("button pressed");
}

async fn longest_task(browser: &Browser) -> f64 {
    number(browser, "return Math.max(0, ...window.__longTasks);").await
}

pub async fn passkeys_run(server: &StaticServer, samples: &mut Samples) {
    let browser = launch().await;
    browser
        .driver
        .goto(server.localhost_url("/"))
        .await
        .expect("page loads");
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    paste_links(&browser, &[link(0)]).await;
    browser.wait_for_text("Service0").await;
    browser.add_virtual_authenticator(true).await;
    browser.press("Settings").await;
    browser.press("Add a passkey").await;
    browser.wait_for_text("Remove").await;

    browser.press("Lock").await;
    browser.wait_for_text("Unlock with a passkey").await;
    press_timed(&browser, "Unlock with a passkey").await;
    samples.add(
        "unlock with a passkey (ms)",
        time_to_first_code(&browser).await,
    );
    samples.add(
        "unlock with a passkey: longest task (ms)",
        longest_task(&browser).await,
    );

    browser.require_passkey(PIN).await;
    browser.press("Lock").await;
    browser.wait_for_text("Then use your passkey").await;
    browser.type_pin(PIN).await;
    press_timed(&browser, "Unlock").await;
    samples.add(
        "unlock with PIN and passkey (ms)",
        time_to_first_code(&browser).await,
    );
    samples.add(
        "unlock with PIN and passkey: longest task (ms)",
        longest_task(&browser).await,
    );
    browser.quit().await;
}
