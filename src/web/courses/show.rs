//! `GET /courses/{id}`: a course's landing page. A hero with the cover, title, trainer and
//! key facts; what one will learn, the outline (published sections and lessons), the
//! requirements and the description. An unpublished
//! course is the 404 page to all but its trainer and super admins, who see it marked as a
//! draft with a link to its editor.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use super::{CourseView, cover::Cover};
use crate::domain::course::{Course, CourseCard};
use crate::domain::policy::Actor;
use crate::domain::user::Role;
use crate::services::courses;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::form::Path;
use crate::web::page::{self, Page};

/// One key fact of the hero: a label and its value.
#[derive(Debug, Clone)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "courses/show.html")]
struct ShowPage {
    ctx: Page,
    course: CourseView,
    cover: Cover,
    category: Option<String>,
    facts: Vec<Fact>,
    outcomes: Vec<String>,
    requirements: Vec<String>,
    /// Paragraphs, each a list of lines.
    description: Vec<Vec<String>>,
    /// The viewer is the course's trainer or a super admin.
    manages: bool,
    /// The learner's outline: published sections and lessons.
    outline: Vec<super::outline_view::OutlineSectionView>,
    /// The one call to action: enrol, join the waitlist, continue, or completed.
    cta: crate::web::learning::enrol::Cta,
}

/// Lines of a list typed as text: one item per line, a typed bullet ("- ", "* ", "• ")
/// left out.
fn items(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default()
        .lines()
        .map(|line| {
            let line = line.trim();
            line.strip_prefix(['-', '*', '•', '–'])
                .map_or(line, str::trim_start)
                .to_owned()
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// Paragraphs (split at blank lines), each as its lines.
fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_owned());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn manages(actor: Option<&Actor>, course: &Course) -> bool {
    actor.is_some_and(|a| a.role == Role::SuperAdmin || a.id == course.trainer_id)
}

fn facts(ctx: &Page, course: &Course, view: &CourseView) -> Vec<Fact> {
    let fact = |label: &str, value: String| Fact {
        label: ctx.t(label),
        value,
    };
    let mut facts = vec![fact("course-level", view.level.clone())];
    if let Some(duration) = &view.duration {
        facts.push(fact("course-duration", duration.clone()));
    }
    let dates = match (course.start_date, course.end_date) {
        (Some(start), Some(end)) => Some(ctx.t2(
            "course-dates-range",
            "from",
            super::date(ctx, start),
            "to",
            super::date(ctx, end),
        )),
        (Some(start), None) => Some(ctx.t1("course-dates-from", "date", super::date(ctx, start))),
        (None, Some(end)) => Some(ctx.t1("course-dates-until", "date", super::date(ctx, end))),
        (None, None) => None,
    };
    if let Some(dates) = dates {
        facts.push(fact("course-dates", dates));
    }
    if let Some(places) = &view.places {
        facts.push(fact("course-places", places.clone()));
    }
    facts.push(fact("course-price", view.price.clone()));
    if let Some((_, read)) = &view.rating {
        facts.push(fact("course-rating", read.clone()));
    }
    facts
}

/// `GET /courses/{id}` (anyone, for a published course; its trainer and super admins for
/// a draft).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = super::viewer(&ctx);
    let course = courses::show(&state, actor.as_ref(), id).await?;
    let tree = crate::services::outline::outline(&state, actor.as_ref(), id).await?;
    let view = CourseView::new(&ctx, &CourseCard::from(&course), "hero");
    let cta =
        crate::web::learning::enrol::cta(&state, &ctx, actor.as_ref(), &course, view.full).await?;
    let page = ShowPage {
        cta,
        cover: view.cover.clone(),
        category: course.category.clone(),
        facts: facts(&ctx, &course, &view),
        outcomes: items(course.learning_outcomes.as_deref()),
        requirements: items(course.requirements.as_deref()),
        description: paragraphs(&course.description),
        manages: manages(actor.as_ref(), &course),
        outline: super::outline_view::outline_view(&ctx, &tree),
        course: view,
        ctx,
    };
    page::render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_lists_and_paragraphs_are_read() {
        assert_eq!(
            items(Some("- Spot hazards\n\n* Report them  \n• Act\nPlain")),
            vec!["Spot hazards", "Report them", "Act", "Plain"]
        );
        assert!(items(None).is_empty());
        assert_eq!(
            paragraphs("One\ntwo\n\n\nThree\n"),
            vec![vec!["One", "two"], vec!["Three"]]
        );
    }
}
