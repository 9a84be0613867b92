//! The editor's inline SVG icons (no icon font, no file to fetch). Each is decorative
//! (`aria-hidden`): the text or the `aria-label` beside it says what it means. Templates
//! write one with `{{ icons::UP|safe }}`.

use std::fmt;

use crate::domain::content::ContentKind;

/// The inside of a 24 × 24 line icon; `Display` writes the whole `<svg>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Icon(&'static str);

impl fmt::Display for Icon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            r#"<svg class="icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">{}</svg>"#,
            self.0
        )
    }
}

pub const VIDEO: Icon = Icon(
    r#"<rect x="3" y="5" width="18" height="14" rx="3"/><path d="M10 9.2v5.6l4.8-2.8z" fill="currentColor"/>"#,
);
pub const DOCUMENT: Icon =
    Icon(r#"<path d="M7 3h7l5 5v13H7z"/><path d="M14 3v5h5M9.5 13h7M9.5 17h5"/>"#);
pub const IMAGE: Icon = Icon(
    r#"<rect x="3" y="4" width="18" height="16" rx="2.5"/><circle cx="9" cy="10" r="1.8"/><path d="M4 18l5.5-5 4 3.5 3-2.5 3.5 3"/>"#,
);
pub const ARTICLE: Icon = Icon(r#"<path d="M5 5h14M5 9.5h14M5 14h14M5 18.5h9"/>"#);
pub const QUIZ: Icon = Icon(
    r#"<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5v.7"/><circle cx="12" cy="17" r=".7" fill="currentColor"/>"#,
);
pub const CERTIFICATE: Icon =
    Icon(r#"<circle cx="12" cy="9" r="5.5"/><path d="M8.6 13.6 7 21l5-2.5 5 2.5-1.6-7.4"/>"#);
pub const SECTION: Icon = Icon(
    r#"<path d="M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2h8.5A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z"/>"#,
);
pub const UP: Icon = Icon(r#"<path d="M12 19V5M6 11l6-6 6 6"/>"#);
pub const DOWN: Icon = Icon(r#"<path d="M12 5v14M6 13l6 6 6-6"/>"#);
pub const EDIT: Icon = Icon(r#"<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="M13.5 6.5l4 4"/>"#);
pub const DELETE: Icon = Icon(r#"<path d="M4 7h16M9 7V4h6v3M6.5 7l1 13h9l1-13M10 11v6M14 11v6"/>"#);
pub const PLUS: Icon = Icon(r#"<path d="M12 5v14M5 12h14"/>"#);
pub const CHECK: Icon = Icon(r#"<path d="M5 12.5l4.5 4.5L19 7.5"/>"#);
pub const CROSS: Icon = Icon(r#"<path d="M7 7l10 10M17 7L7 17"/>"#);
pub const GRIP: Icon = Icon(
    r#"<g fill="currentColor" stroke="none"><circle cx="9" cy="6" r="1.4"/><circle cx="15" cy="6" r="1.4"/><circle cx="9" cy="12" r="1.4"/><circle cx="15" cy="12" r="1.4"/><circle cx="9" cy="18" r="1.4"/><circle cx="15" cy="18" r="1.4"/></g>"#,
);
pub const UPLOAD: Icon =
    Icon(r#"<path d="M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3"/>"#);

/// The icon of a content type.
pub fn kind(kind: ContentKind) -> Icon {
    match kind {
        ContentKind::Video => VIDEO,
        ContentKind::Document => DOCUMENT,
        ContentKind::Image => IMAGE,
        ContentKind::Article => ARTICLE,
        ContentKind::Quiz => QUIZ,
        ContentKind::Certificate => CERTIFICATE,
    }
}
