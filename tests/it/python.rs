//! Python as a checker: a script run as `$COURSEWORX_PYTHON` (else `python3`), fed on
//! standard input, for the tests that read what we write with a real third-party parser
//! (icalendar for the calendar feed, prometheus_client for `/metrics`). Without the
//! interpreter or the module they fail, saying how to install it (`.ci/run` does).

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `script` with `input` on its standard input and answers its standard output. A
/// script that cannot import `module` prints `MISSING-MODULE` to standard error.
pub fn run(script: &str, input: &[u8], module: &str) -> Vec<u8> {
    let python = std::env::var("COURSEWORX_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{python}` ({e}): install Python 3 and `pip install {module}`, or \
                 set COURSEWORX_PYTHON"
            )
        });
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().expect("python ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("MISSING-MODULE"),
        "`{python}` has no `{module}` module ({stderr}): install it with `pip install {module}` \
         (`pip install --break-system-packages {module}` on Debian), or point COURSEWORX_PYTHON \
         at a Python that has it"
    );
    assert!(
        out.status.success(),
        "{module} could not read it: {stderr}\n{}",
        String::from_utf8_lossy(input)
    );
    out.stdout
}
