//! The synthetic generator: deterministic for a seed, and always a valid scenario.

use kuroshio_core::generate::{GenerateOptions, write};
use kuroshio_core::{Problem, load};

fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn same_seed_same_bytes_other_seed_other_network() {
    let (a, b, c) =
        (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(a.path(), GenerateOptions { facilities: 500, seed: 7 }).unwrap();
    write(b.path(), GenerateOptions { facilities: 500, seed: 7 }).unwrap();
    write(c.path(), GenerateOptions { facilities: 500, seed: 8 }).unwrap();
    assert_eq!(files(a.path()), files(b.path()));
    let links = |d: &tempfile::TempDir| std::fs::read(d.path().join("links.csv")).unwrap();
    assert_ne!(links(&a), links(&c));
}

#[test]
fn generated_scenarios_validate_at_several_sizes() {
    for n in [20, 137, 2_000] {
        let dir = tempfile::tempdir().unwrap();
        let summary = write(dir.path(), GenerateOptions { facilities: n, seed: 1 }).unwrap();
        let s = load(dir.path()).unwrap_or_else(|e| panic!("n = {n}: {e}"));
        assert_eq!(s.network.facilities.len(), n);
        assert_eq!(s.network.links.len(), summary.links);
        assert_eq!(s.network.markets.len(), summary.markets);
        // Every facility feeds some market.
        let unused = s.warnings.warnings().filter(|d| matches!(d.problem, Problem::Unused { .. })).count();
        assert_eq!(unused, 0, "n = {n}");
        assert!(!s.baseline.cyclic);
    }
}

#[test]
fn too_small_is_a_parameter_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = write(dir.path(), GenerateOptions { facilities: 5, seed: 1 }).unwrap_err();
    assert!(err.to_string().contains("at least 20"), "{err}");
}
