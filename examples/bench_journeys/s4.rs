//! S4: the exam-start stampede. The trainees start the benchmark quiz (16 questions),
//! evenly spread over `--spread-ms` (1 s), then save an answer to each question, one
//! request per answer, and submit. By default without pausing between requests (the
//! worst case: no time spent reading); `--think-ms` pauses that long before each answer
//! and before the submit (reading time; not counted in the figures).
//!
//! Connections: the trainees share a pool of `--connections` kept-alive connections (32,
//! as the rest of the suite: what a reverse proxy would keep open to the server). A trainee
//! takes a free connection for each request and gives it back after, so the trainees
//! interleave. Each step is timed twice: from the moment the trainee wanted to send
//! (waiting for a free connection included: what the trainee sees), and on the wire only
//! (the server's answer time at that concurrency). With `--connections` as large as the
//! class, every trainee has their own connection and the two agree.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Semaphore;
use uuid::Uuid;

use crate::http::{Answer, Client};
use crate::stats::Step;

struct Pool {
    addr: SocketAddr,
    permits: Semaphore,
    idle: Mutex<Vec<Client>>,
}

impl Pool {
    /// Sends on a free connection: the answer and the time spent waiting for one.
    async fn send(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<String>,
    ) -> (Answer, Duration) {
        let asked = Instant::now();
        let _permit = self.permits.acquire().await.ok();
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut client = idle.unwrap_or_else(|| Client::new(self.addr));
        let waited = asked.elapsed();
        let answer = client.send(method, path, Some(token), body).await;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(client);
        }
        (answer, waited)
    }
}

/// One trainee's steps: (with the wait, on the wire) for start, answers and submit.
#[derive(Default)]
struct Journey {
    steps: [(Step, Step); 3],
    /// When the start was answered (successfully or not).
    started: Option<Instant>,
    new_attempt: bool,
    graded: bool,
}

impl Journey {
    fn record(&mut self, step: usize, answer: &Answer, waited: Duration) {
        self.steps[step].0.record(answer, waited + answer.took);
        self.steps[step].1.record(answer, answer.took);
    }
}

/// What to answer: the first option (a list of it for multiple choice), `true`, or text.
fn answer_for(question: &Value) -> Value {
    match question["questionType"].as_str() {
        Some("multiple_choice") => json!([question["options"][0]]),
        Some("true_false") => json!("true"),
        Some("text") => json!("an answer"),
        _ => question["options"][0].clone(),
    }
}

async fn journey(
    pool: Arc<Pool>,
    token: String,
    quiz: Uuid,
    at: Instant,
    think: Duration,
) -> Journey {
    tokio::time::sleep_until(at.into()).await;
    let mut j = Journey::default();
    let (answer, waited) = pool
        .send(
            "POST",
            &format!("/api/contents/{quiz}/attempts"),
            &token,
            None,
        )
        .await;
    j.record(0, &answer, waited);
    j.started = Some(Instant::now());
    if !answer.ok() {
        return j;
    }
    j.new_attempt = answer.status == 201;
    let attempt = answer.json()["attempt"].clone();
    let Some(id) = attempt["id"].as_str() else {
        return j;
    };
    let path = format!("/api/attempts/{id}/answers");
    for question in attempt["questions"].as_array().into_iter().flatten() {
        tokio::time::sleep(think).await;
        let body = json!({ "answers": [
            { "questionId": question["id"], "answer": answer_for(question) }
        ]});
        let (answer, waited) = pool
            .send("PUT", &path, &token, Some(body.to_string()))
            .await;
        j.record(1, &answer, waited);
    }
    tokio::time::sleep(think).await;
    let (answer, waited) = pool
        .send("POST", &format!("/api/attempts/{id}/submit"), &token, None)
        .await;
    j.record(2, &answer, waited);
    j.graded = answer.json()["attempt"]["status"] == "graded";
    j
}

pub async fn run(
    addr: SocketAddr,
    tokens: Vec<(String, String)>,
    connections: usize,
    spread: Duration,
    think: Duration,
) -> anyhow::Result<()> {
    let mut client = Client::new(addr);
    let course = crate::benchmark_course(&mut client, &tokens[0].1).await?;
    let progress = crate::progress(&mut client, &tokens[0].1, course).await?;
    let quiz: Uuid = progress["lessons"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|l| l["type"] == "quiz" && l["title"] == courseworx::demo::BENCHMARK_QUIZ_TITLE)
        .and_then(|l| l["contentId"].as_str()?.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no benchmark quiz in course {course}"))?;
    let n = tokens.len();
    println!(
        "S4: {n} trainees start quiz {quiz} within {} ms, answer 16 questions and submit, {} ms of reading before each answer and the submit; {connections} shared connections",
        spread.as_millis(),
        think.as_millis()
    );

    let pool = Arc::new(Pool {
        addr,
        permits: Semaphore::new(connections),
        idle: Mutex::new(Vec::new()),
    });
    // A moment to spawn every trainee before the first one starts.
    let zero = Instant::now() + Duration::from_millis(100);
    let mut trainees = Vec::with_capacity(n);
    for (i, (_, token)) in tokens.into_iter().enumerate() {
        let at = zero + spread.mul_f64(i as f64 / n as f64);
        trainees.push(tokio::spawn(journey(pool.clone(), token, quiz, at, think)));
    }
    let mut steps: [(Step, Step); 3] = Default::default();
    let (mut last_start, mut new_attempts, mut graded) = (zero, 0, 0);
    for trainee in trainees {
        let j = trainee.await?;
        last_start = last_start.max(j.started.unwrap_or(zero));
        new_attempts += usize::from(j.new_attempt);
        graded += usize::from(j.graded);
        for (total, step) in steps.iter_mut().zip(j.steps) {
            total.0.merge(step.0);
            total.1.merge(step.1);
        }
    }
    let elapsed = zero.elapsed();
    for (name, (seen, wire)) in ["S4 start", "S4 answer", "S4 submit"].iter().zip(&steps) {
        seen.print(name, elapsed);
        wire.print(&format!("{name} (wire)"), elapsed);
    }
    println!(
        "S4: {} starts answered within {:.2} s of the first ({new_attempts} new attempts, {} resumed one in progress); {graded} attempts graded; all done in {:.2} s",
        steps[0].0.samples.len(),
        (last_start - zero).as_secs_f64(),
        steps[0].0.ok as usize - new_attempts,
        elapsed.as_secs_f64()
    );
    println!("stampede\t{:.2}", (last_start - zero).as_secs_f64());
    Ok(())
}
