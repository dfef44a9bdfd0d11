//! Rules about resource control policies: the data-perimeter outage,
//! services RCPs do not reach, limits, and RCPs that do nothing.

pub mod blocks_aws_services;
pub mod on_management;
pub mod too_large;
pub mod too_many;
pub mod unsupported_service;

use crate::checks::context::OrgView;
use crate::org::Policy;
use crate::policy::kinds::PolicyKind;

/// The organization's RCPs other than RCPFullAWSAccess.
pub(crate) fn custom<'a>(org: &OrgView<'a>) -> impl Iterator<Item = &'a Policy> {
    let snapshot: &'a crate::org::Snapshot = org.snapshot;
    snapshot
        .rcps
        .iter()
        .filter(|p| !p.aws_managed && p.name != PolicyKind::Rcp.full_access())
}
