//! The OCRA and transaction subcommands of the real binary: RFC 6287's
//! Appendix C through the command line, verification windows, and a
//! transaction issued, confirmed with the app's computation and checked.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod common;
use common::{read_qr_png, run, stderr, stdout};
use otp::transaction::{parse_link, verify_request};

const KEY20: &str = "3132333435363738393031323334353637383930";
const KEY32: &str = "3132333435363738393031323334353637383930313233343536373839303132";
const KEY64: &str = "31323334353637383930313233343536373839303132333435363738393031323334353637383930313233343536373839303132333435363738393031323334";

fn response(args: &[&str]) -> String {
    let output = run(&[&["ocra"], args].concat());
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output).trim().to_owned()
}

const TABLE: &str = include_str!("../../otp/tests/vectors/rfc6287_appendix_c.txt");

#[test]
fn every_appendix_c_vector_through_the_command_line() {
    let rows: Vec<Vec<&str>> = TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('|').collect())
        .collect();
    assert_eq!(rows.len(), 70);
    for row in rows {
        let [suite, key, counter, question, pin, time, expected] = row[..] else {
            panic!("{row:?}")
        };
        let mut args = vec![
            "--suite",
            suite,
            "--secret-hex",
            key,
            "--question",
            question,
        ];
        for (flag, value) in [("--counter", counter), ("--pin", pin), ("--time", time)] {
            if !value.is_empty() {
                args.extend([flag, value]);
            }
        }
        assert_eq!(response(&args), expected, "{suite} {question}");
        let verify = [&["ocra-verify"], &args[..], &["--response", expected]].concat();
        let output = run(&verify);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{suite} {question}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn ocra_verify_windows_and_mismatches() {
    let base = [
        "ocra-verify",
        "--suite",
        "OCRA-1:HOTP-SHA512-8:C-QN08",
        "--secret-hex",
        KEY64,
        "--question",
        "44444444",
    ];
    let with = |counter: &str, window: &str, code: &str| {
        run(&[
            &base[..],
            &["--counter", counter, "--window", window, "--response", code],
        ]
        .concat())
    };
    let ahead = with("1", "3", "33203315");
    assert_eq!(ahead.status.code(), Some(0));
    assert_eq!(stdout(&ahead).trim(), "3");
    let short = with("1", "2", "33203315");
    assert_eq!(short.status.code(), Some(1));
    assert!(stderr(&short).contains("does not answer"));
}

#[test]
fn ocra_errors_are_one_line_with_status_2() {
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--suite",
                "OCRA-1:HOTP-SHA1-6:QX08",
                "--secret-hex",
                KEY20,
                "--question",
                "1234",
            ],
            "challenge question 'QX08'",
        ),
        (
            &[
                "--suite",
                "OCRA-1:HOTP-SHA1-6:QN08",
                "--secret-hex",
                KEY20,
                "--question",
                "12ab",
            ],
            "only digits",
        ),
        (
            &[
                "--suite",
                "OCRA-1:HOTP-SHA1-6:C-QN08",
                "--secret-hex",
                KEY20,
                "--question",
                "1234",
            ],
            "uses a counter",
        ),
        (
            &[
                "--suite",
                "OCRA-1:HOTP-SHA1-6:QN08",
                "--secret-hex",
                KEY20,
                "--question",
                "1234",
                "--pin",
                "1",
            ],
            "has no PIN",
        ),
        (
            &[
                "--suite",
                "OCRA-1:HOTP-SHA1-6:QN08",
                "--secret-hex",
                "abc",
                "--question",
                "1234",
            ],
            "--secret-hex",
        ),
    ];
    for (args, expected) in cases {
        let output = run(&[&["ocra"], args].concat());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(
            message.starts_with("selfservice: ") && message.contains(expected),
            "{message}"
        );
        assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    }
}

fn issue(details: &[&str], extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "transaction",
        "--secret-hex",
        KEY32,
        "--serial",
        "12211-49352",
        "--json",
    ];
    for detail in details {
        args.extend(["--detail", detail]);
    }
    args.extend(extra);
    let output = run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

fn verify_code(link: &str, code: &str) -> std::process::Output {
    run(&[
        "transaction-verify",
        "--secret-hex",
        KEY32,
        "--request",
        link,
        "--code",
        code,
    ])
}

#[test]
fn a_transaction_is_issued_confirmed_and_checked() {
    let path = std::env::temp_dir().join(format!("selfservice-tx-{}.png", std::process::id()));
    let issued = issue(
        &["Amount=125.00 EUR", "Payee=ACME Ltd"],
        &["--qr-png", path.to_str().unwrap()],
    );
    let link = issued["uri"].as_str().unwrap();
    assert_eq!(read_qr_png(&path), link);
    std::fs::remove_file(&path).ok();

    // The app's side: read the link, check it with the token's secret, compute the code.
    let secret = otp::Secret::from_hex(KEY32).unwrap();
    let (request, mac) = parse_link(link).unwrap();
    assert_eq!(request.payment(), Some(("125.00 EUR", "ACME Ltd")));
    let now = issued["time"].as_u64().unwrap();
    let verified = verify_request(request, &mac, secret.expose(), now).unwrap();
    let code = verified
        .request()
        .confirmation_code(secret.expose())
        .unwrap();

    let output = verify_code(link, &code);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let wrong = if code.starts_with('0') { "1" } else { "0" }.to_owned() + &code[1..];
    assert_eq!(verify_code(link, &wrong).status.code(), Some(1));

    // The same code does not confirm another request, even with the same details.
    let other = issue(&["Amount=125.00 EUR", "Payee=ACME Ltd"], &[]);
    assert_eq!(
        verify_code(other["uri"].as_str().unwrap(), &code)
            .status
            .code(),
        Some(1)
    );

    // A request whose amount was changed on its way fails its MAC: status 2.
    let changed = link.replace("125.00", "925.00");
    let output = verify_code(&changed, &code);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("MAC does not match"));
}

#[test]
fn transaction_issue_refuses_bad_input() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["--serial", "12211-49353", "--detail", "Amount=1"],
            "--serial",
        ),
        (
            &["--serial", "12211-49352", "--detail", "Amount"],
            "is not Label=Value",
        ),
        (
            &[
                "--serial",
                "12211-49352",
                "--detail",
                "Amount=1",
                "--suite",
                "OCRA-1:HOTP-SHA1-6:QN08",
            ],
            "cannot confirm a transaction",
        ),
        (
            &["--serial", "12211-49352", "--detail", "Memo=a\u{202E}b"],
            "text-direction",
        ),
    ];
    for (extra, expected) in cases {
        let output = run(&[&["transaction", "--secret-hex", KEY32], extra].concat());
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
    }
}
