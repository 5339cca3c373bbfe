//! The in-memory account: users, customers, contacts, tickets with their comments and
//! attachments. Records are indexed by id in `BTreeMap`s, so lookups are `O(log n)` and lists
//! come out in id order without sorting.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use time::OffsetDateTime;

/// A technician (Syncro "user"). The token belongs to one of them.
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub(crate) id: i64,
    pub(crate) email: String,
    pub(crate) full_name: String,
    pub(crate) group: String,
    pub(crate) admin: bool,
    pub(crate) color: String,
    pub(crate) created_at: OffsetDateTime,
    pub(crate) updated_at: OffsetDateTime,
}

/// A customer (the MSP's client: a business or a person).
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    pub(crate) id: i64,
    pub(crate) firstname: Option<String>,
    pub(crate) lastname: Option<String>,
    pub(crate) business_name: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) mobile: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) address_2: Option<String>,
    pub(crate) city: Option<String>,
    pub(crate) state: Option<String>,
    pub(crate) zip: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) disabled: bool,
    pub(crate) no_email: bool,
    pub(crate) opt_out: bool,
    pub(crate) get_sms: bool,
    pub(crate) properties: Map<String, Value>,
    pub(crate) portal_key: String,
    pub(crate) created_at: OffsetDateTime,
    pub(crate) updated_at: OffsetDateTime,
}

impl Customer {
    /// `fullname`: first and last name joined.
    pub(crate) fn fullname(&self) -> String {
        let parts: Vec<&str> = [self.firstname.as_deref(), self.lastname.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        parts.join(" ")
    }

    /// `business_then_name`: the business name, else the person's name.
    pub(crate) fn business_then_name(&self) -> String {
        match self.business_name.as_deref().filter(|b| !b.is_empty()) {
            Some(b) => b.to_string(),
            None => self.fullname(),
        }
    }

    /// `business_and_full_name`: both, when there is a business.
    pub(crate) fn business_and_full_name(&self) -> String {
        let full = self.fullname();
        match self.business_name.as_deref().filter(|b| !b.is_empty()) {
            Some(b) if !full.is_empty() => format!("{b} - {full}"),
            Some(b) => b.to_string(),
            None => full,
        }
    }
}

/// A contact person of a customer.
#[derive(Debug, Clone)]
pub(crate) struct Contact {
    pub(crate) id: i64,
    pub(crate) customer_id: Option<i64>,
    pub(crate) name: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) mobile: Option<String>,
    pub(crate) address1: Option<String>,
    pub(crate) address2: Option<String>,
    pub(crate) city: Option<String>,
    pub(crate) state: Option<String>,
    pub(crate) zip: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) extension: Option<String>,
    pub(crate) opt_out: bool,
    pub(crate) properties: Map<String, Value>,
    pub(crate) created_at: OffsetDateTime,
    pub(crate) updated_at: OffsetDateTime,
}

/// A ticket comment (note).
#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub(crate) id: i64,
    pub(crate) ticket_id: i64,
    pub(crate) subject: String,
    pub(crate) body: String,
    pub(crate) tech: Option<String>,
    pub(crate) hidden: bool,
    /// Write-only on the wire: never returned by a GET.
    pub(crate) do_not_email: bool,
    pub(crate) sms_body: Option<String>,
    pub(crate) user_id: Option<i64>,
    /// Who was emailed (`"a@b.example, "` as the live API writes it), when the comment was public.
    pub(crate) destination_emails: Option<String>,
    pub(crate) created_at: OffsetDateTime,
    pub(crate) updated_at: OffsetDateTime,
}

/// A file attached to a ticket through `attach_file_url`.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    pub(crate) id: i64,
    pub(crate) file_name: String,
    pub(crate) url: String,
    pub(crate) created_at: OffsetDateTime,
}

/// A ticket.
#[derive(Debug, Clone)]
pub(crate) struct Ticket {
    pub(crate) id: i64,
    pub(crate) number: i64,
    pub(crate) subject: String,
    pub(crate) status: String,
    pub(crate) problem_type: Option<String>,
    pub(crate) priority: Option<String>,
    pub(crate) customer_id: i64,
    pub(crate) contact_id: Option<i64>,
    pub(crate) user_id: Option<i64>,
    pub(crate) ticket_type_id: Option<i64>,
    pub(crate) location_id: Option<i64>,
    pub(crate) sla_id: Option<i64>,
    pub(crate) signature_name: Option<String>,
    pub(crate) properties: Map<String, Value>,
    pub(crate) tag_list: Vec<String>,
    pub(crate) asset_ids: Vec<i64>,
    pub(crate) due_date: Option<OffsetDateTime>,
    pub(crate) start_at: Option<OffsetDateTime>,
    pub(crate) end_at: Option<OffsetDateTime>,
    pub(crate) resolved_at: Option<OffsetDateTime>,
    pub(crate) created_at: OffsetDateTime,
    pub(crate) updated_at: OffsetDateTime,
    /// Oldest first (the wire sends them newest first).
    pub(crate) comments: Vec<Comment>,
    pub(crate) attachments: Vec<Attachment>,
    pub(crate) creator_name: Option<String>,
}

/// Where new ids start. Comment ids start above 2^32 on purpose: real Syncro ids can exceed it.
pub(crate) mod ids {
    /// First user id.
    pub(crate) const USER: i64 = 101_201;
    /// First customer id.
    pub(crate) const CUSTOMER: i64 = 18_005_401;
    /// First contact id.
    pub(crate) const CONTACT: i64 = 1_751_201;
    /// First ticket id: the first ten seeded tickets stay below 2^32, every later one is above.
    pub(crate) const TICKET: i64 = (1_i64 << 32) - 10;
    /// First comment id (above 2^32).
    pub(crate) const COMMENT: i64 = 4_400_000_001;
    /// First attachment id.
    pub(crate) const ATTACHMENT: i64 = 9_100_001;
    /// First ticket number.
    pub(crate) const NUMBER: i64 = 1001;
    /// First lead id.
    pub(crate) const LEAD: i64 = 3_120_001;
}

/// The whole account.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    pub(crate) users: BTreeMap<i64, User>,
    pub(crate) customers: BTreeMap<i64, Customer>,
    pub(crate) contacts: BTreeMap<i64, Contact>,
    pub(crate) contacts_by_customer: HashMap<i64, Vec<i64>>,
    pub(crate) tickets: BTreeMap<i64, Ticket>,
    pub(crate) leads: BTreeMap<i64, Lead>,
    pub(crate) contracts: BTreeMap<i64, Contract>,
    pub(crate) timers: BTreeMap<i64, Timer>,
    pub(crate) invoices: BTreeMap<i64, Invoice>,
    /// Ticket ids in ascending order, so an unfiltered page is a slice, not a walk.
    ticket_order: Vec<i64>,
    next_customer: i64,
    next_contact: i64,
    next_ticket: i64,
    next_comment: i64,
    next_attachment: i64,
    next_number: i64,
    next_lead: i64,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            users: BTreeMap::new(),
            customers: BTreeMap::new(),
            contacts: BTreeMap::new(),
            contacts_by_customer: HashMap::new(),
            tickets: BTreeMap::new(),
            leads: BTreeMap::new(),
            contracts: BTreeMap::new(),
            timers: BTreeMap::new(),
            invoices: BTreeMap::new(),
            ticket_order: Vec::new(),
            next_customer: ids::CUSTOMER,
            next_contact: ids::CONTACT,
            next_ticket: ids::TICKET,
            next_comment: ids::COMMENT,
            next_attachment: ids::ATTACHMENT,
            next_number: ids::NUMBER,
            next_lead: ids::LEAD,
        }
    }
}

impl Store {
    pub(crate) fn new_customer_id(&mut self) -> i64 {
        let id = self.next_customer;
        self.next_customer += 1;
        id
    }

    pub(crate) fn new_contact_id(&mut self) -> i64 {
        let id = self.next_contact;
        self.next_contact += 1;
        id
    }

    pub(crate) fn new_lead_id(&mut self) -> i64 {
        let id = self.next_lead;
        self.next_lead += 1;
        id
    }

    pub(crate) fn new_ticket_id(&mut self) -> i64 {
        let id = self.next_ticket;
        self.next_ticket += 1;
        id
    }

    pub(crate) fn new_comment_id(&mut self) -> i64 {
        let id = self.next_comment;
        self.next_comment += 1;
        id
    }

    pub(crate) fn new_attachment_id(&mut self) -> i64 {
        let id = self.next_attachment;
        self.next_attachment += 1;
        id
    }

    /// The next ticket number, and keeps numbers given by clients from being reused.
    pub(crate) fn new_number(&mut self) -> i64 {
        let n = self.next_number;
        self.next_number += 1;
        n
    }

    /// Records a number a client chose, so automatic numbers continue after it.
    pub(crate) fn saw_number(&mut self, n: i64) {
        if n >= self.next_number {
            self.next_number = n.saturating_add(1);
        }
    }

    pub(crate) fn insert_customer(&mut self, c: Customer) {
        self.contacts_by_customer.entry(c.id).or_default();
        self.customers.insert(c.id, c);
    }

    pub(crate) fn insert_contact(&mut self, c: Contact) {
        if let Some(cid) = c.customer_id {
            self.contacts_by_customer.entry(cid).or_default().push(c.id);
        }
        self.contacts.insert(c.id, c);
    }

    /// Inserts a new ticket or replaces a stored one.
    pub(crate) fn insert_ticket(&mut self, t: Ticket) {
        let id = t.id;
        if self.tickets.insert(id, t).is_none() {
            match self.ticket_order.last() {
                Some(&last) if last > id => {
                    let at = self.ticket_order.partition_point(|&x| x < id);
                    self.ticket_order.insert(at, id);
                }
                _ => self.ticket_order.push(id),
            }
        }
    }

    pub(crate) fn remove_ticket(&mut self, id: i64) -> Option<Ticket> {
        let t = self.tickets.remove(&id)?;
        if let Ok(at) = self.ticket_order.binary_search(&id) {
            self.ticket_order.remove(at);
        }
        Some(t)
    }

    /// Page `skip..skip + per` of all tickets, newest (highest id) first.
    pub(crate) fn newest_tickets(&self, skip: usize, per: usize) -> impl Iterator<Item = &Ticket> {
        let end = self.ticket_order.len().saturating_sub(skip);
        let start = end.saturating_sub(per);
        self.ticket_order[start..end]
            .iter()
            .rev()
            .filter_map(|id| self.tickets.get(id))
    }

    /// The contacts of a customer, in id order.
    pub(crate) fn contacts_of(&self, customer_id: i64) -> Vec<&Contact> {
        self.contacts_by_customer
            .get(&customer_id)
            .map(|ids| ids.iter().filter_map(|id| self.contacts.get(id)).collect())
            .unwrap_or_default()
    }

    pub(crate) fn user(&self, id: Option<i64>) -> Option<&User> {
        id.and_then(|id| self.users.get(&id))
    }

    pub(crate) fn contact(&self, id: Option<i64>) -> Option<&Contact> {
        id.and_then(|id| self.contacts.get(&id))
    }
}

/// The simulator's "now" for seeded data (fixed, so seeds are reproducible).
pub(crate) const SEED_NOW: OffsetDateTime = time::macros::datetime!(2025-06-02 14:00 UTC);

/// A contract as the account holds it.
#[derive(Debug, Clone)]
pub(crate) struct Contract {
    pub(crate) id: i64,
    pub(crate) customer_id: i64,
    pub(crate) name: String,
    pub(crate) contract_amount: String,
    pub(crate) start_date: OffsetDateTime,
    pub(crate) end_date: OffsetDateTime,
    pub(crate) description: String,
    pub(crate) status: String,
    pub(crate) likelihood: i64,
    pub(crate) created_at: OffsetDateTime,
    pub(crate) updated_at: OffsetDateTime,
}

/// A ticket timer as the account holds it.
#[derive(Debug, Clone)]
pub(crate) struct Timer {
    pub(crate) id: i64,
    pub(crate) ticket_id: i64,
    pub(crate) user_id: Option<i64>,
    pub(crate) start_time: OffsetDateTime,
    pub(crate) end_time: OffsetDateTime,
    pub(crate) billable: bool,
    pub(crate) notes: Option<String>,
    pub(crate) created_at: OffsetDateTime,
    /// Charged (`POST /tickets/{id}/charge_timer_entry`).
    pub(crate) recorded: bool,
}

/// An invoice as the account holds it (amounts in cents).
#[derive(Debug, Clone)]
pub(crate) struct Invoice {
    pub(crate) id: i64,
    pub(crate) customer_id: i64,
    pub(crate) customer_name: String,
    pub(crate) number: String,
    pub(crate) ticket_id: Option<i64>,
    pub(crate) total_cents: i64,
    pub(crate) paid: bool,
    pub(crate) date: OffsetDateTime,
    pub(crate) created_at: OffsetDateTime,
}

/// A lead as the account holds it.
#[derive(Debug, Clone)]
pub(crate) struct Lead {
    pub(crate) id: i64,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) business_name: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) mobile: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) city: Option<String>,
    pub(crate) state: Option<String>,
    pub(crate) zip: Option<String>,
    pub(crate) status: String,
    pub(crate) ticket_subject: Option<String>,
    pub(crate) ticket_description: Option<String>,
    pub(crate) ticket_problem_type: Option<String>,
    pub(crate) ticket_id: Option<i64>,
    pub(crate) customer_id: Option<i64>,
    pub(crate) contact_id: Option<i64>,
    pub(crate) mailbox_id: Option<i64>,
    pub(crate) user_id: Option<i64>,
    pub(crate) location_id: Option<i64>,
    pub(crate) message_read: bool,
    pub(crate) created_at: time::OffsetDateTime,
    pub(crate) updated_at: time::OffsetDateTime,
}

impl Lead {
    /// An empty lead with this id, created now.
    pub(crate) fn new(id: i64, now: time::OffsetDateTime) -> Self {
        Lead {
            id,
            first_name: None,
            last_name: None,
            business_name: None,
            email: None,
            phone: None,
            mobile: None,
            address: None,
            city: None,
            state: None,
            zip: None,
            status: "New".to_string(),
            ticket_subject: None,
            ticket_description: None,
            ticket_problem_type: None,
            ticket_id: None,
            customer_id: None,
            contact_id: None,
            mailbox_id: None,
            user_id: None,
            location_id: None,
            message_read: false,
            created_at: now,
            updated_at: now,
        }
    }

    /// The business name, else the linked customer's, else first + last name.
    pub(crate) fn business_then_name(&self, s: &Store) -> String {
        if let Some(b) = self.business_name.as_deref().filter(|b| !b.is_empty()) {
            return b.to_string();
        }
        if let Some(c) = self.customer_id.and_then(|id| s.customers.get(&id)) {
            return c.business_then_name();
        }
        format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or(""),
            self.last_name.as_deref().unwrap_or("")
        )
        .trim()
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn customer(first: Option<&str>, last: Option<&str>, business: Option<&str>) -> Customer {
        let t = datetime!(2025-01-01 0:00 UTC);
        Customer {
            id: 1,
            firstname: first.map(String::from),
            lastname: last.map(String::from),
            business_name: business.map(String::from),
            email: None,
            phone: None,
            mobile: None,
            address: None,
            address_2: None,
            city: None,
            state: None,
            zip: None,
            notes: None,
            disabled: false,
            no_email: false,
            opt_out: false,
            get_sms: false,
            properties: Map::new(),
            portal_key: String::new(),
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn customer_names_combine_as_syncro_shows_them() {
        let c = customer(Some("Walkin"), Some("Customer"), None);
        assert_eq!(c.fullname(), "Walkin Customer");
        assert_eq!(c.business_then_name(), "Walkin Customer");
        assert_eq!(c.business_and_full_name(), "Walkin Customer");
        let b = customer(Some("Ann"), Some("Lee"), Some("Keystone Financial"));
        assert_eq!(b.business_then_name(), "Keystone Financial");
        assert_eq!(b.business_and_full_name(), "Keystone Financial - Ann Lee");
        let only = customer(None, None, Some("Acme"));
        assert_eq!(only.fullname(), "");
        assert_eq!(only.business_and_full_name(), "Acme");
    }

    #[test]
    fn ids_cross_two_to_the_32() {
        let mut s = Store::default();
        let first = s.new_ticket_id();
        assert!(first < 1 << 32);
        for _ in 0..20 {
            s.new_ticket_id();
        }
        assert!(s.new_ticket_id() > 1 << 32);
        assert!(s.new_comment_id() > 1 << 32);
    }

    #[test]
    fn newest_pages_are_slices_that_follow_inserts_and_removals() {
        let mut s = crate::syncro::seed::build(crate::syncro::seed::SeedSpec {
            seed: 1,
            companies: 1,
            contacts_per_company: 0,
            tickets: 7,
            notes_per_ticket: 0,
        });
        let all: Vec<i64> = s.tickets.keys().rev().copied().collect();
        let page = |s: &Store, skip, per| {
            s.newest_tickets(skip, per)
                .map(|t| t.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(page(&s, 0, 3), all[..3]);
        assert_eq!(page(&s, 6, 3), all[6..]);
        assert!(page(&s, 9, 3).is_empty());
        let removed = s.remove_ticket(all[1]).unwrap();
        assert_eq!(page(&s, 0, 2), vec![all[0], all[2]]);
        s.insert_ticket(removed);
        assert_eq!(page(&s, 0, 7), all);
    }

    #[test]
    fn client_numbers_push_the_counter() {
        let mut s = Store::default();
        s.saw_number(5000);
        assert_eq!(s.new_number(), 5001);
        s.saw_number(10);
        assert_eq!(s.new_number(), 5002);
    }
}
