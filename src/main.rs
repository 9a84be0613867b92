//! The `courseworx` binary: parse the command line, run it, and print a failure as one
//! sentence (no panic, no backtrace).

use clap::Parser;

/// mimalloc instead of glibc's malloc: under load the server spent about a fifth of its
/// time in malloc and free across its threads (BENCHMARKS.md, "Profiles").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = courseworx::cli::Cli::parse();
    match courseworx::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("courseworx: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
