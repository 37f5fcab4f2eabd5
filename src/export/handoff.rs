//! The encrypted hand-off (DESIGN.md §5): the bundle age-encrypted, as it is written, to
//! colleagues' public keys (`age1…`) or to a passphrase (age's scrypt, work factor pinned), in
//! binary or ASCII armor. Any standard age tool decrypts it.

use std::io::Write;

use age::armor::{ArmoredWriter, Format};
use age::secrecy::{ExposeSecret, SecretString};

use super::ExportError;
use super::output::stream_error;
use crate::vault::passphrase;

/// scrypt work factor (log2 N) for a passphrase hand-off: pinned like the vault's key files,
/// never age's calibration to this machine (which a slower machine might not afford).
pub const HANDOFF_WORK_FACTOR: u8 = 18;

/// The longest piece of a refused recipient repeated in the error message.
const SHOWN_CHARS: usize = 80;
/// How an age secret key starts: one pasted instead of a public key is not repeated back.
const SECRET_KEY_PREFIX: &str = "AGE-SECRET-KEY-";

/// To whom a hand-off is encrypted.
#[derive(Debug, Clone)]
pub enum HandoffTo {
    /// Colleagues' public keys (`age1…`), as typed: one a line; blank lines and `#` comments
    /// are skipped.
    Recipients(Vec<String>),
    /// A passphrase, to be given to the colleague another way.
    Passphrase(SecretString),
}

/// Parses the typed recipients. The first one that is not an age X25519 public key gives
/// `ExportError::BadRecipient` naming it; none at all gives `ExportError::NoRecipient`. The same
/// key typed twice counts once.
pub fn parse_recipients(lines: &[String]) -> Result<Vec<age::x25519::Recipient>, ExportError> {
    let mut recipients: Vec<age::x25519::Recipient> = Vec::new();
    for line in lines {
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let recipient: age::x25519::Recipient = text
            .parse()
            .map_err(|_| ExportError::BadRecipient(shown(text)))?;
        if !recipients
            .iter()
            .any(|known| known.to_string() == recipient.to_string())
        {
            recipients.push(recipient);
        }
    }
    if recipients.is_empty() {
        return Err(ExportError::NoRecipient);
    }
    Ok(recipients)
}

/// Refuses a hand-off's destination before any work is done: a mistyped key, or a passphrase
/// too weak to protect the case.
pub fn check_to(to: &HandoffTo) -> Result<(), ExportError> {
    match to {
        HandoffTo::Recipients(lines) => parse_recipients(lines).map(|_| ()),
        HandoffTo::Passphrase(secret) => {
            passphrase::check(secret.expose_secret()).map_err(ExportError::WeakPassphrase)
        }
    }
}

/// Encrypts what `write_plain` writes into `out` (binary age, or ASCII armor when `armor`),
/// finishing the age stream only if `write_plain` succeeded: a failed or cancelled hand-off is
/// never a valid age file. A passphrase must pass the vault's passphrase policy.
pub fn encrypt_to<W: Write, T>(
    out: W,
    to: &HandoffTo,
    armor: bool,
    write_plain: impl FnOnce(&mut dyn Write) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let encryptor = encryptor(to)?;
    let format = if armor {
        Format::AsciiArmor
    } else {
        Format::Binary
    };
    let io = |err: std::io::Error| stream_error(&err);
    let armored = ArmoredWriter::wrap_output(out, format).map_err(io)?;
    let mut plain = NoFlush(encryptor.wrap_output(armored).map_err(io)?);
    let value = write_plain(&mut plain)?;
    let mut out = plain
        .0
        .finish()
        .and_then(ArmoredWriter::finish)
        .map_err(io)?;
    out.flush().map_err(io)?;
    Ok(value)
}

/// Passes writes through and ignores `flush`: age 0.12's `ArmoredWriter` writes a line of the
/// wrong length when flushed mid-stream (a ZIP writer flushes at its end), which `age -d`
/// rejects. The stream is flushed once, after `finish`.
struct NoFlush<W>(W);

impl<W: Write> Write for NoFlush<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.0.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn encryptor(to: &HandoffTo) -> Result<age::Encryptor, ExportError> {
    let encryption_failed = |err: age::EncryptError| stream_error(&std::io::Error::other(err));
    match to {
        HandoffTo::Recipients(lines) => {
            let recipients = parse_recipients(lines)?;
            age::Encryptor::with_recipients(
                recipients
                    .iter()
                    .map(|recipient| recipient as &dyn age::Recipient),
            )
            .map_err(encryption_failed)
        }
        HandoffTo::Passphrase(secret) => {
            passphrase::check(secret.expose_secret()).map_err(ExportError::WeakPassphrase)?;
            let mut recipient = age::scrypt::Recipient::new(secret.clone());
            recipient.set_work_factor(HANDOFF_WORK_FACTOR);
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(encryption_failed)
        }
    }
}

/// A refused recipient as shown back: at most `SHOWN_CHARS` characters (a whole pasted letter
/// is not repeated in the message), and never a secret key pasted by mistake.
fn shown(text: &str) -> String {
    if text
        .get(..SECRET_KEY_PREFIX.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(SECRET_KEY_PREFIX))
    {
        format!("{SECRET_KEY_PREFIX}…")
    } else if text.chars().count() <= SHOWN_CHARS {
        text.to_string()
    } else {
        let start: String = text.chars().take(SHOWN_CHARS).collect();
        format!("{start}…")
    }
}
