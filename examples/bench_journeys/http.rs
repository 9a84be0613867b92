//! One kept-alive HTTP/1.1 connection (hyper), opened again when the server closed it.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpStream;

/// No request of a journey waits longer than this (then it counts as an error).
const LIMIT: Duration = Duration::from_secs(120);

/// `http://127.0.0.1:8080` -> the socket address (loopback benchmarks only).
pub fn address(base: &str) -> anyhow::Result<SocketAddr> {
    let rest = base
        .strip_prefix("http://")
        .ok_or_else(|| anyhow::anyhow!("--base must be http://HOST:PORT, not {base}"))?;
    Ok(rest.trim_end_matches('/').parse()?)
}

/// What came back: the status (0 when the exchange failed) and the body, or the failure.
pub struct Answer {
    pub status: u16,
    pub body: Bytes,
    /// From sending the request on the connection to the last byte of the answer.
    pub took: Duration,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// A short description of a failed answer, for the error list.
    pub fn error_text(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let text: String = text.chars().take(300).collect();
        format!("{} {}", self.status, text)
    }
}

pub struct Client {
    addr: SocketAddr,
    sender: Option<SendRequest<Full<Bytes>>>,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Client {
        Client { addr, sender: None }
    }

    /// Sends one request. A connection or protocol failure is an answer with status 0 and
    /// the failure as its body, so it is counted like any other error.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> Answer {
        let start = Instant::now();
        match tokio::time::timeout(LIMIT, self.exchange(method, path, token, body)).await {
            Ok(Ok((status, body))) => Answer {
                status,
                body,
                took: start.elapsed(),
            },
            Ok(Err(e)) => {
                self.sender = None;
                Answer {
                    status: 0,
                    body: Bytes::from(format!("connection: {e}")),
                    took: start.elapsed(),
                }
            }
            Err(_) => {
                self.sender = None;
                Answer {
                    status: 0,
                    body: Bytes::from(format!("no answer within {} s", LIMIT.as_secs())),
                    took: start.elapsed(),
                }
            }
        }
    }

    /// A request whose answer must be JSON (set-up and checks, not measured).
    pub async fn json(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> anyhow::Result<(u16, Value)> {
        let answer = self.send(method, path, token, body).await;
        anyhow::ensure!(answer.status != 0, "{path}: {}", answer.error_text());
        Ok((answer.status, answer.json()))
    }

    async fn exchange(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> anyhow::Result<(u16, Bytes)> {
        if self.sender.as_ref().is_none_or(|s| s.is_closed()) {
            let stream = TcpStream::connect(self.addr).await?;
            stream.set_nodelay(true)?;
            let (sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
            tokio::spawn(async move {
                let _ = connection.await;
            });
            self.sender = Some(sender);
        }
        let Some(sender) = self.sender.as_mut() else {
            anyhow::bail!("not connected");
        };
        sender.ready().await?;
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", self.addr.to_string());
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header("content-type", "application/json");
                Full::new(Bytes::from(json))
            }
            None => Full::new(Bytes::new()),
        };
        let response = sender.send_request(request.body(body)?).await?;
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await?.to_bytes();
        Ok((status, bytes))
    }
}
