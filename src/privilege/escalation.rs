//! What makes a principal an administrator in practice: the permissions
//! that grant everything, or let a principal grant itself everything.
//!
//! The list follows Rhino Security Labs, "AWS IAM Privilege Escalation –
//! Methods and Mitigation" (Spencer Gietzen, 2018): each method there
//! whose permissions, allowed on every resource, reach administrator
//! rights without anyone else's help. docs/rules.md (IAM004) repeats it.

/// One way to administrator rights: every action must be allowed on `*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Path {
    pub actions: &'static [&'static str],
    /// How a finding names it.
    pub label: &'static str,
}

const fn path(actions: &'static [&'static str], label: &'static str) -> Path {
    Path { actions, label }
}

/// Checked in order; the first that holds is the one reported.
pub const PATHS: &[Path] = &[
    // The literal `*` alone would also pass a NotAction statement that
    // carves out IAM, Organizations and Account (PowerUserAccess): those
    // services are tried too.
    path(
        &[
            "*",
            "iam:PutRolePolicy",
            "organizations:LeaveOrganization",
            "account:PutAlternateContact",
        ],
        "allows * on *",
    ),
    path(
        &["iam:CreatePolicyVersion"],
        "can rewrite its own policies with iam:CreatePolicyVersion",
    ),
    path(
        &["iam:SetDefaultPolicyVersion"],
        "can switch its policies to another version with iam:SetDefaultPolicyVersion",
    ),
    path(
        &["iam:AttachUserPolicy"],
        "can attach any policy to a user with iam:AttachUserPolicy",
    ),
    path(
        &["iam:AttachGroupPolicy"],
        "can attach any policy to a group with iam:AttachGroupPolicy",
    ),
    path(
        &["iam:AttachRolePolicy"],
        "can attach any policy to a role with iam:AttachRolePolicy",
    ),
    path(
        &["iam:PutUserPolicy"],
        "can write any inline policy on a user with iam:PutUserPolicy",
    ),
    path(
        &["iam:PutGroupPolicy"],
        "can write any inline policy on a group with iam:PutGroupPolicy",
    ),
    path(
        &["iam:PutRolePolicy"],
        "can write any inline policy on a role with iam:PutRolePolicy",
    ),
    path(
        &["iam:AddUserToGroup"],
        "can add users to any group with iam:AddUserToGroup",
    ),
    path(
        &["iam:CreateAccessKey"],
        "can create access keys for any user with iam:CreateAccessKey",
    ),
    path(
        &["iam:CreateLoginProfile"],
        "can give any user a console password with iam:CreateLoginProfile",
    ),
    path(
        &["iam:UpdateLoginProfile"],
        "can change any user's console password with iam:UpdateLoginProfile",
    ),
    path(
        &["iam:UpdateAssumeRolePolicy"],
        "can make any role trust it with iam:UpdateAssumeRolePolicy",
    ),
    path(
        &["sts:AssumeRole"],
        "can assume any role with sts:AssumeRole on *",
    ),
    path(
        &["iam:PassRole", "ec2:RunInstances"],
        "can pass any role to an EC2 instance it starts with iam:PassRole and ec2:RunInstances",
    ),
    path(
        &[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:InvokeFunction",
        ],
        "can pass any role to a Lambda function it runs with iam:PassRole, lambda:CreateFunction and lambda:InvokeFunction",
    ),
    path(
        &["iam:PassRole", "glue:CreateDevEndpoint"],
        "can pass any role to a Glue endpoint with iam:PassRole and glue:CreateDevEndpoint",
    ),
    path(
        &["iam:PassRole", "cloudformation:CreateStack"],
        "can pass any role to a CloudFormation stack with iam:PassRole and cloudformation:CreateStack",
    ),
    path(
        &["iam:PassRole", "datapipeline:CreatePipeline"],
        "can pass any role to a data pipeline with iam:PassRole and datapipeline:CreatePipeline",
    ),
];
