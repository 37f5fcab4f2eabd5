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

/// Caps this process's address space and CPU time (the decode worker calls this before touching
/// an untrusted file, so that a decoder bug cannot eat the laptop's memory or spin forever).
/// Returns false if the OS refused.
#[allow(unsafe_code)]
pub fn limit_resources(address_space_bytes: u64, cpu_seconds: u64) -> bool {
    #[cfg(unix)]
    {
        let memory = libc::rlimit {
            rlim_cur: address_space_bytes as libc::rlim_t,
            rlim_max: address_space_bytes as libc::rlim_t,
        };
        let cpu = libc::rlimit {
            rlim_cur: cpu_seconds as libc::rlim_t,
            rlim_max: cpu_seconds as libc::rlim_t,
        };
        // SAFETY: setrlimit reads valid, fully initialised structs; no memory is shared.
        unsafe {
            libc::setrlimit(libc::RLIMIT_AS, &memory) == 0
                && libc::setrlimit(libc::RLIMIT_CPU, &cpu) == 0
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (address_space_bytes, cpu_seconds);
        false
    }
}
