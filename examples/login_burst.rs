//! Benchmark: 50 concurrent logins at bcrypt cost 12, and what they do to the latency of
//! another endpoint (`GET /api/health`) meanwhile. Results and how to read them:
//! BENCHMARKS.md.
//!
//!     cargo run --release --example login_burst -- [--logins 50] [--bcrypt-concurrency N]
//!
//! Everything runs on 127.0.0.1 against a fresh SQLite database in a temporary folder, and
//! stops by itself.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use courseworx::config::Config;
use courseworx::db::entities::{enums::Role, users};
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::Set;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn http(addr: SocketAddr, request: String) -> anyhow::Result<(Duration, String)> {
    let start = Instant::now();
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(request.as_bytes()).await?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await?;
    Ok((start.elapsed(), response))
}

fn health() -> String {
    "GET /api/health HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n".to_owned()
}

fn login(email: &str, password: &str) -> String {
    let body = format!(r#"{{"email":"{email}","password":"{password}"}}"#);
    format!(
        "POST /api/auth/login HTTP/1.1\r\nHost: bench\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn summary(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let pick = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[i].as_secs_f64() * 1000.0
    };
    println!(
        "{label:<34} n={:<4} p50={:>8.2} ms  p95={:>8.2} ms  p99={:>8.2} ms  max={:>8.2} ms",
        samples.len(),
        pick(0.5),
        pick(0.95),
        pick(0.99),
        pick(1.0)
    );
}

fn arg(name: &str) -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let logins = arg("--logins").unwrap_or(50);
    let dir = tempfile::tempdir()?;
    let mut config = Config {
        data_dir: dir.path().to_path_buf(),
        ..Config::default()
    };
    config.auth.bcrypt_cost = 12;
    config.auth.bcrypt_concurrency = arg("--bcrypt-concurrency");
    let state = courseworx::startup::build_state(config).await?;
    // One user per login: the sign-in limits hold each account to 5 guesses at a time (and
    // one address to 100), so a burst on one account would mostly measure 429s.
    let hash = courseworx::auth::password::hash("bench-password").await?;
    for n in 0..logins {
        users::ActiveModel {
            first_name: Set("Bench".into()),
            last_name: Set("Mark".into()),
            email: Set(format!("bench{n}@example.com")),
            password: Set(hash.as_str().to_owned()),
            role: Set(Role::Trainee),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
    }

    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(courseworx::startup::serve(listener, state, async {
        let _ = stopped.await;
    }));

    println!(
        "cores: {}, bcrypt cost 12, bcrypt concurrency: {}, logins: {logins}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        arg("--bcrypt-concurrency").unwrap_or_else(courseworx::auth::password::default_concurrency)
    );

    let mut idle = Vec::new();
    for _ in 0..200 {
        idle.push(http(addr, health()).await?.0);
    }
    summary("health, idle", idle);

    let burst_start = Instant::now();
    let burst: Vec<_> = (0..logins)
        .map(|n| {
            let email = format!("bench{n}@example.com");
            tokio::spawn(http(addr, login(&email, "bench-password")))
        })
        .collect();
    let mut during = Vec::new();
    while !burst.iter().all(|h| h.is_finished()) && burst_start.elapsed() < Duration::from_secs(120)
    {
        during.push(http(addr, health()).await?.0);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut login_times = Vec::new();
    for handle in burst {
        let (took, response) = handle.await??;
        anyhow::ensure!(
            response.starts_with("HTTP/1.1 200"),
            "login failed: {response}"
        );
        login_times.push(took);
    }
    let wall = burst_start.elapsed();
    summary("health, during the login burst", during);
    summary("login", login_times);
    println!("all {logins} logins done in {:.2} s", wall.as_secs_f64());

    let _ = stop.send(());
    server.await??;
    Ok(())
}
