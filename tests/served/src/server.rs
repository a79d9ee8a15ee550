//! A static file server for the release build, on an ephemeral loopback
//! port. Its root can be swapped while it runs, which is how the update test
//! "deploys" a new build at the same address, and its clock can be set
//! apart from the machine's (the `Date` header it sends), which is how the
//! clock check is tried.
//!
//! It answers as docs/offline-and-updates.md asks of a host: compressed
//! (Brotli or gzip, as the browser accepts), the hashed files cacheable for
//! a year, every other file asked again each time.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
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
                let accepted = request
                    .headers()
                    .get(header::ACCEPT_ENCODING)
                    .and_then(|value| value.to_str().ok())
                    .map(Encoding::accepted)
                    .unwrap_or_default();
                let mut response = serve(&root, request.uri().path(), accepted).await;
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

    /// Compresses every file of the root now, as a host does before it
    /// serves them: the bench's first cold start then does not wait for
    /// the server's encoder.
    pub fn precompress(&self) {
        let root = self.root.read().map(|r| r.clone()).unwrap_or_default();
        let Ok(entries) = std::fs::read_dir(root) else {
            return;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            if compressible(content_type(&path), bytes.len()) {
                for encoding in [Encoding::Brotli, Encoding::Gzip] {
                    compressed(&path, &bytes, encoding);
                }
            }
        }
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

async fn serve(root: &Path, url_path: &str, accepted: Vec<Encoding>) -> Response<Body> {
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
            let kind = content_type(&file);
            let encoded = accepted
                .first()
                .copied()
                .filter(|_| compressible(kind, bytes.len()))
                .and_then(|encoding| Some((encoding, compressed(&file, &bytes, encoding)?)));
            let (encoding, body) = match encoded {
                Some((encoding, body)) => (Some(encoding), body),
                None => (None, Bytes::from(bytes)),
            };
            let mut response = Response::new(Body::from(body));
            let headers = response.headers_mut();
            if let Some(encoding) = encoding {
                headers.insert(
                    header::CONTENT_ENCODING,
                    HeaderValue::from_static(encoding.name()),
                );
            }
            headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            headers.insert(header::CACHE_CONTROL, cache_control(&file));
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

/// What a host compresses: text and WASM, not pictures that are
/// compressed already, nor files too small to gain.
fn compressible(kind: &str, len: usize) -> bool {
    len > 1024 && kind != "image/png"
}

/// A compression the browser accepts, best first.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// Those named in an `Accept-Encoding`, Brotli first (q-values are
    /// not weighed: browsers send none).
    fn accepted(header: &str) -> Vec<Self> {
        let named = |name: &str| {
            header
                .split(',')
                .any(|part| part.split(';').next().is_some_and(|n| n.trim() == name))
        };
        [(Self::Brotli, "br"), (Self::Gzip, "gzip")]
            .into_iter()
            .filter(|(_, name)| named(name))
            .map(|(encoding, _)| encoding)
            .collect()
    }

    fn name(self) -> &'static str {
        match self {
            Self::Brotli => "br",
            Self::Gzip => "gzip",
        }
    }
}

type CompressedFiles = HashMap<(PathBuf, Option<SystemTime>, Encoding), Bytes>;

/// `bytes` of `file` compressed, made once per file version in this
/// process, at the levels a host precompresses with (Brotli 11 costs
/// seconds a megabyte: 9 is within a few percent of it); `None` should
/// the encoder fail, and the file goes as it is.
fn compressed(file: &Path, bytes: &[u8], encoding: Encoding) -> Option<Bytes> {
    static MADE: OnceLock<Mutex<CompressedFiles>> = OnceLock::new();
    let modified = std::fs::metadata(file).and_then(|m| m.modified()).ok();
    let key = (file.to_path_buf(), modified, encoding);
    let made = MADE.get_or_init(Mutex::default);
    if let Some(body) = made.lock().ok().and_then(|made| made.get(&key).cloned()) {
        return Some(body);
    }
    let body = match encoding {
        Encoding::Brotli => {
            let params = brotli::enc::BrotliEncoderParams {
                quality: 9,
                lgwin: 22,
                ..Default::default()
            };
            let mut out = Vec::new();
            brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
            out
        }
        Encoding::Gzip => gzip(bytes)?,
    };
    let body = Bytes::from(body);
    if let Ok(mut made) = made.lock() {
        made.insert(key, body.clone());
    }
    Some(body)
}

/// `bytes` as gzip at its best level (what the bench counts a file's
/// cold-load bytes by, too).
pub fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut encoder, bytes).ok()?;
    encoder.finish().ok()
}

/// A file whose name holds its content's hash (Trunk's `-<16 hex>`, the
/// split chunks' too) never changes under that name: a new build has new
/// names. Anything else (index.html, sw.js, the manifest) is asked again.
fn cache_control(file: &Path) -> HeaderValue {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem
        .rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    HeaderValue::from_static(if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    })
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
