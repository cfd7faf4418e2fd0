//! Rendering diagnostics for people (miette, with a snippet of the offending line) or as one
//! line each (`--message-format short`, for scripts and editors).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use kuroshio_core::{Diagnostic, Diagnostics, Severity};
use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};

/// Files larger than this are not loaded for snippets; their diagnostics print as one line.
const SNIPPET_LIMIT: u64 = 64 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Rich messages with a snippet of the offending line.
    Human,
    /// One line per message: `error: FILE:LINE:COL: field `F`: MESSAGE`.
    Short,
}

#[derive(Debug, Clone, clap::Args)]
pub struct MessageOptions {
    /// How to print errors and warnings.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Print at most this many errors and this many warnings (the counts are always printed).
    #[arg(long, default_value_t = 50)]
    pub max_messages: usize,
}

/// Prints errors then warnings to stderr, each list capped at `max_messages`.
pub fn print(diags: &Diagnostics, opts: &MessageOptions) {
    let mut sources: HashMap<PathBuf, Option<Arc<str>>> = HashMap::new();
    for severity in [Severity::Error, Severity::Warning] {
        let list: Vec<&Diagnostic> = diags.all().iter().filter(|d| d.severity == severity).collect();
        for d in list.iter().take(opts.max_messages) {
            match opts.message_format {
                MessageFormat::Short => eprintln!("{d}"),
                MessageFormat::Human => eprintln!("{}", human(d, &mut sources)),
            }
        }
        if list.len() > opts.max_messages {
            let what = if severity == Severity::Error { "errors" } else { "warnings" };
            eprintln!(
                "... and {} more {what} (raise --max-messages to see them)",
                list.len() - opts.max_messages
            );
        }
    }
}

fn load_source(path: &PathBuf) -> Option<Arc<str>> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > SNIPPET_LIMIT {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    Some(Arc::from(text))
}

fn human(d: &Diagnostic, sources: &mut HashMap<PathBuf, Option<Arc<str>>>) -> String {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let message = match &d.field {
        Some(f) => format!("field `{f}`: {}", d.problem),
        None => d.problem.to_string(),
    };
    let mut diag = MietteDiagnostic::new(message).with_severity(severity);
    let source = if d.location.line > 0 {
        sources.entry(d.location.file.clone()).or_insert_with(|| load_source(&d.location.file)).clone()
    } else {
        None
    };
    let Some(text) = source else {
        // No text to show: a whole-file problem or a very large file.
        return format!("{d}");
    };
    let span = d.location.span.clone().filter(|s| s.end <= text.len()).unwrap_or_else(|| {
        // A whole row: point at its first cell (the id) rather than underlining the line.
        let line = line_span(&text, d.location.line);
        let end = text[line.clone()].find(',').map_or(line.end, |i| line.start + i);
        line.start..end
    });
    let label = match &d.field {
        Some(f) => format!("{f} ({})", d.location),
        None => d.location.to_string(),
    };
    diag = diag.with_label(LabeledSpan::at(span, label));
    let name = d.location.file.display().to_string();
    let report = Report::new(diag).with_source_code(NamedSource::new(name, text));
    format!("{report:?}")
}

/// The byte range of a 1-based line (without its newline).
fn line_span(text: &str, line: usize) -> std::ops::Range<usize> {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len()..text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = if text[..end].ends_with('\r') { end - 1 } else { end };
    start..end
}
