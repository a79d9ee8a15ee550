//! Reads a QR code the app drew: the `<svg class="qr-code">`'s path,
//! rasterized from its rectangles and decoded by the QR reader, as a
//! camera pointed at the screen would.

use wasm_bindgen::JsCast;

/// The text of the QR code shown in `container`.
pub fn read_shown_qr(container: &web_sys::Element) -> String {
    let svg = container
        .query_selector("svg.qr-code")
        .unwrap()
        .expect("no QR code is shown");
    let view: usize = svg
        .get_attribute("viewBox")
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    let path = svg
        .query_selector("path")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::Element>()
        .unwrap()
        .get_attribute("d")
        .unwrap();
    let scale = 3;
    let side = view * scale;
    let mut luma = vec![255u8; side * side];
    for rect in path.split('M').filter(|p| !p.is_empty()) {
        let (x, rest) = rect.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let (run, _) = rest.split_once('v').unwrap();
        let (x, y, run): (usize, usize, usize) =
            (x.parse().unwrap(), y.parse().unwrap(), run.parse().unwrap());
        for py in y * scale..(y + 1) * scale {
            for px in x * scale..(x + run) * scale {
                luma[py * side + px] = 0;
            }
        }
    }
    let read = qr::read_luma(side, side, &luma).expect("the drawn QR code reads");
    read[0].to_string()
}
