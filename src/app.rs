//! The root component: the top bar and the router. Screens live in
//! `pages/`, one file each, and are added by their issues.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app, as mounted by `main` and by the browser tests.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="top-bar">
                <h1 class="top-bar__title">"Soft Token"</h1>
            </header>
            <main class="screen">
                <Routes fallback=|| view! { <p>"This page does not exist."</p> }>
                    <Route path=path!("/") view=Home />
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    view! { <p class="empty">"No soft token identity yet."</p> }
}
