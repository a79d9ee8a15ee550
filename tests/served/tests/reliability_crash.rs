//! Crash mid-write: Chromium on one persistent profile, killed with
//! SIGKILL at a random moment while a write is under way, started again,
//! unlocked. The vault must open every time, hold every write the screen
//! reported done before the kill, and hold nothing half-written: the write
//! in flight is either all there or not there at all.
//!
//! `RELIABILITY_ROUNDS` (default 30; 300 for a long run) and
//! `RELIABILITY_SEED` (replays the kill moments) are the knobs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use served_tests::rounds::{Chance, rounds, secret_for};
use served_tests::{Browser, StaticServer, dist_dir};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const PIN: &str = "246810";
/// RFC 4226's secret, so the counter's codes are known.
const HOTP_LINK: &str =
    "otpauth://hotp/Counter?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=Counter";
const RENAMED_PREFIX: &str = "renamed-";

/// What the screen reported done, so far.
struct Ledger {
    added: BTreeSet<String>,
    counter: u64,
    /// The name the renamed identity carries now (it starts as `r0-add`).
    renamed: String,
}

/// The write under way when the browser was killed.
#[derive(Clone, Debug)]
enum InFlight {
    Add(String),
    NextCode,
    Rename(String),
}

fn hotp_code(counter: u64) -> String {
    otp::otpauth::parse(HOTP_LINK)
        .unwrap()
        .token
        .code_for_counter(counter)
}

fn add_link(name: &str) -> String {
    format!(
        "otpauth://totp/Crash:{name}?secret={}&issuer=Crash",
        secret_for(name)
    )
}

fn card_name(name: &str) -> String {
    format!("Crash ({name})")
}

async fn names_on_screen(browser: &Browser) -> Vec<String> {
    let mut names = Vec::new();
    for element in browser
        .driver
        .find_all(By::Css(".token__name"))
        .await
        .unwrap_or_default()
    {
        names.push(element.text().await.unwrap_or_default());
    }
    names
}

async fn counter_code(browser: &Browser) -> String {
    let code = browser
        .element(By::XPath(
            "//li[contains(@class,'token') and .//*[normalize-space(.)='Counter (Counter)']]//*[contains(@class,'token__code')]",
        ))
        .await;
    code.text().await.unwrap().replace(' ', "")
}

async fn press_next_code(browser: &Browser) {
    browser
        .element(By::XPath(
            "//li[contains(@class,'token') and .//*[normalize-space(.)='Counter (Counter)']]//button[normalize-space(.)='Next code']",
        ))
        .await
        .click()
        .await
        .unwrap();
}

/// Opens Add identity, reads `link`, and stops before pressing Add.
async fn prepare_add(browser: &Browser, link: &str) {
    browser.press("Add identity").await;
    browser.paste_into("link", link).await;
    browser.press("Read link").await;
    browser.wait_for_text("Check before adding").await;
}

async fn add(browser: &Browser, ledger: &mut Ledger, name: &str) {
    prepare_add(browser, &add_link(name)).await;
    browser.press("Add").await;
    browser.wait_for_text(&card_name(name)).await;
    ledger.added.insert(name.to_owned());
}

async fn next_code(browser: &Browser, ledger: &mut Ledger) {
    press_next_code(browser).await;
    let expected = hotp_code(ledger.counter + 1);
    served_tests::wait_for("the next HOTP code", Duration::from_secs(10), || async {
        (counter_code(browser).await == expected).then_some(())
    })
    .await;
    ledger.counter += 1;
}

/// Opens the renamed identity's settings and types `new_name`, stopping
/// before Save name.
async fn prepare_rename(browser: &Browser, ledger: &Ledger, new_name: &str) {
    browser
        .element(By::Css("a[aria-label='Settings']"))
        .await
        .click()
        .await
        .unwrap();
    browser.press(&ledger.renamed).await;
    browser.clear_field("Name").await;
    browser.type_into("Name", new_name).await;
}

async fn rename(browser: &Browser, ledger: &mut Ledger, new_name: &str) {
    prepare_rename(browser, ledger, new_name).await;
    browser.press("Save name").await;
    browser.wait_for_text("Name saved.").await;
    ledger.renamed = new_name.to_owned();
    browser.press("Soft Token").await;
    browser.wait_for_text("Counter (Counter)").await;
}

/// Checks the reopened vault against the ledger and the write in flight;
/// returns whether that write landed.
async fn check(
    browser: &Browser,
    ledger: &mut Ledger,
    in_flight: &Option<InFlight>,
    round: u32,
) -> bool {
    let shown: BTreeSet<String> = names_on_screen(browser).await.into_iter().collect();
    let mut expected: BTreeSet<String> = ledger.added.iter().map(|n| card_name(n)).collect();
    expected.insert("Counter (Counter)".into());
    let renamed_from = ledger
        .added
        .iter()
        .find(|n| n.as_str() == "r0-add")
        .cloned();
    if renamed_from.is_some() {
        expected.remove(&card_name("r0-add"));
        expected.insert(card_name(&ledger.renamed));
    }
    let mut landed = false;
    match in_flight {
        Some(InFlight::Add(name)) if shown.contains(&card_name(name)) => {
            expected.insert(card_name(name));
            ledger.added.insert(name.clone());
            landed = true;
        }
        Some(InFlight::Rename(name)) if shown.contains(&card_name(name)) => {
            expected.remove(&card_name(&ledger.renamed));
            expected.insert(card_name(name));
            ledger.renamed = name.clone();
            landed = true;
        }
        _ => {}
    }
    assert_eq!(shown, expected, "round {round}: the list after the crash");
    let code = counter_code(browser).await;
    if code == hotp_code(ledger.counter) {
    } else if matches!(in_flight, Some(InFlight::NextCode)) && code == hotp_code(ledger.counter + 1)
    {
        ledger.counter += 1;
        landed = true;
    } else {
        panic!(
            "round {round}: HOTP code {code} is neither counter {} nor its in-flight step",
            ledger.counter
        );
    }
    landed
}

#[tokio::test]
async fn every_reported_write_survives_a_kill_at_a_random_moment() {
    let rounds = rounds(30);
    let mut chance = Chance::from_env();
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let profile = std::env::temp_dir().join(format!("softtoken-crash-{}", std::process::id()));
    std::fs::remove_dir_all(&profile).ok();
    let mut ledger = Ledger {
        added: BTreeSet::new(),
        counter: 0,
        renamed: "r0-add".into(),
    };
    let mut in_flight: Option<InFlight> = None;
    let (mut reported, mut landed, mut not_landed) = (0u32, 0u32, 0u32);
    let mut restarts = Vec::new();
    let started = Instant::now();

    for round in 0..rounds {
        let browser = Browser::launch_on_profile(&profile).await.unwrap();
        let restart = Instant::now();
        browser.driver.goto(server.url("/")).await.unwrap();
        if round == 0 {
            browser.create_pin(PIN).await;
            browser.wait_for_text("No soft token identity yet.").await;
            prepare_add(&browser, HOTP_LINK).await;
            browser.press("Add").await;
            browser.wait_for_text("Counter (Counter)").await;
        } else {
            browser.wait_for_text("Enter your PIN").await;
            browser.type_pin(PIN).await;
            browser.press("Unlock").await;
            browser.wait_for_text("Counter (Counter)").await;
            restarts.push(restart.elapsed().as_millis() as u64);
            let page = browser.page_text().await;
            assert!(!page.contains("damaged"), "round {round}: {page}");
            if check(&browser, &mut ledger, &in_flight, round).await {
                landed += 1;
            } else {
                not_landed += 1;
            }
        }

        add(&browser, &mut ledger, &format!("r{round}-add")).await;
        next_code(&browser, &mut ledger).await;
        if round % 3 == 1 {
            rename(&browser, &mut ledger, &format!("{RENAMED_PREFIX}{round}")).await;
            reported += 1;
        }
        reported += 2;

        // The write under way at the kill.
        let write = match chance.below(3) {
            0 => {
                let name = format!("r{round}-flight");
                prepare_add(&browser, &add_link(&name)).await;
                browser.press("Add").await;
                InFlight::Add(name)
            }
            1 => {
                press_next_code(&browser).await;
                InFlight::NextCode
            }
            _ => {
                let name = format!("{RENAMED_PREFIX}{round}-flight");
                prepare_rename(&browser, &ledger, &name).await;
                browser.press("Save name").await;
                InFlight::Rename(name)
            }
        };
        // 0-25 ms: a write takes about that long from press to commit.
        tokio::time::sleep(Duration::from_millis(chance.below(25))).await;
        let killed = browser.kill().await;
        assert!(killed > 0, "round {round}: no browser process was killed");
        in_flight = Some(write);
    }

    // A last start, to check the final kill's write too.
    let browser = Browser::launch_on_profile(&profile).await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.type_pin(PIN).await;
    browser.press("Unlock").await;
    browser.wait_for_text("Counter (Counter)").await;
    if check(&browser, &mut ledger, &in_flight, rounds).await {
        landed += 1;
    } else {
        not_landed += 1;
    }
    browser.quit().await;
    std::fs::remove_dir_all(&profile).ok();
    restarts.sort_unstable();
    let median = restarts
        .get(restarts.len() / 2)
        .copied()
        .unwrap_or_default();
    println!(
        "crash mid-write: {rounds} rounds (SIGKILL each) in {:.0} s; {reported} writes reported done, 0 lost; \
         the write in flight at the kill landed whole {landed} times and not at all {not_landed} times, never half; \
         restart to unlocked list median {median} ms",
        started.elapsed().as_secs_f64()
    );
}
