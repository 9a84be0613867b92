//! Charts drawn on the server as SVG: no script, no external files. Each chart is a
//! `<figure>` whose SVG is an image named by its title (`role="img"`, `<title>`,
//! `<desc>` with a sentence that says what it shows), with its numbers on the bars and in
//! a data table beside it (`templates/_charts.html`). The geometry is worked out here so
//! the template only places it.
//!
//! The drawing is 360 units wide: about one unit a pixel on a phone, and drawn larger
//! (to a cap in CSS) on wide screens. Colours come from the page's CSS classes, so they
//! follow the theme.

/// Width and height of the drawing, in SVG units.
const WIDTH: f32 = 360.0;
const HEIGHT: f32 = 190.0;
/// Room above the bars for their values, and below for their labels.
const TOP: f32 = 18.0;
const BOTTOM: f32 = 30.0;
const SIDE: f32 = 6.0;

/// One bar of a column chart, placed.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The label under the bar (may be empty when the bars are too many for every one)
    /// and in the table.
    pub label: String,
    pub axis_label: String,
    /// The value as the table and the bar's top say it ("12", "85%").
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// Where the label and the value are centred.
    pub middle: f32,
    /// Whether the value fits above the bar (few bars) or is left to the table.
    pub show_value: bool,
}

/// A column chart: bars side by side on a common scale from zero.
#[derive(Debug, Clone)]
pub struct ColumnChart {
    /// A unique prefix for the figure's element ids.
    pub id: String,
    pub title: String,
    /// The text alternative: what the chart shows, in a sentence.
    pub summary: String,
    /// The table's column heads: what the bars are, and what they count.
    pub label_head: String,
    pub value_head: String,
    pub bars: Vec<Bar>,
    /// The baseline's height in the drawing.
    pub baseline: f32,
    pub width: f32,
    pub height: f32,
    /// Nothing to show yet (every value zero): the template says so instead.
    pub empty: bool,
}

/// A value to chart: its label and its number (with how to say it).
#[derive(Debug, Clone)]
pub struct Point {
    pub label: String,
    pub value: f64,
    pub text: String,
}

impl ColumnChart {
    /// Lays `points` out on a scale from zero to the largest (or `max`, for percentages).
    /// When the bars are too narrow for every label, every second (or third) is labelled
    /// on the axis, counted back from the last (the table lists them all).
    pub fn new(
        id: &str,
        title: String,
        summary: String,
        heads: (String, String),
        points: Vec<Point>,
        max: Option<f64>,
    ) -> ColumnChart {
        let n = points.len().max(1) as f32;
        let top = max
            .unwrap_or_else(|| points.iter().map(|p| p.value).fold(0.0, f64::max))
            .max(f64::MIN_POSITIVE);
        let slot = (WIDTH - 2.0 * SIDE) / n;
        let gap = (slot * 0.25).clamp(2.0, 12.0);
        let plot = HEIGHT - TOP - BOTTOM;
        let baseline = HEIGHT - BOTTOM;
        // Axis labels of about 6 characters need ~40 units each.
        let every = ((40.0 / slot).ceil() as usize).max(1);
        let show_values = slot >= 26.0;
        let empty = points.iter().all(|p| p.value <= 0.0);
        let bars = points
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let height = ((p.value.max(0.0) / top) as f32 * plot).min(plot);
                // A zero still leaves a hairline on the axis, so the slot reads as "none".
                let height = height.max(if p.value > 0.0 { 2.0 } else { 1.0 });
                // A few bars stay bars, not slabs: at most 56 units wide, centred in
                // their slot.
                let width = (slot - gap).min(56.0);
                let x = SIDE + slot * i as f32 + (slot - width) / 2.0;
                // Counted from the last bar (the latest week), so it always has its label.
                let labelled = (n as usize - 1 - i).is_multiple_of(every);
                Bar {
                    axis_label: if labelled {
                        p.label.clone()
                    } else {
                        String::new()
                    },
                    label: p.label,
                    text: p.text,
                    x: round(x),
                    y: round(baseline - height),
                    width: round(width),
                    height: round(height),
                    middle: round(x + width / 2.0),
                    // Zeros are left to the table: a row of "0"s only hides the few that matter.
                    show_value: show_values && p.value > 0.0,
                }
            })
            .collect();
        ColumnChart {
            id: id.to_owned(),
            title,
            summary,
            label_head: heads.0,
            value_head: heads.1,
            bars,
            baseline,
            width: WIDTH,
            height: HEIGHT,
            empty,
        }
    }
}

/// A ring that fills to a percentage (completion, attendance).
#[derive(Debug, Clone)]
pub struct Ring {
    pub id: String,
    pub title: String,
    /// "75%", or "—" when there is nothing to measure yet.
    pub text: String,
    /// The sentence read instead of the picture.
    pub summary: String,
    /// The filled arc's length and the circle's circumference, for `stroke-dasharray`.
    pub filled: f32,
    pub circumference: f32,
}

/// The ring's radius in its 120-unit box.
const RING_RADIUS: f32 = 48.0;

impl Ring {
    pub fn new(
        id: &str,
        title: String,
        percent: Option<f64>,
        text: String,
        summary: String,
    ) -> Ring {
        let circumference = 2.0 * std::f32::consts::PI * RING_RADIUS;
        let share = percent.unwrap_or(0.0).clamp(0.0, 100.0) as f32 / 100.0;
        Ring {
            id: id.to_owned(),
            title,
            text,
            summary,
            filled: round(circumference * share),
            circumference: round(circumference),
        }
    }
}

fn round(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(values: &[f64]) -> Vec<Point> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Point {
                label: format!("w{i}"),
                value: *v,
                text: v.to_string(),
            })
            .collect()
    }

    fn chart(values: &[f64], max: Option<f64>) -> ColumnChart {
        ColumnChart::new(
            "c",
            "t".into(),
            "s".into(),
            ("a".into(), "b".into()),
            points(values),
            max,
        )
    }

    #[test]
    fn the_largest_bar_fills_the_plot_and_the_others_scale_from_zero() {
        let c = chart(&[10.0, 5.0, 0.0], None);
        let plot = HEIGHT - TOP - BOTTOM;
        assert_eq!(c.bars[0].height, round(plot));
        assert_eq!(c.bars[1].height, round(plot / 2.0));
        // A zero is a hairline on the axis, and every bar stands on it.
        assert_eq!(c.bars[2].height, 1.0);
        for b in &c.bars {
            assert!((b.y + b.height - c.baseline).abs() < 0.2);
        }
        assert!(!c.empty);
        assert!(chart(&[0.0, 0.0], None).empty);
    }

    #[test]
    fn percentages_scale_to_a_hundred_and_bars_stay_inside_the_drawing() {
        let c = chart(&[50.0], Some(100.0));
        assert_eq!(c.bars[0].height, round((HEIGHT - TOP - BOTTOM) / 2.0));
        let many = chart(&[1.0; 12], None);
        let last = many.bars.last().unwrap();
        assert!(last.x + last.width <= WIDTH);
        // Twelve bars are too narrow for every axis label: every other one, the last
        // always, and never two side by side.
        assert!(!last.axis_label.is_empty());
        assert!(many.bars[10].axis_label.is_empty());
        assert!(
            many.bars
                .windows(2)
                .all(|w| w[0].axis_label.is_empty() || w[1].axis_label.is_empty())
        );
    }

    #[test]
    fn a_ring_fills_its_share_of_the_circle() {
        let r = Ring::new("r", "t".into(), Some(25.0), "25%".into(), "s".into());
        assert!((r.filled - r.circumference / 4.0).abs() < 0.2);
        let none = Ring::new("r", "t".into(), None, "—".into(), "s".into());
        assert_eq!(none.filled, 0.0);
    }
}
