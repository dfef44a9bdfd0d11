//! What each change says in a plan: its one-line description, detail lines
//! and content diff. The plan's formats (terraform-style text, Markdown for
//! a pull-request comment, JSON with a stable schema, docs/plan.md) are in
//! src/render/formats/.

pub mod content_diff;
pub mod describe;
