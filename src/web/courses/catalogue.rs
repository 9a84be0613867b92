//! `GET /courses`: the catalogue. A search box, filters (category, level, price, featured)
//! in the form and as one-tap chips, a sort, a card grid and pages, all as links and a
//! `GET` form, so it works without JavaScript. Trainers and super admins also get "My
//! courses" (`?mine=true`), their own courses published or not.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use super::CourseView;
use crate::domain::course::{CatalogueFilter, CatalogueParams, CatalogueSort, Level, parse_price};
use crate::domain::pagination::PageRequest;
use crate::domain::user::Role;
use crate::error::AppError;
use crate::services::courses;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::form::Choice;
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;

/// Cards per page: four rows of three on a desktop.
pub const PAGE_SIZE: u64 = 12;

/// At most this many categories are offered as chips (all of them stay in the menu).
const CATEGORY_CHIPS: usize = 8;

/// The catalogue's query string, as the filter form and the chips write it (the API's
/// names). A value that cannot be read is dropped: a hand-edited address shows the
/// catalogue without that filter, not an error.
#[derive(Debug, Clone, Default, PartialEq)]
struct Query {
    search: String,
    category: String,
    level: Option<Level>,
    /// Valid prices as typed, or empty.
    min_price: String,
    max_price: String,
    featured: bool,
    /// A valid sort as written (`-price`), or empty for the default (newest).
    sort: String,
    page: Option<u64>,
    mine: bool,
}

fn price_or_empty(raw: &str) -> String {
    let raw = raw.trim();
    match parse_price(&serde_json::Value::String(raw.to_owned())) {
        Some(_) => raw.to_owned(),
        None => String::new(),
    }
}

impl Query {
    fn parse(uri: &Uri) -> Query {
        let mut q = Query::default();
        let pairs = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes());
        for (name, value) in pairs {
            // NUL cannot be stored or searched for on PostgreSQL: drop it.
            let value = value.replace('\0', "");
            let value = value.trim();
            match name.as_ref() {
                "search" => q.search = value.to_owned(),
                "category" => q.category = value.to_owned(),
                "level" => q.level = Level::parse(value),
                "minPrice" => q.min_price = price_or_empty(value),
                "maxPrice" => q.max_price = price_or_empty(value),
                "featured" => q.featured = value == "true",
                "sort" if CatalogueSort::parse(Some(value)).is_ok() => q.sort = value.to_owned(),
                "page" => q.page = value.parse().ok(),
                "mine" => q.mine = value == "true",
                _ => {}
            }
        }
        q
    }

    fn filtered(&self) -> bool {
        !self.search.is_empty()
            || !self.category.is_empty()
            || self.level.is_some()
            || !self.min_price.is_empty()
            || !self.max_price.is_empty()
            || self.featured
    }

    /// Whether a filter or sort kept under "Filters and sort" is set (the section then
    /// starts open).
    fn more_filters(&self) -> bool {
        !self.sort.is_empty()
            || !self.category.is_empty()
            || self.level.is_some()
            || !self.min_price.is_empty()
            || !self.max_price.is_empty()
            || self.featured
    }

    /// Only courses that cost nothing (the "Free" chip).
    fn free_only(&self) -> bool {
        self.min_price.is_empty()
            && parse_price(&serde_json::Value::String(self.max_price.clone()))
                .is_some_and(|p| p.is_zero())
    }

    /// This catalogue at page `page` (the first page when `None`).
    fn href(&self, page: Option<u64>) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if self.mine {
            query.append_pair("mine", "true");
        }
        for (name, value) in [
            ("search", &self.search),
            ("category", &self.category),
            ("minPrice", &self.min_price),
            ("maxPrice", &self.max_price),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        if let Some(level) = self.level {
            query.append_pair("level", level.as_str());
        }
        if self.featured {
            query.append_pair("featured", "true");
        }
        if let Some(page) = page {
            query.append_pair("page", &page.to_string());
        }
        let query = query.finish();
        if query.is_empty() {
            "/courses".to_owned()
        } else {
            format!("/courses?{query}")
        }
    }

    /// The first page of this catalogue changed by `change` (a chip's target).
    fn with(&self, change: impl FnOnce(&mut Query)) -> String {
        let mut next = self.clone();
        change(&mut next);
        next.href(None)
    }

    fn filter(&self) -> Result<CatalogueFilter, AppError> {
        let params = CatalogueParams {
            search: Some(&self.search),
            category: Some(&self.category),
            level: self.level.map(Level::as_str),
            featured: self.featured.then_some(true),
            min_price: Some(&self.min_price),
            max_price: Some(&self.max_price),
            ..CatalogueParams::default()
        };
        CatalogueFilter::parse(&params).map_err(AppError::Validation)
    }
}

/// A one-tap filter: a link that turns its filter on, or off again.
#[derive(Debug, Clone)]
pub struct Chip {
    pub label: String,
    pub href: String,
    pub on: bool,
    /// Categories are typed by trainers, in either language.
    pub auto_dir: bool,
}

fn chips(ctx: &Page, q: &Query, categories: &[String]) -> Vec<Chip> {
    let chip = |label: String, on: bool, href: String| Chip {
        label,
        href,
        on,
        auto_dir: false,
    };
    let mut chips = vec![
        chip(
            ctx.t("catalogue-chip-featured"),
            q.featured,
            q.with(|n| n.featured = !n.featured),
        ),
        chip(
            ctx.t("course-price-free"),
            q.free_only(),
            q.with(|n| {
                if n.free_only() {
                    n.max_price.clear();
                } else {
                    n.min_price.clear();
                    n.max_price = "0".to_owned();
                }
            }),
        ),
    ];
    for level in Level::ALL {
        let on = q.level == Some(level);
        chips.push(chip(
            ctx.label(&level),
            on,
            q.with(|n| n.level = (!on).then_some(level)),
        ));
    }
    for category in categories.iter().take(CATEGORY_CHIPS) {
        let on = q.category == *category;
        chips.push(Chip {
            auto_dir: true,
            ..chip(
                category.clone(),
                on,
                q.with(|n| n.category = if on { String::new() } else { category.clone() }),
            )
        });
    }
    chips
}

fn sort_choices(ctx: &Page) -> Vec<Choice> {
    let choice = |value: &'static str, label: String| Choice { value, label };
    vec![
        choice("", ctx.t("catalogue-sort-newest")),
        choice("popularity", ctx.t("catalogue-sort-popularity")),
        choice("rating", ctx.t("catalogue-sort-rating")),
        choice("title", ctx.t("catalogue-sort-title")),
        choice("price", ctx.t("catalogue-sort-price")),
        choice("-price", ctx.t("catalogue-sort-price-desc")),
    ]
}

fn level_choices(ctx: &Page) -> Vec<Choice> {
    Level::ALL
        .into_iter()
        .map(|level| Choice {
            value: level.as_str(),
            label: ctx.label(&level),
        })
        .collect()
}

/// The "All courses" / "My courses" tabs of trainers and super admins.
#[derive(Debug, Clone)]
pub struct Tab {
    pub label: String,
    pub href: &'static str,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "courses/catalogue.html")]
struct CataloguePage {
    ctx: Page,
    courses: Vec<CourseView>,
    pager: Pager,
    title: String,
    tabs: Vec<Tab>,
    /// The form's values.
    search: String,
    category: String,
    level: &'static str,
    min_price: String,
    max_price: String,
    featured: bool,
    sort: String,
    mine: bool,
    categories: std::sync::Arc<Vec<String>>,
    levels: Vec<Choice>,
    sorts: Vec<Choice>,
    chips: Vec<Chip>,
    filtered: bool,
    more_open: bool,
    /// "All courses" without the filters (the same tab).
    clear_href: String,
    /// The viewer may create courses (the empty state offers it).
    can_create: bool,
    /// "12 courses", or "No course" (a heading for the results).
    found: String,
    /// The page asked for is past the last one: the last page's address and number.
    past_last: Option<(String, String)>,
}

/// `GET /courses` (anyone): published courses; a super admin sees drafts too, marked; a
/// trainer's or super admin's own with `?mine=true`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    uri: Uri,
) -> Result<Response, PageError> {
    let actor = super::viewer(&ctx);
    let teaches = actor.is_some_and(|a| matches!(a.role, Role::Trainer | Role::SuperAdmin));
    let mut query = Query::parse(&uri);
    query.mine &= teaches;
    let filter = query.filter()?;
    let sort = CatalogueSort::parse(Some(&query.sort)).map_err(AppError::Validation)?;
    let request = PageRequest::new(query.page, Some(PAGE_SIZE));
    let found =
        courses::catalogue(&state, actor.as_ref(), query.mine, &filter, sort, request).await?;
    let categories = courses::categories(&state, actor.as_ref()).await?;
    let pagination = found.pagination;
    let past_last = (found.items.is_empty()
        && pagination.total_items > 0
        && pagination.current_page > pagination.total_pages)
        .then(|| {
            let last = pagination.total_pages.max(1);
            (query.href(Some(last)), ctx.number(&last))
        });
    let pager = Pager::new(
        &ctx,
        "course-pagination",
        ctx.t("catalogue-pagination-label"),
        &pagination,
        found.items.len(),
        |n| query.href(Some(n)),
    );
    let tabs = if teaches {
        vec![
            Tab {
                label: ctx.t("catalogue-tab-all"),
                href: "/courses",
                current: !query.mine,
            },
            Tab {
                label: ctx.t("catalogue-tab-mine"),
                href: "/courses?mine=true",
                current: query.mine,
            },
        ]
    } else {
        Vec::new()
    };
    let courses = found
        .items
        .iter()
        .map(|card| CourseView::new(&ctx, card, "card"))
        .collect();
    let page = CataloguePage {
        courses,
        pager,
        title: if query.mine {
            ctx.t("catalogue-tab-mine")
        } else {
            ctx.t("catalogue-title")
        },
        tabs,
        search: query.search.clone(),
        category: query.category.clone(),
        level: query.level.map_or("", Level::as_str),
        min_price: query.min_price.clone(),
        max_price: query.max_price.clone(),
        featured: query.featured,
        sort: query.sort.clone(),
        mine: query.mine,
        levels: level_choices(&ctx),
        sorts: sort_choices(&ctx),
        chips: chips(&ctx, &query, &categories),
        categories,
        filtered: query.filtered(),
        more_open: query.more_filters(),
        clear_href: Query {
            mine: query.mine,
            ..Query::default()
        }
        .href(None),
        can_create: teaches,
        found: ctx.tn("catalogue-found", &pagination.total_items),
        past_last,
        ctx,
    };
    page::render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_keeps_what_it_can_read() {
        let uri: Uri = "/courses?search=fire%20safety&category=Health&level=advanced&minPrice=5&maxPrice=x&featured=true&sort=-price&page=3&mine=true"
            .parse()
            .unwrap();
        let q = Query::parse(&uri);
        assert_eq!(q.search, "fire safety");
        assert_eq!(q.level, Some(Level::Advanced));
        assert_eq!((q.min_price.as_str(), q.max_price.as_str()), ("5", ""));
        assert!(q.featured && q.mine && q.filtered() && q.more_filters());
        assert_eq!(
            q.href(Some(4)),
            "/courses?mine=true&search=fire+safety&category=Health&minPrice=5&sort=-price&level=advanced&featured=true&page=4"
        );

        let q = Query::parse(&"/courses?level=guru&sort=password&page=x".parse().unwrap());
        assert_eq!(q, Query::default());
        assert_eq!(q.href(None), "/courses");
    }

    #[test]
    fn chips_turn_their_filter_on_and_off() {
        let q = Query::parse(&"/courses?search=rust&page=2".parse().unwrap());
        let free = q.with(|n| n.max_price = "0".to_owned());
        assert_eq!(free, "/courses?search=rust&maxPrice=0");
        let q = Query::parse(&free.parse().unwrap());
        assert!(q.free_only());
        let q = Query::parse(&"/courses?maxPrice=0.00".parse().unwrap());
        assert!(q.free_only());
        let q = Query::parse(&"/courses?minPrice=1&maxPrice=0".parse().unwrap());
        assert!(!q.free_only());
    }
}
