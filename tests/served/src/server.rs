//! A static file server for the release build, on an ephemeral loopback
//! port. Its root can be swapped while it runs, which is how the update test
//! "deploys" a new build at the same address, and its clock can be set
//! apart from the machine's (the `Date` header it sends), which is how the
//! clock check is tried.

use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};
use tokio::task::JoinHandle;

pub struct StaticServer {
    pub addr: SocketAddr,
    root: Arc<RwLock<PathBuf>>,
    /// Seconds added to the machine's time in the `Date` header.
    clock_ahead: Arc<AtomicI64>,
    task: JoinHandle<()>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl StaticServer {
    pub async fn start(root: PathBuf) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let root = Arc::new(RwLock::new(root));
        let shared = root.clone();
        let clock_ahead = Arc::new(AtomicI64::new(0));
        let ahead = clock_ahead.clone();
        let app = axum::Router::new().fallback(move |request: Request<Body>| {
            let root = shared.read().map(|r| r.clone()).unwrap_or_default();
            let ahead = ahead.load(Ordering::Relaxed);
            async move {
                let mut response = serve(&root, request.uri().path()).await;
                if let Ok(date) = HeaderValue::from_str(&http_date(ahead)) {
                    response.headers_mut().insert(header::DATE, date);
                }
                response
            }
        });
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    stopped.await.ok();
                })
                .await
                .ok();
        });
        Ok(Self {
            addr,
            root,
            clock_ahead,
            task,
            shutdown: Some(shutdown),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// The same address by name: WebAuthn refuses an IP address as the
    /// relying party ("This is an invalid domain"), and accepts localhost.
    pub fn localhost_url(&self, path: &str) -> String {
        format!("http://localhost:{}{}", self.addr.port(), path)
    }

    /// Stops answering, as when the network is gone: the port is closed and
    /// so is every open connection (a keep-alive one would still answer), so
    /// the browser sees a network error, not an HTTP one.
    pub async fn go_offline(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            shutdown.send(()).ok();
        }
        tokio::time::timeout(std::time::Duration::from_secs(10), &mut self.task)
            .await
            .ok();
    }

    /// Sends a `Date` this many seconds ahead of the machine's clock (behind
    /// when negative) from now on.
    pub fn set_clock_ahead(&self, seconds: i64) {
        self.clock_ahead.store(seconds, Ordering::Relaxed);
    }

    /// Serves another directory from now on, at the same address.
    pub fn set_root(&self, root: PathBuf) {
        if let Ok(mut current) = self.root.write() {
            *current = root;
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The machine's time moved by `ahead` seconds, as an HTTP date.
fn http_date(ahead: i64) -> String {
    let shift = Duration::from_secs(ahead.unsigned_abs());
    let now = SystemTime::now();
    let time = if ahead < 0 {
        now.checked_sub(shift)
    } else {
        now.checked_add(shift)
    };
    httpdate::fmt_http_date(time.unwrap_or(now))
}

async fn serve(root: &Path, url_path: &str) -> Response<Body> {
    let relative: PathBuf = Path::new(url_path.trim_start_matches('/'))
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect();
    let mut file = root.join(&relative);
    // App routes (no extension) fall back to index.html, as a host would.
    if relative.as_os_str().is_empty() || (!file.is_file() && relative.extension().is_none()) {
        file = root.join("index.html");
    }
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&file)),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            // What docs/offline-and-updates.md asks of a host ("What the host
            // must send").
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("frame-ancestors 'none'"),
            );
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            headers.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            );
            response
        }
        Err(_) => {
            let mut response = Response::new(Body::from("not found"));
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
        }
    }
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}
