//! Scan fixtures shared by the media tests and the scans benchmark: generated page images and
//! their encodings, hand-built hostile PNGs, and the real decode worker (this crate's binary).
//! Self-contained (no `super::`), so that a bench can include it with `#[path]`.

use std::io::{Cursor, Write};
use std::path::Path;

use casevault::media::{Decoder, Stamp};
use image::{DynamicImage, ImageBuffer, Rgb};

/// The decode worker of the built binary, as the app runs it.
pub fn real_decoder() -> Decoder {
    Decoder::new(env!("CARGO_BIN_EXE_casevault").into())
}

/// Who imported, as recorded in the file entries; a fixed time.
pub fn stamp(by: &str) -> Stamp {
    Stamp {
        by: by.to_string(),
        at: "2026-03-01T10:00:00Z".to_string(),
    }
}

/// A page-like RGB image with enough texture that JPEG/PNG data fill most of the file.
pub fn page_image(width: u32, height: u32) -> DynamicImage {
    let mut seed = 0x2545_f491_u32;
    DynamicImage::ImageRgb8(ImageBuffer::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed & 0x1f) as u8;
        let ink = if (y / 12) % 3 == 0 && (x / 7) % 5 != 0 {
            40
        } else {
            220
        };
        Rgb([
            ink + noise,
            ink + noise / 2,
            (ink / 2).wrapping_add((x % 64) as u8),
        ])
    }))
}

/// JPEG at quality 85.
pub fn jpeg_bytes(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(image)
        .expect("encode JPEG");
    out
}

pub fn png_bytes(image: &DynamicImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode PNG");
    out.into_inner()
}

/// The first half of a real encoded image.
pub fn first_half(bytes: &[u8]) -> Vec<u8> {
    bytes[..bytes.len() / 2].to_vec()
}

/// CRC-32 (ISO-HDLC, as PNG uses it).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// Appends a PNG chunk: length, kind, data, CRC.
pub fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

/// A zlib stream of one stored (uncompressed) block.
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len()).expect("one stored block");
    let mut out = vec![0x78, 0x01, 0x01];
    out.extend(len.to_le_bytes());
    out.extend((!len).to_le_bytes());
    out.extend(data);
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

/// A small PNG whose header claims `width` × `height` RGB pixels (valid chunks and CRCs; the
/// image data covers only the start of the first row).
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB, deflate, adaptive filter, not interlaced
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &zlib_stored(&[0u8; 1024]));
    png_chunk(&mut out, b"IEND", &[]);
    // The file itself is well formed: the png crate reads its header (CRCs checked).
    let mut check = png::Decoder::new(Cursor::new(out.as_slice()));
    let info = check.read_header_info().expect("hand-built PNG header");
    assert_eq!((info.width, info.height), (width, height));
    out
}

/// Side of the decompression bomb: within the 16,384 px side limit, but 12,000² RGBA pixels
/// need 576 MB, over the 512 MiB allocation limit.
pub const BOMB_SIDE: u32 = 12_000;

/// Writes a PNG of `BOMB_SIDE`² RGBA zeros, streamed row by row (a small file that would decode
/// to 576 MB); returns its size.
pub fn write_bomb(path: &Path) -> u64 {
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create bomb"));
    let mut encoder = png::Encoder::new(file, BOMB_SIDE, BOMB_SIDE);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // zlib level 6: about 0.6 MB (fdeflate's `Fast` makes 2.8 MB of these zeros).
    encoder.set_compression(png::Compression::Balanced);
    let mut writer = encoder.write_header().expect("bomb header");
    let mut stream = writer.stream_writer().expect("bomb stream");
    let row = vec![0u8; BOMB_SIDE as usize * 4];
    for _ in 0..BOMB_SIDE {
        stream.write_all(&row).expect("bomb row");
    }
    stream.finish().expect("bomb end");
    writer.finish().expect("bomb file");
    std::fs::metadata(path).expect("bomb size").len()
}
