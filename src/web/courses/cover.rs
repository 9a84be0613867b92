//! A course's cover: its uploaded picture, or else one drawn from the course itself, so
//! that no course is ever a grey box. The drawn cover is an inline SVG (no `style`
//! attribute, so the Content-Security-Policy holds): a two-colour gradient and a pattern
//! chosen from a hash of the course id, and the initials of the title on top. The same
//! course always gets the same cover, and neighbouring courses rarely share one.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::web::i18n::is_arabic;

/// The patterns a drawn cover may carry (`templates/courses/_macros.html` draws each).
const PATTERNS: [&str; 5] = ["dots", "stripes", "rings", "grid", "waves"];

/// The hues a gradient runs between, in order around the colour wheel from green to
/// red. Yellows and olives are left out: darkened enough for white letters, they turn
/// muddy. A gradient goes from one hue to the next or the one after.
const HUES: [u16; 14] = [
    150, 165, 180, 195, 210, 222, 235, 250, 265, 280, 300, 320, 340, 355,
];

/// Each hue's gradient colours (start, end), worked out once: a catalogue page draws
/// dozens of covers, and the search for a readable lightness is most of a cover's cost.
static GRADIENT_ENDS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    HUES.iter()
        .map(|&h| {
            (
                readable(f64::from(h), 0.62, 0.40),
                readable(f64::from(h), 0.58, 0.32),
            )
        })
        .collect()
});

/// What `templates/courses/_cover.html` draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// The uploaded picture's address, when there is one.
    pub image: Option<String>,
    /// A prefix for the SVG's ids, unique on the page (`where` and the course id).
    pub svg_id: String,
    /// The gradient's two colours, `#rrggbb`, dark enough for white initials (at least
    /// 4.5:1 against both).
    pub from: String,
    pub to: String,
    pub pattern: &'static str,
    /// One or two letters. Arabic letters are kept apart (a thin space between them), so
    /// that they show as separate letters rather than joined into a word.
    pub initials: String,
    /// The initials are wider than two Latin capitals (Arabic letters set apart): drawn
    /// smaller, so that a square crop of the cover still holds them.
    pub wide: bool,
}

impl Cover {
    /// The cover of a course; `place` tells apart two covers of one course on a page
    /// (`card`, `hero`, `editor`).
    pub fn new(id: Uuid, title: &str, image: Option<&str>, place: &str) -> Cover {
        let hash = Sha256::digest(id.as_bytes());
        let first = usize::from(u16::from_be_bytes([hash[0], hash[1]])) % (HUES.len() - 1);
        let second = (first + 1 + usize::from(hash[2]) % 2).min(HUES.len() - 1);
        let pattern = PATTERNS[usize::from(hash[3]) % PATTERNS.len()];
        let initials = initials(title);
        Cover {
            image: image.map(str::to_owned),
            svg_id: format!("cover-{place}-{}", id.simple()),
            from: GRADIENT_ENDS[first].0.clone(),
            to: GRADIENT_ENDS[second].1.clone(),
            pattern,
            wide: initials.chars().any(is_arabic),
            initials,
        }
    }
}

/// The first letter of the title's first two words (Arabic's article `ال` skipped, so
/// "السلامة" gives "س"), upper-cased, Arabic letters set apart by a thin space.
pub fn initials(title: &str) -> String {
    let letters: Vec<char> = title
        .split_whitespace()
        .filter_map(|word| {
            let word = word
                .strip_prefix("ال")
                .filter(|w| w.chars().count() >= 2)
                .unwrap_or(word);
            word.chars().find(|c| c.is_alphanumeric())
        })
        .take(2)
        .collect();
    let arabic = letters.iter().any(|c| is_arabic(*c));
    let mut out = String::new();
    for (i, c) in letters.iter().enumerate() {
        if i > 0 && arabic {
            out.push('\u{2009}');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// The colour at `lightness` or, for hues that are light by nature (yellows, greens,
/// cyans), darker until white text on it reaches 4.5:1.
fn readable(hue: f64, saturation: f64, lightness: f64) -> String {
    let mut l = lightness;
    loop {
        let hex = hsl_hex(hue, saturation, l);
        if 1.05 / (luminance(&hex) + 0.05) >= 4.6 || l <= 0.1 {
            return hex;
        }
        l -= 0.02;
    }
}

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = hex
            .get(i..i + 2)
            .and_then(|c| u8::from_str_radix(c, 16).ok())
            .map_or(0.0, |c| f64::from(c) / 255.0);
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// `#rrggbb` of a colour given as hue (degrees), saturation and lightness (0 to 1).
fn hsl_hex(h: f64, s: f64, l: f64) -> String {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match h as u32 {
        0..60 => (c, x, 0.0),
        60..120 => (x, c, 0.0),
        120..180 => (0.0, c, x),
        180..240 => (0.0, x, c),
        240..300 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_two_words_and_keep_arabic_letters_apart() {
        assert_eq!(initials("Workplace safety fundamentals"), "WS");
        assert_eq!(initials("  rust "), "R");
        assert_eq!(initials("(Advanced) 3D printing"), "A3");
        assert_eq!(initials("أساسيات السلامة"), "أ\u{2009}س");
        assert_eq!(initials("السلامة في العمل"), "س\u{2009}ف");
        assert_eq!(initials("Excel للمبتدئين"), "E\u{2009}ل");
        assert_eq!(initials("— –"), "");
    }

    #[test]
    fn every_hue_is_dark_enough_for_white_initials() {
        for hue in 0..360 {
            for colour in [
                readable(f64::from(hue), 0.62, 0.40),
                readable(f64::from(hue), 0.58, 0.32),
            ] {
                let contrast = 1.05 / (luminance(&colour) + 0.05);
                assert!(contrast >= 4.5, "{hue}: {colour} {contrast:.2}");
            }
        }
    }

    #[test]
    fn a_course_always_gets_the_same_readable_cover() {
        for _ in 0..200 {
            let id = Uuid::now_v7();
            let cover = Cover::new(id, "Safety basics", None, "card");
            assert_eq!(cover, Cover::new(id, "Safety basics", None, "card"));
            for colour in [&cover.from, &cover.to] {
                // White initials on either end of the gradient: at least 4.5:1.
                let contrast = 1.05 / (luminance(colour) + 0.05);
                assert!(contrast >= 4.5, "{colour}: {contrast:.2}");
            }
            assert!(PATTERNS.contains(&cover.pattern));
        }
        let a = Cover::new(Uuid::now_v7(), "x", None, "card");
        let b = Cover::new(Uuid::now_v7(), "x", None, "card");
        assert_ne!((a.svg_id, a.from), (b.svg_id, b.from));
    }

    #[test]
    fn colours_convert_from_hsl() {
        assert_eq!(hsl_hex(0.0, 1.0, 0.5), "#ff0000");
        assert_eq!(hsl_hex(120.0, 1.0, 0.25), "#008000");
        assert_eq!(hsl_hex(240.0, 0.5, 0.5), "#4040bf");
    }
}
