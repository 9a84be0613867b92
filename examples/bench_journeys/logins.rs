//! S5's login storm: `count` different trainees sign in at once with the demo password,
//! each on its own connection (different accounts: the sign-in limits hold one account to a
//! few guesses at a time).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::sync::Barrier;

use crate::http::Client;
use crate::stats::Step;

pub async fn run(addr: SocketAddr, count: u32, first: u32, delay: Duration) -> anyhow::Result<()> {
    tokio::time::sleep(delay).await;
    let barrier = Arc::new(Barrier::new(count as usize + 1));
    let mut logins = Vec::new();
    for n in first..first + count {
        let barrier = barrier.clone();
        logins.push(tokio::spawn(async move {
            let mut client = Client::new(addr);
            let body = json!({
                "email": courseworx::demo::trainee_email(n),
                "password": courseworx::demo::PASSWORD,
            });
            barrier.wait().await;
            client
                .send("POST", "/api/auth/login", None, Some(body.to_string()))
                .await
        }));
    }
    barrier.wait().await;
    let start = Instant::now();
    let mut step = Step::default();
    for login in logins {
        let answer = login.await?;
        step.record(&answer, answer.took);
    }
    let elapsed = start.elapsed();
    step.print("S5 login", elapsed);
    println!(
        "S5: {count} concurrent logins answered in {:.2} s",
        elapsed.as_secs_f64()
    );
    println!("storm\t{:.2}", elapsed.as_secs_f64());
    Ok(())
}
