//! The exhibits' originals made ready to place as pages, each by its type: a JPEG embedded byte
//! for byte (DCT pass-through: the PDF holds the very file imported); PNG, TIFF and WebP decoded
//! by the sandboxed worker (never in this process) and embedded losslessly at full resolution; a
//! PDF original's pages merged, read with hayro behind `catch_unwind` and tried in a scratch
//! document first, so that a file hayro cannot read is listed with its SHA-256 instead of
//! breaking the dossier; anything else named with its hash.

use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use krilla::Data;
use krilla::Document as PdfWriter;
use krilla::geom::Size;
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};
use krilla::page::PageSettings;
use krilla::pdf::{Pdf, PdfDocument};
use zeroize::Zeroizing;

use crate::export::exhibits::{Exhibit, Placement};
use crate::export::originals::{ExportError, Originals};
use crate::media::Format;
use crate::media::import::preview_error_text;
use crate::media::worker::{Decoder, FullPage, Output, PreviewError, Task};
use crate::model::Document;

/// One page of an exhibit.
pub enum Sheet {
    /// A scan page (JPEG as is, or lossless pixels), `width` × `height` pixels.
    Image {
        image: Image,
        width: u32,
        height: u32,
        file: usize,
    },
    /// Page `index` of a PDF original, `width` × `height` points.
    Pdf {
        document: PdfDocument,
        index: usize,
        width: f32,
        height: f32,
        file: usize,
    },
    /// A page saying why there is no picture.
    Notice(Notice),
}

/// Why an exhibit page shows text instead of a scan.
pub enum Notice {
    /// The document has no file to show.
    NoScan,
    /// Files that cannot be pages (HEIC, unknown types): in the bundle only.
    InBundleOnly(Vec<usize>),
    /// A PDF original that could not be read.
    NotMerged(usize),
    /// A JPEG whose header cannot be read (`page` is None) or an image page the worker could
    /// not decode.
    NotDecoded {
        file: usize,
        page: u32,
        reason: String,
    },
}

/// An exhibit ready to place.
pub struct Prepared {
    pub sheets: Vec<Sheet>,
    /// Files that cannot be pages, named on the exhibit's first page.
    pub in_bundle_only: Vec<usize>,
    /// SHA-256 of PDF originals that could not be merged.
    pub not_merged: Vec<String>,
}

impl Prepared {
    /// The exhibit page (1-based) that shows page `page` (0-based) of file `file`, if any:
    /// working copies and files kept in the bundle only have none.
    pub fn sheet_of(&self, file: usize, page: u32) -> Option<usize> {
        let mut seen: std::collections::HashMap<usize, u32> = std::collections::HashMap::new();
        for (number, sheet) in self.sheets.iter().enumerate() {
            let shown = match sheet {
                Sheet::Image { file, .. } | Sheet::Pdf { file, .. } => *file,
                Sheet::Notice(Notice::NotMerged(file) | Notice::NotDecoded { file, .. }) => *file,
                Sheet::Notice(Notice::NoScan | Notice::InBundleOnly(_)) => continue,
            };
            let nth = seen.entry(shown).or_insert(0);
            if shown == file && *nth == page {
                return Some(number + 1);
            }
            *nth += 1;
        }
        None
    }
}

/// Reads and decodes the originals of one exhibit.
pub fn prepare(
    document: &Document,
    exhibit: &Exhibit,
    originals: &dyn Originals,
    decoder: &Decoder,
) -> Result<Prepared, ExportError> {
    let mut sheets = Vec::new();
    let mut in_bundle_only = Vec::new();
    let mut not_merged = Vec::new();
    for placed in &exhibit.files {
        let Some(file) = document.files.get(placed.index) else {
            continue;
        };
        if placed.placement == Placement::ListedOnly {
            in_bundle_only.push(placed.index);
            continue;
        }
        let bytes = Arc::new(originals.read(file)?);
        match placed.placement {
            Placement::JpegAsIs => sheets.push(jpeg(bytes, placed.index)),
            Placement::Lossless => {
                let format = Format::from_media_type(&file.media_type);
                for page in 0..placed.pages.max(1) {
                    sheets.push(lossless(
                        decoder,
                        format,
                        &bytes,
                        &file.sha256,
                        placed.index,
                        page,
                    ));
                }
            }
            Placement::PdfPages => {
                match open_pdf(bytes) {
                    Some((document, sizes)) => {
                        sheets.extend(sizes.into_iter().enumerate().map(
                            |(index, (width, height))| Sheet::Pdf {
                                document: document.clone(),
                                index,
                                width,
                                height,
                                file: placed.index,
                            },
                        ));
                    }
                    None => {
                        not_merged.push(file.sha256.clone());
                        sheets.push(Sheet::Notice(Notice::NotMerged(placed.index)));
                    }
                }
            }
            Placement::ListedOnly => {}
        }
    }
    if sheets.is_empty() {
        sheets.push(Sheet::Notice(if in_bundle_only.is_empty() {
            Notice::NoScan
        } else {
            Notice::InBundleOnly(std::mem::take(&mut in_bundle_only))
        }));
    }
    Ok(Prepared {
        sheets,
        in_bundle_only,
        not_merged,
    })
}

/// The original bytes, shared with krilla without a copy and wiped when the last user drops them.
type Bytes = Arc<Zeroizing<Vec<u8>>>;

fn data(bytes: Bytes) -> Data {
    let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = bytes;
    Data::from(shared)
}

/// A JPEG, embedded as is (krilla reads only its header, here).
fn jpeg(bytes: Bytes, file: usize) -> Sheet {
    match Image::from_jpeg(data(bytes), true) {
        Ok(image) => {
            let (width, height) = image.size();
            Sheet::Image {
                image,
                width,
                height,
                file,
            }
        }
        Err(_) => Sheet::Notice(Notice::NotDecoded {
            file,
            page: 0,
            reason: preview_error_text(&PreviewError::Decode(crate::media::DecodeError::Damaged)),
        }),
    }
}

/// One page of a PNG, TIFF or WebP, decoded by the worker at full resolution.
fn lossless(
    decoder: &Decoder,
    format: Format,
    bytes: &[u8],
    sha256: &str,
    file: usize,
    page: u32,
) -> Sheet {
    let not_decoded = |err: PreviewError| {
        Sheet::Notice(Notice::NotDecoded {
            file,
            page,
            reason: preview_error_text(&err),
        })
    };
    let samples = match decoder.run(format, Task::Full { page }, bytes) {
        Ok(Output::Full { samples, .. }) => samples,
        Ok(_) => return not_decoded(PreviewError::Crashed),
        Err(err) => return not_decoded(err),
    };
    let (width, height) = (samples.width, samples.height);
    match Image::from_custom(Pixels::new(samples, sha256, page), true) {
        Ok(image) => Sheet::Image {
            image,
            width,
            height,
            file,
        },
        Err(_) => not_decoded(PreviewError::Crashed),
    }
}

/// Decoded samples as krilla wants them: colour and alpha apart.
#[derive(Clone)]
struct Pixels {
    /// The file's SHA-256 and the page: what makes two images the same (hashing the pixels
    /// themselves would cost a pass over megabytes).
    key: (Arc<str>, u32),
    width: u32,
    height: u32,
    bits: BitsPerComponent,
    space: ImageColorspace,
    color: Arc<Zeroizing<Vec<u8>>>,
    alpha: Option<Arc<Zeroizing<Vec<u8>>>>,
}

impl Pixels {
    fn new(samples: FullPage, sha256: &str, page: u32) -> Self {
        let bytes = usize::from(samples.bits / 8).max(1);
        let channels = usize::from(samples.channels).max(1);
        let (color, alpha) = if channels == 2 || channels == 4 {
            let pixel = channels * bytes;
            let color_len = (channels - 1) * bytes;
            let pixels = samples.data.len() / pixel;
            let mut color = Zeroizing::new(Vec::with_capacity(pixels * color_len));
            let mut alpha = Zeroizing::new(Vec::with_capacity(pixels * bytes));
            for px in samples.data.chunks_exact(pixel) {
                color.extend_from_slice(&px[..color_len]);
                alpha.extend_from_slice(&px[color_len..]);
            }
            (color, Some(Arc::new(alpha)))
        } else {
            (samples.data, None)
        };
        Self {
            key: (Arc::from(sha256), page),
            width: samples.width,
            height: samples.height,
            bits: if samples.bits == 16 {
                BitsPerComponent::Sixteen
            } else {
                BitsPerComponent::Eight
            },
            space: if channels <= 2 {
                ImageColorspace::Luma
            } else {
                ImageColorspace::Rgb
            },
            color: Arc::new(color),
            alpha,
        }
    }
}

impl Hash for Pixels {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl CustomImage for Pixels {
    fn color_channel(&self) -> &[u8] {
        &self.color
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        self.alpha.as_deref().map(|alpha| alpha.as_slice())
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        self.bits
    }
    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        self.space
    }
}

/// A PDF original and the size of each page, if hayro reads it and its pages can be merged.
fn open_pdf(bytes: Bytes) -> Option<(PdfDocument, Vec<(f32, f32)>)> {
    catch_unwind(AssertUnwindSafe(|| {
        let pdf = Pdf::new(bytes).ok()?;
        let sizes: Vec<(f32, f32)> = pdf.pages().iter().map(|p| p.render_dimensions()).collect();
        if sizes.is_empty() {
            return None;
        }
        let document = PdfDocument::new(Arc::new(pdf));
        merges(&document, &sizes).then_some((document, sizes))
    }))
    .ok()
    .flatten()
}

/// True when every page goes into a scratch document without error: the pages are only copied
/// when the dossier is written, so a file that would fail fails here, where it can be listed.
fn merges(document: &PdfDocument, sizes: &[(f32, f32)]) -> bool {
    let mut scratch = PdfWriter::new();
    for (index, &(width, height)) in sizes.iter().enumerate() {
        let (Some(settings), Some(size)) = (
            PageSettings::from_wh(width, height),
            Size::from_wh(width, height),
        ) else {
            return false;
        };
        let mut page = scratch.start_page_with(settings);
        let mut surface = page.surface();
        surface.draw_pdf_page(document, size, index);
        surface.finish();
        page.finish();
    }
    scratch.finish().is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_evidence_page_is_found_on_the_exhibit_page_that_shows_it() {
        let not_decoded = |file: usize, page: u32| {
            Sheet::Notice(Notice::NotDecoded {
                file,
                page,
                reason: String::new(),
            })
        };
        // File 1 is a working copy (no page), file 2 a PDF that could not be merged.
        let prepared = Prepared {
            sheets: vec![
                not_decoded(0, 0),
                not_decoded(0, 1),
                Sheet::Notice(Notice::NotMerged(2)),
                not_decoded(3, 0),
            ],
            in_bundle_only: Vec::new(),
            not_merged: Vec::new(),
        };
        assert_eq!(prepared.sheet_of(0, 1), Some(2));
        assert_eq!(prepared.sheet_of(2, 0), Some(3));
        assert_eq!(prepared.sheet_of(3, 0), Some(4));
        assert_eq!(prepared.sheet_of(1, 0), None);
        assert_eq!(prepared.sheet_of(0, 2), None);
    }

    use super::*;

    fn samples(channels: u8, bits: u8, data: Vec<u8>) -> FullPage {
        FullPage {
            width: 2,
            height: 1,
            channels,
            bits,
            data: Zeroizing::new(data),
        }
    }

    #[test]
    fn alpha_is_split_from_colour_whatever_the_depth() {
        let rgba = Pixels::new(samples(4, 8, vec![1, 2, 3, 4, 5, 6, 7, 8]), "a", 0);
        assert_eq!(rgba.color_channel(), &[1, 2, 3, 5, 6, 7]);
        assert_eq!(rgba.alpha_channel(), Some(&[4u8, 8][..]));
        assert_eq!(rgba.color_space(), ImageColorspace::Rgb);
        let grey_alpha = Pixels::new(samples(2, 16, vec![1, 2, 3, 4, 5, 6, 7, 8]), "b", 1);
        assert_eq!(grey_alpha.color_channel(), &[1, 2, 5, 6]);
        assert_eq!(grey_alpha.alpha_channel(), Some(&[3u8, 4, 7, 8][..]));
        assert_eq!(grey_alpha.color_space(), ImageColorspace::Luma);
        assert_eq!(grey_alpha.bits_per_component(), BitsPerComponent::Sixteen);
        let grey = Pixels::new(samples(1, 8, vec![9, 10]), "c", 0);
        assert_eq!(grey.color_channel(), &[9, 10]);
        assert!(grey.alpha_channel().is_none());
        assert!(Image::from_custom(rgba, true).is_ok());
    }

    #[test]
    fn a_readable_pdf_opens_and_garbage_does_not() {
        let mut writer = PdfWriter::new();
        for _ in 0..2 {
            let settings = PageSettings::from_wh(300.0, 400.0).expect("size");
            let mut page = writer.start_page_with(settings);
            page.surface().finish();
            page.finish();
        }
        let pdf = writer.finish().expect("pdf");
        let (_, sizes) = open_pdf(Arc::new(Zeroizing::new(pdf))).expect("opens");
        assert_eq!(sizes, vec![(300.0, 400.0); 2]);
        for garbage in [
            b"%PDF-1.7\nnothing here".to_vec(),
            Vec::new(),
            vec![0xFF; 64],
        ] {
            assert!(open_pdf(Arc::new(Zeroizing::new(garbage))).is_none());
        }
    }
}
