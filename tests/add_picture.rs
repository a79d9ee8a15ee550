//! Browser tests: a QR picture chosen, pasted or dropped is read into the
//! preview; a picture without a code, or too large, says what to try.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use support::adding::*;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

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
