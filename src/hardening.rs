//! Process hygiene at start-up: no core dumps (a crash must not write decrypted case data or the
//! vault key to disk) and, on Linux, no ptrace attach by other processes of the same user.

/// Disables core dumps for this process. Best effort: failure leaves the OS default.
#[allow(unsafe_code)]
pub fn disable_core_dumps() {
    #[cfg(unix)]
    {
        let zero = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit reads a valid, fully initialised struct; no memory is shared.
        unsafe {
            libc::setrlimit(libc::RLIMIT_CORE, &zero);
        }
        #[cfg(target_os = "linux")]
        // SAFETY: PR_SET_DUMPABLE takes a plain integer argument.
        unsafe {
            libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
        }
    }
}
