//! S3: lesson completions, each with its progress recompute, and the exact check after.
//!
//! Request i is trainee `i mod T` completing lesson `(i / T + trainee) mod L` of the
//! benchmark course (every lesson but quizzes and the certificate), with `timeSpent` of
//! `i mod 60 + 1` seconds: consecutive requests are different trainees, and each trainee
//! goes through every lesson. Most lessons were completed already by the demo data, so
//! most requests update a row (times and time spent added up) and some insert one.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use uuid::Uuid;

use crate::http::Client;
use crate::stats::Step;

pub async fn run(
    addr: SocketAddr,
    tokens: Vec<(String, String)>,
    connections: usize,
    seconds: Duration,
) -> anyhow::Result<()> {
    let tokens = Arc::new(tokens);
    let mut client = Client::new(addr);
    let course = crate::benchmark_course(&mut client, &tokens[0].1).await?;
    let before = read_all(addr, &tokens, course, connections).await?;
    let lessons: Arc<Vec<Uuid>> = Arc::new(
        before[0]["lessons"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|l| !matches!(l["type"].as_str(), Some("quiz" | "certificate")))
            .filter_map(|l| l["contentId"].as_str()?.parse().ok())
            .collect(),
    );
    anyhow::ensure!(!lessons.is_empty(), "the benchmark course has no lessons");
    println!(
        "S3: {} trainees x {} lessons of course {course}, {connections} connections, {} s",
        tokens.len(),
        lessons.len(),
        seconds.as_secs_f64()
    );

    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + seconds;
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (tokens, lessons, next) = (tokens.clone(), lessons.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut client = Client::new(addr);
            let mut step = Step::default();
            let mut done = Vec::new();
            let (t_count, l_count) = (tokens.len() as u64, lessons.len() as u64);
            while Instant::now() < deadline {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let trainee = (i % t_count) as usize;
                let lesson = ((i / t_count + trainee as u64) % l_count) as usize;
                let secs = (i % 60 + 1) as i64;
                let path = format!("/api/contents/{}/complete", lessons[lesson]);
                let body = json!({ "timeSpent": secs }).to_string();
                let answer = client
                    .send("POST", &path, Some(&tokens[trainee].1), Some(body))
                    .await;
                step.record(&answer, answer.took);
                if answer.ok() {
                    done.push((trainee, lesson, secs));
                }
            }
            (step, done)
        }));
    }
    let mut step = Step::default();
    let mut done = Vec::new();
    for worker in workers {
        let (s, d) = worker.await?;
        step.merge(s);
        done.extend(d);
    }
    let elapsed = start.elapsed();
    step.print("S3 complete", elapsed);

    let after = read_all(addr, &tokens, course, connections).await?;
    check(&before, &after, &lessons, &done);
    Ok(())
}

/// Every trainee's progress in the course, in the order of the tokens.
async fn read_all(
    addr: SocketAddr,
    tokens: &Arc<Vec<(String, String)>>,
    course: Uuid,
    connections: usize,
) -> anyhow::Result<Vec<Value>> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut readers = Vec::new();
    for _ in 0..connections.min(tokens.len()) {
        let (tokens, next) = (tokens.clone(), next.clone());
        readers.push(tokio::spawn(async move {
            let mut client = Client::new(addr);
            let mut read = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= tokens.len() {
                    return anyhow::Ok(read);
                }
                read.push((i, crate::progress(&mut client, &tokens[i].1, course).await?));
            }
        }));
    }
    let mut all = Vec::new();
    for reader in readers {
        all.extend(reader.await??);
    }
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, p)| p).collect())
}

#[derive(Default, Clone, Copy)]
struct Record {
    completed: bool,
    attempts: i64,
    time_spent: i64,
}

fn records(progress: &Value) -> HashMap<Uuid, Record> {
    progress["lessons"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| {
            let id = l["contentId"].as_str()?.parse().ok()?;
            Some((
                id,
                Record {
                    completed: l["completed"].as_bool().unwrap_or(false),
                    attempts: l["attempts"].as_i64().unwrap_or(0),
                    time_spent: l["timeSpent"].as_i64().unwrap_or(0),
                },
            ))
        })
        .collect()
}

/// The progress the application should have stored: completed required lessons (the
/// certificate aside) over required lessons, in percent, two decimals.
fn recount(progress: &Value) -> f64 {
    let counted: Vec<&Value> = progress["lessons"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| l["isRequired"] == true && l["type"] != "certificate")
        .collect();
    if counted.is_empty() {
        return 0.0;
    }
    let done = counted.iter().filter(|l| l["completed"] == true).count();
    (10_000.0 * done as f64 / counted.len() as f64).round() / 100.0
}

/// Compares what the API reads after the run with what it read before plus what the
/// successful requests did, and prints the verdict (`check` line for bench/run) and the
/// changes the database must show (`expect` line).
fn check(before: &[Value], after: &[Value], lessons: &[Uuid], done: &[(usize, usize, i64)]) {
    let mut sent: HashMap<(usize, usize), (i64, i64)> = HashMap::new();
    for &(t, l, secs) in done {
        let e = sent.entry((t, l)).or_default();
        e.0 += 1;
        e.1 += secs;
    }
    let (mut recorded, mut new_rows, mut wrong_lessons, mut wrong_progress) = (0i64, 0, 0, 0);
    let mut shown = 0;
    for (t, (b, a)) in before.iter().zip(after).enumerate() {
        let (rb, ra) = (records(b), records(a));
        for (l, id) in lessons.iter().enumerate() {
            let (n, secs) = sent.get(&(t, l)).copied().unwrap_or_default();
            let old = rb.get(id).copied().unwrap_or_default();
            let new = ra.get(id).copied().unwrap_or_default();
            recorded += new.attempts - old.attempts;
            if n > 0 && old.attempts == 0 && !old.completed {
                new_rows += 1;
            }
            let right = new.attempts - old.attempts == n
                && new.time_spent - old.time_spent == secs
                && new.completed == (old.completed || n > 0);
            if !right {
                wrong_lessons += 1;
                if shown < 5 {
                    shown += 1;
                    println!(
                        "    trainee {t}, lesson {id}: sent {n} completions ({secs} s); times {} -> {}, time spent {} -> {}, completed {} -> {}",
                        old.attempts,
                        new.attempts,
                        old.time_spent,
                        new.time_spent,
                        old.completed,
                        new.completed
                    );
                }
            }
        }
        let stored: f64 = a["enrollment"]["progress"]
            .as_str()
            .and_then(|p| p.parse().ok())
            .unwrap_or(-1.0);
        if (stored - recount(a)).abs() > 0.001 {
            wrong_progress += 1;
            if shown < 10 {
                shown += 1;
                println!(
                    "    trainee {t}: progress stored {stored}, recount {}",
                    recount(a)
                );
            }
        }
    }
    let verdict = if wrong_lessons == 0 && wrong_progress == 0 && recorded == done.len() as i64 {
        "ok"
    } else {
        "mismatch"
    };
    let text = format!(
        "{} successful completions, {recorded} recorded (times completed, read back through the API), {new_rows} new lesson_completions rows; {wrong_lessons} of {} trainee-lessons differ; {wrong_progress} of {} enrolments' progress differ from a recount",
        done.len(),
        before.len() * lessons.len(),
        after.len()
    );
    println!("check: {verdict}: {text}");
    println!("check\t{verdict}\t{text}");
    println!("expect\t{new_rows}\t{}", done.len());
}
