//! Input gathering for commands that take `PATH...`: files, folders walked
//! recursively (in sorted order), and `-` for standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to process: its name as the user gave it (or as found in a folder) and its bytes.
pub struct Input {
    /// The path exactly as given, or the path found while walking a folder, or `-`.
    pub source: String,
    /// The bytes, or why they could not be read.
    pub bytes: Result<Vec<u8>, String>,
}

/// Expand `paths` into the list of inputs to read, in order. Errors met while walking a
/// folder (an unreadable sub-folder) become inputs that carry the error, so the caller
/// reports them and goes on.
pub fn expand(paths: &[String]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" || !Path::new(p).is_dir() {
            out.push((p.clone(), None));
            continue;
        }
        let walker = walkdir::WalkDir::new(p)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    out.push((e.path().display().to_string(), None))
                }
                // Links are not followed into folders (no cycles), but a link to a file is
                // read, and a dangling one is reported rather than silently skipped.
                Ok(e) if e.path_is_symlink() => match std::fs::metadata(e.path()) {
                    Ok(m) if m.is_dir() => {}
                    _ => out.push((e.path().display().to_string(), None)),
                },
                Ok(_) => {}
                Err(err) => {
                    let at = err
                        .path()
                        .map(|q| q.display().to_string())
                        .unwrap_or_else(|| p.clone());
                    out.push((
                        at,
                        Some(format!("cannot read: {}", io_cause(&err.to_string()))),
                    ));
                }
            }
        }
    }
    out
}

fn io_cause(s: &str) -> String {
    s.rsplit(": ").next().unwrap_or(s).to_string()
}

/// Read one input, refusing anything larger than `limit` bytes before reading it whole.
pub fn read(source: &str, limit: usize) -> Result<Vec<u8>, String> {
    let too_large = |n: u64| {
        format!("input is {n} bytes or more, over the limit of {limit} bytes (raise --max-bytes)")
    };
    if source == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if buf.len() > limit {
            return Err(too_large(buf.len() as u64));
        }
        return Ok(buf);
    }
    let path = PathBuf::from(source);
    let meta = std::fs::metadata(&path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    if meta.len() > limit as u64 {
        return Err(too_large(meta.len()));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(&path)
        .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut buf))
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() > limit {
        return Err(too_large(buf.len() as u64));
    }
    Ok(buf)
}

/// Expand and read every input lazily, in order.
pub fn inputs(paths: &[String], limit: usize) -> impl Iterator<Item = Input> {
    expand(paths).into_iter().map(move |(source, err)| {
        let bytes = match err {
            Some(e) => Err(e),
            None => read(&source, limit),
        };
        Input { source, bytes }
    })
}
