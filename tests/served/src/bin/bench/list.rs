//! A long list (issue 22), with 2,000 identities: opening the initial
//! screen to its first screen of codes, one keystroke in Search to the
//! filtered list in the page, a card dragged onto another to the move
//! stored and shown, ticking, a code change, the icon index read after a
//! fresh unlock, and the longest main-thread task of each.

use super::{PIN, Samples, launch_on, number};
use served_tests::pictures::temp_file;
use served_tests::{Browser, StaticServer};
use std::time::Duration;

pub const LISTED: usize = 2_000;
/// Keystrokes a run measures: "Service1999" typed, then emptied, twice.
const TYPED: &str = "Service1999";

fn links_file() -> std::path::PathBuf {
    let text: String = (0..LISTED)
        .map(|i| {
            let secret = otp::base32::encode(format!("listed secret {i:06}").as_bytes());
            format!(
                "otpauth://totp/Service{i}:user{i}@example.com?secret={}&issuer=Service{i}\n",
                secret.as_str()
            )
        })
        .collect();
    let file = temp_file("two-thousand.txt");
    std::fs::write(&file, text).expect("links written");
    file
}

async fn with_identities(server: &StaticServer) -> Browser {
    let browser = launch_on(server).await;
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.press("Settings").await;
    browser.press("Backups").await;
    browser.wait_for_text("Restore from a backup").await;
    browser.choose_file(&links_file()).await;
    let shown = format!("{LISTED} tokens will be added.");
    served_tests::wait_for("the preview", Duration::from_secs(60), || async {
        browser.page_text().await.contains(&shown).then_some(())
    })
    .await;
    browser.press("Add").await;
    browser
        .wait_for_text("Service1999 (user1999@example.com)")
        .await;
    browser
}

pub async fn list_run(server: &StaticServer, samples: &mut Samples) {
    let browser = with_identities(server).await;

    // Settings, then the initial screen: to the frame after a screen of codes.
    browser.press("Settings").await;
    browser.wait_for_text("Soft token identities").await;
    let opened = number(
        &browser,
        "window.__longTasks = []; const start = performance.now(); \
         document.querySelector('.top-bar__title').click(); \
         while (!(document.querySelectorAll('.token__code').length >= 8)) await new Promise(r => setTimeout(r, 0)); \
         await new Promise(r => requestAnimationFrame(r)); return performance.now() - start;",
    )
    .await;
    samples.add("2,000 identities: screen of codes (ms)", opened);
    samples.add(
        "2,000 identities: screen of codes, longest task (ms)",
        number(&browser, "return Math.max(0, ...window.__longTasks);").await,
    );
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Each keystroke: from the input event to the list in the page: its
    // first card the first match, and as many cards as match (up to a
    // screen, the rest follow frame by frame). The matches are counted
    // here from the names the links gave, not by the app.
    let keystrokes = number(
        &browser,
        &format!(
            "window.__longTasks = []; const field = document.getElementById('search'); const times = []; \
             const typed = '{TYPED}'; const listed = {LISTED}; \
             const names = Array.from({{ length: listed }}, (_, i) => `service${{i}}\nuser${{i}}@example.com`); \
             const first = () => ((document.querySelector('.token:not([hidden]) .token__name') || {{}}).textContent || '').toLowerCase(); \
             const count = () => document.querySelectorAll('.token:not([hidden])').length; \
             const press = async value => {{ \
               const query = value.toLowerCase(); const matches = names.filter(n => n.includes(query)); \
               const expected = matches[0].split('\\n')[0]; const wanted = Math.min(matches.length, 24); \
               const start = performance.now(); field.value = value; \
               field.dispatchEvent(new Event('input', {{ bubbles: true }})); \
               while (!(first().startsWith(expected + ' (') && count() >= wanted && count() <= matches.length)) \
                 await new Promise(r => setTimeout(r, 0)); \
               times.push(performance.now() - start); \
               await new Promise(r => setTimeout(r, 30)); }}; \
             for (let round = 0; round < 2; round++) {{ \
               for (let i = 1; i <= typed.length; i++) await press(typed.slice(0, i)); \
               await press(''); }} \
             times.sort((a, b) => a - b); return times[Math.floor(times.length / 2)];"
        ),
    )
    .await;
    samples.add("2,000 identities: Search keystroke (ms)", keystrokes);
    samples.add(
        "2,000 identities: Search, longest task (ms)",
        number(&browser, "return Math.max(0, ...window.__longTasks);").await,
    );

    // A card dropped on the one below it: to the new order in the page,
    // which is after the write is stored.
    let dragged = number(
        &browser,
        "window.__longTasks = []; const times = []; \
         for (let i = 0; i < 5; i++) { \
           const cards = document.querySelectorAll('li.token'); const moved = cards[0].dataset.id; \
           const grip = cards[0].querySelector('.token__grip'); const transfer = new DataTransfer(); \
           const send = (target, type) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer })); \
           const start = performance.now(); \
           send(grip, 'dragstart'); send(cards[1], 'dragover'); send(cards[1], 'drop'); send(grip, 'dragend'); \
           while (document.querySelectorAll('li.token')[1].dataset.id !== moved) await new Promise(r => setTimeout(r, 0)); \
           times.push(performance.now() - start); await new Promise(r => setTimeout(r, 50)); } \
         times.sort((a, b) => a - b); return times[2];",
    )
    .await;
    samples.add("2,000 identities: drag reorder stored (ms)", dragged);
    samples.add(
        "2,000 identities: drag reorder, longest task (ms)",
        number(&browser, "return Math.max(0, ...window.__longTasks);").await,
    );

    samples.add(
        "2,000 identities: ticking (ms/s)",
        super::ticking(&browser).await,
    );
    // Across a 30 s boundary: every card's code changes. Waited for here
    // to a second before it (a script may run 30 s at most).
    let into_step = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |now| now.as_millis() % 30_000) as u64;
    if into_step < 29_000 {
        tokio::time::sleep(std::time::Duration::from_millis(29_000 - into_step)).await;
    }
    samples.add(
        "2,000 identities: code change, longest task (ms)",
        number(
            &browser,
            "window.__longTasks = []; \
             await new Promise(r => setTimeout(r, 30000 - Date.now() % 30000 + 1500)); \
             return Math.max(0, ...window.__longTasks);",
        )
        .await,
    );
    // A fresh start: the icon index arrives after the first screen, and
    // is read and looked up for 2,000 cards. Every task that ends after
    // its response counts.
    browser.driver.refresh().await.expect("reloaded");
    browser.unlock(PIN).await;
    samples.add(
        "2,000 identities: icon index, longest task (ms)",
        number(
            &browser,
            "const index = () => performance.getEntriesByType('resource').find(e => e.name.endsWith('/icon-index.txt')); \
             while (!index()) await new Promise(r => setTimeout(r, 20)); \
             const after = index().responseEnd; await new Promise(r => setTimeout(r, 1500)); \
             return Math.max(0, ...window.__longTaskSpans.filter(([start, d]) => start + d >= after).map(([, d]) => d));",
        )
        .await,
    );
    browser.quit().await;
}
