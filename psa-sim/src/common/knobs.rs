//! The builder knobs every simulator shares (seed sizes, latency, faults, port), kept in one
//! struct with one set of setters, generated into each vendor's builder by [`shared_knobs!`].

use std::time::Duration;

use super::faults::Faults;

/// The settings every simulator builder has, with the same defaults: seed 1; 5 companies with
/// 3 contacts each; 50 tickets with 2 notes each; no latency, no faults; any free port.
#[derive(Debug, Clone)]
pub(crate) struct Knobs {
    pub(crate) seed: u64,
    pub(crate) companies: usize,
    pub(crate) contacts_per_company: usize,
    pub(crate) tickets: usize,
    pub(crate) notes_per_ticket: usize,
    pub(crate) latency: Duration,
    pub(crate) faults: Faults,
    pub(crate) port: u16,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            seed: 1,
            companies: 5,
            contacts_per_company: 3,
            tickets: 50,
            notes_per_ticket: 2,
            latency: Duration::ZERO,
            faults: Faults::none(),
            port: 0,
        }
    }
}

/// The sizes and seed of a generated tenant, as every simulator's seeding reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SeedSizes {
    pub(crate) seed: u64,
    pub(crate) companies: usize,
    pub(crate) contacts_per_company: usize,
    pub(crate) tickets: usize,
    pub(crate) notes_per_ticket: usize,
}

impl Knobs {
    /// The seed sizes of these knobs.
    pub(crate) fn sizes(&self) -> SeedSizes {
        SeedSizes {
            seed: self.seed,
            companies: self.companies,
            contacts_per_company: self.contacts_per_company,
            tickets: self.tickets,
            notes_per_ticket: self.notes_per_ticket,
        }
    }

    /// Refuses sizes no tenant can have: tickets need a company to belong to.
    pub(crate) fn check(&self) -> std::io::Result<()> {
        if self.tickets > 0 && self.companies == 0 {
            return Err(invalid_input(format!(
                "tickets({}) need at least one company: set companies(n) to 1 or more",
                self.tickets
            )));
        }
        Ok(())
    }
}

/// The error a builder's `start` returns for a setting it cannot serve.
pub(crate) fn invalid_input(msg: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, msg.into())
}

/// The setters of [`Knobs`], for a builder with a `knobs: Knobs` field. Expands inside the
/// builder's `impl` block.
macro_rules! shared_knobs {
    () => {
        /// Seed of the generated data (and of generated credentials): same seed and sizes,
        /// same tenant.
        pub fn seed(mut self, seed: u64) -> Self {
            self.knobs.seed = seed;
            self
        }

        /// Number of companies (Syncro: customers) to seed; at least one when there are
        /// tickets.
        pub fn companies(mut self, n: usize) -> Self {
            self.knobs.companies = n;
            self
        }

        /// Contacts seeded per company.
        pub fn contacts_per_company(mut self, n: usize) -> Self {
            self.knobs.contacts_per_company = n;
            self
        }

        /// Tickets to seed, spread over the companies; 100,000 is practical.
        pub fn tickets(mut self, n: usize) -> Self {
            self.knobs.tickets = n;
            self
        }

        /// Notes (Syncro: comments) seeded per ticket.
        pub fn notes_per_ticket(mut self, n: usize) -> Self {
            self.knobs.notes_per_ticket = n;
            self
        }

        /// Delay added before every request is handled (Autotask: inside the thread limit,
        /// so slow requests hold their thread).
        pub fn latency(mut self, latency: std::time::Duration) -> Self {
            self.knobs.latency = latency;
            self
        }

        /// Random faults (5xx, 429, dropped connections, truncated bodies, failures after a
        /// write was stored); see [`Faults`](crate::Faults).
        pub fn faults(mut self, faults: $crate::Faults) -> Self {
            self.knobs.faults = faults;
            self
        }

        /// The port to bind on 127.0.0.1 (default 0: any free port).
        pub fn port(mut self, port: u16) -> Self {
            self.knobs.port = port;
            self
        }
    };
}

pub(crate) use shared_knobs;
