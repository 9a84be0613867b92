//! Identity: password hashing now; JWT and the current-user extractors arrive with the
//! identity issue.

pub mod password;
