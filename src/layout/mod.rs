//! The desired state: `ou-layout.toml` and `policies/`, loaded, templated
//! and checked.

pub mod check;
pub mod check_accounts;
pub mod check_identity_center;
pub mod check_trusted_access;
pub mod desired;
pub mod identity_center;
pub mod inline_policies;
pub mod load;
pub mod model;
pub mod paths;
pub mod report;
pub mod schema;
pub mod sections;
pub mod template;
pub mod trusted_access;
pub mod unmanaged;
pub mod write;

pub use load::{LAYOUT_FILE, Layout, Loaded, POLICIES_DIR, PolicyFile, load};
