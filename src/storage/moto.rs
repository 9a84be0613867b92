//! A real S3-compatible server for the tests: moto's server mode (`pip install
//! "moto[server]"`), started on 127.0.0.1 once per test process by `$COURSEWORX_PYTHON`
//! (else `python3`; `.ci/run` installs it). It ends with the process: it waits on its
//! standard input, which closes when the process exits. Each caller gets a folder of its
//! own in one bucket (`S3Config::prefix`), so tests running at once never meet.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use crate::config::S3Config;

/// The bucket the server is started with.
pub const BUCKET: &str = "courseworx-tests";

const SERVE: &str = r#"
import sys
try:
    import boto3
    from moto.server import ThreadedMotoServer
except ImportError as e:
    print("MISSING-MOTO", e, flush=True)
    sys.exit(3)
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
url = f"http://{host}:{port}"
boto3.client("s3", endpoint_url=url, region_name="us-east-1",
             aws_access_key_id="test", aws_secret_access_key="test").create_bucket(Bucket=sys.argv[1])
print(url, flush=True)
sys.stdin.read()
server.stop()
"#;

struct Server {
    endpoint: String,
    /// Kept (never waited on) so that its standard input stays open until the process ends.
    _child: Child,
}

static SERVER: OnceLock<Server> = OnceLock::new();

/// The server's address, starting it on first use.
pub fn endpoint() -> &'static str {
    &SERVER.get_or_init(start).endpoint
}

fn start() -> Server {
    let python = std::env::var("COURSEWORX_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let mut child = Command::new(&python)
        .args(["-c", SERVE, BUCKET])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{python}` ({e}): the S3 tests start moto's server; install Python 3 \
                 and `pip install \"moto[server]\"`, or set COURSEWORX_PYTHON"
            )
        });
    let mut line = String::new();
    let stdout = child.stdout.take().expect("piped");
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read moto's address");
    let line = line.trim().to_owned();
    assert!(
        !line.starts_with("MISSING-MOTO"),
        "`{python}` cannot run moto's server ({line}): install it with `pip install \
         \"moto[server]\"`, or point COURSEWORX_PYTHON at a Python that has it"
    );
    assert!(
        line.starts_with("http://127.0.0.1:"),
        "moto's server did not start (it said {line:?})"
    );
    Server {
        endpoint: line,
        _child: child,
    }
}

/// The test bucket, in a new folder of its own.
pub fn config() -> S3Config {
    S3Config {
        bucket: Some(BUCKET.to_owned()),
        endpoint: Some(endpoint().to_owned()),
        region: Some("us-east-1".to_owned()),
        access_key_id: Some("test".to_owned()),
        secret_access_key: Some("test".to_owned()),
        prefix: Some(format!("test-{}", uuid::Uuid::now_v7().simple())),
    }
}
