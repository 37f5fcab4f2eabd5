//! Streaming: a large blob goes in and out of the vault with memory that does not grow with its
//! size (a 2 GiB scan must not need 2 GiB of RAM). Alone in its file, so that the process's peak
//! resident memory belongs to this test.

mod common;

use std::io::Read;

use common::{TestDir, peak_rss};

/// Yields `left` bytes of a pattern without holding them.
struct Generated {
    left: u64,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (buf.len() as u64).min(self.left) as usize;
        buf[..n].fill(0x5a);
        self.left -= n as u64;
        Ok(n)
    }
}

#[test]
fn a_512_mib_blob_is_stored_and_read_back_in_bounded_memory() {
    const SIZE: u64 = 512 << 20;
    let test = TestDir::new();
    let mut vault = test.create();
    let before = peak_rss();
    let blob = vault.put_blob(&mut Generated { left: SIZE }).expect("put");
    assert_eq!(blob.size, SIZE);
    let mut reader = vault.open_blob(&blob.object).expect("open");
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        assert!(buf[..n].iter().all(|&b| b == 0x5a));
        total += n as u64;
    }
    assert_eq!(total, SIZE);
    let grown = peak_rss().saturating_sub(before);
    assert!(
        grown < 64 << 20,
        "peak memory grew by {} MiB for a {} MiB blob",
        grown >> 20,
        SIZE >> 20
    );
}
