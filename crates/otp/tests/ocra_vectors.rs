//! Every test vector of RFC 6287 Appendix C, through the library; the CLI
//! runs the same table in `crates/selfservice/tests/ocra.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::ocra::{Inputs, PinInput, Suite};

const KEY20: &[u8] = b"12345678901234567890";
const KEY32: &[u8] = b"12345678901234567890123456789012";
const KEY64: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";
/// SHA-1 of "1234", as the RFC gives it.
const PIN_1234_SHA1: &str = "7110eda4d09e062aa5e4a390b0a572ac0d2c0220";
/// The RFC's timestamp 0x132d0b6 minutes (2008-03-25 12:06 UTC), in seconds.
const RFC_TIME: u64 = 0x0132_d0b6 * 60;

fn hex(text: &str) -> Vec<u8> {
    otp::Secret::from_hex(text).unwrap().expose().to_vec()
}

fn response(suite: &str, key: &[u8], inputs: Inputs<'_>) -> String {
    let suite = Suite::parse(suite).unwrap();
    suite.response(key, &inputs).unwrap()
}

fn repeated(digit: usize) -> String {
    digit.to_string().repeat(8)
}

#[test]
fn one_way_sha1_qn08() {
    let expected = [
        "237653", "243178", "653583", "740991", "608993", "388898", "816933", "224598", "750600",
        "294470",
    ];
    for (digit, code) in expected.iter().enumerate() {
        let question = repeated(digit);
        let inputs = Inputs {
            question: &question,
            ..Inputs::default()
        };
        assert_eq!(response("OCRA-1:HOTP-SHA1-6:QN08", KEY20, inputs), *code);
    }
}

#[test]
fn one_way_sha256_counter_and_pin() {
    let expected = [
        "65347737", "86775851", "78192410", "71565254", "10104329", "65983500", "70069104",
        "91771096", "75011558", "08522129",
    ];
    let hash = hex(PIN_1234_SHA1);
    for (counter, code) in expected.iter().enumerate() {
        for pin in [PinInput::Pin("1234"), PinInput::Hash(&hash)] {
            let inputs = Inputs {
                counter: Some(counter as u64),
                question: "12345678",
                pin: Some(pin),
                ..Inputs::default()
            };
            assert_eq!(
                response("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1", KEY32, inputs),
                *code
            );
        }
    }
}

#[test]
fn one_way_sha256_pin() {
    let expected = ["83238735", "01501458", "17957585", "86776967", "86807031"];
    for (digit, code) in expected.iter().enumerate() {
        let question = repeated(digit);
        let inputs = Inputs {
            question: &question,
            pin: Some(PinInput::Pin("1234")),
            ..Inputs::default()
        };
        assert_eq!(
            response("OCRA-1:HOTP-SHA256-8:QN08-PSHA1", KEY32, inputs),
            *code
        );
    }
}

#[test]
fn one_way_sha512_counter() {
    let expected = [
        "07016083", "63947962", "70123924", "25341727", "33203315", "34205738", "44343969",
        "51946085", "20403879", "31409299",
    ];
    for (digit, code) in expected.iter().enumerate() {
        let question = repeated(digit);
        let inputs = Inputs {
            counter: Some(digit as u64),
            question: &question,
            ..Inputs::default()
        };
        assert_eq!(
            response("OCRA-1:HOTP-SHA512-8:C-QN08", KEY64, inputs),
            *code
        );
    }
}

#[test]
fn one_way_sha512_time() {
    let expected = ["95209754", "55907591", "22048402", "24218844", "36209546"];
    for (digit, code) in expected.iter().enumerate() {
        let question = repeated(digit);
        // Any second inside the RFC's minute gives the same time step.
        for seconds in [RFC_TIME, RFC_TIME + 59] {
            let inputs = Inputs {
                question: &question,
                unix_seconds: Some(seconds),
                ..Inputs::default()
            };
            assert_eq!(
                response("OCRA-1:HOTP-SHA512-8:QN08-T1M", KEY64, inputs),
                *code
            );
        }
    }
}

fn questions(
    table: &[(&str, &str)],
    suite: &str,
    key: &[u8],
    pin: Option<&str>,
    time: Option<u64>,
) {
    for (question, code) in table {
        let inputs = Inputs {
            question,
            pin: pin.map(PinInput::Pin),
            unix_seconds: time,
            ..Inputs::default()
        };
        assert_eq!(response(suite, key, inputs), *code, "{suite} {question}");
    }
}

#[test]
fn mutual_sha256() {
    let table = [
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
    ];
    questions(&table, "OCRA-1:HOTP-SHA256-8:QA08", KEY32, None, None);
}

#[test]
fn mutual_sha512_with_and_without_pin() {
    let server = [
        ("CLI22220SRV11110", "79496648"),
        ("CLI22221SRV11111", "76831980"),
        ("CLI22222SRV11112", "12250499"),
        ("CLI22223SRV11113", "90856481"),
        ("CLI22224SRV11114", "12761449"),
    ];
    questions(&server, "OCRA-1:HOTP-SHA512-8:QA08", KEY64, None, None);
    let client = [
        ("SRV11110CLI22220", "18806276"),
        ("SRV11111CLI22221", "70020315"),
        ("SRV11112CLI22222", "01600026"),
        ("SRV11113CLI22223", "18951020"),
        ("SRV11114CLI22224", "32528969"),
    ];
    questions(
        &client,
        "OCRA-1:HOTP-SHA512-8:QA08-PSHA1",
        KEY64,
        Some("1234"),
        None,
    );
}

#[test]
fn plain_signature() {
    let table = [
        ("SIG10000", "53095496"),
        ("SIG11000", "04110475"),
        ("SIG12000", "31331128"),
        ("SIG13000", "76028668"),
        ("SIG14000", "46554205"),
    ];
    questions(&table, "OCRA-1:HOTP-SHA256-8:QA08", KEY32, None, None);
    let timed = [
        ("SIG1000000", "77537423"),
        ("SIG1100000", "31970405"),
        ("SIG1200000", "10235557"),
        ("SIG1300000", "95213541"),
        ("SIG1400000", "65360607"),
    ];
    questions(
        &timed,
        "OCRA-1:HOTP-SHA512-8:QA10-T1M",
        KEY64,
        None,
        Some(RFC_TIME),
    );
}

#[test]
fn verify_finds_a_counter_ahead_and_a_time_step_apart() {
    let suite = Suite::parse("OCRA-1:HOTP-SHA512-8:C-QN08").unwrap();
    // 33203315 is the RFC's response at counter 4 to 44444444.
    let at = |counter| Inputs {
        counter: Some(counter),
        question: "44444444",
        ..Inputs::default()
    };
    assert_eq!(suite.verify(KEY64, &at(4), "33203315", 0).unwrap(), Some(0));
    assert_eq!(suite.verify(KEY64, &at(1), "33203315", 3).unwrap(), Some(3));
    assert_eq!(suite.verify(KEY64, &at(1), "33203315", 2).unwrap(), None);
    assert_eq!(suite.verify(KEY64, &at(5), "33203315", 9).unwrap(), None);

    let timed = Suite::parse("OCRA-1:HOTP-SHA512-8:QN08-T1M").unwrap();
    let at_time = |seconds| Inputs {
        question: "00000000",
        unix_seconds: Some(seconds),
        ..Inputs::default()
    };
    assert_eq!(
        timed
            .verify(KEY64, &at_time(RFC_TIME + 120), "95209754", 2)
            .unwrap(),
        Some(-2)
    );
    assert_eq!(
        timed
            .verify(KEY64, &at_time(RFC_TIME - 60), "95209754", 1)
            .unwrap(),
        Some(1)
    );
    assert_eq!(
        timed
            .verify(KEY64, &at_time(RFC_TIME + 180), "95209754", 2)
            .unwrap(),
        None
    );
}
