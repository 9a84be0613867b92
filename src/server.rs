//! The connection loop behind `startup::serve`: hyper's HTTP/1.1 and HTTP/2, every wait on a
//! client bounded, a cap on connections, and a shutdown that ends in bounded time.
//!
//! What bounds what (the settings are `[server]` in the configuration):
//! - no request in flight (a connection that has sent nothing yet, is still sending its
//!   headers, or sits idle between requests, HTTP/1.1 or HTTP/2): closed after
//!   `header_timeout` by a watchdog per connection (hyper's own header-read timeout covers
//!   HTTP/1.1 headers too, from their first byte);
//! - a request in flight whose body stops arriving: no byte for `idle_timeout` answers 408
//!   and closes the connection;
//! - a response the client does not take: a write that cannot progress for `idle_timeout`
//!   fails, which ends the connection (while a response is still being written, the
//!   connection is not idle, however long a steady download takes);
//! - the handler's own work (bcrypt, a CSV import) is not limited here.
//!
//! Why not a read timeout on the socket: hyper keeps a read pending while a request is being
//! processed (to notice a client that hangs up), so a read timeout would cut long requests;
//! and on HTTP/2 the keep-alive pings' answers would keep it from ever firing on an idle
//! connection. So the read side is bounded per request state instead.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request, Response, StatusCode, Version, header};
use axum::response::IntoResponse;
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Sleep;
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

use crate::config::ServerConfig;

/// HTTP/2 pings: one after this long without a frame from the client, so that a client that
/// vanished while a long request was being processed is noticed...
const H2_KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(20);
/// ... and the connection is closed when the ping goes unanswered this long.
const H2_KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(20);
/// Requests at once on one HTTP/2 connection (hyper's default is 200): one connection should
/// not take much more than a browser's share of the server.
const H2_MAX_CONCURRENT_STREAMS: u32 = 100;
/// The pause after a failed accept (out of file descriptors, say), so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);
/// While accepts keep failing, one log line per this many failures (every 10 s or so).
const ACCEPT_FAILURES_PER_LOG: u64 = 100;

/// The two time limits of a connection.
#[derive(Clone, Copy)]
struct Timeouts {
    /// Nothing in flight: the time to the next complete request head.
    header: Duration,
    /// A request in flight waiting on the client (its body, or taking the response).
    idle: Duration,
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight finish
/// for up to `limits.shutdown_grace()` and drops what is left. Each request gets its peer
/// address as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: &ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let timeouts = Timeouts {
        header: limits.header_timeout(),
        idle: limits.idle_timeout(),
    };
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header)
        .keep_alive(true);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(H2_KEEP_ALIVE_INTERVAL)
        .keep_alive_timeout(H2_KEEP_ALIVE_TIMEOUT)
        .max_concurrent_streams(H2_MAX_CONCURRENT_STREAMS);
    let builder = Arc::new(builder);

    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut accept_failures = 0u64;
    tokio::pin!(shutdown);
    loop {
        // Wait for a free slot *before* accepting: past the limit, new connections wait in
        // the kernel's backlog and are served as slots free up, costing no file descriptor
        // and no task meanwhile. (Accepting and closing them at once would turn every
        // client away while a flood holds the slots, instead of making them wait.)
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(e) => {
                    // Out of file descriptors (EMFILE, ENFILE), say: pause rather than spin,
                    // and log the first failure of a run and then one in a hundred.
                    if accept_failures.is_multiple_of(ACCEPT_FAILURES_PER_LOG) {
                        tracing::warn!(
                            error = %e,
                            failures = accept_failures + 1,
                            "could not accept a connection; retrying every 100 ms"
                        );
                    }
                    accept_failures += 1;
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if accept_failures > 0 {
            tracing::info!(failures = accept_failures, "accepting connections again");
            accept_failures = 0;
        }
        // Forget the connections that have ended.
        while connections.try_join_next().is_some() {}
        connections.spawn(connection(
            stream,
            peer,
            app.clone(),
            builder.clone(),
            timeouts,
            stopping.clone(),
            slot,
        ));
    }

    drop(listener);
    let _ = stop.send(true);
    let all_ended = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(limits.shutdown_grace(), all_ended)
        .await
        .is_err()
    {
        tracing::warn!(
            connections = connections.len(),
            "the shutdown grace period is over: closing the remaining connections"
        );
        connections.shutdown().await;
    }
    Ok(())
}

/// Serves one connection until it ends, goes idle too long, or the server stops. `_slot` is
/// its place among `max_connections`, given back when this returns.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    builder: Arc<Builder<TokioExecutor>>,
    timeouts: Timeouts,
    mut stopping: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    // A write that cannot progress for the idle limit (the client takes no response) fails.
    let mut io = TimeoutStream::new(stream);
    io.set_write_timeout(Some(timeouts.idle));
    let io = WriteState::new(Box::pin(io));
    let writing = io.blocked.clone();
    let (in_flight, mut requests) = watch::channel(0usize);
    let service = ConnectionService {
        app,
        peer,
        in_flight: Arc::new(in_flight),
        body_timeout: timeouts.idle,
    };
    let conn = builder.serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
    tokio::pin!(conn);
    let mut closing = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "a connection ended with an error");
                }
                return;
            }
            () = idle(&mut requests, timeouts.header) => {
                if writing.load(Ordering::Relaxed) {
                    // hyper still holds response bytes the client has not taken yet (a
                    // response body handed over whole): not idle. The write timeout bounds
                    // a client that stopped reading.
                    continue;
                }
                if closing {
                    // It ignored the goodbye below: drop it.
                    return;
                }
                // Say goodbye: HTTP/2 sends GOAWAY; HTTP/1.1 and a connection that has sent
                // nothing close at once.
                tracing::debug!(%peer, "closing an idle connection");
                conn.as_mut().graceful_shutdown();
                closing = true;
            }
            _ = stopping.wait_for(|stop| *stop), if !closing => {
                // Shutdown: the request in flight finishes, then the connection closes
                // (HTTP/2: GOAWAY). `serve` drops what is left after the grace period.
                conn.as_mut().graceful_shutdown();
                closing = true;
            }
        }
    }
}

/// Completes once no request has been in flight for `limit`.
async fn idle(requests: &mut watch::Receiver<usize>, limit: Duration) {
    loop {
        let busy = *requests.borrow_and_update() > 0;
        let changed = if busy {
            requests.changed().await
        } else {
            match tokio::time::timeout(limit, requests.changed()).await {
                Ok(changed) => changed,
                Err(_) => return,
            }
        };
        if changed.is_err() {
            // The service is gone, and with it the connection: nothing left to watch.
            return std::future::pending().await;
        }
    }
}

/// The router for one connection: adds the peer address, counts the requests in flight, and
/// answers 408 when a request's body stops arriving.
#[derive(Clone)]
struct ConnectionService {
    app: Router,
    peer: SocketAddr,
    in_flight: Arc<watch::Sender<usize>>,
    body_timeout: Duration,
}

impl<B> tower::Service<Request<B>> for ConnectionService
where
    B: http_body::Body<Data = Bytes> + Send + Unpin + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let in_flight = InFlight::begin(self.in_flight.clone());
        let http1 = request.version() < Version::HTTP_2;
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let stalled = Arc::new(Stalled::default());
        let request = request.map(|body| {
            Body::new(StallLimit {
                inner: body,
                limit: self.body_timeout,
                deadline: None,
                stalled: stalled.clone(),
            })
        });
        let app = self.app.clone();
        Box::pin(async move {
            let response = tokio::select! {
                response = app.oneshot(request) => match response {
                    Ok(response) => response,
                    Err(never) => match never {},
                },
                // The handler was waiting for a body that stopped arriving: answer for it.
                () = stalled.notify.notified() => request_timeout(http1),
            };
            // The handler may have answered the body's error itself (400, say): the client
            // hears the same 408 either way.
            let response = if stalled.happened.load(Ordering::Relaxed) {
                request_timeout(http1)
            } else {
                response
            };
            // The request stays in flight until its response has been sent (or dropped).
            Ok(response.map(|body| {
                Body::new(body.map_frame(move |frame| {
                    let _in_flight = &in_flight;
                    frame
                }))
            }))
        })
    }
}

/// One request in flight on a connection, from its head to the end of its response.
struct InFlight(Arc<watch::Sender<usize>>);

impl InFlight {
    fn begin(count: Arc<watch::Sender<usize>>) -> InFlight {
        count.send_modify(|n| *n += 1);
        InFlight(count)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n -= 1);
    }
}

/// The answer to a stalled body: 408, and on HTTP/1.1 the connection closes, as the rest of
/// the body may still be on its way (HTTP/2 forbids the header: there the stream ends).
fn request_timeout(http1: bool) -> Response<Body> {
    let body = serde_json::json!({"error": {
        "code": "request_timeout",
        "message": "The request body stopped arriving.",
    }});
    let mut response = (StatusCode::REQUEST_TIMEOUT, axum::Json(body)).into_response();
    let headers = response.headers_mut();
    if http1 {
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A request body that fails, and says so through `stalled`, when its reader has waited
/// `limit` for the next bytes. Only the waiting counts: the time the handler spends between
/// reads (or after the body) is its own.
struct StallLimit<B> {
    inner: B,
    limit: Duration,
    /// Set while the reader waits; cleared by every frame.
    deadline: Option<Pin<Box<Sleep>>>,
    stalled: Arc<Stalled>,
}

/// Whether a request's body stopped arriving, for its service call.
#[derive(Default)]
struct Stalled {
    happened: AtomicBool,
    notify: Notify,
}

impl<B> http_body::Body for StallLimit<B>
where
    B: http_body::Body<Data = Bytes> + Unpin,
    B::Error: Into<axum::BoxError>,
{
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::BoxError>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                this.deadline = None;
                Poll::Ready(frame.map(|f| f.map_err(Into::into)))
            }
            Poll::Pending => {
                let limit = this.limit;
                let deadline = this
                    .deadline
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                if deadline.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                this.stalled.happened.store(true, Ordering::Relaxed);
                this.stalled.notify.notify_one();
                Poll::Ready(Some(Err(format!(
                    "no bytes of the request body for {} s",
                    limit.as_secs()
                )
                .into())))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The socket, noting whether hyper's last write had to wait for the client (the response
/// is still being written) or went through (nothing left to send).
struct WriteState<S> {
    inner: S,
    blocked: Arc<AtomicBool>,
}

impl<S> WriteState<S> {
    fn new(inner: S) -> WriteState<S> {
        WriteState {
            inner,
            blocked: Arc::default(),
        }
    }

    fn note<T>(&self, result: Poll<T>) -> Poll<T> {
        self.blocked.store(result.is_pending(), Ordering::Relaxed);
        result
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteState<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteState<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.note(result)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.note(result)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
