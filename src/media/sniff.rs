//! What a file really is, from its first bytes (never from its name): the image formats the
//! app previews, and the kinds it keeps as opaque originals.

use serde::{Deserialize, Serialize};

/// How many leading bytes `Format::sniff` looks at.
pub const SNIFF_LEN: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Jpeg,
    Png,
    Tiff,
    Webp,
    Pdf,
    Heic,
    Other,
}

impl Format {
    /// Every format, in the order they are tried.
    pub const ALL: [Format; 7] = [
        Format::Jpeg,
        Format::Png,
        Format::Tiff,
        Format::Webp,
        Format::Pdf,
        Format::Heic,
        Format::Other,
    ];

    /// The format the leading bytes of a file show.
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Format::Jpeg
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Format::Png
        } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
            Format::Tiff
        } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            Format::Webp
        } else if head.len() >= 12 && &head[4..8] == b"ftyp" && is_heif_brand(&head[8..12]) {
            Format::Heic
        } else if head.windows(5).any(|w| w == b"%PDF-") {
            // PDF readers accept the header anywhere in the first kilobyte.
            Format::Pdf
        } else {
            Format::Other
        }
    }

    /// The media type recorded in the document's file entry.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Tiff => "image/tiff",
            Format::Webp => "image/webp",
            Format::Pdf => "application/pdf",
            Format::Heic => "image/heic",
            Format::Other => "application/octet-stream",
        }
    }

    /// The format of a recorded media type (the reverse of `media_type`).
    pub fn from_media_type(media_type: &str) -> Format {
        Format::ALL
            .into_iter()
            .find(|f| f.media_type() == media_type)
            .unwrap_or(Format::Other)
    }

    /// True for the formats the decode worker previews; the rest are kept as opaque originals.
    pub fn has_preview(self) -> bool {
        matches!(
            self,
            Format::Jpeg | Format::Png | Format::Tiff | Format::Webp
        )
    }

    /// The `image` crate's name for it, for the formats with a preview.
    pub fn image_format(self) -> Option<image::ImageFormat> {
        match self {
            Format::Jpeg => Some(image::ImageFormat::Jpeg),
            Format::Png => Some(image::ImageFormat::Png),
            Format::Tiff => Some(image::ImageFormat::Tiff),
            Format::Webp => Some(image::ImageFormat::WebP),
            _ => None,
        }
    }
}

/// HEIF brands (HEIC photos from phones, and the generic HEIF ones).
fn is_heif_brand(brand: &[u8]) -> bool {
    matches!(
        brand,
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(
            Format::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Format::Jpeg
        );
        assert_eq!(Format::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Format::Png);
        assert_eq!(Format::sniff(b"II*\0\x08\0\0\0"), Format::Tiff);
        assert_eq!(Format::sniff(b"MM\0*\0\0\0\x08"), Format::Tiff);
        assert_eq!(Format::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Format::Webp);
        assert_eq!(Format::sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Format::Heic);
        assert_eq!(Format::sniff(b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(Format::sniff(b"\xef\xbb\xbf junk %PDF-1.4"), Format::Pdf);
        assert_eq!(Format::sniff(b"JFIF but not really"), Format::Other);
        assert_eq!(Format::sniff(b""), Format::Other);
        // A RIFF that is not WebP (a WAV file) is not an image.
        assert_eq!(Format::sniff(b"RIFF\x10\0\0\0WAVEfmt "), Format::Other);
    }

    #[test]
    fn media_types_round_trip_and_only_images_have_previews() {
        for format in Format::ALL {
            assert_eq!(Format::from_media_type(format.media_type()), format);
            assert_eq!(format.has_preview(), format.image_format().is_some());
        }
        assert!(!Format::Pdf.has_preview());
        assert!(!Format::Heic.has_preview());
    }
}
