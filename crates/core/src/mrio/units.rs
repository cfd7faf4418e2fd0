//! Value units of MRIO tables: `Mill USD` (pymrio's test MRIO), `Million USD` (the OECD ICIO),
//! `M.EUR` (EXIOBASE), `USD`, `kUSD`, `bn USD`. A unit is a scale word and a currency; Kuroshio
//! needs its value in USD (`unit_value`, USD per unit).

/// A value unit: the label as given and USD per unit.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueUnit {
    /// The label written as the products' `unit` (`Mill USD`).
    pub label: String,
    /// Scale of one unit in currency units (1e6 for millions).
    pub scale: f64,
    /// The currency code found (`USD`, `EUR`), upper case.
    pub currency: Option<String>,
}

const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("thousands", 1e3),
    ("th", 1e3),
    ("k", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("mill", 1e6),
    ("mio", 1e6),
    ("mn", 1e6),
    ("m", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bill", 1e9),
    ("bn", 1e9),
    ("b", 1e9),
];

/// Parses a unit label. Words are split at anything that is not a letter; a word is a scale
/// (`thousand`/`k`, `million`/`mill`/`mio`/`mn`/`m`, `billion`/`bn`/`b`, any case), a currency
/// (three letters, or `$` for USD), or a scale glued to a currency (`MUSD`, `kEUR`). Returns
/// `None` when a word is neither.
pub fn parse(label: &str) -> Option<ValueUnit> {
    let mut scale = 1.0;
    let mut currency: Option<String> = None;
    let spaced = label.replace("US$", " USD ").replace('$', " USD ");
    let mut any = false;
    for word in spaced.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
        any = true;
        let lower = word.to_ascii_lowercase();
        if let Some((_, s)) = SCALES.iter().find(|(w, _)| *w == lower) {
            scale *= s;
            continue;
        }
        if word.len() == 3 && currency.is_none() && lower != "per" {
            currency = Some(word.to_ascii_uppercase());
            continue;
        }
        // A scale glued to a currency: MUSD, kEUR, bnUSD.
        if word.len() > 3 && currency.is_none() {
            let (head, tail) = word.split_at(word.len() - 3);
            if let Some((_, s)) = SCALES.iter().find(|(w, _)| *w == head.to_ascii_lowercase()) {
                scale *= s;
                currency = Some(tail.to_ascii_uppercase());
                continue;
            }
        }
        return None;
    }
    if !any {
        return None;
    }
    if currency.as_deref() == Some("US") {
        currency = Some("USD".into());
    }
    Some(ValueUnit { label: label.trim().to_string(), scale, currency })
}

impl ValueUnit {
    /// USD per unit: the scale for USD tables, else `None` (an exchange rate must be given).
    pub fn usd_per_unit(&self) -> Option<f64> {
        (self.currency.as_deref() == Some("USD")).then_some(self.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_the_units_of_common_mrios() {
        let u = |s: &str| parse(s).map(|u| (u.scale, u.currency));
        assert_eq!(u("Mill USD"), Some((1e6, Some("USD".into()))));
        assert_eq!(u("Million USD"), Some((1e6, Some("USD".into()))));
        assert_eq!(u("USD million"), Some((1e6, Some("USD".into()))));
        assert_eq!(u("M.EUR"), Some((1e6, Some("EUR".into()))));
        assert_eq!(u("MUSD"), Some((1e6, Some("USD".into()))));
        assert_eq!(u("kUSD"), Some((1e3, Some("USD".into()))));
        assert_eq!(u("bn USD"), Some((1e9, Some("USD".into()))));
        assert_eq!(u("USD"), Some((1.0, Some("USD".into()))));
        assert_eq!(u("US$ thousands"), Some((1e3, Some("USD".into()))));
        assert_eq!(parse("Mill USD").and_then(|u| u.usd_per_unit()), Some(1e6));
        assert_eq!(parse("M.EUR").and_then(|u| u.usd_per_unit()), None);
        assert_eq!(u("tonnes of steel"), None);
        assert_eq!(u(""), None);
    }
}
