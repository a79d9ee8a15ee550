//! Storage that runs out, on the real Chromium: a write that does not fit
//! the origin's quota (lowered through DevTools, as the browser lowers it
//! on a filling disk) or a disk that is really full (a small tmpfs for the
//! profile) says so in a sentence; the vault stays as it was, holding
//! every write that was shown as done; and once there is room the next
//! write goes through.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::json;
use served_tests::rounds::secret_for;
use served_tests::{Browser, StaticServer, dist_dir};
use std::path::PathBuf;
use std::time::Duration;

const PIN: &str = "246810";
const FULL: &str = "The device is out of storage space, so the change was not saved.";
/// What Chromium does on a full disk as often as refusing the write: it
/// closes the database connection under the page.
const CLOSED: &str = "The browser closed Soft Token's storage while it was open";

fn link(name: &str) -> String {
    format!(
        "otpauth://totp/Quota:{name}?secret={}&issuer=Quota",
        secret_for(name)
    )
}

fn origin(server: &StaticServer) -> String {
    server.url("").trim_end_matches('/').to_owned()
}

/// What a run of adds on a filling store came to.
struct Refusal {
    /// The tokens whose add was shown as done.
    stored: Vec<String>,
    /// The first add refused, and the page that said so.
    refused: String,
    page: String,
}

/// Adds tokens until one is refused (at most 40): the last free bytes may
/// take a few; each that lands is kept.
async fn add_until_refused(browser: &Browser) -> Refusal {
    let mut stored = Vec::new();
    for attempt in 0..40 {
        let name = format!("too-much-{attempt}");
        browser.add_by_link(&link(&name)).await;
        let page = served_tests::wait_for(
            &format!("{name} to land or be refused"),
            Duration::from_secs(30),
            || async {
                let page = browser.page_text().await;
                let done = page.contains(&format!("Quota ({name})"))
                    || (page.contains("Check before adding") && page.contains(FULL))
                    || page.contains(CLOSED);
                done.then_some(page)
            },
        )
        .await;
        if page.contains(&format!("Quota ({name})")) {
            stored.push(name);
        } else {
            return Refusal {
                stored,
                refused: name,
                page,
            };
        }
    }
    panic!("40 adds on a full store and none refused");
}

/// After a reload and unlock: every stored token there, the refused not.
async fn holds_exactly(browser: &Browser, kept: &[String], refused: &str) {
    browser.wait_for_text("Quota (kept)").await;
    let page = browser.page_text().await;
    for name in kept {
        assert!(
            page.contains(&format!("Quota ({name})")),
            "{name} kept: {page}"
        );
    }
    assert!(!page.contains(&format!("Quota ({refused})")), "{page}");
}

/// A small disk of its own (tmpfs) for the profile, so the test can fill
/// it for real; `None` where this machine refuses the mount.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(megabytes: u32) -> Option<Self> {
        let dir = std::env::temp_dir().join(format!("softtoken-small-disk-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&dir)
            .status()
            .is_ok_and(|status| status.success());
        mounted.then_some(Self(dir))
    }

    fn free_bytes(&self) -> u64 {
        let output = std::process::Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.0)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .nth(1)
            .and_then(|line| line.trim().parse().ok())
            .unwrap()
    }

    /// Fills the disk until `leave` bytes are free.
    fn fill(&self, leave: u64) {
        let size = self.free_bytes().saturating_sub(leave);
        let ballast = std::fs::File::create(self.0.join("ballast")).unwrap();
        use std::io::Write;
        let mut writer = std::io::BufWriter::new(ballast);
        let chunk = vec![0x5au8; 64 * 1024];
        let mut written = 0;
        while written < size {
            let n = chunk.len().min((size - written) as usize);
            if writer.write_all(&chunk[..n]).is_err() {
                break;
            }
            written += n as u64;
        }
        writer.flush().ok();
    }

    fn free_space(&self) {
        std::fs::remove_file(self.0.join("ballast")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status()
            .ok();
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Room over what the app with one token uses: a few tokens more.
const ROOM: u64 = 16 * 1024;

/// Sets the origin's quota to `bytes` (DevTools' "custom storage quota");
/// `None` gives it back its own.
async fn set_quota(browser: &Browser, server: &StaticServer, bytes: Option<u64>) {
    let mut parameters = json!({ "origin": origin(server) });
    if let Some(bytes) = bytes {
        parameters["quotaSize"] = json!(bytes);
    }
    browser
        .cdp()
        .send_raw("Storage.overrideQuotaForOrigin", parameters)
        .await
        .unwrap();
}

async fn usage(browser: &Browser) -> u64 {
    browser
        .eval("return (await navigator.storage.estimate()).usage;")
        .await
        .unwrap()
        .as_u64()
        .unwrap()
}

/// A fresh browser on the app: PIN created, service worker installed (its
/// cache counts against the quota too), one token added.
async fn installed_with_one_token(server: &StaticServer, quota: Option<u64>) -> Browser {
    let browser = Browser::launch().await.unwrap();
    // Lowered before the origin's first write: Chromium asks for the room
    // left when a store first writes, then trusts that figure for up to 30 s.
    browser.driver.goto(server.url("/icon.svg")).await.unwrap();
    if quota.is_some() {
        set_quota(&browser, server, quota).await;
    }
    browser.install_with_pin(&server.url("/"), PIN).await;
    browser.add_by_link(&link("kept")).await;
    browser.wait_for_text("Quota (kept)").await;
    browser
}

#[tokio::test]
async fn a_write_over_the_quota_says_so_keeps_the_vault_and_goes_through_once_there_is_room() {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    // What the app with one token takes, measured: the quota is that and
    // room for a few tokens more.
    let calibration = installed_with_one_token(&server, None).await;
    let quota = usage(&calibration).await + ROOM;
    calibration.quit().await;
    let browser = installed_with_one_token(&server, Some(quota)).await;

    let Refusal {
        mut stored,
        refused,
        page,
    } = add_until_refused(&browser).await;
    assert!(page.contains(FULL), "the out-of-space sentence: {page}");
    assert!(page.contains("Free some space"), "says what to do: {page}");
    // The open list is as it was, codes and all.
    browser.press("Soft Token").await;
    browser.wait_for_text("Quota (kept)").await;
    assert!(
        !browser
            .page_text()
            .await
            .contains(&format!("Quota ({refused})"))
    );
    stored.insert(0, "kept".to_owned());

    // Unlocking while full: the attempt cannot be counted, so the PIN is
    // not tried (a full store must not lift the lockout), and it says so.
    browser.driver.refresh().await.unwrap();
    browser.unlock(PIN).await;
    browser
        .wait_for_text("cannot count this PIN attempt and did not try it")
        .await;

    // Room again: the PIN is tried, the vault holds exactly what was shown
    // as stored, and the refused add goes through.
    set_quota(&browser, &server, None).await;
    browser.unlock(PIN).await;
    holds_exactly(&browser, &stored, &refused).await;
    browser.add_by_link(&link(&refused)).await;
    browser.wait_for_text(&format!("Quota ({refused})")).await;
    browser.driver.refresh().await.unwrap();
    browser.unlock(PIN).await;
    browser.wait_for_text(&format!("Quota ({refused})")).await;
    println!(
        "full storage, quota lowered to {quota} B (the app with 1 token + {ROOM} B): {} adds \
         stored, the next refused with the out-of-space sentence, the open list unchanged; an \
         unlock over the quota refused untried; quota back: unlocked with exactly the {} stored, \
         the refused add stored",
        stored.len() - 1,
        stored.len()
    );
    browser.quit().await;
}

#[tokio::test]
async fn a_write_on_a_full_disk_says_so_and_the_vault_stays_as_it_was() {
    let Some(disk) = SmallDisk::mount(96) else {
        println!("full storage: SKIPPED, this machine refuses a tmpfs mount");
        return;
    };
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch_on_profile(&disk.0.join("profile"))
        .await
        .unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    browser.add_by_link(&link("kept")).await;
    browser.wait_for_text("Quota (kept)").await;

    // The disk full: the browser's quota for the origin drops to nothing,
    // as on a phone with no space left.
    disk.fill(0);
    let left = disk.free_bytes();
    let Refusal {
        mut stored,
        refused: refused_name,
        page,
    } = add_until_refused(&browser).await;
    stored.insert(0, "kept".to_owned());
    let said = if page.contains(CLOSED) {
        "the storage-closed sentence"
    } else {
        "the out-of-space sentence"
    };
    assert!(
        page.contains("Free some space"),
        "the refusal says what to do: {page}"
    );

    // Room again, and the vault as it was: reloaded and unlocked, it holds
    // every stored token and not the refused one.
    disk.free_space();
    browser.driver.refresh().await.unwrap();
    browser.unlock(PIN).await;
    holds_exactly(&browser, &stored, &refused_name).await;

    // The next write goes through, and is there after a reload.
    browser.add_by_link(&link("after")).await;
    browser.wait_for_text("Quota (after)").await;
    browser.driver.refresh().await.unwrap();
    browser.unlock(PIN).await;
    browser.wait_for_text("Quota (after)").await;
    let page = browser.page_text().await;
    assert!(
        page.contains("Quota (kept)") && !page.contains(&format!("Quota ({refused_name})")),
        "{page}"
    );
    println!(
        "full storage: a 96 MiB disk filled to {left} B free: {} more add(s) fitted, the next was refused \
         with {said}; the vault reopened with exactly the {} stored tokens; space freed: the next add stored",
        stored.len() - 1,
        stored.len()
    );
    browser.quit().await;
}
