//! What a plan changes, one module per kind of resource: each owns the diff
//! that drafts its changes and the fold step that says what AWS does with
//! them, which the safety check and the convergence tests share
//! ([`crate::plan::fold`]). Each kind's change record, with its action,
//! description and address, is the module of the same name under
//! [`crate::plan::change`], so records (which saved plans hold) never
//! depend on planning.

pub mod account;
pub mod assignment;
pub mod attachment;
pub mod contact;
pub mod ic_change;
pub mod identity_center;
pub mod ou;
pub mod permission_set;
pub mod policy;
pub mod tag;
pub mod trusted_access;

#[cfg(test)]
mod tests;
