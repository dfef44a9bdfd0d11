//! The content diff a plan shows under a changed document (a change's
//! description and detail lines are its own: [`crate::plan::change`]).
//! The plan's formats (terraform-style text, Markdown for
//! a pull-request comment, JSON with a stable schema, docs/plan.md) are in
//! src/render/formats/.

pub mod content_diff;
