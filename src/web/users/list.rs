//! `GET /users`: search, filters, sort and pages of the user list.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use crate::domain::pagination::PageRequest;
use crate::domain::user::{Role, User, UserFilter, UserSort};
use crate::error::AppError;
use crate::services::users;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::form::Choice;
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::session::PageUser;

/// The list's query string, as the filter form sends it (the API's names). A value that
/// cannot be read is ignored: a hand-edited address shows the default list, not an error.
#[derive(Debug, Clone, Default)]
struct ListQuery {
    search: String,
    role: Option<Role>,
    is_active: Option<bool>,
    /// A valid sort, as written in the query (`-createdAt`), or empty for the default.
    sort: String,
    page: Option<u64>,
    limit: Option<u64>,
}

impl ListQuery {
    fn parse(uri: &Uri) -> ListQuery {
        let mut q = ListQuery::default();
        let pairs = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes());
        for (name, value) in pairs {
            let value = value.trim();
            match name.as_ref() {
                // NUL cannot be stored or searched for on PostgreSQL: drop it.
                "search" => q.search = value.replace('\0', ""),
                "role" => q.role = Role::parse(value),
                "isActive" => q.is_active = value.parse().ok(),
                "sort" if UserSort::parse(Some(value)).is_ok() => q.sort = value.to_owned(),
                "page" => q.page = value.parse().ok(),
                "limit" => q.limit = value.parse().ok(),
                _ => {}
            }
        }
        q
    }

    fn filtered(&self) -> bool {
        !self.search.is_empty() || self.role.is_some() || self.is_active.is_some()
    }

    /// This list at another page number, keeping search, filters, sort and limit.
    fn href(&self, page: u64) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if !self.search.is_empty() {
            query.append_pair("search", &self.search);
        }
        if let Some(role) = self.role {
            query.append_pair("role", role.as_str());
        }
        if let Some(active) = self.is_active {
            query.append_pair("isActive", if active { "true" } else { "false" });
        }
        if !self.sort.is_empty() {
            query.append_pair("sort", &self.sort);
        }
        if let Some(limit) = self.limit {
            query.append_pair("limit", &limit.to_string());
        }
        query.append_pair("page", &page.to_string());
        format!("/users?{}", query.finish())
    }
}

/// The options of the sort menu: every column of `UserSort`, both ways.
fn sort_choices(ctx: &Page) -> Vec<Choice> {
    let choice = |value: &'static str, label: String| Choice { value, label };
    vec![
        choice("-createdAt", ctx.t("users-sort-newest")),
        choice("createdAt", ctx.t("users-sort-oldest")),
        choice("firstName", ctx.t("users-sort-first-name")),
        choice("-firstName", ctx.t("users-sort-first-name-desc")),
        choice("lastName", ctx.t("users-sort-last-name")),
        choice("-lastName", ctx.t("users-sort-last-name-desc")),
        choice("email", ctx.t("users-sort-email")),
        choice("-email", ctx.t("users-sort-email-desc")),
        choice("role", ctx.t("users-sort-role")),
        choice("-role", ctx.t("users-sort-role-desc")),
        choice("-lastLogin", ctx.t("users-sort-last-login")),
        choice("lastLogin", ctx.t("users-sort-last-login-asc")),
    ]
}

fn status_choices(ctx: &Page) -> Vec<Choice> {
    vec![
        Choice {
            value: "true",
            label: ctx.t("status-active"),
        },
        Choice {
            value: "false",
            label: ctx.t("status-inactive"),
        },
    ]
}

#[derive(Template)]
#[template(path = "users/list.html")]
struct ListPage {
    ctx: Page,
    users: Vec<User>,
    pager: Pager,
    caption: String,
    search: String,
    /// The selected values of the filter menus ("" for all).
    role: &'static str,
    status: &'static str,
    sort: String,
    limit: Option<u64>,
    roles: Vec<Choice>,
    statuses: Vec<Choice>,
    sorts: Vec<Choice>,
    filtered: bool,
    /// The page asked for is past the last one: the last page's address and number.
    past_last: Option<(String, String)>,
}

/// `GET /users` (super admin).
pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    uri: Uri,
) -> Result<Response, PageError> {
    let query = ListQuery::parse(&uri);
    let filter = UserFilter {
        search: Some(query.search.clone()).filter(|s| !s.is_empty()),
        role: query.role,
        is_active: query.is_active,
    };
    // The query keeps only a valid sort, or none (the default).
    let sort = UserSort::parse(Some(&query.sort)).map_err(AppError::Validation)?;
    let request = PageRequest::new(query.page, query.limit);
    let found = users::list(&state, &super::actor(&who), &filter, sort, request).await?;
    let pagination = found.pagination;
    // A hand-edited or stale address (`?page=999`): say so and offer the last page, rather
    // than "nobody matches".
    let past_last = (found.items.is_empty()
        && pagination.total_items > 0
        && pagination.current_page > pagination.total_pages)
        .then(|| {
            let last = pagination.total_pages.max(1);
            (query.href(last), ctx.number(&last))
        });
    let pager = Pager::new(
        &ctx,
        "user-pagination",
        ctx.t("users-pagination-label"),
        &pagination,
        found.items.len(),
        |n| query.href(n),
    );
    let caption = ctx.t2(
        "users-caption",
        "page",
        ctx.number(&pagination.current_page),
        "pages",
        ctx.number(&pagination.total_pages.max(1)),
    );
    let page = ListPage {
        users: found.items,
        pager,
        caption,
        search: query.search.clone(),
        role: query.role.map_or("", |r| r.as_str()),
        status: match query.is_active {
            None => "",
            Some(true) => "true",
            Some(false) => "false",
        },
        sort: if query.sort.is_empty() {
            "-createdAt".to_owned()
        } else {
            query.sort.clone()
        },
        limit: query.limit,
        roles: super::role_choices(&ctx),
        statuses: status_choices(&ctx),
        sorts: sort_choices(&ctx),
        filtered: query.filtered(),
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
        let uri: Uri =
            "/users?search=ada%20l&role=trainer&isActive=false&sort=-email&page=3&limit=5"
                .parse()
                .unwrap();
        let q = ListQuery::parse(&uri);
        assert_eq!(q.search, "ada l");
        assert_eq!(q.role, Some(Role::Trainer));
        assert_eq!(q.is_active, Some(false));
        assert_eq!(q.sort, "-email");
        assert_eq!((q.page, q.limit), (Some(3), Some(5)));
        assert_eq!(
            q.href(4),
            "/users?search=ada+l&role=trainer&isActive=false&sort=-email&limit=5&page=4"
        );

        let uri: Uri = "/users?role=wizard&isActive=maybe&sort=password&page=x"
            .parse()
            .unwrap();
        let q = ListQuery::parse(&uri);
        assert!(q.role.is_none() && q.is_active.is_none() && q.page.is_none());
        assert_eq!(q.sort, "");
        assert!(!q.filtered());
        assert_eq!(q.href(1), "/users?page=1");
    }
}
