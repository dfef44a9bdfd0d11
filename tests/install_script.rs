//! scripts/install.sh (which the GitHub Action runs) against a release laid
//! out as GitHub serves it, from an HTTP server on loopback: the test build
//! of orgguard packed as a release archive, with its SHA-256 file.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use sha2::{Digest, Sha256};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The release archive's target for this machine, as the script picks it.
fn target() -> &'static str {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => "x86_64-unknown-linux-musl",
        ("linux", "aarch64") => "aarch64-unknown-linux-musl",
        ("macos", "aarch64") => "aarch64-apple-darwin",
        ("macos", "x86_64") => "x86_64-apple-darwin",
        other => panic!("no release target for {other:?}"),
    }
}

/// A static file server on a free loopback port, stopped on drop.
struct Server {
    url: String,
    child: Child,
}

impl Server {
    fn serve(dir: &Path) -> Server {
        let mut child = Command::new("python3")
            .args(["-u", "-m", "http.server", "0", "--bind", "127.0.0.1"])
            .arg("--directory")
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m http.server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the server's first line");
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        let port = line
            .split_whitespace()
            .skip_while(|w| *w != "port")
            .nth(1)
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server {
            url: format!("http://127.0.0.1:{port}"),
            child,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Lays out `releases/download/v{VERSION}/` (and `releases/latest/download/`)
/// under `root` with the archive and a checksum file holding `checksum`, or
/// the archive's real SHA-256 when there is none.
fn publish(root: &Path, checksum: Option<&str>) {
    let target = target();
    let name = format!("orgguard-{target}");
    let staging = root.join("staging");
    std::fs::create_dir_all(staging.join(&name)).unwrap();
    std::fs::copy(
        env!("CARGO_BIN_EXE_orgguard"),
        staging.join(&name).join("orgguard"),
    )
    .unwrap();
    std::fs::copy(
        support::repo_dir().join("README.md"),
        staging.join(&name).join("README.md"),
    )
    .unwrap();
    let archive = format!("{name}.tar.gz");
    // The fastest gzip level: the test build is large, and the script reads
    // any level.
    let packed = Command::new("tar")
        .args(["--use-compress-program", "gzip -1", "-cf"])
        .arg(root.join(&archive))
        .arg("-C")
        .arg(&staging)
        .arg(&name)
        .status()
        .unwrap();
    assert!(packed.success());
    let bytes = std::fs::read(root.join(&archive)).unwrap();
    let sha = checksum
        .map(str::to_string)
        .unwrap_or_else(|| hex::encode(Sha256::digest(&bytes)));
    for dir in [
        format!("releases/download/v{VERSION}"),
        "releases/latest/download".to_string(),
    ] {
        let dir = root.join("orgguard/orgguard").join(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(&archive), &bytes).unwrap();
        // As sha256sum writes it, which is how the release workflow makes it.
        std::fs::write(
            dir.join(format!("{archive}.sha256")),
            format!("{sha} *{archive}\n"),
        )
        .unwrap();
    }
}

fn install(server: &Server, version: &str, to: &Path) -> Output {
    Command::new("bash")
        .arg(support::repo_dir().join("scripts/install.sh"))
        .args(["--version", version, "--to"])
        .arg(to)
        .env(
            "ORGGUARD_DOWNLOAD_URL",
            format!("{}/orgguard/orgguard/releases", server.url),
        )
        .env_remove("ORGGUARD_TARGET")
        .output()
        .expect("run install.sh")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn installed_version(bin: &Path) -> String {
    let out = Command::new(bin).arg("--version").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn bin_dir(root: &Path) -> PathBuf {
    root.join("bin")
}

#[test]
fn installs_a_release_whose_checksum_matches() {
    let root = tempfile::tempdir().unwrap();
    publish(root.path(), None);
    let server = Server::serve(root.path());
    let to = bin_dir(root.path());

    let out = install(&server, VERSION, &to);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        installed_version(&to.join("orgguard")),
        format!("orgguard {VERSION}")
    );
    assert!(
        stderr(&out).contains(&format!(
            "/releases/download/v{VERSION}/orgguard-{}.tar.gz",
            target()
        )),
        "{}",
        stderr(&out)
    );

    // The installed binary works: the example organization validates.
    let validated = Command::new(to.join("orgguard"))
        .args(["validate", "--quiet"])
        .current_dir(support::repo_dir())
        .output()
        .unwrap();
    assert!(validated.status.success(), "{}", stderr(&validated));
}

#[test]
fn latest_is_read_from_the_latest_release() {
    let root = tempfile::tempdir().unwrap();
    publish(root.path(), None);
    let server = Server::serve(root.path());
    let to = bin_dir(root.path());

    let out = install(&server, "latest", &to);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/releases/latest/download/"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        installed_version(&to.join("orgguard")),
        format!("orgguard {VERSION}")
    );
}

#[test]
fn a_wrong_checksum_installs_nothing() {
    let root = tempfile::tempdir().unwrap();
    let wrong = "0".repeat(64);
    publish(root.path(), Some(&wrong));
    let server = Server::serve(root.path());
    let to = bin_dir(root.path());

    let out = install(&server, &format!("v{VERSION}"), &to);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "checksum mismatch for orgguard-{}.tar.gz: the release says {wrong}",
            target()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was installed"), "{err}");
    assert!(!to.join("orgguard").exists());
}

#[test]
fn a_version_that_was_never_released_fails_with_the_url() {
    let root = tempfile::tempdir().unwrap();
    publish(root.path(), None);
    let server = Server::serve(root.path());
    let to = bin_dir(root.path());

    let out = install(&server, "9.9.9", &to);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("could not download") && err.contains("/releases/download/v9.9.9/"),
        "{err}"
    );
    assert!(!to.join("orgguard").exists());
}
