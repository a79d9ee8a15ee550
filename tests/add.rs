//! Browser tests: adding tokens every way but the camera (a QR picture
//! chosen, pasted or dropped; otpauth, otpauth-migration and igmobileotp
//! links; a typed secret), through the preview, to a code on the initial
//! screen; duplicates ask first; bad input gets a sentence and stores
//! nothing.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use otp::migration::{MigrationPayload, OtpParameters};
use prost::Message;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn matches_now(token: &otp::Token, shown: &str) -> bool {
    otp::verify(token, shown, now_seconds(), 1).is_some()
}

/// A random Base32 secret, so no two tests share a token.
fn random_secret() -> String {
    otp::base32::encode(&otp::random_bytes::<20>().unwrap()).to_string()
}

async fn open_add_identity(app: &Mounted) {
    create_pin(app).await;
    click(app, "Add identity").await;
    wait_for_text(app, "From a link").await;
}

async fn read_link(app: &Mounted, link: &str) {
    type_into(app, "Link", link).await;
    click(app, "Read link").await;
}

/// The codes the preview shows, digits only.
fn preview_codes(app: &Mounted) -> Vec<String> {
    let list = app.container.query_selector_all(".preview__code").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.text_content())
        .map(|c| c.replace(' ', ""))
        .collect()
}

/// Presses Add on the preview and waits for the initial screen's codes.
async fn add_and_wait_for(app: &Mounted, count: usize) -> Vec<String> {
    click(app, "Add").await;
    let container = app.container.clone();
    wait_for(&format!("{count} codes"), TIMEOUT, || {
        let codes = shown_codes(&container);
        (codes.len() == count && codes.iter().all(|c| !c.is_empty())).then_some(codes)
    })
    .await
}

/// Reads these otpauth links (one per line), adds them all, and returns
/// their tokens and the codes the initial screen then shows, in order.
async fn add_links(app: &Mounted, links: &[String]) -> (Vec<otp::Token>, Vec<String>) {
    let tokens: Vec<otp::Token> = links
        .iter()
        .map(|link| otp::otpauth::parse(link).unwrap().token)
        .collect();
    read_link(app, &links.join("\n")).await;
    wait_for_text(app, &format!("{} tokens will be added.", links.len())).await;
    let shown = add_and_wait_for(app, links.len()).await;
    (tokens, shown)
}

#[wasm_bindgen_test]
async fn a_pasted_otpauth_link_is_previewed_then_added_and_a_duplicate_asks_first() {
    let app = mount(&fresh_db_name("add-link"));
    open_add_identity(&app).await;
    let link = format!(
        "otpauth://totp/Example:alice@example.com?secret={}&issuer=Example&algorithm=SHA256&digits=8",
        random_secret()
    );
    let token = otp::otpauth::parse(&link).unwrap().token;
    read_link(&app, &link).await;

    wait_for_text(&app, "Check before adding").await;
    let page = text_of(&app.container);
    for shown in [
        "alice@example.com",
        "Example",
        "TOTP",
        "1 token will be added.",
    ] {
        assert!(page.contains(shown), "the preview lacks {shown:?}: {page}");
    }
    let previewed = preview_codes(&app);
    assert!(
        matches_now(&token, &previewed[0]),
        "preview code {previewed:?}"
    );
    let codes = add_and_wait_for(&app, 1).await;
    assert!(matches_now(&token, &codes[0]));
    assert!(text_of(&app.container).contains("Example (alice@example.com)"));

    // The same link again: stored already, so only on request.
    click(&app, "Add identity").await;
    read_link(&app, &link).await;
    wait_for_text(&app, "This token is already stored.").await;
    assert!(text_of(&app.container).contains("Every token here is stored already."));
    assert!(
        control(&app.container, "Add")
            .unwrap()
            .has_attribute("disabled")
    );
    let again = input_labelled(&app.container, "Add it again").unwrap();
    again.click();
    wait_for_text(&app, "1 token will be added.").await;
    add_and_wait_for(&app, 2).await;
}

#[wasm_bindgen_test]
async fn links_that_cannot_be_read_say_why_and_store_nothing() {
    let app = mount(&fresh_db_name("add-bad-link"));
    open_add_identity(&app).await;
    read_link(&app, "https://example.com/not-a-token").await;
    wait_for_text(&app, "This is not a link Soft Token can read.").await;
    read_link(&app, "otpauth://totp/A?secret=JBSW!Y3DP").await;
    wait_for_text(
        &app,
        "This link cannot be read: the link's secret parameter is wrong",
    )
    .await;
    read_link(&app, "otpauth-migration://offline?data=%%%").await;
    wait_for_text(&app, "This export link cannot be read").await;
    read_link(&app, "otpauth://totp/A?secret=GEZDGNBV\nnonsense").await;
    wait_for_text(&app, "(line 2)").await;

    click(&app, "Soft Token").await;
    wait_for_text(&app, "No soft token identity yet.").await;
}

fn migration_link(parameters: Vec<OtpParameters>, batch_size: i32, batch_index: i32) -> String {
    let payload = MigrationPayload {
        otp_parameters: parameters,
        version: 1,
        batch_size,
        batch_index,
        batch_id: 77,
    };
    let data = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        payload.encode_to_vec(),
    );
    let encoded: String =
        percent_encoding::utf8_percent_encode(&data, percent_encoding::NON_ALPHANUMERIC).collect();
    format!("otpauth-migration://offline?data={encoded}")
}

fn parameters(name: &str, issuer: &str, algorithm: i32, kind: i32, counter: i64) -> OtpParameters {
    OtpParameters {
        secret: otp::random_bytes::<10>().unwrap().to_vec(),
        name: name.into(),
        issuer: issuer.into(),
        algorithm,
        digits: 1,
        r#type: kind,
        counter,
    }
}

#[wasm_bindgen_test]
async fn a_google_authenticator_export_imports_in_parts_and_lists_what_it_skipped() {
    let app = mount(&fresh_db_name("add-migration"));
    open_add_identity(&app).await;
    let first = vec![
        parameters("mail:bob@example.com", "", 1, 2, 0),
        parameters("vpn", "Corp", 2, 1, 41),
        parameters("old", "Legacy", 4, 2, 0),
    ];
    let expected: Vec<otp::Token> = {
        let link = migration_link(first.clone(), 2, 0);
        otp::migration::parse(&link)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.token)
            .collect()
    };
    read_link(&app, &migration_link(first, 2, 0)).await;
    wait_for_text(&app, "This export has 2 parts. Still missing: part 2.").await;
    let page = text_of(&app.container);
    assert!(
        page.contains("old: it uses MD5, which this app does not support."),
        "{page}"
    );
    assert!(page.contains("bob@example.com") && page.contains("mail") && page.contains("HOTP"));
    let codes = add_and_wait_for(&app, 2).await;
    assert!(matches_now(&expected[0], &codes[0]));
    assert_eq!(
        codes[1],
        expected[1].code_at(0).unwrap(),
        "HOTP at counter 41"
    );

    // The second part completes the export.
    click(&app, "Add identity").await;
    read_link(
        &app,
        &migration_link(vec![parameters("last", "Shop", 3, 2, 0)], 2, 1),
    )
    .await;
    wait_for_text(&app, "1 token will be added.").await;
    assert!(!text_of(&app.container).contains("Still missing"));
    add_and_wait_for(&app, 3).await;
}

#[wasm_bindgen_test]
async fn a_secure_activation_link_goes_to_activation_with_its_password() {
    let app = mount(&fresh_db_name("add-igmobileotp"));
    open_add_identity(&app).await;
    let issued = otp::activation::issue(None, None).unwrap();
    read_link(&app, &issued.link).await;
    wait_for_text(&app, "This is a secure activation link.").await;
    type_into(&app, "Activation password", &issued.password).await;
    click(&app, "Open link").await;
    let container = app.container.clone();
    let serial = issued.activation.serial.formatted();
    wait_for("the serial number filled in", TIMEOUT, || {
        (input_labelled(&container, "Serial Number")?.value() == serial).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_typed_secret_with_advanced_settings_gives_its_codes() {
    let app = mount(&fresh_db_name("add-secret"));
    open_add_identity(&app).await;
    click(&app, "Type a secret").await;
    wait_for_text(&app, "Secret key").await;
    let secret = random_secret();
    type_into(&app, "Name", "backup@example.com").await;
    type_into(&app, "Secret key", "not base32 !").await;
    click(&app, "Preview").await;
    wait_for_text(&app, "The secret key is not valid").await;

    // Lower case, spaces: as people copy secrets.
    let typed = secret
        .to_lowercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    type_into(&app, "Secret key", &typed).await;
    type_into(&app, "Issuer (optional)", "Backup Co").await;
    choose(&app, "Type", "hotp").await;
    choose(&app, "Algorithm", "SHA512").await;
    type_into(&app, "Digits", "12").await;
    type_into(&app, "Counter", "7").await;
    click(&app, "Preview").await;
    wait_for_text(&app, "A code has 4 to 10 digits.").await;
    type_into(&app, "Digits", "8").await;
    click(&app, "Preview").await;
    wait_for_text(&app, "Check before adding").await;

    let token = otp::Token::new(
        otp::base32::decode(&secret).unwrap(),
        otp::Algorithm::Sha512,
        8,
        otp::Kind::Hotp { counter: 7 },
    )
    .unwrap();
    assert_eq!(preview_codes(&app), [token.code_at(0).unwrap()]);
    assert!(text_of(&app.container).contains("HOTP"));
    let codes = add_and_wait_for(&app, 1).await;
    assert_eq!(codes, [token.code_at(0).unwrap()]);
}

/// A PNG picture of a QR code holding `text`: `module` pixels a module.
fn qr_png(text: &str, module: usize) -> Vec<u8> {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 8) * module;
    let mut pixels = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / module).wrapping_sub(4), (y / module).wrapping_sub(4));
            if mx < modules && my < modules && colors[my * modules + mx] == qrcode::Color::Dark {
                pixels[y * side + x] = 0;
            }
        }
    }
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
    png
}

fn picture_file(bytes: &[u8], name: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/png");
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &options).unwrap()
}

fn holding(file: &web_sys::File) -> web_sys::DataTransfer {
    let data = web_sys::DataTransfer::new().unwrap();
    data.items().add_with_file(file).unwrap();
    data
}

async fn expect_added_from_picture(app: &Mounted, token: &otp::Token, count: usize) {
    wait_for_text(app, "Check before adding").await;
    assert!(matches_now(token, &preview_codes(app)[0]));
    let codes = add_and_wait_for(app, count).await;
    assert!(matches_now(token, &codes[count - 1]));
    click(app, "Add identity").await;
    wait_for_text(app, "From a QR code").await;
}

#[wasm_bindgen_test]
async fn a_qr_picture_chosen_pasted_or_dropped_is_read() {
    let app = mount(&fresh_db_name("add-qr"));
    open_add_identity(&app).await;

    // Chosen with the file picker: a large picture (read scaled down).
    let link = format!(
        "otpauth://totp/Picker:carol?secret={}&issuer=Picker",
        random_secret()
    );
    let token = otp::otpauth::parse(&link).unwrap().token;
    let input: web_sys::HtmlInputElement = app
        .container
        .query_selector("input[type=file]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        input
            .closest("label")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
            .trim(),
        "Open a QR image"
    );
    input.set_files(
        holding(&picture_file(&qr_png(&link, 30), "qr.png"))
            .files()
            .as_ref(),
    );
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    expect_added_from_picture(&app, &token, 1).await;

    // Pasted.
    let link = format!("otpauth://totp/Paste:dave?secret={}", random_secret());
    let token = otp::otpauth::parse(&link).unwrap().token;
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(&holding(&picture_file(
        &qr_png(&link, 4),
        "pasted.png",
    ))));
    init.set_bubbles(true);
    let paste = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    app.container.dispatch_event(&paste).unwrap();
    expect_added_from_picture(&app, &token, 2).await;

    // Dropped.
    let link = format!(
        "otpauth://hotp/Drop:erin?secret={}&counter=2",
        random_secret()
    );
    let token = otp::otpauth::parse(&link).unwrap().token;
    let init = web_sys::DragEventInit::new();
    init.set_data_transfer(Some(&holding(&picture_file(
        &qr_png(&link, 5),
        "dropped.png",
    ))));
    init.set_bubbles(true);
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    app.container
        .query_selector(".drop-zone")
        .unwrap()
        .unwrap()
        .dispatch_event(&drop)
        .unwrap();
    wait_for_text(&app, "Check before adding").await;
    assert_eq!(preview_codes(&app), [token.code_at(2).unwrap()]);
    add_and_wait_for(&app, 3).await;
}

#[wasm_bindgen_test]
async fn pictures_without_a_code_say_what_to_try() {
    let app = mount(&fresh_db_name("add-qr-bad"));
    open_add_identity(&app).await;
    let input: web_sys::HtmlInputElement = app
        .container
        .query_selector("input[type=file]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();

    let mut blank = Vec::new();
    let mut encoder = png::Encoder::new(&mut blank, 64, 64);
    encoder.set_color(png::ColorType::Grayscale);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&[255; 64 * 64])
        .unwrap();
    input.set_files(holding(&picture_file(&blank, "blank.png")).files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for_text(&app, "No QR code was found in this picture.").await;

    input.set_files(
        holding(&picture_file(b"not a picture", "notes.png"))
            .files()
            .as_ref(),
    );
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for_text(&app, "This file is not a picture Soft Token can open.").await;

    // A decompression bomb: a small file whose header claims 30000 × 30000
    // pixels (3.6 GB to decode) is refused from its header alone.
    let mut bomb = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bomb.extend_from_slice(b"IHDR");
    bomb.extend_from_slice(&30_000u32.to_be_bytes());
    bomb.extend_from_slice(&30_000u32.to_be_bytes());
    bomb.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
    input.set_files(holding(&picture_file(&bomb, "bomb.png")).files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for_text(
        &app,
        "This picture is too large to read (30000 × 30000 pixels). Use a smaller picture",
    )
    .await;
}

#[wasm_bindgen_test]
async fn codes_change_on_their_own_when_the_period_ends_and_the_bar_follows_the_period() {
    let app = mount(&fresh_db_name("add-period"));
    open_add_identity(&app).await;
    // Two tokens on 2-second periods (one schedule, one shared time step)
    // and one on 30: the short ones must change while the page is left alone.
    let links: Vec<String> = [2, 2, 30]
        .iter()
        .enumerate()
        .map(|(i, period)| {
            format!(
                "otpauth://totp/Fast:token{i}?secret={}&period={period}",
                random_secret()
            )
        })
        .collect();
    let (tokens, first) = add_links(&app, &links).await;

    let container = app.container.clone();
    let changed = wait_for("the 2-second codes to change", TIMEOUT, || {
        let codes = shown_codes(&container);
        (codes.len() == 3 && codes[0] != first[0] && codes[1] != first[1]).then_some(codes)
    })
    .await;
    for (token, shown) in tokens.iter().zip(&changed) {
        assert!(
            otp::verify(token, shown, now_seconds(), 1).is_some(),
            "{shown} is not the current code"
        );
    }

    // Only the focused card speaks its seconds left.
    let first_card = app
        .container
        .query_selector(".token__main")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    let label = |card: &web_sys::HtmlElement| card.get_attribute("aria-label").unwrap_or_default();
    let says_seconds = |text: &str| text.contains("second left") || text.contains("seconds left");
    assert!(!says_seconds(&label(&first_card)), "{}", label(&first_card));
    first_card.focus().unwrap();
    let spoken = wait_for("the focused card's seconds left", TIMEOUT, || {
        let text = label(&first_card);
        says_seconds(&text).then_some(text)
    })
    .await;
    assert!(
        spoken.contains("1 second left") || spoken.contains("2 seconds left"),
        "a 2-second period has 1 or 2 seconds left: {spoken}"
    );
    first_card.blur().unwrap();
    wait_for("the label without seconds after blur", TIMEOUT, || {
        (!says_seconds(&label(&first_card))).then_some(())
    })
    .await;

    let bars = app.container.query_selector_all(".token__time").unwrap();
    assert_eq!(bars.length(), 3, "each TOTP card has its time-left bar");
    let window = web_sys::window().unwrap();
    let periods_ms = [2000.0, 2000.0, 30000.0];
    for (i, period_ms) in periods_ms.iter().enumerate() {
        let bar = bars
            .item(i as u32)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap();
        let style = window.get_computed_style(&bar).unwrap().unwrap();
        let duration = style.get_property_value("animation-duration").unwrap();
        assert_eq!(
            duration,
            format!("{}s", period_ms / 1000.0),
            "bar {i} lasts one period"
        );
        // Four steps a second (style/main.css reads these), once a second
        // under reduced motion.
        let period_s = period_ms / 1000.0;
        assert_eq!(
            style.get_property_value("--bar-steps").unwrap().trim(),
            format!("{}", period_s * 4.0),
            "bar {i} steps"
        );
        assert_eq!(
            style.get_property_value("--bar-seconds").unwrap().trim(),
            format!("{period_s}"),
            "bar {i} seconds"
        );
        // The negative delay is the time already gone in this period.
        let delay = style.get_property_value("animation-delay").unwrap();
        let gone_ms = -delay
            .trim_end_matches("ms")
            .trim_end_matches('s')
            .parse::<f64>()
            .unwrap()
            * if delay.ends_with("ms") { 1.0 } else { 1000.0 };
        assert!(
            (0.0..*period_ms).contains(&gone_ms),
            "bar {i} starts {gone_ms} ms into a {period_ms} ms period"
        );
    }
}

#[wasm_bindgen_test]
async fn a_long_list_is_drawn_in_parts_and_ends_whole_and_in_order() {
    let app = mount(&fresh_db_name("add-many"));
    open_add_identity(&app).await;
    // More than the cards drawn with the screen plus two later frames' worth,
    // so the list must keep adding until the last one.
    const COUNT: usize = 130;
    let links: Vec<String> = (0..COUNT)
        .map(|i| format!("otpauth://totp/Many:user{i}?secret={}", random_secret()))
        .collect();
    let (tokens, shown) = add_links(&app, &links).await;
    for (i, (token, code)) in tokens.iter().zip(&shown).enumerate() {
        assert!(
            otp::verify(token, code, now_seconds(), 1).is_some(),
            "card {i} shows {code}, not its token's code"
        );
    }
    let names = app.container.query_selector_all(".token__name").unwrap();
    assert_eq!(names.length() as usize, COUNT);
    for i in [0, 23, 24, 73, 74, COUNT - 1] {
        let name = names.item(i as u32).unwrap().text_content().unwrap();
        assert!(name.contains(&format!("user{i}")), "card {i} is {name}");
    }
}
