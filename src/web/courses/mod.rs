//! The course pages, over `services::courses`: the catalogue (`catalogue`, `GET /courses`),
//! a course's landing page (`show`, `GET /courses/{id}`), and the trainer's side under
//! `/teach`: their course list (`teach`), the course form (`editor`), the cover upload
//! (`thumbnail`) and the confirmed actions publish, unpublish and delete (`actions`).
//!
//! Who may do what is the policy's (`policy::course`), asked by the services: a hidden
//! draft answers the 404 page, a course one may see but not change the 403 page.

pub mod actions;
pub mod catalogue;
pub mod cover;
pub mod editor;
mod outline_view;
pub mod show;
pub mod teach;
pub mod thumbnail;

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use uuid::Uuid;

use self::cover::Cover;
use crate::domain::course::{CourseCard, Price};
use crate::domain::policy::Actor;
use crate::services::auth::Authenticated;
use crate::web::page::Page;

fn actor(who: &Authenticated) -> Actor {
    Actor::from(&who.user)
}

/// The caller of a public page as the policy sees them. A user who must still change a
/// temporary password browses as a visitor, as on the API (`MaybeUser`).
fn viewer(ctx: &Page) -> Option<Actor> {
    ctx.viewer
        .as_ref()
        .filter(|v| !v.user.requires_password_change)
        .map(actor)
}

/// The address of a course's editor.
pub fn editor_path(id: Uuid) -> String {
    format!("/teach/courses/{id}")
}

/// A course as a card or a row shows it, worded for the page.
#[derive(Debug, Clone)]
pub struct CourseView {
    pub id: Uuid,
    pub title: String,
    pub short_description: Option<String>,
    pub trainer: String,
    pub level: String,
    pub category: Option<String>,
    pub duration: Option<String>,
    pub price: String,
    pub free: bool,
    /// The rating as shown ("4.5") and as read out ("Rated 4.5 out of 5").
    pub rating: Option<(String, String)>,
    /// "12 places left" or "Full", when the course has a cap.
    pub places: Option<String>,
    pub full: bool,
    /// "3 trainees enrolled".
    pub enrolments: String,
    pub published: bool,
    pub featured: bool,
    pub cover: Cover,
}

impl CourseView {
    pub fn new(ctx: &Page, card: &CourseCard, place: &str) -> CourseView {
        let places_left = card.places_left.map(|n| u64::try_from(n).unwrap_or(0));
        CourseView {
            id: card.id,
            title: card.title.clone(),
            short_description: card.short_description.clone(),
            trainer: format!("{} {}", card.trainer.first_name, card.trainer.last_name),
            level: ctx.label(&card.level),
            category: card.category.clone(),
            duration: card.duration.map(|m| duration(ctx, m)),
            price: price(ctx, card.price),
            free: card.price.0.is_zero(),
            rating: card.rating.map(|r| rating(ctx, r)),
            places: places_left.map(|n| match n {
                0 => ctx.t("course-full"),
                n => ctx.tn("course-places-left", &n),
            }),
            full: places_left == Some(0),
            enrolments: ctx.tn(
                "course-enrolments",
                &u64::try_from(card.enrollment_count).unwrap_or(0),
            ),
            published: card.is_published,
            featured: card.is_featured,
            cover: Cover::new(card.id, &card.title, card.thumbnail.as_deref(), place),
        }
    }
}

/// "Free" for 0, else the amount in the page's digits ("19.99", "١٩٫٩٩").
pub fn price(ctx: &Page, price: Price) -> String {
    if price.0.is_zero() {
        ctx.t("course-price-free")
    } else {
        ctx.locale.decimal(&price.to_string())
    }
}

/// Minutes as "45 min", "2 h" or "1 h 30 min".
pub fn duration(ctx: &Page, minutes: i32) -> String {
    let minutes = u64::try_from(minutes).unwrap_or(0);
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => ctx.t1("course-duration-minutes", "minutes", ctx.number(&m)),
        (h, 0) => ctx.t1("course-duration-hours", "hours", ctx.number(&h)),
        (h, m) => ctx.t2(
            "course-duration-hours-minutes",
            "hours",
            ctx.number(&h),
            "minutes",
            ctx.number(&m),
        ),
    }
}

/// A rating of 0 to 5 with one decimal: as shown, and as read out.
fn rating(ctx: &Page, rating: Decimal) -> (String, String) {
    let shown = ctx
        .locale
        .decimal(&rating.round_dp(1).normalize().to_string());
    let read = ctx.t1("course-rating-label", "value", &shown);
    (shown, read)
}

/// A course date in the page's language.
pub fn date(ctx: &Page, date: NaiveDate) -> String {
    ctx.date(&date.and_time(NaiveTime::MIN).and_utc())
}
