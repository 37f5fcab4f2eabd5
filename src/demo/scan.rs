//! Generated page images for the demo's documents: an off-white sheet with a border, a title bar,
//! lines of "text" and a round stamp, varied by a seed. No real document is imitated.

use std::io::Cursor;

use image::{GrayImage, ImageFormat, Luma};

const WIDTH: u32 = 620;
const HEIGHT: u32 = 860;
const THUMBNAIL_SIDE: u32 = 256;

/// A small deterministic pseudo-random sequence (xorshift), so pages are stable across runs.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u32) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % u64::from(below.max(1))) as u32
    }
}

fn fill(image: &mut GrayImage, x: u32, y: u32, w: u32, h: u32, shade: u8) {
    for py in y..(y + h).min(HEIGHT) {
        for px in x..(x + w).min(WIDTH) {
            image.put_pixel(px, py, Luma([shade]));
        }
    }
}

/// A generated page, encoded as the demo stores it.
pub struct Page {
    pub png: Vec<u8>,
    /// A JPEG thumbnail, as the import makes for real scans (made here without the decode
    /// worker: the page is generated, not untrusted).
    pub thumbnail_jpeg: Vec<u8>,
}

/// The page for document number `seed`; the title only varies its layout.
pub fn page(seed: usize, title: &str) -> Page {
    let mut rng = Sequence(0x9e37_79b9_7f4a_7c15 ^ (seed as u64 + 1) ^ (title.len() as u64) << 32);
    let mut image = GrayImage::from_pixel(WIDTH, HEIGHT, Luma([244]));
    // Border and title bar.
    fill(&mut image, 30, 30, WIDTH - 60, 3, 90);
    fill(&mut image, 30, HEIGHT - 33, WIDTH - 60, 3, 90);
    fill(&mut image, 30, 30, 3, HEIGHT - 60, 90);
    fill(&mut image, WIDTH - 33, 30, 3, HEIGHT - 60, 90);
    fill(&mut image, 150, 70, WIDTH - 300, 22, 60);
    // Lines of text.
    let mut y = 130;
    while y < HEIGHT - 200 {
        let indent = 60 + rng.next(40);
        let length = 200 + rng.next(WIDTH - 180 - indent);
        fill(&mut image, indent, y, length, 9, 70 + rng.next(40) as u8);
        y += 26 + rng.next(10);
    }
    // A round stamp.
    let (cx, cy, r) = (WIDTH as i64 - 170, HEIGHT as i64 - 150, 60i64);
    for py in (cy - r)..=(cy + r) {
        for px in (cx - r)..=(cx + r) {
            let d2 = (px - cx).pow(2) + (py - cy).pow(2);
            if (r - 5).pow(2) <= d2 && d2 <= r.pow(2) {
                image.put_pixel(px as u32, py as u32, Luma([120]));
            }
        }
    }
    let image = image::DynamicImage::ImageLuma8(image);
    Page {
        png: encode(&image, ImageFormat::Png),
        thumbnail_jpeg: encode(
            &image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE),
            ImageFormat::Jpeg,
        ),
    }
}

fn encode(image: &image::DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, format)
        .expect("encoding a generated image in memory cannot fail");
    out.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_valid_pngs_that_differ_by_seed_and_repeat_by_seed() {
        let a = page(1, "Birth certificate");
        let b = page(2, "Birth certificate");
        assert_ne!(a.png, b.png);
        assert_eq!(a.png, page(1, "Birth certificate").png);
        let decoded = image::load_from_memory_with_format(&a.png, ImageFormat::Png).expect("png");
        assert_eq!((decoded.width(), decoded.height()), (WIDTH, HEIGHT));
        let thumb = image::load_from_memory_with_format(&a.thumbnail_jpeg, ImageFormat::Jpeg)
            .expect("jpeg");
        assert_eq!(thumb.height(), THUMBNAIL_SIDE);
    }
}
