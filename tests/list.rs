//! Browser tests: the list a person lives in. Search (name and issuer,
//! without case or accents, its keys), each order and "Pin to top",
//! groups and their chips, moving cards by keyboard and by drag, and
//! groups arriving with an Aegis backup.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod support;

use js_sys::Reflect;
use support::adding::*;
use support::shadow::{Shadowed, function};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The names the initial screen shows, in order (Search hides the cards
/// it leaves out).
fn shown_names(app: &Mounted) -> Vec<String> {
    all(&app.container, "li.token:not([hidden]) .token__name")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

async fn wait_for_names(app: &Mounted, expected: &[&str]) {
    let what = format!("the list {expected:?}");
    wait_for(&what, TIMEOUT, || {
        (shown_names(app) == expected).then_some(())
    })
    .await;
}

/// Adds one TOTP link a line, with these "issuer:name" labels, from a
/// first run: the list then shows them in this order.
async fn with_identities(app: &Mounted, labels: &[&str]) {
    open_add_identity(app).await;
    let links: Vec<String> = labels
        .iter()
        .map(|label| {
            let (issuer, name) = label.split_once(':').unwrap();
            let (issuer, name) = (
                js_sys::encode_uri_component(issuer),
                js_sys::encode_uri_component(name),
            );
            format!("otpauth://totp/{issuer}:{name}?secret={}", random_secret())
        })
        .collect();
    add_links(app, &links).await;
}

fn key(target: &web_sys::EventTarget, key: &str, alt: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_alt_key(alt);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn card_button(app: &Mounted, index: usize) -> HtmlElement {
    all(&app.container, "li.token:not([hidden]) .token__main")[index]
        .clone()
        .dyn_into()
        .unwrap()
}

async fn go_home(app: &Mounted) {
    let home: HtmlElement = app
        .container
        .query_selector(".top-bar__title")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    home.click();
    wait_for("the Search field", TIMEOUT, || {
        input_labelled(&app.container, "Search")
    })
    .await;
}

/// Opens an identity's settings from Settings' list, by its name.
async fn open_settings_of(app: &Mounted, name: &str) {
    click(app, "Settings").await;
    click(app, name).await;
    wait_for_text(app, "In the list").await;
}

#[wasm_bindgen_test]
async fn search_finds_by_name_and_issuer_without_case_or_accents_and_its_keys_work() {
    let app = mount(&fresh_db_name("list-search"));
    with_identities(&app, &["Zürich Bank:josé", "GitHub:Zoë", "Mail:work"]).await;
    let all_three = ["Zürich Bank (josé)", "GitHub (Zoë)", "Mail (work)"];
    wait_for_names(&app, &all_three).await;

    // A card's accessible name begins with what it shows (WCAG 2.5.3).
    let first = card_button(&app, 0);
    let code = first
        .query_selector(".token__code")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    let label = first.get_attribute("aria-label").unwrap();
    assert!(
        label.starts_with(&format!("Zürich Bank (josé) {code}")),
        "{label:?} does not begin with the shown {code:?}"
    );

    for (typed, expected) in [
        ("ZURICH", &["Zürich Bank (josé)"][..]),
        ("jose", &["Zürich Bank (josé)"]),
        ("zoe", &["GitHub (Zoë)"]),
        ("hub ZO", &["GitHub (Zoë)"]),
        ("a", &["Zürich Bank (josé)", "Mail (work)"]),
    ] {
        type_into(&app, "Search", typed).await;
        wait_for_names(&app, expected).await;
    }
    type_into(&app, "Search", "nothing like it").await;
    wait_for_text(&app, "No identity matches “nothing like it”.").await;
    assert!(shown_names(&app).is_empty());
    // The cards left out are hidden, not disposed of, and while hidden
    // their clocks go on.
    assert_eq!(all(&app.container, "li.token[hidden]").len(), 3);
    let hidden_at = js_sys::Date::now();
    wait_for("2.5 s hidden", TIMEOUT, || {
        (js_sys::Date::now() - hidden_at > 2_500.0).then_some(())
    })
    .await;

    // Escape empties Search; `/` from anywhere focuses it.
    let search = input_labelled(&app.container, "Search").unwrap();
    key(&search, "Escape", false);
    wait_for_names(&app, &all_three).await;
    // Shown again, each bar starts where the clock is, not where it was
    // when the card was hidden (a hidden card's animation stops).
    for bar in all(&app.container, "li.token .token__time") {
        let style = bar.get_attribute("style").unwrap_or_default();
        let delay = style
            .split("animation-delay:")
            .nth(1)
            .and_then(|rest| rest.trim().strip_prefix('-')?.split("ms").next())
            .and_then(|ms| ms.trim().parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no animation delay in {style:?}"));
        let elapsed = js_sys::Date::now() % 30_000.0;
        let apart = (delay - elapsed).rem_euclid(30_000.0);
        assert!(
            apart.min(30_000.0 - apart) < 1_500.0,
            "the bar is {delay} ms into its period, the clock {elapsed}"
        );
    }
    assert_eq!(search.value(), "");
    search.blur().unwrap();
    key(&document().body().unwrap(), "/", false);
    let focused = document().active_element().unwrap();
    assert_eq!(focused.id(), "search");

    // Enter copies the first match's code, as pressing its card does.
    type_into(&app, "Search", "mail").await;
    wait_for_names(&app, &["Mail (work)"]).await;
    key(&search, "Enter", false);
    wait_for_a_copy(&app).await;
}

/// The status of a copy: "Copied", or where this headless browser's
/// clipboard refuses, the code selected for the person to copy.
async fn wait_for_a_copy(app: &Mounted) {
    let container = app.container.clone();
    wait_for("the copy's status", TIMEOUT, || {
        let text = text_of(&container);
        (text.contains("Copied") || text.contains("Code selected")).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn each_order_puts_pinned_identities_first_and_is_kept() {
    let db = fresh_db_name("list-order");
    let app = mount(&db);
    with_identities(&app, &["Zeta:carol", "Acme:bob", "Acme:alice"]).await;
    wait_for_names(&app, &["Zeta (carol)", "Acme (bob)", "Acme (alice)"]).await;

    click(&app, "Settings").await;
    choose(&app, "Order", "name").await;
    go_home(&app).await;
    wait_for_names(&app, &["Acme (alice)", "Acme (bob)", "Zeta (carol)"]).await;

    click(&app, "Settings").await;
    choose(&app, "Order", "issuer").await;
    go_home(&app).await;
    // One issuer: by name.
    wait_for_names(&app, &["Acme (alice)", "Acme (bob)", "Zeta (carol)"]).await;

    // Copies count as uses: carol twice, alice once.
    for index in [2, 2, 0] {
        card_button(&app, index).click();
        wait_for_a_copy(&app).await;
    }
    click(&app, "Settings").await;
    choose(&app, "Order", "most_used").await;
    go_home(&app).await;
    wait_for_names(&app, &["Zeta (carol)", "Acme (alice)", "Acme (bob)"]).await;

    // Pinned first in this order too, and after a reload.
    open_settings_of(&app, "bob").await;
    let pin = wait_for("Pin to top", TIMEOUT, || {
        input_labelled_checkbox(&app, "Pin to top")
    })
    .await;
    pin.click();
    go_home(&app).await;
    wait_for_names(&app, &["Acme (bob)", "Zeta (carol)", "Acme (alice)"]).await;
    drop(app);
    let app = mount(&db);
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Unlock").await;
    wait_for_names(&app, &["Acme (bob)", "Zeta (carol)", "Acme (alice)"]).await;
}

/// The checkbox inside the `<label>` that reads `text`.
fn input_labelled_checkbox(app: &Mounted, text: &str) -> Option<web_sys::HtmlInputElement> {
    all(&app.container, "label.checkbox")
        .into_iter()
        .find(|label| label.text_content().unwrap_or_default().trim() == text)?
        .query_selector("input")
        .ok()??
        .dyn_into()
        .ok()
}

#[wasm_bindgen_test]
async fn groups_are_made_in_settings_and_their_chips_filter_the_list() {
    let app = mount(&fresh_db_name("list-groups"));
    with_identities(&app, &["Bank:alice", "Game:bob", "Office:carol"]).await;
    assert!(
        control(&app.container, "All").is_none(),
        "no chips without groups"
    );

    click(&app, "Settings").await;
    for name in ["Work", "Personal"] {
        type_into(&app, "New group", name).await;
        click(&app, "Create group").await;
        wait_for(name, TIMEOUT, || {
            control(&app.container, &format!("Rename {name}"))
        })
        .await;
    }
    type_into(&app, "New group", "work").await;
    click(&app, "Create group").await;
    wait_for_text(&app, "A group with this name exists already.").await;

    for (name, group) in [("alice", "Work"), ("carol", "Work"), ("bob", "Personal")] {
        open_settings_of(&app, name).await;
        let box_ = wait_for(group, TIMEOUT, || input_labelled_checkbox(&app, group)).await;
        box_.click();
        wait_for(&format!("{name} in {group}"), TIMEOUT, || {
            input_labelled_checkbox(&app, group).filter(|b| b.checked())
        })
        .await;
    }
    go_home(&app).await;
    click(&app, "Work").await;
    wait_for_names(&app, &["Bank (alice)", "Office (carol)"]).await;
    let pressed = control(&app.container, "Work")
        .unwrap()
        .get_attribute("aria-pressed");
    assert_eq!(pressed.as_deref(), Some("true"));
    click(&app, "Personal").await;
    wait_for_names(&app, &["Game (bob)"]).await;
    // A chip and Search narrow together.
    type_into(&app, "Search", "alice").await;
    wait_for_text(&app, "No identity matches “alice”.").await;
    type_into(&app, "Search", "").await;
    click(&app, "All").await;
    wait_for_names(&app, &["Bank (alice)", "Game (bob)", "Office (carol)"]).await;

    // Renamed everywhere; deleted, its identities stay.
    click(&app, "Settings").await;
    type_into(&app, "Name of group Work", "Office").await;
    click(&app, "Rename Work").await;
    click(&app, "Delete Office").await;
    wait_for("Work and Office gone", TIMEOUT, || {
        control(&app.container, "Rename Office")
            .is_none()
            .then_some(())
    })
    .await;
    go_home(&app).await;
    wait_for_names(&app, &["Bank (alice)", "Game (bob)", "Office (carol)"]).await;
    assert!(control(&app.container, "Office").is_none());
    click(&app, "Personal").await;
    wait_for_names(&app, &["Game (bob)"]).await;
}

/// Waits for focus on the card button named `name`.
async fn focus_on(name: &str) -> web_sys::Element {
    wait_for(&format!("focus on {name}"), TIMEOUT, || {
        let focused = document().active_element()?;
        let shown = focused.matches(".token__main").ok()?.then(|| {
            focused
                .query_selector(".token__name")
                .ok()
                .flatten()?
                .text_content()
        })??;
        (shown == name).then_some(focused)
    })
    .await
}

#[wasm_bindgen_test]
async fn alt_and_the_arrows_move_a_focused_card_and_say_where_it_went() {
    let app = mount(&fresh_db_name("list-keys"));
    with_identities(&app, &["A:one", "B:two", "C:three"]).await;
    wait_for_names(&app, &["A (one)", "B (two)", "C (three)"]).await;
    let third = card_button(&app, 2);
    third.focus().unwrap();
    key(&third, "ArrowUp", true);
    wait_for_names(&app, &["A (one)", "C (three)", "B (two)"]).await;
    wait_for_text(&app, "C (three) moved to position 2 of 3.").await;
    // Focus comes back to the moved card, so the next press moves it again.
    let focused = focus_on("C (three)").await;
    key(&focused, "ArrowUp", true);
    wait_for_names(&app, &["C (three)", "A (one)", "B (two)"]).await;
    wait_for_text(&app, "C (three) moved to position 1 of 3.").await;
    let focused = focus_on("C (three)").await;
    key(&focused, "ArrowUp", true);
    wait_for_text(&app, "C (three) is already first.").await;
    // Kept: the new order is stored.
    key(&card_button(&app, 1), "ArrowDown", true);
    wait_for_names(&app, &["C (three)", "B (two)", "A (one)"]).await;

    click(&app, "Settings").await;
    choose(&app, "Order", "name").await;
    go_home(&app).await;
    // By name: one, three, two.
    let by_name = ["A (one)", "C (three)", "B (two)"];
    wait_for_names(&app, &by_name).await;
    key(&card_button(&app, 0), "ArrowDown", true);
    wait_for_text(
        &app,
        "To move identities, choose the Custom order in Settings.",
    )
    .await;
    assert_eq!(shown_names(&app), by_name);
}

/// Notes each readwrite transaction's stores and `durability`, as
/// `"vault:strict"`, and passes it on unchanged.
fn note_durability() -> (Shadowed, js_sys::Array) {
    let asked = js_sys::Array::new();
    let prototype = Reflect::get(&web_sys::window().unwrap(), &"IDBDatabase".into())
        .and_then(|class| Reflect::get(&class, &"prototype".into()))
        .unwrap();
    let original = Reflect::get(&prototype, &"transaction".into()).unwrap();
    let noting = function(
        "original, asked",
        "return function (names, mode, options) { \
           if (mode === 'readwrite') asked.push(`${names}:${options && options.durability}`); \
           return original.call(this, names, mode, options); }",
    )
    .call2(&JsValue::NULL, &original, &asked)
    .unwrap();
    (Shadowed::with(prototype, "transaction", noting), asked)
}

#[wasm_bindgen_test]
async fn a_card_dropped_on_another_takes_its_place_and_keeps_it() {
    let db = fresh_db_name("list-drag");
    let (_noting, asked) = note_durability();
    let app = mount(&db);
    with_identities(&app, &["A:one", "B:two", "C:three"]).await;
    wait_for_names(&app, &["A (one)", "B (two)", "C (three)"]).await;
    let noted = |asked: &js_sys::Array| -> Vec<String> {
        asked.iter().filter_map(|a| a.as_string()).collect()
    };
    assert!(
        noted(&asked).contains(&"vault:strict".to_owned()),
        "adding tokens waits for the disk: {:?}",
        noted(&asked)
    );
    asked.set_length(0);
    let cards = all(&app.container, "li.token");
    let grips = all(&app.container, ".token__grip[draggable=true]");
    assert_eq!(grips.len(), 3, "each card has a grip to drag by");
    let transfer = web_sys::DataTransfer::new().unwrap();
    let drag = |target: &web_sys::Element, kind: &str| {
        let init = web_sys::DragEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_data_transfer(Some(&transfer));
        let event = web_sys::DragEvent::new_with_event_init_dict(kind, &init).unwrap();
        target.dispatch_event(&event).unwrap();
        event.default_prevented()
    };
    drag(&grips[0], "dragstart");
    assert!(drag(&cards[2], "dragover"), "the list accepts the drop");
    drag(&cards[2], "drop");
    drag(&grips[0], "dragend");
    wait_for_names(&app, &["B (two)", "C (three)", "A (one)"]).await;
    wait_for_text(&app, "A (one) moved to position 3 of 3.").await;
    // A move only rearranges: its one write does not wait for the flush,
    // and is stored all the same.
    assert_eq!(noted(&asked), ["vault:relaxed"]);
    drop(app);
    let app = mount(&db);
    wait_for_text(&app, "Enter your PIN").await;
    type_into(&app, "PIN", PIN).await;
    click(&app, "Unlock").await;
    wait_for_names(&app, &["B (two)", "C (three)", "A (one)"]).await;
}

#[wasm_bindgen_test]
async fn an_aegis_backups_groups_and_favourites_arrive_with_it() {
    let app = mount(&fresh_db_name("list-aegis"));
    create_pin(&app).await;
    open_backups(&app).await;
    let backup = serde_json::json!({
        "version": 1,
        "header": {"slots": null, "params": null},
        "db": {
            "version": 3,
            "groups": [{"uuid": "6f6f8a1e-3f39-4c5b-9d1e-8c2f5f7a0b11", "name": "Work"}],
            "entries": [
                {"type": "totp", "uuid": "1d0c1b4e-0000-4000-8000-000000000001", "name": "alice",
                 "issuer": "Bank", "groups": ["6f6f8a1e-3f39-4c5b-9d1e-8c2f5f7a0b11"],
                 "info": {"secret": random_secret(), "algo": "SHA1", "digits": 6, "period": 30}},
                {"type": "totp", "uuid": "1d0c1b4e-0000-4000-8000-000000000002", "name": "bob",
                 "issuer": "Game", "favorite": true,
                 "info": {"secret": random_secret(), "algo": "SHA1", "digits": 6, "period": 30}}
            ]
        }
    });
    choose_backup(&app, &backup.to_string());
    wait_for_text(&app, "2 tokens will be added.").await;
    click(&app, "Add").await;
    // bob is pinned to the top; alice is in Work.
    wait_for_names(&app, &["Game (bob)", "Bank (alice)"]).await;
    click(&app, "Work").await;
    wait_for_names(&app, &["Bank (alice)"]).await;
}
