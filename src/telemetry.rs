//! Structured logs with tracing: human-readable text by default, JSON lines for log
//! collectors (`COURSEWORX_LOG_FORMAT=json`). `RUST_LOG` overrides the configured filter.
//! Colours only on a terminal: a log written to a file, a pipe or a service manager's
//! journal carries no escape codes (and `NO_COLOR` switches them off everywhere).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::{LogConfig, LogFormat};

pub fn init(log: &LogConfig) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&log.filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(use_colour())
        .with_writer(std::io::stderr);
    let _ = match log.format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Colour escape codes only when standard error is a terminal and `NO_COLOR` is unset
/// (<https://no-color.org>).
fn use_colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Something the operator must act on, said so that it stands out of the log: with text
/// logs, a framed block on standard error; with JSON logs, one warning event (`notice`
/// and `lines` fields), so that the stream stays one JSON object per line.
pub fn notice(format: LogFormat, title: &str, lines: &[String]) {
    match format {
        LogFormat::Json => tracing::warn!(notice = title, lines = ?lines, "{title}"),
        LogFormat::Text => eprintln!("{}", framed(title, lines)),
    }
}

/// `title` and `lines` in a frame of box-drawing characters, with a blank line around.
pub fn framed(title: &str, lines: &[String]) -> String {
    let width = std::iter::once(title)
        .chain(lines.iter().map(String::as_str))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let rule = "─".repeat(width + 2);
    let row = |text: &str| {
        let pad = width - text.chars().count();
        format!("│ {text}{} │\n", " ".repeat(pad))
    };
    let mut out = format!("\n┌{rule}┐\n");
    out.push_str(&row(title));
    out.push_str(&row(""));
    for line in lines {
        out.push_str(&row(line));
    }
    out.push_str(&format!("└{rule}┘\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::framed;

    #[test]
    fn a_notice_is_framed_to_its_longest_line() {
        let text = framed("Title", &["a longer line".to_owned(), "short".to_owned()]);
        let rows: Vec<&str> = text.trim().lines().collect();
        assert_eq!(rows.len(), 6);
        assert!(rows.iter().all(|r| r.chars().count() == 17), "{text}");
        assert_eq!(rows[1], "│ Title         │");
        assert_eq!(rows[3], "│ a longer line │");
    }
}
