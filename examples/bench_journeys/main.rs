//! The journeys of the benchmark suite (issue 11; `bench/run` S3, S4, S5), against a
//! running server, as the demo trainees whose sessions `courseworx bench-tokens` opened:
//!
//!     bench_journeys s3 --base URL --tokens FILE [--seconds 5] [--connections 32]
//!     bench_journeys s4 --base URL --tokens FILE [--trainees 1000] [--connections 32]
//!                       [--spread-ms 1000] [--think-ms 0]
//!     bench_journeys logins --base URL [--count 50] [--first 1] [--delay-ms 0]
//!
//! - `s3`: lesson completions (`POST /api/contents/{id}/complete`, each with the progress
//!   recompute) for `--seconds` on `--connections` kept-alive connections, the trainees and
//!   lessons of the benchmark course in turn; then the check that every successful request
//!   is in the database: each trainee's progress is read before and after through the API,
//!   and per trainee and lesson the times completed and the time spent grew by exactly
//!   what the successful requests sent, and each enrolment's stored progress equals a
//!   recount of its lessons.
//! - `s4`: the exam-start stampede (`s4.rs` says how connections are shared).
//! - `logins`: `--count` trainees (`trainee{first}`, `trainee{first+1}`, ...) sign in at
//!   once with the demo password, each on its own connection (S5).
//!
//! Output: a readable summary, and for `bench/run` one tab-separated line per step:
//! `result <step> <ok> <errors> <per second> <p50> <p95> <p99> <max>` (milliseconds), and for
//! S3 `check <ok|mismatch> <text>`. Non-2xx answers are errors, listed by status with the
//! first bodies seen. Loopback only; it stops by itself.

mod http;
mod logins;
mod s3;
mod s4;
mod stats;

use std::time::Duration;

use serde_json::Value;
use uuid::Uuid;

use crate::http::Client;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn number(name: &str, default: u64) -> u64 {
    arg(name).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The tokens file of `courseworx bench-tokens`: `email token` lines.
fn read_tokens(limit: usize) -> anyhow::Result<Vec<(String, String)>> {
    let path = arg("--tokens").ok_or_else(|| anyhow::anyhow!("--tokens FILE is required"))?;
    let text = std::fs::read_to_string(&path)?;
    let tokens: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(e, t)| (e.to_owned(), t.trim().to_owned()))
        .take(limit)
        .collect();
    anyhow::ensure!(!tokens.is_empty(), "no tokens in {path}");
    Ok(tokens)
}

/// The benchmark course's id, from a trainee's own list of enrolments.
async fn benchmark_course(client: &mut Client, token: &str) -> anyhow::Result<Uuid> {
    let (status, body) = client
        .json("GET", "/api/enrollments?limit=100", Some(token), None)
        .await?;
    anyhow::ensure!(status == 200, "GET /api/enrollments: {status} {body}");
    body["enrollments"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["course"]["title"] == courseworx::demo::BENCHMARK_COURSE_TITLE)
        .and_then(|e| e["course"]["id"].as_str())
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("the first trainee is not in the benchmark course"))
}

/// `GET /api/courses/{id}/progress` as the trainee.
async fn progress(client: &mut Client, token: &str, course: Uuid) -> anyhow::Result<Value> {
    let path = format!("/api/courses/{course}/progress");
    let (status, body) = client.json("GET", &path, Some(token), None).await?;
    anyhow::ensure!(status == 200, "GET {path}: {status} {body}");
    Ok(body["progress"].clone())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let base = arg("--base").ok_or_else(|| anyhow::anyhow!("--base URL is required"))?;
    let addr = http::address(&base)?;
    let connections = number("--connections", 32).max(1) as usize;
    match std::env::args().nth(1).as_deref() {
        Some("s3") => {
            let tokens = read_tokens(number("--trainees", u64::MAX) as usize)?;
            let seconds = Duration::from_secs_f64(number("--seconds", 5) as f64);
            s3::run(addr, tokens, connections, seconds).await
        }
        Some("s4") => {
            let tokens = read_tokens(number("--trainees", 1000) as usize)?;
            let spread = Duration::from_millis(number("--spread-ms", 1000));
            let think = Duration::from_millis(number("--think-ms", 0));
            s4::run(addr, tokens, connections, spread, think).await
        }
        Some("logins") => {
            let count = number("--count", 50) as u32;
            let first = number("--first", 1) as u32;
            let delay = Duration::from_millis(number("--delay-ms", 0));
            logins::run(addr, count, first, delay).await
        }
        _ => anyhow::bail!("usage: bench_journeys s3|s4|logins --base URL ... (see the source)"),
    }
}
