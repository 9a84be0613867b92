//! Graceful shutdown: a request already in flight when shutdown begins is answered; the
//! server then stops.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::helpers::TestApp;

#[tokio::test]
async fn a_request_in_flight_is_answered_after_shutdown_begins() {
    let app = TestApp::spawn().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(courseworx::startup::serve(
        listener,
        app.state.clone(),
        async {
            let _ = stopped.await;
        },
    ));

    // A client that sends its request slowly: headers and half the body...
    let body = r#"{"email":"nobody@example.com","password":"not-a-real-one"}"#;
    let (first, rest) = body.split_at(body.len() / 2);
    let mut client = TcpStream::connect(addr).await.unwrap();
    client
        .write_all(
            format!(
                "POST /api/auth/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{first}",
                body.len()
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    // ... then shutdown begins while that request is in flight.
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !server.is_finished(),
        "the server stopped with a request in flight"
    );

    // The rest of the body arrives, and the request is answered in full.
    client.write_all(rest.as_bytes()).await.unwrap();
    let mut response = String::new();
    tokio::time::timeout(
        Duration::from_secs(10),
        client.read_to_string(&mut response),
    )
    .await
    .expect("the answer came")
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 401"), "{response}");
    assert!(response.contains("unauthorized"), "{response}");

    // With nothing left in flight, the server stops by itself.
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stopped")
        .unwrap()
        .unwrap();
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "no new connections after shutdown"
    );
}

#[tokio::test]
async fn a_client_that_trickles_its_headers_is_cut_off_and_clients_are_known_by_address() {
    let app = TestApp::spawn_with(|c| c.server.header_timeout_secs = 1).await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(courseworx::startup::serve(
        listener,
        app.state.clone(),
        async {
            let _ = stopped.await;
        },
    ));

    // Slowloris: the request line and one header, and then nothing.
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /api/health HTTP/1.1\r\nHost: test\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut answer))
        .await
        .expect("the server closed the connection");
    assert!(read.is_ok() || answer.is_empty());
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 408"),
        "{text}"
    );

    // A client that sends its request at once is served as usual, with its address known:
    // failures from one address, each for another account, end in that address's lock.
    let mut last = String::new();
    for i in 0..25 {
        let body = format!(r#"{{"email":"nobody{i}@example.com","password":"wrong-one"}}"#);
        let mut client = TcpStream::connect(addr).await.unwrap();
        client
            .write_all(
                format!(
                    "POST /api/auth/login HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\
                     Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            )
            .await
            .unwrap();
        last.clear();
        client.read_to_string(&mut last).await.unwrap();
        if last.starts_with("HTTP/1.1 429") {
            break;
        }
        assert!(last.starts_with("HTTP/1.1 401"), "{last}");
    }
    assert!(last.starts_with("HTTP/1.1 429"), "{last}");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
