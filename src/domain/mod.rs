//! Plain types and rules: validation and (with the identity issue) policy. No axum, no
//! SeaORM.

pub mod user;
pub mod validation;
