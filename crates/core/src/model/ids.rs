//! Dense integer ids. Entities live in vectors; an id is an index into its vector. String ids
//! from files are resolved to these at load time and appear again only in outputs.

macro_rules! dense_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the entity vector.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the entity at `index`.
            #[inline]
            pub fn from_index(index: usize) -> Self {
                debug_assert!(index <= u32::MAX as usize);
                $name(index as u32)
            }
        }
    };
}

dense_id!(
    /// Index of a [`Product`](crate::Product) in [`Network::products`](crate::Network::products).
    ProductId
);
dense_id!(
    /// Index of a [`Facility`](crate::Facility) (markets included) in [`Network::facilities`](crate::Network::facilities).
    FacilityId
);
dense_id!(
    /// Index of a [`Link`](crate::Link) in [`Network::links`](crate::Network::links).
    LinkId
);
dense_id!(
    /// Index of a [`Route`](crate::Route) in [`Network::routes`](crate::Network::routes).
    RouteId
);
dense_id!(
    /// Index of a [`Chokepoint`](crate::Chokepoint) in [`Network::chokepoints`](crate::Network::chokepoints).
    ChokepointId
);
dense_id!(
    /// Index of a [`Region`](crate::Region) in [`Network::regions`](crate::Network::regions).
    RegionId
);
dense_id!(
    /// Index of a [`Recipe`](crate::Recipe) in [`Network::recipes`](crate::Network::recipes).
    RecipeId
);

/// Index of a country in [`COUNTRIES`](crate::countries::COUNTRIES) (ISO 3166-1 alpha-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct CountryId(pub u16);

impl CountryId {
    /// The ISO 3166-1 alpha-3 code.
    pub fn code(self) -> &'static str {
        crate::countries::COUNTRIES[self.0 as usize].0
    }

    /// The English short name.
    pub fn name(self) -> &'static str {
        crate::countries::COUNTRIES[self.0 as usize].1
    }
}
