//! The desired state: `ou-layout.toml` and `policies/`, loaded, templated
//! and checked.

pub mod check;
mod check_rcps;
pub mod load;
pub mod paths;
pub mod schema;
pub mod template;

pub use load::{LAYOUT_FILE, Layout, Loaded, POLICIES_DIR, PolicyFile, load};
