//! The errors a new user meets on a first live run, one class each: what
//! the message says, the help line that names the fix, and that the SDK's
//! debug structure shows only with `-v`.

mod support;

use std::path::Path;

use support::proxy::{FaultProxy, Rule, access_denied, expired_token, invalid_token};
use support::seed::{self, MANAGEMENT_ACCOUNT, Seeder};

/// What a Rust debug dump of an SDK error looks like in a message.
const DEBUG_MARKERS: [&str; 5] = [
    "DispatchFailure",
    "ConnectorError",
    "CredentialsNotLoaded",
    "ServiceError {",
    "{ source:",
];

/// stderr with miette's wrapping undone, so a sentence can be looked for
/// whole.
fn flat(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_no_debug_dump(stderr: &str) {
    for marker in DEBUG_MARKERS {
        assert!(
            !stderr.contains(marker),
            "the message shows a debug structure ({marker}):\n{stderr}"
        );
    }
}

/// The example repository, pointed at moto's management account.
fn repo_for_moto() -> tempfile::TempDir {
    let repo = support::example_copy();
    let layout = repo.path().join("ou-layout.toml");
    let text = std::fs::read_to_string(&layout)
        .unwrap()
        .replace("id = \"o-exampleorg1\"\n", "")
        .replace("111111111111", MANAGEMENT_ACCOUNT);
    std::fs::write(&layout, text).unwrap();
    repo
}

/// An organization with one member account; returns its id.
fn small_org(endpoint: &str) -> String {
    seed::runtime().block_on(async {
        let mut s = Seeder::at(endpoint).await;
        s.organization().await;
        s.account("workload", "").await
    })
}

fn plan(cmd: &mut assert_cmd::Command, repo: &Path, verbose: bool) -> (i32, String) {
    cmd.arg("-C").arg(repo).arg("plan");
    if verbose {
        cmd.arg("-v");
    }
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), flat(&out.stderr))
}

#[test]
fn without_credentials_plan_says_where_it_looked_and_how_to_log_in() {
    let home = tempfile::tempdir().unwrap();
    let repo = support::example_copy();
    let clean = |cmd: &mut assert_cmd::Command| {
        cmd.env_clear()
            .env("HOME", home.path())
            .env("NO_COLOR", "1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ENDPOINT_URL", support::NOWHERE);
    };
    let mut cmd = assert_cmd::Command::cargo_bin("orgguard").unwrap();
    clean(&mut cmd);
    let (code, stderr) = plan(&mut cmd, repo.path(), false);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("DescribeOrganization failed: no AWS credentials were found"),
        "{stderr}"
    );
    for source in [
        "AWS_ACCESS_KEY_ID",
        "`default` profile",
        "~/.aws/config",
        "EC2 instance metadata",
        "--profile",
        "aws sso login",
        "--live FILE",
    ] {
        assert!(stderr.contains(source), "help lacks {source}:\n{stderr}");
    }
    assert!(
        !stderr.contains("AWS_ENDPOINT_URL"),
        "wrong advice:\n{stderr}"
    );
    assert_no_debug_dump(&stderr);

    // -v adds the SDK's own account of it.
    let mut cmd = assert_cmd::Command::cargo_bin("orgguard").unwrap();
    clean(&mut cmd);
    let (_, stderr) = plan(&mut cmd, repo.path(), true);
    assert!(stderr.contains("detail:"), "{stderr}");
    assert!(
        stderr.contains("no providers in chain provided credentials"),
        "{stderr}"
    );

    // Machines get the same classes; the detail only when asked for.
    for (verbose, detail) in [(false, false), (true, true)] {
        let mut cmd = assert_cmd::Command::cargo_bin("orgguard").unwrap();
        clean(&mut cmd);
        cmd.args(["--error-format", "json"]);
        let out = cmd
            .arg("-C")
            .arg(repo.path())
            .arg("plan")
            .args(if verbose { &["-v"][..] } else { &[] })
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&out.stderr);
        let error: serde_json::Value = serde_json::from_str(line.lines().last().unwrap()).unwrap();
        assert!(
            error["error"]["help"]
                .as_str()
                .unwrap()
                .contains("aws sso login"),
            "{error}"
        );
        assert_eq!(error["error"]["detail"].is_string(), detail, "{error}");
    }
}

#[test]
fn a_profile_that_cannot_give_credentials_says_to_log_in_again() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    // An IAM Identity Center profile whose login never happened: no token
    // in the SSO cache.
    std::fs::write(
        &config,
        "[profile ops]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
    )
    .unwrap();
    let repo = support::example_copy();
    let mut cmd = assert_cmd::Command::cargo_bin("orgguard").unwrap();
    cmd.env_clear()
        .env("HOME", home.path())
        .env("NO_COLOR", "1")
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", support::NOWHERE)
        .args(["--profile", "ops"]);
    let (code, stderr) = plan(&mut cmd, repo.path(), false);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("the AWS credentials could not be loaded"),
        "{stderr}"
    );
    assert!(stderr.contains("aws sso login --profile ops"), "{stderr}");
    assert_no_debug_dump(&stderr);
}

#[test]
fn an_expired_or_unknown_session_says_to_get_fresh_credentials() {
    let moto = support::moto();
    small_org(&moto.endpoint);
    let repo = repo_for_moto();
    for (fault, code) in [
        (expired_token("organizations"), "ExpiredTokenException"),
        (
            invalid_token("organizations"),
            "UnrecognizedClientException",
        ),
    ] {
        let proxy = FaultProxy::start(&moto.endpoint);
        proxy.add(Rule {
            when: Box::new(|r| r.service == "organizations"),
            fault,
            remaining: None,
        });
        let (code_out, stderr) = plan(
            &mut support::orgguard_at(&proxy.endpoint),
            repo.path(),
            false,
        );
        assert_eq!(code_out, 2, "{stderr}");
        assert!(
            stderr.contains(&format!("DescribeOrganization failed: {code}")),
            "{stderr}"
        );
        assert!(
            stderr.contains("the session has expired or the access key is not valid"),
            "{stderr}"
        );
        assert!(stderr.contains("aws sso login"), "{stderr}");
        assert_no_debug_dump(&stderr);
    }
}

#[test]
fn access_denied_names_the_action_the_principal_and_the_policy_that_grants_it() {
    let moto = support::moto();
    small_org(&moto.endpoint);
    let repo = repo_for_moto();
    let proxy = FaultProxy::start(&moto.endpoint);
    let principal = format!("arn:aws:sts::{MANAGEMENT_ACCOUNT}:assumed-role/orgguard-plan/gh");
    proxy.add(Rule {
        when: Box::new(|r| r.action == "ListRoots"),
        fault: access_denied("organizations", "ListRoots", &principal),
        remaining: None,
    });
    let (code, stderr) = plan(
        &mut support::orgguard_at(&proxy.endpoint),
        repo.path(),
        false,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("aws organizations ListRoots failed: AccessDeniedException"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{principal} needs organizations:ListRoots")),
        "{stderr}"
    );
    assert!(stderr.contains("`orgguard permissions plan`"), "{stderr}");
    assert_no_debug_dump(&stderr);
}

#[test]
fn member_account_credentials_are_told_to_use_the_management_account() {
    let moto = support::moto();
    let member = small_org(&moto.endpoint);
    let repo = repo_for_moto();
    // Credentials of the member account, as moto hands them out to a role
    // assumed there.
    let creds = seed::runtime().block_on(async {
        let config = support::sdk_config_at(&moto.endpoint).await;
        let out = aws_sdk_sts::Client::new(&config)
            .assume_role()
            .role_arn(format!(
                "arn:aws:iam::{member}:role/OrganizationAccountAccessRole"
            ))
            .role_session_name("ci")
            .send()
            .await
            .unwrap();
        out.credentials().unwrap().clone()
    });
    // AWS answers a member account's management-only calls so, without a
    // principal.
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.add(Rule {
        when: Box::new(|r| r.action == "ListRoots"),
        fault: support::proxy::json_error(
            400,
            "AccessDeniedException",
            "You don't have permissions to access this resource.",
        ),
        remaining: None,
    });
    let mut cmd = support::orgguard_at(&proxy.endpoint);
    cmd.env("AWS_ACCESS_KEY_ID", creds.access_key_id())
        .env("AWS_SECRET_ACCESS_KEY", creds.secret_access_key())
        .env("AWS_SESSION_TOKEN", creds.session_token());
    let (code, stderr) = plan(&mut cmd, repo.path(), false);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "these credentials are for account {member}, not the management account {MANAGEMENT_ACCOUNT}"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("delegated administrator"), "{stderr}");
    assert_no_debug_dump(&stderr);
}

#[test]
fn an_account_outside_any_organization_or_the_wrong_one_is_named() {
    let moto = support::moto();
    let repo = repo_for_moto();
    // No organization at all.
    let (code, stderr) = plan(&mut moto.orgguard(), repo.path(), false);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("AWSOrganizationsNotInUseException"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "account {MANAGEMENT_ACCOUNT} is not in an organization"
        )),
        "{stderr}"
    );
    assert_no_debug_dump(&stderr);

    // An organization, but not the layout's.
    small_org(&moto.endpoint);
    let (code, stderr) = plan(&mut moto.orgguard(), support::example_copy().path(), false);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("but ou-layout.toml is for management account 111111111111"),
        "{stderr}"
    );
    assert!(stderr.contains("--profile"), "{stderr}");
}

#[test]
fn an_endpoint_that_does_not_answer_gets_the_network_advice() {
    let repo = support::example_copy();
    let (code, stderr) = plan(&mut support::orgguard(), repo.path(), false);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("could not reach the endpoint") && stderr.contains("Connection refused"),
        "{stderr}"
    );
    assert!(
        stderr.contains("check the network, the region and AWS_ENDPOINT_URL"),
        "{stderr}"
    );
    assert_no_debug_dump(&stderr);
}

#[test]
fn a_member_role_that_cannot_be_assumed_says_what_to_check() {
    let moto = support::moto();
    let member = small_org(&moto.endpoint);
    let proxy = FaultProxy::start(&moto.endpoint);
    let principal = format!("arn:aws:sts::{MANAGEMENT_ACCOUNT}:assumed-role/orgguard-snapshot/gh");
    let target = member.clone();
    proxy.add(Rule {
        when: Box::new(move |r| r.action == "AssumeRole" && r.body.contains(&target)),
        fault: access_denied("sts", "AssumeRole", &principal),
        remaining: None,
    });
    let dir = tempfile::tempdir().unwrap();
    let out = support::orgguard_at(&proxy.endpoint)
        .current_dir(dir.path())
        .args(["snapshot", "--deep", "--regions", "us-east-1", "-o"])
        .arg(dir.path().join("live.json"))
        .output()
        .unwrap();
    let stderr = flat(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "warning: account {member} incomplete: sts AssumeRole: AccessDenied"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: OrganizationAccountAccessRole could not be assumed in 1 account(s)"),
        "{stderr}"
    );
    for check in [
        "exists there",
        &format!("management account {MANAGEMENT_ACCOUNT}"),
        "no SCP denies sts:AssumeRole",
        "orgguard permissions snapshot --deep",
    ] {
        assert!(stderr.contains(check), "help lacks {check}:\n{stderr}");
    }
    assert_no_debug_dump(&stderr);
}

#[test]
fn identity_center_refused_is_recorded_as_not_read_with_the_policy_to_grant() {
    let moto = support::moto();
    small_org(&moto.endpoint);
    let proxy = FaultProxy::start(&moto.endpoint);
    let principal = format!("arn:aws:sts::{MANAGEMENT_ACCOUNT}:assumed-role/orgguard-snapshot/gh");
    proxy.add(Rule {
        when: Box::new(|r| r.action == "ListInstances"),
        fault: access_denied("sso", "ListInstances", &principal),
        remaining: None,
    });
    let dir = tempfile::tempdir().unwrap();
    let out = support::orgguard_at(&proxy.endpoint)
        .current_dir(dir.path())
        .args(["snapshot", "-o"])
        .arg(dir.path().join("live.json"))
        .output()
        .unwrap();
    let stderr = flat(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: not read: sso-admin ListInstances: AccessDeniedException"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "help: the credentials in use may not call sso:ListInstances: `orgguard permissions snapshot`"
        ),
        "{stderr}"
    );
    assert_no_debug_dump(&stderr);
}
