//! Seeding moto with organizations for tests.
