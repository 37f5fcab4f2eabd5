//! Decoding untrusted images. Runs only inside the decode worker process (`worker.rs`), never in
//! the app: every decoder gets limits on dimensions and memory, and a failure is reported as a
//! `DecodeError` the app translates. Multi-page TIFFs are read page by page with `tiff`; JPEG
//! thumbnails use DCT scaling ("shrink on load") so a 2480 × 3508 scan is decoded at 1/8 size.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, GrayImage, ImageBuffer, ImageDecoder, Luma, LumaA, Rgb, Rgba};
use serde::{Deserialize, Serialize};

use super::sniff::Format;

/// What the worker refuses to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest width or height, in pixels.
    pub max_side: u32,
    /// Largest decoded image, in bytes.
    pub max_alloc: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_side: 16_384,
            max_alloc: 512 << 20,
        }
    }
}

/// Why a file has no preview (the original is stored either way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecodeError {
    /// Wider or taller than `Limits::max_side`.
    TooLarge {
        width: u32,
        height: u32,
        max_side: u32,
    },
    /// Would need more memory than `Limits::max_alloc` (a decompression bomb, or a huge scan).
    OverMemoryLimit { limit_mib: u64 },
    /// The bytes are not a valid image of their format (truncated, corrupted).
    Damaged,
    /// A valid file of a kind the previewer does not handle (e.g. a TIFF colour model).
    Unsupported,
    /// The page does not exist.
    NoSuchPage { page: u32 },
    /// The format is kept without preview (PDF, HEIC, unknown).
    NoPreview,
}

/// The number of pages (only TIFF has more than one).
pub fn page_count(bytes: &[u8], format: Format, limits: &Limits) -> Result<u32, DecodeError> {
    if format != Format::Tiff {
        return if format.has_preview() {
            Ok(1)
        } else {
            Err(DecodeError::NoPreview)
        };
    }
    let mut decoder = tiff_decoder(bytes, limits)?;
    let mut pages = 1u32;
    while decoder.more_images() {
        // A broken later directory ends the count; those pages are reported when opened.
        if decoder.next_image().is_err() {
            break;
        }
        pages += 1;
    }
    Ok(pages)
}

/// Decodes one page (0-based), turned upright by its EXIF orientation.
pub fn decode_page(
    bytes: &[u8],
    format: Format,
    page: u32,
    limits: &Limits,
) -> Result<DynamicImage, DecodeError> {
    if format == Format::Tiff {
        return decode_tiff_page(bytes, page, limits);
    }
    if page != 0 {
        return Err(DecodeError::NoSuchPage { page });
    }
    let image_format = format.image_format().ok_or(DecodeError::NoPreview)?;
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), image_format);
    reader.limits(image_limits(limits));
    let mut decoder = match reader.into_decoder() {
        Ok(decoder) => decoder,
        Err(image::ImageError::Limits(_)) => {
            return Err(limit_error(bytes, image_format, limits));
        }
        Err(err) => return Err(from_image_error(err, limits)),
    };
    let (width, height) = decoder.dimensions();
    check_size(width, height, 4, limits)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| from_image_error(e, limits))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// One page scaled down to fit within `side` pixels (never enlarged): thumbnails and the
/// viewer's pages. A JPEG much larger than `side` is decoded at a reduced DCT scale.
pub fn page_within(
    bytes: &[u8],
    format: Format,
    page: u32,
    side: u32,
    limits: &Limits,
) -> Result<DynamicImage, DecodeError> {
    let image = if format == Format::Jpeg && page == 0 {
        shrunk_jpeg(bytes, side, limits)?
    } else {
        decode_page(bytes, format, page, limits)?
    };
    Ok(if image.width() <= side && image.height() <= side {
        image
    } else {
        // Area averaging: right for shrinking, and several times faster than a filtered resize
        // (a triangle filter took 0.3 s for an A4 scan).
        image.thumbnail(side, side)
    })
}

/// 8-bit pixels of a page for the viewer: `channels` (3 or 4) bytes a pixel.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub channels: u8,
    pub data: Vec<u8>,
}

/// One page for the viewer: halved (2 × 2 averaging, fast) while it is at least twice `side`,
/// then shrunk to `max_side` if still larger (the texture limit).
pub fn page_for_view(
    bytes: &[u8],
    format: Format,
    page: u32,
    side: u32,
    max_side: u32,
    limits: &Limits,
) -> Result<Pixels, DecodeError> {
    let image = decode_page(bytes, format, page, limits)?;
    let mut pixels = Pixels::from(image);
    while pixels.width.max(pixels.height) >= side.saturating_mul(2) && pixels.width > 1 {
        pixels = halve(&pixels);
    }
    if pixels.width.max(pixels.height) > max_side {
        pixels = Pixels::from(DynamicImage::from(pixels).thumbnail(max_side, max_side));
    }
    Ok(pixels)
}

impl From<DynamicImage> for Pixels {
    /// RGB, or RGBA when the image has transparency.
    fn from(image: DynamicImage) -> Self {
        let (width, height) = (image.width(), image.height());
        let (channels, data) = if image.color().has_alpha() {
            (4, image.into_rgba8().into_raw())
        } else {
            (3, image.into_rgb8().into_raw())
        };
        Pixels {
            width,
            height,
            channels,
            data,
        }
    }
}

impl From<Pixels> for DynamicImage {
    fn from(p: Pixels) -> Self {
        let (w, h) = (p.width, p.height);
        let image = if p.channels == 4 {
            ImageBuffer::<Rgba<u8>, _>::from_raw(w, h, p.data).map(DynamicImage::ImageRgba8)
        } else {
            ImageBuffer::<Rgb<u8>, _>::from_raw(w, h, p.data).map(DynamicImage::ImageRgb8)
        };
        image.unwrap_or_else(|| DynamicImage::new_rgb8(w, h))
    }
}

/// A page at full resolution with its samples as decoded (nothing rounded, nothing scaled):
/// for embedding losslessly (the dossier PDF).
pub struct Samples {
    pub width: u32,
    pub height: u32,
    /// 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
    pub channels: u8,
    /// 8 or 16 bits a sample; 16-bit samples are big-endian (as PDF wants them).
    pub bits: u8,
    /// Interleaved samples, row by row.
    pub data: Vec<u8>,
}

impl Samples {
    /// The bytes `width` × `height` pixels of this layout take.
    pub fn expected_len(width: u32, height: u32, channels: u8, bits: u8) -> u64 {
        u64::from(width) * u64::from(height) * u64::from(channels) * u64::from(bits / 8)
    }
}

impl From<DynamicImage> for Samples {
    /// The image's own layout; floating-point images (not produced by the formats decoded
    /// here) become 16-bit.
    fn from(image: DynamicImage) -> Self {
        let (width, height) = (image.width(), image.height());
        let wide = |channels: u8, samples: Vec<u16>| Samples {
            width,
            height,
            channels,
            bits: 16,
            data: samples.iter().flat_map(|v| v.to_be_bytes()).collect(),
        };
        let narrow = |channels: u8, data: Vec<u8>| Samples {
            width,
            height,
            channels,
            bits: 8,
            data,
        };
        match image {
            DynamicImage::ImageLuma8(i) => narrow(1, i.into_raw()),
            DynamicImage::ImageLumaA8(i) => narrow(2, i.into_raw()),
            DynamicImage::ImageRgb8(i) => narrow(3, i.into_raw()),
            DynamicImage::ImageRgba8(i) => narrow(4, i.into_raw()),
            DynamicImage::ImageLuma16(i) => wide(1, i.into_raw()),
            DynamicImage::ImageLumaA16(i) => wide(2, i.into_raw()),
            DynamicImage::ImageRgb16(i) => wide(3, i.into_raw()),
            other if other.color().has_alpha() => wide(4, other.into_rgba16().into_raw()),
            other => wide(3, other.into_rgb16().into_raw()),
        }
    }
}

/// Half the width and height, each pixel the average of four.
fn halve(source: &Pixels) -> Pixels {
    let c = usize::from(source.channels);
    let (w, h) = (source.width as usize, source.height as usize);
    let (half_w, half_h) = ((w / 2).max(1), (h / 2).max(1));
    let mut data = vec![0u8; half_w * half_h * c];
    for y in 0..half_h {
        let top = &source.data[(2 * y) * w * c..(2 * y + 1) * w * c];
        let bottom_row = (2 * y + 1).min(h - 1);
        let bottom = &source.data[bottom_row * w * c..(bottom_row + 1) * w * c];
        let out = &mut data[y * half_w * c..(y + 1) * half_w * c];
        for x in 0..half_w {
            let right = (2 * x + 1).min(w - 1);
            for k in 0..c {
                let sum = u16::from(top[2 * x * c + k])
                    + u16::from(top[right * c + k])
                    + u16::from(bottom[2 * x * c + k])
                    + u16::from(bottom[right * c + k]);
                out[x * c + k] = ((sum + 2) / 4) as u8;
            }
        }
    }
    Pixels {
        width: half_w as u32,
        height: half_h as u32,
        channels: source.channels,
        data,
    }
}

/// A JPEG decoded at the smallest DCT scale that still covers `side` pixels.
fn shrunk_jpeg(bytes: &[u8], side: u32, limits: &Limits) -> Result<DynamicImage, DecodeError> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(usize::try_from(limits.max_alloc).unwrap_or(usize::MAX));
    decoder.read_info().map_err(|_| DecodeError::Damaged)?;
    let info = decoder.info().ok_or(DecodeError::Damaged)?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    check_size(width, height, 4, limits)?;
    let longer = width.max(height).max(1);
    if longer < side.saturating_mul(4) {
        // Scaled decoding pays only from 1/4 down (it still reads every coefficient, and this
        // decoder is slower than the full one): measured 124 ms at 1/2 against 53 ms full.
        return decode_page(bytes, Format::Jpeg, 0, limits);
    }
    // Ask for the size that keeps the longer side at least `side` pixels.
    let request = |v: u32| -> u16 {
        (u64::from(v) * u64::from(side))
            .div_ceil(u64::from(longer))
            .clamp(1, 65_535) as u16
    };
    let (w, h) = decoder
        .scale(request(width), request(height))
        .map_err(|_| DecodeError::Damaged)?;
    let pixels = decoder.decode().map_err(|_| DecodeError::Damaged)?;
    let (w, h) = (u32::from(w), u32::from(h));
    let info = decoder.info().ok_or(DecodeError::Damaged)?;
    let mut image = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => {
            GrayImage::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8)
        }
        jpeg_decoder::PixelFormat::L16 => {
            let wide = pixels
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            ImageBuffer::<Luma<u16>, _>::from_raw(w, h, wide).map(DynamicImage::ImageLuma16)
        }
        jpeg_decoder::PixelFormat::RGB24 => {
            ImageBuffer::<Rgb<u8>, _>::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8)
        }
        jpeg_decoder::PixelFormat::CMYK32 => {
            let rgb = pixels.chunks_exact(4).flat_map(cmyk_to_rgb).collect();
            ImageBuffer::<Rgb<u8>, _>::from_raw(w, h, rgb).map(DynamicImage::ImageRgb8)
        }
    }
    .ok_or(DecodeError::Damaged)?;
    if let Some(orientation) = decoder.exif_data().and_then(Orientation::from_exif_chunk) {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

/// Adobe-style (inverted) CMYK, as JPEG decoders deliver it, to RGB.
fn cmyk_to_rgb(p: &[u8]) -> [u8; 3] {
    let k = u16::from(p[3]);
    let channel = |c: u8| ((u16::from(c) * k) / 255) as u8;
    [channel(p[0]), channel(p[1]), channel(p[2])]
}

fn tiff_decoder<'a>(
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<tiff::decoder::Decoder<Cursor<&'a [u8]>>, DecodeError> {
    let mut tiff_limits = tiff::decoder::Limits::default();
    tiff_limits.decoding_buffer_size = usize::try_from(limits.max_alloc).unwrap_or(usize::MAX);
    tiff_limits.intermediate_buffer_size = tiff_limits.decoding_buffer_size;
    Ok(tiff::decoder::Decoder::new(Cursor::new(bytes))
        .map_err(|e| from_tiff_error(e, limits))?
        .with_limits(tiff_limits))
}

fn decode_tiff_page(bytes: &[u8], page: u32, limits: &Limits) -> Result<DynamicImage, DecodeError> {
    let mut decoder = tiff_decoder(bytes, limits)?;
    decoder
        .seek_to_image(page as usize)
        .map_err(|err| match err {
            tiff::TiffError::FormatError(tiff::TiffFormatError::ImageFileDirectoryNotFound) => {
                DecodeError::NoSuchPage { page }
            }
            other => from_tiff_error(other, limits),
        })?;
    let (width, height) = decoder
        .dimensions()
        .map_err(|e| from_tiff_error(e, limits))?;
    let color = decoder
        .colortype()
        .map_err(|e| from_tiff_error(e, limits))?;
    let samples = u64::from(color.num_samples());
    let bytes_per_sample = u64::from(color.bit_depth().div_ceil(8));
    check_size(width, height, samples * bytes_per_sample, limits)?;
    let data = decoder
        .read_image()
        .map_err(|e| from_tiff_error(e, limits))?;
    tiff_to_image(width, height, color, data)
}

/// The TIFF colour models scans come in; others are `Unsupported`.
fn tiff_to_image(
    width: u32,
    height: u32,
    color: tiff::ColorType,
    data: tiff::decoder::DecodingResult,
) -> Result<DynamicImage, DecodeError> {
    use tiff::ColorType as C;
    use tiff::decoder::DecodingResult as D;
    let image =
        match (color, data) {
            (C::Gray(1), D::U8(packed)) => {
                // Bilevel (fax-style) scans: one bit a pixel, rows padded to a byte; 1 is white
                // (the decoder has already turned WhiteIsZero around).
                let row_bytes = width.div_ceil(8) as usize;
                let mut gray = Vec::with_capacity(width as usize * height as usize);
                for row in packed.chunks(row_bytes).take(height as usize) {
                    for x in 0..width as usize {
                        let bit = row.get(x / 8).map_or(0, |b| (b >> (7 - x % 8)) & 1);
                        gray.push(if bit == 1 { 255 } else { 0 });
                    }
                }
                GrayImage::from_raw(width, height, gray).map(DynamicImage::ImageLuma8)
            }
            (C::Gray(8), D::U8(v)) => {
                GrayImage::from_raw(width, height, v).map(DynamicImage::ImageLuma8)
            }
            (C::Gray(16), D::U16(v)) => ImageBuffer::<Luma<u16>, _>::from_raw(width, height, v)
                .map(DynamicImage::ImageLuma16),
            (C::GrayA(8), D::U8(v)) => ImageBuffer::<LumaA<u8>, _>::from_raw(width, height, v)
                .map(DynamicImage::ImageLumaA8),
            (C::RGB(8), D::U8(v)) => {
                ImageBuffer::<Rgb<u8>, _>::from_raw(width, height, v).map(DynamicImage::ImageRgb8)
            }
            (C::RGB(16), D::U16(v)) => {
                ImageBuffer::<Rgb<u16>, _>::from_raw(width, height, v).map(DynamicImage::ImageRgb16)
            }
            (C::RGBA(8), D::U8(v)) => {
                ImageBuffer::<Rgba<u8>, _>::from_raw(width, height, v).map(DynamicImage::ImageRgba8)
            }
            (C::RGBA(16), D::U16(v)) => ImageBuffer::<Rgba<u16>, _>::from_raw(width, height, v)
                .map(DynamicImage::ImageRgba16),
            _ => return Err(DecodeError::Unsupported),
        };
    image.ok_or(DecodeError::Damaged)
}

/// Refuses images over the side or memory limit before anything is allocated.
fn check_size(
    width: u32,
    height: u32,
    bytes_per_pixel: u64,
    limits: &Limits,
) -> Result<(), DecodeError> {
    if width > limits.max_side || height > limits.max_side {
        return Err(DecodeError::TooLarge {
            width,
            height,
            max_side: limits.max_side,
        });
    }
    if u64::from(width) * u64::from(height) * bytes_per_pixel > limits.max_alloc {
        return Err(DecodeError::OverMemoryLimit {
            limit_mib: limits.max_alloc >> 20,
        });
    }
    Ok(())
}

fn image_limits(limits: &Limits) -> image::Limits {
    let mut image_limits = image::Limits::default();
    image_limits.max_image_width = Some(limits.max_side);
    image_limits.max_image_height = Some(limits.max_side);
    image_limits.max_alloc = Some(limits.max_alloc);
    image_limits
}

/// Which limit a file broke: its declared size when the header says, else the memory limit.
fn limit_error(bytes: &[u8], format: image::ImageFormat, limits: &Limits) -> DecodeError {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    reader.no_limits();
    match reader.into_dimensions() {
        Ok((width, height)) => {
            check_size(width, height, 4, limits)
                .err()
                .unwrap_or(DecodeError::OverMemoryLimit {
                    limit_mib: limits.max_alloc >> 20,
                })
        }
        Err(_) => DecodeError::OverMemoryLimit {
            limit_mib: limits.max_alloc >> 20,
        },
    }
}

fn from_image_error(err: image::ImageError, limits: &Limits) -> DecodeError {
    match err {
        image::ImageError::Limits(_) => DecodeError::OverMemoryLimit {
            limit_mib: limits.max_alloc >> 20,
        },
        image::ImageError::Unsupported(_) => DecodeError::Unsupported,
        _ => DecodeError::Damaged,
    }
}

fn from_tiff_error(err: tiff::TiffError, limits: &Limits) -> DecodeError {
    match err {
        tiff::TiffError::LimitsExceeded => DecodeError::OverMemoryLimit {
            limit_mib: limits.max_alloc >> 20,
        },
        tiff::TiffError::UnsupportedError(_) => DecodeError::Unsupported,
        _ => DecodeError::Damaged,
    }
}

/// The page turned by quarter turns clockwise.
pub fn rotate_quarters(image: DynamicImage, quarter_turns: u8) -> DynamicImage {
    match quarter_turns % 4 {
        1 => image.rotate90(),
        2 => image.rotate180(),
        3 => image.rotate270(),
        _ => image,
    }
}

/// The part of the image inside `crop` (left, top, right, bottom as fractions of its size).
pub fn crop_fraction(image: DynamicImage, crop: [f32; 4]) -> DynamicImage {
    let (w, h) = (image.width() as f32, image.height() as f32);
    let clamp = |v: f32| v.clamp(0.0, 1.0);
    let (left, right) = (clamp(crop[0].min(crop[2])), clamp(crop[0].max(crop[2])));
    let (top, bottom) = (clamp(crop[1].min(crop[3])), clamp(crop[1].max(crop[3])));
    let x = (left * w) as u32;
    let y = (top * h) as u32;
    let width = (((right - left) * w) as u32).max(1);
    let height = (((bottom - top) * h) as u32).max(1);
    image.crop_imm(x, y, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(image: &DynamicImage, format: image::ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).expect("encode in memory");
        out.into_inner()
    }

    #[test]
    fn a_jpeg_thumbnail_keeps_the_aspect_and_fits_the_side() {
        let page = DynamicImage::ImageRgb8(ImageBuffer::from_fn(1240, 1754, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 200])
        }));
        let jpeg = encoded(&page, image::ImageFormat::Jpeg);
        let thumb =
            page_within(&jpeg, Format::Jpeg, 0, 256, &Limits::default()).expect("thumbnail");
        assert_eq!(thumb.height(), 256);
        assert!((thumb.width() as i32 - 181).abs() <= 1, "{}", thumb.width());
        // Near the full size, the full decoder is used and the page only scaled down.
        let page = page_within(&jpeg, Format::Jpeg, 0, 1000, &Limits::default()).expect("page");
        assert_eq!(page.height(), 1000);
        let whole = page_within(&jpeg, Format::Jpeg, 0, 4096, &Limits::default()).expect("whole");
        assert_eq!((whole.width(), whole.height()), (1240, 1754));
    }

    #[test]
    fn webp_and_png_pages_decode_and_turn_upright() {
        let page = DynamicImage::ImageRgb8(ImageBuffer::from_fn(120, 80, |x, y| {
            Rgb([(x * 2) as u8, (y * 3) as u8, 90])
        }));
        for (bytes, format) in [
            (encoded(&page, image::ImageFormat::WebP), Format::Webp),
            (encoded(&page, image::ImageFormat::Png), Format::Png),
        ] {
            assert_eq!(Format::sniff(&bytes), format);
            assert_eq!(page_count(&bytes, format, &Limits::default()), Ok(1));
            let decoded = decode_page(&bytes, format, 0, &Limits::default()).expect("decode");
            // Lossless both: the same pixels back.
            assert_eq!(decoded.into_rgb8(), page.to_rgb8(), "{format:?}");
        }
    }

    #[test]
    fn limits_refuse_before_decoding() {
        let page = DynamicImage::ImageLuma8(GrayImage::new(300, 200));
        let png = encoded(&page, image::ImageFormat::Png);
        let small = Limits {
            max_side: 256,
            max_alloc: 1 << 30,
        };
        assert_eq!(
            decode_page(&png, Format::Png, 0, &small).err(),
            Some(DecodeError::TooLarge {
                width: 300,
                height: 200,
                max_side: 256
            })
        );
        let tight = Limits {
            max_side: 1000,
            max_alloc: 1000,
        };
        assert!(matches!(
            decode_page(&png, Format::Png, 0, &tight),
            Err(DecodeError::OverMemoryLimit { .. })
        ));
        assert_eq!(
            decode_page(&png, Format::Png, 1, &Limits::default()).err(),
            Some(DecodeError::NoSuchPage { page: 1 })
        );
    }

    #[test]
    fn viewer_pages_are_halved_while_twice_the_wanted_side() {
        let page = DynamicImage::ImageRgb8(ImageBuffer::from_fn(1000, 600, |x, _| {
            Rgb([if x % 2 == 0 { 0 } else { 200 }, 50, 50])
        }));
        let png = encoded(&page, image::ImageFormat::Png);
        let limits = Limits::default();
        let screen = page_for_view(&png, Format::Png, 0, 400, 4096, &limits).expect("page");
        assert_eq!(
            (screen.width, screen.height, screen.channels),
            (500, 300, 3)
        );
        // Neighbouring columns 0 and 200 average to 100.
        assert_eq!(&screen.data[..3], &[100, 50, 50]);
        let whole = page_for_view(&png, Format::Png, 0, 4096, 4096, &limits).expect("page");
        assert_eq!((whole.width, whole.height), (1000, 600));
        let capped = page_for_view(&png, Format::Png, 0, 4096, 256, &limits).expect("page");
        assert!(capped.width <= 256 && capped.height <= 256);
    }

    #[test]
    fn full_samples_keep_the_decoded_layout() {
        let grey =
            DynamicImage::ImageLuma8(GrayImage::from_fn(5, 3, |x, y| Luma([(x * 40 + y) as u8])));
        let png = encoded(&grey, image::ImageFormat::Png);
        let samples =
            Samples::from(decode_page(&png, Format::Png, 0, &Limits::default()).expect("decode"));
        assert_eq!(
            (
                samples.width,
                samples.height,
                samples.channels,
                samples.bits
            ),
            (5, 3, 1, 8)
        );
        assert_eq!(samples.data, grey.to_luma8().into_raw());
        let deep = DynamicImage::ImageRgb16(ImageBuffer::from_fn(2, 2, |x, y| {
            Rgb([0x1234 + x as u16, 0xABCD - y as u16, 7])
        }));
        let samples = Samples::from(deep);
        assert_eq!((samples.channels, samples.bits), (3, 16));
        assert_eq!(
            samples.data.len() as u64,
            Samples::expected_len(2, 2, 3, 16)
        );
        assert_eq!(&samples.data[..4], &[0x12, 0x34, 0xAB, 0xCD]);
    }

    #[test]
    fn rotation_and_crop_make_the_expected_sizes() {
        let page = DynamicImage::ImageLuma8(GrayImage::new(400, 200));
        let turned = rotate_quarters(page.clone(), 1);
        assert_eq!((turned.width(), turned.height()), (200, 400));
        let cropped = crop_fraction(page, [0.75, 0.5, 0.25, 0.0]);
        assert_eq!((cropped.width(), cropped.height()), (200, 100));
    }
}
