//! The entities of a supply network (MODEL.md §1). Numbers are per day and in the product's unit
//! unless a name says otherwise; money is USD.

use crate::model::ids::*;

/// A good that flows through the network.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Product {
    /// The id used in files.
    pub id: String,
    /// A readable name.
    pub name: String,
    /// The unit quantities are counted in ("wafer", "kg", "vehicle").
    pub unit: String,
    /// Value of one unit in USD; loss values are quantities times this.
    pub unit_value: f64,
    /// Sector, for grouping in reports and for export controls by sector.
    pub sector: String,
    /// Days to qualify a new source of this product (backup links wait this long).
    pub qualification_days: u32,
    /// Default time to recover (days) of a facility making this product, for the TTS analysis.
    pub ttr_days: Option<f64>,
    /// The product's default recipe (none for a raw material).
    pub recipe: Option<RecipeId>,
}

/// One input of a recipe.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Input {
    /// The input product.
    pub product: ProductId,
    /// Units of input per unit of output (Leontief coefficient a).
    pub per_unit: f64,
    /// Days of this input held in stock at baseline; `None` uses the facility's value.
    pub inventory_days: Option<f64>,
}

/// A bill of materials: every input is needed (Leontief).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recipe {
    /// Inputs, each product at most once.
    pub inputs: Vec<Input>,
}

/// What kind of site a facility is. Hazard footprints and reports group by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    /// A mine or other raw-material source.
    Mine,
    /// A refinery or smelter.
    Refinery,
    /// A chemicals or materials plant (resists, gases, wafers).
    Materials,
    /// A wafer fab or foundry.
    Fab,
    /// Outsourced assembly and test (packaging).
    Osat,
    /// A tier-2 parts supplier.
    Tier2,
    /// A tier-1 parts supplier.
    Tier1,
    /// A final assembly plant.
    Assembly,
    /// Any other supplier site.
    Supplier,
    /// A warehouse or distribution centre.
    Warehouse,
    /// An industry of an input-output table (region-sector).
    Sector,
    /// Final demand (defined in markets.csv, not facilities.csv).
    Market,
}

impl FacilityKind {
    /// The kinds a facilities table may name, with their file spelling.
    pub const NAMED: &'static [(&'static str, FacilityKind)] = &[
        ("mine", FacilityKind::Mine),
        ("refinery", FacilityKind::Refinery),
        ("materials", FacilityKind::Materials),
        ("fab", FacilityKind::Fab),
        ("osat", FacilityKind::Osat),
        ("tier2", FacilityKind::Tier2),
        ("tier1", FacilityKind::Tier1),
        ("assembly", FacilityKind::Assembly),
        ("supplier", FacilityKind::Supplier),
        ("warehouse", FacilityKind::Warehouse),
        ("sector", FacilityKind::Sector),
    ];

    /// The file spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            FacilityKind::Market => "market",
            k => FacilityKind::NAMED.iter().find(|(_, v)| *v == k).map_or("market", |(s, _)| s),
        }
    }
}

/// A site that makes one product. Markets (final demand) are facilities of kind
/// [`FacilityKind::Market`] whose recipe is one unit of their product and whose output is
/// consumption.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Facility {
    /// The id used in files.
    pub id: String,
    /// A readable name.
    pub name: String,
    /// What kind of site it is.
    pub kind: FacilityKind,
    /// Where it is.
    pub country: CountryId,
    /// Its hazard footprint key.
    pub region: RegionId,
    /// Latitude in degrees, if known.
    pub lat: Option<f64>,
    /// Longitude in degrees, if known.
    pub lon: Option<f64>,
    /// What it makes (markets: what they consume).
    pub product: ProductId,
    /// The recipe it uses (the product's, or its own override).
    pub recipe: Option<RecipeId>,
    /// Capacity per day. Derived from baseline output and utilization when not given;
    /// infinite for markets.
    pub capacity: f64,
    /// Baseline utilization as given (`None` when capacity was given instead).
    pub utilization: Option<f64>,
    /// Days of each input held in stock at baseline.
    pub inventory_days: f64,
    /// Time to recover after a full loss (days), for the TTS analysis.
    pub ttr_days: Option<f64>,
    /// Final demand per day (markets only; zero otherwise).
    pub demand_per_day: f64,
    /// Free-form tags, for hazard footprints.
    pub tags: Vec<String>,
}

impl Facility {
    /// Whether this is a market (final demand).
    pub fn is_market(&self) -> bool {
        self.kind == FacilityKind::Market
    }
}

/// A supplier-to-customer relationship for one product.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// The facility that ships.
    pub supplier: FacilityId,
    /// The facility that receives.
    pub customer: FacilityId,
    /// The product shipped (what the supplier makes).
    pub product: ProductId,
    /// Share of the customer's need for the product (0 for a backup link).
    pub share: f64,
    /// Days from shipping to arrival (>= 1).
    pub lead_time_days: u32,
    /// The route shipments take, if any.
    pub route: Option<RouteId>,
    /// A qualified alternate that starts at share 0.
    pub backup: bool,
    /// For a backup: already qualified, so the customer can move share to it as soon as it
    /// switches suppliers, without waiting the product's `qualification_days`. Set by a
    /// `backup` intervention with `prequalified = true`; the loader sets `false`. Has no
    /// effect on a link that is not a backup.
    pub prequalified: bool,
}

/// How shipments move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportMode {
    /// Container or bulk shipping.
    Sea,
    /// Air freight.
    Air,
    /// Road or rail.
    Land,
}

impl TransportMode {
    /// The kinds a routes table may name.
    pub const NAMED: &'static [(&'static str, TransportMode)] =
        &[("sea", TransportMode::Sea), ("air", TransportMode::Air), ("land", TransportMode::Land)];
}

/// The alternate a route falls back to when its primary path is closed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AlternateRoute {
    /// Chokepoints the alternate passes, in order.
    pub chokepoints: Vec<ChokepointId>,
    /// Days added to the lead time of links on this route while the alternate is used.
    pub extra_days: u32,
    /// Share of the route's baseline flow the alternate can carry.
    pub capacity_share: f64,
}

/// The path a link's shipments take.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Route {
    /// The id used in files.
    pub id: String,
    /// A readable name.
    pub name: String,
    /// Sea, air or land.
    pub mode: TransportMode,
    /// Chokepoints passed, in order.
    pub chokepoints: Vec<ChokepointId>,
    /// Days in transit (part of the lead time of links on this route).
    pub transit_days: u32,
    /// The fallback when the primary path is closed.
    pub alternate: Option<AlternateRoute>,
}

/// What kind of chokepoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChokepointKind {
    /// A sea port.
    Port,
    /// A strait.
    Strait,
    /// A canal.
    Canal,
    /// An airport.
    Airport,
    /// A land border crossing.
    Border,
}

impl ChokepointKind {
    /// The kinds a chokepoints table may name.
    pub const NAMED: &'static [(&'static str, ChokepointKind)] = &[
        ("port", ChokepointKind::Port),
        ("strait", ChokepointKind::Strait),
        ("canal", ChokepointKind::Canal),
        ("airport", ChokepointKind::Airport),
        ("border", ChokepointKind::Border),
    ];
}

/// A port, strait, canal, airport or border crossing that routes pass.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Chokepoint {
    /// The id used in files.
    pub id: String,
    /// A readable name.
    pub name: String,
    /// What kind it is.
    pub kind: ChokepointKind,
    /// The country it is in (straits: the nearest coastal state).
    pub country: CountryId,
    /// Its hazard footprint key, if any.
    pub region: Option<RegionId>,
    /// Latitude in degrees, if known.
    pub lat: Option<f64>,
    /// Longitude in degrees, if known.
    pub lon: Option<f64>,
}

/// A hazard footprint key (`JPN-Kanto`), with an optional country.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Region {
    /// The id used in files.
    pub id: String,
    /// A readable name.
    pub name: String,
    /// The country the region lies in, if it lies in one.
    pub country: Option<CountryId>,
}
