//! The icon index the build writes (scripts/make-icon-pack.mjs, from the
//! pinned simple-icons package), read by the app's reader: every line
//! reads, and the issuers people add most match their brand. Needs Node
//! and the project's npm tools (`make test` installs both).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use std::path::PathBuf;
use std::process::Command;
use vault::icons::IconIndex;

fn built_index() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::temp_dir().join(format!("softtoken-icon-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let status = Command::new("node")
        .arg(root.join("scripts/make-icon-pack.mjs"))
        .arg(&dir)
        .status()
        .expect("node runs the icon pack's build");
    assert!(status.success(), "make-icon-pack.mjs failed");
    let index = std::fs::read_to_string(dir.join("icon-index.txt")).unwrap();
    // Every line of the index has its icon file.
    for line in index.lines().skip(1) {
        let slug = line.split('\t').next().unwrap();
        assert!(
            dir.join("icons").join(format!("{slug}.svg")).is_file(),
            "{slug}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
    index
}

#[test]
fn the_built_index_reads_whole_and_common_issuers_match() {
    let text = built_index();
    let index = IconIndex::parse(&text).unwrap();
    assert_eq!(index.len(), text.lines().count() - 1);
    for (issuer, slug) in [
        ("GitHub", "github"),
        ("Google", "google"),
        ("accounts.google.com", "google"),
        ("Dropbox", "dropbox"),
        ("Discord", "discord"),
        ("PayPal", "paypal"),
        ("Proton Mail", "protonmail"),
        ("GitLab", "gitlab"),
        ("Bitwarden", "bitwarden"),
        ("Cloudflare", "cloudflare"),
        ("Nextcloud", "nextcloud"),
        ("Steam", "steam"),
        ("Coinbase", "coinbase"),
        ("Mastodon", "mastodon"),
    ] {
        assert_eq!(
            index.matched(issuer).map(|icon| icon.slug.as_str()),
            Some(slug),
            "{issuer}"
        );
    }
    // The seed's bank and a made-up issuer show letters.
    assert!(index.matched("Lee's Community Bank").is_none());
    assert!(index.matched("Soft Token Test Issuer").is_none());
}
