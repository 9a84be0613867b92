//! The design system's pagination component for a list page: a summary ("Showing 21–40 of
//! 172"), previous and next, the first and last page and the pages around the current one.

use crate::domain::pagination::Pagination;
use crate::web::page::Page;

/// What `templates/_pagination.html` draws.
#[derive(Debug, Clone)]
pub struct Pager {
    /// The `nav`'s id and accessible name.
    pub id: &'static str,
    pub label: String,
    pub summary: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Empty when everything fits on one page.
    pub links: Vec<PageLink>,
}

/// A page number, or a gap (`…`) between numbers.
#[derive(Debug, Clone)]
pub struct PageLink {
    pub href: String,
    /// The number in the page's digits.
    pub number: String,
    /// "Page 3", for screen readers.
    pub label: String,
    pub current: bool,
    pub gap: bool,
}

impl Pager {
    /// `shown` items of the current page; `href` gives the address of a page number.
    pub fn new(
        ctx: &Page,
        id: &'static str,
        label: String,
        pagination: &Pagination,
        shown: usize,
        href: impl Fn(u64) -> String,
    ) -> Pager {
        let current = pagination.current_page;
        let last = pagination.total_pages;
        // Saturating: the page number comes from the address and may be absurdly large.
        let from = (current - 1)
            .saturating_mul(pagination.items_per_page)
            .saturating_add(1);
        let to = from.saturating_add(shown as u64).saturating_sub(1);
        let summary = if shown == 0 {
            ctx.locale.t_args(
                "pagination-summary-none",
                &[("total", ctx.number(&pagination.total_items))],
            )
        } else {
            ctx.locale.t_args(
                "pagination-summary",
                &[
                    ("from", ctx.number(&from)),
                    ("to", ctx.number(&to)),
                    ("total", ctx.number(&pagination.total_items)),
                ],
            )
        };
        let mut links = Vec::new();
        if last > 1 {
            let mut numbers = vec![
                1,
                current.saturating_sub(1),
                current,
                current.saturating_add(1),
                last,
            ];
            numbers.retain(|n| (1..=last).contains(n));
            numbers.sort_unstable();
            numbers.dedup();
            let mut before = 0;
            for n in numbers {
                if n > before + 1 {
                    links.push(PageLink {
                        href: String::new(),
                        number: String::new(),
                        label: String::new(),
                        current: false,
                        gap: true,
                    });
                }
                links.push(PageLink {
                    href: href(n),
                    number: ctx.number(&n),
                    label: ctx.t1("pagination-page", "page", ctx.number(&n)),
                    current: n == current,
                    gap: false,
                });
                before = n;
            }
        }
        Pager {
            id,
            label,
            summary,
            previous: (current > 1 && last > 1).then(|| href((current - 1).min(last))),
            next: (current < last).then(|| href(current + 1)),
            links,
        }
    }
}
