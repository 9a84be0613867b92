//! Signed tokens (HS256). A token carries its user and its session; the session row decides
//! whether it still works (see `services::auth::authenticate`).

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user.
    pub sub: Uuid,
    /// The session.
    pub sid: Uuid,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// Derived from the secret for other signatures (the pages' CSRF tokens), so that
    /// such a signature can never double as a token signature.
    mac: HmacSha256,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(***)")
    }
}

impl Keys {
    pub fn new(secret: &[u8]) -> anyhow::Result<Keys> {
        let mut derive = HmacSha256::new_from_slice(secret)?;
        derive.update(b"courseworx/mac-key/v1");
        Ok(Keys {
            encoding: EncodingKey::from_secret(secret)?,
            decoding: DecodingKey::from_secret(secret)?,
            mac: HmacSha256::new_from_slice(&derive.finalize().into_bytes())?,
        })
    }

    /// HMAC-SHA256 of `data` under the derived key, as lower-case hex.
    pub fn mac(&self, data: &[u8]) -> String {
        hex::encode(self.mac_state(data).finalize().into_bytes())
    }

    /// Whether `given` (hex) is the MAC of `data`; compared in constant time.
    pub fn verify_mac(&self, data: &[u8], given: &str) -> bool {
        match hex::decode(given) {
            Ok(bytes) => self.mac_state(data).verify_slice(&bytes).is_ok(),
            Err(_) => false,
        }
    }

    fn mac_state(&self, data: &[u8]) -> HmacSha256 {
        let mut mac = self.mac.clone();
        mac.update(data);
        mac
    }

    pub fn sign(
        &self,
        user: Uuid,
        session: Uuid,
        issued: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let claims = Claims {
            sub: user,
            sid: session,
            iat: issued.timestamp(),
            exp: expires.timestamp(),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The claims of a token signed with this key and not expired; `None` otherwise.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn signed_tokens_verify_and_others_do_not() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef").unwrap();
        let (u, s) = (Uuid::now_v7(), Uuid::now_v7());
        let now = crate::clock::now();
        let token = keys.sign(u, s, now, now + Duration::hours(1)).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!((claims.sub, claims.sid), (u, s));

        let other = Keys::new(b"another secret, another issuer..").unwrap();
        assert!(other.verify(&token).is_none(), "foreign signature");
        let expired = keys
            .sign(u, s, now - Duration::hours(2), now - Duration::hours(1))
            .unwrap();
        assert!(keys.verify(&expired).is_none(), "expired");
        assert!(keys.verify("not.a.token").is_none());
        // alg=none is never accepted.
        let none = format!(
            "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.",
            token.split('.').nth(1).unwrap()
        );
        assert!(keys.verify(&none).is_none());
    }

    #[test]
    fn macs_verify_only_for_their_data_and_key() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef").unwrap();
        let mac = keys.mac(b"session:1");
        assert!(keys.verify_mac(b"session:1", &mac));
        assert!(!keys.verify_mac(b"session:2", &mac));
        assert!(!keys.verify_mac(b"session:1", "zz"));
        assert!(!keys.verify_mac(b"session:1", ""));
        let other = Keys::new(b"another secret, another issuer..").unwrap();
        assert!(!other.verify_mac(b"session:1", &mac));
    }
}
