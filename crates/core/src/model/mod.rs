//! The network model: entities in vectors addressed by dense ids, plus adjacency built once.

pub mod csr;
pub mod entities;
pub mod ids;

use std::collections::BTreeSet;

type HashMap<K, V> = foldhash::HashMap<K, V>;

use crate::scenario::idkey::IdKey;
use csr::Csr;
use entities::*;
use ids::*;

/// A validated supply network. Build one with [`Network::new`] (the loader and the generator
/// do), which also builds the adjacency used by hot loops.
#[derive(Debug, Clone)]
pub struct Network {
    /// Products, by [`ProductId`].
    pub products: Vec<Product>,
    /// Recipes, by [`RecipeId`].
    pub recipes: Vec<Recipe>,
    /// Facilities and markets, by [`FacilityId`].
    pub facilities: Vec<Facility>,
    /// Links, by [`LinkId`].
    pub links: Vec<Link>,
    /// Routes, by [`RouteId`].
    pub routes: Vec<Route>,
    /// Chokepoints, by [`ChokepointId`].
    pub chokepoints: Vec<Chokepoint>,
    /// Regions, by [`RegionId`].
    pub regions: Vec<Region>,
    /// The market facilities, in file order.
    pub markets: Vec<FacilityId>,
    /// Every distinct `source` cited in the scenario's tables.
    pub sources: BTreeSet<String>,
    adjacency: Adjacency,
    index: Index,
}

/// Forward and reverse adjacency, and input slots.
#[derive(Debug, Clone, Default)]
struct Adjacency {
    /// facility -> links it supplies.
    out_links: Csr,
    /// facility -> links it receives, grouped by the recipe input they feed (input order),
    /// file order within an input.
    in_links: Csr,
    /// facility -> first input slot; slot `slot_start[f] + k` is input k of f's recipe.
    slot_start: Vec<u32>,
    /// link -> the input slot it feeds.
    link_slot: Vec<u32>,
}

#[derive(Debug, Clone, Default)]
struct Index {
    product: HashMap<String, ProductId>,
    facility: HashMap<IdKey, FacilityId>,
    route: HashMap<String, RouteId>,
    chokepoint: HashMap<String, ChokepointId>,
    region: HashMap<String, RegionId>,
}

/// The parts a [`Network`] is built from.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct NetworkParts {
    /// Products.
    pub products: Vec<Product>,
    /// Recipes.
    pub recipes: Vec<Recipe>,
    /// Facilities and markets.
    pub facilities: Vec<Facility>,
    /// Links. Each link's product must be an input of its customer's recipe.
    pub links: Vec<Link>,
    /// Routes.
    pub routes: Vec<Route>,
    /// Chokepoints.
    pub chokepoints: Vec<Chokepoint>,
    /// Regions.
    pub regions: Vec<Region>,
    /// Cited sources.
    pub sources: BTreeSet<String>,
}

impl Network {
    /// Builds the adjacency and the id index. The parts must already be consistent (the loader
    /// checks this and reports located errors; [`Network::new`] only asserts it in debug builds).
    pub fn new(parts: NetworkParts) -> Network {
        Self::build(parts, None)
    }

    /// As [`Network::new`], reusing the loader's facility id map (saves rebuilding a map of a
    /// million strings).
    pub(crate) fn with_facility_index(parts: NetworkParts, facility: HashMap<IdKey, u32>) -> Network {
        Self::build(parts, Some(facility))
    }

    fn build(parts: NetworkParts, facility_index: Option<HashMap<IdKey, u32>>) -> Network {
        let NetworkParts { products, recipes, facilities, links, routes, chokepoints, regions, sources } =
            parts;
        let markets = facilities
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_market())
            .map(|(i, _)| FacilityId::from_index(i))
            .collect();
        let mut net = Network {
            products,
            recipes,
            facilities,
            links,
            routes,
            chokepoints,
            regions,
            markets,
            sources,
            adjacency: Adjacency::default(),
            index: Index::default(),
        };
        net.build_adjacency();
        net.build_index(facility_index);
        net
    }

    fn build_adjacency(&mut self) {
        let n = self.facilities.len();
        let mut slot_start = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for f in &self.facilities {
            slot_start.push(total);
            total += self.recipe_of(f).len() as u32;
        }
        slot_start.push(total);
        let link_slot: Vec<u32> = self
            .links
            .iter()
            .map(|l| {
                let c = &self.facilities[l.customer.index()];
                let k = self.recipe_of(c).iter().position(|i| i.product == l.product).unwrap_or(0);
                slot_start[l.customer.index()] + k as u32
            })
            .collect();
        let out_links =
            Csr::from_pairs(n, self.links.iter().enumerate().map(|(i, l)| (l.supplier.0, i as u32)));
        // Group incoming links by slot: a counting sort over slots, then per facility.
        let by_slot =
            Csr::from_pairs(total as usize, link_slot.iter().enumerate().map(|(i, &s)| (s, i as u32)));
        let in_links = Csr::from_pairs(
            n,
            (0..total as usize)
                .flat_map(|s| by_slot.of(s).iter().map(move |&l| (s, l)))
                .map(|(_, l)| (self.links[l as usize].customer.0, l)),
        );
        self.adjacency = Adjacency { out_links, in_links, slot_start, link_slot };
    }

    fn build_index(&mut self, facility_index: Option<HashMap<IdKey, u32>>) {
        fn map<T, I>(v: &[T], id: impl Fn(&T) -> &str, mk: impl Fn(usize) -> I) -> HashMap<String, I> {
            v.iter().enumerate().map(|(i, x)| (id(x).to_string(), mk(i))).collect()
        }
        self.index = Index {
            product: map(&self.products, |p| &p.id, ProductId::from_index),
            facility: match facility_index {
                Some(m) => m.into_iter().map(|(k, v)| (k, FacilityId(v))).collect(),
                None => self
                    .facilities
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (IdKey::new(&f.id), FacilityId::from_index(i)))
                    .collect(),
            },
            route: map(&self.routes, |r| &r.id, RouteId::from_index),
            chokepoint: map(&self.chokepoints, |c| &c.id, ChokepointId::from_index),
            region: map(&self.regions, |r| &r.id, RegionId::from_index),
        };
    }

    /// A copy of the parts this network was built from, for building a changed network (an
    /// intervention adds a link or a recipe, then calls [`Network::new`]). The adjacency and the
    /// id index are not part of it: `Network::new` rebuilds them. Ids stay as they are, so a
    /// rebuilt network that only appends entities keeps every existing id.
    pub fn to_parts(&self) -> NetworkParts {
        NetworkParts {
            products: self.products.clone(),
            recipes: self.recipes.clone(),
            facilities: self.facilities.clone(),
            links: self.links.clone(),
            routes: self.routes.clone(),
            chokepoints: self.chokepoints.clone(),
            regions: self.regions.clone(),
            sources: self.sources.clone(),
        }
    }

    /// The inputs of a facility's recipe (empty for a raw-material source).
    #[inline]
    pub fn recipe_of(&self, f: &Facility) -> &[Input] {
        f.recipe.map_or(&[], |r| &self.recipes[r.index()].inputs)
    }

    /// The inputs of facility `f`'s recipe.
    #[inline]
    pub fn inputs(&self, f: FacilityId) -> &[Input] {
        self.recipe_of(&self.facilities[f.index()])
    }

    /// Links that facility `f` supplies.
    #[inline]
    pub fn out_links(&self, f: FacilityId) -> &[u32] {
        self.adjacency.out_links.of(f.index())
    }

    /// Links that facility `f` receives, grouped by recipe input in recipe order.
    #[inline]
    pub fn in_links(&self, f: FacilityId) -> &[u32] {
        self.adjacency.in_links.of(f.index())
    }

    /// The first input slot of facility `f`: slot `first_slot(f) + k` is input k of its recipe.
    #[inline]
    pub fn first_slot(&self, f: FacilityId) -> usize {
        self.adjacency.slot_start[f.index()] as usize
    }

    /// Total number of input slots (one per facility and recipe input).
    pub fn slot_count(&self) -> usize {
        self.adjacency.slot_start.last().copied().unwrap_or(0) as usize
    }

    /// The input slot link `l` feeds.
    #[inline]
    pub fn link_slot(&self, l: LinkId) -> usize {
        self.adjacency.link_slot[l.index()] as usize
    }

    /// Looks up a product by its file id.
    pub fn product_id(&self, id: &str) -> Option<ProductId> {
        self.index.product.get(id).copied()
    }

    /// Looks up a facility or market by its file id.
    pub fn facility_id(&self, id: &str) -> Option<FacilityId> {
        self.index.facility.get(id).copied()
    }

    /// Looks up a route by its file id.
    pub fn route_id(&self, id: &str) -> Option<RouteId> {
        self.index.route.get(id).copied()
    }

    /// Looks up a chokepoint by its file id.
    pub fn chokepoint_id(&self, id: &str) -> Option<ChokepointId> {
        self.index.chokepoint.get(id).copied()
    }

    /// Looks up a region by its file id.
    pub fn region_id(&self, id: &str) -> Option<RegionId> {
        self.index.region.get(id).copied()
    }

    /// The facility behind an id.
    #[inline]
    pub fn facility(&self, f: FacilityId) -> &Facility {
        &self.facilities[f.index()]
    }

    /// The link behind an id.
    #[inline]
    pub fn link(&self, l: LinkId) -> &Link {
        &self.links[l.index()]
    }

    /// The chokepoints a link's primary route passes (empty without a route).
    pub fn link_chokepoints(&self, l: &Link) -> &[ChokepointId] {
        l.route.map_or(&[], |r| &self.routes[r.index()].chokepoints)
    }

    /// Approximate heap bytes held, for memory estimates.
    pub fn heap_bytes(&self) -> usize {
        let facilities = self.facilities.capacity() * std::mem::size_of::<Facility>()
            + self.facilities.iter().map(|f| f.id.capacity() + f.name.capacity()).sum::<usize>();
        let links = self.links.capacity() * std::mem::size_of::<Link>();
        let adjacency = self.adjacency.in_links.heap_bytes()
            + self.adjacency.out_links.heap_bytes()
            + (self.adjacency.slot_start.capacity() + self.adjacency.link_slot.capacity()) * 4;
        facilities + links + adjacency
    }
}
