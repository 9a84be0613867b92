//! Users: the seed's validation rules (names 2-50 characters, email up to 255, password
//! 6 characters to 72 bytes; longer input is refused, never truncated).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::validation::{FieldError, FieldErrors, check_length};

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

pub const PASSWORD_MIN: usize = 6;
/// bcrypt reads only the first 72 bytes of a password. The seed allows 100 characters,
/// but a longer password would be cut without a word (any tail would sign in), so 72
/// bytes is the limit: 72 Latin letters, fewer of other scripts.
pub const PASSWORD_MAX: usize = 72;

/// The form every email is stored and compared in: NFKC-normalised, trimmed and
/// lower-cased. NFKC folds look-alike forms into one (full-width `ａｄｍｉｎ@x.co` is
/// `admin@x.co`, the ligature `ﬁ` is `fi`), so no two accounts can differ only by them.
/// Emails in other scripts (`مستخدم@مثال.com`) are kept, in that normal form.
pub fn normalize_email(raw: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    raw.nfkc().collect::<String>().trim().to_lowercase()
}

fn check_email(errors: &mut FieldErrors, email: &str) {
    if email.chars().count() > 255 {
        errors.add("email", FieldError::TooLong { max: 255 });
    } else if !email_address::EmailAddress::is_valid(email) {
        errors.add("email", FieldError::Email);
    }
}

/// A first or last name as the OpenAPI document describes it (`check_name` is the rule):
/// 2-50 characters, no control character, no space at either end (names are trimmed).
/// A schema only: names travel as `String`.
pub struct PersonName;

impl utoipa::PartialSchema for PersonName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(NAME_MIN))
            .max_length(Some(NAME_MAX))
            .pattern(Some(
                r"^[^\s\x00-\x1f\x7f-\x9f]([^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f])?$",
            ))
            .description(Some(
                "2-50 characters (trimmed), no line break or control character",
            ))
            .into()
    }
}

impl utoipa::ToSchema for PersonName {}

pub const NAME_MIN: usize = 2;
pub const NAME_MAX: usize = 50;

/// A first or last name (already trimmed): 2-50 characters, none of them a control
/// character: a line break or an escape in a name would end up in exports, certificates
/// and page titles.
fn check_name(errors: &mut FieldErrors, field: &str, name: &str) {
    check_length(errors, field, name, NAME_MIN, NAME_MAX);
    if name.chars().any(char::is_control) {
        errors.add(field, FieldError::Control);
    } else if name.chars().any(is_bidi_control) {
        errors.add(field, FieldError::NameBidi);
    } else if !name.is_empty() && name.chars().all(is_invisible) {
        errors.add(field, FieldError::NameInvisible);
    }
}

/// The explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): in a
/// name they reorder the text around it, so "Eve" can be made to read as another name in a
/// list, an export or a certificate.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: spaces, zero-width and format characters, fillers and
/// the blank braille pattern. A name made only of them looks empty on every page.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

pub fn check_password(errors: &mut FieldErrors, field: &str, password: &str) {
    check_length(errors, field, password, PASSWORD_MIN, PASSWORD_MAX);
    if password.chars().count() <= PASSWORD_MAX && password.len() > PASSWORD_MAX {
        errors.add(field, FieldError::PasswordBytes);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_emails_are_one_email() {
        assert_eq!(normalize_email(" ａｄｍｉｎ@x.co "), "admin@x.co");
        assert_eq!(normalize_email("ADMIN@X.CO"), "admin@x.co");
        assert_eq!(normalize_email("\u{FB01}le@x.co"), "file@x.co");
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

/// Phone numbers: up to 20 characters of digits, spaces and `+ - ( ) .`; empty means none.
fn parse_phone(errors: &mut FieldErrors, raw: Option<&str>) -> Option<String> {
    let phone = raw.map(str::trim).filter(|p| !p.is_empty())?;
    if phone.chars().count() > 20 {
        errors.add("phone", FieldError::TooLong { max: 20 });
    } else if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        errors.add("phone", FieldError::Phone);
    }
    Some(phone.to_owned())
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

/// Columns a user list may be sorted by; `-` in front sorts descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserSortColumn {
    CreatedAt,
    FirstName,
    LastName,
    Email,
    Role,
    LastLogin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserSort {
    pub column: UserSortColumn,
    pub descending: bool,
}

impl UserSort {
    pub fn parse(raw: Option<&str>) -> Result<UserSort, FieldErrors> {
        let raw = raw
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or("-createdAt");
        let (descending, name) = match raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let column = match name {
            "createdAt" => UserSortColumn::CreatedAt,
            "firstName" => UserSortColumn::FirstName,
            "lastName" => UserSortColumn::LastName,
            "email" => UserSortColumn::Email,
            "role" => UserSortColumn::Role,
            "lastLogin" => UserSortColumn::LastLogin,
            _ => {
                return Err(FieldErrors::one(
                    "sort",
                    FieldError::Sort {
                        allowed: "createdAt, firstName, lastName, email, role, lastLogin",
                    },
                ));
            }
        };
        Ok(UserSort { column, descending })
    }
}

/// Search and filters of the user list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Matched against first name, last name and email, case-insensitively.
    pub search: Option<String>,
    pub role: Option<Role>,
    pub is_active: Option<bool>,
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

    #[test]
    fn sorting_is_limited_to_known_columns() {
        assert_eq!(
            UserSort::parse(None).unwrap(),
            UserSort {
                column: UserSortColumn::CreatedAt,
                descending: true
            }
        );
        assert!(!UserSort::parse(Some("email")).unwrap().descending);
        assert!(UserSort::parse(Some("password")).is_err());
        assert!(UserSort::parse(Some("email; drop table users")).is_err());
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
