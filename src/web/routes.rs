//! The pages' route list. Each page route is added to the router and to the list of what
//! is served in one call, so the list cannot drift from the router: the pages'
//! authorization matrix walks it (`web::served_pages`), as the API's matrix walks the
//! router-built OpenAPI document.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};

use crate::state::AppState;

pub struct PageRoutes {
    router: Router<AppState>,
    served: Vec<(Method, &'static str)>,
}

impl PageRoutes {
    pub fn new() -> PageRoutes {
        PageRoutes {
            router: Router::new(),
            served: Vec::new(),
        }
    }

    pub fn get<H, T>(self, path: &'static str, handler: H) -> PageRoutes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, path, get(handler))
    }

    pub fn post<H, T>(self, path: &'static str, handler: H) -> PageRoutes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, post(handler))
    }

    /// A form that uploads a file: a larger body limit than axum's default.
    pub fn post_upload<H, T>(self, path: &'static str, handler: H, limit: usize) -> PageRoutes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(
            Method::POST,
            path,
            post(handler).layer(DefaultBodyLimit::max(limit)),
        )
    }

    /// axum merges the methods of one path added in several calls.
    fn add(mut self, method: Method, path: &'static str, route: MethodRouter<AppState>) -> Self {
        self.served.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    /// `(method, path)` of every page route, in the order added.
    pub fn served(&self) -> &[(Method, &'static str)] {
        &self.served
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

impl Default for PageRoutes {
    fn default() -> Self {
        Self::new()
    }
}
