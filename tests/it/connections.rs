//! Connections that never finish: every wait on a client is bounded (a socket that sends
//! nothing, a body that trickles, an idle HTTP/2 connection, a client that takes no
//! response), the number of connections is capped, and shutdown ends within its grace
//! period. Each test sets small limits (1 s) on its own server.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::{get, post};
use courseworx::config::{Config, ServerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::helpers::TestApp;

/// A real server on a free port of 127.0.0.1.
struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Server {
    /// The application (`startup::serve`) with its `[server]` settings adjusted.
    async fn app(adjust: impl FnOnce(&mut ServerConfig)) -> (TestApp, Server) {
        let app = TestApp::spawn_with(|c: &mut Config| adjust(&mut c.server)).await;
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(courseworx::startup::serve(
            listener,
            app.state.clone(),
            async {
                let _ = stopped.await;
            },
        ));
        let server = Server {
            addr,
            stop: Some(stop),
            task,
        };
        (app, server)
    }

    /// Any router behind the same connection loop (`server::serve`).
    async fn router(app: Router, limits: ServerConfig) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            courseworx::server::serve(listener, app, &limits, async {
                let _ = stopped.await;
            })
            .await
        });
        Server {
            addr,
            stop: Some(stop),
            task,
        }
    }

    async fn connect(&self) -> TcpStream {
        TcpStream::connect(self.addr).await.unwrap()
    }

    /// A client with a small receive buffer (no autotuning up to tens of MiB), so that a
    /// response of a few MiB must wait for the client to read it.
    async fn connect_small_buffer(&self) -> TcpStream {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(64 * 1024).unwrap();
        socket.connect(self.addr).await.unwrap()
    }

    /// Begins shutdown and waits (at most `within`) for `serve` to return.
    async fn stop_within(mut self, within: Duration) -> Duration {
        let started = Instant::now();
        self.stop.take().unwrap().send(()).unwrap();
        tokio::time::timeout(within, self.task)
            .await
            .expect("serve returned in time")
            .unwrap()
            .unwrap();
        started.elapsed()
    }
}

/// Small limits: 1 s for everything a client could stall.
fn small(limits: &mut ServerConfig) {
    limits.header_timeout_secs = 1;
    limits.idle_timeout_secs = 1;
}

/// Reads until the server closes the connection (end of file or reset), failing when that
/// takes longer than `within`. Returns what came and how long it took.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (Vec<u8>, Duration) {
    let started = Instant::now();
    let mut received = Vec::new();
    let read = tokio::time::timeout(within, async {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the server kept the connection open for {within:?}; received: {}",
        String::from_utf8_lossy(&received)
    );
    (received, started.elapsed())
}

#[tokio::test]
async fn a_socket_that_sends_nothing_is_closed_after_the_header_timeout() {
    let (_app, server) = Server::app(small).await;
    let mut silent = server.connect().await;
    let (received, took) = read_until_closed(&mut silent, Duration::from_secs(10)).await;
    assert!(
        received.is_empty(),
        "{}",
        String::from_utf8_lossy(&received)
    );
    assert!(
        took >= Duration::from_millis(900),
        "closed too early: {took:?}"
    );
    assert!(took < Duration::from_secs(4), "closed late: {took:?}");
    server.stop_within(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_body_that_trickles_is_answered_408_and_the_connection_closed() {
    // The header timeout is long: only the body limit (1 s without a byte) may end this.
    let (_app, server) = Server::app(|s| {
        s.header_timeout_secs = 30;
        s.idle_timeout_secs = 1;
    })
    .await;
    let mut client = server.connect().await;
    client
        .write_all(
            b"POST /api/auth/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
              Content-Length: 1000\r\n\r\n{\"email\":",
        )
        .await
        .unwrap();
    let (mut reader, mut writer) = client.into_split();
    // One byte every 1.5 s: slower than the limit allows, for far longer than it.
    let trickle = tokio::spawn(async move {
        for _ in 0..20 {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            if writer.write_all(b" ").await.is_err() {
                return;
            }
        }
    });
    let started = Instant::now();
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), async {
        let mut chunk = [0u8; 4096];
        while let Ok(n @ 1..) = reader.read(&mut chunk).await {
            response.extend_from_slice(&chunk[..n]);
        }
    })
    .await
    .expect("the server ended the request");
    let took = started.elapsed();
    trickle.abort();
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(response.contains("request_timeout"), "{response}");
    assert!(
        response.to_lowercase().contains("connection: close"),
        "{response}"
    );
    assert!(took < Duration::from_secs(4), "cut off late: {took:?}");
    server.stop_within(Duration::from_secs(5)).await;
}

/// One HTTP/2 frame: length, type, flags, stream, payload.
fn h2_frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = u32::try_from(payload.len()).unwrap().to_be_bytes();
    let mut frame = vec![len[1], len[2], len[3], kind, flags];
    frame.extend_from_slice(&stream.to_be_bytes());
    frame.extend_from_slice(payload);
    frame
}

/// The frames in `bytes`: (type, stream, payload).
fn h2_frames(mut bytes: &[u8]) -> Vec<(u8, u32, Vec<u8>)> {
    let mut frames = Vec::new();
    while bytes.len() >= 9 {
        let len = usize::from(bytes[0]) << 16 | usize::from(bytes[1]) << 8 | usize::from(bytes[2]);
        let stream = u32::from_be_bytes([bytes[5], bytes[6], bytes[7], bytes[8]]) & 0x7fff_ffff;
        let Some(payload) = bytes.get(9..9 + len) else {
            break;
        };
        frames.push((bytes[3], stream, payload.to_vec()));
        bytes = &bytes[9 + len..];
    }
    frames
}

const H2_HEADERS: u8 = 0x1;
const H2_GOAWAY: u8 = 0x7;

#[tokio::test]
async fn an_idle_http2_connection_is_closed_after_its_request() {
    let (_app, server) = Server::app(small).await;
    let mut client = server.connect().await;
    // HTTP/2 with prior knowledge: the preface, empty settings, and GET /api/health
    // (HPACK: :method GET, :scheme http, :path as a literal), then nothing more.
    let mut hello = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    hello.extend(h2_frame(0x4, 0, 0, &[]));
    let mut block = vec![0x82, 0x86, 0x44, 11];
    block.extend_from_slice(b"/api/health");
    hello.extend(h2_frame(H2_HEADERS, 0x4 | 0x1, 1, &block));
    client.write_all(&hello).await.unwrap();

    let (received, took) = read_until_closed(&mut client, Duration::from_secs(10)).await;
    let frames = h2_frames(&received);
    // The request was answered on stream 1 (HPACK 0x88 is ":status 200")...
    assert!(
        frames
            .iter()
            .any(|(kind, stream, payload)| *kind == H2_HEADERS
                && *stream == 1
                && payload.first() == Some(&0x88)),
        "{frames:?}"
    );
    // ... and the idle connection was told goodbye, then closed (our client answers no
    // ping, so the server drops it one more period later).
    assert!(
        frames.iter().any(|(kind, ..)| *kind == H2_GOAWAY),
        "{frames:?}"
    );
    assert!(
        took >= Duration::from_millis(900),
        "closed too early: {took:?}"
    );
    assert!(took < Duration::from_secs(5), "closed late: {took:?}");
    server.stop_within(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn silent_sockets_hold_at_most_max_connections_and_health_answers_once_they_time_out() {
    let (_app, server) = Server::app(|s| {
        small(s);
        s.max_connections = 3;
    })
    .await;
    let mut silent = Vec::new();
    for _ in 0..3 {
        silent.push(server.connect().await);
    }
    // Give the server a moment to accept the three (one slot each).
    tokio::time::sleep(Duration::from_millis(200)).await;

    // A fourth client waits, unaccepted, for a slot: it is answered only once the silent
    // ones have been closed for sending nothing (1 s after they connected).
    let started = Instant::now();
    let mut client = server.connect().await;
    client
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (response, took) = read_until_closed(&mut client, Duration::from_secs(10)).await;
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        took >= Duration::from_millis(600),
        "answered before a slot was free, so the limit did not hold: {took:?}"
    );
    assert!(took < Duration::from_secs(4), "answered late: {took:?}");
    for mut socket in silent {
        let (received, _) = read_until_closed(&mut socket, Duration::from_secs(1)).await;
        assert!(received.is_empty());
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    server.stop_within(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn shutdown_with_clients_that_never_finish_returns_within_the_grace_period() {
    // Limits long enough that only the shutdown can end these clients.
    let (_app, server) = Server::app(|s| {
        s.header_timeout_secs = 60;
        s.idle_timeout_secs = 60;
        s.shutdown_grace_secs = 1;
    })
    .await;
    let silent = server.connect().await;
    let mut half_headers = server.connect().await;
    half_headers
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: test\r\n")
        .await
        .unwrap();
    // A request in flight whose body never comes: it holds on until the grace period ends.
    let mut no_body = server.connect().await;
    no_body
        .write_all(
            b"POST /api/auth/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\n\r\n{",
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    let took = server.stop_within(Duration::from_secs(5)).await;
    assert!(
        took >= Duration::from_millis(900),
        "the grace period was cut short: {took:?}"
    );
    assert!(took < Duration::from_secs(3), "{took:?}");
    for mut socket in [silent, half_headers, no_body] {
        read_until_closed(&mut socket, Duration::from_secs(1)).await;
    }
}

#[tokio::test]
async fn a_request_that_takes_longer_than_the_limits_to_process_is_answered() {
    // The handler works 2.5 s, longer than both 1 s limits: the limits bound waiting on the
    // client, not the server's own work.
    async fn slow(body: String) -> String {
        tokio::time::sleep(Duration::from_millis(2500)).await;
        format!("done with {body}")
    }
    let mut limits = Config::default().server;
    small(&mut limits);
    let server = Server::router(Router::new().route("/slow", post(slow)), limits).await;
    let mut client = server.connect().await;
    client
        .write_all(b"POST /slow HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: 4\r\n\r\nwork")
        .await
        .unwrap();
    let (response, took) = read_until_closed(&mut client, Duration::from_secs(10)).await;
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("done with work"), "{response}");
    assert!(took >= Duration::from_millis(2400), "{took:?}");
    server.stop_within(Duration::from_secs(5)).await;
}

/// A router with `GET /big`: `size` bytes, handed to hyper as one piece (as a file read
/// into memory would be), so the request is done long before the bytes are written.
fn big(size: usize) -> Router {
    Router::new().route("/big", get(move || async move { vec![b'x'; size] }))
}

#[tokio::test]
async fn a_client_that_takes_no_response_is_cut_off() {
    // Far more than the sockets' buffers hold: the server's writes must wait for a client
    // that never reads.
    const SIZE: usize = 32 << 20;
    let mut limits = Config::default().server;
    small(&mut limits);
    let server = Server::router(big(SIZE), limits).await;
    let mut client = server.connect_small_buffer().await;
    client
        .write_all(b"GET /big HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    // Read nothing for longer than the limit, then take what is left.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (received, _) = read_until_closed(&mut client, Duration::from_secs(10)).await;
    assert!(
        received.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&received[..received.len().min(200)])
    );
    assert!(
        received.len() < SIZE,
        "the whole response came: the server waited for the client"
    );
    server.stop_within(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_steady_download_longer_than_the_limits_completes() {
    const SIZE: usize = 16 << 20;
    let mut limits = Config::default().server;
    small(&mut limits);
    let server = Server::router(big(SIZE), limits).await;
    let mut client = server.connect_small_buffer().await;
    client
        .write_all(b"GET /big HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    // About 4 MiB a second, in reads 60 ms apart: some 4 s in all, four times the limits,
    // and never a pause near them.
    let started = Instant::now();
    let mut received = 0;
    let mut chunk = vec![0u8; 256 * 1024];
    loop {
        let mut taken = 0;
        while taken < chunk.len() {
            match client.read(&mut chunk[taken..]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => taken += n,
            }
        }
        received += taken;
        if taken < chunk.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    let took = started.elapsed();
    assert!(received > SIZE, "cut off after {received} bytes, {took:?}");
    assert!(took > Duration::from_secs(2), "{took:?}");
    server.stop_within(Duration::from_secs(5)).await;
}

/// The attack as reported, on the real binary in its own process (so its file-descriptor
/// limit is its own): 80 silent sockets against a limit of 64 descriptors, with
/// `max_connections` set too high on purpose so that accepting runs out of descriptors.
/// Health still answers once the silent ones time out, failed accepts are logged a few
/// times rather than in a loop, and SIGTERM ends the process while silent clients remain.
#[test]
fn the_binary_outlasts_silent_sockets_beyond_its_file_limit_and_stops_on_sigterm() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let log = dir.path().join("log.txt");
    let mut child = Command::new("sh")
        .args(["-c", "ulimit -n 64 && exec \"$0\" serve"])
        .arg(env!("CARGO_BIN_EXE_courseworx"))
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("BCRYPT_COST", "4")
        .env("COURSEWORX_PORT", port.to_string())
        .env("COURSEWORX_HEADER_TIMEOUT_SECS", "2")
        .env("COURSEWORX_MAX_CONNECTIONS", "200")
        .env("COURSEWORX_SHUTDOWN_GRACE_SECS", "2")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::fs::File::create(dir.path().join("err.txt")).unwrap())
        .spawn()
        .unwrap();
    let health = || -> std::io::Result<String> {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
        s.set_read_timeout(Some(Duration::from_secs(20)))?;
        s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?;
        let mut answer = String::new();
        s.read_to_string(&mut answer)?;
        Ok(answer)
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while !health().is_ok_and(|a| a.starts_with("HTTP/1.1 200")) {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }

    let silent: Vec<_> = (0..80)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let answer = health().unwrap();
    let took = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(took < Duration::from_secs(15), "{took:?}");
    drop(silent);

    // SIGTERM while two silent clients are connected: the process ends all the same.
    let _still_silent: Vec<_> = (0..2)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let stopping = Instant::now();
    assert!(
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if stopping.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("the process did not stop within 10 s of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = std::fs::read_to_string(&log).unwrap()
        + &std::fs::read_to_string(dir.path().join("err.txt")).unwrap();
    assert!(status.success(), "{output}");
    assert!(output.contains("stopped"), "{output}");
    let failures_logged = output.matches("could not accept a connection").count();
    assert!(
        (1..=3).contains(&failures_logged),
        "expected the descriptor limit to be hit and logged once or twice: {failures_logged} lines in {output}"
    );
    eprintln!(
        "health answered {took:?} after 80 silent sockets; stopped {:?} after SIGTERM; \
         {failures_logged} accept-failure lines",
        stopping.elapsed()
    );
}
