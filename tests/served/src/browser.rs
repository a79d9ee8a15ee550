//! One headless browser per test, through a WebDriver server of its own
//! (chromedriver, geckodriver for Firefox, WebKitWebDriver for WebKitGTK
//! under an Xvfb display of its own), with a fresh profile
//! directory, so no test sees another's storage or service worker. Flags
//! and preferences keep the browser from reaching for hosts this machine
//! cannot reach. The DevTools protocol and the console log are Chromium's
//! only: tests that use them run in Chromium.

use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use thirtyfour::CapabilitiesHelper;
use thirtyfour::cdp::Cdp;
use thirtyfour::common::command::{Command as WebDriverCommand, ExtensionCommand};
use thirtyfour::error::WebDriverErrorInner;
use thirtyfour::prelude::*;
use tokio::process::{Child, Command};

pub struct Browser {
    pub driver: WebDriver,
    pub engine: Engine,
    driver_server: Child,
    /// WebKitGTK's X display, stopped with the browser.
    display: Option<Child>,
    profile: PathBuf,
    /// Left on disk by [`Browser::quit`] (see [`Browser::launch_on_profile`]).
    keep_profile: bool,
    /// Quit or killed; a browser dropped without either (a test that
    /// panicked) is killed on drop, so it does not outlive its test.
    ended: bool,
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.ended {
            kill_processes_on(&self.profile);
        }
    }
}

/// SIGKILL to every process started on `profile` (the browser's own and
/// its helpers'; each profile folder is a test's own). Returns how many.
fn kill_processes_on(profile: &std::path::Path) -> usize {
    let profile = profile.display().to_string();
    let mut killed = 0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline)
            .split('\0')
            .any(|arg| arg.contains(&profile))
        {
            let status = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            killed += usize::from(status.is_ok_and(|s| s.success()));
        }
    }
    killed
}

/// The browser engines the served tests run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    /// Firefox ESR, headless, through geckodriver.
    Firefox,
    /// WebKitGTK's MiniBrowser (the engine of Safari and of every iPhone
    /// browser), through WebKitWebDriver, on its own Xvfb display.
    WebKit,
}

static PROFILE_COUNTER: AtomicU32 = AtomicU32::new(0);

fn chromium_binary() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

fn firefox_binary() -> String {
    std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".to_owned())
}

fn minibrowser_binary() -> String {
    std::env::var("MINIBROWSER")
        .unwrap_or_else(|_| "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser".to_owned())
}

/// Starts an Xvfb server on a display number it picks itself (`-displayfd`
/// writes it to stdout), so parallel tests never share one.
async fn start_display() -> WebDriverResult<(u32, Child)> {
    use tokio::io::AsyncBufReadExt;
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x1024x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| WebDriverError::FatalError(format!("cannot start Xvfb: {e}")))?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| WebDriverError::FatalError("Xvfb has no stdout".into()))?;
    let mut line = String::new();
    let read = tokio::time::timeout(
        Duration::from_secs(20),
        tokio::io::BufReader::new(stdout).read_line(&mut line),
    )
    .await;
    match (read, line.trim().parse()) {
        (Ok(Ok(_)), Ok(number)) => Ok((number, child)),
        _ => Err(WebDriverError::FatalError(format!(
            "Xvfb named no display: {line:?}"
        ))),
    }
}

fn new_profile_dir() -> PathBuf {
    std::env::temp_dir().join(format!(
        "softtoken-profile-{}-{}",
        std::process::id(),
        PROFILE_COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Starts `program` (chromedriver, geckodriver) on a free port.
fn start_driver_server(program: &str) -> WebDriverResult<(u16, Child)> {
    let port = free_port();
    let child = Command::new(program)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| WebDriverError::FatalError(format!("cannot start {program}: {e}")))?;
    Ok((port, child))
}

/// A session on the driver server at `port`, once it accepts one.
async fn new_session(port: u16, caps: impl Into<Capabilities> + Clone + Send) -> WebDriver {
    let url = format!("http://127.0.0.1:{port}");
    crate::wait_for(
        "the WebDriver server to accept a session",
        Duration::from_secs(30),
        || {
            let caps = caps.clone();
            let url = url.clone();
            async move { WebDriver::new(&url, caps).await.ok() }
        },
    )
    .await
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .unwrap_or(9515)
}

impl Browser {
    pub async fn launch() -> WebDriverResult<Self> {
        Self::launch_with(&[]).await
    }

    /// As [`Browser::launch`], with more Chromium flags (a fake camera, a
    /// denied permission).
    pub async fn launch_with(extra_args: &[&str]) -> WebDriverResult<Self> {
        Self::launch_chromium(extra_args, new_profile_dir(), false).await
    }

    /// Chromium whose camera plays `video` (a YUV4MPEG2 file, see
    /// `pictures::write_y4m`), allowed without a prompt.
    pub async fn launch_with_camera(video: &std::path::Path) -> WebDriverResult<Self> {
        Self::launch_with(&[
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            &format!("--use-file-for-fake-video-capture={}", video.display()),
        ])
        .await
    }

    /// Chromium on `profile`, which outlives this browser: the crash tests
    /// start it again on the same storage.
    pub async fn launch_on_profile(profile: &std::path::Path) -> WebDriverResult<Self> {
        Self::launch_chromium(&[], profile.to_owned(), true).await
    }

    async fn launch_chromium(
        extra_args: &[&str],
        profile: PathBuf,
        keep_profile: bool,
    ) -> WebDriverResult<Self> {
        let (port, driver_server) = start_driver_server("chromedriver")?;
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&chromium_binary())?;
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--window-size=412,915",
        ] {
            caps.add_arg(arg)?;
        }
        for arg in extra_args {
            caps.add_arg(arg)?;
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.display()))?;
        caps.set(
            "goog:loggingPrefs",
            json!({ "browser": "ALL", "performance": "ALL" }),
        )?;
        Ok(Self {
            driver: new_session(port, caps).await,
            engine: Engine::Chromium,
            driver_server,
            display: None,
            profile,
            keep_profile,
            ended: false,
        })
    }

    /// Headless Firefox (ESR, `FIREFOX` or /usr/bin/firefox-esr) through
    /// geckodriver, with a fresh profile. Its permission prompts are left
    /// as a person who does not notice them leaves them: unanswered.
    pub async fn launch_firefox() -> WebDriverResult<Self> {
        let (port, driver_server) = start_driver_server("geckodriver")?;
        let profile = new_profile_dir();
        std::fs::create_dir_all(&profile)?;
        let mut caps = DesiredCapabilities::firefox();
        caps.set_firefox_binary(&firefox_binary())?;
        for arg in ["-headless", "-profile", &profile.display().to_string()] {
            caps.add_arg(arg)?;
        }
        caps.add_arg("--width=412")?;
        caps.add_arg("--height=915")?;
        let mut prefs = thirtyfour::common::capabilities::firefox::FirefoxPreferences::new();
        for (name, value) in [
            ("app.update.enabled", false),
            ("browser.safebrowsing.malware.enabled", false),
            ("browser.safebrowsing.phishing.enabled", false),
            ("datareporting.policy.dataSubmissionEnabled", false),
            ("network.captive-portal-service.enabled", false),
            ("extensions.update.enabled", false),
        ] {
            prefs.set(name, value)?;
        }
        caps.set_preferences(prefs)?;
        Ok(Self {
            driver: new_session(port, caps).await,
            engine: Engine::Firefox,
            driver_server,
            display: None,
            profile,
            keep_profile: false,
            ended: false,
        })
    }

    /// WebKitGTK's MiniBrowser (`MINIBROWSER`, or Debian's) through
    /// WebKitWebDriver, on an Xvfb display started for it alone. Its
    /// automation session keeps its data in memory: a fresh profile each
    /// time.
    pub async fn launch_webkit() -> WebDriverResult<Self> {
        let (display_number, display) = start_display().await?;
        let port = free_port();
        let driver_server = Command::new("WebKitWebDriver")
            .arg(format!("--port={port}"))
            .env("DISPLAY", format!(":{display_number}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                WebDriverError::FatalError(format!("cannot start WebKitWebDriver: {e}"))
            })?;
        let mut caps = Capabilities::new();
        caps.set("browserName", "MiniBrowser")?;
        caps.set(
            "webkitgtk:browserOptions",
            json!({ "binary": minibrowser_binary(), "args": ["--automation"] }),
        )?;
        let driver = new_session(port, caps).await;
        driver.set_window_rect(0, 0, 412, 915).await.ok();
        Ok(Self {
            driver,
            engine: Engine::WebKit,
            driver_server,
            display: Some(display),
            profile: new_profile_dir(),
            keep_profile: false,
            ended: false,
        })
    }

    /// A browser of `engine`.
    pub async fn launch_engine(engine: Engine) -> WebDriverResult<Self> {
        match engine {
            Engine::Chromium => Self::launch().await,
            Engine::Firefox => Self::launch_firefox().await,
            Engine::WebKit => Self::launch_webkit().await,
        }
    }

    /// The DevTools protocol, for what WebDriver has no command for.
    pub fn cdp(&self) -> Cdp {
        self.driver.cdp()
    }

    /// From the next navigation on, the browser asks for `languages` (an
    /// Accept-Language list, `"ar-EG,ar"`), as one set to them does: in
    /// `navigator.languages` too.
    pub async fn ask_for_languages(&self, languages: &str) {
        let agent = self
            .eval("return navigator.userAgent;")
            .await
            .unwrap_or(Value::Null);
        if let Err(error) = self
            .cdp()
            .send_raw(
                "Emulation.setUserAgentOverride",
                json!({ "userAgent": agent, "acceptLanguage": languages }),
            )
            .await
        {
            panic!("could not ask for {languages}: {error}");
        }
    }

    /// From now on the page has no network, as a phone in flight mode
    /// (Chrome's network emulation): only the service worker answers.
    pub async fn go_offline(&self) {
        let cdp = self.cdp();
        let offline = json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
        if let Err(error) = async {
            cdp.send_raw("Network.enable", json!({})).await?;
            cdp.send_raw("Network.emulateNetworkConditions", offline)
                .await
        }
        .await
        {
            panic!("could not go offline: {error}");
        }
    }

    /// Waits until a service worker controls the page.
    pub async fn wait_until_controlled(&self) {
        crate::wait_for(
            "a service worker to control the page",
            Duration::from_secs(30),
            || async {
                let controlled = self
                    .eval("return navigator.serviceWorker.controller !== null;")
                    .await
                    .ok()?;
                (controlled == json!(true)).then_some(())
            },
        )
        .await;
    }

    /// Runs `script` in every document this browser loads from now on,
    /// before the page's own scripts.
    pub async fn run_in_every_document(&self, script: &str) -> WebDriverResult<()> {
        self.cdp()
            .send_raw(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": script }),
            )
            .await
            .map(drop)
    }

    /// The console messages of level SEVERE (errors) or WARNING since the
    /// last call: the app warns when it falls back from the KDF worker.
    pub async fn console_errors(&self) -> WebDriverResult<Vec<String>> {
        let entries = self.log("browser").await?;
        Ok(entries
            .iter()
            .filter(|entry| entry["level"] == "SEVERE" || entry["level"] == "WARNING")
            .filter(|entry| !is_known_browser_notice(entry["message"].as_str().unwrap_or_default()))
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect())
    }

    /// Every URL the page requested since the last call (the DevTools
    /// protocol's `Network.requestWillBeSent`, from chromedriver's
    /// performance log): what the app fetched, and where.
    pub async fn requested_urls(&self) -> WebDriverResult<Vec<String>> {
        let entries = self.log("performance").await?;
        Ok(entries
            .iter()
            .filter_map(|entry| serde_json::from_str::<Value>(entry["message"].as_str()?).ok())
            .filter(|event| event["message"]["method"] == "Network.requestWillBeSent")
            .filter_map(|event| {
                Some(
                    event["message"]["params"]["request"]["url"]
                        .as_str()?
                        .to_owned(),
                )
            })
            .collect())
    }

    async fn log(&self, kind: &'static str) -> WebDriverResult<Vec<Value>> {
        let logs = self
            .driver
            .handle()
            .cmd(WebDriverCommand::ExtensionCommand(Box::new(BrowserLog(
                kind,
            ))))
            .await?
            .value_json()?;
        Ok(logs.as_array().cloned().unwrap_or_default())
    }

    /// The page's visible text.
    pub async fn page_text(&self) -> String {
        match self.driver.find(By::Tag("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits (30 s at most) until the page shows `text`.
    /// On a timeout it fails naming what the page showed instead.
    pub async fn wait_for_text(&self, text: &str) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let page = self.page_text().await;
            if page.contains(text) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out after 30 s waiting for the text {text:?}; the page shows: {page:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits (30 s at most) for an element.
    pub async fn element(&self, by: By) -> WebElement {
        crate::wait_for(&format!("{by:?}"), Duration::from_secs(30), || async {
            self.driver.find(by.clone()).await.ok()
        })
        .await
    }

    /// Clicks the button or link a person would call `name`: its text or
    /// its aria-label.
    ///
    /// A click that something else would catch (WebKit draws a screen
    /// change as a view transition over the page) is tried again until the
    /// control is free, as a person taps again; any other refusal fails.
    pub async fn press(&self, name: &str) {
        let xpath = format!(
            "//*[(self::button or self::a) and (normalize-space(.)={name} or @aria-label={name})]",
            name = xpath_literal(name)
        );
        let intercepted = std::cell::Cell::new(0u32);
        crate::wait_for(
            &format!("{name:?} to take a click"),
            Duration::from_secs(30),
            || async {
                let element = self.element(By::XPath(xpath.clone())).await;
                match element.click().await {
                    Ok(()) => Some(()),
                    Err(error) => match error.as_inner() {
                        // Covered (a sticky bar over where the driver
                        // scrolled it, or a screen still drawing): brought
                        // to the middle of the view, and tried again.
                        WebDriverErrorInner::ElementClickIntercepted(_) => {
                            intercepted.set(intercepted.get() + 1);
                            if intercepted.get() == 20 {
                                // Still covered after about a second: say by
                                // what, and press it from the keyboard, as a
                                // person would whose pointer cannot reach it.
                                eprintln!("{name:?} stays covered: {error}");
                                if self.press_with_keyboard(&element).await {
                                    return Some(());
                                }
                            }
                            self.scroll_to_middle(&element).await;
                            None
                        }
                        _ => panic!("could not press {name:?}: {error}"),
                    },
                }
            },
        )
        .await;
    }

    /// Chooses `path` in the screen's file picker, as a person does in the
    /// dialog the picker opens.
    pub async fn choose_file(&self, path: &std::path::Path) {
        let picker = self.element(By::Css("input[type=file]")).await;
        if let Err(error) = picker.send_keys(path.display().to_string()).await {
            panic!("could not choose {}: {error}", path.display());
        }
    }

    /// Scrolls `element` to the middle of the view, where a person looks
    /// (and holds a phone's camera to a QR code).
    pub async fn scroll_to_middle(&self, element: &WebElement) {
        let arguments = vec![element.to_json().unwrap_or_default()];
        self.driver
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                arguments,
            )
            .await
            .ok();
    }

    /// Focuses `element` and presses Enter on it: true when both worked.
    async fn press_with_keyboard(&self, element: &WebElement) -> bool {
        let arguments = vec![element.to_json().unwrap_or_default()];
        let focused = self
            .driver
            .execute("arguments[0].focus();", arguments)
            .await
            .is_ok();
        focused && element.send_keys(Key::Enter).await.is_ok()
    }

    /// Waits (30 s at most) for the field a person would call `label`: the
    /// input, textarea or select whose `<label>` reads so.
    pub async fn field(&self, label: &str) -> WebElement {
        let xpath = format!(
            "//*[(self::input or self::textarea or self::select) and @id=//label[normalize-space(.)={label}]/@for]",
            label = xpath_literal(label)
        );
        self.element(By::XPath(xpath)).await
    }

    /// Types `text` key by key into the field labelled `label`, after what
    /// it holds.
    pub async fn type_into(&self, label: &str, text: &str) {
        if let Err(error) = self.field(label).await.send_keys(text).await {
            panic!("could not type into {label:?}: {error}");
        }
    }

    /// Empties the field labelled `label`.
    pub async fn clear_field(&self, label: &str) {
        if let Err(error) = self.field(label).await.clear().await {
            panic!("could not clear {label:?}: {error}");
        }
    }

    /// First run: types `pin` twice and presses Create PIN.
    pub async fn create_pin(&self, pin: &str) {
        self.create_pin_as(pin, "Create PIN").await;
    }

    /// [`Browser::create_pin`] in another language: its button reads
    /// `button`.
    pub async fn create_pin_as(&self, pin: &str, button: &str) {
        for field in ["new-pin", "confirm-pin"] {
            if let Err(error) = self.element(By::Id(field)).await.send_keys(pin).await {
                panic!("could not type into {field}: {error}");
            }
        }
        self.press(button).await;
    }

    /// Starts recording main-thread tasks over 50 ms (PerformanceObserver
    /// `longtask`) from now on, forgetting earlier ones.
    pub async fn observe_long_tasks(&self) {
        self.eval(
            "window.__longTasks = []; if (!window.__longTaskObserver) { window.__longTaskObserver = \
             new PerformanceObserver(list => { for (const e of list.getEntries()) \
             window.__longTasks.push(e.duration); }); window.__longTaskObserver.observe({ type: 'longtask' }); } \
             return true;",
        )
        .await
        .ok();
    }

    /// The durations (ms) of the long tasks seen since
    /// [`Browser::observe_long_tasks`].
    pub async fn long_tasks(&self) -> Vec<f64> {
        // Reported shortly after they end.
        tokio::time::sleep(Duration::from_millis(200)).await;
        self.eval("return window.__longTasks || [];")
            .await
            .ok()
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default()
    }

    /// Sets a field's whole value at once, as a paste does (typing
    /// hundreds of lines key by key would take minutes).
    pub async fn paste_into(&self, id: &str, text: &str) {
        let field = self.element(By::Id(id)).await;
        let element = field.to_json().unwrap_or_default();
        if let Err(error) = self
            .driver
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                vec![element, json!(text)],
            )
            .await
        {
            panic!("could not paste into {id}: {error}");
        }
    }

    /// On the PIN screen: types `pin` (Unlock is left to the caller, which
    /// may want to start a clock first).
    pub async fn type_pin(&self, pin: &str) {
        if let Err(error) = self.element(By::Id("pin")).await.send_keys(pin).await {
            panic!("could not type the PIN: {error}");
        }
    }

    /// Opens `url`, waits until the service worker controls the page, and
    /// creates `pin`: the app installed, at its empty list.
    pub async fn install_with_pin(&self, url: &str, pin: &str) {
        if let Err(error) = self.driver.goto(url).await {
            panic!("could not open {url}: {error}");
        }
        self.wait_until_controlled().await;
        self.create_pin(pin).await;
        self.wait_for_text("No soft token identity yet.").await;
    }

    /// From the list: Add identity, the link pasted, Read link, and Add
    /// pressed on the preview (what happens next is the caller's to see).
    pub async fn add_by_link(&self, link: &str) {
        self.press("Add identity").await;
        self.paste_into("link", link).await;
        self.press("Read link").await;
        self.wait_for_text("Check before adding").await;
        self.press("Add").await;
    }

    /// On the PIN screen, once it shows: types `pin` and presses Unlock.
    pub async fn unlock(&self, pin: &str) {
        self.wait_for_text("Enter your PIN").await;
        self.type_pin(pin).await;
        self.press("Unlock").await;
    }

    /// On the PIN screen: `wrong` typed five times, each answer waited for,
    /// to the lockout's countdown.
    pub async fn lock_out_with(&self, wrong: &str) {
        for left in (1..=4).rev() {
            self.type_pin(wrong).await;
            self.press("Unlock").await;
            let attempts = if left == 1 { "attempt" } else { "attempts" };
            self.wait_for_text(&format!("That PIN is not correct. {left} {attempts} left."))
                .await;
        }
        self.type_pin(wrong).await;
        self.press("Unlock").await;
        self.wait_for_text("Too many wrong PINs. Try again in")
            .await;
    }

    /// Unlocked, with one passkey: Settings → Require a passkey with the
    /// PIN, confirmed with `pin`, to the sentence that says it is required.
    pub async fn require_passkey(&self, pin: &str) {
        self.press("Settings").await;
        self.press("Require a passkey with the PIN").await;
        self.type_into("Enter your PIN to confirm", pin).await;
        self.press("Require a passkey").await;
        self.wait_for_text(
            "Soft Token opens only with your PIN and one of these passkeys together.",
        )
        .await;
    }

    /// Chromium only: a virtual authenticator like a laptop's (internal,
    /// CTAP 2.1, user verification, presence simulated) from the DevTools
    /// WebAuthn domain; `prf` says whether it has the PRF extension.
    /// Returns its id.
    pub async fn add_virtual_authenticator(&self, prf: bool) -> String {
        let cdp = self.cdp();
        if let Err(error) = cdp
            .send_raw("WebAuthn.enable", serde_json::json!({ "enableUI": false }))
            .await
        {
            panic!("WebAuthn.enable: {error}");
        }
        let added = cdp
            .send_raw(
                "WebAuthn.addVirtualAuthenticator",
                serde_json::json!({ "options": {
                    "protocol": "ctap2", "ctap2Version": "ctap2_1", "transport": "internal",
                    "hasResidentKey": true, "hasUserVerification": true, "isUserVerified": true,
                    "automaticPresenceSimulation": true, "hasPrf": prf,
                }}),
            )
            .await
            .unwrap_or_else(|error| panic!("WebAuthn.addVirtualAuthenticator: {error}"));
        match added["authenticatorId"].as_str() {
            Some(id) => id.to_owned(),
            None => panic!("no authenticator id in {added}"),
        }
    }

    /// Takes the authenticator away, as when a security key is unplugged.
    pub async fn remove_virtual_authenticator(&self, id: &str) {
        if let Err(error) = self
            .cdp()
            .send_raw(
                "WebAuthn.removeVirtualAuthenticator",
                serde_json::json!({ "authenticatorId": id }),
            )
            .await
        {
            panic!("WebAuthn.removeVirtualAuthenticator: {error}");
        }
    }

    /// Evaluates a script and returns its value as JSON.
    pub async fn eval(&self, script: &str) -> WebDriverResult<Value> {
        Ok(self
            .driver
            .execute(script, Vec::new())
            .await?
            .json()
            .clone())
    }

    pub async fn quit(mut self) {
        self.ended = true;
        self.driver.clone().quit().await.ok();
        self.driver_server.kill().await.ok();
        if let Some(mut display) = self.display.take() {
            display.kill().await.ok();
        }
        if !self.keep_profile {
            std::fs::remove_dir_all(&self.profile).ok();
        }
    }

    /// Kills the browser as a crash or a power cut would: SIGKILL to every
    /// process started on this profile, with no chance to flush or close.
    /// Returns how many processes were killed.
    pub async fn kill(mut self) -> usize {
        let killed = kill_processes_on(&self.profile);
        self.driver_server.kill().await.ok();
        // The session died with the browser: nothing to end (ending it on
        // drop would wait for the dead driver server).
        self.driver.clone().leak().ok();
        self.ended = true;
        killed
    }
}

/// Chromium's note that it ignores `integrity` on `<link rel="preload">` of
/// the WASM file (Trunk adds SRI to every asset; the fetch itself is still
/// checked). Not a fault of the app.
fn is_known_browser_notice(message: &str) -> bool {
    message.contains("The `integrity` attribute is currently ignored for preload destinations")
}

/// chromedriver's legacy log endpoint: one log ("browser" is the console,
/// "performance" the DevTools events) since it was last read.
#[derive(Debug)]
struct BrowserLog(&'static str);

impl ExtensionCommand for BrowserLog {
    fn parameters_json(&self) -> Option<Value> {
        Some(json!({ "type": self.0 }))
    }
    fn method(&self) -> http::Method {
        http::Method::POST
    }
    fn endpoint(&self) -> Arc<str> {
        Arc::from("/se/log")
    }
}

/// `text` as an XPath string literal, whatever quotes it holds ("Use the
/// issuer's icon"): XPath 1.0 has no escapes, so a text with both quotes
/// is a concat() of pieces.
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let pieces: Vec<String> = text.split('\'').map(|piece| format!("'{piece}'")).collect();
        format!("concat({})", pieces.join(", \"'\", "))
    }
}
