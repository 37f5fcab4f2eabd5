//! Identifiers used by the vault: records (UUIDs chosen by the caller), objects (SHA-256 of their
//! ciphertext, in hex) and devices (a random UUID per laptop and vault). Each parses strictly, so a
//! damaged or hostile file name can never address a path outside the vault.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// True for exactly `len` lowercase hex digits.
fn is_lower_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The id of a record (a case, a settings record…), stable across edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub uuid::Uuid);

impl RecordId {
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4())
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Declares a string id that is exactly `$len` lowercase hex digits, with parsing, serde
/// (validated on the way in) and display.
macro_rules! hex_id {
    ($(#[$doc:meta])* $name:ident, $len:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// Parses exactly the right number of lowercase hex digits; nothing else.
            pub fn parse(text: &str) -> Option<Self> {
                is_lower_hex(text, $len).then(|| Self(text.to_string()))
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text).ok_or_else(|| concat!("not ", $what).to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

hex_id!(
    /// The name of an immutable object: lowercase hex SHA-256 of its ciphertext.
    ObjectId,
    64,
    "an object id"
);

hex_id!(
    /// One laptop's identity within one vault: names its journal and checkpoint folders.
    DeviceId,
    32,
    "a device id"
);

impl ObjectId {
    pub fn from_digest(digest: [u8; 32]) -> Self {
        Self(hex::encode(digest))
    }
    /// The object id of these ciphertext bytes.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self::from_digest(Sha256::digest(bytes).into())
    }
}

impl DeviceId {
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4().simple().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_refuse_anything_that_could_be_a_path() {
        assert!(ObjectId::parse("../../etc/passwd").is_none());
        assert!(ObjectId::parse(&"A".repeat(64)).is_none());
        assert!(ObjectId::parse(&"a".repeat(64)).is_some());
        assert!(DeviceId::parse("../x").is_none());
        assert!(DeviceId::parse(DeviceId::new_random().as_str()).is_some());
    }
}
