//! Errors and located diagnostics.
//!
//! Loading a scenario never stops at the first problem: every problem found is recorded as a
//! [`Diagnostic`] (where, which field, what was wrong, what was expected) in [`Diagnostics`], and
//! the load fails with [`CoreError::Invalid`] carrying all of them. The binary renders them with
//! source snippets; tests compare their one-line [`Display`](std::fmt::Display) form.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where in an input file something is. Lines and columns are 1-based; column counts characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it (relative to the working directory when it was given so).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the problem concerns the whole line or file.
    pub column: usize,
    /// Byte range in the file, for rendering a snippet; `None` when there is no text to point at.
    pub span: Option<Range<usize>>,
}

impl Location {
    /// A location for a whole file (a missing file, an empty file).
    pub fn file(path: &Path) -> Self {
        Location { file: path.to_path_buf(), line: 0, column: 0, span: None }
    }

    /// A location at a byte range of a file whose text is `text`: line and column are computed.
    pub fn in_text(path: &Path, text: &str, span: Range<usize>) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let before = &text[..start];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        Location { file: path.to_path_buf(), line, column, span: Some(span) }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// Whether a diagnostic stops the scenario from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth a look, but the scenario is usable.
    Warning,
    /// The scenario cannot be used until this is fixed.
    Error,
}

/// What is wrong, one variant per kind of mistake a user can fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// A file the scenario needs does not exist.
    #[error("file not found; expected {expected}")]
    MissingFile {
        /// What the file should have held.
        expected: String,
    },
    /// A file exists but could not be read.
    #[error("cannot read file: {reason}")]
    Unreadable {
        /// The operating system's reason.
        reason: String,
    },
    /// A file is not valid UTF-8 text.
    #[error("file is not UTF-8 text (invalid byte sequence); save it as UTF-8")]
    NotUtf8,
    /// The TOML is not syntactically valid.
    #[error("TOML syntax error: {message}")]
    TomlSyntax {
        /// The parser's message.
        message: String,
    },
    /// A CSV file has no header row.
    #[error("empty file; expected a header row ({expected})")]
    EmptyTable {
        /// The columns the header should name.
        expected: String,
    },
    /// A CSV row has a different number of fields than the header.
    #[error("row has {found} fields but the header has {expected}")]
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// A CSV row could not be parsed at all.
    #[error("malformed CSV: {message}")]
    CsvSyntax {
        /// The CSV reader's message.
        message: String,
    },
    /// A column header or TOML key that this table or section does not have.
    #[error("unknown {what} `{name}`{}; expected one of: {expected}", did_you_mean(.suggestion))]
    UnknownName {
        /// "column" or "key".
        what: &'static str,
        /// The name as written.
        name: String,
        /// The closest known name, if one is close.
        suggestion: Option<String>,
        /// The known names.
        expected: String,
    },
    /// A required column or key is absent.
    #[error("missing required {what} `{name}`")]
    MissingName {
        /// "column" or "key".
        what: &'static str,
        /// The name that is required.
        name: String,
    },
    /// The same column or key appears twice.
    #[error("duplicate {what} `{name}`")]
    DuplicateName {
        /// "column" or "key".
        what: &'static str,
        /// The repeated name.
        name: String,
    },
    /// A required value is empty.
    #[error("missing value; expected {expected}")]
    MissingValue {
        /// What should be there.
        expected: String,
    },
    /// A value has the wrong type or form.
    #[error("invalid value `{value}`; expected {expected}")]
    InvalidValue {
        /// The value as written.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// A number is NaN or infinite (or overflows to infinity).
    #[error("value `{value}` is not a finite number; expected {expected}")]
    NotFinite {
        /// The value as written.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// A number is outside its allowed range.
    #[error("value `{value}` is out of range; expected {expected}")]
    OutOfRange {
        /// The value as written.
        value: String,
        /// The allowed range, in words.
        expected: String,
    },
    /// An id appears twice in a table (or in two tables sharing a namespace).
    #[error("duplicate id `{id}`; first defined at {first}")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Where it was first defined.
        first: String,
    },
    /// A reference to an id that no table defines.
    #[error("unknown {what} `{id}`{}", did_you_mean(.suggestion))]
    UnknownReference {
        /// The kind of thing referred to ("facility", "product", ...).
        what: &'static str,
        /// The id as written.
        id: String,
        /// The closest defined id, if one is close.
        suggestion: Option<String>,
    },
    /// A facility's region belongs to another country.
    #[error("region `{region}` is in {region_country}, but the facility is in {country}")]
    RegionCountryMismatch {
        /// The region id.
        region: String,
        /// The region's country.
        region_country: String,
        /// The facility's country.
        country: String,
    },
    /// A link's product is not what its supplier makes.
    #[error("supplier `{supplier}` makes `{makes}`, not `{product}`")]
    ProductNotMade {
        /// Supplier facility id.
        supplier: String,
        /// The link's product.
        product: String,
        /// What the supplier makes.
        makes: String,
    },
    /// A link delivers a product its customer's recipe does not use.
    #[error("customer `{customer}` does not use `{product}`; its recipe takes: {inputs}")]
    InputNotUsed {
        /// Customer facility id.
        customer: String,
        /// The link's product.
        product: String,
        /// The customer's recipe inputs.
        inputs: String,
    },
    /// The shares of one customer's supply of one product do not add up to one.
    #[error("shares of `{product}` into `{customer}` sum to {sum}; expected 1 (tolerance {tolerance:e})")]
    SharesDoNotSum {
        /// Customer facility id.
        customer: String,
        /// The product.
        product: String,
        /// The sum found.
        sum: f64,
        /// The tolerance allowed.
        tolerance: f64,
    },
    /// A facility needs an input that no (non-backup) link supplies.
    #[error(
        "facility `{facility}` needs `{input}` but no non-backup link supplies it; add a link in links.csv (or remove the input from its recipe)"
    )]
    MissingSupplier {
        /// Facility id.
        facility: String,
        /// The input product.
        input: String,
    },
    /// A recipe uses its own product as input, directly.
    #[error("recipe for `{product}` uses `{product}` itself as an input")]
    SelfInput {
        /// The product.
        product: String,
    },
    /// Baseline output exceeds capacity.
    #[error(
        "baseline output of `{facility}` is {required:.6} units/day but its capacity is {available:.6} units/day"
    )]
    OverCapacity {
        /// Facility id.
        facility: String,
        /// Output the baseline requires.
        required: f64,
        /// Capacity available.
        available: f64,
    },
    /// A baseline output, or its value in USD, is too large for a 64-bit float (above about
    /// 1.8e308): demands and recipe coefficients upstream multiply beyond the range of numbers.
    #[error(
        "baseline output of `{facility}` overflows: {what} is larger than 1.8e308; the demands and per-unit coefficients that lead to it multiply beyond the range of numbers"
    )]
    BaselineOverflow {
        /// Facility id.
        facility: String,
        /// What overflowed: `its output in units/day` or `its output value in USD/day`.
        what: &'static str,
    },
    /// The cyclic baseline x = A x + d does not converge.
    #[error(
        "baseline does not converge: {}; the network's input coefficients around a cycle are too large (spectral radius >= 1){}",
        divergence(*.iterations, *.residual, *.tolerance),
        cycle_list(.cycle, *.cycle_size)
    )]
    BaselineDiverges {
        /// Facilities of the largest cycle (strongly connected component), up to ten.
        cycle: Vec<String>,
        /// How many facilities that cycle has.
        cycle_size: usize,
        /// Iterations run.
        iterations: usize,
        /// Last relative change.
        residual: f64,
        /// Tolerance asked for.
        tolerance: f64,
    },
    /// Warning: no market depends on this facility.
    #[error("no market depends on facility `{facility}`")]
    Unused {
        /// Facility id.
        facility: String,
    },
    /// Warning: only one facility makes this product.
    #[error("product `{product}` has a single source: `{facility}`")]
    SingleSource {
        /// Product id.
        product: String,
        /// The one facility that makes it.
        facility: String,
    },
    /// Warning: a route's transit takes longer than a link's lead time.
    #[error("lead time {lead_time} days is shorter than route `{route}`'s transit of {transit} days")]
    LeadTimeBelowTransit {
        /// The link's lead time.
        lead_time: u32,
        /// The route id.
        route: String,
        /// The route's transit days.
        transit: u32,
    },
}

fn cycle_list(cycle: &[String], size: usize) -> String {
    if cycle.is_empty() {
        return String::new();
    }
    let more = if size > cycle.len() { format!(" and {} more", size - cycle.len()) } else { String::new() };
    format!("; the largest cycle runs through {}{more}", cycle.join(", "))
}

fn divergence(iterations: usize, residual: f64, tolerance: f64) -> String {
    if residual.is_finite() {
        format!(
            "after {iterations} iterations the relative change is still {residual:e} (tolerance {tolerance:e})"
        )
    } else {
        format!("the outputs grow without bound (they overflow after {iterations} iterations)")
    }
}

fn did_you_mean(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    }
}

/// One located problem in a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// The column or key concerned (`links.share`), when there is one.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub problem: Problem,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}: {}", self.location)?;
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// All diagnostics found while loading a scenario, in the order found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error.
    pub fn error(&mut self, location: Location, field: Option<String>, problem: Problem) {
        self.items.push(Diagnostic { severity: Severity::Error, location, field, problem });
    }

    /// Records a warning.
    pub fn warning(&mut self, location: Location, field: Option<String>, problem: Problem) {
        self.items.push(Diagnostic { severity: Severity::Warning, location, field, problem });
    }

    /// Every diagnostic, errors and warnings, in the order found.
    pub fn all(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// Only the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Appends another list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The error type of `kuroshio-core`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CoreError {
    /// The scenario has errors; every one found is listed (warnings too).
    #[error("the scenario has {} error(s)", .0.error_count())]
    Invalid(Diagnostics),
    /// Writing a file failed (for example the generator's output).
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A generator or analysis parameter is out of range.
    #[error("invalid parameter `{name}`: {message}")]
    Parameter {
        /// The parameter.
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
}
