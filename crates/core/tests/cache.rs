//! The binary cache: a second load comes from it and equals the first; any change to the inputs
//! or damage to the cache makes it a miss, never a wrong network or a panic.

use kuroshio_core::cache::{CacheStatus, cache_path, load_cached};
use kuroshio_core::generate::{GenerateOptions, write};

fn generated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), GenerateOptions { facilities: 2000, seed: 3 }).expect("generate");
    dir
}

fn is_hit(s: &CacheStatus) -> bool {
    matches!(s, CacheStatus::Hit { .. })
}

#[test]
fn the_second_load_is_a_hit_and_equals_the_first() {
    let dir = generated();
    let (a, first) = load_cached(dir.path()).expect("load");
    assert!(
        matches!(&first, CacheStatus::Miss { written: Ok(p) } if *p == cache_path(dir.path())),
        "{first:?}"
    );
    let (b, second) = load_cached(dir.path()).expect("load");
    assert!(is_hit(&second), "{second:?}");
    assert_eq!(a.network.to_parts().facilities, b.network.to_parts().facilities);
    assert_eq!(a.network.links, b.network.links);
    assert_eq!(a.network.products, b.network.products);
    assert_eq!(a.network.routes, b.network.routes);
    assert_eq!(a.baseline, b.baseline);
    assert_eq!(a.settings, b.settings);
    assert_eq!(a.toml_text, b.toml_text);
    assert_eq!(a.files, b.files);
    assert_eq!(a.name, b.name);
    // Lookups work on the rebuilt network.
    let id = &a.network.facilities[17].id;
    assert_eq!(b.network.facility_id(id), a.network.facility_id(id));
    assert_eq!(
        b.network.in_links(kuroshio_core::FacilityId(17)),
        a.network.in_links(kuroshio_core::FacilityId(17))
    );
}

#[test]
fn changing_an_input_makes_it_a_miss() {
    let dir = generated();
    load_cached(dir.path()).expect("load");
    // A table rewritten with CRLF line ends: the same data, but a new size and time.
    let markets = dir.path().join("markets.csv");
    let text = std::fs::read_to_string(&markets).expect("markets");
    std::fs::write(&markets, text.replace('\n', "\r\n")).expect("write");
    let (_, status) = load_cached(dir.path()).expect("load");
    assert!(!is_hit(&status), "a changed table must not be served from the cache");
    let (_, status) = load_cached(dir.path()).expect("load");
    assert!(is_hit(&status));
    // scenario.toml edited (a comment): miss.
    let toml = dir.path().join("scenario.toml");
    let t = std::fs::read_to_string(&toml).expect("toml") + "\n# edited\n";
    std::fs::write(&toml, t).expect("write");
    let (_, status) = load_cached(dir.path()).expect("load");
    assert!(!is_hit(&status));
}

#[test]
fn a_damaged_cache_is_a_miss_not_a_panic() {
    let dir = generated();
    let (a, _) = load_cached(dir.path()).expect("load");
    let cache = cache_path(dir.path());
    let bytes = std::fs::read(&cache).expect("cache");
    let damaged: Vec<Vec<u8>> = vec![
        Vec::new(),
        bytes[..10].to_vec(),
        bytes[..bytes.len() / 2].to_vec(),
        {
            let mut b = bytes.clone();
            let i = b.len() - 100;
            b[i] ^= 0x55;
            b
        },
        {
            let mut b = bytes.clone();
            b[8] = 99; // another format version
            b
        },
        b"not a cache at all".to_vec(),
    ];
    for d in damaged {
        std::fs::write(&cache, &d).expect("write");
        let (b, status) = load_cached(dir.path()).expect("load");
        assert!(!is_hit(&status), "damaged cache of {} bytes was used", d.len());
        assert_eq!(a.baseline, b.baseline);
    }
}
