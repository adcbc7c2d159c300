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
    /// `None` once the output is given up (the reader has gone, or the device failed): what is
    /// still buffered is dropped, never written again.
    inner: Option<BufWriter<W>>,
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
            inner: Some(BufWriter::new(inner)),
        }
    }

    /// Whether the output has been given up.
    #[cfg(test)]
    fn reader_gone(&self) -> bool {
        self.inner.is_none()
    }

    /// Gives the output up: the buffer is dropped without being written.
    pub fn give_up(&mut self) {
        if let Some(writer) = self.inner.take() {
            drop(writer.into_parts());
        }
    }

    fn settle(&mut self, result: io::Result<()>) -> io::Result<()> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.give_up();
                Ok(())
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(inner) = self.inner.as_mut() else {
            return Ok(buf.len());
        };
        let result = inner.write_all(buf);
        self.settle(result).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let Some(inner) = self.inner.as_mut() else {
            return Ok(());
        };
        let result = inner.flush();
        self.settle(result)
    }
}

impl<W: Write> Drop for Out<W> {
    fn drop(&mut self) {
        // What is still buffered goes out (the BufWriter's own drop does it); an error there
        // was already reported by `finish`, or the command is ending on another error.
        if let Some(inner) = self.inner.as_mut() {
            let _ = inner.flush();
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
            out.give_up();
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

    /// A device that refuses the first write and takes every later one, as a disk does when
    /// room is freed: what failed must not appear later, after a gap.
    struct FullThenFree(std::rc::Rc<std::cell::RefCell<(bool, Vec<u8>)>>);

    impl Write for FullThenFree {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let mut state = self.0.borrow_mut();
            if !state.0 {
                state.0 = true;
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            state.1.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn output_that_failed_is_not_written_again_on_drop() {
        let state = std::rc::Rc::new(std::cell::RefCell::new((false, Vec::new())));
        let mut out = Out::new(FullThenFree(state.clone()));
        let status = writeln!(out, "the report").map(|()| 1);
        assert_eq!(finish(&mut out, status), EXIT_ERROR);
        drop(out);
        assert!(state.borrow().1.is_empty(), "{:?}", state.borrow().1);
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
