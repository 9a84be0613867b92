//! What `GET /metrics` reports, in the Prometheus (OpenMetrics) text format: requests by
//! route and status, their latency, the database pool, slow statements, failed sign-ins
//! and background job runs. Each running server keeps its own figures (Prometheus scrapes every instance
//! and adds them up); nothing here is shared state of the product.
//!
//! The route is the pattern the router matched (`/api/courses/{id}`), never the path
//! itself, so the number of series stays bounded whatever clients request; a request that
//! matched no route is counted as `unmatched`.
//!
//! `/metrics` is off unless `[metrics] token` (`COURSEWORX_METRICS_TOKEN`) is set, and then
//! answers only `Authorization: Bearer <token>`: the figures show how the service is used,
//! which is not for everyone to read (README, "Operations").

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use subtle::ConstantTimeEq;

use crate::db::Db;
use crate::state::AppState;

/// OpenMetrics' media type, which Prometheus asks for and reads.
const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    kind: String,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    reason: &'static str,
}

/// Why a sign-in was refused, as `/metrics` labels it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginFailure {
    /// An unknown address or a wrong password (they are not told apart).
    Credentials,
    /// Too many attempts: refused before the password was checked, or locked by this one.
    Throttled,
    /// The account is deactivated.
    Deactivated,
    /// An empty or oversized field.
    Invalid,
    /// The database failed or was unavailable.
    Error,
}

impl LoginFailure {
    fn label(self) -> &'static str {
        match self {
            LoginFailure::Credentials => "credentials",
            LoginFailure::Throttled => "throttled",
            LoginFailure::Deactivated => "deactivated",
            LoginFailure::Invalid => "invalid",
            LoginFailure::Error => "error",
        }
    }
}

type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// The figures of one server, and the registry that writes them out.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    pool: Family<PoolLabels, Gauge>,
    pool_max: Gauge,
    login_failures: Family<ReasonLabels, Counter>,
    job_runs: Family<JobLabels, Counter>,
    completion_batches: Histogram,
    completion_batches_split: Counter,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

/// Latency buckets from 1 ms to about 16 s, doubling.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Metrics {
    /// The registry, with the database's own count of slow statements.
    pub fn new(db: &Db) -> Self {
        let mut registry = Registry::with_prefix("courseworx");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, matched route and status",
            requests.clone(),
        );
        let latency = LatencyFamily::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "http_request_duration",
            "Time from a request's arrival to its response's head, by method and matched route",
            prometheus_client::registry::Unit::Seconds,
            latency.clone(),
        );
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "The database pool's open connections, in use or idle",
            pool.clone(),
        );
        let pool_max = Gauge::default();
        registry.register(
            "db_pool_max_connections",
            "The most connections the database pool opens",
            pool_max.clone(),
        );
        let login_failures = Family::<ReasonLabels, Counter>::default();
        registry.register(
            "login_failures",
            "Sign-ins refused, by reason: credentials, throttled, deactivated, invalid, error",
            login_failures.clone(),
        );
        let job_runs = Family::<JobLabels, Counter>::default();
        registry.register(
            "job_runs",
            "Background jobs run by this instance, by kind and outcome (done, failed)",
            job_runs.clone(),
        );
        let completion_batches = Histogram::new(exponential_buckets(1.0, 2.0, 8));
        registry.register(
            "completion_batch_size",
            "Lesson completions written in one transaction (services::completions): its count is the batches, its sum the completions",
            completion_batches.clone(),
        );
        let completion_batches_split = Counter::default();
        registry.register(
            "completion_batches_split",
            "Batches of completions that failed as a whole and were written again one completion at a time",
            completion_batches_split.clone(),
        );
        registry.register(
            "db_slow_queries",
            "Database statements that took at least log.slow_query_ms",
            db.slow_queries(),
        );
        Metrics {
            registry,
            requests,
            latency,
            pool,
            pool_max,
            login_failures,
            job_runs,
            completion_batches,
            completion_batches_split,
        }
    }

    /// One answered request.
    pub fn record(&self, method: &Method, route: &str, status: StatusCode, started: Instant) {
        let method = method_label(method);
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_owned(),
                route: route.to_owned(),
                status: status.as_u16().to_string(),
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                method: method.to_owned(),
                route: route.to_owned(),
            })
            .observe(started.elapsed().as_secs_f64());
    }

    /// One batch of lesson completions written, and whether it had to be split.
    pub fn completion_batch(&self, size: usize, split: bool) {
        self.completion_batches.observe(size as f64);
        if split {
            self.completion_batches_split.inc();
        }
    }

    /// How many batches of completions had to be split (for tests and the log).
    pub fn completion_batches_split(&self) -> u64 {
        self.completion_batches_split.get()
    }

    /// One refused sign-in.
    pub fn login_failed(&self, why: LoginFailure) {
        self.login_failures
            .get_or_create(&ReasonLabels {
                reason: why.label(),
            })
            .inc();
    }

    /// One background job's run.
    pub fn job_ran(&self, kind: &str, outcome: &'static str) {
        self.job_runs
            .get_or_create(&JobLabels {
                kind: kind.to_owned(),
                outcome,
            })
            .inc();
    }

    /// The figures now, in the text format (the pool is read at this moment).
    pub fn render(&self, db: &Db) -> String {
        let pool = db.pool_use();
        self.pool
            .get_or_create(&PoolLabels { state: "in_use" })
            .set(i64::from(pool.in_use()));
        self.pool
            .get_or_create(&PoolLabels { state: "idle" })
            .set(i64::from(pool.open - pool.in_use()));
        self.pool_max.set(i64::from(pool.max));
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// The standard methods by name; anything else as `other`, so that a client cannot add
/// series by inventing methods.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The route a request matched, carried from the router (`route_layer`) out to `track`
/// in the response's extensions.
#[derive(Clone)]
struct Route(MatchedPath);

/// Inside the router, for matched requests only: notes the route on the response.
pub async fn note_route(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(Route(route));
    }
    response
}

/// Around the whole router: counts and times every request by the route it matched.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<Route>()
        .map_or("unmatched", |r| r.0.as_str());
    state
        .metrics
        .record(&method, route, response.status(), started);
    response
}

/// `GET /metrics`: 404 when no token is configured, 401 without the right one.
pub async fn show(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.config.metrics.token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !bool::from(given.as_bytes().ct_eq(token.as_bytes())) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))],
        )
            .into_response();
    }
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))],
        state.metrics.render(&state.db),
    )
        .into_response()
}
