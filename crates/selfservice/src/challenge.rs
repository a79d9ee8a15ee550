//! The challenge-response subcommands: OCRA responses (RFC 6287,
//! docs/ocra.md) and transaction requests (docs/transaction-verification.md).
//! Same conventions as the rest: one line on stderr and exit 2 for bad
//! input, exit 1 when a code does not match.

use crate::{Outcome, qr};
use clap::Subcommand;
use otp::Secret;
use otp::activation::SerialNumber;
use otp::ocra::{Inputs, PinInput, Suite};
use otp::transaction::{self, DEFAULT_SUITE, Detail, Request};
use serde_json::json;

type CommandResult = Result<Outcome, String>;

#[derive(clap::Args)]
pub struct OcraArgs {
    /// The OCRA suite, e.g. OCRA-1:HOTP-SHA1-6:QN08
    #[arg(long)]
    suite: String,
    /// The shared secret, in hex
    #[arg(long)]
    secret_hex: String,
    /// The challenge question, in the suite's format (A, N or H)
    #[arg(long)]
    question: String,
    /// The counter, for suites with C
    #[arg(long)]
    counter: Option<u64>,
    /// The PIN, for suites with P (hashed with the suite's function)
    #[arg(long, conflicts_with = "pin_hash_hex")]
    pin: Option<String>,
    /// The PIN's hash, in hex, for suites with P
    #[arg(long)]
    pin_hash_hex: Option<String>,
    /// Session information, in hex, for suites with S
    #[arg(long)]
    session_hex: Option<String>,
    /// Unix time in seconds, for suites with T (default: now)
    #[arg(long)]
    time: Option<u64>,
    /// Print one JSON object: response
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// Print the OCRA response to a challenge question
    Ocra(OcraArgs),
    /// Exit 0 and print the matching offset when the response is valid, else exit 1
    OcraVerify {
        #[command(flatten)]
        ocra: OcraArgs,
        #[arg(long)]
        response: String,
        /// Counters ahead (suites with C) or time steps either side (with T) to accept
        #[arg(long, default_value_t = 0)]
        window: u32,
    },
    /// Issue a transaction request for a token: a link and a QR code
    Transaction {
        /// The token's secret, in hex (selfservice complete prints it)
        #[arg(long)]
        secret_hex: String,
        /// The identity's Serial Number, NNNNN-NNNNN
        #[arg(long)]
        serial: String,
        /// One line of the transaction, Label=Value (repeat, in order)
        #[arg(long = "detail", required = true)]
        details: Vec<String>,
        /// The OCRA suite of the confirmation code
        #[arg(long, default_value = DEFAULT_SUITE)]
        suite: String,
        /// Seconds the request stays valid
        #[arg(long, default_value_t = 300)]
        lifetime: u32,
        /// Unix time of issue (default: now)
        #[arg(long)]
        time: Option<u64>,
        /// Print one JSON object: uri, serial, time, lifetime
        #[arg(long)]
        json: bool,
        /// Also write the request's QR code to this PNG file
        #[arg(long, value_name = "FILE")]
        qr_png: Option<std::path::PathBuf>,
    },
    /// Exit 0 when the code confirms exactly this request, else exit 1
    TransactionVerify {
        #[arg(long)]
        secret_hex: String,
        /// The request's link, as issued
        #[arg(long)]
        request: String,
        #[arg(long)]
        code: String,
    },
}

pub fn run(command: Command) -> CommandResult {
    match command {
        Command::Ocra(args) => ocra(&args),
        Command::OcraVerify {
            ocra,
            response,
            window,
        } => ocra_verify(&ocra, &response, window),
        Command::Transaction {
            secret_hex,
            serial,
            details,
            suite,
            lifetime,
            time,
            json,
            qr_png,
        } => {
            let request = Issue {
                serial: &serial,
                details: &details,
                suite: &suite,
                lifetime,
                time,
            };
            issue_transaction(&secret(&secret_hex)?, &request, json, qr_png.as_deref())
        }
        Command::TransactionVerify {
            secret_hex,
            request,
            code,
        } => transaction_verify(&secret(&secret_hex)?, &request, &code),
    }
}

fn secret(hex: &str) -> Result<Secret, String> {
    Secret::from_hex(hex).ok_or_else(|| "--secret-hex is not an even number of hex digits".into())
}

fn hex_bytes(hex: &str, flag: &str) -> Result<Secret, String> {
    Secret::from_hex(hex).ok_or_else(|| format!("{flag} is not an even number of hex digits"))
}

/// Computes with the arguments; the closure gets the suite and its inputs.
fn with_inputs<T>(
    args: &OcraArgs,
    then: impl FnOnce(&Suite, &Secret, &Inputs<'_>) -> Result<T, String>,
) -> Result<T, String> {
    let suite = Suite::parse(&args.suite).map_err(|e| format!("--suite: {e}"))?;
    let key = secret(&args.secret_hex)?;
    let pin_hash = args
        .pin_hash_hex
        .as_deref()
        .map(|hex| hex_bytes(hex, "--pin-hash-hex"))
        .transpose()?;
    let session = args
        .session_hex
        .as_deref()
        .map(|hex| hex_bytes(hex, "--session-hex"))
        .transpose()?;
    let time = match (suite.time_step, args.time) {
        (Some(_), None) => Some(crate::commands::now()?),
        (_, time) => time,
    };
    let inputs = Inputs {
        counter: args.counter,
        question: &args.question,
        pin: match (&args.pin, &pin_hash) {
            (Some(pin), _) => Some(PinInput::Pin(pin)),
            (None, Some(hash)) => Some(PinInput::Hash(hash.expose())),
            (None, None) => None,
        },
        session: session.as_ref().map(Secret::expose),
        unix_seconds: time,
    };
    then(&suite, &key, &inputs)
}

fn ocra(args: &OcraArgs) -> CommandResult {
    let response = with_inputs(args, |suite, key, inputs| {
        suite
            .response(key.expose(), inputs)
            .map_err(|e| e.to_string())
    })?;
    if args.json {
        println!("{}", json!({ "response": response }));
    } else {
        println!("{response}");
    }
    Ok(Outcome::Printed)
}

fn ocra_verify(args: &OcraArgs, response: &str, window: u32) -> CommandResult {
    let matched = with_inputs(args, |suite, key, inputs| {
        suite
            .verify(key.expose(), inputs, response, window)
            .map_err(|e| e.to_string())
    })?;
    match matched {
        Some(offset) => {
            println!("{offset}");
            Ok(Outcome::Printed)
        }
        None => {
            eprintln!("selfservice: the response does not answer this challenge");
            Ok(Outcome::NoMatch)
        }
    }
}

struct Issue<'a> {
    serial: &'a str,
    details: &'a [String],
    suite: &'a str,
    lifetime: u32,
    time: Option<u64>,
}

fn issue_transaction(
    secret: &Secret,
    issue: &Issue<'_>,
    json: bool,
    qr_png: Option<&std::path::Path>,
) -> CommandResult {
    let details = issue
        .details
        .iter()
        .map(|text| {
            let (label, value) = text
                .split_once('=')
                .ok_or_else(|| format!("--detail '{text}' is not Label=Value"))?;
            Ok(Detail {
                label: label.trim().into(),
                value: value.trim().into(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let request = Request {
        serial: SerialNumber::parse(issue.serial).map_err(|e| format!("--serial: {e}"))?,
        suite: Suite::parse(issue.suite).map_err(|e| format!("--suite: {e}"))?,
        challenge: otp::random_bytes().map_err(|e| format!("no random source: {e}"))?,
        issued_at: match issue.time {
            Some(time) => time,
            None => crate::commands::now()?,
        },
        lifetime_seconds: issue.lifetime,
        details,
    };
    request.validate().map_err(|e| e.to_string())?;
    let link = transaction::encode_link(&request, &request.mac(secret.expose()));
    if let Some(path) = qr_png {
        qr::write_png(&link, path)?;
    }
    if json {
        let object = json!({
            "uri": link,
            "serial": request.serial.formatted(),
            "time": request.issued_at,
            "lifetime": request.lifetime_seconds,
        });
        println!("{object}");
    } else {
        println!("Transaction request for {}:\n{link}\n", request.serial);
        print!("{}", qr::terminal(&link)?);
        println!("\nShow the QR code beside the transaction; the app shows a confirmation code.");
    }
    Ok(Outcome::Printed)
}

fn transaction_verify(secret: &Secret, link: &str, code: &str) -> CommandResult {
    let (request, mac) = transaction::parse_link(link).map_err(|e| e.to_string())?;
    if !otp::transaction::mac_matches(&request, &mac, secret.expose()) {
        return Err("the request's MAC does not match this secret".into());
    }
    if transaction::code_confirms(&request, secret.expose(), code).map_err(|e| e.to_string())? {
        println!("confirmed");
        Ok(Outcome::Printed)
    } else {
        eprintln!("selfservice: the code does not confirm this request");
        Ok(Outcome::NoMatch)
    }
}
