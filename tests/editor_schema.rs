//! The JSON Schema of ou-layout.toml: committed in step with the layout
//! types, accepted by taplo (the TOML language server editors use) for the
//! example layout through its `#:schema` line, and strict about misspelt keys.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::{orgguard, repo_dir};

const COMMITTED: &str = "schemas/ou-layout.schema.json";

fn taplo() -> PathBuf {
    let path = std::env::var_os("ORGGUARD_TAPLO")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_dir().join(".tools/node_modules/@taplo/cli/dist/cli.js"));
    assert!(
        path.exists(),
        "taplo is not installed: run `bash scripts/test.sh`, which installs @taplo/cli into .tools"
    );
    path
}

fn taplo_lint(dir: &Path, file: &str) -> (bool, String) {
    let out: Output = Command::new("node")
        .arg(taplo())
        .args(["lint", "--no-auto-config", "--colors", "never", file])
        .current_dir(dir)
        .env("RUST_LOG", "error")
        .output()
        .expect("run taplo");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn generated() -> String {
    let out = orgguard().args(["schema", "layout"]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn schema() -> serde_json::Value {
    serde_json::from_str(&generated()).unwrap()
}

/// The example organization with the schema beside it, where the
/// `#:schema ./schemas/…` line finds it.
fn example_with_schema() -> tempfile::TempDir {
    let dir = support::example_copy();
    std::fs::create_dir(dir.path().join("schemas")).unwrap();
    std::fs::copy(repo_dir().join(COMMITTED), dir.path().join(COMMITTED)).unwrap();
    dir
}

/// The layout as the JSON a schema validator sees: dates become strings,
/// as in taplo.
fn toml_as_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::from(s.as_str()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => J::from(*f),
        toml::Value::Boolean(b) => J::from(*b),
        toml::Value::Datetime(d) => J::from(d.to_string()),
        toml::Value::Array(items) => J::Array(items.iter().map(toml_as_json).collect()),
        toml::Value::Table(table) => J::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_as_json(v)))
                .collect(),
        ),
    }
}

#[test]
fn the_committed_schema_is_current() {
    let committed = std::fs::read_to_string(repo_dir().join(COMMITTED)).unwrap_or_default();
    assert!(
        committed == generated(),
        "{COMMITTED} is stale: run `bash scripts/update-generated.sh`"
    );
}

#[test]
fn the_example_layout_names_the_schema_on_its_first_line() {
    let layout = std::fs::read_to_string(repo_dir().join("ou-layout.toml")).unwrap();
    assert_eq!(
        layout.lines().next(),
        Some("#:schema ./schemas/ou-layout.schema.json")
    );
}

#[test]
fn taplo_accepts_the_example_layout() {
    let (ok, output) = taplo_lint(&repo_dir(), "ou-layout.toml");
    assert!(ok, "{output}");
}

#[test]
fn taplo_reports_a_misspelt_key_where_orgguard_does() {
    let dir = example_with_schema();
    let path = dir.path().join("ou-layout.toml");
    let layout = std::fs::read_to_string(&path).unwrap();
    let misspelt = layout.replacen("member_role_name =", "member_role_nmae =", 1);
    assert_ne!(misspelt, layout);
    std::fs::write(&path, misspelt).unwrap();

    let (ok, output) = taplo_lint(dir.path(), "ou-layout.toml");
    assert!(!ok, "taplo accepted a misspelt key:\n{output}");
    assert!(
        output.contains("'member_role_nmae' was unexpected")
            && output.contains("ou-layout.toml:10:1"),
        "{output}"
    );

    // orgguard refuses the same key on the same line.
    let validated = orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    assert_eq!(validated.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&validated.stdout)
            .contains("ou-layout.toml:10:1: error[syntax]: unknown key `member_role_nmae`")
    );
}

#[test]
fn taplo_reports_a_value_of_the_wrong_type() {
    let dir = example_with_schema();
    let path = dir.path().join("ou-layout.toml");
    let layout = std::fs::read_to_string(&path).unwrap();
    let wrong = layout.replacen(
        "max_access_key_age_days = 90",
        "max_access_key_age_days = \"ninety\"",
        1,
    );
    assert_ne!(wrong, layout);
    std::fs::write(&path, wrong).unwrap();

    let (ok, output) = taplo_lint(dir.path(), "ou-layout.toml");
    assert!(!ok, "taplo accepted a string number of days:\n{output}");
    assert!(output.contains("ninety"), "{output}");
}

/// A second validator agrees with taplo on the example, which uses every
/// section (waivers' dates included).
#[test]
fn the_example_layout_fits_the_schema() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let text = std::fs::read_to_string(repo_dir().join("ou-layout.toml")).unwrap();
    let value = toml_as_json(&toml::from_str(&text).unwrap());
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!validator.is_valid(&serde_json::json!({"organization": {}})));
}

#[test]
fn the_schema_describes_keys_for_completion() {
    let schema = schema();
    assert_eq!(schema["title"], "ou-layout.toml");
    assert_eq!(schema["additionalProperties"], false);
    let settings = &schema["definitions"]["SettingsSection"]["properties"];
    assert_eq!(
        settings["member_role_name"]["description"],
        "The role orgguard assumes into member accounts."
    );
    assert_eq!(
        schema["definitions"]["Unmanaged"]["enum"],
        serde_json::json!(["keep", "delete"])
    );
}
