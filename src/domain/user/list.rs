//! Sorting and filtering the user list.

use super::Role;
use crate::domain::validation::{FieldError, FieldErrors};

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
mod tests {
    use super::*;

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
