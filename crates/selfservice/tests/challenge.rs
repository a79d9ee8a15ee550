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
const RFC_TIME: &str = "1206446760";

fn response(args: &[&str]) -> String {
    let output = run(&[&["ocra"], args].concat());
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output).trim().to_owned()
}

/// (suite, key, extra arguments, question, expected) for every Appendix C vector.
fn appendix_c() -> Vec<(
    &'static str,
    &'static str,
    Vec<String>,
    String,
    &'static str,
)> {
    let mut table = Vec::new();
    let digits = |d: usize| d.to_string().repeat(8);
    for (d, code) in [
        "237653", "243178", "653583", "740991", "608993", "388898", "816933", "224598", "750600",
        "294470",
    ]
    .into_iter()
    .enumerate()
    {
        table.push(("OCRA-1:HOTP-SHA1-6:QN08", KEY20, vec![], digits(d), code));
    }
    for (c, code) in [
        "65347737", "86775851", "78192410", "71565254", "10104329", "65983500", "70069104",
        "91771096", "75011558", "08522129",
    ]
    .into_iter()
    .enumerate()
    {
        let extra = vec![
            "--counter".into(),
            c.to_string(),
            "--pin".into(),
            "1234".into(),
        ];
        table.push((
            "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1",
            KEY32,
            extra,
            "12345678".into(),
            code,
        ));
    }
    for (d, code) in ["83238735", "01501458", "17957585", "86776967", "86807031"]
        .into_iter()
        .enumerate()
    {
        let extra = vec![
            "--pin-hash-hex".into(),
            "7110eda4d09e062aa5e4a390b0a572ac0d2c0220".into(),
        ];
        table.push((
            "OCRA-1:HOTP-SHA256-8:QN08-PSHA1",
            KEY32,
            extra,
            digits(d),
            code,
        ));
    }
    for (d, code) in [
        "07016083", "63947962", "70123924", "25341727", "33203315", "34205738", "44343969",
        "51946085", "20403879", "31409299",
    ]
    .into_iter()
    .enumerate()
    {
        table.push((
            "OCRA-1:HOTP-SHA512-8:C-QN08",
            KEY64,
            vec!["--counter".into(), d.to_string()],
            digits(d),
            code,
        ));
    }
    for (d, code) in ["95209754", "55907591", "22048402", "24218844", "36209546"]
        .into_iter()
        .enumerate()
    {
        table.push((
            "OCRA-1:HOTP-SHA512-8:QN08-T1M",
            KEY64,
            vec!["--time".into(), RFC_TIME.into()],
            digits(d),
            code,
        ));
    }
    let questions =
        |suite, key, extra: Vec<String>, rows: &[(&str, &'static str)], table: &mut Vec<_>| {
            for (question, code) in rows {
                table.push((suite, key, extra.clone(), (*question).to_owned(), *code));
            }
        };
    questions(
        "OCRA-1:HOTP-SHA256-8:QA08",
        KEY32,
        vec![],
        &[
            ("CLI22220SRV11110", "28247970"),
            ("CLI22221SRV11111", "01984843"),
            ("CLI22222SRV11112", "65387857"),
            ("CLI22223SRV11113", "03351211"),
            ("CLI22224SRV11114", "83412541"),
            ("SRV11110CLI22220", "15510767"),
            ("SRV11111CLI22221", "90175646"),
            ("SRV11112CLI22222", "33777207"),
            ("SRV11113CLI22223", "95285278"),
            ("SRV11114CLI22224", "28934924"),
            ("SIG10000", "53095496"),
            ("SIG11000", "04110475"),
            ("SIG12000", "31331128"),
            ("SIG13000", "76028668"),
            ("SIG14000", "46554205"),
        ],
        &mut table,
    );
    questions(
        "OCRA-1:HOTP-SHA512-8:QA08",
        KEY64,
        vec![],
        &[
            ("CLI22220SRV11110", "79496648"),
            ("CLI22221SRV11111", "76831980"),
            ("CLI22222SRV11112", "12250499"),
            ("CLI22223SRV11113", "90856481"),
            ("CLI22224SRV11114", "12761449"),
        ],
        &mut table,
    );
    questions(
        "OCRA-1:HOTP-SHA512-8:QA08-PSHA1",
        KEY64,
        vec!["--pin".into(), "1234".into()],
        &[
            ("SRV11110CLI22220", "18806276"),
            ("SRV11111CLI22221", "70020315"),
            ("SRV11112CLI22222", "01600026"),
            ("SRV11113CLI22223", "18951020"),
            ("SRV11114CLI22224", "32528969"),
        ],
        &mut table,
    );
    questions(
        "OCRA-1:HOTP-SHA512-8:QA10-T1M",
        KEY64,
        vec!["--time".into(), RFC_TIME.into()],
        &[
            ("SIG1000000", "77537423"),
            ("SIG1100000", "31970405"),
            ("SIG1200000", "10235557"),
            ("SIG1300000", "95213541"),
            ("SIG1400000", "65360607"),
        ],
        &mut table,
    );
    table
}

#[test]
fn every_appendix_c_vector_through_the_command_line() {
    let table = appendix_c();
    assert_eq!(table.len(), 70);
    for (suite, key, extra, question, expected) in table {
        let mut args = vec![
            "--suite",
            suite,
            "--secret-hex",
            key,
            "--question",
            &question,
        ];
        args.extend(extra.iter().map(String::as_str));
        assert_eq!(response(&args), expected, "{suite} {question}");
        let mut verify = vec!["ocra-verify"];
        verify.extend(&args);
        verify.extend(["--response", expected]);
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
