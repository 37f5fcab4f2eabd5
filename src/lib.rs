//! Casevault: an encrypted case-file manager for lawyers documenting family relationships of
//! people detained in Xinjiang. The module tree only; see README.md and DESIGN.md for the picture.

pub mod cli;
pub mod demo;
pub mod export;
pub mod fonts;
pub mod hardening;
pub mod i18n;
pub mod media;
pub mod model;
pub mod search;
pub mod ui;
pub mod vault;
