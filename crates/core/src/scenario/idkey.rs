//! A string key stored inline when short: id lookups on a million-facility network are cache
//! misses, and an inline key saves the one spent following a heap pointer to compare bytes (and
//! an allocation per id).

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

const INLINE: usize = 22;

/// An id string, inline up to 22 bytes.
#[derive(Clone, PartialEq, Eq)]
pub enum IdKey {
    /// Short ids: bytes and length.
    Inline([u8; INLINE], u8),
    /// Longer ids.
    Heap(Box<str>),
}

impl IdKey {
    /// Stores `s`.
    pub fn new(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut b = [0u8; INLINE];
            b[..s.len()].copy_from_slice(s.as_bytes());
            IdKey::Inline(b, s.len() as u8)
        } else {
            IdKey::Heap(s.into())
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        match self {
            // Built from a &str in `new`, so the bytes are valid UTF-8 up to `n`.
            IdKey::Inline(b, n) => std::str::from_utf8(&b[..*n as usize]).unwrap_or_default(),
            IdKey::Heap(s) => s,
        }
    }
}

impl Borrow<str> for IdKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Hash for IdKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Must hash exactly as `str` does, for lookups by `&str`.
        self.as_str().hash(state)
    }
}

impl std::fmt::Debug for IdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_look_up_by_str() {
        let mut m: foldhash::HashMap<IdKey, u32> = Default::default();
        let long = "a-facility-id-longer-than-twenty-two-bytes";
        m.insert(IdKey::new("f1"), 1);
        m.insert(IdKey::new(long), 2);
        m.insert(IdKey::new("ウエハー工場"), 3);
        assert_eq!(m.get("f1"), Some(&1));
        assert_eq!(m.get(long), Some(&2));
        assert_eq!(m.get("ウエハー工場"), Some(&3));
        assert_eq!(m.get("f2"), None);
        assert!(matches!(IdKey::new(long), IdKey::Heap(_)));
    }
}
