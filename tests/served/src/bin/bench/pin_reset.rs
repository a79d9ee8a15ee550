//! PIN reset (issue 20): from the press of Unlock with the issuer's
//! Unlock Code to the first code, with the new PIN typed by the bench
//! (the Argon2id of the Unlock Code, of the fresh recovery slot and of the
//! new PIN all included), and the longest main-thread task meanwhile. The
//! identity is activated with the real `selfservice`, which also computes
//! the Unlock Code.

use super::{PIN, Samples, launch, number, time_to_first_code};
use served_tests::StaticServer;
use served_tests::selfservice::{activate, run};
use thirtyfour::By;

pub async fn pin_reset_run(server: &StaticServer, samples: &mut Samples) {
    let browser = launch().await;
    browser
        .driver
        .goto(server.url("/"))
        .await
        .expect("page loads");
    browser.create_pin(PIN).await;
    let secret = activate(&browser, "AnyBank").await;
    browser.press("Lock").await;
    browser.press("Forgot your PIN?").await;
    browser.wait_for_text("PIN Reset Code").await;
    let reset = browser
        .element(By::XPath(
            "//dt[normalize-space(.)='PIN Reset Code']/following-sibling::dd[1]",
        ))
        .await
        .text()
        .await
        .expect("the PIN Reset Code");
    let output = run(&["unlock", "--secret-hex", &secret, "--reset-code", &reset]);
    let unlock_code = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    browser.paste_into("unlock-code", &unlock_code).await;
    // Armed in the page: the new PIN is typed and saved as soon as its
    // screen shows, so the figure holds no WebDriver round trips.
    browser
        .eval(
            "window.__longTasks = []; window.__codeAt = 0; window.__unlockAt = performance.now(); \
             const type = (id, text) => { const f = document.getElementById(id); f.value = text; f.dispatchEvent(new Event('input', { bubbles: true })); }; \
             new MutationObserver((_, observer) => { \
               const save = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Save new PIN'); \
               if (save) { observer.disconnect(); type('new-pin', '5826'); type('confirm-pin', '5826'); save.click(); } \
             }).observe(document, { subtree: true, childList: true }); \
             [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Unlock').click(); return true;"
        )
        .await
        .expect("Unlock pressed");
    samples.add(
        "PIN reset: Unlock Code to codes (ms)",
        time_to_first_code(&browser).await,
    );
    samples.add(
        "PIN reset: longest task (ms)",
        number(&browser, "return Math.max(0, ...window.__longTasks);").await,
    );
    browser.quit().await;
}
