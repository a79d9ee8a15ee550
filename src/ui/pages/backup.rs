//! Backups: export every token to a file, encrypted with a backup password
//! (asked twice, with a strength hint), in the Aegis format
//! (`docs/backup-format.md`); unencrypted exports behind a clear warning;
//! and restore from an Aegis or Soft Token backup, or a list of otpauth
//! links, through the same preview as adding, which leaves out tokens
//! already stored. Reading a backup changes nothing until the preview's Add.

use super::error_of;
use crate::state::{AppError, MIN_BACKUP_PASSWORD, OpenedFile, Saved, use_app_state};
use crate::ui::components::secret_input::{SecretInput, strength};
use crate::ui::components::transfer::TransferCodes;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// What the status line says after a file was saved.
fn saved_sentence(saved: &Saved) -> String {
    let mut sentence = format!(
        "Saved {} with {} token{}. Keep it somewhere other than this device.",
        saved.file_name,
        saved.tokens,
        if saved.tokens == 1 { "" } else { "s" }
    );
    match saved.challenge_response {
        0 => {}
        1 => sentence.push_str(" 1 of them answers challenges: Soft Token restores it, but Aegis and other apps skip it."),
        n => sentence.push_str(&format!(" {n} of them answer challenges: Soft Token restores them, but Aegis and other apps skip them.")),
    }
    sentence
}

#[component]
pub fn Backup() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let import_password = RwSignal::new(String::new());

    let export = Action::new_local(move |_: &()| {
        let chosen = zeroize::Zeroizing::new(password.get_untracked());
        let repeated = zeroize::Zeroizing::new(again.get_untracked());
        async move {
            let saved = state.export_encrypted(&chosen, &repeated).await?;
            password.set(String::new());
            again.set(String::new());
            Ok::<Saved, AppError>(saved)
        }
    });
    let submit_export = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        export.dispatch_local(());
    };
    // An unencrypted file holds every secret: the PIN is asked again.
    let plain_pin = RwSignal::new(String::new());
    let export_plain = Action::new_local(move |links: &bool| {
        let links = *links;
        let typed = zeroize::Zeroizing::new(plain_pin.get_untracked());
        async move {
            let saved = state.export_unencrypted(&typed, links).await?;
            plain_pin.set(String::new());
            Ok::<Saved, AppError>(saved)
        }
    });
    let saved = move |action: Action<bool, Result<Saved, AppError>>| {
        action
            .value()
            .get()
            .and_then(Result::ok)
            .map(|s| saved_sentence(&s))
    };
    let export_done = move || {
        export
            .value()
            .get()
            .and_then(Result::ok)
            .map(|s| saved_sentence(&s))
            .or_else(|| saved(export_plain))
            .unwrap_or_default()
    };

    let to_preview = navigate.clone();
    let open_file = Action::new_local(move |file: &web_sys::File| {
        let (file, to_preview) = (file.clone(), to_preview.clone());
        async move {
            if state.open_backup_file(&file).await? == OpenedFile::Preview {
                to_preview("/add/preview", Default::default());
            }
            Ok::<(), AppError>(())
        }
    });
    let unlock_backup = Action::new_local(move |_: &()| {
        let typed = zeroize::Zeroizing::new(import_password.get_untracked());
        let to_preview = navigate.clone();
        async move {
            state.unlock_backup(&typed).await?;
            import_password.set(String::new());
            to_preview("/add/preview", Default::default());
            Ok::<(), AppError>(())
        }
    });
    // The later of the two restore steps says what went wrong.
    let import_error = move || match unlock_backup.value().get() {
        Some(Err(error)) => error.to_string(),
        _ => error_of(open_file.value().get()),
    };
    let needs_password = state.pending.backup_needs_password;

    view! {
        <h2>"Backups"</h2>
        <form class="card" on:submit=submit_export novalidate>
            <h3>"Export a backup"</h3>
            <p class="muted">"Your tokens live only in this browser. A backup file, encrypted with a password you choose, lets you restore them here or in any app that reads Aegis backups."</p>
            <div class="field">
                <label for="backup-password">"Backup password"</label>
                <input id="backup-password" type="password" autocomplete="new-password"
                    bind:value=password aria-describedby="backup-strength" />
                <p class="muted" id="backup-strength" aria-live="polite">{move || strength(&password.get(), MIN_BACKUP_PASSWORD)}</p>
            </div>
            <div class="field">
                <label for="backup-password-again">"Enter the backup password again"</label>
                <input id="backup-password-again" type="password" autocomplete="new-password"
                    bind:value=again />
            </div>
            <p class="field__error" role="alert">{move || error_of(export.value().get())}</p>
            <p role="status">{export_done}</p>
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
            <SecretInput id="plain-export-pin" pin_label="Your PIN" password_label="Your password"
                value=plain_pin password=state.uses_password() />
            <p class="field__error" role="alert">
                {move || error_of(export_plain.value().get())}
            </p>
            <button type="button" class="button button--secondary"
                disabled=move || !understood.get() || export_plain.pending().get()
                on:click=move |_| { export_plain.dispatch_local(false); }>"Export unencrypted backup"</button>
            <button type="button" class="button button--secondary"
                disabled=move || !understood.get() || export_plain.pending().get()
                on:click=move |_| { export_plain.dispatch_local(true); }>"Export otpauth links"</button>
        </details>
        <section class="card drop-zone" id="restore"
            on:dragover=|event: leptos::ev::DragEvent| event.prevent_default()
            on:drop=move |event: leptos::ev::DragEvent| {
                event.prevent_default();
                let dropped = event.data_transfer().and_then(|data| data.files()).and_then(|files| files.get(0));
                if let Some(file) = dropped {
                    open_file.dispatch_local(file);
                }
            }>
            <h3>"Restore from a backup"</h3>
            <p class="muted">"An Aegis or Soft Token backup, an export of another authenticator (2FAS, andOTP, Authy, Bitwarden, Duo, ente, FreeOTP, Proton, Stratum, Steam and more), or a text file of otpauth:// links; encrypted or not. You will see what it holds before anything is added; tokens already here are left out."</p>
            <label class="button button--secondary file-button">
                "Open a backup file"
                <input type="file" class="visually-hidden"
                    on:change=move |event| {
                        let input: web_sys::HtmlInputElement = event_target(&event);
                        if let Some(file) = input.files().and_then(|files| files.get(0)) {
                            open_file.dispatch_local(file);
                        }
                        input.set_value("");
                    } />
            </label>
            <p class="muted">"You can also drop the file here."</p>
            <Show when=move || needs_password.get()>
                <p>{move || state.pending.source.get().map(|app| format!("This is an encrypted export of {app}: type the password it was made with.")).unwrap_or_default()}</p>
                <form on:submit=move |event: leptos::ev::SubmitEvent| {
                    event.prevent_default();
                    unlock_backup.dispatch_local(());
                }>
                    <div class="field">
                        <label for="restore-password">"Password of this backup"</label>
                        <input id="restore-password" type="password" autocomplete="off"
                            bind:value=import_password />
                    </div>
                    <button type="submit" class="button" disabled=move || unlock_backup.pending().get()>
                        {move || if unlock_backup.pending().get() { "Opening…" } else { "Open backup" }}
                    </button>
                </form>
            </Show>
            <p class="field__error" role="alert">{import_error}</p>
        </section>
        <TransferCodes />
    }
}
