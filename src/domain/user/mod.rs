//! Users: who they are (`User`, `Role`) and the rules of their fields. The seed's limits
//! hold: names 2-50 characters, email up to 255, password 6 characters to 72 bytes; longer
//! input is refused, never truncated.
//!
//! - `fields`: one field at a time (names, email, password, phone);
//! - `forms`: what creates or changes an account (`NewAdmin`, `NewUser`, `UserChanges`,
//!   `ProfileForm`), every bad field collected;
//! - `list`: sorting and filtering the user list.

mod fields;
mod forms;
mod list;

pub use fields::*;
pub use forms::*;
pub use list::*;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The three roles of the seed (`users.role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    SuperAdmin,
    Trainer,
    Trainee,
}

/// A user as the rest of the application sees it: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: Role,
    pub phone: Option<String>,
    /// The avatar's address (under `/media/avatars/`), when one was uploaded.
    pub avatar: Option<String>,
    pub is_active: bool,
    pub last_login: Option<DateTime<Utc>>,
    pub requires_password_change: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl User {
    /// The seed's `getFullName`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

impl Role {
    pub fn parse(raw: &str) -> Option<Role> {
        match raw.trim() {
            "super_admin" => Some(Role::SuperAdmin),
            "trainer" => Some(Role::Trainer),
            "trainee" => Some(Role::Trainee),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Role::SuperAdmin => "super_admin",
            Role::Trainer => "trainer",
            Role::Trainee => "trainee",
        }
    }
}
