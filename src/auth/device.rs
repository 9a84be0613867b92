//! Device tokens: proof that a browser or client has signed in to an account before
//! (OWASP's "device cookie"). Its guesses then count against the token alone, so strangers
//! who lock an account out of sign-in do not lock its owner out (`domain::login_throttle`).
//!
//! A token is `<random id>.<MAC of the account's email and the id>`: made only by this
//! server, bound to one account, and useless for any other. Nothing is stored; a token
//! whose guesses reach the limit is locked like any other key.

use crate::auth::jwt::Keys;

/// A verified device token: the random id it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: String,
}

fn signed_data(email: &str, id: &str) -> Vec<u8> {
    format!("device\0{email}\0{id}").into_bytes()
}

/// A new token for the account `email` (already normalised).
pub fn issue(keys: &Keys, email: &str) -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let mac = keys.mac(&signed_data(email, &id));
    format!("{id}.{mac}")
}

/// The device behind `token`, when this server made it for the account `email`.
pub fn verify(keys: &Keys, email: &str, token: &str) -> Option<Device> {
    let (id, mac) = token.trim().split_once('.')?;
    let well_formed = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    (well_formed && keys.verify_mac(&signed_data(email, id), mac))
        .then(|| Device { id: id.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_works_for_its_account_only() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef").unwrap();
        let token = issue(&keys, "ada@example.com");
        let device = verify(&keys, "ada@example.com", &token).unwrap();
        assert_eq!(device.id.len(), 32);
        assert!(verify(&keys, "eve@example.com", &token).is_none());
        let other = Keys::new(b"another secret, another issuer..").unwrap();
        assert!(verify(&other, "ada@example.com", &token).is_none());
        assert!(verify(&keys, "ada@example.com", "nonsense").is_none());
        assert!(verify(&keys, "ada@example.com", &token.replace('.', "")).is_none());
        assert_ne!(issue(&keys, "ada@example.com"), token);
    }
}
