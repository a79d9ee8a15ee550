//! Lighthouse 12.2.3 on the served build: the desktop preset, and a phone
//! (Lighthouse's mobile default: a mid-range phone's 4x slower CPU on slow
//! 4G) with both throttling methods. Simulated throttling replays one fast
//! load under a model of the slow network; DevTools throttling really slows
//! the browser, and is noisier (issue 26).

use super::Samples;
use serde_json::Value;
use std::path::PathBuf;

pub const MOBILE_SIMULATED_SCORE: &str = "Lighthouse mobile, simulated: performance";
pub const MOBILE_SIMULATED_LCP: &str = "Lighthouse mobile, simulated: LCP (ms)";

/// One configuration: its arguments and the names of its rows
/// (performance, LCP, TBT, bytes), or `None` where no row is kept.
struct Setting {
    args: &'static [&'static str],
    categories: &'static str,
    rows: [Option<&'static str>; 4],
}

const SETTINGS: [Setting; 3] = [
    Setting {
        args: &["--preset=desktop"],
        categories: "performance,accessibility,best-practices",
        rows: [Some("Lighthouse performance"), None, None, None],
    },
    Setting {
        args: &["--throttling-method=simulate"],
        categories: "performance",
        rows: [
            Some(MOBILE_SIMULATED_SCORE),
            Some(MOBILE_SIMULATED_LCP),
            Some("Lighthouse mobile, simulated: TBT (ms)"),
            Some("Lighthouse mobile: bytes transferred"),
        ],
    },
    Setting {
        args: &["--throttling-method=devtools"],
        categories: "performance",
        rows: [
            Some("Lighthouse mobile, DevTools: performance"),
            Some("Lighthouse mobile, DevTools: LCP (ms)"),
            Some("Lighthouse mobile, DevTools: TBT (ms)"),
            None,
        ],
    },
];

/// Runs each setting `runs` times; returns the binary audits the desktop
/// run did not pass, if any.
pub fn run(url: &str, samples: &mut Samples, runs: usize) -> Option<String> {
    let mut failing = None;
    for setting in &SETTINGS {
        for _ in 0..runs {
            let Some(report) = report(url, setting) else {
                eprintln!("bench: Lighthouse {:?} gave no report", setting.args);
                continue;
            };
            let audit = |id: &str| report["audits"][id]["numericValue"].as_f64();
            let figures = [
                report["categories"]["performance"]["score"]
                    .as_f64()
                    .map(|s| s * 100.0),
                audit("largest-contentful-paint"),
                audit("total-blocking-time"),
                audit("total-byte-weight"),
            ];
            for (row, figure) in setting.rows.iter().zip(figures) {
                if let Some(row) = row {
                    samples.add(row, figure.unwrap_or(f64::NAN));
                }
            }
            if setting.categories.contains("accessibility") {
                for (key, name) in [
                    ("accessibility", "Lighthouse accessibility"),
                    ("best-practices", "Lighthouse best practices"),
                ] {
                    samples.add(
                        name,
                        report["categories"][key]["score"]
                            .as_f64()
                            .unwrap_or(f64::NAN)
                            * 100.0,
                    );
                }
                failing = failing.or_else(|| failing_audits(&report));
            }
        }
    }
    failing
}

fn report(url: &str, setting: &Setting) -> Option<Value> {
    let bin =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/node_modules/.bin/lighthouse");
    let output = std::process::Command::new(&bin)
        .arg(url)
        .args(setting.args)
        .args([
            &format!("--only-categories={}", setting.categories),
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run",
        ])
        .env(
            "CHROME_PATH",
            std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        )
        .output()
        .ok()?;
    serde_json::from_slice(&output.stdout).ok()
}

fn failing_audits(report: &Value) -> Option<String> {
    let failing: Vec<String> = report["audits"]
        .as_object()?
        .values()
        .filter(|a| {
            a["score"].as_f64().is_some_and(|s| s < 1.0) && a["scoreDisplayMode"] == "binary"
        })
        .filter_map(|a| a["id"].as_str().map(str::to_owned))
        .collect();
    (!failing.is_empty()).then(|| failing.join(", "))
}
