//! Course-completion certificate rendered as a one-page landscape A4 PDF.
//!
//! Text goes through krilla's `draw_text`, which shapes with rustybuzz (so
//! Arabic letters join). krilla shapes one font and one direction per call, so
//! each line is first ordered with the Unicode bidi algorithm and split into
//! script runs: Arabic runs use Noto Naskh Arabic, everything else Noto Serif.
//! The fonts are compiled in and embedded (subset) in every PDF, so the output
//! does not depend on the fonts of the machine that renders or views it.
//!
//! The page is designed once in left-to-right coordinates; for right-to-left
//! languages `Canvas` mirrors every position and alignment.
//!
//! Text extraction: krilla maps every glyph back to its characters
//! (ToUnicode), wraps RTL runs in `/ReversedChars` marked content and uses
//! `/ActualText` for multi-glyph clusters, so copy/paste and `pdftotext` give
//! Arabic in logical order without anything special here.

use std::ops::Range;
use std::sync::LazyLock;

use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{self, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use qrcode::{Color, QrCode};
use unicode_bidi::{Level, ParagraphBidiInfo};

/// Everything printed on the certificate, already translated and formatted.
pub struct CertificateView<'a> {
    /// e.g. "Certificate of completion".
    pub title: &'a str,
    /// Paragraph text; `'\n'` starts a new line. Wrapped to fit.
    pub body: &'a str,
    pub learner_name: &'a str,
    pub course_title: &'a str,
    pub trainer_name: &'a str,
    /// Already formatted date.
    pub issued_on: &'a str,
    /// Verification code printed next to the QR code.
    pub code: &'a str,
    /// Encoded in the QR code and linked from it.
    pub verify_url: &'a str,
    /// The page language is right-to-left: the layout is mirrored.
    pub rtl: bool,
    pub labels: Labels<'a>,
}

/// Fixed words of the page, in the reader's language.
pub struct Labels<'a> {
    /// BCP 47 language tag of the page (e.g. "en", "ar"), stored in the PDF metadata.
    pub lang: &'a str,
    pub awarded_to: &'a str,
    pub course: &'a str,
    pub trainer: &'a str,
    pub issued_on: &'a str,
    pub verification_code: &'a str,
    pub scan_to_verify: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("an embedded font could not be parsed")]
    Font,
    #[error("the verification URL does not fit in a QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    /// krilla's error as text, so this enum stays `Send + Sync + 'static`.
    #[error("PDF generation failed: {0}")]
    Pdf(String),
}

/// Renders the certificate; returns the PDF bytes.
pub fn render(view: &CertificateView) -> Result<Vec<u8>, CertificateError> {
    let fonts = FONTS.as_ref().ok_or(CertificateError::Font)?;
    // Encode first: an oversized URL is the one input that can fail.
    let qr = QrCode::new(view.verify_url.as_bytes())?;

    let mut document = Document::new();
    document.set_metadata(metadata(view));
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(pdf_err("page size"))?;
    let mut page = document.start_page_with(settings);
    let qr_box = {
        let mut canvas = Canvas {
            surface: page.surface(),
            fonts,
            rtl: view.rtl,
        };
        let qr_box = draw_page(&mut canvas, view, &qr);
        canvas.surface.finish();
        qr_box
    };
    // Make the QR code clickable too, for people reading the PDF on screen.
    if let Some(qr_box) = qr_box.filter(|_| !view.verify_url.is_empty()) {
        let link = LinkAnnotation::new(
            qr_box,
            Target::Action(LinkAction::new(view.verify_url.to_owned()).into()),
        );
        page.add_annotation(Annotation::new_link(
            link,
            Some(view.labels.scan_to_verify.to_owned()),
        ));
    }
    page.finish();
    document.finish().map_err(|e| pdf_err(&e.to_string()))
}

fn pdf_err(what: &str) -> CertificateError {
    CertificateError::Pdf(what.to_owned())
}

fn metadata(view: &CertificateView) -> Metadata {
    let title = [view.title, view.learner_name]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" – ");
    let mut meta = Metadata::new()
        .title(title)
        .creator("CourseWorx".to_owned())
        .text_direction(if view.rtl {
            metadata::TextDirection::RightToLeft
        } else {
            metadata::TextDirection::LeftToRight
        });
    if !view.labels.lang.is_empty() {
        meta = meta.language(view.labels.lang.to_owned());
    }
    meta
}

// ---------------------------------------------------------------------------
// Page design (left-to-right coordinates, points, origin top-left, y down)
// ---------------------------------------------------------------------------

/// A4 landscape.
const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
const CX: f32 = PAGE_W / 2.0;

/// Colours as plain tuples: krilla's `rgb::Color::new` is not `const`.
type Rgb = (u8, u8, u8);

const NAVY: Rgb = (0x1c, 0x2e, 0x4a);
const GOLD: Rgb = (0xb0, 0x8d, 0x57);
const INK: Rgb = (0x33, 0x33, 0x33);
const GREY: Rgb = (0x6b, 0x6b, 0x6b);
const PAPER: Rgb = (0xfc, 0xf9, 0xf2);
const WHITE: Rgb = (0xff, 0xff, 0xff);
const BLACK: Rgb = (0, 0, 0);

/// 112 pt ≈ 3.95 cm including the quiet zone: scans reliably from paper.
const QR_SIZE: f32 = 112.0;
const QR_RIGHT: f32 = PAGE_W - 58.0;
const QR_TOP: f32 = 400.0;

/// Draws everything; returns the QR code's box (page coordinates, mirrored).
fn draw_page(c: &mut Canvas, v: &CertificateView, qr: &QrCode) -> Option<Rect> {
    c.rect(0.0, 0.0, PAGE_W, PAGE_H, Paint::Fill(PAPER));
    c.rect(
        24.0,
        24.0,
        PAGE_W - 48.0,
        PAGE_H - 48.0,
        Paint::Stroke(NAVY, 5.0),
    );
    c.rect(
        34.0,
        34.0,
        PAGE_W - 68.0,
        PAGE_H - 68.0,
        Paint::Stroke(GOLD, 1.2),
    );
    c.rect(
        38.0,
        38.0,
        PAGE_W - 76.0,
        PAGE_H - 76.0,
        Paint::Stroke(GOLD, 0.5),
    );
    for x in [34.0, PAGE_W - 34.0] {
        for y in [34.0, PAGE_H - 34.0] {
            c.diamond(x, y, 7.0, GOLD);
        }
    }

    let title = Style::bold(32.0, NAVY);
    c.text(v.title, title, CX, 122.0, 640.0, Align::Center);
    // A small ornament under the title.
    c.rect(CX - 95.0, 142.0, 85.0, 0.8, Paint::Fill(GOLD));
    c.rect(CX + 10.0, 142.0, 85.0, 0.8, Paint::Fill(GOLD));
    c.diamond(CX, 142.4, 4.0, GOLD);

    let label = Style::regular(14.0, GREY);
    c.text(v.labels.awarded_to, label, CX, 188.0, 600.0, Align::Center);
    let name = Style::bold(44.0, NAVY).data();
    c.text(v.learner_name, name, CX, 244.0, 660.0, Align::Center);
    // Low enough to clear the deep descenders of Naskh (e.g. final ي).
    c.rect(CX - 190.0, 274.0, 380.0, 0.8, Paint::Fill(GOLD));

    let body = Style::regular(14.0, INK);
    c.paragraph(v.body, body, CX, 302.0, 600.0, 3);

    let small_label = Style::regular(11.0, GREY);
    c.text(
        v.labels.course,
        small_label,
        CX,
        366.0,
        400.0,
        Align::Center,
    );
    let course = Style::bold(24.0, NAVY).data();
    // Narrow enough to never reach the QR code below-right.
    c.text(v.course_title, course, CX, 393.0, 500.0, Align::Center);

    // Signature-style columns: value above a rule, label below.
    let value = Style::bold(15.0, INK).data();
    for (x, text, caption) in [
        (200.0, v.trainer_name, v.labels.trainer),
        (440.0, v.issued_on, v.labels.issued_on),
    ] {
        c.text(text, value, x, 478.0, 200.0, Align::Center);
        c.rect(x - 95.0, 486.0, 190.0, 0.6, Paint::Fill(GREY));
        c.text(caption, small_label, x, 502.0, 200.0, Align::Center);
    }

    // QR code in the bottom corner (bottom-left when mirrored).
    let qr_box = c.qr(qr, QR_RIGHT - QR_SIZE, QR_TOP, QR_SIZE);
    let tiny = Style::regular(8.5, GREY);
    let qr_cx = QR_RIGHT - QR_SIZE / 2.0;
    c.text(
        v.labels.scan_to_verify,
        tiny,
        qr_cx,
        524.0,
        160.0,
        Align::Center,
    );
    let code_line = match (v.labels.verification_code, v.code) {
        ("", code) => code.to_owned(),
        (label, "") => label.to_owned(),
        (label, code) => format!("{label}: {code}"),
    };
    let code_style = Style::regular(8.5, INK);
    c.text(&code_line, code_style, QR_RIGHT, 543.0, 330.0, Align::End);
    qr_box
}

// ---------------------------------------------------------------------------
// Drawing with mirroring
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    color: Rgb,
    /// Learner-supplied data takes its base direction from its first strong
    /// letter (like HTML's `<bdi>`), so "Ada Lovelace, Jr." keeps its final
    /// period on an Arabic page. Page-language text uses the page direction.
    own_direction: bool,
}

impl Style {
    fn regular(size: f32, color: Rgb) -> Self {
        Self {
            size,
            bold: false,
            color,
            own_direction: false,
        }
    }
    fn bold(size: f32, color: Rgb) -> Self {
        Self {
            size,
            bold: true,
            color,
            own_direction: false,
        }
    }
    fn data(self) -> Self {
        Self {
            own_direction: true,
            ..self
        }
    }
}

/// Horizontal alignment in left-to-right terms; mirrored on RTL pages.
#[derive(Clone, Copy, PartialEq)]
enum Align {
    Start,
    Center,
    End,
}

enum Paint {
    Fill(Rgb),
    Stroke(Rgb, f32),
}

struct Canvas<'s> {
    surface: Surface<'s>,
    fonts: &'static Fonts,
    rtl: bool,
}

impl Canvas<'_> {
    /// Bidi paragraph level for `style`; `None` lets the text decide.
    fn base(&self, style: Style) -> Option<Level> {
        match (style.own_direction, self.rtl) {
            (true, _) => None,
            (false, true) => Some(Level::rtl()),
            (false, false) => Some(Level::ltr()),
        }
    }

    /// Mirrors a left edge of something `w` wide.
    fn mirror_x(&self, x: f32, w: f32) -> f32 {
        if self.rtl { PAGE_W - x - w } else { x }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, paint: Paint) {
        let x = self.mirror_x(x, w);
        let Some(rect) = Rect::from_xywh(x, y, w, h) else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.push_rect(rect);
        self.draw_path(pb, paint);
    }

    /// A square standing on its corner, centred on (x, y).
    fn diamond(&mut self, x: f32, y: f32, r: f32, color: Rgb) {
        let x = self.mirror_x(x, 0.0);
        let mut pb = PathBuilder::new();
        pb.move_to(x, y - r);
        pb.line_to(x + r, y);
        pb.line_to(x, y + r);
        pb.line_to(x - r, y);
        pb.close();
        self.draw_path(pb, Paint::Fill(color));
    }

    fn draw_path(&mut self, pb: PathBuilder, paint: Paint) {
        let Some(path) = pb.finish() else { return };
        match paint {
            Paint::Fill(color) => {
                self.surface.set_stroke(None);
                self.surface.set_fill(Some(fill(color)));
            }
            Paint::Stroke(color, width) => {
                self.surface.set_fill(None);
                self.surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(color.0, color.1, color.2).into(),
                    width,
                    ..Default::default()
                }));
            }
        }
        self.surface.draw_path(&path);
    }

    /// Draws the QR matrix as black squares on a white square with a 4-module
    /// quiet zone. The code itself is never mirrored, only its position.
    fn qr(&mut self, qr: &QrCode, left: f32, y: f32, size: f32) -> Option<Rect> {
        self.rect(left, y, size, size, Paint::Fill(WHITE));
        let x = self.mirror_x(left, size);
        let n = qr.width();
        let module = size / (n + 8) as f32;
        let colors = qr.to_colors();
        let mut pb = PathBuilder::new();
        for (row, line) in colors.chunks(n).enumerate() {
            // One rect per horizontal run of dark modules: fewer paths and no
            // anti-aliasing seams between neighbouring modules.
            let mut col = 0;
            while col < n {
                let start = col;
                while col < n && line[col] == Color::Dark {
                    col += 1;
                }
                if col > start {
                    let rx = x + (4 + start) as f32 * module;
                    let ry = y + (4 + row) as f32 * module;
                    if let Some(r) = Rect::from_xywh(rx, ry, (col - start) as f32 * module, module)
                    {
                        pb.push_rect(r);
                    }
                }
                col += 1;
            }
        }
        self.draw_path(pb, Paint::Fill(BLACK));
        Rect::from_xywh(x, y, size, size)
    }

    /// One line of text, shrunk if needed to fit `max_width`.
    fn text(&mut self, text: &str, style: Style, x: f32, baseline: f32, max_width: f32, a: Align) {
        let (line, size) = self.fit_line(&clean(text, MAX_LINE_CHARS), style, max_width);
        self.draw_line(&line, Style { size, ..style }, x, baseline, a);
    }

    /// Lays out one line, shrunk to fit `max_w` but not below about a third
    /// of the intended size (so it stays legible); whatever still does not fit
    /// is cut with "…". Returns the line and the font size to draw it at.
    fn fit_line(&self, text: &str, style: Style, max_w: f32) -> (Line, f32) {
        let layout = |t: &str| layout_line(self.fonts, t, self.base(style), style.bold);
        let line = layout(text);
        // Widths are per point of font size, so fitting is a single division.
        let fitting = max_w / line.width.max(f32::EPSILON);
        let min = (style.size * 0.35).clamp(6.0_f32.min(style.size), style.size);
        if fitting >= min {
            return (line, fitting.min(style.size));
        }
        // Bisect for the longest prefix (in chars) that fits at `min`.
        let cut = |n: usize| {
            let prefix = text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i]);
            format!("{}…", prefix.trim_end())
        };
        let (mut fits, mut too_long) = (0, text.chars().count());
        while too_long - fits > 1 {
            let mid = (fits + too_long) / 2;
            if layout(&cut(mid)).width * min <= max_w {
                fits = mid;
            } else {
                too_long = mid;
            }
        }
        (layout(&cut(fits)), min)
    }

    fn draw_line(&mut self, line: &Line, style: Style, x: f32, y: f32, a: Align) {
        if line.runs.is_empty() {
            return;
        }
        let size = style.size;
        let width = line.width * size;
        let a = match (self.rtl, a) {
            (true, Align::Start) => Align::End,
            (true, Align::End) => Align::Start,
            (_, a) => a,
        };
        let x = self.mirror_x(x, 0.0);
        let mut pen = match a {
            Align::Start => x,
            Align::Center => x - width / 2.0,
            Align::End => x - width,
        };
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill(style.color)));
        for run in &line.runs {
            let dir = if run.rtl {
                TextDirection::RightToLeft
            } else {
                TextDirection::LeftToRight
            };
            let font = run.face.pdf.clone();
            let point = Point::from_xy(pen, y);
            self.surface
                .draw_text(point, font, size, &run.text, false, dir);
            pen += run.width * size;
        }
    }

    /// Centred, word-wrapped text of at most `max_lines` lines. The size steps
    /// down until the text fits; what still does not fit is cut with "…".
    fn paragraph(
        &mut self,
        text: &str,
        style: Style,
        cx: f32,
        top: f32,
        max_w: f32,
        max_lines: usize,
    ) {
        let text = clean_multiline(text, MAX_BODY_CHARS);
        let space = layout_line(self.fonts, " ", self.base(style), style.bold).width;
        let words: Vec<Vec<(&str, f32)>> = text
            .lines()
            .map(|l| {
                l.split_whitespace()
                    .map(|w| {
                        (
                            w,
                            layout_line(self.fonts, w, self.base(style), style.bold).width,
                        )
                    })
                    .collect()
            })
            .collect();
        let mut size = style.size;
        let mut lines = wrap(&words, space, max_w / size);
        while lines.len() > max_lines && size > style.size * 0.7 {
            size *= 0.92;
            lines = wrap(&words, space, max_w / size);
        }
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
        let style = Style { size, ..style };
        for (i, l) in lines.iter().enumerate() {
            let (line, size) = self.fit_line(l, style, max_w);
            let y = top + i as f32 * style.size * 1.45;
            self.draw_line(&line, Style { size, ..style }, cx, y, Align::Center);
        }
    }
}

fn fill((r, g, b): Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Default::default()
    }
}

/// Greedy word wrap on unit-size widths; one output line per word group.
/// Wrapping happens in logical order and each line is bidi-reordered on its
/// own afterwards, which is what UAX #9 prescribes for line breaking.
fn wrap(paragraphs: &[Vec<(&str, f32)>], space: f32, max_w: f32) -> Vec<String> {
    let mut out = Vec::new();
    for words in paragraphs {
        let mut line = String::new();
        let mut width = 0.0;
        for &(word, w) in words {
            if !line.is_empty() && width + space + w > max_w {
                out.push(std::mem::take(&mut line));
                width = 0.0;
            }
            if !line.is_empty() {
                line.push(' ');
                width += space;
            }
            line.push_str(word);
            width += w;
        }
        out.push(line);
    }
    out
}

/// Single-line text: controls and line/paragraph separators become spaces
/// (they would start a new bidi paragraph), and absurdly long input is cut so
/// the work per certificate stays bounded.
fn clean(text: &str, max_chars: usize) -> String {
    let mut s: String = text
        .chars()
        .take(max_chars)
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    if text.chars().nth(max_chars).is_some() {
        s.push('…');
    }
    s.trim().to_owned()
}

/// Far more than fits on a line, or in the body, even at the smallest size.
const MAX_LINE_CHARS: usize = 600;
const MAX_BODY_CHARS: usize = 2000;

/// Like [`clean`], but keeps line breaks; caps the whole text, not each line.
fn clean_multiline(text: &str, max_chars: usize) -> String {
    let capped: String = text.chars().take(max_chars).collect();
    capped
        .replace("\r\n", "\n")
        .split('\n')
        .map(|l| clean(l, max_chars))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------
// Fonts, script runs, bidi and shaping
// ---------------------------------------------------------------------------

struct Face {
    /// What krilla draws and embeds.
    pdf: Font,
    /// The same font for rustybuzz, to measure runs before drawing them.
    shaper: rustybuzz::Face<'static>,
    upem: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Self> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        Some(Self {
            pdf: Font::new(data.into(), 0)?,
            upem: shaper.units_per_em() as f32,
            shaper,
        })
    }
}

struct Fonts {
    latin: Face,
    latin_bold: Face,
    arabic: Face,
    arabic_bold: Face,
}

impl Fonts {
    fn pick(&self, arabic: bool, bold: bool) -> &Face {
        match (arabic, bold) {
            (false, false) => &self.latin,
            (false, true) => &self.latin_bold,
            (true, false) => &self.arabic,
            (true, true) => &self.arabic_bold,
        }
    }
}

/// Parsed once per process; krilla fonts are cheap to clone (an `Arc`).
static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    Some(Fonts {
        latin: Face::load(include_bytes!("../assets/fonts/NotoSerif-Regular.ttf"))?,
        latin_bold: Face::load(include_bytes!("../assets/fonts/NotoSerif-Bold.ttf"))?,
        arabic: Face::load(include_bytes!(
            "../assets/fonts/NotoNaskhArabic-Regular.ttf"
        ))?,
        arabic_bold: Face::load(include_bytes!("../assets/fonts/NotoNaskhArabic-Bold.ttf"))?,
    })
});

/// A piece of a line drawn with one font in one direction.
struct Run {
    text: String,
    face: &'static Face,
    rtl: bool,
    /// Advance width at a font size of 1 pt.
    width: f32,
}

/// Runs in visual (left-to-right) order.
struct Line {
    runs: Vec<Run>,
    width: f32,
}

/// `base` is the paragraph direction; `None` takes it from the first strong
/// letter (left-to-right if there is none).
fn layout_line(fonts: &'static Fonts, text: &str, base: Option<Level>, bold: bool) -> Line {
    let mut runs = Vec::new();
    if !text.is_empty() {
        let bidi = ParagraphBidiInfo::new(text, base);
        let (levels, level_runs) = bidi.visual_runs(0..text.len());
        for range in level_runs {
            let run_rtl = levels[range.start].is_rtl();
            let mut pieces = script_runs(fonts, &text[range.clone()], bold);
            // Inside an RTL level run, later text sits further left.
            if run_rtl {
                pieces.reverse();
            }
            for (sub, face) in pieces {
                let s = &text[range.start + sub.start..range.start + sub.end];
                runs.push(Run {
                    text: s.to_owned(),
                    face,
                    rtl: run_rtl,
                    width: advance(face, s, run_rtl),
                });
            }
        }
    }
    let width = runs.iter().map(|r| r.width).sum();
    Line { runs, width }
}

fn is_arabic(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Splits text of one bidi level into font runs (byte ranges, logical order).
/// Letters decide the font; digits, spaces and punctuation stay with the
/// preceding letter (or the first letter, at the start) so a phrase is not cut
/// at every space, unless the Arabic font lacks the glyph.
fn script_runs(
    fonts: &'static Fonts,
    text: &str,
    bold: bool,
) -> Vec<(Range<usize>, &'static Face)> {
    let letter = |c: char| c.is_alphabetic().then(|| is_arabic(c));
    let mut context = text.chars().find_map(letter).unwrap_or(false);
    let arabic_face = fonts.pick(true, bold);
    let mut runs: Vec<(Range<usize>, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let arabic = match letter(c) {
            Some(a) => {
                context = a;
                a
            }
            None => is_arabic(c) || (context && arabic_face.shaper.glyph_index(c).is_some()),
        };
        let end = i + c.len_utf8();
        match runs.last_mut() {
            Some((r, a)) if *a == arabic => r.end = end,
            _ => runs.push((i..end, arabic)),
        }
    }
    runs.into_iter()
        .map(|(r, a)| (r, fonts.pick(a, bold)))
        .collect()
}

/// Advance width at 1 pt, shaped exactly as krilla's `draw_text` will shape it
/// (same buffer setup, same font, same direction).
fn advance(face: &Face, text: &str, rtl: bool) -> f32 {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let glyphs = rustybuzz::shape(&face.shaper, &[], buffer);
    let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
    units as f32 / face.upem
}
