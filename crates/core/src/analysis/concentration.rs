//! Country concentration of capacity per product: the Herfindahl-Hirschman index
//! HHI = sum over countries of (100 * share)^2, from 0 (atomised) to 10,000 (one country).
//! Above 2,500 a product counts as highly concentrated (the US merger-guidelines threshold).

use std::collections::BTreeMap;

use crate::model::Network;
use crate::{CountryId, ProductId};

/// HHI above which a product is flagged.
pub const CONCENTRATED_HHI: f64 = 2500.0;

/// Concentration of one product's capacity.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductConcentration {
    /// The product.
    pub product: ProductId,
    /// Herfindahl-Hirschman index of capacity by country (0 to 10,000).
    pub hhi: f64,
    /// The country with the largest share (ties: the lower code).
    pub top_country: CountryId,
    /// Its share (0 to 1).
    pub top_share: f64,
    /// Whether `hhi` exceeds [`CONCENTRATED_HHI`].
    pub concentrated: bool,
    /// Number of facilities making the product.
    pub facilities: usize,
    /// Share of capacity by country, largest first.
    pub shares: Vec<(CountryId, f64)>,
}

/// Concentration for every product made by at least one facility with positive capacity, most
/// concentrated first.
pub fn by_country(net: &Network) -> Vec<ProductConcentration> {
    let mut per: Vec<(BTreeMap<CountryId, f64>, usize)> = vec![(BTreeMap::new(), 0); net.products.len()];
    for f in &net.facilities {
        if f.is_market() {
            continue;
        }
        let e = &mut per[f.product.index()];
        *e.0.entry(f.country).or_insert(0.0) += f.capacity;
        e.1 += 1;
    }
    let mut out: Vec<ProductConcentration> = per
        .into_iter()
        .enumerate()
        .filter_map(|(p, (mut by, count))| {
            let mut total: f64 = by.values().sum();
            if !total.is_finite() {
                // Capacities near the top of the f64 range (each finite, their sum not): the
                // shares are the same computed on capacities scaled down by the largest.
                by = scaled_down(net, ProductId::from_index(p));
                total = by.values().sum();
            }
            if count == 0 || total <= 0.0 {
                return None;
            }
            let mut shares: Vec<(CountryId, f64)> = by.into_iter().map(|(c, v)| (c, v / total)).collect();
            shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let hhi = shares.iter().map(|(_, s)| (100.0 * s).powi(2)).sum::<f64>();
            Some(ProductConcentration {
                product: ProductId::from_index(p),
                hhi,
                top_country: shares[0].0,
                top_share: shares[0].1,
                concentrated: hhi > CONCENTRATED_HHI,
                facilities: count,
                shares,
            })
        })
        .collect();
    out.sort_by(|a, b| b.hhi.total_cmp(&a.hhi).then(a.product.cmp(&b.product)));
    out
}

/// Capacity of `product` by country, each facility's capacity divided by the largest one's, so
/// that the sums stay finite.
fn scaled_down(net: &Network, product: ProductId) -> BTreeMap<CountryId, f64> {
    let makers = || net.facilities.iter().filter(|f| !f.is_market() && f.product == product);
    let max = makers().map(|f| f.capacity).fold(0.0_f64, f64::max);
    let mut by = BTreeMap::new();
    if max > 0.0 {
        for f in makers() {
            *by.entry(f.country).or_insert(0.0) += f.capacity / max;
        }
    }
    by
}
