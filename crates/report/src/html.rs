//! `report.html`: one self-contained page (no network access, no external scripts or fonts)
//! with SVG charts. Being written; see [`html`].

use crate::input::{RankRow, ReportInput};

/// The page.
pub fn html(input: &ReportInput, ranking: &[RankRow]) -> String {
    let _ = (input, ranking);
    String::from("<!doctype html><html><head><meta charset=\"utf-8\"><title>Kuroshio report</title></head><body></body></html>\n")
}
