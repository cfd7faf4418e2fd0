//! A deterministic synthetic scenario generator: tiers from raw materials to markets,
//! multi-sourcing, countries and regions around the Pacific, and routes through chokepoints.
//!
//! The same options (size and seed) always write byte-identical files. Randomness comes from a
//! SplitMix64 stream seeded by the caller (a fixed, documented algorithm, so outputs do not change
//! with a dependency upgrade). Tables are streamed to disk so that a million facilities need
//! memory for the supplier lists only.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::CoreError;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of facilities, markets included (at least 20).
    pub facilities: usize,
    /// Seed of the random stream.
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateSummary {
    /// Facilities written (markets included).
    pub facilities: usize,
    /// Markets among them.
    pub markets: usize,
    /// Links written.
    pub links: usize,
    /// Products written.
    pub products: usize,
}

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast and fixed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in [0, n).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

/// (region id, country, latitude, longitude, group) where group places it for routing:
/// 0 north-east Asia, 1 Taiwan, 2 south-east Asia, 3 North America.
const REGIONS: &[(&str, &str, f64, f64, u8)] = &[
    ("JPN-Kanto", "JPN", 35.7, 139.7, 0),
    ("JPN-Tohoku", "JPN", 38.3, 140.9, 0),
    ("JPN-Chubu", "JPN", 35.2, 136.9, 0),
    ("JPN-Kansai", "JPN", 34.7, 135.5, 0),
    ("JPN-Kyushu", "JPN", 33.6, 130.4, 0),
    ("KOR-Capital", "KOR", 37.4, 127.0, 0),
    ("KOR-Southeast", "KOR", 35.2, 129.0, 0),
    ("CHN-Shanghai", "CHN", 31.2, 121.5, 0),
    ("CHN-Jiangsu", "CHN", 32.0, 118.8, 0),
    ("CHN-Guangdong", "CHN", 23.1, 113.3, 0),
    ("TWN-North", "TWN", 24.8, 121.0, 1),
    ("TWN-South", "TWN", 22.6, 120.3, 1),
    ("VNM-North", "VNM", 21.0, 105.8, 2),
    ("MYS-Penang", "MYS", 5.4, 100.3, 2),
    ("THA-Central", "THA", 13.7, 100.5, 2),
    ("PHL-Luzon", "PHL", 14.6, 121.0, 2),
    ("SGP-Singapore", "SGP", 1.35, 103.8, 2),
    ("USA-California", "USA", 34.0, -118.2, 3),
    ("USA-Texas", "USA", 30.3, -97.7, 3),
    ("USA-Michigan", "USA", 42.3, -83.0, 3),
    ("USA-Ohio", "USA", 40.0, -83.0, 3),
    ("USA-Arizona", "USA", 33.4, -112.0, 3),
    ("MEX-Bajio", "MEX", 21.0, -101.3, 3),
    ("MEX-North", "MEX", 25.7, -100.3, 3),
];

/// (id, name, kind, country, latitude, longitude)
const CHOKEPOINTS: &[(&str, &str, &str, &str, f64, f64)] = &[
    ("port-keihin", "Keihin ports (Tokyo, Yokohama, Kawasaki)", "port", "JPN", 35.45, 139.65),
    ("port-busan", "Port of Busan", "port", "KOR", 35.10, 129.04),
    ("port-shanghai", "Port of Shanghai", "port", "CHN", 31.23, 121.49),
    ("port-kaohsiung", "Port of Kaohsiung", "port", "TWN", 22.61, 120.28),
    ("port-singapore", "Port of Singapore", "port", "SGP", 1.26, 103.84),
    ("port-la-lb", "Ports of Los Angeles and Long Beach", "port", "USA", 33.74, -118.26),
    ("port-manzanillo", "Port of Manzanillo", "port", "MEX", 19.05, -104.32),
    ("strait-taiwan", "Taiwan Strait", "strait", "TWN", 24.0, 119.5),
    ("strait-luzon", "Luzon Strait", "strait", "PHL", 20.5, 121.0),
    ("border-laredo", "Laredo border crossing", "border", "USA", 27.5, -99.5),
];

/// The synthetic hazard catalog of a generated scenario: one regional outage hazard per region
/// (an earthquake-like event at 0.02 a year hitting half the region's non-market facilities),
/// a Taiwan Strait closure and a trans-Pacific port congestion. Illustrative, not data.
fn write_hazards(toml: &mut Out) -> Result<(), CoreError> {
    toml.line(format_args!(
        "\n# A synthetic hazard catalog for benchmarks and examples: rates and distributions are\n\
         # illustrative, not calibrated."
    ))?;
    for (region, ..) in REGIONS {
        toml.line(format_args!(
            "\n[[hazard]]\nname = \"regional-{region}\"\nkind = \"outage\"\nrate_per_year = 0.02\n\
             footprint = {{ regions = [\"{region}\"] }}\nshare_hit = 0.5\n\
             severity = {{ dist = \"beta\", a = 2, b = 3 }}\n\
             duration = {{ dist = \"lognormal\", median = 30, p90 = 120 }}\nprofile = \"linear\"\ncorrelation = 0.5"
        ))?;
    }
    toml.line(format_args!(
        "\n[[hazard]]\nname = \"taiwan-strait-closure\"\nkind = \"closure\"\nrate_per_year = 0.01\n\
         footprint = {{ chokepoints = [\"strait-taiwan\"] }}\nseverity = 1\n\
         duration = {{ dist = \"lognormal\", median = 60, p90 = 180 }}\n\n\
         [[hazard]]\nname = \"port-congestion-la-lb\"\nkind = \"closure\"\nrate_per_year = 0.1\n\
         footprint = {{ chokepoints = [\"port-la-lb\"] }}\nseverity = {{ dist = \"uniform\", min = 0.2, max = 0.5 }}\n\
         duration = {{ dist = \"lognormal\", median = 90, p90 = 270 }}"
    ))
}

fn port_of(country: &str) -> &'static str {
    match country {
        "JPN" => "port-keihin",
        "KOR" => "port-busan",
        "CHN" => "port-shanghai",
        "TWN" => "port-kaohsiung",
        "USA" => "port-la-lb",
        "MEX" => "port-manzanillo",
        _ => "port-singapore",
    }
}

/// Countries in the order routes are numbered.
const COUNTRIES: &[(&str, u8)] = &[
    ("JPN", 0),
    ("KOR", 0),
    ("CHN", 0),
    ("TWN", 1),
    ("VNM", 2),
    ("MYS", 2),
    ("THA", 2),
    ("PHL", 2),
    ("SGP", 2),
    ("USA", 3),
    ("MEX", 3),
];

fn country_index(code: &str) -> usize {
    COUNTRIES.iter().position(|(c, _)| *c == code).unwrap_or(0)
}

/// An alternate path: chokepoints, extra days, capacity share.
type AlternatePlan = (Vec<&'static str>, u32, f64);

/// The route between two different countries: (chokepoints, transit days, alternate).
fn route_between(from: usize, to: usize) -> (Vec<&'static str>, u32, Option<AlternatePlan>) {
    let (fc, fg) = COUNTRIES[from];
    let (tc, tg) = COUNTRIES[to];
    if (fc == "USA" && tc == "MEX") || (fc == "MEX" && tc == "USA") {
        return (vec!["border-laredo"], 3, None);
    }
    let (a, b) = (fg.min(tg), fg.max(tg));
    let mut cps = vec![port_of(fc)];
    let mut alt = None;
    let transit = match (a, b) {
        (0, 0) | (2, 2) | (3, 3) => 4,
        (0, 1) | (1, 2) => {
            cps.push("strait-taiwan");
            alt = Some((vec![port_of(fc), port_of(tc)], 2, 0.7));
            5
        }
        (0, 2) => {
            cps.push("strait-taiwan");
            alt = Some((vec![port_of(fc), "strait-luzon", port_of(tc)], 3, 0.7));
            8
        }
        (2, 3) => {
            cps.push("strait-luzon");
            18
        }
        _ => 15,
    };
    cps.push(port_of(tc));
    cps.dedup();
    if let Some((c, _, _)) = alt.as_mut() {
        c.dedup();
    }
    (cps, transit, alt)
}

/// One tier: (kind, share of facilities, inputs per recipe, suppliers per input (min, max),
/// inventory days (min, max), value multiplier of the product).
type Tier = (&'static str, f64, usize, (usize, usize), (f64, f64), f64);

/// Tiers, upstream first.
const TIERS: &[Tier] = &[
    ("mine", 0.08, 0, (0, 0), (0.0, 0.0), 1.0),
    ("refinery", 0.12, 1, (2, 4), (10.0, 40.0), 3.0),
    ("materials", 0.20, 2, (2, 4), (10.0, 40.0), 10.0),
    ("tier2", 0.25, 2, (2, 4), (5.0, 30.0), 30.0),
    ("tier1", 0.20, 2, (2, 4), (3.0, 20.0), 100.0),
    ("assembly", 0.15, 3, (2, 3), (1.0, 10.0), 1000.0),
];

/// Facilities per product in a tier.
const FACILITIES_PER_PRODUCT: usize = 40;

/// Opens `.NAME.tmp-PID` in `dir` for writing; [`Out::finish`] renames it to `NAME`, so a
/// generated file never exists half-written under its final name.
fn create(dir: &Path, name: &str) -> Result<(PathBuf, BufWriter<File>), CoreError> {
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let file = File::create(&tmp).map_err(|source| CoreError::Write { path: tmp.clone(), source })?;
    Ok((tmp, BufWriter::with_capacity(1 << 20, file)))
}

struct Out {
    /// The temporary file being written.
    path: PathBuf,
    /// The final name.
    target: PathBuf,
    w: BufWriter<File>,
}

impl Out {
    fn new(dir: &Path, name: &str) -> Result<Self, CoreError> {
        let (path, w) = create(dir, name)?;
        Ok(Out { path, target: dir.join(name), w })
    }

    fn line(&mut self, args: std::fmt::Arguments<'_>) -> Result<(), CoreError> {
        self.w
            .write_fmt(args)
            .and_then(|_| self.w.write_all(b"\n"))
            .map_err(|source| CoreError::Write { path: self.path.clone(), source })
    }

    fn finish(mut self) -> Result<(), CoreError> {
        self.w.flush().map_err(|source| CoreError::Write { path: self.path.clone(), source })?;
        std::fs::rename(&self.path, &self.target)
            .map_err(|source| CoreError::Write { path: self.target.clone(), source })
    }
}

/// Writes a synthetic scenario into `dir` (created if needed).
pub fn write(dir: &Path, opts: GenerateOptions) -> Result<GenerateSummary, CoreError> {
    if opts.facilities < 20 {
        return Err(CoreError::Parameter {
            name: "facilities",
            message: format!("{} is too few; at least 20", opts.facilities),
        });
    }
    if opts.facilities > 50_000_000 {
        return Err(CoreError::Parameter {
            name: "facilities",
            message: format!("{} is more than 50,000,000", opts.facilities),
        });
    }
    std::fs::create_dir_all(dir).map_err(|source| CoreError::Write { path: dir.to_path_buf(), source })?;
    let mut rng = SplitMix64(opts.seed ^ 0x6B75_726F_7368_696F);
    let n = opts.facilities;
    let src = format!("synthetic: kuroshio generate --facilities {n} --seed {}", opts.seed);

    let mut regions = Out::new(dir, "regions.csv")?;
    regions.line(format_args!("id,name,country,source"))?;
    for (id, country, _, _, _) in REGIONS {
        regions.line(format_args!("{id},{id},{country},{src}"))?;
    }
    regions.finish()?;

    let mut cps = Out::new(dir, "chokepoints.csv")?;
    cps.line(format_args!("id,name,kind,country,lat,lon,source"))?;
    for (id, name, kind, country, lat, lon) in CHOKEPOINTS {
        cps.line(format_args!("{id},\"{name}\",{kind},{country},{lat},{lon},{src}"))?;
    }
    cps.finish()?;

    let mut routes = Out::new(dir, "routes.csv")?;
    routes.line(format_args!(
        "id,name,mode,chokepoints,transit_days,alternate_chokepoints,alternate_extra_days,alternate_capacity,source"
    ))?;
    let nc = COUNTRIES.len();
    let mut route_transit = vec![0u32; nc * nc];
    for from in 0..nc {
        for to in 0..nc {
            if from == to {
                continue;
            }
            let (cp, transit, alt) = route_between(from, to);
            route_transit[from * nc + to] = transit;
            let mode = if cp == ["border-laredo"] { "land" } else { "sea" };
            let (ac, ad, acap) = match alt {
                Some((c, d, cap)) => (c.join(";"), d.to_string(), cap.to_string()),
                None => (String::new(), String::new(), String::new()),
            };
            routes.line(format_args!(
                "r-{}-{},{} to {},{mode},{},{transit},{ac},{ad},{acap},{src}",
                COUNTRIES[from].0,
                COUNTRIES[to].0,
                COUNTRIES[from].0,
                COUNTRIES[to].0,
                cp.join(";")
            ))?;
        }
    }
    routes.finish()?;

    // Facility counts per tier; markets are 0.2% (at least 4).
    let markets_n = (n / 200).max(4);
    let rest = n - markets_n;
    let mut tier_n: Vec<usize> = TIERS.iter().map(|t| ((rest as f64) * t.1).floor() as usize).collect();
    let assigned: usize = tier_n.iter().sum();
    tier_n[3] += rest - assigned;
    let mut tier_products: Vec<usize> =
        tier_n.iter().map(|&c| (c / FACILITIES_PER_PRODUCT).max(2).min(c)).collect();
    // Every final product needs a market.
    let last = TIERS.len() - 1;
    tier_products[last] = tier_products[last].min(markets_n);

    // Products.
    let mut products = Out::new(dir, "products.csv")?;
    products.line(format_args!("id,name,unit,unit_value,sector,qualification_days,ttr_days,source"))?;
    let mut product_base = Vec::with_capacity(TIERS.len());
    let mut total_products = 0usize;
    for (t, tier) in TIERS.iter().enumerate() {
        product_base.push(total_products);
        for p in 0..tier_products[t] {
            let value = tier.5 * rng.range(0.5, 2.0);
            let qual = 30 + rng.below(150);
            let ttr = 30 + rng.below(150);
            products.line(format_args!(
                "p{t}-{p},{} product {p},unit,{value:.2},{},{qual},{ttr},{src}",
                tier.0, tier.0
            ))?;
        }
        total_products += tier_products[t];
    }
    products.finish()?;

    // Recipes: each product of tier t uses distinct products of tier t-1.
    let mut recipes = Out::new(dir, "recipes.csv")?;
    recipes.line(format_args!("product,input,per_unit,source"))?;
    let mut recipe_inputs: Vec<Vec<(usize, f64)>> = vec![Vec::new(); total_products];
    for (t, tier) in TIERS.iter().enumerate().skip(1) {
        let prev = tier_products[t - 1];
        for p in 0..tier_products[t] {
            let k = tier.2.min(prev);
            // Consecutive upstream products, so that every upstream product is used when the
            // tier has enough products (k distinct as k <= prev).
            for c in (0..k).map(|j| (p * k + j) % prev) {
                let per_unit = (rng.range(0.5, 3.0) * 100.0).round() / 100.0;
                recipes.line(format_args!("p{t}-{p},p{}-{c},{per_unit},{src}", t - 1))?;
                recipe_inputs[product_base[t] + p].push((c, per_unit));
            }
        }
    }
    recipes.finish()?;

    // Facilities: tier by tier, product round-robin so that every product has makers.
    let mut facilities = Out::new(dir, "facilities.csv")?;
    facilities.line(format_args!(
        "id,name,kind,country,region,product,utilization,inventory_days,ttr_days,lat,lon,tags,source"
    ))?;
    // makers[global product] = facility indices; country of each facility.
    let mut makers: Vec<Vec<u32>> = vec![Vec::new(); total_products];
    let mut fac_country: Vec<u8> = Vec::with_capacity(n);
    let mut fac_product: Vec<u32> = Vec::with_capacity(rest);
    let mut fac_tier: Vec<u8> = Vec::with_capacity(rest);
    for (t, tier) in TIERS.iter().enumerate() {
        for i in 0..tier_n[t] {
            let f = fac_country.len();
            let p = i % tier_products[t];
            let r = rng.below(REGIONS.len());
            let (region, country, lat, lon, _) = REGIONS[r];
            let util = rng.range(0.6, 0.9);
            let inv = if tier.2 == 0 { 0.0 } else { rng.range(tier.4.0, tier.4.1).round() };
            let ttr = 14 + rng.below(166);
            let lat = lat + rng.range(-0.5, 0.5);
            let lon = lon + rng.range(-0.5, 0.5);
            facilities.line(format_args!(
                "f{f},{} {f},{},{country},{region},p{t}-{p},{util:.3},{inv},{ttr},{lat:.4},{lon:.4},{},{src}",
                tier.0, tier.0, tier.0
            ))?;
            makers[product_base[t] + p].push(f as u32);
            fac_country.push(country_index(country) as u8);
            fac_product.push((product_base[t] + p) as u32);
            fac_tier.push(t as u8);
        }
    }
    facilities.finish()?;

    // Markets: final products spread over market countries.
    let mut markets = Out::new(dir, "markets.csv")?;
    markets.line(format_args!("id,name,country,region,product,demand_per_day,lat,lon,source"))?;
    let market_regions = [
        ("USA-Michigan", "USA"),
        ("USA-California", "USA"),
        ("JPN-Kanto", "JPN"),
        ("CHN-Shanghai", "CHN"),
        ("MEX-Bajio", "MEX"),
    ];
    let mut market_of_product: Vec<Vec<u32>> = vec![Vec::new(); tier_products[last]];
    for m in 0..markets_n {
        let f = rest + m;
        let p = m % tier_products[last];
        let (region, country) = market_regions[m % market_regions.len()];
        let demand = rng.range(100.0, 1000.0).round();
        let (_, _, lat, lon, _) = REGIONS.iter().find(|r| r.0 == region).copied().unwrap_or(REGIONS[0]);
        markets.line(format_args!(
            "f{f},market {m},{country},{region},p{last}-{p},{demand},{lat},{lon},{src}"
        ))?;
        market_of_product[p].push(f as u32);
        fac_country.push(country_index(country) as u8);
    }
    markets.finish()?;

    // Links. Each customer input draws suppliers from the makers of that product, starting at a
    // rotating cursor so every maker gets customers.
    let mut links = Out::new(dir, "links.csv")?;
    links.line(format_args!("supplier,customer,product,share,lead_time_days,route,backup,source"))?;
    let mut cursor: Vec<usize> = vec![0; total_products];
    let mut link_count = 0usize;
    let mut suppliers: Vec<u32> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let mut write_links = |links: &mut Out,
                           rng: &mut SplitMix64,
                           customer: usize,
                           gp: usize,
                           pname: &str,
                           count: usize,
                           suppliers: &mut Vec<u32>,
                           weights: &mut Vec<f64>|
     -> Result<usize, CoreError> {
        let m = &makers[gp];
        let count = count.min(m.len()).max(1);
        suppliers.clear();
        for _ in 0..count {
            let c = &mut cursor[gp];
            suppliers.push(m[*c % m.len()]);
            *c += 1;
        }
        suppliers.sort_unstable();
        suppliers.dedup();
        weights.clear();
        weights.extend(suppliers.iter().map(|_| rng.range(0.2, 1.0)));
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        for (i, &s) in suppliers.iter().enumerate() {
            let share =
                if i + 1 == suppliers.len() { 1.0 - acc } else { (weights[i] / total * 1e6).round() / 1e6 };
            acc += share;
            let (from, to) = (fac_country[s as usize] as usize, fac_country[customer] as usize);
            if from == to {
                let lead = 1 + rng.below(5);
                links.line(format_args!("f{s},f{customer},{pname},{share:.6},{lead},,,{src}"))?;
            } else {
                let lead = route_transit[from * nc + to] as usize + 1 + rng.below(5);
                links.line(format_args!(
                    "f{s},f{customer},{pname},{share:.6},{lead},r-{}-{},,{src}",
                    COUNTRIES[from].0, COUNTRIES[to].0
                ))?;
            }
        }
        Ok(suppliers.len())
    };
    for f in 0..rest {
        let t = fac_tier[f] as usize;
        if t == 0 {
            continue;
        }
        let gp = fac_product[f] as usize;
        let (lo, hi) = TIERS[t].3;
        for &(c, _) in &recipe_inputs[gp] {
            let input_gp = product_base[t - 1] + c;
            let count = lo + rng.below(hi - lo + 1);
            let pname = format!("p{}-{c}", t - 1);
            link_count +=
                write_links(&mut links, &mut rng, f, input_gp, &pname, count, &mut suppliers, &mut weights)?;
        }
    }
    // Markets take from every assembly plant of their product assigned to them (round-robin).
    let mut market_suppliers: Vec<Vec<u32>> = vec![Vec::new(); markets_n];
    for (p, ms) in market_of_product.iter().enumerate() {
        if ms.is_empty() {
            continue;
        }
        for (i, &f) in makers[product_base[last] + p].iter().enumerate() {
            market_suppliers[ms[i % ms.len()] as usize - rest].push(f);
        }
    }
    for (m, sup) in market_suppliers.iter_mut().enumerate() {
        let customer = rest + m;
        let p = m % tier_products[last];
        if sup.is_empty() {
            let ms = &makers[product_base[last] + p];
            sup.push(ms[m % ms.len()]);
        }
        let k = sup.len().max(1) as f64;
        let mut acc = 0.0;
        for (i, &s) in sup.iter().enumerate() {
            let share = if i + 1 == sup.len() { 1.0 - acc } else { (1.0 / k * 1e6).round() / 1e6 };
            acc += share;
            let (from, to) = (fac_country[s as usize] as usize, fac_country[customer] as usize);
            let (lead, route) = if from == to {
                (2, String::new())
            } else {
                (route_transit[from * nc + to] + 3, format!("r-{}-{}", COUNTRIES[from].0, COUNTRIES[to].0))
            };
            links.line(format_args!("f{s},f{customer},p{last}-{p},{share:.6},{lead},{route},,{src}"))?;
            link_count += 1;
        }
    }
    links.finish()?;

    let mut toml = Out::new(dir, "scenario.toml")?;
    toml.line(format_args!(
        "# Generated by `kuroshio generate --facilities {n} --seed {}`: a synthetic network, not data.\n\
         [scenario]\nname = \"generated-{n}-{}\"\ndescription = \"Synthetic tiered network of {n} facilities around the Pacific\"\n\n\
         [settings]\nhorizon_days = 365\ninventory_days = 20\nepsilon = 0.01",
        opts.seed, opts.seed
    ))?;
    write_hazards(&mut toml)?;
    toml.finish()?;

    Ok(GenerateSummary { facilities: n, markets: markets_n, links: link_count, products: total_products })
}
