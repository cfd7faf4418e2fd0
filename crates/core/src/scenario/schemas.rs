//! The columns of every scenario table. Column index constants (`fac::ID`, ...) address cells.

use crate::scenario::table::{Schema, opt, req};

/// products.csv
pub mod prod {
    #![allow(missing_docs)]
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const UNIT: usize = 2;
    pub const UNIT_VALUE: usize = 3;
    pub const SECTOR: usize = 4;
    pub const QUALIFICATION_DAYS: usize = 5;
    pub const TTR_DAYS: usize = 6;
    pub const SOURCE: usize = 7;
}
/// Schema of products.csv.
pub static PRODUCTS: Schema = Schema {
    table: "products",
    what: "the products table",
    columns: &[
        req("id"),
        opt("name"),
        opt("unit"),
        req("unit_value"),
        opt("sector"),
        opt("qualification_days"),
        opt("ttr_days"),
        opt("source"),
    ],
    required: true,
};

/// regions.csv
pub mod reg {
    #![allow(missing_docs)]
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const COUNTRY: usize = 2;
    pub const SOURCE: usize = 3;
}
/// Schema of regions.csv.
pub static REGIONS: Schema = Schema {
    table: "regions",
    what: "the regions table",
    columns: &[req("id"), opt("name"), opt("country"), opt("source")],
    required: true,
};

/// chokepoints.csv
pub mod cp {
    #![allow(missing_docs)]
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const KIND: usize = 2;
    pub const COUNTRY: usize = 3;
    pub const REGION: usize = 4;
    pub const LAT: usize = 5;
    pub const LON: usize = 6;
    pub const SOURCE: usize = 7;
}
/// Schema of chokepoints.csv.
pub static CHOKEPOINTS: Schema = Schema {
    table: "chokepoints",
    what: "the chokepoints table",
    columns: &[
        req("id"),
        opt("name"),
        req("kind"),
        req("country"),
        opt("region"),
        opt("lat"),
        opt("lon"),
        opt("source"),
    ],
    required: false,
};

/// routes.csv
pub mod route {
    #![allow(missing_docs)]
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const MODE: usize = 2;
    pub const CHOKEPOINTS: usize = 3;
    pub const TRANSIT_DAYS: usize = 4;
    pub const ALT_CHOKEPOINTS: usize = 5;
    pub const ALT_EXTRA_DAYS: usize = 6;
    pub const ALT_CAPACITY: usize = 7;
    pub const SOURCE: usize = 8;
}
/// Schema of routes.csv.
pub static ROUTES: Schema = Schema {
    table: "routes",
    what: "the routes table",
    columns: &[
        req("id"),
        opt("name"),
        opt("mode"),
        req("chokepoints"),
        req("transit_days"),
        opt("alternate_chokepoints"),
        opt("alternate_extra_days"),
        opt("alternate_capacity"),
        opt("source"),
    ],
    required: false,
};

/// facilities.csv
pub mod fac {
    #![allow(missing_docs)]
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const KIND: usize = 2;
    pub const COUNTRY: usize = 3;
    pub const REGION: usize = 4;
    pub const PRODUCT: usize = 5;
    pub const CAPACITY: usize = 6;
    pub const UTILIZATION: usize = 7;
    pub const INVENTORY_DAYS: usize = 8;
    pub const TTR_DAYS: usize = 9;
    pub const LAT: usize = 10;
    pub const LON: usize = 11;
    pub const TAGS: usize = 12;
    pub const SOURCE: usize = 13;
}
/// Schema of facilities.csv.
pub static FACILITIES: Schema = Schema {
    table: "facilities",
    what: "the facilities table",
    columns: &[
        req("id"),
        opt("name"),
        req("kind"),
        req("country"),
        req("region"),
        req("product"),
        opt("capacity"),
        opt("utilization"),
        opt("inventory_days"),
        opt("ttr_days"),
        opt("lat"),
        opt("lon"),
        opt("tags"),
        opt("source"),
    ],
    required: true,
};

/// markets.csv
pub mod mkt {
    #![allow(missing_docs)]
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const COUNTRY: usize = 2;
    pub const REGION: usize = 3;
    pub const PRODUCT: usize = 4;
    pub const DEMAND: usize = 5;
    pub const INVENTORY_DAYS: usize = 6;
    pub const LAT: usize = 7;
    pub const LON: usize = 8;
    pub const TAGS: usize = 9;
    pub const SOURCE: usize = 10;
}
/// Schema of markets.csv.
pub static MARKETS: Schema = Schema {
    table: "markets",
    what: "the markets table (final demand)",
    columns: &[
        req("id"),
        opt("name"),
        req("country"),
        req("region"),
        req("product"),
        req("demand_per_day"),
        opt("inventory_days"),
        opt("lat"),
        opt("lon"),
        opt("tags"),
        opt("source"),
    ],
    required: true,
};

/// recipes.csv
pub mod rec {
    #![allow(missing_docs)]
    pub const PRODUCT: usize = 0;
    pub const INPUT: usize = 1;
    pub const PER_UNIT: usize = 2;
    pub const FACILITY: usize = 3;
    pub const INVENTORY_DAYS: usize = 4;
    pub const SOURCE: usize = 5;
}
/// Schema of recipes.csv.
pub static RECIPES: Schema = Schema {
    table: "recipes",
    what: "the recipes table (bill of materials)",
    columns: &[
        req("product"),
        req("input"),
        req("per_unit"),
        opt("facility"),
        opt("inventory_days"),
        opt("source"),
    ],
    required: false,
};

/// links.csv
pub mod link {
    #![allow(missing_docs)]
    pub const SUPPLIER: usize = 0;
    pub const CUSTOMER: usize = 1;
    pub const PRODUCT: usize = 2;
    pub const SHARE: usize = 3;
    pub const LEAD_TIME: usize = 4;
    pub const ROUTE: usize = 5;
    pub const BACKUP: usize = 6;
    pub const SOURCE: usize = 7;
}
/// Schema of links.csv.
pub static LINKS: Schema = Schema {
    table: "links",
    what: "the links table (supplier -> customer)",
    columns: &[
        req("supplier"),
        req("customer"),
        req("product"),
        opt("share"),
        req("lead_time_days"),
        opt("route"),
        opt("backup"),
        opt("source"),
    ],
    required: true,
};

/// Every table, in load order (a table only refers to tables before it).
pub static TABLES: [&Schema; 8] =
    [&PRODUCTS, &REGIONS, &CHOKEPOINTS, &ROUTES, &FACILITIES, &MARKETS, &RECIPES, &LINKS];
