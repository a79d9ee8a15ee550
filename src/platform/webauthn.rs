//! Passkeys through WebAuthn's PRF extension: create a credential and get
//! its PRF output for a slot's salt. Everything else (which slot, which
//! salt, what the output unwraps) is the vault's.
//!
//! Security contract: a PRF output is copied out of the browser's buffer
//! into a zeroized [`PrfOutput`] and the buffer is overwritten with zeros;
//! it is never logged. User verification is required on every ceremony.
//! Credential ids, the RP id and salts are not secret.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use js_sys::{Array, Object, Reflect, Uint8Array};
use thiserror::Error;
use vault::{PasskeyAnswer, PrfOutput};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long the browser's passkey prompt waits for the person.
const TIMEOUT_MS: u32 = 120_000;

/// A passkey ceremony that gave no PRF output; each sentence is what the
/// person reads. None of them changes anything stored.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WebAuthnError {
    #[error("This browser cannot use passkeys. Use your PIN.")]
    Unsupported,
    #[error(
        "This passkey cannot unlock Soft Token: its authenticator or this browser does not support the PRF extension. Try another passkey or browser."
    )]
    NoPrf,
    #[error(
        "The passkey was not used (cancelled, or the time ran out). Nothing was changed; try again."
    )]
    Cancelled,
    #[error(
        "This authenticator already holds a passkey for Soft Token. Use another authenticator."
    )]
    AlreadyRegistered,
    #[error(
        "Passkeys work only when Soft Token is opened by its name (https, or localhost), not by an IP address."
    )]
    InvalidDomain,
    #[error("The browser could not use the passkey ({0}). Try again, or use your PIN.")]
    Failed(String),
}

/// A passkey just created, with its PRF output for `salt`.
pub struct Created {
    pub credential_id: Vec<u8>,
    pub prf: PrfOutput,
}

fn credentials() -> Result<JsValue, WebAuthnError> {
    let window = web_sys::window().ok_or(WebAuthnError::Unsupported)?;
    let has_class =
        Reflect::get(&window, &"PublicKeyCredential".into()).is_ok_and(|class| class.is_function());
    let credentials = Reflect::get(&window.navigator(), &"credentials".into())
        .map_err(|_| WebAuthnError::Unsupported)?;
    if !has_class || credentials.is_undefined() || credentials.is_null() {
        return Err(WebAuthnError::Unsupported);
    }
    Ok(credentials)
}

/// Whether passkeys may work here: WebAuthn is present, and the browser
/// does not say that it lacks PRF (`getClientCapabilities`, where it
/// exists). Whether the authenticator has PRF is known only after a
/// create.
pub async fn may_work() -> bool {
    if credentials().is_err() {
        return false;
    }
    let Some(class) = web_sys::window()
        .and_then(|window| Reflect::get(&window, &"PublicKeyCredential".into()).ok())
    else {
        return false;
    };
    let Ok(capabilities) = Reflect::get(&class, &"getClientCapabilities".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return true;
    };
    let Ok(promise) = capabilities
        .call0(&class)
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
    else {
        return true;
    };
    match JsFuture::from(promise).await {
        Ok(answer) => {
            Reflect::get(&answer, &"extension:prf".into())
                .ok()
                .and_then(|prf| prf.as_bool())
                != Some(false)
        }
        Err(_) => true,
    }
}

fn object(fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        Reflect::set(&object, &JsValue::from_str(name), value).ok();
    }
    object
}

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

fn random_challenge() -> Result<JsValue, WebAuthnError> {
    otp::random_bytes::<32>()
        .map(|challenge| bytes(&challenge))
        .map_err(|_| WebAuthnError::Failed("no random numbers".into()))
}

fn error_of(error: &JsValue) -> WebAuthnError {
    let name = error
        .dyn_ref::<web_sys::DomException>()
        .map(web_sys::DomException::name)
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "AbortError" => WebAuthnError::Cancelled,
        "InvalidStateError" => WebAuthnError::AlreadyRegistered,
        "SecurityError" => WebAuthnError::InvalidDomain,
        "NotSupportedError" => WebAuthnError::Unsupported,
        _ => WebAuthnError::Failed(name),
    }
}

thread_local! {
    /// The ceremony under way, which [`cancel`] stops.
    static UNDER_WAY: std::cell::RefCell<Option<web_sys::AbortController>> =
        const { std::cell::RefCell::new(None) };
}

/// Stops the passkey prompt under way, if any: it ends as
/// [`WebAuthnError::Cancelled`]. For a page-side "Cancel", since without
/// an authenticator at hand the browser may wait for its whole timeout.
pub fn cancel() {
    if let Some(controller) = UNDER_WAY.with(|under_way| under_way.borrow_mut().take()) {
        controller.abort();
    }
}

async fn call(method: &str, options: &Object) -> Result<JsValue, WebAuthnError> {
    let credentials = credentials()?;
    if let Ok(controller) = web_sys::AbortController::new() {
        Reflect::set(options, &"signal".into(), &controller.signal()).ok();
        UNDER_WAY.with(|under_way| *under_way.borrow_mut() = Some(controller));
    }
    let function: js_sys::Function = Reflect::get(&credentials, &method.into())
        .and_then(JsCast::dyn_into)
        .map_err(|_| WebAuthnError::Unsupported)?;
    let promise: js_sys::Promise = function
        .call1(&credentials, options)
        .and_then(JsCast::dyn_into)
        .map_err(|error| error_of(&error))?;
    let answered = JsFuture::from(promise).await;
    UNDER_WAY.with(|under_way| under_way.borrow_mut().take());
    let credential = answered.map_err(|error| error_of(&error))?;
    if credential.is_null() || credential.is_undefined() {
        return Err(WebAuthnError::Cancelled);
    }
    Ok(credential)
}

/// The credential's `getClientExtensionResults().prf`.
fn prf_results(credential: &JsValue) -> Option<JsValue> {
    let results = Reflect::get(credential, &"getClientExtensionResults".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(credential)
        .ok()?;
    Reflect::get(&results, &"prf".into())
        .ok()
        .filter(|prf| !prf.is_undefined())
}

/// `prf.results.first`, copied out and zeroed in the browser's buffer.
fn first_output(prf: &JsValue) -> Option<Result<PrfOutput, WebAuthnError>> {
    let first = Reflect::get(prf, &"results".into())
        .and_then(|results| Reflect::get(&results, &"first".into()))
        .ok()
        .filter(|first| !first.is_undefined())?;
    let view = Uint8Array::new(&first);
    let mut copy = zeroize::Zeroizing::new(vec![0u8; view.length() as usize]);
    view.copy_to(&mut copy);
    view.fill(0, 0, view.length());
    Some(PrfOutput::from_bytes(&copy).map_err(|_| WebAuthnError::NoPrf))
}

fn raw_id(credential: &JsValue) -> Result<Vec<u8>, WebAuthnError> {
    Reflect::get(credential, &"rawId".into())
        .map(|id| Uint8Array::new(&id).to_vec())
        .map_err(|_| WebAuthnError::Failed("no credential id".into()))
}

/// base64url without padding, as `evalByCredential` keys are: made from
/// the standard alphabet the vault's records already use, rather than
/// linking a second encoder into the start chunk.
fn base64url(bytes: &[u8]) -> String {
    STANDARD
        .encode(bytes)
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect()
}

/// The relying party: this page's host (`localhost` in tests; WebAuthn
/// refuses an IP address).
pub fn rp_id() -> String {
    web_sys::window()
        .and_then(|window| window.location().hostname().ok())
        .unwrap_or_default()
}

/// Creates a passkey named `label` (user verification required, a
/// discoverable credential preferred; not on an authenticator that holds
/// one of `existing` already), then gets its PRF output for `salt` (at
/// creation, where the authenticator gives it then).
///
/// # Errors
/// [`WebAuthnError::NoPrf`] when the authenticator cannot do PRF,
/// [`WebAuthnError::AlreadyRegistered`], or as the browser answers.
pub async fn create(
    label: &str,
    existing: &[Vec<u8>],
    salt: &[u8],
) -> Result<Created, WebAuthnError> {
    // A random user handle per passkey: two passkeys on one authenticator
    // must not replace each other, and it says nothing about the person.
    let user_id =
        otp::random_bytes::<16>().map_err(|_| WebAuthnError::Failed("no random numbers".into()))?;
    let excluded: Array = existing
        .iter()
        .map(|id| object(&[("type", "public-key".into()), ("id", bytes(id))]))
        .collect();
    let user = object(&[
        ("id", bytes(&user_id)),
        ("name", JsValue::from_str(&format!("Soft Token ({label})"))),
        ("displayName", JsValue::from_str(label)),
    ]);
    let algorithms: Array = [-7i32, -257]
        .iter()
        .map(|alg| object(&[("type", "public-key".into()), ("alg", (*alg).into())]))
        .collect();
    let public_key = object(&[
        (
            "rp",
            object(&[("name", "Soft Token".into()), ("id", rp_id().into())]).into(),
        ),
        ("user", user.into()),
        ("challenge", random_challenge()?),
        ("pubKeyCredParams", algorithms.into()),
        ("excludeCredentials", excluded.into()),
        (
            "authenticatorSelection",
            object(&[
                ("residentKey", "preferred".into()),
                ("userVerification", "required".into()),
            ])
            .into(),
        ),
        ("timeout", TIMEOUT_MS.into()),
        (
            "extensions",
            object(&[(
                "prf",
                object(&[("eval", object(&[("first", bytes(salt))]).into())]).into(),
            )])
            .into(),
        ),
    ]);
    let credential = call("create", &object(&[("publicKey", public_key.into())])).await?;
    let credential_id = raw_id(&credential)?;
    let prf = prf_results(&credential).ok_or(WebAuthnError::NoPrf)?;
    if let Some(output) = first_output(&prf) {
        return Ok(Created {
            credential_id,
            prf: output?,
        });
    }
    let enabled = Reflect::get(&prf, &"enabled".into())
        .ok()
        .and_then(|e| e.as_bool());
    if enabled != Some(true) {
        return Err(WebAuthnError::NoPrf);
    }
    let answer = get(&[(credential_id.clone(), salt.to_vec())]).await?;
    Ok(Created {
        credential_id,
        prf: answer.prf,
    })
}

/// Asks for one of these passkeys (credential id, its slot's salt) and
/// returns which answered, with its PRF output for its own salt.
///
/// # Errors
/// [`WebAuthnError::Cancelled`] when the person cancels or the prompt
/// times out; [`WebAuthnError::NoPrf`] without an output.
pub async fn get(passkeys: &[(Vec<u8>, Vec<u8>)]) -> Result<PasskeyAnswer, WebAuthnError> {
    let allowed: Array = passkeys
        .iter()
        .map(|(id, _)| object(&[("type", "public-key".into()), ("id", bytes(id))]))
        .collect();
    let by_credential = object(&[]);
    for (id, salt) in passkeys {
        Reflect::set(
            &by_credential,
            &base64url(id).into(),
            &object(&[("first", bytes(salt))]),
        )
        .ok();
    }
    let public_key = object(&[
        ("challenge", random_challenge()?),
        ("rpId", rp_id().into()),
        ("allowCredentials", allowed.into()),
        ("userVerification", "required".into()),
        ("timeout", TIMEOUT_MS.into()),
        (
            "extensions",
            object(&[(
                "prf",
                object(&[("evalByCredential", by_credential.into())]).into(),
            )])
            .into(),
        ),
    ]);
    let credential = call("get", &object(&[("publicKey", public_key.into())])).await?;
    let credential_id = raw_id(&credential)?;
    let prf = prf_results(&credential)
        .and_then(|prf| first_output(&prf))
        .ok_or(WebAuthnError::NoPrf)??;
    Ok(PasskeyAnswer { credential_id, prf })
}
