use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::faults::{Fault, FaultDice, FaultResponder, Faults, broken_body};
use super::log::RequestLog;

/// Maps (method, path) to the endpoint key a request counts against and whether it is a write.
pub type RequestClassifier = Arc<dyn Fn(&http::Method, &str) -> (String, bool) + Send + Sync>;

/// Settings every simulator's server shares.
#[derive(Clone)]
pub struct ServerSettings {
    /// Faults to inject.
    pub faults: Faults,
    /// How the vendor answers injected 5xx/429.
    pub responder: FaultResponder,
    /// Added delay before each request is handled.
    pub latency: Duration,
    /// The request log.
    pub log: RequestLog,
    /// Maps a request to its endpoint key and whether it is a write (for faults after storing).
    pub classify: RequestClassifier,
}

impl std::fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerSettings")
            .field("faults", &self.faults)
            .field("latency", &self.latency)
            .finish()
    }
}

#[derive(Clone)]
struct LayerState {
    settings: ServerSettings,
    dice: FaultDice,
}

/// Wraps a vendor router with latency, faults and the request log.
pub(crate) fn router_with_layers(router: Router, settings: ServerSettings) -> Router {
    let dice = FaultDice::new(settings.faults.clone());
    router.layer(middleware::from_fn_with_state(
        LayerState { settings, dice },
        layers,
    ))
}

async fn layers(State(st): State<LayerState>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let (endpoint, is_write) = (st.settings.classify)(&method, req.uri().path());
    let guard = st.settings.log.enter(&endpoint);
    let concurrency = guard.concurrency;
    let started = Instant::now();
    if !st.settings.latency.is_zero() {
        tokio::time::sleep(st.settings.latency).await;
    }
    let fault = st.dice.roll(is_write);
    let (resp, fault_name) = match fault {
        None => (next.run(req).await, None),
        Some((Fault::RateLimit, _)) => ((st.settings.responder.rate_limited)(), Some("rate-limit")),
        Some((kind, after)) => {
            let inner = if after {
                Some(next.run(req).await)
            } else {
                None
            };
            let resp = match kind {
                Fault::ServerError => (st.settings.responder.server_error)(),
                Fault::Drop => {
                    let (parts, _) = match inner {
                        Some(r) => r.into_parts(),
                        None => Response::new(Body::empty()).into_parts(),
                    };
                    broken_body(parts, bytes::Bytes::from_static(b"{}"), 0)
                }
                _ => {
                    // Truncate: the real body, cut half-way (or the error body if not stored).
                    let r = inner.unwrap_or_else(|| (st.settings.responder.server_error)());
                    let (parts, body) = r.into_parts();
                    let bytes = axum::body::to_bytes(body, usize::MAX)
                        .await
                        .unwrap_or_default();
                    let keep = bytes.len() / 2;
                    broken_body(parts, bytes, keep)
                }
            };
            let name = match kind {
                Fault::ServerError => "server-error",
                Fault::Drop => "drop",
                Fault::Truncate => "truncate",
                Fault::RateLimit => "rate-limit",
            };
            (resp, Some(name))
        }
    };
    let status = if fault_name == Some("drop") {
        0
    } else {
        resp.status().as_u16()
    };
    st.settings.log.record(super::log::LogEntry {
        method: method.to_string(),
        path,
        status,
        endpoint,
        concurrency,
        elapsed: started.elapsed(),
        fault: fault_name,
    });
    drop(guard);
    resp
}

/// A running simulator server on `127.0.0.1`. Stopping it (or dropping it) frees the port.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds `127.0.0.1:port` (0 = any free port) and serves the router.
    pub async fn start(router: Router, port: u16) -> std::io::Result<Server> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async move {
                let _ = rx.await;
            });
            if let Err(e) = serve.await {
                tracing::warn!(error = %e, "simulator server stopped with an error");
            }
        });
        Ok(Server {
            addr,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops serving and waits until the port is free.
    pub async fn stop(mut self) {
        self.shutdown_now();
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }

    fn shutdown_now(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown_now();
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
