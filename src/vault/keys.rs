//! The vault's key material: the X25519 identity every object is encrypted to, its key files
//! (`keys/<member-id>.age`, age scrypt with a pinned work factor, openable with `age -d`), and the
//! journal MAC key derived from it. Secrets are zeroized when a `VaultKey` is dropped (on lock).

use std::io::{Read, Write};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::error::VaultError;

/// scrypt work factor for key files: pinned, never age's auto-calibration (which would make a
/// vault created on a fast machine unopenable on a slow one). 2^18 ≈ 0.7 s and 256 MiB here.
pub const KDF_LOG_N: u8 = 18;
/// The largest work factor accepted when opening a key file (bounds time and memory).
pub const MAX_KDF_LOG_N: u8 = 22;

const MAC_INFO: &[u8] = b"casevault/v1/journal-mac";
const SECRET_KEY_PREFIX: &str = "AGE-SECRET-KEY-1";

/// The unlocked vault key: the identity plus the journal MAC key.
pub struct VaultKey {
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
    mac_key: Zeroizing<[u8; 32]>,
}

impl VaultKey {
    /// A fresh random vault identity (for a new vault or a rekey).
    pub fn generate() -> Self {
        Self::from_identity(age::x25519::Identity::generate())
    }

    fn from_identity(identity: age::x25519::Identity) -> Self {
        let secret = identity.to_string();
        let hkdf = hkdf::Hkdf::<Sha256>::new(None, secret.expose_secret().as_bytes());
        let mut mac_key = Zeroizing::new([0u8; 32]);
        hkdf.expand(MAC_INFO, mac_key.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        let recipient = identity.to_public();
        Self {
            identity,
            recipient,
            mac_key,
        }
    }

    /// The public key objects are encrypted to (`age1…`).
    pub fn recipient(&self) -> &age::x25519::Recipient {
        &self.recipient
    }

    pub(crate) fn identity(&self) -> &age::x25519::Identity {
        &self.identity
    }

    /// HMAC-SHA256 of `data` under the journal MAC key.
    pub(crate) fn mac(&self, data: &[u8]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.mac_key.as_ref())
            .expect("HMAC accepts any key length");
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    /// Constant-time check of a MAC produced by `mac`.
    pub(crate) fn verify_mac(&self, data: &[u8], tag: &[u8]) -> bool {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.mac_key.as_ref())
            .expect("HMAC accepts any key length");
        mac.update(data);
        mac.verify_slice(tag).is_ok()
    }

    /// The key file's plaintext: an age identity file, usable as `age -d -i` once decrypted.
    fn identity_file_text(&self) -> Zeroizing<String> {
        let secret = self.identity.to_string();
        Zeroizing::new(format!(
            "# Casevault vault key: an age identity. Anyone holding it can read the vault.\n# public key: {}\n{}\n",
            self.recipient,
            secret.expose_secret()
        ))
    }

    /// Encrypts this key with a passphrase (age scrypt, work factor `log_n`) into key-file bytes.
    pub(crate) fn wrap(&self, passphrase: &SecretString, log_n: u8) -> Result<Vec<u8>, VaultError> {
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        recipient.set_work_factor(log_n);
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|_| VaultError::Encryption)?;
        let mut out = Vec::new();
        let mut writer = encryptor
            .wrap_output(&mut out)
            .map_err(|_| VaultError::Encryption)?;
        writer
            .write_all(self.identity_file_text().as_bytes())
            .map_err(|_| VaultError::Encryption)?;
        writer.finish().map_err(|_| VaultError::Encryption)?;
        Ok(out)
    }

    /// Decrypts key-file bytes with a passphrase. `what` names the file in error messages.
    pub(crate) fn unwrap(
        key_file: &[u8],
        passphrase: &SecretString,
        what: &std::path::Path,
    ) -> Result<Self, VaultError> {
        let damaged = || VaultError::DamagedKeyFile(what.to_path_buf());
        let decryptor = age::Decryptor::new_buffered(key_file).map_err(|_| damaged())?;
        if !decryptor.is_scrypt() {
            return Err(damaged());
        }
        let mut identity = age::scrypt::Identity::new(passphrase.clone());
        identity.set_max_work_factor(MAX_KDF_LOG_N);
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|err| match err {
                age::DecryptError::DecryptionFailed
                | age::DecryptError::KeyDecryptionFailed
                | age::DecryptError::NoMatchingKeys => VaultError::WrongPassphrase,
                age::DecryptError::ExcessiveWork { required, .. } => {
                    VaultError::ExcessiveWork(required)
                }
                _ => damaged(),
            })?;
        let mut text = Zeroizing::new(String::new());
        reader.read_to_string(&mut text).map_err(|_| damaged())?;
        let line = text
            .lines()
            .map(str::trim)
            .find(|line| line.starts_with(SECRET_KEY_PREFIX))
            .ok_or_else(damaged)?;
        let identity = age::x25519::Identity::from_str(line).map_err(|_| damaged())?;
        Ok(Self::from_identity(identity))
    }
}

impl std::fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VaultKey")
            .field("recipient", &self.recipient.to_string())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_then_unwrap_gives_the_same_key_and_wrong_passphrase_fails() {
        let key = VaultKey::generate();
        let pass = SecretString::from("a long enough test phrase".to_string());
        let file = key.wrap(&pass, 10).expect("wrap");
        let back = VaultKey::unwrap(&file, &pass, "k".as_ref()).expect("unwrap");
        assert_eq!(back.recipient().to_string(), key.recipient().to_string());
        assert_eq!(back.mac(b"x"), key.mac(b"x"));
        let wrong = SecretString::from("another phrase entirely".to_string());
        assert!(matches!(
            VaultKey::unwrap(&file, &wrong, "k".as_ref()),
            Err(VaultError::WrongPassphrase)
        ));
    }

    #[test]
    fn excessive_work_factor_is_refused_without_running_it() {
        let key = VaultKey::generate();
        let pass = SecretString::from("a long enough test phrase".to_string());
        // Computing scrypt at 2^23 would take 8 GiB: write at 2^10, then claim 2^23 in the header.
        let file = key.wrap(&pass, 10).expect("wrap");
        let header_end = file.windows(4).position(|w| w == b"\n---").expect("header");
        let header = String::from_utf8(file[..header_end].to_vec()).expect("ascii header");
        let forged = header.replacen(" 10\n", " 23\n", 1);
        assert_ne!(forged, header);
        let file = [forged.as_bytes(), &file[header_end..]].concat();
        let started = std::time::Instant::now();
        let result = VaultKey::unwrap(&file, &pass, "k".as_ref());
        assert!(
            matches!(result, Err(VaultError::ExcessiveWork(23))),
            "{result:?}"
        );
        assert!(started.elapsed().as_secs() < 2);
    }
}
