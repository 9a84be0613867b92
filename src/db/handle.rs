//! The application's database handle: SeaORM's pool and, on SQLite, the queue its writers
//! wait in.
//!
//! SQLite lets one transaction write at a time. Left to itself, a second writer's
//! `BEGIN IMMEDIATE` polls: SQLite's busy handler sleeps 1, 2, 5, 10 ... 100 ms between
//! tries, holding a pooled connection all the while. Under a class's writes (S3, S4 in
//! BENCHMARKS.md) the waiting writers held every connection of the pool, so even reads
//! queued behind them, and a writer that could have gone on slept instead. Here writers
//! take their turn from an async FIFO lock *before* they take a connection, and the
//! first in line starts the moment the last one ends. The busy timeout stays, for writers
//! outside this process (the command line) and for the few single-statement writes that
//! do not go through [`begin_write`].
//!
//! PostgreSQL has no such queue: its writers lock rows, not the database.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use prometheus_client::metrics::counter::Counter;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, Statement,
};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The pool, plus SQLite's writers' queue and the count of slow statements. Clones share
/// all three.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
    writers: Option<Arc<Mutex<()>>>,
    slow_queries: Counter,
}

/// How many connections the pool holds, and how many of them wait idle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

impl PoolUse {
    /// The open connections serving a request now (the pool counts its idle ones apart,
    /// and the two readings are not taken at one instant, so idle is held to open).
    pub fn in_use(&self) -> u32 {
        self.open - self.idle.min(self.open)
    }
}

impl Db {
    /// `slow_queries` is the count the slow-query log keeps (`slow_log::install`).
    pub fn new(conn: DatabaseConnection, slow_queries: Counter) -> Self {
        let writers =
            (conn.get_database_backend() == DbBackend::Sqlite).then(|| Arc::new(Mutex::new(())));
        Db {
            conn,
            writers,
            slow_queries,
        }
    }

    /// The statements that took at least `log.slow_query_ms` since the pool opened (a
    /// handle on the count, which `/metrics` shows).
    pub fn slow_queries(&self) -> Counter {
        self.slow_queries.clone()
    }

    /// The pool's connections now.
    pub fn pool_use(&self) -> PoolUse {
        fn of<D: sea_orm::sqlx::Database>(pool: &sea_orm::sqlx::Pool<D>) -> PoolUse {
            PoolUse {
                open: pool.size(),
                idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
                max: pool.options().get_max_connections(),
            }
        }
        match self.conn.get_database_backend() {
            DbBackend::Sqlite => of(self.conn.get_sqlite_connection_pool()),
            _ => of(self.conn.get_postgres_connection_pool()),
        }
    }

    /// Closes the pool (SQLite checkpoints its WAL on close).
    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}

/// Everything that needs SeaORM's own handle (migrations, the demo's loader, `ping`).
impl Deref for Db {
    type Target = DatabaseConnection;
    fn deref(&self) -> &DatabaseConnection {
        &self.conn
    }
}

/// For SeaORM's settings on a clone of the handle (the tests' metric callback).
impl DerefMut for Db {
    fn deref_mut(&mut self) -> &mut DatabaseConnection {
        &mut self.conn
    }
}

/// A transaction that will write (see [`begin_write`]); on SQLite it holds the writers'
/// turn until it is committed or dropped (rolled back).
pub struct WriteTxn {
    // Fields drop in order: the transaction (its rollback) before the turn is passed on.
    txn: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTxn {
    /// The transaction itself, for code that takes one by its type (`db::dump`).
    pub fn transaction(&self) -> &DatabaseTransaction {
        &self.txn
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        let WriteTxn { txn, _turn } = self;
        txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        let WriteTxn { txn, _turn } = self;
        txn.rollback().await
    }
}

/// Starts a transaction that will write. On SQLite it waits for the writers' turn, then
/// runs `BEGIN IMMEDIATE`: it takes the write lock at once instead of starting as a reader
/// and failing with "database is locked" when it first writes after another connection
/// has committed (a deferred transaction cannot wait its way out of that). PostgreSQL
/// ignores the mode.
pub async fn begin_write(db: &Db) -> Result<WriteTxn, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let turn = match &db.writers {
        Some(queue) => Some(queue.clone().lock_owned().await),
        None => None,
    };
    let txn = db
        .conn
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?;
    Ok(WriteTxn { txn, _turn: turn })
}

/// Both are SeaORM connections to the query functions, by delegation.
macro_rules! delegate_connection {
    ($type:ty, $field:ident) => {
        #[async_trait::async_trait]
        impl ConnectionTrait for $type {
            fn get_database_backend(&self) -> DbBackend {
                self.$field.get_database_backend()
            }
            async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
                self.$field.execute_raw(stmt).await
            }
            async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
                self.$field.execute_unprepared(sql).await
            }
            async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
                self.$field.query_one_raw(stmt).await
            }
            async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
                self.$field.query_all_raw(stmt).await
            }
            fn support_returning(&self) -> bool {
                self.$field.support_returning()
            }
        }
    };
}

delegate_connection!(Db, conn);
delegate_connection!(WriteTxn, txn);
