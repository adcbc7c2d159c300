//! Reading the files a run is given without trusting them: only regular files, never past a
//! size limit, and binary files refused from their first bytes, so a FIFO, a device or a huge
//! file can neither hang a run nor exhaust its memory.

use crate::error::Error;
use std::io::Read;
use std::path::Path;

/// The default largest article read: a long feature is well under 1 MiB; this leaves room for
/// a whole book pasted in, and stops a run before a stray dump or disk image is read.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * MIB;

/// The largest rule file or configuration read. A rule file near its 10,000-rule cap is about
/// 1 MiB; a much larger one costs hundreds of times its size in memory to compile.
pub const MAX_RULE_FILE_SIZE: u64 = 4 * MIB;

/// The largest `.gitignore`, `.ignore` or git exclude file read; a larger one is skipped.
pub const MAX_IGNORE_FILE_SIZE: u64 = MIB;

/// How much of a file is looked at for a NUL byte, the mark of a binary file.
pub const BINARY_SNIFF: usize = 8 * 1024;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

/// What kind of file a path names, in words, when it is not a regular file.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// Whether binary files are refused (articles) or read as they are (any other file, whose
/// parser says what is wrong with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniff {
    Binary,
    Off,
}

/// The bytes of the regular file at `path` (symbolic links followed), refused when it is not
/// a regular file, when it holds more than `limit` bytes (`help` says which setting raises
/// the limit), or with [`Sniff::Binary`] when its first 8 KiB hold a NUL byte. The metadata
/// is looked at before the file is opened, as opening a FIFO blocks; the reads are bounded
/// anyway, as a file may grow, or lie about its size (`/proc`).
pub fn read_bounded(
    path: &Path,
    limit: u64,
    sniff: Sniff,
    help: &'static str,
) -> Result<Vec<u8>, Error> {
    let io = |e| Error::Read {
        path: path.to_path_buf(),
        io: e,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(what) = not_regular(&meta) {
        return Err(Error::NotRegular {
            path: path.to_path_buf(),
            what,
        });
    }
    let too_large = |size| Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
        help,
    };
    if meta.len() > limit {
        return Err(too_large(Some(meta.len())));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    read_stream(file, limit, sniff, path, help)
}

/// Everything `reader` holds, up to `limit` bytes; see [`read_bounded`]. `path` names it in
/// errors. For standard input, where nothing is known before reading.
pub fn read_stream(
    mut reader: impl Read,
    limit: u64,
    sniff: Sniff,
    path: &Path,
    help: &'static str,
) -> Result<Vec<u8>, Error> {
    let io = |e| Error::Read {
        path: path.to_path_buf(),
        io: e,
    };
    let mut bytes = Vec::new();
    if sniff == Sniff::Binary {
        (&mut reader)
            .take(BINARY_SNIFF as u64)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.contains(&0) {
            return Err(Error::Binary {
                path: path.to_path_buf(),
            });
        }
    }
    // One byte past the limit tells a file at the limit from a larger one.
    let rest = limit.saturating_add(1).saturating_sub(bytes.len() as u64);
    reader.take(rest).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: None,
            limit,
            help,
        });
    }
    Ok(bytes)
}

/// A size as people write it: `10MiB`, `10 MB`, `512k`, `1G` or a number of bytes. Units are
/// powers of 1024 whichever way they are spelt (a limit, not an invoice).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size: write a number of bytes, or e.g. `10MiB`"))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => KIB,
        "m" | "mb" | "mib" => MIB,
        "g" | "gb" | "gib" => GIB,
        other => {
            return Err(format!(
                "unknown size unit `{other}` in `{text}`: use bytes, KiB, MiB or GiB"
            ))
        }
    };
    number
        .checked_mul(scale)
        .ok_or_else(|| format!("`{text}` is too large a size"))
}

/// A size for messages: `10 MiB` when it is a whole number of them, else bytes.
pub fn show_size(bytes: u64) -> String {
    for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{} {name}", bytes / unit);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_show() {
        assert_eq!(parse_size("10MiB"), Ok(10 * MIB));
        assert_eq!(parse_size("10 mb"), Ok(10 * MIB));
        assert_eq!(parse_size("512k"), Ok(512 * KIB));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("10 TB").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert_eq!(show_size(10 * MIB), "10 MiB");
        assert_eq!(show_size(1000), "1000 bytes");
    }

    #[test]
    fn a_stream_is_read_up_to_its_limit_and_no_further() {
        let path = Path::new("s");
        let endless = std::io::repeat(b'a');
        let err = read_stream(endless, 100, Sniff::Binary, path, "").unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }));
        let exact = read_stream(&[b'a'; 100][..], 100, Sniff::Binary, path, "").unwrap();
        assert_eq!(exact.len(), 100);
        let binary = std::io::repeat(0);
        let err = read_stream(binary, u64::MAX - 1, Sniff::Binary, path, "").unwrap_err();
        assert!(matches!(err, Error::Binary { .. }));
    }
}
