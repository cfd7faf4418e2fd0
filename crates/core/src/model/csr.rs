//! Compressed sparse row adjacency: for node `n`, its items are `items[offsets[n]..offsets[n+1]]`.
//! Built once after loading so that hot loops walk flat arrays instead of pointer-chasing.

/// A compressed sparse row list of `u32` items per node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Csr {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Csr {
    /// Builds from `(node, item)` pairs for `nodes` nodes. Items of one node keep the order in
    /// which the pairs came (a stable counting sort), so the result is deterministic.
    pub fn from_pairs(nodes: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Self {
        let mut offsets = vec![0u32; nodes + 1];
        let mut count = 0usize;
        for (n, _) in pairs.clone() {
            offsets[n as usize + 1] += 1;
            count += 1;
        }
        for i in 0..nodes {
            offsets[i + 1] += offsets[i];
        }
        let mut cursor: Vec<u32> = offsets[..nodes].to_vec();
        let mut items = vec![0u32; count];
        for (n, item) in pairs {
            let c = &mut cursor[n as usize];
            items[*c as usize] = item;
            *c += 1;
        }
        Csr { offsets, items }
    }

    /// The items of node `n`.
    #[inline]
    pub fn of(&self, n: usize) -> &[u32] {
        &self.items[self.offsets[n] as usize..self.offsets[n + 1] as usize]
    }

    /// The range of node `n`'s items in [`Csr::items`].
    #[inline]
    pub fn range(&self, n: usize) -> std::ops::Range<usize> {
        self.offsets[n] as usize..self.offsets[n + 1] as usize
    }

    /// Number of nodes.
    pub fn nodes(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// All items, node after node.
    pub fn items(&self) -> &[u32] {
        &self.items
    }

    /// Bytes held, for memory estimates.
    pub fn heap_bytes(&self) -> usize {
        (self.offsets.capacity() + self.items.capacity()) * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_items_by_node_in_input_order() {
        let pairs = [(2u32, 10u32), (0, 11), (2, 12), (1, 13), (0, 14)];
        let csr = Csr::from_pairs(4, pairs.iter().copied());
        assert_eq!(csr.of(0), &[11, 14]);
        assert_eq!(csr.of(1), &[13]);
        assert_eq!(csr.of(2), &[10, 12]);
        assert_eq!(csr.of(3), &[] as &[u32]);
        assert_eq!(csr.nodes(), 4);
    }
}
