//! Passphrase policy for new vaults and passphrase changes: reject empty and very weak passphrases,
//! each with a reason the user can act on. Deliberately simple and explainable (no opaque score):
//! the passphrase is the only thing between a seized laptop and the names in the vault.

use std::fmt;

/// The shortest passphrase accepted. Four random words or 12 random characters are far stronger;
/// the hint in the UI says so.
pub const MIN_CHARS: usize = 12;

/// Why a passphrase was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    Empty,
    TooShort { min_chars: usize },
    TooFewDistinct,
    Sequence,
    Common,
}

impl fmt::Display for Weakness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Weakness::Empty => crate::tr!("weak-empty"),
            Weakness::TooShort { min_chars } => {
                crate::tr!("weak-too-short", min = crate::i18n::num(*min_chars))
            }
            Weakness::TooFewDistinct => crate::tr!("weak-too-few-distinct"),
            Weakness::Sequence => crate::tr!("weak-sequence"),
            Weakness::Common => crate::tr!("weak-common"),
        };
        f.write_str(&text)
    }
}

/// Well-known passwords (and the words they are built from) that make any passphrase trivially
/// guessable when they make up most of it.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "qwerty",
    "letmein",
    "welcome",
    "iloveyou",
    "admin",
    "casevault",
    "secret",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "master",
    "123456",
    "111111",
    "000000",
    "абвгд",
    "пароль",
    "йцукен",
    "qwertz",
    "azerty",
];

/// Sequences that are typed rather than chosen.
const SEQUENCES: &[&str] = &[
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "01234567890",
    "09876543210",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "йцукенгшщзхъфывапролджэячсмитьбю",
];

/// Checks a new passphrase; `Ok` means it may be used.
pub fn check(passphrase: &str) -> Result<(), Weakness> {
    if passphrase.is_empty() {
        return Err(Weakness::Empty);
    }
    let lower: String = passphrase.to_lowercase();
    let chars: Vec<char> = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if passphrase.chars().count() < MIN_CHARS {
        return Err(Weakness::TooShort {
            min_chars: MIN_CHARS,
        });
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 5 {
        return Err(Weakness::TooFewDistinct);
    }
    let compact: String = chars.iter().collect();
    if is_sequence(&compact) {
        return Err(Weakness::Sequence);
    }
    if is_mostly_common(&compact) {
        return Err(Weakness::Common);
    }
    Ok(())
}

/// Checks a new passphrase entered twice: it must not be weak, and both must match.
pub fn check_new(first: &str, second: &str) -> Result<(), super::VaultError> {
    check(first).map_err(super::VaultError::WeakPassphrase)?;
    if first != second {
        return Err(super::VaultError::PassphraseMismatch);
    }
    Ok(())
}

/// True when the text is a run (forwards or backwards, possibly repeated) of a typed sequence.
fn is_sequence(text: &str) -> bool {
    SEQUENCES.iter().any(|seq| {
        let reversed: String = seq.chars().rev().collect();
        [seq.to_string(), reversed].iter().any(|s| {
            let doubled = format!("{s}{s}{s}");
            doubled.contains(text)
        })
    })
}

/// True when removing common words and digits leaves fewer than 5 characters.
fn is_mostly_common(text: &str) -> bool {
    let mut rest = text.to_string();
    for word in COMMON {
        rest = rest.replace(word, "");
    }
    let rest: String = rest.chars().filter(|c| c.is_alphabetic()).collect();
    rest.chars().count() < 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_weak_passphrases_with_their_reason() {
        assert_eq!(check(""), Err(Weakness::Empty));
        assert_eq!(check("short1"), Err(Weakness::TooShort { min_chars: 12 }));
        assert_eq!(check("aaaaaaaaaaaaaaaa"), Err(Weakness::TooFewDistinct));
        assert_eq!(check("abcdefghijklmn"), Err(Weakness::Sequence));
        assert_eq!(check("qwertyuiopasdf"), Err(Weakness::Sequence));
        assert_eq!(check("Password12345!"), Err(Weakness::Common));
        assert_eq!(check("пароль пароль 2024"), Err(Weakness::Common));
    }

    #[test]
    fn accepts_sentences_and_random_words() {
        assert_eq!(check("correct horse battery staple"), Ok(()));
        assert_eq!(check("Жаңа құпия сөз таулар"), Ok(()));
        assert_eq!(check("x7#Kq9!mZ2@v"), Ok(()));
    }
}
