//! Users: the seed's validation rules (names 2-50 characters, email up to 255, password
//! 6-100 characters; longer input is refused, never truncated).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::validation::{FieldErrors, check_length};

/// The three roles of the seed (`users.role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    SuperAdmin,
    Trainer,
    Trainee,
}

/// A user as the rest of the application sees it: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: Role,
    pub phone: Option<String>,
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

pub const PASSWORD_MIN: usize = 6;
pub const PASSWORD_MAX: usize = 100;

/// Trimmed and lower-cased: the form every email is stored and compared in.
pub fn normalize_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

fn check_email(errors: &mut FieldErrors, email: &str) {
    if email.chars().count() > 255 {
        errors.add("email", "must be at most 255 characters");
    } else if !email_address::EmailAddress::is_valid(email) {
        errors.add("email", "must be a valid email address");
    }
}

pub fn check_password(errors: &mut FieldErrors, field: &str, password: &str) {
    check_length(errors, field, password, PASSWORD_MIN, PASSWORD_MAX);
}

/// A super admin to create (or reset) from the command line.
#[derive(Debug, Clone)]
pub struct NewAdmin {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub password: String,
}

impl NewAdmin {
    pub fn parse(
        first_name: &str,
        last_name: &str,
        email: &str,
        password: &str,
    ) -> Result<NewAdmin, FieldErrors> {
        let mut errors = FieldErrors::default();
        let first_name = first_name.trim();
        let last_name = last_name.trim();
        let email = normalize_email(email);
        check_length(&mut errors, "firstName", first_name, 2, 50);
        check_length(&mut errors, "lastName", last_name, 2, 50);
        check_email(&mut errors, &email);
        check_password(&mut errors, "password", password);
        errors.finish(NewAdmin {
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            email,
            password: password.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_admin_is_normalised() {
        let a = NewAdmin::parse(" Ada ", "Lovelace", "  Ada@Example.COM ", "secret1").unwrap();
        assert_eq!(a.first_name, "Ada");
        assert_eq!(a.email, "ada@example.com");
    }

    #[test]
    fn every_bad_field_is_listed() {
        let e = NewAdmin::parse("A", "", "nope", "12345").unwrap_err();
        for field in ["firstName", "lastName", "email", "password"] {
            assert!(e.get(field).is_some(), "{field} missing in {e}");
        }
    }

    #[test]
    fn long_passwords_are_refused_not_truncated() {
        let e = NewAdmin::parse("Ada", "Lovelace", "a@b.co", &"x".repeat(101)).unwrap_err();
        assert!(e.get("password").is_some());
        assert!(NewAdmin::parse("Ada", "Lovelace", "a@b.co", &"é".repeat(100)).is_ok());
    }
}
