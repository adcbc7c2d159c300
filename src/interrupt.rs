//! Ending a run on SIGINT, SIGTERM or SIGHUP without leaving a temporary file, or half an
//! article, behind.
//!
//! `--fix` writes each fixed article to a temporary file beside it before renaming it into
//! place; killed in between, the run would leave `.copydesk-fix-*` files in the user's folders.
//! A thread waits for these signals instead, removes the temporary files being written, holds
//! off every further write (an article being overwritten in place is finished first), and
//! exits with 128 + the signal's number, as a shell reports a run that a signal ended.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Starts the thread that ends the run on a signal. When it cannot start, the signals keep
/// their default action (ending the run at once), as before.
pub fn end_cleanly_on_signals() {
    let (ready, started) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            // Registered on this thread, so that when the thread cannot start nothing is
            // registered that no one would answer.
            let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
                let _ = ready.send(());
                return;
            };
            let _ = ready.send(());
            if let Some(signal) = signals.forever().next() {
                let _stopped = copydesk::fix::stop_writing();
                std::process::exit(128 + signal);
            }
        });
    // Until the handler is registered a signal would still end the run at once, between two
    // writes or in one: wait for it (a few microseconds) before any work starts.
    if spawned.is_ok() {
        let _ = started.recv();
    }
}
