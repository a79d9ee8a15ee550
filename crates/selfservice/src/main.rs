//! `selfservice`: the Self-Service module's side of activation, stateless.
//! Every error is one line on stderr and exit status 2; `verify` exits 1
//! when the code does not match. Secrets are printed only where the
//! subcommand's purpose is to hand them out.

mod challenge;
mod commands;
mod qr;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "selfservice",
    version,
    about = "Issue and complete Soft Token activations"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AlgorithmArg {
    Sha1,
    Sha256,
    Sha512,
}

impl From<AlgorithmArg> for otp::Algorithm {
    fn from(value: AlgorithmArg) -> Self {
        match value {
            AlgorithmArg::Sha1 => Self::Sha1,
            AlgorithmArg::Sha256 => Self::Sha256,
            AlgorithmArg::Sha512 => Self::Sha512,
        }
    }
}

#[derive(clap::Args)]
pub struct CodesArgs {
    /// The serial number, NNNNN-NNNNN
    #[arg(long)]
    serial: String,
    /// The activation code, NNNN-NNNN-NNNN-NNNN
    #[arg(long)]
    activation: String,
    /// The registration code the device showed, NNNNN-NNNNN
    #[arg(long)]
    registration: String,
    /// The policy JSON the activation was issued with, byte for byte
    #[arg(long)]
    policy: Option<String>,
    /// Digits of the token's codes: 6 or 8
    #[arg(long, default_value_t = 6)]
    digits: u8,
    /// Print one JSON object: secret_hex, secret_base32, otpauth
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct TokenArgs {
    /// The token's secret, in hex
    #[arg(long)]
    secret_hex: String,
    /// The HMAC (Soft Token activations use sha256)
    #[arg(long, value_enum, default_value = "sha256")]
    algorithm: AlgorithmArg,
    /// Digits of the code, 4 to 10
    #[arg(long, default_value_t = 6)]
    digits: u8,
    /// TOTP period in seconds
    #[arg(long, default_value_t = 30)]
    period: u32,
    /// Unix time in seconds (default: now)
    #[arg(long)]
    time: Option<u64>,
}

#[derive(Subcommand)]
enum Command {
    /// A new serial number, activation code, activation password and secure link
    Issue {
        /// A policy JSON to send with the activation
        #[arg(long)]
        policy: Option<String>,
        /// A registration URL to send with the activation
        #[arg(long)]
        regurl: Option<String>,
        /// Print one JSON object: serial, activation_code, password, uri
        #[arg(long)]
        json: bool,
        /// Also write the link's QR code to this PNG file
        #[arg(long, value_name = "FILE")]
        qr_png: Option<std::path::PathBuf>,
    },
    /// Print a secure activation link's payload, exactly as decrypted
    Decode {
        #[arg(long)]
        uri: String,
        #[arg(long)]
        password: String,
    },
    /// Check all three codes and print the token
    Complete(CodesArgs),
    /// Like complete, checking only the check digits (codes from other soft-token apps)
    Derive(CodesArgs),
    /// Print the code: TOTP at --time (default now), or HOTP with --counter
    Code {
        #[command(flatten)]
        token: TokenArgs,
        /// Compute HOTP at this counter instead of TOTP
        #[arg(long)]
        counter: Option<u64>,
    },
    /// The Unlock Code that opens a device's PIN reset for this token
    Unlock {
        /// The token's secret, as hex
        #[arg(long)]
        secret_hex: String,
        /// The PIN Reset Code the device shows (NNNNN-NNNNN-C)
        #[arg(long)]
        reset_code: String,
        /// Print one JSON object: unlock_code
        #[arg(long)]
        json: bool,
    },
    /// Exit 0 and print the matching step offset when the code is valid, else exit 1
    Verify {
        #[command(flatten)]
        token: TokenArgs,
        #[arg(long)]
        code: String,
        /// Steps either side of now to accept
        #[arg(long, default_value_t = 1)]
        window: u32,
    },
    #[command(flatten)]
    Challenge(challenge::Command),
}

/// What a command ends with: text for stdout and the exit status.
pub enum Outcome {
    Printed,
    NoMatch,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Issue {
            policy,
            regurl,
            json,
            qr_png,
        } => commands::issue(policy, regurl, json, qr_png.as_deref()),
        Command::Decode { uri, password } => commands::decode(&uri, &password),
        Command::Complete(args) => commands::complete(&args, true),
        Command::Derive(args) => commands::complete(&args, false),
        Command::Code { token, counter } => commands::code(&token, counter),
        Command::Verify {
            token,
            code,
            window,
        } => commands::verify(&token, &code, window),
        Command::Unlock {
            secret_hex,
            reset_code,
            json,
        } => commands::unlock(&secret_hex, &reset_code, json),
        Command::Challenge(command) => challenge::run(command),
    };
    match result {
        Ok(Outcome::Printed) => ExitCode::SUCCESS,
        Ok(Outcome::NoMatch) => ExitCode::from(1),
        Err(message) => {
            eprintln!("selfservice: {message}");
            ExitCode::from(2)
        }
    }
}
