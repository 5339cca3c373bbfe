//! Permission preflight: what the API user may do, read without writing anything.
//!
//! The steps: the zone (discovery needs no credentials) → `GET /V1.0/Version` (credentials,
//! no entity rights) → `GET /V1.0/ThresholdInformation` (usage) → `GET
//! /V1.0/{Entity}/entityInformation` for each entity the integration needs
//! (`userAccessForQuery/Create/Update`: None, All or Restricted) → the ticket picklists → the
//! API user's own resource. Each check names the Autotask right, the outcome, the evidence, and
//! the screen and setting that grant it.

use std::collections::HashMap;

use psa_core::{
    Capability, Check, CheckOutcome, CheckSet, Error, ErrorKind, PreflightOptions, PreflightReport,
    Remedy, Result, Vendor,
};

use crate::AutotaskClient;
use crate::models::{EntityInformation, UserAccess};

mod projects;
use projects::PROJECT_RIGHTS;

/// The admin screen where security levels are edited.
pub const SECURITY_LEVELS_SCREEN: &str =
    "Admin > Account Settings & Users > Resources/Users (HR) > Security Levels";
/// The admin screen where the API user is edited.
pub const API_USER_SCREEN: &str =
    "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > (the API user)";
/// The advice every security-level remedy carries.
pub const COPY_ADVICE: &str = "Copy the built-in level \"API User (system) (API-only)\" (context menu > Copy) and assign the copy to the API user, rather than building a level from scratch: custom levels often miss Web Services API, Service Desk or CRM permissions.";

#[derive(Clone, Copy)]
enum Verb {
    Query,
    Create,
    Update,
}

impl Verb {
    fn field(self) -> &'static str {
        match self {
            Verb::Query => "userAccessForQuery",
            Verb::Create => "userAccessForCreate",
            Verb::Update => "userAccessForUpdate",
        }
    }
    fn word(self) -> &'static str {
        match self {
            Verb::Query => "query",
            Verb::Create => "create",
            Verb::Update => "update",
        }
    }
    fn access(self, info: &EntityInformation) -> (Option<&UserAccess>, Option<bool>) {
        match self {
            Verb::Query => (info.user_access_for_query.as_ref(), info.can_query),
            Verb::Create => (info.user_access_for_create.as_ref(), info.can_create),
            Verb::Update => (info.user_access_for_update.as_ref(), info.can_update),
        }
    }
}

struct Right {
    cap: Capability,
    entity: &'static str,
    verb: Verb,
    /// The security-level setting, as the admin finds it.
    setting: &'static str,
    why: &'static str,
}

const RIGHTS: &[Right] = &[
    Right {
        cap: Capability::ReadTickets,
        entity: "Tickets",
        verb: Verb::Query,
        setting: "Service Desk > Tickets: View = All",
        why: "needed to list and read tickets",
    },
    Right {
        cap: Capability::CreateTickets,
        entity: "Tickets",
        verb: Verb::Create,
        setting: "Service Desk > Tickets: Add = All",
        why: "needed to create tickets",
    },
    Right {
        cap: Capability::UpdateTickets,
        entity: "Tickets",
        verb: Verb::Update,
        setting: "Service Desk > Tickets: Edit = All",
        why: "needed to change tickets",
    },
    Right {
        cap: Capability::CloseTickets,
        entity: "Tickets",
        verb: Verb::Update,
        setting: "Service Desk > Tickets: Edit = All",
        why: "closing a ticket is an update of its status to Complete",
    },
    Right {
        cap: Capability::ReadNotes,
        entity: "TicketNotes",
        verb: Verb::Query,
        setting: "Service Desk > Ticket Notes: View = All",
        why: "needed to read ticket notes",
    },
    Right {
        cap: Capability::AddNotes,
        entity: "TicketNotes",
        verb: Verb::Create,
        setting: "Service Desk > Ticket Notes: Add = All",
        why: "needed to add ticket notes",
    },
    Right {
        cap: Capability::ReadCompanies,
        entity: "Companies",
        verb: Verb::Query,
        setting: "CRM > Companies: View = All",
        why: "needed to look up companies",
    },
    Right {
        cap: Capability::ReadContacts,
        entity: "Contacts",
        verb: Verb::Query,
        setting: "CRM > Contacts: View = All",
        why: "needed to look up contacts",
    },
    Right {
        cap: Capability::ReadResources,
        entity: "Resources",
        verb: Verb::Query,
        setting: "Admin > Resources/Users: View = All",
        why: "needed to look up resources (technicians) and the API user itself",
    },
    Right {
        cap: Capability::Attachments,
        entity: "TicketAttachments",
        verb: Verb::Create,
        setting: "Service Desk > Ticket Attachments: Add = All",
        why: "needed to attach files to tickets",
    },
    Right {
        cap: Capability::Webhooks,
        entity: "TicketWebhooks",
        verb: Verb::Create,
        setting: "Other > Webhooks: turned on, with \"Maximum number of Webhooks\" set to 1 or more",
        why: "needed to register ticket webhooks (off by default; optional, and each delivery counts against the API limits)",
    },
    Right {
        cap: Capability::ProvisionWebhooks,
        entity: "TicketWebhooks",
        verb: Verb::Create,
        setting: "Other > Webhooks: turned on, with \"Maximum number of Webhooks\" set to 3 or more (one each for tickets, companies, contacts)",
        why: "needed by ensure_webhooks to create and repair the integration's ticket, company and contact webhooks",
    },
    Right {
        cap: Capability::ReadOpportunities,
        entity: "Opportunities",
        verb: Verb::Query,
        setting: "CRM > Opportunities: View = All",
        why: "needed to list and read opportunities",
    },
    Right {
        cap: Capability::CreateOpportunities,
        entity: "Opportunities",
        verb: Verb::Create,
        setting: "CRM > Opportunities: Add = All",
        why: "needed to create opportunities",
    },
    Right {
        cap: Capability::ReadContracts,
        entity: "Contracts",
        verb: Verb::Query,
        setting: "Contracts > Contracts: View = All",
        why: "needed to list contracts",
    },
    Right {
        cap: Capability::ReadTimeEntries,
        entity: "TimeEntries",
        verb: Verb::Query,
        setting: "Time & Expense > Time Entries: View = All",
        why: "needed to list time entries",
    },
    Right {
        cap: Capability::ReadTicketCategories,
        entity: "TicketCategories",
        verb: Verb::Query,
        setting: "Admin > Features & Settings > Service Desk (Tickets): ticket categories readable by the API level",
        why: "needed to list ticket categories",
    },
];

/// The rows to check: the SDK's own rights asked for, then each optional set asked for.
fn rows(
    options: &PreflightOptions,
    wants: impl Fn(Capability) -> bool,
) -> Vec<(&'static Right, Option<CheckSet>)> {
    let mut rows: Vec<_> = RIGHTS
        .iter()
        .filter(|r| wants(r.cap))
        .map(|r| (r, None))
        .collect();
    if options.includes(CheckSet::Projects) {
        rows.extend(PROJECT_RIGHTS.iter().map(|r| (r, Some(CheckSet::Projects))));
    }
    rows
}

fn security_remedy(setting: &str, why: &str) -> Remedy {
    Remedy::new(
        format!("{SECURITY_LEVELS_SCREEN} > (the API user's security level)"),
        setting,
    )
    .with_detail(format!("{}; {COPY_ADVICE}", capitalize(why)))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn connect_remedy(e: &Error) -> Remedy {
    let lower = e.message().to_ascii_lowercase();
    if lower.contains("integrationcode") || lower.contains("integration code") {
        Remedy::new(
            format!("{API_USER_SCREEN} > API Tracking Identifier"),
            "Integration Vendor: selected, with this integration's vendor chosen in the list",
        )
        .with_detail("Autotask rejected the ApiIntegrationCode (AUTOTASK_INTEGRATION_CODE). It must be the tracking identifier of the vendor selected on the API user.")
    } else if e.kind() == ErrorKind::Discovery || lower.contains("zone information") {
        Remedy::new(
            format!("{API_USER_SCREEN} > Credentials"),
            "Username (Key): copy it exactly as generated",
        )
        .with_detail("No Autotask zone knows this username (AUTOTASK_USERNAME).")
    } else if e.kind() == ErrorKind::Unauthenticated {
        Remedy::new(
            format!("{API_USER_SCREEN} > Credentials"),
            "Generate Secret, then configure the new Password (Secret) (AUTOTASK_SECRET); it is shown only once",
        )
        .with_detail("Autotask rejected the UserName/Secret pair. Also check that the user is active and has an API-only security level (copied from \"API User (system) (API-only)\").")
    } else {
        Remedy::new(
            "the network between this program and Autotask",
            "allow HTTPS to *.autotask.net",
        )
        .with_detail(format!(
            "The check could not reach Autotask: {}",
            e.message()
        ))
    }
}

pub(crate) async fn run(
    client: &AutotaskClient,
    options: &PreflightOptions,
) -> Result<PreflightReport> {
    let zone = client.zone();
    let mut report = PreflightReport::new(Vendor::Autotask, client.api_base().to_string());
    let declared = crate::capabilities::CAPABILITIES;
    let rights = options.rights_to_check(declared);
    let wants = |cap: Capability| rights.contains(&cap);
    report.push_unsupported(options, declared);

    // Credentials: Version needs no entity rights.
    match client.version().await {
        Ok(v) => report.push(Check::new(
            Capability::Connect,
            "API user credentials (ApiIntegrationCode, UserName, Secret)",
            CheckOutcome::Granted,
            format!(
                "zone {} ({}); GET Version answered {v}",
                zone.zone_name, zone.api_url
            ),
        )),
        Err(e) => {
            let remedy = connect_remedy(&e);
            report.push(
                Check::new(
                    Capability::Connect,
                    "API user credentials (ApiIntegrationCode, UserName, Secret)",
                    CheckOutcome::Missing,
                    format!("GET Version failed: {}", e.message()),
                )
                .with_remedy(remedy.clone()),
            );
            report.push_not_checked(&rights, "the API user could not connect", &remedy);
            return Ok(report);
        }
    }

    match client.threshold().await {
        Ok(t) => report.usage = Some(t.to_api_usage()),
        Err(e) => tracing::debug!(error = %e, "preflight: ThresholdInformation failed"),
    }

    let mut infos: HashMap<&'static str, std::result::Result<EntityInformation, Error>> =
        HashMap::new();
    for (right, set) in rows(options, wants) {
        if !infos.contains_key(right.entity) {
            infos.insert(right.entity, client.entity_information(right.entity).await);
        }
        let label = format!(
            "{}: {} ({})",
            right.entity,
            right.verb.word(),
            right.setting
        );
        let check = match infos.get(right.entity) {
            Some(Ok(info)) => rights_check(right, &label, info),
            Some(Err(e)) => {
                let outcome = if e.kind() == ErrorKind::PermissionDenied {
                    CheckOutcome::Missing
                } else {
                    CheckOutcome::Unverified
                };
                Check::new(
                    right.cap,
                    label,
                    outcome,
                    format!("{}/entityInformation failed: {}", right.entity, e.message()),
                )
                .with_remedy(security_remedy(right.setting, right.why))
            }
            None => continue,
        };
        report.push(match set {
            Some(set) => check.in_set(set),
            None => check,
        });
    }

    if wants(Capability::BaseData) {
        report.push(base_data_check(client).await);
    }
    if wants(Capability::Impersonation) {
        report.push(impersonation_check(client));
    }

    match client.whoami().await {
        Ok(Some(r)) => {
            let name = [r.first_name.as_deref(), r.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            report.api_user = Some(format!(
                "{} (resource {}, userName {})",
                if name.trim().is_empty() {
                    client.username()
                } else {
                    name.trim()
                },
                r.id.map_or_else(|| "?".into(), |i| i.to_string()),
                r.user_name.as_deref().unwrap_or("?")
            ));
        }
        Ok(None) => report.api_user = Some(client.username().to_string()),
        Err(e) => {
            tracing::debug!(error = %e, "preflight: reading the API user's resource failed");
            report.api_user = Some(client.username().to_string());
        }
    }
    Ok(report)
}

fn rights_check(right: &Right, label: &str, info: &EntityInformation) -> Check {
    let (access, supported) = right.verb.access(info);
    let field = right.verb.field();
    if supported == Some(false) {
        return Check::new(
            right.cap,
            label,
            CheckOutcome::Missing,
            format!(
                "{}: can{} = false",
                right.entity,
                capitalize(right.verb.word())
            ),
        )
        .with_remedy(security_remedy(right.setting, right.why));
    }
    let (outcome, shown) = match access {
        Some(UserAccess::All) => (CheckOutcome::Granted, "All".to_string()),
        Some(UserAccess::Restricted) => (CheckOutcome::Partial, "Restricted".to_string()),
        Some(UserAccess::None) => (CheckOutcome::Missing, "None".to_string()),
        Some(other) => (CheckOutcome::Unverified, other.to_string()),
        None => (CheckOutcome::Unverified, "absent".to_string()),
    };
    let evidence = format!("{} entityInformation: {field} = {shown}", right.entity);
    let check = Check::new(right.cap, label, outcome, evidence);
    match outcome {
        CheckOutcome::Granted => check,
        CheckOutcome::Partial => check.with_remedy(
            security_remedy(right.setting, right.why).with_detail(format!(
                "Restricted: the level limits this to some records (e.g. the resource's own). {}; {COPY_ADVICE}",
                capitalize(right.why)
            )),
        ),
        _ => check.with_remedy(security_remedy(right.setting, right.why)),
    }
}

async fn base_data_check(client: &AutotaskClient) -> Check {
    let label = "Tickets: picklists (status, priority, queue) from entityInformation/fields";
    match client.ticket_picklists().await {
        Ok(p) if !p.status.values().is_empty() && !p.priority.values().is_empty() => Check::new(
            Capability::BaseData,
            label,
            CheckOutcome::Granted,
            format!(
                "{} statuses, {} priorities, {} queues",
                p.status.values().len(),
                p.priority.values().len(),
                p.queue.values().len()
            ),
        ),
        Ok(_) => Check::new(
            Capability::BaseData,
            label,
            CheckOutcome::Missing,
            "Tickets/entityInformation/fields returned no status or priority values",
        )
        .with_remedy(security_remedy(
            "Service Desk > Tickets: View = All",
            "needed to read the ticket picklists",
        )),
        Err(e) => Check::new(
            Capability::BaseData,
            label,
            if e.kind() == ErrorKind::PermissionDenied {
                CheckOutcome::Missing
            } else {
                CheckOutcome::Unverified
            },
            format!("Tickets/entityInformation/fields failed: {}", e.message()),
        )
        .with_remedy(security_remedy(
            "Service Desk > Tickets: View = All",
            "needed to read the ticket picklists",
        )),
    }
}

fn impersonation_check(client: &AutotaskClient) -> Check {
    let evidence = match client.impersonated_resource() {
        Some(id) => format!(
            "writes are made as resource {id}; Autotask offers no read-only call that shows the Resource Impersonation rights, so this is confirmed by the first write"
        ),
        None => "Autotask offers no read-only call that shows the Resource Impersonation rights; confirmed by the first impersonated write".to_string(),
    };
    Check::new(
        Capability::Impersonation,
        "Web Services API > Resource Impersonation (Tickets, Ticket Notes, Attachments)",
        CheckOutcome::Unverified,
        evidence,
    )
    .with_remedy(
        Remedy::new(
            format!("{SECURITY_LEVELS_SCREEN} > (the API user's security level) > Web Services API"),
            "Resource Impersonation: check Tickets, Ticket Notes and Attachments (Service Desk and Other/Shared rows)",
        )
        .with_detail("Also, on the security level of every resource to impersonate, enable \"Allow impersonation of resources with this security level\". API-only levels cannot be impersonated. Without these, impersonated writes fail with \"does not have the adequate permissions\"."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_rows_come_only_with_their_set() {
        let plain = rows(&PreflightOptions::all(), |_| true);
        assert!(plain.iter().all(|(_, set)| set.is_none()));
        let with = rows(
            &PreflightOptions::all().with_extra(CheckSet::Projects),
            |_| true,
        );
        let entities: Vec<_> = with
            .iter()
            .filter(|(_, set)| *set == Some(CheckSet::Projects))
            .map(|(r, _)| r.entity)
            .collect();
        for e in ["Projects", "Tasks", "ProjectNotes", "TaskNotes"] {
            assert!(entities.contains(&e), "{e}");
        }
    }

    #[test]
    fn every_right_names_a_screen_and_setting() {
        for r in RIGHTS.iter().chain(PROJECT_RIGHTS) {
            let rem = security_remedy(r.setting, r.why);
            assert!(rem.screen.starts_with("Admin > Account Settings & Users"));
            assert!(
                rem.detail
                    .as_deref()
                    .unwrap_or("")
                    .contains("API User (system) (API-only)")
            );
        }
    }

    #[test]
    fn access_levels_map_to_outcomes() {
        let right = &RIGHTS[1];
        for (v, o) in [
            (serde_json::json!(1), CheckOutcome::Granted),
            (serde_json::json!(2), CheckOutcome::Partial),
            (serde_json::json!(0), CheckOutcome::Missing),
            (serde_json::json!("None"), CheckOutcome::Missing),
            (serde_json::json!("All"), CheckOutcome::Granted),
            (serde_json::json!(9), CheckOutcome::Unverified),
        ] {
            let info: EntityInformation = serde_json::from_value(
                serde_json::json!({"canCreate": true, "userAccessForCreate": v}),
            )
            .unwrap();
            let c = rights_check(right, "x", &info);
            assert_eq!(c.outcome, o, "{v}");
            assert_eq!(c.remedy.is_some(), o != CheckOutcome::Granted);
        }
    }

    #[test]
    fn connect_remedies_name_the_credential() {
        let e = Error::new(ErrorKind::Unauthenticated, "IntegrationCode is invalid.");
        assert!(
            connect_remedy(&e)
                .screen
                .contains("API Tracking Identifier")
        );
        let e = Error::new(ErrorKind::Unauthenticated, "");
        assert!(connect_remedy(&e).setting.contains("Secret"));
        let e = Error::new(ErrorKind::Discovery, "not found in any zone");
        assert!(connect_remedy(&e).setting.contains("Username"));
    }
}
