//! Start-up as a chain of small steps: connect, migrate, build the router, bind, serve with
//! graceful shutdown. `serve` takes a listener and a shutdown future so tests can reuse it.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::http::header::{
    CONTENT_SECURITY_POLICY as CONTENT_SECURITY_POLICY_HEADER, REFERRER_POLICY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue, Request};
use axum::middleware;
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::LatencyUnit;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::Config;
use crate::db;
use crate::state::AppState;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole HTTP surface: `/api/...` (JSON, with its own 404) and the pages.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(crate::api::routes(&state.config.uploads).split_for_parts().0)
        .merge(crate::web::router(&state))
        .route("/metrics", get(crate::metrics::show))
        // Every request counted and timed by the route it matched (`metrics`).
        .route_layer(middleware::from_fn(crate::metrics::note_route))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::track,
        ))
        .with_state(state)
        // Security headers on every response, pages and API alike.
        .layer(always(CONTENT_SECURITY_POLICY_HEADER, CONTENT_SECURITY_POLICY))
        .layer(always(X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(always(REFERRER_POLICY, "same-origin"))
        .layer(always(X_FRAME_OPTIONS, "DENY"))
        // One INFO line per response (status and latency, in the request's span: method,
        // path, request id); 5xx answers are also logged as errors.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<_>| {
                    let id = req
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), uri = %req.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Millis)),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// The Content-Security-Policy of every response: our own scripts, styles and images
/// only, nothing inline, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; \
    base-uri 'none'";

/// A header set on every response that does not already carry it.
fn always(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Connects (and migrates when configured) and returns the application state.
pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    crate::auth::password::set_cost(config.auth.bcrypt_cost);
    crate::auth::password::set_concurrency(
        config
            .auth
            .bcrypt_concurrency
            .unwrap_or_else(crate::auth::password::default_concurrency),
    );
    let secret = crate::auth::secret::load_or_create(&config)?;
    let storage = crate::storage::Storage::from_config(&config)?;
    let conn = db::connect(&config).await?;
    if config.database.auto_migrate {
        db::migrate(&conn).await?;
    }
    let metrics = Arc::new(crate::metrics::Metrics::new(&conn));
    Ok(AppState::new(crate::state::Shared {
        db: conn,
        config: Arc::new(config),
        keys: Arc::new(crate::auth::jwt::Keys::new(&secret)?),
        storage,
        quizzes: Default::default(),
        catalogue: Default::default(),
        outlines: Default::default(),
        dashboards: Default::default(),
        completions: Default::default(),
        metrics,
    }))
}

/// Serves until `shutdown` completes, then lets in-flight requests finish (for up to the
/// configured grace period).
///
/// hyper's connection loop (`server.rs`) rather than `axum::serve`, which bounds no wait on a
/// client: each connection gets the router with its peer address (`ConnectInfo`, as
/// `into_make_service_with_connect_info` would add it), HTTP/1.1 or HTTP/2, within the
/// `[server]` limits of the configuration.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let limits = state.config.server.clone();
    crate::server::serve(listener, router(state), &limits, shutdown).await
}

/// `courseworx serve`.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let addr = std::net::SocketAddr::new(config.server.host, config.server.port);
    let log_format = config.log.format;
    let state = build_state(config).await?;
    let listener = TcpListener::bind(addr).await.with_context(|| {
        format!("cannot listen on {addr}: is another program using the port? Set COURSEWORX_PORT")
    })?;
    tracing::info!(
        address = %listener.local_addr()?,
        database = db::backend_name(&state.db),
        "CourseWorx is serving on http://{}",
        listener.local_addr()?
    );
    let base = format!("http://{}", listener.local_addr()?);
    if let Some(token) = crate::services::setup::prepare(&state.db)
        .await
        .map_err(|e| anyhow::anyhow!("cannot prepare the first-run setup: {e}"))?
    {
        // Last of the start-up output, framed, so that it is not lost among the log lines.
        crate::telemetry::notice(
            log_format,
            "CourseWorx has no super admin yet. Open this link to create one:",
            &[
                format!("{base}/setup?token={token}"),
                String::new(),
                format!("(or POST {base}/api/auth/setup with this token,"),
                "or run `courseworx create-admin`)".to_owned(),
            ],
        );
    }
    let conn = state.db.clone();
    let jobs = tokio::spawn(crate::services::jobs::run_forever(
        state.clone(),
        crate::services::jobs::worker_name(),
    ));
    serve(listener, state, shutdown_signal()).await?;
    jobs.abort();
    // Give the pool a moment to close cleanly (SQLite checkpoints its WAL on close).
    let _ = tokio::time::timeout(Duration::from_secs(5), conn.close()).await;
    tracing::info!("stopped");
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown requested: finishing in-flight requests");
}
