//! The decode worker: a child process (this same binary, hidden subcommand `decode-worker`) that
//! decodes one untrusted image per run, so that a hostile file can crash, hang or exhaust only
//! the worker. The app writes a request (one JSON line, then the file's bytes) to its stdin and
//! reads a reply (one JSON line, then a payload) from its stdout; nothing touches the disk. The
//! worker caps its own address space and CPU time; the app kills it after a timeout.

use std::io::{self, BufRead, Read, Write};
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::process::{ChildStdout, Command, ExitCode, Stdio};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use wait_timeout::ChildExt;
use zeroize::Zeroizing;

use super::decode::{self, DecodeError, Limits, Samples};
use super::sniff::Format;

/// The hidden subcommand that runs the worker.
pub const WORKER_SUBCOMMAND: &str = "decode-worker";

/// The largest side of a page sent to the viewer (GPU textures are limited; 4096 keeps an A4
/// scan at 300 dpi whole).
pub const VIEW_MAX_SIDE: u32 = 4096;

/// The side of the page the viewer asks for first: enough for a screen at "fit" (also a HiDPI
/// one) and a quarter of the pixels of an A4 scan at 300 dpi to send and upload. Zooming in
/// past it loads the page at full size.
pub const SCREEN_SIDE: u32 = 1600;

/// The longest reply header the app reads.
const MAX_HEADER: u64 = 4096;

/// What the worker is asked to make.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Task {
    /// A JPEG thumbnail of the first page, and the page count.
    Thumbnail { side: u32 },
    /// One page (0-based) as RGB or RGBA pixels, halved while at least twice `side` (never
    /// larger than `VIEW_MAX_SIDE`).
    Page { page: u32, side: u32 },
    /// A working copy of one page: turned by quarter turns clockwise, then cropped
    /// (left, top, right, bottom as fractions), as PNG.
    Derive {
        page: u32,
        quarter_turns: u8,
        crop: Option<[f32; 4]>,
    },
    /// One page (0-based) at full resolution, its samples as decoded (grey or colour, with or
    /// without alpha, 8 or 16 bits), turned upright: for embedding losslessly in the dossier.
    Full { page: u32 },
}

#[derive(Debug, Serialize, Deserialize)]
struct Request {
    task: Task,
    format: Format,
    limits: Limits,
}

#[derive(Debug, Serialize, Deserialize)]
enum ReplyHeader {
    Thumbnail {
        pages: u32,
        len: u64,
    },
    Page {
        pages: u32,
        width: u32,
        height: u32,
        /// 3 (RGB) or 4 (RGBA).
        channels: u8,
        len: u64,
    },
    Derived {
        width: u32,
        height: u32,
        len: u64,
    },
    Full {
        pages: u32,
        width: u32,
        height: u32,
        channels: u8,
        bits: u8,
        len: u64,
    },
    Failed(DecodeError),
}

/// A decoded page, ready to become a texture. Not zeroized: the same pixels live on in egui's
/// texture (and GPU memory) while shown, which cannot be wiped either; they are freed on lock.
pub struct PagePixels {
    pub width: u32,
    pub height: u32,
    /// 3 (RGB) or 4 (RGBA) bytes a pixel.
    pub channels: u8,
    pub pixels: Vec<u8>,
}

impl PagePixels {
    /// The page as an egui image.
    pub fn to_color_image(&self) -> egui::ColorImage {
        let size = [self.width as usize, self.height as usize];
        if self.channels == 3 {
            egui::ColorImage::from_rgb(size, &self.pixels)
        } else {
            egui::ColorImage::from_rgba_unmultiplied(size, &self.pixels)
        }
    }
}

/// What the worker made.
pub enum Output {
    Thumbnail {
        pages: u32,
        jpeg: Zeroizing<Vec<u8>>,
    },
    Page {
        pages: u32,
        page: PagePixels,
    },
    Derived {
        png: Zeroizing<Vec<u8>>,
    },
    /// A page at full resolution (`Task::Full`).
    Full {
        pages: u32,
        samples: FullPage,
    },
}

/// A page's samples at full resolution (see `decode::Samples`), wiped when dropped.
pub struct FullPage {
    pub width: u32,
    pub height: u32,
    /// 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
    pub channels: u8,
    /// 8 or 16 (big-endian).
    pub bits: u8,
    pub data: Zeroizing<Vec<u8>>,
}

/// Why a file got no preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewError {
    Decode(DecodeError),
    /// The worker took longer than the timeout and was stopped.
    TimedOut {
        seconds: u64,
    },
    /// The preview was made but could not be saved in the vault (the original is).
    NotStored(String),
    /// The worker died (a crash, or the memory cap) or answered nonsense.
    Crashed,
    /// The worker could not be started.
    CouldNotStart(io::ErrorKind),
}

/// How to start the worker, and what it may use.
#[derive(Debug, Clone)]
pub struct Decoder {
    program: PathBuf,
    args: Vec<String>,
    pub timeout: Duration,
    pub limits: Limits,
}

impl Decoder {
    /// A worker run as `program decode-worker`.
    pub fn new(program: PathBuf) -> Self {
        Self {
            program,
            args: vec![WORKER_SUBCOMMAND.to_string()],
            timeout: Duration::from_secs(30),
            limits: Limits::default(),
        }
    }

    /// The worker is this very program (the app's binary).
    pub fn this_program() -> io::Result<Self> {
        Ok(Self::new(std::env::current_exe()?))
    }

    /// Any command as the worker (tests use ones that hang or crash).
    pub fn with_command(program: PathBuf, args: Vec<String>) -> Self {
        Self {
            args,
            ..Self::new(program)
        }
    }

    /// Runs one task on `bytes` (the file's content) in a fresh worker process.
    pub fn run(&self, format: Format, task: Task, bytes: &[u8]) -> Result<Output, PreviewError> {
        if !format.has_preview() {
            return Err(PreviewError::Decode(DecodeError::NoPreview));
        }
        let request = Request {
            task,
            format,
            limits: self.limits,
        };
        let mut header = serde_json::to_vec(&request).map_err(|_| PreviewError::Crashed)?;
        header.push(b'\n');
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| PreviewError::CouldNotStart(e.kind()))?;
        let mut stdin = child.stdin.take().ok_or(PreviewError::Crashed)?;
        let stdout = child.stdout.take().ok_or(PreviewError::Crashed)?;
        let max_payload = self.max_payload(task);
        let (status, reply) = std::thread::scope(|scope| {
            // Writing and reading run beside the wait, so that a worker that stops reading or
            // never answers is still caught by the timeout.
            scope.spawn(move || {
                // A worker that dies early closes the pipe; its exit status tells why.
                let _ = stdin
                    .write_all(&header)
                    .and_then(|()| stdin.write_all(bytes));
            });
            let reader = scope.spawn(move || read_reply(stdout, max_payload));
            let status = child.wait_timeout(self.timeout);
            let status = match status {
                Ok(Some(status)) => Ok(status),
                Ok(None) | Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    Err(PreviewError::TimedOut {
                        seconds: self.timeout.as_secs_f64().ceil() as u64,
                    })
                }
            };
            (status, reader.join())
        });
        let status = status?;
        match reply {
            Ok(Ok((header, payload))) if status.success() => into_output(header, payload),
            _ => Err(PreviewError::Crashed),
        }
    }

    /// The largest payload a sane worker sends for `task`; more is treated as a crash, so a
    /// subverted worker cannot make the app allocate without bound.
    fn max_payload(&self, task: Task) -> u64 {
        match task {
            Task::Thumbnail { side } => u64::from(side).pow(2) * 4 + (1 << 20),
            Task::Page { .. } => u64::from(VIEW_MAX_SIDE).pow(2) * 4,
            Task::Derive { .. } => self.limits.max_alloc + (1 << 20),
            Task::Full { .. } => self.limits.max_alloc,
        }
    }
}

/// Reads the header line, then exactly the payload it announces, into a buffer allocated once
/// (no copies left behind by a growing buffer).
fn read_reply(
    stdout: ChildStdout,
    max_payload: u64,
) -> Result<(ReplyHeader, Vec<u8>), PreviewError> {
    let mut reader = io::BufReader::new(stdout);
    let mut line = Vec::new();
    (&mut reader)
        .take(MAX_HEADER)
        .read_until(b'\n', &mut line)
        .map_err(|_| PreviewError::Crashed)?;
    let header: ReplyHeader = serde_json::from_slice(&line).map_err(|_| PreviewError::Crashed)?;
    let len = match &header {
        ReplyHeader::Failed(_) => 0,
        ReplyHeader::Thumbnail { len, .. }
        | ReplyHeader::Page { len, .. }
        | ReplyHeader::Derived { len, .. }
        | ReplyHeader::Full { len, .. } => *len,
    };
    if len > max_payload {
        return Err(PreviewError::Crashed);
    }
    let mut payload = vec![0u8; len as usize];
    reader
        .read_exact(&mut payload)
        .map_err(|_| PreviewError::Crashed)?;
    Ok((header, payload))
}

fn into_output(header: ReplyHeader, payload: Vec<u8>) -> Result<Output, PreviewError> {
    match header {
        ReplyHeader::Failed(err) => Err(PreviewError::Decode(err)),
        ReplyHeader::Thumbnail { pages, .. } => Ok(Output::Thumbnail {
            pages,
            jpeg: Zeroizing::new(payload),
        }),
        ReplyHeader::Page {
            pages,
            width,
            height,
            channels,
            len,
        } => {
            if !matches!(channels, 3 | 4)
                || len != u64::from(width) * u64::from(height) * u64::from(channels)
            {
                return Err(PreviewError::Crashed);
            }
            Ok(Output::Page {
                pages,
                page: PagePixels {
                    width,
                    height,
                    channels,
                    pixels: payload,
                },
            })
        }
        ReplyHeader::Derived { .. } => Ok(Output::Derived {
            png: Zeroizing::new(payload),
        }),
        ReplyHeader::Full {
            pages,
            width,
            height,
            channels,
            bits,
            len,
        } => {
            if !matches!(channels, 1..=4)
                || !matches!(bits, 8 | 16)
                || len != Samples::expected_len(width, height, channels, bits)
            {
                return Err(PreviewError::Crashed);
            }
            Ok(Output::Full {
                pages,
                samples: FullPage {
                    width,
                    height,
                    channels,
                    bits,
                    data: Zeroizing::new(payload),
                },
            })
        }
    }
}

/// The worker's side: reads one request from stdin, answers on stdout. Never returns an error
/// to the caller other than through the reply; exits non-zero only when stdout is gone.
pub fn serve() -> ExitCode {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut line = Vec::new();
    let request: Option<Request> = input
        .read_until(b'\n', &mut line)
        .ok()
        .and_then(|_| serde_json::from_slice(&line).ok());
    let Some(request) = request else {
        return ExitCode::FAILURE;
    };
    // Room for the decoded image, a scaled copy, and the program itself.
    let address_space = request.limits.max_alloc.saturating_mul(2) + (768 << 20);
    crate::hardening::limit_resources(address_space, 60);
    let mut bytes = Zeroizing::new(Vec::new());
    if input.read_to_end(&mut bytes).is_err() {
        return ExitCode::FAILURE;
    }
    let (header, payload) = match perform(&request, &bytes) {
        Ok(done) => done,
        Err(err) => (ReplyHeader::Failed(err), Vec::new()),
    };
    // Straight to the pipe (stdout's line buffering would scan megabytes of pixels for
    // newlines). The payload is not wiped: the process ends now and its memory with it.
    let written = io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map(std::fs::File::from)
        .and_then(|mut out| {
            let mut head = serde_json::to_vec(&header).map_err(io::Error::other)?;
            head.push(b'\n');
            out.write_all(&head)?;
            out.write_all(&payload)
        });
    if written.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn perform(request: &Request, bytes: &[u8]) -> Result<(ReplyHeader, Vec<u8>), DecodeError> {
    let limits = &request.limits;
    let format = request.format;
    match request.task {
        Task::Thumbnail { side } => {
            let pages = decode::page_count(bytes, format, limits)?;
            let thumb = decode::page_within(bytes, format, 0, side, limits)?;
            let jpeg = encode(
                &image::DynamicImage::ImageRgb8(thumb.into_rgb8()),
                image::ImageFormat::Jpeg,
            )?;
            let len = jpeg.len() as u64;
            Ok((ReplyHeader::Thumbnail { pages, len }, jpeg))
        }
        Task::Page { page, side } => {
            let pages = decode::page_count(bytes, format, limits)?;
            let view = decode::page_for_view(bytes, format, page, side, VIEW_MAX_SIDE, limits)?;
            let len = view.data.len() as u64;
            Ok((
                ReplyHeader::Page {
                    pages,
                    width: view.width,
                    height: view.height,
                    channels: view.channels,
                    len,
                },
                view.data,
            ))
        }
        Task::Derive {
            page,
            quarter_turns,
            crop,
        } => {
            let image = decode::decode_page(bytes, format, page, limits)?;
            let mut image = decode::rotate_quarters(image, quarter_turns);
            if let Some(crop) = crop {
                image = decode::crop_fraction(image, crop);
            }
            let (width, height) = (image.width(), image.height());
            let png = encode(&image, image::ImageFormat::Png)?;
            let len = png.len() as u64;
            Ok((ReplyHeader::Derived { width, height, len }, png))
        }
        Task::Full { page } => {
            let pages = decode::page_count(bytes, format, limits)?;
            let samples = Samples::from(decode::decode_page(bytes, format, page, limits)?);
            let header = ReplyHeader::Full {
                pages,
                width: samples.width,
                height: samples.height,
                channels: samples.channels,
                bits: samples.bits,
                len: samples.data.len() as u64,
            };
            Ok((header, samples.data))
        }
    }
}

fn encode(image: &image::DynamicImage, format: image::ImageFormat) -> Result<Vec<u8>, DecodeError> {
    let mut out = io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, format)
        .map_err(|_| DecodeError::Unsupported)?;
    Ok(out.into_inner())
}
