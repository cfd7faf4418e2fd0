//! Loading a scenario: tables into entities (pass 1: cells and references), then network
//! consistency (pass 2), then the baseline (pass 3). A pass runs only when the ones before it
//! found no errors, so that one mistake is reported once, not again as its consequences.

use std::collections::BTreeSet;

type HashMap<K, V> = foldhash::HashMap<K, V>;
use std::path::{Path, PathBuf};

use crate::countries;
use crate::error::{CoreError, Diagnostics, Location, Problem};
use crate::model::entities::*;
use crate::model::ids::*;
use crate::model::{Network, NetworkParts};
use crate::scenario::csv_table::{CsvText, read_text};
use crate::scenario::ids::{IdTable, Origin, Origins};
use crate::scenario::manifest::{self, Manifest};
use crate::scenario::schemas::*;
use crate::scenario::table::{Bound, Cells, RowSource, Schema, split_list};
use crate::scenario::{Scenario, checks};
use crate::suggest::closest;

/// Resolves a scenario path: a directory holding `scenario.toml`, or the `.toml` itself.
pub fn manifest_path(path: &Path) -> PathBuf {
    if path.is_dir() { path.join("scenario.toml") } else { path.to_path_buf() }
}

/// Loads, validates and solves the baseline of a scenario. On failure every error found is in
/// [`CoreError::Invalid`], with the warnings.
pub fn load(path: &Path) -> Result<Scenario, CoreError> {
    let toml_path = manifest_path(path);
    let mut diags = Diagnostics::new();
    let text = match std::fs::metadata(&toml_path) {
        Ok(_) => match read_text(&toml_path, &mut diags) {
            Some((t, _)) => t,
            None => return Err(CoreError::Invalid(diags)),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.error(
                Location::file(&toml_path),
                None,
                Problem::MissingFile {
                    expected:
                        "a scenario directory holding scenario.toml, or the path of a scenario .toml file"
                            .into(),
                },
            );
            return Err(CoreError::Invalid(diags));
        }
        Err(e) => {
            diags.error(Location::file(&toml_path), None, Problem::Unreadable { reason: e.to_string() });
            return Err(CoreError::Invalid(diags));
        }
    };
    let manifest = manifest::parse(&toml_path, &text, &mut diags);
    let dir = toml_path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut loader = Loader::new(&manifest);
    loader.origins.add(toml_path.clone());
    for schema in TABLES {
        loader.load_table(schema, &manifest, &dir, &toml_path, &mut diags);
        if schema.table == RECIPES.table {
            // Links are checked against recipes, so recipes are final before links load.
            loader.finish_recipes();
        }
    }
    if diags.has_errors() {
        return Err(CoreError::Invalid(diags));
    }
    let (network, origins) = loader.finish();
    for (id, at) in &manifest.ario_products {
        if network.product_id(id).is_none() {
            diags.error(
                at.clone(),
                Some(format!("ario.inventory_duration_by_product.{id}")),
                Problem::UnknownReference {
                    what: "product",
                    id: id.clone(),
                    suggestion: crate::suggest::closest(id, network.products.iter().map(|p| p.id.as_str())),
                },
            );
        }
    }
    if diags.has_errors() {
        return Err(CoreError::Invalid(diags));
    }
    checks::consistency(&network, &origins, &manifest.settings, &mut diags);
    if diags.has_errors() {
        return Err(CoreError::Invalid(diags));
    }
    let (network, baseline) = checks::baseline(network, &origins, &manifest.settings, &mut diags)?;
    checks::warnings(&network, &origins.facility, &origins.origins, &mut diags);
    let name = manifest.name.clone().unwrap_or_else(|| {
        dir.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "scenario".into())
    });
    Ok(Scenario {
        name,
        description: manifest.description.clone(),
        path: toml_path,
        settings: manifest.settings.clone(),
        network,
        baseline,
        warnings: diags,
        toml_text: text,
        files: origins.origins.files().to_vec(),
    })
}

/// Where the rows of the loaded network came from, for later messages.
pub struct RowOrigins {
    /// File registry.
    pub origins: Origins,
    /// Facility rows (markets included), by facility index.
    pub facility: Vec<Origin>,
    /// Link rows, by link index.
    pub link: Vec<Origin>,
}

/// Which parser a table's rows go to, chosen once per table rather than by name per row.
#[derive(Clone, Copy)]
enum Kind {
    Products,
    Regions,
    Chokepoints,
    Routes,
    Facilities,
    Markets,
    Recipes,
    Links,
}

#[derive(Clone, Copy)]
struct Table {
    schema: &'static Schema,
    kind: Kind,
    source_col: Option<usize>,
}

impl Table {
    fn of(schema: &'static Schema) -> Table {
        let kind = match schema.table {
            "products" => Kind::Products,
            "regions" => Kind::Regions,
            "chokepoints" => Kind::Chokepoints,
            "routes" => Kind::Routes,
            "facilities" => Kind::Facilities,
            "markets" => Kind::Markets,
            "recipes" => Kind::Recipes,
            _ => Kind::Links,
        };
        Table { schema, kind, source_col: schema.columns.iter().position(|c| c.name == "source") }
    }
}

struct Loader<'m> {
    manifest: &'m Manifest,
    origins: Origins,
    products: IdTable,
    regions: IdTable,
    chokepoints: IdTable,
    routes: IdTable,
    facilities: IdTable,
    product_list: Vec<Product>,
    region_list: Vec<Region>,
    chokepoint_list: Vec<Chokepoint>,
    route_list: Vec<Route>,
    facility_list: Vec<Facility>,
    /// Default recipe inputs by product; per-facility overrides.
    product_inputs: HashMap<u32, Vec<Input>>,
    facility_inputs: HashMap<u32, Vec<Input>>,
    recipes_done: bool,
    recipes: Vec<Recipe>,
    links: Vec<Link>,
    link_origin: Vec<Origin>,
    sources: BTreeSet<String>,
    last_source: Option<String>,
    /// Facilities (and markets) whose row had an error: links to them are not checked further.
    failed_facility: Vec<bool>,
    /// Products whose recipe has a row with an error (or the recipes table failed): "input not
    /// used" is not reported for them.
    failed_recipe: foldhash::HashSet<u32>,
    recipes_incomplete: bool,
    /// Last resolved link customer and product (see `IdTable::resolve_cached`).
    last_customer: (String, u32),
    last_product: (String, u32),
}

impl<'m> Loader<'m> {
    fn new(manifest: &'m Manifest) -> Self {
        Loader {
            manifest,
            origins: Origins::default(),
            products: IdTable::default(),
            regions: IdTable::default(),
            chokepoints: IdTable::default(),
            routes: IdTable::default(),
            facilities: IdTable::default(),
            product_list: Vec::new(),
            region_list: Vec::new(),
            chokepoint_list: Vec::new(),
            route_list: Vec::new(),
            facility_list: Vec::new(),
            product_inputs: HashMap::default(),
            facility_inputs: HashMap::default(),
            recipes_done: false,
            recipes: Vec::new(),
            links: Vec::new(),
            link_origin: Vec::new(),
            sources: BTreeSet::new(),
            last_source: None,
            failed_facility: Vec::new(),
            failed_recipe: Default::default(),
            recipes_incomplete: false,
            last_customer: (String::new(), u32::MAX),
            last_product: (String::new(), u32::MAX),
        }
    }

    fn load_table(
        &mut self,
        schema: &'static Schema,
        m: &Manifest,
        dir: &Path,
        toml_path: &Path,
        diags: &mut Diagnostics,
    ) {
        let table = Table::of(schema);
        if let Some(rows) = m.inline.get(schema.table) {
            if let Some((_, loc)) = m.files.get(schema.table) {
                diags.error(
                    loc.clone(),
                    Some(format!("files.{}", schema.table)),
                    Problem::InvalidValue {
                        value: schema.table.into(),
                        expected: format!(
                            "the {} table either inline ([[{}]]) or in a file, not both",
                            schema.table, schema.table
                        ),
                    },
                );
            }
            let file = self.origins.add(toml_path.to_path_buf());
            for row in rows {
                self.row(table, row, file, diags);
            }
            return;
        }
        let (path, given_at) = match m.files.get(schema.table) {
            Some((p, loc)) => (dir.join(p), Some(loc.clone())),
            None => (dir.join(format!("{}.csv", schema.table)), None),
        };
        if !path.exists() {
            if schema.required || given_at.is_some() {
                self.mark_incomplete(schema);
                diags.error(
                    given_at.unwrap_or_else(|| Location::file(&path)),
                    None,
                    Problem::MissingFile {
                        expected: format!(
                            "{} at {} (columns: {}), or inline [[{}]] rows in scenario.toml",
                            schema.what,
                            path.display(),
                            schema.column_list(),
                            schema.table
                        ),
                    },
                );
            }
            return;
        }
        let Some((text, skipped)) = read_text(&path, diags) else {
            self.mark_incomplete(schema);
            return;
        };
        if text.trim().is_empty() {
            self.mark_incomplete(schema);
        }
        let file = self.origins.add(path.clone());
        let csv = CsvText::new(&path, &text, skipped);
        csv.for_each_row(schema, diags, |row, diags| self.row(table, row, file, diags));
    }

    fn row(&mut self, table: Table, row: &dyn RowSource, file: u16, diags: &mut Diagnostics) {
        let origin = Origin { file, line: row.line() as u32 };
        let mut cells = Cells::new(row, table.schema, diags);
        match table.kind {
            Kind::Products => self.product(&mut cells, origin),
            Kind::Regions => self.region(&mut cells, origin),
            Kind::Chokepoints => self.chokepoint(&mut cells, origin),
            Kind::Routes => self.route(&mut cells, origin),
            Kind::Facilities => self.facility(&mut cells, origin),
            Kind::Markets => self.market(&mut cells, origin),
            Kind::Recipes => self.recipe(&mut cells),
            Kind::Links => self.link(&mut cells, origin),
        }
        if let Some(s) = table.source_col.and_then(|c| cells.opt_str(c)) {
            // Most rows repeat the previous row's source: compare with it before the set.
            if self.last_source.as_deref() != Some(s) {
                if !self.sources.contains(s) {
                    self.sources.insert(s.to_string());
                }
                self.last_source = Some(s.to_string());
            }
        }
    }

    /// "Facility `f` does not make `product`" (a recipe override or a link naming the wrong one).
    fn product_not_made(&self, f: &Facility, product: u32) -> Problem {
        Problem::ProductNotMade {
            supplier: f.id.clone(),
            product: self.product_list[product as usize].id.clone(),
            makes: self.product_list[f.product.index()].id.clone(),
        }
    }

    /// A table that could not be read: references into it fail quietly.
    fn mark_incomplete(&mut self, schema: &Schema) {
        match schema.table {
            "products" => self.products.incomplete = true,
            "regions" => self.regions.incomplete = true,
            "chokepoints" => self.chokepoints.incomplete = true,
            "routes" => self.routes.incomplete = true,
            "facilities" | "markets" => self.facilities.incomplete = true,
            "recipes" => self.recipes_incomplete = true,
            _ => {}
        }
    }

    fn product(&mut self, c: &mut Cells<'_>, origin: Origin) {
        let Some(id) = c.str(prod::ID, "a product id") else { return };
        if self.products.define(id, origin, &self.origins, c, prod::ID).is_none() {
            return;
        }
        self.product_list.push(Product {
            id: id.to_string(),
            name: c.opt_str(prod::NAME).unwrap_or(id).to_string(),
            unit: c.opt_str(prod::UNIT).unwrap_or("unit").to_string(),
            unit_value: c.f64(prod::UNIT_VALUE, Bound::NonNegative).unwrap_or(0.0),
            sector: c.opt_str(prod::SECTOR).unwrap_or("").to_string(),
            qualification_days: c.opt_days(prod::QUALIFICATION_DAYS, 0).unwrap_or(0),
            ttr_days: c.opt_f64(prod::TTR_DAYS, Bound::NonNegative),
            recipe: None,
        });
    }

    fn region(&mut self, c: &mut Cells<'_>, origin: Origin) {
        let Some(id) = c.str(reg::ID, "a region id") else { return };
        if self.regions.define(id, origin, &self.origins, c, reg::ID).is_none() {
            return;
        }
        let country = c.opt_str(reg::COUNTRY).and_then(|_| country(c, reg::COUNTRY));
        self.region_list.push(Region {
            id: id.to_string(),
            name: c.opt_str(reg::NAME).unwrap_or(id).to_string(),
            country,
        });
    }

    fn chokepoint(&mut self, c: &mut Cells<'_>, origin: Origin) {
        let Some(id) = c.str(cp::ID, "a chokepoint id") else { return };
        if self.chokepoints.define(id, origin, &self.origins, c, cp::ID).is_none() {
            return;
        }
        let kind = c.choice(cp::KIND, ChokepointKind::NAMED).unwrap_or(ChokepointKind::Port);
        let country = country(c, cp::COUNTRY).unwrap_or(CountryId(0));
        let region = c
            .opt_str(cp::REGION)
            .and_then(|r| self.regions.resolve(r, "region", c, cp::REGION))
            .map(RegionId);
        let (lat, lon) = lat_lon(c, cp::LAT, cp::LON);
        self.chokepoint_list.push(Chokepoint {
            id: id.to_string(),
            name: c.opt_str(cp::NAME).unwrap_or(id).to_string(),
            kind,
            country,
            region,
            lat,
            lon,
        });
    }

    fn chokepoint_list_cell(&self, c: &mut Cells<'_>, col: usize) -> Vec<ChokepointId> {
        let Some(text) = c.opt_str(col) else { return Vec::new() };
        split_list(text)
            .filter_map(|id| self.chokepoints.resolve(id, "chokepoint", c, col).map(ChokepointId))
            .collect()
    }

    fn route(&mut self, c: &mut Cells<'_>, origin: Origin) {
        let Some(id) = c.str(route::ID, "a route id") else { return };
        if self.routes.define(id, origin, &self.origins, c, route::ID).is_none() {
            return;
        }
        let mode = c.opt_choice(route::MODE, TransportMode::NAMED).unwrap_or(TransportMode::Sea);
        let chokepoints = self.chokepoint_list_cell(c, route::CHOKEPOINTS);
        let transit_days = c.days(route::TRANSIT_DAYS, 0).unwrap_or(0);
        let has_alt = [route::ALT_CHOKEPOINTS, route::ALT_EXTRA_DAYS, route::ALT_CAPACITY]
            .iter()
            .any(|&col| c.opt_str(col).is_some());
        let alternate = if has_alt {
            let chokepoints = self.chokepoint_list_cell(c, route::ALT_CHOKEPOINTS);
            let extra_days = c.days(route::ALT_EXTRA_DAYS, 0).unwrap_or(0);
            let capacity_share = c.opt_f64(route::ALT_CAPACITY, Bound::NonNegative).unwrap_or(1.0);
            Some(AlternateRoute { chokepoints, extra_days, capacity_share })
        } else {
            None
        };
        self.route_list.push(Route {
            id: id.to_string(),
            name: c.opt_str(route::NAME).unwrap_or(id).to_string(),
            mode,
            chokepoints,
            transit_days,
            alternate,
        });
    }

    /// Country, region (checked against the country) and product shared by facilities and markets.
    fn place(&self, c: &mut Cells<'_>, country_col: usize, region_col: usize) -> (CountryId, RegionId) {
        let country = country(c, country_col);
        let region =
            c.str(region_col, "a region id").and_then(|r| self.regions.resolve(r, "region", c, region_col));
        if let (Some(country), Some(r)) = (country, region)
            && let Some(rc) = self.region_list[r as usize].country
            && rc != country
        {
            c.error(
                region_col,
                Problem::RegionCountryMismatch {
                    region: self.region_list[r as usize].id.clone(),
                    region_country: rc.code().into(),
                    country: country.code().into(),
                },
            );
        }
        (country.unwrap_or(CountryId(0)), RegionId(region.unwrap_or(0)))
    }

    fn facility(&mut self, c: &mut Cells<'_>, origin: Origin) {
        let Some(id) = c.str(fac::ID, "a facility id") else { return };
        if self.facilities.define(id, origin, &self.origins, c, fac::ID).is_none() {
            return;
        }
        let kind = c.choice(fac::KIND, FacilityKind::NAMED).unwrap_or(FacilityKind::Supplier);
        let (country, region) = self.place(c, fac::COUNTRY, fac::REGION);
        let product = c
            .str(fac::PRODUCT, "a product id")
            .and_then(|p| self.products.resolve(p, "product", c, fac::PRODUCT))
            .unwrap_or(0);
        let capacity = c.opt_f64(fac::CAPACITY, Bound::NonNegative);
        let utilization = c.opt_f64(fac::UTILIZATION, Bound::UnitOpenClosed);
        if capacity.is_some() && utilization.is_some() {
            c.error(
                fac::UTILIZATION,
                Problem::InvalidValue {
                    value: c.opt_str(fac::UTILIZATION).unwrap_or("").into(),
                    expected: "an empty cell when capacity is given (give capacity or utilization, not both)"
                        .into(),
                },
            );
        }
        let inventory_days = c
            .opt_f64(fac::INVENTORY_DAYS, Bound::NonNegative)
            .unwrap_or(self.manifest.settings.inventory_days);
        let ttr_days = c.opt_f64(fac::TTR_DAYS, Bound::NonNegative);
        let (lat, lon) = lat_lon(c, fac::LAT, fac::LON);
        let tags =
            c.opt_str(fac::TAGS).map(|t| split_list(t).map(str::to_string).collect()).unwrap_or_default();
        self.facility_list.push(Facility {
            id: id.to_string(),
            name: c.opt_str(fac::NAME).unwrap_or(id).to_string(),
            kind,
            country,
            region,
            lat,
            lon,
            product: ProductId(product),
            recipe: None,
            capacity: capacity.unwrap_or(f64::NAN),
            utilization: if capacity.is_none() {
                utilization.or(Some(self.manifest.settings.utilization))
            } else {
                None
            },
            inventory_days,
            ttr_days,
            demand_per_day: 0.0,
            tags,
        });
        self.failed_facility.push(c.failed);
    }

    fn market(&mut self, c: &mut Cells<'_>, origin: Origin) {
        let Some(id) = c.str(mkt::ID, "a market id") else { return };
        if self.facilities.define(id, origin, &self.origins, c, mkt::ID).is_none() {
            return;
        }
        let (country, region) = self.place(c, mkt::COUNTRY, mkt::REGION);
        let product = c
            .str(mkt::PRODUCT, "a product id")
            .and_then(|p| self.products.resolve(p, "product", c, mkt::PRODUCT))
            .unwrap_or(0);
        let demand = c.f64(mkt::DEMAND, Bound::NonNegative).unwrap_or(0.0);
        let inventory_days = c
            .opt_f64(mkt::INVENTORY_DAYS, Bound::NonNegative)
            .unwrap_or(self.manifest.settings.inventory_days);
        let (lat, lon) = lat_lon(c, mkt::LAT, mkt::LON);
        let tags =
            c.opt_str(mkt::TAGS).map(|t| split_list(t).map(str::to_string).collect()).unwrap_or_default();
        self.facility_list.push(Facility {
            id: id.to_string(),
            name: c.opt_str(mkt::NAME).unwrap_or(id).to_string(),
            kind: FacilityKind::Market,
            country,
            region,
            lat,
            lon,
            product: ProductId(product),
            recipe: None,
            capacity: f64::INFINITY,
            utilization: None,
            inventory_days,
            ttr_days: None,
            demand_per_day: demand,
            tags,
        });
        self.failed_facility.push(c.failed);
    }

    fn recipe(&mut self, c: &mut Cells<'_>) {
        let product = c
            .str(rec::PRODUCT, "a product id")
            .and_then(|p| self.products.resolve(p, "product", c, rec::PRODUCT));
        let input = c
            .str(rec::INPUT, "a product id")
            .and_then(|p| self.products.resolve(p, "product", c, rec::INPUT));
        let per_unit = c.f64(rec::PER_UNIT, Bound::Positive);
        let inventory_days = c.opt_f64(rec::INVENTORY_DAYS, Bound::NonNegative);
        let facility = match c.opt_str(rec::FACILITY) {
            Some(f) => match self.facilities.resolve(f, "facility", c, rec::FACILITY) {
                Some(fi) => Some(fi),
                None => return,
            },
            None => None,
        };
        if let Some(fi) = facility {
            let f = &self.facility_list[fi as usize];
            if f.is_market() {
                c.error(
                    rec::FACILITY,
                    Problem::InvalidValue {
                        value: f.id.clone(),
                        expected: "a facility (markets consume their product; they have no recipe)".into(),
                    },
                );
                return;
            }
        }
        let (Some(product), Some(input), Some(per_unit)) = (product, input, per_unit) else {
            if let Some(p) = product {
                self.failed_recipe.insert(p);
            }
            return;
        };
        // A facility's own recipe may use its own product (an industry buying from its own
        // sector, as in input-output tables; the cycle is solved by the iterative baseline). A
        // default recipe that does is a mistake.
        if product == input && facility.is_none() {
            c.error(
                rec::INPUT,
                Problem::SelfInput { product: self.product_list[product as usize].id.clone() },
            );
            return;
        }
        if let Some(fi) = facility {
            let f = &self.facility_list[fi as usize];
            if f.product.0 != product {
                c.error(rec::FACILITY, self.product_not_made(f, product));
                return;
            }
        }
        let list = match facility {
            Some(fi) => self.facility_inputs.entry(fi).or_default(),
            None => self.product_inputs.entry(product).or_default(),
        };
        if list.iter().any(|i| i.product.0 == input) {
            c.error(
                rec::INPUT,
                Problem::DuplicateId {
                    id: self.product_list[input as usize].id.clone(),
                    first: "an earlier row of the same recipe".into(),
                },
            );
            return;
        }
        list.push(Input { product: ProductId(input), per_unit, inventory_days });
    }

    /// Turns the collected recipe rows into recipes and assigns each facility its recipe.
    fn finish_recipes(&mut self) {
        if self.recipes_done {
            return;
        }
        self.recipes_done = true;
        let mut recipes: Vec<Recipe> = Vec::new();
        let mut products: Vec<u32> = self.product_inputs.keys().copied().collect();
        products.sort_unstable();
        for p in products {
            let inputs = self.product_inputs.remove(&p).unwrap_or_default();
            self.product_list[p as usize].recipe = Some(RecipeId::from_index(recipes.len()));
            recipes.push(Recipe { inputs });
        }
        let mut market_recipe: HashMap<u32, RecipeId> = HashMap::default();
        for (fi, f) in self.facility_list.iter_mut().enumerate() {
            if f.is_market() {
                let id = *market_recipe.entry(f.product.0).or_insert_with(|| {
                    recipes.push(Recipe {
                        inputs: vec![Input { product: f.product, per_unit: 1.0, inventory_days: None }],
                    });
                    RecipeId::from_index(recipes.len() - 1)
                });
                f.recipe = Some(id);
            } else if let Some(inputs) = self.facility_inputs.remove(&(fi as u32)) {
                recipes.push(Recipe { inputs });
                f.recipe = Some(RecipeId::from_index(recipes.len() - 1));
            } else {
                f.recipe = self.product_list.get(f.product.index()).and_then(|p| p.recipe);
            }
        }
        self.recipes = recipes;
    }

    fn link(&mut self, c: &mut Cells<'_>, origin: Origin) {
        let supplier = c
            .str(link::SUPPLIER, "a facility id")
            .and_then(|s| self.facilities.resolve(s, "facility", c, link::SUPPLIER));
        let customer = c.str(link::CUSTOMER, "a facility or market id").and_then(|s| {
            self.facilities.resolve_cached(s, "facility", c, link::CUSTOMER, &mut self.last_customer)
        });
        let product = c.str(link::PRODUCT, "a product id").and_then(|p| {
            self.products.resolve_cached(p, "product", c, link::PRODUCT, &mut self.last_product)
        });
        let backup = c.opt_bool(link::BACKUP).unwrap_or(false);
        let share = if backup {
            match c.opt_f64(link::SHARE, Bound::Within(0.0, 1.0)) {
                Some(s) if s > 0.0 => {
                    c.error(
                        link::SHARE,
                        Problem::OutOfRange {
                            value: s.to_string(),
                            expected: "0 or empty for a backup link (backups start at share 0)".into(),
                        },
                    );
                    0.0
                }
                _ => 0.0,
            }
        } else {
            c.f64(link::SHARE, Bound::Within(0.0, 1.0)).unwrap_or(0.0)
        };
        let lead_time = c.days(link::LEAD_TIME, 1);
        let route = c.opt_str(link::ROUTE).and_then(|r| self.routes.resolve(r, "route", c, link::ROUTE));
        let (Some(s), Some(cu), Some(p), Some(lead)) = (supplier, customer, product, lead_time) else {
            return;
        };
        if self.failed_facility[s as usize] || self.failed_facility[cu as usize] {
            return; // the facility's own row error says what is wrong
        }
        let sf = &self.facility_list[s as usize];
        let cf = &self.facility_list[cu as usize];
        if sf.is_market() {
            c.error(
                link::SUPPLIER,
                Problem::InvalidValue {
                    value: sf.id.clone(),
                    expected: "a facility (markets consume; they do not supply)".into(),
                },
            );
            return;
        }
        if sf.product.0 != p {
            c.error(link::PRODUCT, self.product_not_made(sf, p));
            return;
        }
        let inputs = cf.recipe.map_or(&[][..], |r| &self.recipes[r.index()].inputs[..]);
        let recipe_unreliable = self.recipes_incomplete || self.failed_recipe.contains(&cf.product.0);
        if !inputs.iter().any(|i| i.product.0 == p) && !recipe_unreliable {
            let list = if inputs.is_empty() {
                "nothing (it is a raw-material source)".to_string()
            } else {
                inputs
                    .iter()
                    .map(|i| self.product_list[i.product.index()].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            c.error(
                link::PRODUCT,
                Problem::InputNotUsed {
                    customer: cf.id.clone(),
                    product: self.product_list[p as usize].id.clone(),
                    inputs: list,
                },
            );
            return;
        }
        if let Some(r) = route {
            let transit = self.route_list[r as usize].transit_days;
            if lead < transit {
                c.warning(
                    link::LEAD_TIME,
                    Problem::LeadTimeBelowTransit {
                        lead_time: lead,
                        route: self.route_list[r as usize].id.clone(),
                        transit,
                    },
                );
            }
        }
        if c.failed {
            return;
        }
        self.links.push(Link {
            supplier: FacilityId(s),
            customer: FacilityId(cu),
            product: ProductId(p),
            share,
            lead_time_days: lead,
            route: route.map(RouteId),
            backup,
            prequalified: false,
        });
        self.link_origin.push(origin);
    }

    fn finish(mut self) -> (Network, RowOrigins) {
        // Vectors grown by pushing hold up to twice their length; give the excess back.
        self.links.shrink_to_fit();
        self.link_origin.shrink_to_fit();
        self.facility_list.shrink_to_fit();
        let facility_index = self.facilities.take_map();
        let network = Network::with_facility_index(
            NetworkParts {
                products: self.product_list,
                recipes: self.recipes,
                facilities: self.facility_list,
                links: self.links,
                routes: self.route_list,
                chokepoints: self.chokepoint_list,
                regions: self.region_list,
                sources: self.sources,
            },
            facility_index,
        );
        let origins =
            RowOrigins { origins: self.origins, facility: self.facilities.origin, link: self.link_origin };
        (network, origins)
    }
}

fn country(c: &mut Cells<'_>, col: usize) -> Option<CountryId> {
    let text = c.str(col, "an ISO 3166-1 alpha-3 country code (JPN, USA, TWN, ...)")?;
    match countries::lookup(text).or_else(|| countries::lookup(&text.to_ascii_uppercase())) {
        Some(id) => Some(id),
        None => {
            // "Jap" -> Japan: a country whose name starts with the text beats edit distance.
            let lower = text.to_lowercase();
            let by_name: Vec<&str> = countries::COUNTRIES
                .iter()
                .filter(|(_, name)| name.to_lowercase().starts_with(&lower))
                .map(|(code, _)| *code)
                .collect();
            let suggestion = if by_name.len() == 1 {
                Some(by_name[0].to_string())
            } else {
                closest(text, countries::COUNTRIES.iter().map(|(code, _)| *code))
            };
            c.error(
                col,
                Problem::UnknownReference {
                    what: "country (ISO 3166-1 alpha-3)",
                    id: text.into(),
                    suggestion,
                },
            );
            None
        }
    }
}

fn lat_lon(c: &mut Cells<'_>, lat_col: usize, lon_col: usize) -> (Option<f64>, Option<f64>) {
    (c.opt_f64(lat_col, Bound::Within(-90.0, 90.0)), c.opt_f64(lon_col, Bound::Within(-180.0, 180.0)))
}
