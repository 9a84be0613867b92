//! Latencies and errors of one step of a journey, and how they are printed.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::http::Answer;

/// How many different error texts are kept per step (the rest are only counted).
const EXAMPLES: usize = 5;

#[derive(Default)]
pub struct Step {
    /// The latency of every answer, errors included.
    pub samples: Vec<Duration>,
    pub ok: u64,
    /// Errors by status (0: no answer, the connection failed).
    pub errors: BTreeMap<u16, u64>,
    /// The first different error texts, with how often each was seen.
    pub examples: Vec<(String, u64)>,
}

impl Step {
    /// Records an answer, timed by `took` (which may include time spent waiting for a
    /// connection, see s4.rs).
    pub fn record(&mut self, answer: &Answer, took: Duration) {
        self.samples.push(took);
        if answer.ok() {
            self.ok += 1;
            return;
        }
        *self.errors.entry(answer.status).or_default() += 1;
        let text = answer.error_text();
        if let Some(seen) = self.examples.iter_mut().find(|(t, _)| *t == text) {
            seen.1 += 1;
        } else if self.examples.len() < EXAMPLES {
            self.examples.push((text, 1));
        }
    }

    pub fn merge(&mut self, other: Step) {
        self.samples.extend(other.samples);
        self.ok += other.ok;
        for (status, n) in other.errors {
            *self.errors.entry(status).or_default() += n;
        }
        for (text, n) in other.examples {
            if let Some(seen) = self.examples.iter_mut().find(|(t, _)| *t == text) {
                seen.1 += n;
            } else if self.examples.len() < EXAMPLES {
                self.examples.push((text, n));
            }
        }
    }

    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    /// The q-quantile in milliseconds (nearest rank); 0 without samples.
    pub fn quantile(&self, q: f64) -> f64 {
        let mut sorted = self.samples.clone();
        sorted.sort();
        if sorted.is_empty() {
            return 0.0;
        }
        let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
        sorted[i].as_secs_f64() * 1000.0
    }

    /// Prints the readable line, the errors, and the `result` line for bench/run.
    pub fn print(&self, name: &str, elapsed: Duration) {
        let rate = self.ok as f64 / elapsed.as_secs_f64().max(1e-9);
        let (p50, p95, p99, max) = (
            self.quantile(0.5),
            self.quantile(0.95),
            self.quantile(0.99),
            self.quantile(1.0),
        );
        println!(
            "{name:<22} ok={:<7} errors={:<5} {rate:>9.1}/s  p50={p50:>8.2} ms  p95={p95:>8.2} ms  p99={p99:>8.2} ms  max={max:>8.2} ms",
            self.ok,
            self.error_count()
        );
        for (status, n) in &self.errors {
            println!("    {n} answered {status}");
        }
        for (text, n) in &self.examples {
            println!("    {n} x {text}");
        }
        println!(
            "result\t{name}\t{}\t{}\t{rate:.1}\t{p50:.2}\t{p95:.2}\t{p99:.2}\t{max:.2}",
            self.ok,
            self.error_count()
        );
    }
}
