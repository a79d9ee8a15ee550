//! Storage that runs out or goes away, on the real Chromium: a write that
//! does not fit the origin's quota says so and leaves the vault as it was
//! (and the next write goes through once there is room); storage the
//! browser evicts is reported as gone, never shown as a first visit.
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

async fn first_visit() -> (StaticServer, Browser) {
    let server = StaticServer::start(dist_dir()).await.unwrap();
    let browser = Browser::launch().await.unwrap();
    browser.driver.goto(server.url("/")).await.unwrap();
    browser.create_pin(PIN).await;
    browser.wait_for_text("No soft token identity yet.").await;
    (server, browser)
}

fn origin(server: &StaticServer) -> String {
    server.url("").trim_end_matches('/').to_owned()
}

async fn add(browser: &Browser, name: &str) {
    browser.press("Add identity").await;
    browser
        .paste_into(
            "link",
            &format!(
                "otpauth://totp/Quota:{name}?secret={}&issuer=Quota",
                secret_for(name)
            ),
        )
        .await;
    browser.press("Read link").await;
    browser.wait_for_text("Check before adding").await;
    browser.press("Add").await;
}

async fn unlock(browser: &Browser) {
    browser.wait_for_text("Enter your PIN").await;
    browser.type_pin(PIN).await;
    browser.press("Unlock").await;
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

#[tokio::test]
#[ignore = "not yet run to green (issue 18, in progress): run with --ignored"]
async fn a_write_that_does_not_fit_says_so_and_the_vault_stays_as_it_was() {
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
    add(&browser, "kept").await;
    browser.wait_for_text("Quota (kept)").await;

    // The disk full but for a few kilobytes: the browser's quota for the
    // origin drops to nothing, as on a phone with no space left.
    disk.fill(0);
    let left = disk.free_bytes();
    // The last free bytes of the database's files may take a write or
    // two; each is stored and kept. The first that does not fit is refused.
    let mut stored = vec!["kept".to_owned()];
    let mut refused = None;
    for attempt in 0..20 {
        let name = format!("too-much-{attempt}");
        add(&browser, &name).await;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        let outcome = loop {
            let page = browser.page_text().await;
            if page.contains(&format!("Quota ({name})")) {
                break Ok(());
            } else if (page.contains("Check before adding") && page.contains(FULL))
                || page.contains(CLOSED)
            {
                break Err(page);
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{name} neither landed nor was refused in 30 s; the page shows: {page:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        match outcome {
            Ok(()) => stored.push(name),
            Err(page) => {
                refused = Some((name, page));
                break;
            }
        }
    }
    let (refused_name, page) = refused.expect("a full disk refused no write");
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
    unlock(&browser).await;
    browser.wait_for_text("Quota (kept)").await;
    let page = browser.page_text().await;
    for name in &stored {
        assert!(
            page.contains(&format!("Quota ({name})")),
            "{name} kept: {page}"
        );
    }
    assert!(!page.contains(&format!("Quota ({refused_name})")), "{page}");

    // The next write goes through, and is there after a reload.
    add(&browser, "after").await;
    browser.wait_for_text("Quota (after)").await;
    browser.driver.refresh().await.unwrap();
    unlock(&browser).await;
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

#[tokio::test]
async fn storage_the_browser_evicts_is_reported_as_gone_with_the_way_back() {
    let (server, browser) = first_visit().await;
    add(&browser, "evicted").await;
    browser.wait_for_text("Quota (evicted)").await;

    // What eviction clears, together: IndexedDB, the Cache, localStorage.
    browser
        .cdp()
        .send_raw(
            "Storage.clearDataForOrigin",
            json!({ "origin": origin(&server), "storageTypes": "indexeddb,cache_storage,local_storage" }),
        )
        .await
        .unwrap();
    // The open tab learns at once, without a reload, and holds no code.
    browser
        .wait_for_text("The browser closed Soft Token's storage while it was open")
        .await;
    assert!(!browser.page_text().await.contains("Quota (evicted)"));
    browser.press("Reload").await;
    browser
        .wait_for_text("The tokens stored in this browser are gone.")
        .await;
    browser.wait_for_text("choose Restore from a backup").await;
    browser.press("Restore from a backup").await;
    browser
        .wait_for_text("First choose a PIN for Soft Token in this browser.")
        .await;

    // Site data cleared on purpose (cookies too): a plain first visit,
    // which still offers the restore.
    browser
        .cdp()
        .send_raw(
            "Storage.clearDataForOrigin",
            json!({ "origin": origin(&server), "storageTypes": "all" }),
        )
        .await
        .unwrap();
    browser.driver.refresh().await.unwrap();
    browser.wait_for_text("Create PIN").await;
    let page = browser.page_text().await;
    assert!(!page.contains("are gone"), "{page}");
    assert!(page.contains("Restore from a backup"), "{page}");
    browser.quit().await;
}
