//! What creates or changes an account, parsed once at the edge with every bad field
//! collected.

use serde::Deserialize;

use super::fields::{check_email, check_name, check_password, normalize_email, parse_phone};
use super::{PersonName, Role, User};
use crate::domain::validation::{FieldError, FieldErrors};

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
        check_name(&mut errors, "firstName", first_name);
        check_name(&mut errors, "lastName", last_name);
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

/// What a super admin fills in to create an account (API body, form or CSV row).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserForm {
    #[schema(required = true, value_type = PersonName)]
    pub first_name: Option<String>,
    #[schema(required = true, value_type = PersonName)]
    pub last_name: Option<String>,
    #[schema(required = true, nullable = false, format = "email", max_length = 255)]
    pub email: Option<String>,
    /// `super_admin`, `trainer` or `trainee`; `trainee` when absent or empty.
    #[schema(pattern = "^(super_admin|trainer|trainee)?$")]
    pub role: Option<String>,
    #[schema(max_length = 20, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<String>,
    /// Without one, a temporary password is generated and answered once.
    /// 6 or more characters, at most 72 bytes (bcrypt reads no further).
    #[schema(min_length = 6, max_length = 72)]
    pub password: Option<String>,
    /// Defaults to true exactly when no password is given.
    pub requires_password_change: Option<bool>,
}

/// A validated new account. Without a password, the service generates a temporary one.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: Role,
    pub phone: Option<String>,
    pub password: Option<String>,
    pub requires_password_change: bool,
}

impl NewUser {
    pub fn parse(form: &UserForm) -> Result<NewUser, FieldErrors> {
        let mut errors = FieldErrors::default();
        let first_name = form.first_name.as_deref().unwrap_or_default().trim();
        let last_name = form.last_name.as_deref().unwrap_or_default().trim();
        let email = normalize_email(form.email.as_deref().unwrap_or_default());
        check_name(&mut errors, "firstName", first_name);
        check_name(&mut errors, "lastName", last_name);
        check_email(&mut errors, &email);
        let role = match form
            .role
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            None => Some(Role::Trainee),
            Some(raw) => Role::parse(raw).or_else(|| {
                errors.add("role", FieldError::Role);
                None
            }),
        };
        let phone = parse_phone(&mut errors, form.phone.as_deref());
        if let Some(p) = &form.password {
            check_password(&mut errors, "password", p);
        }
        let requires_password_change = form
            .requires_password_change
            .unwrap_or(form.password.is_none());
        errors.finish(NewUser {
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            email,
            role: role.unwrap_or(Role::Trainee),
            phone,
            password: form.password.clone(),
            requires_password_change,
        })
    }
}

/// What a super admin may change on an account; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserChangesForm {
    #[schema(value_type = Option<PersonName>)]
    pub first_name: Option<String>,
    #[schema(value_type = Option<PersonName>)]
    pub last_name: Option<String>,
    #[schema(format = "email", max_length = 255)]
    pub email: Option<String>,
    #[schema(value_type = Option<Role>)]
    pub role: Option<String>,
    /// `""` clears the phone number.
    #[schema(max_length = 20, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<String>,
    /// `false` deactivates the account and ends its sessions; `true` reactivates it.
    pub is_active: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChanges {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub role: Option<Role>,
    pub phone: Option<Option<String>>,
    pub is_active: Option<bool>,
}

impl UserChanges {
    pub fn parse(form: &UserChangesForm) -> Result<UserChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut changes = UserChanges::default();
        if let Some(v) = &form.first_name {
            check_name(&mut errors, "firstName", v.trim());
            changes.first_name = Some(v.trim().to_owned());
        }
        if let Some(v) = &form.last_name {
            check_name(&mut errors, "lastName", v.trim());
            changes.last_name = Some(v.trim().to_owned());
        }
        if let Some(v) = &form.email {
            let email = normalize_email(v);
            check_email(&mut errors, &email);
            changes.email = Some(email);
        }
        if let Some(v) = &form.role {
            changes.role = Role::parse(v);
            if changes.role.is_none() {
                errors.add("role", FieldError::Role);
            }
        }
        if let Some(v) = &form.phone {
            changes.phone = Some(parse_phone(&mut errors, Some(v)));
        }
        changes.is_active = form.is_active;
        errors.finish(changes)
    }

    /// Whether the change would take away the account's admin rights or access.
    pub fn demotes_or_deactivates(&self, current: &User) -> bool {
        let demotes =
            current.role == Role::SuperAdmin && self.role.is_some_and(|r| r != Role::SuperAdmin);
        demotes || self.is_active == Some(false)
    }
}

/// What a user may change on their own profile: names and phone. Email, role and status
/// are the super admin's (an unknown field is refused, not ignored).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileForm {
    #[schema(value_type = Option<PersonName>)]
    pub first_name: Option<String>,
    #[schema(value_type = Option<PersonName>)]
    pub last_name: Option<String>,
    /// `""` clears the phone number.
    #[schema(max_length = 20, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<String>,
}

impl ProfileForm {
    pub fn parse(&self) -> Result<UserChanges, FieldErrors> {
        UserChanges::parse(&UserChangesForm {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            phone: self.phone.clone(),
            ..UserChangesForm::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_emails_are_one_email() {
        assert_eq!(normalize_email(" ａｄｍｉｎ@x.co "), "admin@x.co");
        assert_eq!(normalize_email("ADMIN@X.CO"), "admin@x.co");
        assert_eq!(normalize_email("\u{FB01}le@x.co"), "file@x.co");
        assert_eq!(normalize_email("\u{210C}i@x.co"), "hi@x.co");
        for raw in [
            "ＡＤＭＩＮ@Ｘ.co",
            "\u{210C}\u{0130}@x.co",
            "Ǆ@x.co",
            "مستخدم@مثال.com",
        ] {
            let once = normalize_email(raw);
            assert_eq!(normalize_email(&once), once, "{raw}");
        }
    }

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
    fn names_refuse_control_characters() {
        for bad in ["Ada\nLovelace", "Ada\u{7}", "A\u{85}da", "Ad\u{1b}[31m"] {
            let e = NewAdmin::parse(bad, "Lovelace", "a@b.co", "secret1").unwrap_err();
            assert!(
                e.get("firstName")
                    .is_some_and(|m| m.contains(&FieldError::Control)),
                "{bad:?}: {e}"
            );
        }
        for (bad, message) in [
            ("\u{200B}\u{200B}\u{200B}", FieldError::NameInvisible),
            ("\u{3164}\u{3164}", FieldError::NameInvisible),
            ("\u{2800} \u{FEFF}", FieldError::NameInvisible),
            ("Eve\u{202E}nimda", FieldError::NameBidi),
            ("\u{2067}Ada\u{2069}", FieldError::NameBidi),
        ] {
            let e = NewAdmin::parse(bad, "Lovelace", "a@b.co", "secret1").unwrap_err();
            assert_eq!(
                e.get("firstName").unwrap(),
                std::slice::from_ref(&message),
                "{bad:?}"
            );
        }
        // Joiners inside a real name are fine (Persian and Indic names use them).
        assert!(NewAdmin::parse("می\u{200C}خواهم", "Lovelace", "a@b.co", "secret1").is_ok());
        assert!(NewAdmin::parse("Zoë-Anne O'Brien", "Ibn Sīnā", "a@b.co", "secret1").is_ok());
        assert!(NewAdmin::parse("محمد", "العلي", "a@b.co", "secret1").is_ok());
    }

    #[test]
    fn long_passwords_are_refused_not_truncated() {
        let e = NewAdmin::parse("Ada", "Lovelace", "a@b.co", &"x".repeat(73)).unwrap_err();
        assert!(e.get("password").is_some());
        assert!(NewAdmin::parse("Ada", "Lovelace", "a@b.co", &"x".repeat(72)).is_ok());
        // 40 characters, 80 bytes: bcrypt would cut it.
        let e = NewAdmin::parse("Ada", "Lovelace", "a@b.co", &"é".repeat(40)).unwrap_err();
        assert_eq!(e.get("password").unwrap(), [FieldError::PasswordBytes]);
        assert!(NewAdmin::parse("Ada", "Lovelace", "a@b.co", &"é".repeat(36)).is_ok());
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn form() -> UserForm {
        UserForm {
            first_name: Some("Grace".into()),
            last_name: Some("Hopper".into()),
            email: Some(" Grace@Navy.MIL ".into()),
            ..UserForm::default()
        }
    }

    #[test]
    fn a_new_user_defaults_to_trainee_with_a_temporary_password() {
        let u = NewUser::parse(&form()).unwrap();
        assert_eq!(u.role, Role::Trainee);
        assert_eq!(u.email, "grace@navy.mil");
        assert!(u.password.is_none());
        assert!(u.requires_password_change);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = UserForm {
            first_name: Some("G".into()),
            last_name: None,
            email: Some("nope".into()),
            role: Some("wizard".into()),
            phone: Some("call me maybe".into()),
            password: Some("123".into()),
            requires_password_change: None,
        };
        let e = NewUser::parse(&bad).unwrap_err();
        for f in [
            "firstName",
            "lastName",
            "email",
            "role",
            "phone",
            "password",
        ] {
            assert!(e.get(f).is_some(), "{f}: {e}");
        }
    }

    #[test]
    fn changes_apply_only_what_is_given() {
        let c = UserChanges::parse(&UserChangesForm {
            phone: Some("".into()),
            role: Some("trainer".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.phone, Some(None));
        assert_eq!(c.role, Some(Role::Trainer));
        assert_eq!(c.first_name, None);
    }
}
