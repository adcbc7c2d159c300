//! The `copydesk` command: parse the arguments, call the library, print, exit.

mod cli;
#[cfg(unix)]
mod interrupt;

fn main() -> std::process::ExitCode {
    pad_heap_growth();
    #[cfg(unix)]
    interrupt::end_cleanly_on_signals();
    cli::main()
}

/// glibc grows the heap of each worker thread a few pages at a time, with a system call each
/// time: loading the rules and compiling their regexes made about 650 of them, a sixth of a lone
/// article's run. With 8 MiB of headroom asked for at each growth there are about ten. Only the
/// pages actually used become memory, so peak memory is unchanged.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn pad_heap_growth() {
    use std::ffi::c_int;
    unsafe extern "C" {
        /// glibc's allocator tuning call, `mallopt(3)`.
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }
    /// `M_TOP_PAD` in glibc's `malloc.h`.
    const M_TOP_PAD: c_int = -2;
    // SAFETY: `mallopt` takes two integers and changes a tuning value; it is called here before
    // any other thread exists, and a refusal (a zero return) changes nothing.
    unsafe {
        mallopt(M_TOP_PAD, 8 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn pad_heap_growth() {}
