//! The decode worker: a child process (this same binary, hidden subcommand `decode-worker`) that
//! decodes one untrusted image per run, so that a hostile file can crash, hang or exhaust only
//! the worker. The app writes a request (one JSON line, then the file's bytes) to its stdin and
//! reads a reply (one JSON line, then a payload) from its stdout; nothing touches the disk. The
//! worker caps its own address space and CPU time; the app kills it after a timeout.

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use wait_timeout::ChildExt;
use zeroize::Zeroizing;

use super::decode::{self, DecodeError, Limits};
use super::sniff::Format;

/// The hidden subcommand that runs the worker.
pub const WORKER_SUBCOMMAND: &str = "decode-worker";

/// The largest side of a page sent to the viewer (GPU textures are limited; 4096 keeps an A4
/// scan at 300 dpi whole).
pub const VIEW_MAX_SIDE: u32 = 4096;

/// What the worker is asked to make.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Task {
    /// A JPEG thumbnail of the first page, and the page count.
    Thumbnail { side: u32 },
    /// One page (0-based) as RGBA pixels, scaled down to `max_side` if larger.
    Page { page: u32, max_side: u32 },
    /// A working copy of one page: turned by quarter turns clockwise, then cropped
    /// (left, top, right, bottom as fractions), as PNG.
    Derive {
        page: u32,
        quarter_turns: u8,
        crop: Option<[f32; 4]>,
    },
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
        len: u64,
    },
    Derived {
        width: u32,
        height: u32,
        len: u64,
    },
    Failed(DecodeError),
}

/// A decoded page, ready to become a texture. Pixels are zeroized when dropped.
pub struct PagePixels {
    pub width: u32,
    pub height: u32,
    pub pixels: Zeroizing<Vec<u8>>,
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
}

/// Why a file got no preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewError {
    Decode(DecodeError),
    /// The worker took longer than the timeout and was stopped.
    TimedOut {
        seconds: u64,
    },
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
        let mut stdout = child.stdout.take().ok_or(PreviewError::Crashed)?;
        let (status, reply) = std::thread::scope(|scope| {
            // Writing and reading run beside the wait, so that a worker that stops reading or
            // never answers is still caught by the timeout.
            scope.spawn(move || {
                // A worker that dies early closes the pipe; its exit status tells why.
                let _ = stdin
                    .write_all(&header)
                    .and_then(|()| stdin.write_all(bytes));
            });
            let reader = scope.spawn(move || {
                let mut reply = Zeroizing::new(Vec::new());
                stdout.read_to_end(&mut reply).map(|_| reply)
            });
            let status = child.wait_timeout(self.timeout);
            let status = match status {
                Ok(Some(status)) => Ok(status),
                Ok(None) | Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    Err(PreviewError::TimedOut {
                        seconds: self.timeout.as_secs(),
                    })
                }
            };
            (status, reader.join())
        });
        let status = status?;
        let reply = match reply {
            Ok(Ok(reply)) if status.success() => reply,
            _ => return Err(PreviewError::Crashed),
        };
        parse_reply(&reply)
    }
}

fn parse_reply(reply: &[u8]) -> Result<Output, PreviewError> {
    let newline = reply
        .iter()
        .position(|&b| b == b'\n')
        .ok_or(PreviewError::Crashed)?;
    let header: ReplyHeader =
        serde_json::from_slice(&reply[..newline]).map_err(|_| PreviewError::Crashed)?;
    let payload = &reply[newline + 1..];
    let check_len = |len: u64| {
        if payload.len() as u64 == len {
            Ok(())
        } else {
            Err(PreviewError::Crashed)
        }
    };
    match header {
        ReplyHeader::Failed(err) => Err(PreviewError::Decode(err)),
        ReplyHeader::Thumbnail { pages, len } => {
            check_len(len)?;
            Ok(Output::Thumbnail {
                pages,
                jpeg: Zeroizing::new(payload.to_vec()),
            })
        }
        ReplyHeader::Page {
            pages,
            width,
            height,
            len,
        } => {
            check_len(len)?;
            if len != u64::from(width) * u64::from(height) * 4 {
                return Err(PreviewError::Crashed);
            }
            Ok(Output::Page {
                pages,
                page: PagePixels {
                    width,
                    height,
                    pixels: Zeroizing::new(payload.to_vec()),
                },
            })
        }
        ReplyHeader::Derived { len, .. } => {
            check_len(len)?;
            Ok(Output::Derived {
                png: Zeroizing::new(payload.to_vec()),
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
        Err(err) => (ReplyHeader::Failed(err), Zeroizing::new(Vec::new())),
    };
    let mut out = io::stdout().lock();
    let written = serde_json::to_vec(&header)
        .map_err(io::Error::other)
        .and_then(|h| out.write_all(&h))
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.write_all(&payload))
        .and_then(|()| out.flush());
    if written.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn perform(
    request: &Request,
    bytes: &[u8],
) -> Result<(ReplyHeader, Zeroizing<Vec<u8>>), DecodeError> {
    let limits = &request.limits;
    let format = request.format;
    match request.task {
        Task::Thumbnail { side } => {
            let pages = decode::page_count(bytes, format, limits)?;
            let thumb = decode::thumbnail(bytes, format, side, limits)?;
            let jpeg = encode(
                &image::DynamicImage::ImageRgb8(thumb.into_rgb8()),
                image::ImageFormat::Jpeg,
            )?;
            let len = jpeg.len() as u64;
            Ok((ReplyHeader::Thumbnail { pages, len }, jpeg))
        }
        Task::Page { page, max_side } => {
            let pages = decode::page_count(bytes, format, limits)?;
            let mut image = decode::decode_page(bytes, format, page, limits)?;
            if image.width() > max_side || image.height() > max_side {
                image = image.resize(max_side, max_side, image::imageops::FilterType::Triangle);
            }
            let rgba = image.into_rgba8();
            let (width, height) = rgba.dimensions();
            let pixels = Zeroizing::new(rgba.into_raw());
            let len = pixels.len() as u64;
            Ok((
                ReplyHeader::Page {
                    pages,
                    width,
                    height,
                    len,
                },
                pixels,
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
    }
}

fn encode(
    image: &image::DynamicImage,
    format: image::ImageFormat,
) -> Result<Zeroizing<Vec<u8>>, DecodeError> {
    let mut out = io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, format)
        .map_err(|_| DecodeError::Unsupported)?;
    Ok(Zeroizing::new(out.into_inner()))
}
