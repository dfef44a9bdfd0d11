//! What AWS does with each change of a plan, on the snapshot model, and
//! what it refuses. The one fold step: the safety check replays a plan
//! through it before anything is applied (moto enforces none of AWS's
//! refusals, so orgguard must), and the convergence tests fold a plan in
//! and plan again, which must leave nothing to do.
//!
//! [`state`] holds the organization being folded; each resource kind folds
//! its own changes ([`super::resources`]); [`Folding::step`] hands each
//! change to its kind.

mod listed;
pub mod state;

pub use self::state::{Folding, Refusal};
use super::change::Change;
use super::resources::{
    account, attachment, contact, identity_center, ou, policy, tag, trusted_access,
};

impl Folding<'_> {
    /// Folds one change in, or says why AWS would refuse it or why it
    /// would leave the organization unsafe; a refused step changes nothing.
    pub fn step(&mut self, change: &Change) -> Result<(), Refusal> {
        match change {
            Change::Policy(c) => policy::fold(self, c),
            Change::Attachment(c) => attachment::fold(self, c),
            Change::Ou(c) => ou::fold(self, c),
            Change::Account(c) => account::fold(self, c),
            Change::Tag(c) => tag::fold(self, c),
            Change::Contact(c) => {
                contact::fold(&mut self.org, c);
                Ok(())
            }
            Change::TrustedAccess(c) => {
                trusted_access::fold(&mut self.org, c);
                Ok(())
            }
            Change::IdentityCenter(c) => {
                if let Some(ic) = self.identity_center.as_mut() {
                    identity_center::fold(ic.to_mut(), c);
                }
                Ok(())
            }
        }
    }
}
