//! Transaction requests: the link round-trips, the MAC catches any changed
//! byte, dates are enforced, and the confirmation code is bound to the
//! whole request. The known answers are those in
//! docs/transaction-verification.md.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::activation::SerialNumber;
use otp::ocra::Suite;
use otp::transaction::{
    DEFAULT_SUITE, Detail, Request, TransactionError, code_confirms, encode_link, parse_link,
    verify_request,
};

const SECRET: &[u8] = b"12345678901234567890123456789012";
const ISSUED: u64 = 1_800_000_000;

fn detail(label: &str, value: &str) -> Detail {
    Detail {
        label: label.into(),
        value: value.into(),
    }
}

fn request() -> Request {
    Request {
        serial: SerialNumber::parse("12211-49352").unwrap(),
        suite: Suite::parse(DEFAULT_SUITE).unwrap(),
        challenge: *b"0123456789abcdef",
        issued_at: ISSUED,
        lifetime_seconds: 300,
        details: vec![detail("Amount", "125.00 EUR"), detail("Payee", "ACME Ltd")],
    }
}

#[test]
fn the_known_answers_of_the_spec() {
    let request = request();
    let mac: String = request
        .mac(SECRET)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        mac,
        "5a5e05af4e4c3e3e23d03dd37feaca006ae97dec5421e5779e3e54fec35dfd06"
    );
    assert_eq!(request.confirmation_code(SECRET).unwrap(), "54210238");
    assert_eq!(request.payment(), Some(("125.00 EUR", "ACME Ltd")));
}

#[test]
fn a_link_reads_back_as_issued_and_verifies() {
    let request = Request {
        details: vec![
            detail("Amount", "125.00 EUR"),
            detail("Payee", "شركة الأمل"),
            detail("Reference", "A+B & C = 100% 東京"),
        ],
        ..request()
    };
    let link = encode_link(&request, &request.mac(SECRET));
    assert!(link.starts_with("softtoken://transaction?v=1&serial=12211-49352&"));
    let (read, mac) = parse_link(&link).unwrap();
    assert_eq!(read, request);
    let verified = verify_request(read, &mac, SECRET, ISSUED + 10).unwrap();
    let code = verified.request().confirmation_code(SECRET).unwrap();
    assert!(code_confirms(&request, SECRET, &code).unwrap());
    assert!(!code_confirms(&request, SECRET, "00000000").unwrap() || code == "00000000");
}

#[test]
fn any_changed_byte_of_the_request_fails_the_mac() {
    let original = request();
    let mac = original.mac(SECRET);
    let mut changed = Vec::new();
    for index in 0..original.details.len() {
        for at in 0..original.details[index].value.len() {
            let mut request = original.clone();
            let mut bytes = request.details[index].value.clone().into_bytes();
            bytes[at] ^= 0x01;
            request.details[index].value = String::from_utf8(bytes).unwrap();
            changed.push(request);
        }
        let mut relabelled = original.clone();
        relabelled.details[index].label.push('s');
        changed.push(relabelled);
    }
    for at in 0..16 {
        let mut request = original.clone();
        request.challenge[at] ^= 0x80;
        changed.push(request);
    }
    changed.push(Request {
        issued_at: ISSUED + 1,
        ..original.clone()
    });
    changed.push(Request {
        lifetime_seconds: 301,
        ..original.clone()
    });
    changed.push(Request {
        serial: SerialNumber::parse("48244-13456").unwrap(),
        ..original.clone()
    });
    changed.push(Request {
        suite: Suite::parse("OCRA-1:HOTP-SHA256-6:QH32-S032").unwrap(),
        ..original.clone()
    });
    let mut reordered = original.clone();
    reordered.details.reverse();
    changed.push(reordered);
    let mut split = original.clone();
    // "Amount"="125.00 EUR" and "Amount1"="25.00 EUR" must not share a transcript.
    split.details[0] = detail("Amount1", "25.00 EUR");
    changed.push(split);

    for request in changed {
        assert_eq!(
            verify_request(request.clone(), &mac, SECRET, ISSUED).unwrap_err(),
            TransactionError::BadMac,
            "{request:?}"
        );
        assert!(
            !code_confirms(
                &request,
                SECRET,
                &original.confirmation_code(SECRET).unwrap()
            )
            .unwrap()
        );
    }
    // And another token's secret.
    assert_eq!(
        verify_request(original, &mac, b"another token's secret", ISSUED).unwrap_err(),
        TransactionError::BadMac
    );
}

#[test]
fn any_changed_character_of_the_link_is_refused() {
    let request = request();
    let link = encode_link(&request, &request.mac(SECRET));
    let start = "softtoken://transaction?".len();
    for at in start..link.len() {
        let mut bytes = link.clone().into_bytes();
        bytes[at] = if bytes[at] == b'Z' { b'Y' } else { b'Z' };
        let changed = String::from_utf8(bytes).unwrap();
        let outcome =
            parse_link(&changed).and_then(|(read, mac)| verify_request(read, &mac, SECRET, ISSUED));
        assert!(outcome.is_err(), "a change at {at} was accepted: {changed}");
    }
}

#[test]
fn dates_are_enforced() {
    let request = request();
    let mac = request.mac(SECRET);
    let at = |now| verify_request(request.clone(), &mac, SECRET, now);
    assert!(at(ISSUED).is_ok());
    assert!(at(ISSUED + 300).is_ok());
    assert_eq!(at(ISSUED + 301).unwrap_err(), TransactionError::Expired);
    assert!(at(ISSUED - 300).is_ok());
    assert_eq!(
        at(ISSUED - 301).unwrap_err(),
        TransactionError::FromTheFuture
    );
}

#[test]
fn malformed_links_name_their_part() {
    let request = request();
    let good = encode_link(&request, &request.mac(SECRET));
    let cases: Vec<(String, TransactionError)> = vec![
        (
            "https://example.com/?v=1".into(),
            TransactionError::NotARequest,
        ),
        (
            good.replace("v=1", "v=2"),
            TransactionError::Version("2".into()),
        ),
        (
            good.replace("&lifetime=300", ""),
            TransactionError::Missing("lifetime"),
        ),
        (format!("{good}&time=1"), TransactionError::Repeated("time")),
        (
            format!("{good}&extra=1"),
            TransactionError::Unknown("extra".into()),
        ),
        (
            good.replace("challenge=30", "challenge=3"),
            TransactionError::Damaged("challenge"),
        ),
        (
            good.replace("time=1800000000", "time=soon"),
            TransactionError::Damaged("time"),
        ),
        (
            good.replace("&mac=", "&mac=00"),
            TransactionError::Damaged("MAC"),
        ),
        (
            good.replace("lifetime=300", "lifetime=0"),
            TransactionError::Damaged("lifetime"),
        ),
        (
            good.replace("serial=12211-49352", "serial=12211"),
            TransactionError::Damaged("serial number"),
        ),
    ];
    for (link, expected) in cases {
        assert_eq!(parse_link(&link).unwrap_err(), expected, "{link}");
    }
    let oversized = format!("{good}&detail={}", "A".repeat(5000));
    assert_eq!(
        parse_link(&oversized).unwrap_err(),
        TransactionError::Damaged("length")
    );
    let weak = good.replace("QH32-S032", "QN08");
    assert!(matches!(
        parse_link(&weak).unwrap_err(),
        TransactionError::Suite(_)
    ));
}

#[test]
fn details_must_read_as_plain_text() {
    let with = |details: Vec<Detail>| {
        Request {
            details,
            ..request()
        }
        .validate()
    };
    assert_eq!(with(vec![]).unwrap_err(), TransactionError::DetailCount(0));
    assert_eq!(
        with(vec![detail("A", "1"); 13]).unwrap_err(),
        TransactionError::DetailCount(13)
    );
    for bad in ["line\nbreak", "\u{202E}REU 00.521", "tab\there", "  "] {
        assert!(
            matches!(
                with(vec![detail("Amount", bad)]).unwrap_err(),
                TransactionError::Detail(_)
            ),
            "{bad:?}"
        );
    }
    assert!(matches!(
        with(vec![detail("A=B", "1")]).unwrap_err(),
        TransactionError::Detail(_)
    ));
    assert!(matches!(
        with(vec![detail("Payee", &"x".repeat(201))]).unwrap_err(),
        TransactionError::Detail(_)
    ));
    assert!(with(vec![detail("Payee", "شركة الأمل"), detail("Memo", "東京 ✓")]).is_ok());
}
