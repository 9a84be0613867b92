//! The OpenAPI 3 document of the JSON API, built from the handlers' `#[utoipa::path]`
//! annotations: served at `/api/openapi.json` and rendered as the `/api/docs` page.
//! A test checks that every API route is in it, so a new route cannot go undocumented.

use std::sync::LazyLock;

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "CourseWorx API",
        description = "The JSON API of CourseWorx. Sign in with `POST /api/auth/login` and send the token as `Authorization: Bearer <token>`. Lists take `page` and `limit` (20 by default, at most 100). Every error answers `{\"error\": {\"code\", \"message\", \"fields\"}}`.",
    ),
    modifiers(&BearerToken),
    tags(
        (name = "auth", description = "Signing in and out, first-run setup, one's password"),
        (name = "users", description = "Accounts (super admins only)"),
        (name = "profile", description = "One's own profile"),
        (name = "operations", description = "Health of the service"),
    )
)]
pub struct ApiDoc;

/// The `bearer` security scheme the annotations name.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Built once, from the same route list that the server runs (`api::routes`): the
/// document never changes while the process runs.
pub static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| {
    let mut doc = crate::api::routes(&crate::config::Config::default().uploads).into_openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
});

/// The document's own route.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(document))
}

/// `GET /api/openapi.json` (anyone).
#[utoipa::path(get, path = "/openapi.json", tag = "operations",
    summary = "This document (OpenAPI 3.1)",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub async fn document() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(&DOCUMENT)
}
