//! Test support: a real moto server on a free loopback port, one per test
//! binary, reset between tests; and the orgguard binary pointed at it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

pub mod proxy;
pub mod seed;
pub mod synth;

pub struct MotoServer {
    pub port: u16,
    _child: Child,
}

static SERVER: OnceLock<MotoServer> = OnceLock::new();
static EXCLUSIVE: Mutex<()> = Mutex::new(());

/// A reset moto server that this test has to itself until the guard drops.
pub struct Moto {
    pub endpoint: String,
    _guard: MutexGuard<'static, ()>,
}

fn moto_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("ORGGUARD_MOTO_SERVER") {
        return PathBuf::from(path);
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/moto_server");
    assert!(
        local.exists(),
        "moto is not installed: run `bash scripts/test.sh`, which installs it into .venv"
    );
    local
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

// The child lives as long as this test binary; the shell around moto stops
// it when the binary exits and closes its stdin.
#[allow(clippy::zombie_processes)]
fn start() -> MotoServer {
    let port = free_port();
    // The shell stops moto when this test binary exits and closes its stdin.
    let script = format!(
        "\"$0\" -H 127.0.0.1 -p {port} >/dev/null 2>&1 & pid=$!; read _; kill $pid 2>/dev/null"
    );
    let child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(moto_binary())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start moto_server");
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if http(port, "GET", "/moto-api/").is_some() {
            return MotoServer {
                port,
                _child: child,
            };
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("moto_server did not start on port {port} within 60 s");
}

/// A minimal HTTP/1.1 request to moto; returns the status code.
pub fn http(port: u16, method: &str, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.split_whitespace().nth(1)?.parse().ok()
}

/// The shared server, reset, for one test at a time.
pub fn moto() -> Moto {
    let guard = EXCLUSIVE.lock().unwrap_or_else(|e| e.into_inner());
    let server = SERVER.get_or_init(start);
    assert_eq!(
        http(server.port, "POST", "/moto-api/reset"),
        Some(200),
        "reset moto"
    );
    Moto {
        endpoint: format!("http://127.0.0.1:{}", server.port),
        _guard: guard,
    }
}

/// Environment that points the AWS SDK at `endpoint` with fake credentials
/// and nothing from the developer's own AWS configuration.
pub fn aws_env(endpoint: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ENDPOINT_URL", endpoint.to_string()),
        ("AWS_ACCESS_KEY_ID", "testing".to_string()),
        ("AWS_SECRET_ACCESS_KEY", "testing".to_string()),
        ("AWS_REGION", "us-east-1".to_string()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
        (
            "AWS_CONFIG_FILE",
            "/nonexistent/orgguard-test-config".to_string(),
        ),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/orgguard-test-credentials".to_string(),
        ),
    ]
}

impl Moto {
    /// The orgguard binary, pointed at this server.
    pub fn orgguard(&self) -> assert_cmd::Command {
        orgguard_at(&self.endpoint)
    }

    /// An SDK configuration for seeding this server, as the management
    /// account.
    pub async fn sdk_config(&self) -> aws_config::SdkConfig {
        sdk_config_at(&self.endpoint).await
    }
}

/// An SDK configuration for the management account at `endpoint`.
pub async fn sdk_config_at(endpoint: &str) -> aws_config::SdkConfig {
    let creds = aws_sdk_sts::config::Credentials::new("testing", "testing", None, None, "test");
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(creds)
        .load()
        .await
}

/// The orgguard binary pointed at `endpoint` (moto, or a proxy before it).
pub fn orgguard_at(endpoint: &str) -> assert_cmd::Command {
    let mut cmd = orgguard();
    cmd.env_remove("AWS_MAX_ATTEMPTS");
    for (k, v) in aws_env(endpoint) {
        cmd.env(k, v);
    }
    cmd.env_remove("AWS_SESSION_TOKEN");
    cmd
}

/// `orgguard -C repo ARGS` against `endpoint`: the exit code, and stdout
/// followed by stderr.
pub fn run_in(endpoint: &str, repo: &Path, args: &[&str]) -> (i32, String) {
    let out = orgguard_at(endpoint)
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// `orgguard plan --detailed-exitcode` (1: changes, 0: none) of `repo`.
pub fn plan_in(endpoint: &str, repo: &Path, extra: &[&str]) -> (i32, String) {
    let args: Vec<&str> = ["plan", "--detailed-exitcode"]
        .into_iter()
        .chain(extra.iter().copied())
        .collect();
    run_in(endpoint, repo, &args)
}

/// The plan after an apply is empty.
pub fn assert_converged(endpoint: &str, repo: &Path) {
    let (code, text) = plan_in(endpoint, repo, &[]);
    assert_eq!(code, 0, "plan after apply is not empty:\n{text}");
    assert!(text.contains("No changes."), "{text}");
}

/// `orgguard snapshot` of the organization at `endpoint`, as JSON.
pub fn live_snapshot(endpoint: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("live.json");
    orgguard_at(endpoint)
        .current_dir(dir.path())
        .args(["snapshot", "-q", "-o"])
        .arg(&out)
        .assert()
        .success();
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// An endpoint nothing listens on: commands that would read AWS in a test
/// fail there instead of ever reaching a real AWS address.
pub const NOWHERE: &str = "http://127.0.0.1:9";

/// The orgguard binary with a clean environment for offline commands. Any
/// AWS call it makes goes to [`NOWHERE`].
pub fn orgguard() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("orgguard").expect("the orgguard binary");
    cmd.env("NO_COLOR", "1").env_remove("AWS_PROFILE");
    for (k, v) in aws_env(NOWHERE) {
        cmd.env(k, v);
    }
    // Nothing will ever answer there: fail at once rather than retry.
    cmd.env("AWS_MAX_ATTEMPTS", "1");
    cmd
}

/// The repository's own directory (with the shipped example org).
pub fn repo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped example repository in a temporary directory, for
/// tests that break it.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        repo_dir().join("ou-layout.toml"),
        dir.path().join("ou-layout.toml"),
    )
    .expect("copy layout");
    copy_tree(&repo_dir().join("policies"), &dir.path().join("policies"));
    dir
}

/// Copies a folder and everything under it.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy file");
        }
    }
}
