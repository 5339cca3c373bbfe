use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::flex;

/// A Syncro contract as `GET /contracts` lists it and `GET /contracts/{id}` returns it (flat,
/// not wrapped).
///
/// `contract_amount` is free text on the wire (the spec's example is `"30k"`), so it is kept as
/// text; `status` is the contract's sales status (e.g. `"Opportunity"`).
///
/// ```
/// let c: psa_syncro::models::Contract = serde_json::from_str(
///     r#"{"id":1,"customer_id":1,"name":"Support Tier 1","contract_amount":"30k","start_date":"2019-10-23T00:00:00.000Z","status":"Opportunity","likelihood":30}"#,
/// ).unwrap();
/// assert_eq!(c.contract_amount.as_deref(), Some("30k"));
/// assert_eq!(c.start_date.map(|d| d.year()), Some(2019));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    /// Contract id.
    #[serde(with = "flex::i64_lenient")]
    pub id: i64,
    /// Account id.
    #[serde(default, with = "flex::opt_i64")]
    pub account_id: Option<i64>,
    /// Customer.
    #[serde(default, with = "flex::opt_i64")]
    pub customer_id: Option<i64>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Amount, as the free text the API sends (`"30k"`).
    #[serde(default, deserialize_with = "flex::opt_text::deserialize")]
    pub contract_amount: Option<String>,
    /// Start.
    #[serde(default, with = "flex::opt_timestamp")]
    pub start_date: Option<OffsetDateTime>,
    /// End.
    #[serde(default, with = "flex::opt_timestamp")]
    pub end_date: Option<OffsetDateTime>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Sales status (`"Opportunity"` in the spec example).
    #[serde(default)]
    pub status: Option<String>,
    /// Likelihood, in percent.
    #[serde(default, with = "flex::opt_i64")]
    pub likelihood: Option<i64>,
    /// Applies to all of the customer's assets.
    #[serde(default, with = "flex::opt_bool")]
    pub apply_to_all: Option<bool>,
    /// SLA.
    #[serde(default, with = "flex::opt_i64")]
    pub sla_id: Option<i64>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Changed.
    #[serde(default, with = "flex::opt_timestamp")]
    pub updated_at: Option<OffsetDateTime>,
    /// Everything else (`primary_contact`…).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A ticket timer (Syncro's time entry) as `GET /ticket_timers` lists it.
///
/// ```
/// let t: psa_syncro::models::TicketTimer = serde_json::from_str(
///     r#"{"id":1,"ticket_id":1,"user_id":1,"start_time":"2013-08-06T13:41:15.000Z","end_time":"2013-08-06T14:41:15.000Z","billable":false,"billable_time":120}"#,
/// ).unwrap();
/// assert_eq!(t.minutes(), Some(60));
/// assert_eq!(t.billable_time, Some(120));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketTimer {
    /// Timer id.
    #[serde(with = "flex::i64_lenient")]
    pub id: i64,
    /// Ticket.
    #[serde(default, with = "flex::opt_i64")]
    pub ticket_id: Option<i64>,
    /// Technician.
    #[serde(default, with = "flex::opt_i64")]
    pub user_id: Option<i64>,
    /// Start.
    #[serde(default, with = "flex::opt_timestamp")]
    pub start_time: Option<OffsetDateTime>,
    /// End (`None` while the timer runs).
    #[serde(default, with = "flex::opt_timestamp")]
    pub end_time: Option<OffsetDateTime>,
    /// Recorded (charged to the ticket).
    #[serde(default, with = "flex::opt_bool")]
    pub recorded: Option<bool>,
    /// Billable.
    #[serde(default, with = "flex::opt_bool")]
    pub billable: Option<bool>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Product the time is charged as.
    #[serde(default, with = "flex::opt_i64")]
    pub product_id: Option<i64>,
    /// The comment the timer belongs to.
    #[serde(default, with = "flex::opt_i64")]
    pub comment_id: Option<i64>,
    /// The line item it was charged to.
    #[serde(default, with = "flex::opt_i64")]
    pub ticket_line_item_id: Option<i64>,
    /// Active duration (as the API sends it; `null` in the spec example).
    #[serde(default, with = "flex::opt_i64")]
    pub active_duration: Option<i64>,
    /// Billable time (as the API sends it; unit undocumented).
    #[serde(default, with = "flex::opt_i64")]
    pub billable_time: Option<i64>,
    /// Created.
    #[serde(default, with = "flex::opt_timestamp")]
    pub created_at: Option<OffsetDateTime>,
    /// Changed.
    #[serde(default, with = "flex::opt_timestamp")]
    pub updated_at: Option<OffsetDateTime>,
    /// Everything else (`toggl_id`, `billable_override`…).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TicketTimer {
    /// Whole minutes from start to end, when both are known.
    pub fn minutes(&self) -> Option<i64> {
        Some((self.end_time? - self.start_time?).whole_minutes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples_decode_and_odd_ids_fail() {
        let c: Contract = serde_json::from_value(serde_json::json!({"id": 1, "account_id": 1,
            "customer_id": 1, "name": "Support Tier 1", "contract_amount": "30k",
            "start_date": "2019-10-23T00:00:00.000Z", "end_date": "2020-10-22T00:00:00.000Z",
            "primary_contact": null, "description": "Contract Description",
            "created_at": "2019-10-22T10:00:55.392Z", "updated_at": "2019-10-22T10:00:55.392Z",
            "status": "Opportunity", "likelihood": 30, "apply_to_all": false, "sla_id": null}))
        .unwrap();
        assert_eq!(c.likelihood, Some(30));
        assert!(c.extra.contains_key("primary_contact"));
        assert!(serde_json::from_str::<Contract>(r#"{"id":[1]}"#).is_err());
        let t: TicketTimer = serde_json::from_str(r#"{"id":"4","end_time":null}"#).unwrap();
        assert_eq!((t.id, t.minutes()), (4, None));
    }
}

/// What to send to log or change a ticket timer (`POST /tickets/{id}/timer_entry`,
/// `PUT /tickets/{id}/update_timer_entry`). Only the fields set are sent; Syncro uses the
/// token's user when `user_id` is left out.
///
/// ```
/// use psa_syncro::models::TimerEntryInput;
/// use time::macros::datetime;
/// let t = TimerEntryInput::new()
///     .start_at(datetime!(2026-02-01 09:00 UTC))
///     .duration_minutes(45)
///     .notes("Replaced the toner");
/// t.validate().unwrap();
/// let body = serde_json::to_value(&t).unwrap();
/// assert_eq!(body["start_at"], "2026-02-01T09:00:00Z");
/// assert_eq!(body["duration_minutes"], 45);
/// assert!(body.get("user_id").is_none());
/// assert!(TimerEntryInput::new().duration_minutes(-5).validate().is_err());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TimerEntryInput {
    /// Start.
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub start_at: Option<OffsetDateTime>,
    /// End (on create; an update changes the duration instead).
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub end_at: Option<OffsetDateTime>,
    /// Duration in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<i64>,
    /// Technician (the token's user when left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Product the time is charged as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<i64>,
}

impl TimerEntryInput {
    /// An empty input.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets `start_at`.
    pub fn start_at(mut self, v: OffsetDateTime) -> Self {
        self.start_at = Some(v);
        self
    }
    /// Sets `end_at`.
    pub fn end_at(mut self, v: OffsetDateTime) -> Self {
        self.end_at = Some(v);
        self
    }
    /// Sets `duration_minutes`.
    pub fn duration_minutes(mut self, v: i64) -> Self {
        self.duration_minutes = Some(v);
        self
    }
    /// Sets `user_id`.
    pub fn user_id(mut self, v: i64) -> Self {
        self.user_id = Some(v);
        self
    }
    /// Sets `notes`.
    pub fn notes(mut self, v: impl Into<String>) -> Self {
        self.notes = Some(v.into());
        self
    }
    /// Sets `product_id`.
    pub fn product_id(mut self, v: i64) -> Self {
        self.product_id = Some(v);
        self
    }

    /// Refuses what Syncro would store wrongly: a negative duration, or an end before the
    /// start.
    pub fn validate(&self) -> psa_core::Result<()> {
        let bad = |m: &str| {
            Err(
                psa_core::Error::new(psa_core::ErrorKind::Validation, m.to_string())
                    .with_entity("ticket timers"),
            )
        };
        if self.duration_minutes.is_some_and(|d| d < 0) {
            return bad("duration_minutes must be 0 or more");
        }
        if let (Some(s), Some(e)) = (self.start_at, self.end_at)
            && e < s
        {
            return bad("end_at must not be before start_at");
        }
        Ok(())
    }
}

/// What to send to charge one timer of a ticket (`POST /tickets/{id}/charge_timer_entry`,
/// body `{"timer_entry_id": …}`; right: Ticket Timers - Overview): Syncro records the timer's
/// time on the ticket and answers the timer with `recorded: true`.
///
/// ```
/// use psa_syncro::models::ChargeTimerInput;
/// let input = ChargeTimerInput::new(3);
/// assert_eq!(serde_json::to_value(&input)?, serde_json::json!({"timer_entry_id": 3}));
/// assert!(ChargeTimerInput::new(0).validate().is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChargeTimerInput {
    /// The timer to charge (a timer of the ticket in the path).
    pub timer_entry_id: i64,
}

impl ChargeTimerInput {
    /// Charges the timer `timer_entry_id`.
    pub fn new(timer_entry_id: i64) -> Self {
        Self { timer_entry_id }
    }

    /// Refuses an id Syncro cannot hold (0 or negative).
    pub fn validate(&self) -> psa_core::Result<()> {
        if self.timer_entry_id <= 0 {
            return Err(psa_core::Error::new(
                psa_core::ErrorKind::Validation,
                format!(
                    "timer_entry_id must be a positive timer id (got {})",
                    self.timer_entry_id
                ),
            )
            .with_entity("ticket timers"));
        }
        Ok(())
    }
}

/// What to send to create or change a contract (`POST /contracts`, `PUT /contracts/{id}`; both
/// need Contracts - Edit). Only the fields set are sent; `customer_id` is required by the spec
/// on both.
///
/// ```
/// use psa_syncro::models::ContractInput;
/// let c = ContractInput::new(1).name("Support Tier 1").contract_amount("30k").likelihood(30);
/// c.validate().unwrap();
/// let body = serde_json::to_value(&c).unwrap();
/// assert_eq!(body["customer_id"], 1);
/// assert_eq!(body["contract_amount"], "30k");
/// assert!(body.get("status").is_none());
/// assert!(ContractInput::new(1).likelihood(120).validate().is_err());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContractInput {
    /// Customer (required).
    pub customer_id: i64,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Amount, free text (`"30k"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_amount: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Start.
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub start_date: Option<OffsetDateTime>,
    /// End.
    #[serde(skip_serializing_if = "Option::is_none", with = "flex::opt_timestamp")]
    pub end_date: Option<OffsetDateTime>,
    /// Sales status (`"Opportunity"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Likelihood, in percent (0–100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<i64>,
    /// Applies to all of the customer's assets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_to_all: Option<bool>,
    /// SLA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla_id: Option<i64>,
}

impl ContractInput {
    /// An input for `customer_id`.
    pub fn new(customer_id: i64) -> Self {
        Self {
            customer_id,
            ..Self::default()
        }
    }
    /// Sets `name`.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(v.into());
        self
    }
    /// Sets `contract_amount`.
    pub fn contract_amount(mut self, v: impl Into<String>) -> Self {
        self.contract_amount = Some(v.into());
        self
    }
    /// Sets `description`.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }
    /// Sets `start_date`.
    pub fn start_date(mut self, v: OffsetDateTime) -> Self {
        self.start_date = Some(v);
        self
    }
    /// Sets `end_date`.
    pub fn end_date(mut self, v: OffsetDateTime) -> Self {
        self.end_date = Some(v);
        self
    }
    /// Sets `status`.
    pub fn status(mut self, v: impl Into<String>) -> Self {
        self.status = Some(v.into());
        self
    }
    /// Sets `likelihood`.
    pub fn likelihood(mut self, v: i64) -> Self {
        self.likelihood = Some(v);
        self
    }
    /// Sets `apply_to_all`.
    pub fn apply_to_all(mut self, v: bool) -> Self {
        self.apply_to_all = Some(v);
        self
    }
    /// Sets `sla_id`.
    pub fn sla_id(mut self, v: i64) -> Self {
        self.sla_id = Some(v);
        self
    }

    /// Refuses a missing customer, a likelihood outside 0–100 and an end before the start.
    pub fn validate(&self) -> psa_core::Result<()> {
        let bad = |m: &str| {
            Err(
                psa_core::Error::new(psa_core::ErrorKind::Validation, m.to_string())
                    .with_entity("contracts"),
            )
        };
        if self.customer_id <= 0 {
            return bad("customer_id is required (the contract's customer)");
        }
        if self.likelihood.is_some_and(|l| !(0..=100).contains(&l)) {
            return bad("likelihood is a percentage: 0 to 100");
        }
        if let (Some(s), Some(e)) = (self.start_date, self.end_date)
            && e < s
        {
            return bad("end_date must not be before start_date");
        }
        Ok(())
    }
}
