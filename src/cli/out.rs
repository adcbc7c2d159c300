//! Standard output as every command writes it: buffered, quiet when its reader goes away, and
//! loud when the device cannot take the bytes.
//!
//! `copydesk quotes … | head -1` closes the pipe after one line. That is the reader's choice,
//! not a failure of ours: the command carries on without writing, so it ends with the exit
//! status it would have had (a CI job with `pipefail` still sees findings), and prints nothing
//! about the pipe. Any other write error (`/dev/full`, a disk that filled up) loses output the
//! user asked for, so the command says so and exits 2.

use super::EXIT_ERROR;
use std::io::{self, BufWriter, Write};

/// Standard output, or whatever a test puts in its place, that drops everything once the
/// reader has gone.
pub struct Out<W: Write> {
    inner: BufWriter<W>,
    /// The reader closed the pipe: every later write is dropped.
    gone: bool,
}

impl Out<io::StdoutLock<'static>> {
    /// This process's standard output.
    pub fn stdout() -> Self {
        Out::new(io::stdout().lock())
    }
}

impl<W: Write> Out<W> {
    pub fn new(inner: W) -> Self {
        Out {
            inner: BufWriter::new(inner),
            gone: false,
        }
    }

    /// Whether the reader has gone.
    #[cfg(test)]
    fn reader_gone(&self) -> bool {
        self.gone
    }

    fn settle(&mut self, result: io::Result<()>) -> io::Result<()> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        let result = self.inner.write_all(buf);
        self.settle(result).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let result = self.inner.flush();
        self.settle(result)
    }
}

impl<W: Write> Drop for Out<W> {
    fn drop(&mut self) {
        // What is still buffered goes out; an error here was already reported by `finish`, or
        // the command is ending on another error.
        if !self.gone {
            let _ = self.inner.flush();
        }
    }
}

/// The exit status of a command that wrote to `out`: its own, once everything is flushed; 2
/// with a message when the output could not be written (a full device), since then the user
/// did not get what they asked for.
pub fn finish<W: Write>(out: &mut Out<W>, status: io::Result<u8>) -> u8 {
    match status.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(e) => {
            // Nothing more may reach the device, and the buffer must not be written again.
            out.gone = true;
            eprintln!("copydesk: cannot write to standard output: {e}");
            EXIT_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader leaves after `room` bytes, or that fails with `kind` at once.
    struct Failing {
        room: usize,
        kind: io::ErrorKind,
        written: Vec<u8>,
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(self.kind));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.written.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_quiet_and_keeps_the_status() {
        let mut out = Out::new(Failing {
            room: 10,
            kind: io::ErrorKind::BrokenPipe,
            written: Vec::new(),
        });
        for _ in 0..10_000 {
            writeln!(out, "a line of the report").unwrap();
        }
        assert!(out.reader_gone());
        assert_eq!(finish(&mut out, Ok(1)), 1);
    }

    #[test]
    fn a_full_device_is_an_error() {
        let mut out = Out::new(Failing {
            room: 0,
            kind: io::ErrorKind::StorageFull,
            written: Vec::new(),
        });
        let status = writeln!(out, "x").map(|()| 0);
        assert_eq!(finish(&mut out, status), EXIT_ERROR);
    }
}
