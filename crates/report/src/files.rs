//! Atomic file writes: a temporary file in the same directory, synced, then renamed over the
//! final name, so no half-written file is ever left under its final name.

use std::io::Write;
use std::path::Path;

use crate::ReportError;

/// Writes `contents` to `path` atomically, creating the directory if needed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), ReportError> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let err = |p: &Path| {
        let p = p.to_path_buf();
        move |source| ReportError::Write { path: p, source }
    };
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(&tmp)(e));
    }
    std::fs::rename(&tmp, path).map_err(err(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/out.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> =
            std::fs::read_dir(dir.path().join("sub")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.txt")]);
    }

    #[test]
    fn a_file_in_place_of_the_directory_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("blocker"), b"x").unwrap();
        let e = write_atomic(&dir.path().join("blocker/out.txt"), b"y").unwrap_err().to_string();
        assert!(e.contains("blocker"), "{e}");
    }
}
