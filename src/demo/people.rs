//! `users`: the super admin, the trainers and the trainees, all with the one demo password
//! (hashed once).

use uuid::Uuid;

use super::sink::{Sink, Stopped};
use super::tables::USERS;
use super::{Gen, Plan, admin_email, names, trainee_email, trainer_email};

/// The ids the later rows refer to, trainers and trainees in number order (index 0 is
/// trainer1 / trainee1).
pub struct People {
    pub trainers: Vec<Uuid>,
    pub trainees: Vec<Uuid>,
    /// When each trainee's account was made (no enrolment is earlier).
    pub trainee_since: Vec<chrono::DateTime<chrono::Utc>>,
}

pub fn write(sink: &mut Sink, g: &mut Gen, plan: &Plan, hash: &str) -> Result<People, Stopped> {
    let created = g.days_ago(400);
    user(
        sink,
        g,
        created,
        ("Ada", "Admin"),
        admin_email(),
        "super_admin",
        hash,
    )?;
    let mut trainers = Vec::with_capacity(plan.trainers as usize);
    for n in 1..=plan.trainers {
        let (from, to) = (g.days_ago(380), g.days_ago(300));
        let at = g.between(from, to);
        let name = names::person(&mut g.rng);
        trainers.push(user(sink, g, at, name, trainer_email(n), "trainer", hash)?);
    }
    let mut trainees = Vec::with_capacity(plan.trainees as usize);
    let mut trainee_since = Vec::with_capacity(plan.trainees as usize);
    for n in 1..=plan.trainees {
        let (from, to) = (g.days_ago(365), g.days_ago(250));
        let at = g.between(from, to);
        let name = names::person(&mut g.rng);
        trainees.push(user(sink, g, at, name, trainee_email(n), "trainee", hash)?);
        trainee_since.push(at);
    }
    Ok(People {
        trainers,
        trainees,
        trainee_since,
    })
}

#[allow(clippy::too_many_arguments)]
fn user(
    sink: &mut Sink,
    g: &mut Gen,
    at: chrono::DateTime<chrono::Utc>,
    (first, last): (&str, &str),
    email: String,
    role: &str,
    hash: &str,
) -> Result<Uuid, Stopped> {
    let id = g.id(at);
    let last_login = if g.chance(0.8) {
        let from = g.days_ago(30);
        Some(g.between(from, g.now))
    } else {
        None
    };
    sink.push(
        &USERS,
        [
            id.into(),
            first.into(),
            last.into(),
            email.into(),
            hash.into(),
            role.into(),
            Some(true).into(),
            last_login.into(),
            Some(false).into(),
            at.into(),
            last_login.unwrap_or(at).into(),
        ],
    )?;
    Ok(id)
}
