//! The rules of one field at a time.

use crate::domain::validation::{FieldError, FieldErrors, check_length};

pub const PASSWORD_MIN: usize = 6;
/// bcrypt reads only the first 72 bytes of a password. The seed allows 100 characters,
/// but a longer password would be cut without a word (any tail would sign in), so 72
/// bytes is the limit: 72 Latin letters, fewer of other scripts.
pub const PASSWORD_MAX: usize = 72;

/// The form every email is stored and compared in: NFKC-normalised, trimmed and
/// lower-cased. NFKC folds look-alike forms into one (full-width `ａｄｍｉｎ@x.co` is
/// `admin@x.co`, the ligature `ﬁ` is `fi`), so no two accounts can differ only by them.
/// Emails in other scripts (`مستخدم@مثال.com`) are kept, in that normal form. NFKC runs
/// again after lower-casing, which can leave a string outside the normal form, so that
/// normalising twice changes nothing (`ℌ` is `H` after NFKC, then `h`).
pub fn normalize_email(raw: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded = raw.nfkc().collect::<String>().trim().to_lowercase();
    folded.nfkc().collect()
}

pub(super) fn check_email(errors: &mut FieldErrors, email: &str) {
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
pub(super) fn check_name(errors: &mut FieldErrors, field: &str, name: &str) {
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

/// Phone numbers: up to 20 characters of digits, spaces and `+ - ( ) .`; empty means none.
pub(super) fn parse_phone(errors: &mut FieldErrors, raw: Option<&str>) -> Option<String> {
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
