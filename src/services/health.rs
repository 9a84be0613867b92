//! `GET /api/health`: is the database reachable, and how fast.

use serde::Serialize;

use crate::db::{self, Db};

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
    pub database: DatabaseHealth,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseHealth {
    pub backend: &'static str,
    pub reachable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round_trip_ms: Option<f64>,
    pub pool: PoolHealth,
}

/// The connection pool at the moment of the check.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PoolHealth {
    /// Connections open now.
    pub open: u32,
    /// Of those, the ones waiting for work.
    pub idle: u32,
    /// Of those, the ones serving a request.
    pub in_use: u32,
    /// The most the pool opens (`database.pool_max`).
    pub max: u32,
}

impl Health {
    pub fn is_ok(&self) -> bool {
        self.database.reachable
    }
}

/// Checks the database with one round trip, and reports the pool as it was before it
/// (the check's own connection would count as in use); never fails, reports instead.
pub async fn check(conn: &Db) -> Health {
    let pool = conn.pool_use();
    let backend = db::backend_name(conn);
    let result = db::round_trip(conn).await;
    if let Err(e) = &result {
        tracing::warn!(error = %e, "health check: database unreachable");
    }
    let round_trip_ms = result.ok().map(|d| d.as_secs_f64() * 1000.0);
    Health {
        status: if round_trip_ms.is_some() {
            "ok"
        } else {
            "unavailable"
        },
        version: env!("CARGO_PKG_VERSION"),
        database: DatabaseHealth {
            backend,
            reachable: round_trip_ms.is_some(),
            round_trip_ms,
            pool: PoolHealth {
                open: pool.open,
                idle: pool.open - pool.in_use(),
                in_use: pool.in_use(),
                max: pool.max,
            },
        },
    }
}
