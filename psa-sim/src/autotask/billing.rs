//! The billing catalogue the simulator seeds: Services (`ServiceModel`) and ContractServices
//! (`ContractServiceModel`, written under `Contracts/{id}/Services`), plus the seeded
//! Contracts and TimeEntries (their wire fields are in `sales.rs`).
//!
//! Seeded: the [`SERVICES`] catalogue; one contract per company with one service on it; one
//! time entry on each of the first [`TICKET_TIME_ENTRIES`] tickets and one on each seeded task.

use serde_json::{Value, json};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use super::dates;
use super::fields::{FieldDef, Ty};
use super::ids::{
    COMPANY_BASE, CONTRACT_BASE, RESOURCE_BASE, TICKET_BASE, TIME_ENTRY_BASE, technician_ids,
};
use super::kind::Kind;
use super::projects::{TASK_BASE, TASKS_PER_PROJECT};

macro_rules! fields {
    ($($name:literal : $ty:ident),* $(,)?) => {
        &[$(FieldDef { name: $name, ty: Ty::$ty }),*]
    };
}

/// `ServiceModel`.
pub(crate) static SERVICE_FIELDS: &[FieldDef] = fields![
    "id": Long, "billingCodeID": Int, "createDate": DateTime, "creatorResourceID": Int,
    "description": Str, "invoiceDescription": Str, "isActive": Bool,
    "lastModifiedDate": DateTime, "markupRate": Double, "name": Str, "periodType": Int,
    "serviceLevelAgreementID": Long, "unitCost": Double, "unitPrice": Double,
    "updateResourceID": Int, "vendorCompanyID": Int, "manufacturerServiceProvider": Str,
    "manufacturerServiceProviderProductNumber": Str, "catalogNumberPartNumber": Str, "sku": Str,
    "internalID": Str, "externalID": Str, "url": Str,
];

/// `ContractServiceModel`.
pub(crate) static CONTRACT_SERVICE_FIELDS: &[FieldDef] = fields![
    "id": Long, "contractID": Int, "internalCurrencyAdjustedPrice": Double,
    "internalCurrencyUnitPrice": Double, "internalDescription": Str, "invoiceDescription": Str,
    "quoteItemID": Long, "serviceID": Int, "unitCost": Double, "unitPrice": Double,
];

/// First service id.
pub(crate) const SERVICE_BASE: i64 = 29_683_701;
/// First contract service id.
pub(crate) const CONTRACT_SERVICE_BASE: i64 = 29_684_301;
/// Seeded tickets that carry a time entry (the first ones).
pub(crate) const TICKET_TIME_ENTRIES: i64 = 60;

/// The service catalogue: (name, monthly unit price, unit cost).
pub(crate) const SERVICES: &[(&str, f64, f64)] = &[
    ("Managed Workstation", 45.0, 12.0),
    ("Managed Server", 150.0, 40.0),
    ("Backup and Recovery", 80.0, 25.0),
];

/// `timeEntryType` of time on a ticket (`ITServiceRequest`) and on a project task.
const TIME_ON_TICKET: i64 = 2;
const TIME_ON_TASK: i64 = 6;

/// When seeded contracts start.
const EPOCH: OffsetDateTime = datetime!(2024-01-01 00:00:00 UTC);

/// What a create must carry (`ServicesEntity.htm`, `ContractServicesEntity.htm`).
pub(crate) fn required(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Services => &["name", "billingCodeID", "periodType", "unitPrice"],
        Kind::ContractServices => &["serviceID", "unitPrice"],
        _ => &[],
    }
}

/// Fields the server sets.
pub(crate) fn read_only(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Services => &[
            "id",
            "createDate",
            "creatorResourceID",
            "lastModifiedDate",
            "updateResourceID",
        ],
        Kind::ContractServices => &["id"],
        _ => &[],
    }
}

/// The entity a reference field points at (billing entities).
pub(crate) fn reference(kind: Kind, field: &str) -> Option<Kind> {
    match (kind, field) {
        (Kind::ContractServices, "contractID") => Some(Kind::Contracts),
        (Kind::ContractServices, "serviceID") => Some(Kind::Services),
        (Kind::Contracts, "companyID") => Some(Kind::Companies),
        (Kind::TimeEntries, "ticketID") => Some(Kind::Tickets),
        (Kind::TimeEntries, "taskID") => Some(Kind::Tasks),
        (Kind::TimeEntries, "contractID") => Some(Kind::Contracts),
        (Kind::TimeEntries, "resourceID") => Some(Kind::Resources),
        _ => None,
    }
}

/// How many time entries are seeded for `tickets` tickets and `companies` companies.
fn time_entries(tickets: i64, companies: i64) -> (i64, i64) {
    (
        tickets.min(TICKET_TIME_ENTRIES),
        companies.saturating_mul(TASKS_PER_PROJECT),
    )
}

/// The seeded id range of a billing entity.
pub(crate) fn seeded(kind: Kind, companies: i64, tickets: i64) -> std::ops::Range<i64> {
    match kind {
        Kind::Services => SERVICE_BASE..SERVICE_BASE + SERVICES.len() as i64,
        Kind::Contracts => CONTRACT_BASE..CONTRACT_BASE + companies,
        Kind::ContractServices => CONTRACT_SERVICE_BASE..CONTRACT_SERVICE_BASE + companies,
        Kind::TimeEntries => {
            let (on_tickets, on_tasks) = time_entries(tickets, companies);
            TIME_ENTRY_BASE..TIME_ENTRY_BASE + on_tickets + on_tasks
        }
        _ => 0..0,
    }
}

/// Generates seeded record `id` of a billing entity.
pub(crate) fn generate(kind: Kind, id: i64, companies: i64, tickets: i64) -> Value {
    match kind {
        Kind::Services => service(id - SERVICE_BASE),
        Kind::Contracts => contract(id - CONTRACT_BASE),
        Kind::ContractServices => contract_service(id - CONTRACT_SERVICE_BASE),
        Kind::TimeEntries => time_entry(id - TIME_ENTRY_BASE, companies, tickets),
        _ => json!({ "id": id }),
    }
}

fn service(i: i64) -> Value {
    let (name, price, cost) = SERVICES[usize::try_from(i).unwrap_or(0) % SERVICES.len()];
    json!({
        "id": SERVICE_BASE + i,
        "name": name,
        "description": format!("{name}, billed monthly per unit."),
        "invoiceDescription": name,
        "billingCodeID": 29_682_801,
        "periodType": 3,
        "unitPrice": price,
        "unitCost": cost,
        "markupRate": (price - cost) / cost,
        "isActive": true,
        "creatorResourceID": RESOURCE_BASE,
        "createDate": dates::wire(EPOCH - Duration::days(90)),
        "lastModifiedDate": dates::wire(EPOCH - Duration::days(90)),
    })
}

fn contract(i: i64) -> Value {
    let start = EPOCH + Duration::days(i * 7);
    let active = i % 4 != 3;
    json!({
        "id": CONTRACT_BASE + i,
        "companyID": COMPANY_BASE + i,
        "contractName": format!("Managed Services Agreement {}", i + 1),
        "contractNumber": format!("MSA-{:04}", i + 1),
        "contractType": 7,
        "contractCategory": 1,
        "contractPeriodType": 1,
        "billingPreference": 1,
        "status": if active { 1 } else { 0 },
        "isDefaultContract": i % 2 == 0,
        "isCompliant": true,
        "description": "Monthly managed services.",
        "startDate": dates::wire(start),
        "endDate": dates::wire(start + Duration::days(365)),
        "estimatedHours": 120.0,
        "estimatedRevenue": 12_000.0,
        "setupFee": 0.0,
        "timeReportingRequiresStartAndStopTimes": 1,
        "lastModifiedDateTime": dates::wire(start + Duration::days(3)),
    })
}

fn contract_service(i: i64) -> Value {
    let s = i % SERVICES.len() as i64;
    let (name, price, cost) = SERVICES[usize::try_from(s).unwrap_or(0)];
    json!({
        "id": CONTRACT_SERVICE_BASE + i,
        "contractID": CONTRACT_BASE + i,
        "serviceID": SERVICE_BASE + s,
        "invoiceDescription": name,
        "unitPrice": price,
        "unitCost": cost,
        "internalCurrencyUnitPrice": price,
        "internalCurrencyAdjustedPrice": price,
    })
}

fn time_entry(j: i64, companies: i64, tickets: i64) -> Value {
    let (on_tickets, _) = time_entries(tickets, companies);
    let companies = companies.max(1);
    let techs = technician_ids();
    let who = techs[usize::try_from(j).unwrap_or(0) % techs.len()];
    let hours = 0.5 + (j % 4) as f64 * 0.25;
    let start = EPOCH + Duration::days(30) + Duration::hours(j * 3);
    let end = start + Duration::minutes((hours * 60.0) as i64);
    let (parent, parent_id, kind, contract) = if j < on_tickets {
        // Seeded ticket `j` belongs to company `j % companies` (see seed.rs), whose contract
        // has the same index.
        let c = j % companies;
        (
            "ticketID",
            TICKET_BASE + j,
            TIME_ON_TICKET,
            json!(CONTRACT_BASE + c),
        )
    } else {
        (
            "taskID",
            TASK_BASE + (j - on_tickets),
            TIME_ON_TASK,
            Value::Null,
        )
    };
    let mut v = json!({
        "id": TIME_ENTRY_BASE + j,
        "resourceID": who,
        "roleID": super::ids::ROLE_ID,
        "timeEntryType": kind,
        "dateWorked": dates::wire(start.replace_time(time::Time::MIDNIGHT)),
        "startDateTime": dates::wire(start),
        "endDateTime": dates::wire(end),
        "hoursWorked": hours,
        "hoursToBill": hours,
        "offsetHours": 0.0,
        "summaryNotes": "Worked on the request with the customer.",
        "isNonBillable": j % 5 == 4,
        "showOnInvoice": true,
        "contractID": contract,
        "billingCodeID": 29_682_801,
        "creatorUserID": who,
        "createDateTime": dates::wire(end),
        "lastModifiedDateTime": dates::wire(end),
        "lastModifiedUserID": who,
    });
    v[parent] = json!(parent_id);
    v
}

/// Stamps the server-set fields of a new billing record.
pub(crate) fn on_create(kind: Kind, rec: &mut super::kind::Record, now: &str, who: i64) {
    let mut set = |f: &str, v: Value| {
        rec.insert(f.to_string(), v);
    };
    match kind {
        Kind::Services => {
            set("createDate", json!(now));
            set("creatorResourceID", json!(who));
            set("lastModifiedDate", json!(now));
        }
        Kind::Contracts => set("lastModifiedDateTime", json!(now)),
        Kind::TimeEntries => {
            set("createDateTime", json!(now));
            set("creatorUserID", json!(who));
            set("lastModifiedDateTime", json!(now));
            set("lastModifiedUserID", json!(who));
        }
        _ => {}
    }
}

/// Stamps the server-set fields of an updated billing record.
pub(crate) fn on_update(kind: Kind, rec: &mut super::kind::Record, now: &str, who: i64) {
    match kind {
        Kind::Services => {
            rec.insert("lastModifiedDate".into(), json!(now));
            rec.insert("updateResourceID".into(), json!(who));
        }
        Kind::Contracts => {
            rec.insert("lastModifiedDateTime".into(), json!(now));
        }
        Kind::TimeEntries => {
            rec.insert("lastModifiedDateTime".into(), json!(now));
            rec.insert("lastModifiedUserID".into(), json!(who));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_time_entries_are_on_tickets_then_tasks() {
        let range = seeded(Kind::TimeEntries, 3, 10);
        assert_eq!(range.clone().count(), 10 + 9);
        let first = generate(Kind::TimeEntries, range.start, 3, 10);
        assert_eq!(first["ticketID"], TICKET_BASE);
        assert_eq!(first["contractID"], CONTRACT_BASE);
        let last = generate(Kind::TimeEntries, range.end - 1, 3, 10);
        assert_eq!(last["taskID"], TASK_BASE + 8);
        assert!(last.get("ticketID").is_none());
    }

    #[test]
    fn contract_services_name_seeded_contracts_and_services() {
        for i in 0..5 {
            let cs = generate(Kind::ContractServices, CONTRACT_SERVICE_BASE + i, 5, 0);
            assert_eq!(cs["contractID"], CONTRACT_BASE + i);
            let s = cs["serviceID"].as_i64().unwrap();
            assert!(seeded(Kind::Services, 5, 0).contains(&s));
        }
        assert!(
            required(Kind::Services)
                .iter()
                .all(|f| SERVICE_FIELDS.iter().any(|d| d.name == *f))
        );
    }
}
