//! Identity: password hashing, signed tokens and their secret, and the current-user
//! extractors.

pub mod device;
pub mod extract;
pub mod jwt;
pub mod password;
pub mod secret;
