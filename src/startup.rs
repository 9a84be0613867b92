//! Start-up as a chain of small steps: connect, migrate, build the router, bind, serve with
//! graceful shutdown. `serve` takes a listener and a shutdown future so tests can reuse it.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::http::{HeaderName, Request};
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::db;
use crate::state::AppState;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole HTTP surface: `/api/...` and (later) the pages.
pub fn router(state: AppState) -> Router {
    Router::new()
        .nest("/api", crate::api::router())
        .merge(crate::api::profile::media_router())
        .fallback(crate::api::not_found)
        .with_state(state)
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                let id = req
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %req.method(), uri = %req.uri().path(), request_id = %id)
            }),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
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
    let config_uploads = config.data_dir.join("uploads");
    let conn = db::connect(&config).await?;
    if config.database.auto_migrate {
        db::migrate(&conn).await?;
    }
    Ok(AppState {
        db: conn,
        config: Arc::new(config),
        keys: Arc::new(crate::auth::jwt::Keys::new(&secret)?),
        storage: crate::storage::Storage::local(config_uploads),
    })
}

/// Serves until `shutdown` completes, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .context("the HTTP server stopped with an error")
}

/// `courseworx serve`.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let addr = std::net::SocketAddr::new(config.server.host, config.server.port);
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
        tracing::warn!(
            "no super admin yet: finish setup at {base}/setup?token={token} \
             (or POST {base}/api/auth/setup with this token, or run `courseworx create-admin`)"
        );
    }
    let conn = state.db.clone();
    serve(listener, state, shutdown_signal()).await?;
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
