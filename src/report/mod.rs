//! Report emitters: one per format behind one trait, each writing to a
//! `&mut dyn Write`.

pub mod audit_emit;
pub mod audit_json;
pub mod excel_csv;
pub mod findings_html;
pub mod findings_markdown;
pub mod html_parts;
pub mod iam_users_csv;
pub mod iam_users_markdown;
pub mod inventory_csv;
pub mod inventory_html;
pub mod inventory_markdown;
pub mod markdown_text;
