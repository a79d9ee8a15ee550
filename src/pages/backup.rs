//! Backups: export every token to a file, encrypted with a backup password
//! (asked twice, with a strength hint), in the Aegis format
//! (`docs/backup-format.md`); unencrypted exports behind a clear warning;
//! and restore from an Aegis or Soft Token backup, or a list of otpauth
//! links, through the same preview as adding, which leaves out tokens
//! already stored. Reading a backup changes nothing until the preview's Add.

use crate::adding::{Candidate, Reading, use_pending};
use crate::kdf::{DeriveError, KdfRunner};
use crate::state::{parse_pin, sentence, use_app_state};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use vault::OsEntropy;
use vault::backup::{self, Backup as BackupFile, BackupError, LockedBackup};
use wasm_bindgen::{JsCast, JsValue};

const MIN_PASSWORD: usize = 8;
/// The largest backup or import file read: 10,000 tokens are about 3 MB.
const MAX_FILE_BYTES: f64 = 10_000_000.0;

/// A hint, not a rule beyond the minimum length.
fn strength(password: &str) -> &'static str {
    let length = password.chars().count();
    let classes = [
        password.chars().any(|c| c.is_lowercase()),
        password.chars().any(|c| c.is_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|&&present| present)
    .count();
    match (length, classes) {
        (0, _) => "",
        (l, _) if l < MIN_PASSWORD => "Too short: use at least 8 characters.",
        (l, c) if l < 12 || (l < 16 && c < 2) => {
            "Fair: a longer password, or a few unrelated words, is stronger."
        }
        _ => "Strong.",
    }
}

fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// Hands `text` to the browser as a file download.
fn download(text: &str, file_name: &str, mime: &str) -> Result<(), String> {
    let failed =
        |_| "The browser would not save the file. Try again, or try another browser.".to_owned();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&JsValue::from_str(text)),
        &options,
    )
    .map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = document();
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The download has its own copy once started.
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(10_000).await;
        web_sys::Url::revoke_object_url(&url).ok();
    });
    Ok(())
}

#[component]
pub fn Backup() -> impl IntoView {
    let state = use_app_state();
    let pending = use_pending();
    let navigate = use_navigate();
    let config = state.config();
    let (worker, timeout_ms) = (config.kdf_worker, config.kdf_timeout_ms);
    let db_name = config.db_name;
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let export_error = RwSignal::new(None::<String>);
    let export_done = RwSignal::new(None::<String>);
    let understood = RwSignal::new(false);
    let import_error = RwSignal::new(None::<String>);
    let locked = StoredValue::new_local(None::<LockedBackup>);
    let needs_password = RwSignal::new(false);
    let import_password = RwSignal::new(String::new());

    let saved = {
        let db_name = db_name.clone();
        move |file_name: String, count: usize| {
            crate::backup_reminder::exported(&db_name, &state.document.get_untracked());
            export_done.set(Some(format!(
                "Saved {file_name} with {count} token{}. Keep it somewhere other than this device.",
                if count == 1 { "" } else { "s" }
            )));
        }
    };
    let export = Action::new_local({
        let (worker, saved) = (worker.clone(), saved.clone());
        move |_: &()| {
            let (worker, saved) = (worker.clone(), saved.clone());
            let chosen = zeroize::Zeroizing::new(password.get_untracked());
            async move {
                let entries = backup::entries_of_document(&state.document.get_untracked());
                let kdf = backup::ScryptParams::fresh(&mut OsEntropy).map_err(|e| sentence(&e))?;
                let runner = KdfRunner {
                    worker_url: worker.as_deref(),
                    timeout_ms,
                };
                let key = crate::kdf::derive_backup_key(&chosen, &kdf, runner)
                    .await
                    .map_err(|e| sentence(&e))?;
                let text = backup::write_encrypted(&entries, &key, &kdf, &mut OsEntropy)
                    .map_err(|e| sentence(&e))?;
                let file_name = format!("softtoken-backup-{}.json", today());
                download(&text, &file_name, "application/json")?;
                saved(file_name, entries.len());
                password.set(String::new());
                again.set(String::new());
                Ok::<(), String>(())
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Err(message)) = export.value().get() {
            export_error.set(Some(message));
        }
    });
    let submit_export = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        export_done.set(None);
        let (chosen, repeated) = (password.get_untracked(), again.get_untracked());
        if chosen.chars().count() < MIN_PASSWORD {
            export_error.set(Some(
                "Choose a backup password of at least 8 characters.".into(),
            ));
        } else if chosen != repeated {
            export_error.set(Some(
                "The two passwords are not the same. Type them again.".into(),
            ));
        } else {
            export_error.set(None);
            export.dispatch_local(());
        }
    };
    // An unencrypted file holds every secret: the PIN is asked again.
    let plain_pin = RwSignal::new(String::new());
    let export_plain = Action::new_local(move |links: &bool| {
        let (links, saved) = (*links, saved.clone());
        let typed = zeroize::Zeroizing::new(plain_pin.get_untracked());
        async move {
            export_done.set(None);
            state.confirm_pin(&parse_pin(&typed)?).await?;
            plain_pin.set(String::new());
            let entries = backup::entries_of_document(&state.document.get_untracked());
            let (text, extension, mime) = if links {
                let lines: Vec<String> = entries
                    .iter()
                    .map(|e| {
                        otp::otpauth::emit(&otp::otpauth::OtpAuth {
                            issuer: e.issuer.clone(),
                            account: e.name.clone(),
                            token: e.token.clone(),
                        })
                        .to_string()
                    })
                    .collect();
                (
                    zeroize::Zeroizing::new(lines.join("\n") + "\n"),
                    "txt",
                    "text/plain",
                )
            } else {
                let text =
                    backup::write_plain(&entries, &mut OsEntropy).map_err(|e| sentence(&e))?;
                (text, "json", "application/json")
            };
            let file_name = format!("softtoken-unencrypted-{}.{extension}", today());
            download(&text, &file_name, mime)?;
            saved(file_name, entries.len());
            Ok::<(), String>(())
        }
    });

    let go_to_preview = {
        let navigate = navigate.clone();
        move |candidates: Vec<Candidate>, skipped| {
            pending.offer(candidates, skipped, None);
            navigate("/add/preview", Default::default());
        }
    };
    let open_file = Action::new_local({
        let go_to_preview = go_to_preview.clone();
        move |file: &web_sys::File| {
            let (file, go_to_preview) = (file.clone(), go_to_preview.clone());
            async move {
                // Refused before a byte is read: no backup comes near this,
                // and reading a huge file would freeze the page.
                if file.size() > MAX_FILE_BYTES {
                    return Err(
                        "This file is larger than 10 MB, so it is not a backup Soft Token can read. Choose the backup file again.".into(),
                    );
                }
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                    .map(zeroize::Zeroizing::new)
                    .ok_or("This file could not be read. Choose the backup file again.")?;
                match backup::read(&text) {
                    Ok(BackupFile::Plain { entries, skipped }) => {
                        go_to_preview(entries.into_iter().map(Candidate::from).collect(), skipped);
                    }
                    Ok(BackupFile::Encrypted(backup)) => {
                        locked.set_value(Some(backup));
                        needs_password.set(true);
                    }
                    Err(BackupError::NotABackup)
                        if text
                            .trim_start()
                            .to_ascii_lowercase()
                            .starts_with("otpauth") =>
                    {
                        match pending.read(&text)? {
                            Reading::Tokens {
                                candidates,
                                skipped,
                                ..
                            } => go_to_preview(candidates, skipped),
                            Reading::ActivationLink(_) => {
                                return Err(
                                    "This file holds an activation link, not a backup.".into()
                                );
                            }
                        }
                    }
                    Err(error) => return Err(sentence(&error)),
                }
                Ok::<(), String>(())
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Err(message)) = open_file.value().get() {
            import_error.set(Some(message));
        }
    });
    let unlock_backup = Action::new_local(move |_: &()| {
        let (worker, go_to_preview) = (worker.clone(), go_to_preview.clone());
        let typed = zeroize::Zeroizing::new(import_password.get_untracked());
        async move {
            let kdfs = locked
                .with_value(|l| l.as_ref().map(LockedBackup::password_kdfs))
                .unwrap_or_default();
            let mut outcome = Err(DeriveError::Backup(BackupError::NoPasswordSlot));
            for (slot, kdf) in kdfs.into_iter().enumerate() {
                let key = match kdf {
                    Ok(kdf) => {
                        let runner = KdfRunner {
                            worker_url: worker.as_deref(),
                            timeout_ms,
                        };
                        crate::kdf::derive_backup_key(&typed, &kdf, runner).await
                    }
                    Err(error) => Err(error.into()),
                };
                outcome = key.and_then(|key| {
                    locked
                        .with_value(|l| l.as_ref().map(|l| l.open(slot, &key)))
                        .unwrap_or(Err(BackupError::NoPasswordSlot))
                        .map_err(DeriveError::from)
                });
                if !matches!(
                    outcome,
                    Err(DeriveError::Backup(
                        BackupError::WrongPassword | BackupError::KdfParams
                    ))
                ) {
                    break;
                }
            }
            let (entries, skipped) = outcome.map_err(|e| sentence(&e))?;
            locked.set_value(None);
            needs_password.set(false);
            import_password.set(String::new());
            go_to_preview(entries.into_iter().map(Candidate::from).collect(), skipped);
            Ok::<(), String>(())
        }
    });
    Effect::new(move |_| {
        if let Some(Err(message)) = unlock_backup.value().get() {
            import_error.set(Some(message));
        }
    });

    view! {
        <h2>"Backups"</h2>
        <form class="card" on:submit=submit_export novalidate>
            <h3>"Export a backup"</h3>
            <p class="muted">"Your tokens live only in this browser. A backup file, encrypted with a password you choose, lets you restore them here or in any app that reads Aegis backups."</p>
            <div class="field">
                <label for="backup-password">"Backup password"</label>
                <input id="backup-password" type="password" autocomplete="new-password"
                    prop:value=move || password.get() on:input=move |e| password.set(event_target_value(&e))
                    aria-describedby="backup-strength" />
                <p class="muted" id="backup-strength" aria-live="polite">{move || strength(&password.get())}</p>
            </div>
            <div class="field">
                <label for="backup-password-again">"Enter the backup password again"</label>
                <input id="backup-password-again" type="password" autocomplete="new-password"
                    prop:value=move || again.get() on:input=move |e| again.set(event_target_value(&e)) />
            </div>
            <p class="field__error" role="alert">{move || export_error.get().unwrap_or_default()}</p>
            <p role="status">{move || export_done.get().unwrap_or_default()}</p>
            <button type="submit" class="button" disabled=move || export.pending().get()>
                {move || if export.pending().get() { "Encrypting…" } else { "Export encrypted backup" }}
            </button>
        </form>
        <details class="card advanced">
            <summary>"Export without encryption"</summary>
            <p class="warning-text">"Anyone who gets an unencrypted backup can make your security codes. Use it only to move tokens straight into another app, then delete the file."</p>
            <div class="checkbox">
                <input type="checkbox" id="understood" prop:checked=move || understood.get()
                    on:change=move |e| understood.set(event_target_checked(&e)) />
                <label for="understood">"I understand that this file is not protected"</label>
            </div>
            <div class="field">
                <label for="plain-export-pin">"Your PIN"</label>
                <input id="plain-export-pin" type="password" inputmode="numeric" maxlength="16" autocomplete="off"
                    bind:value=plain_pin />
            </div>
            <p class="field__error" role="alert">
                {move || export_plain.value().get().and_then(Result::err).unwrap_or_default()}
            </p>
            <button type="button" class="button button--secondary"
                disabled=move || !understood.get() || export_plain.pending().get()
                on:click=move |_| { export_plain.dispatch_local(false); }>"Export unencrypted backup"</button>
            <button type="button" class="button button--secondary"
                disabled=move || !understood.get() || export_plain.pending().get()
                on:click=move |_| { export_plain.dispatch_local(true); }>"Export otpauth links"</button>
        </details>
        <section class="card">
            <h3>"Restore from a backup"</h3>
            <p class="muted">"An Aegis or Soft Token backup, encrypted or not, or a text file of otpauth:// links. You will see what it holds before anything is added; tokens already here are left out."</p>
            <label class="button button--secondary file-button">
                "Open a backup file"
                <input type="file" accept=".json,.txt,application/json,text/plain" class="visually-hidden"
                    on:change=move |event| {
                        import_error.set(None);
                        let input: web_sys::HtmlInputElement = event_target(&event);
                        if let Some(file) = input.files().and_then(|files| files.get(0)) {
                            open_file.dispatch_local(file);
                        }
                        input.set_value("");
                    } />
            </label>
            <Show when=move || needs_password.get()>
                <form on:submit=move |event: leptos::ev::SubmitEvent| {
                    event.prevent_default();
                    import_error.set(None);
                    unlock_backup.dispatch_local(());
                }>
                    <div class="field">
                        <label for="restore-password">"Password of this backup"</label>
                        <input id="restore-password" type="password" autocomplete="off"
                            prop:value=move || import_password.get()
                            on:input=move |e| import_password.set(event_target_value(&e)) />
                    </div>
                    <button type="submit" class="button" disabled=move || unlock_backup.pending().get()>
                        {move || if unlock_backup.pending().get() { "Opening…" } else { "Open backup" }}
                    </button>
                </form>
            </Show>
            <p class="field__error" role="alert">{move || import_error.get().unwrap_or_default()}</p>
        </section>
    }
}
