//! The subcommands. Each returns an [`Outcome`] or a one-line error.

use crate::{CodesArgs, Outcome, TokenArgs, qr};
use otp::activation::{
    ActivationCode, ActivationDigits, RegistrationCode, SerialNumber, decrypt_link_payload,
    derive_secret, derive_token,
};
use otp::otpauth::{self, OtpAuth};
use otp::{Kind, Secret, Token, base32};
use serde_json::json;
use std::io::Write;
use std::path::Path;

type CommandResult = Result<Outcome, String>;

pub fn issue(
    policy: Option<String>,
    regurl: Option<String>,
    json: bool,
    qr_png: Option<&Path>,
) -> CommandResult {
    if let Some(policy) = &policy {
        serde_json::from_str::<serde_json::Value>(policy)
            .map_err(|e| format!("--policy is not valid JSON: {e}"))?;
    }
    let issued =
        otp::activation::issue(policy, regurl).map_err(|e| format!("no random source: {e}"))?;
    let serial = issued.activation.serial.formatted();
    let activation_code = issued.activation.activation_code.formatted();
    if let Some(path) = qr_png {
        qr::write_png(&issued.link, path)?;
    }
    if json {
        let object = json!({
            "serial": serial,
            "activation_code": activation_code.as_str(),
            "password": issued.password.as_str(),
            "uri": issued.link.as_str(),
        });
        println!("{object}");
    } else {
        println!("Serial Number:        {serial}");
        println!("Activation Code:      {}", activation_code.as_str());
        println!("Activation password:  {}", issued.password.as_str());
        println!("Secure activation link:\n{}\n", issued.link.as_str());
        print!("{}", qr::terminal(&issued.link)?);
        println!(
            "\nGive the link (or its QR code) and the password to the user by two different ways."
        );
    }
    Ok(Outcome::Printed)
}

pub fn decode(uri: &str, password: &str) -> CommandResult {
    let payload = decrypt_link_payload(uri, password).map_err(|e| e.to_string())?;
    let mut stdout = std::io::stdout();
    stdout
        .write_all(&payload)
        .and_then(|()| stdout.write_all(b"\n"))
        .map_err(|e| format!("cannot write the payload: {e}"))?;
    Ok(Outcome::Printed)
}

pub fn complete(args: &CodesArgs, check_registration: bool) -> CommandResult {
    let serial = SerialNumber::parse(&args.serial).map_err(|e| e.to_string())?;
    let activation = ActivationCode::parse(&args.activation).map_err(|e| e.to_string())?;
    let registration = RegistrationCode::parse(&args.registration).map_err(|e| e.to_string())?;
    let digits = ActivationDigits::from_count(args.digits).ok_or("--digits must be 6 or 8")?;
    if check_registration {
        registration
            .check_for(&activation)
            .map_err(|e| e.to_string())?;
    }
    let secret = derive_secret(&serial, &activation, &registration, args.policy.as_deref());
    let token = derive_token(secret.clone(), digits);
    let link = otpauth::emit(&OtpAuth {
        issuer: Some("Soft Token".into()),
        account: serial.formatted(),
        token,
    });
    let (hex, base32) = (secret.to_hex(), base32::encode(secret.expose()));
    if args.json {
        println!(
            "{}",
            json!({ "secret_hex": hex.as_str(), "secret_base32": base32.as_str(), "otpauth": link.as_str() })
        );
    } else {
        println!("Secret (hex):     {}", hex.as_str());
        println!("Secret (Base32):  {}", base32.as_str());
        println!("otpauth link:     {}", link.as_str());
    }
    Ok(Outcome::Printed)
}

fn token_from(args: &TokenArgs, counter: Option<u64>) -> Result<Token, String> {
    let secret = Secret::from_hex(&args.secret_hex)
        .ok_or("--secret-hex is not an even number of hex digits")?;
    let kind = match counter {
        Some(counter) => Kind::Hotp { counter },
        None => Kind::Totp {
            period: args.period,
            t0: 0,
        },
    };
    Token::new(secret, args.algorithm.into(), args.digits, kind).map_err(|e| e.to_string())
}

pub fn now() -> Result<u64, String> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| "the system clock is before 1970".to_owned())
}

pub fn code(args: &TokenArgs, counter: Option<u64>) -> CommandResult {
    let token = token_from(args, counter)?;
    let time = match args.time {
        Some(time) => time,
        None => now()?,
    };
    println!("{}", token.code_at(time).map_err(|e| e.to_string())?);
    Ok(Outcome::Printed)
}

pub fn verify(args: &TokenArgs, code: &str, window: u32) -> CommandResult {
    let token = token_from(args, None)?;
    let time = match args.time {
        Some(time) => time,
        None => now()?,
    };
    match otp::verify(&token, code, time, window) {
        Some(offset) => {
            println!("{offset}");
            Ok(Outcome::Printed)
        }
        None => {
            eprintln!("selfservice: the code is not valid within {window} step(s) of the time");
            Ok(Outcome::NoMatch)
        }
    }
}

/// The Unlock Code for a device's PIN Reset Code (docs/activation-protocol.md,
/// "PIN reset").
pub fn unlock(secret_hex: &str, reset_code: &str, json: bool) -> CommandResult {
    let secret =
        Secret::from_hex(secret_hex).ok_or("--secret-hex is not an even number of hex digits")?;
    let reset = otp::activation::PinResetCode::parse(reset_code).map_err(|e| e.to_string())?;
    let code = otp::activation::UnlockCode::for_secret(secret.expose(), &reset);
    let shown = code.formatted();
    if json {
        println!("{}", json!({ "unlock_code": shown.as_str() }));
    } else {
        println!("{}", shown.as_str());
    }
    Ok(Outcome::Printed)
}
