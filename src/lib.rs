//! CourseWorx: a learning management system in one binary. See ARCHITECTURE.md for the map.

pub mod api;
pub mod auth;
pub mod byte_ranges;
pub mod certificate_pdf;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod metrics;
pub mod qr;
pub mod server;
pub mod services;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod web;
