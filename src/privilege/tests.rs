use super::*;

const ROLE: &str = "arn:aws:iam::222222222222:role/r";

fn doc(statements: &str) -> String {
    format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#)
}

fn of(docs: &[&str]) -> Privilege {
    let docs: Vec<String> = docs.iter().map(|d| doc(d)).collect();
    let sources: Vec<Source<'_>> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| Source {
            label: format!("p{i}"),
            document: Some(d.as_str()),
        })
        .collect();
    classify(ROLE, "222222222222", &sources)
}

#[test]
fn star_on_star_and_self_granting_iam_writes_are_admin() {
    let admin = of(&[r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#]);
    assert_eq!(
        admin,
        Privilege::Admin(Grant {
            how: "allows * on *",
            policies: vec!["p0".into()]
        })
    );
    let put =
        of(&[r#"{"Effect":"Allow","Action":["iam:PutRolePolicy","s3:GetObject"],"Resource":"*"}"#]);
    assert_eq!(
        put.grant().map(|g| g.how),
        Some("can write any inline policy on a role with iam:PutRolePolicy")
    );
    let wildcard = of(&[r#"{"Effect":"Allow","Action":"iam:Attach*","Resource":"*"}"#]);
    assert!(wildcard.is_admin());
    let assume = of(&[r#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}"#]);
    assert!(assume.is_admin());
    let mfa = of(&[
        r#"{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}"#,
    ]);
    assert!(
        mfa.is_admin(),
        "an MFA condition still leaves an administrator"
    );
}

#[test]
fn pass_role_counts_only_with_compute_and_combinations_name_no_single_policy() {
    assert_eq!(
        of(&[r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}"#]),
        Privilege::Limited
    );
    let together = of(&[
        r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}"#,
    ]);
    assert_eq!(
        together.grant().map(Grant::describe),
        Some("can pass any role to an EC2 instance it starts with iam:PassRole and ec2:RunInstances through its policies together".to_string())
    );
}

#[test]
fn read_only_scoped_and_denied_grants_are_not_admin() {
    assert_eq!(
        of(&[r#"{"Effect":"Allow","Action":["s3:Get*","ec2:Describe*"],"Resource":"*"}"#]),
        Privilege::Limited
    );
    assert_eq!(
        of(&[
            r#"{"Effect":"Allow","Action":"iam:PutRolePolicy","Resource":"arn:aws:iam::222222222222:role/app-*"}"#
        ]),
        Privilege::Limited,
        "a write on named roles only is not a path to everything"
    );
    assert_eq!(
        of(&[
            r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#,
            r#"{"Effect":"Deny","Action":"*","Resource":"*"}"#
        ]),
        Privilege::Limited
    );
}

#[test]
fn unread_documents_leave_the_answer_open_unless_another_policy_decides_it() {
    let sources = [Source {
        label: "inline policy old".into(),
        document: None,
    }];
    assert_eq!(
        classify(ROLE, "222222222222", &sources),
        Privilege::Unknown {
            unread: vec!["inline policy old".into()]
        }
    );
    let admin = doc(r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#);
    let both = [
        sources[0].clone(),
        Source {
            label: "AdministratorAccess".into(),
            document: Some(admin.as_str()),
        },
    ];
    assert!(classify(ROLE, "222222222222", &both).is_admin());
}

#[test]
fn aws_managed_policies_are_judged_by_their_documents() {
    let ps = |managed: &[&str]| PermissionSet {
        arn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1".into(),
        name: "PlatformAdmins".into(),
        description: String::new(),
        session_duration: None,
        relay_state: None,
        managed_policies: managed.iter().map(|s| s.to_string()).collect(),
        customer_managed_policies: vec![],
        inline_policy: None,
        permissions_boundary: None,
        tags: Default::default(),
        provisioned_accounts: vec![],
        outdated_accounts: vec![],
    };
    assert!(of_permission_set(&ps(&["arn:aws:iam::aws:policy/AdministratorAccess"])).is_admin());
    // PowerUserAccess cannot touch IAM, but it can assume any role.
    assert_eq!(
        of_permission_set(&ps(&["arn:aws:iam::aws:policy/PowerUserAccess"]))
            .grant()
            .map(|g| g.how),
        Some("can assume any role with sts:AssumeRole on *")
    );
    // A name is not a privilege.
    assert_eq!(
        of_permission_set(&ps(&["arn:aws:iam::aws:policy/ReadOnlyAccess"])),
        Privilege::Limited
    );
}
