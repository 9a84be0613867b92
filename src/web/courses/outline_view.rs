//! The outline as the course's landing page shows it: each published section with its
//! lesson count and total time, then its lessons (type, title, time). The tree is the
//! learner's (`services::outline::outline`): no drafts, no answers.

use crate::domain::content::OutlineSection;
use crate::web::page::Page;

pub struct OutlineItemView {
    pub title: String,
    /// The type, worded.
    pub kind: String,
    /// The type's icon name in the template (`video`, `document`, ...).
    pub icon: &'static str,
    pub duration: Option<String>,
}

pub struct OutlineSectionView {
    /// None for the lessons of no section.
    pub title: Option<String>,
    /// "3 lessons · 25 min".
    pub summary: String,
    pub items: Vec<OutlineItemView>,
}

/// Seconds as whole minutes, rounded up (a 20-second clip is "1 min").
fn minutes(seconds: i32) -> i32 {
    (seconds.max(0) + 59) / 60
}

pub fn outline_view(ctx: &Page, tree: &[OutlineSection]) -> Vec<OutlineSectionView> {
    tree.iter()
        .map(|s| {
            let total: i32 = s
                .contents
                .iter()
                .filter_map(|c| c.duration)
                .map(minutes)
                .sum();
            let mut summary = ctx.tn("landing-lessons", &(s.contents.len() as u64));
            if total > 0 {
                summary = format!("{summary} · {}", super::duration(ctx, total));
            }
            OutlineSectionView {
                title: s.title.clone(),
                summary,
                items: s
                    .contents
                    .iter()
                    .map(|c| OutlineItemView {
                        title: c.title.clone(),
                        kind: crate::web::outline::kind_label(ctx, c.kind),
                        icon: c.kind.as_str(),
                        duration: c
                            .duration
                            .filter(|d| *d > 0)
                            .map(|d| super::duration(ctx, minutes(d))),
                    })
                    .collect(),
            }
        })
        .collect()
}
