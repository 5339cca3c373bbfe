//! Which picklist a field of an entity uses, and whether a value is acceptable: the rules that
//! join the entities (`entities.rs`), the tenant's picklists (`picklists.rs`) and the sales lists
//! (`sales.rs`), kept apart so none of those imports another in a circle.

use super::entities::Kind;
use super::fields::Ty;
use super::picklists::*;

/// The `fieldID` picklist of a webhook field entity, shaped from its family's field table.
fn webhook_picks(kind: Kind) -> Option<Vec<Pick>> {
    let family = super::webhook_kinds::family(kind).filter(|f| f.fields == kind)?;
    Some(family.field_ids.iter().map(|(id, n)| p(*id, n)).collect())
}

/// The picklist of a field, if it is one.
pub(crate) fn of(kind: Kind, field: &str) -> Option<Vec<Pick>> {
    let list: &[Pick] = match (kind, field) {
        (Kind::Tickets, "status") => STATUS,
        (Kind::Tickets, "priority") => PRIORITY,
        (Kind::Tickets, "queueID") => QUEUE,
        (Kind::Tickets, "source") => SOURCE,
        (Kind::Tickets, "issueType") => ISSUE_TYPE,
        (Kind::Tickets, "subIssueType") => SUB_ISSUE_TYPE,
        (Kind::Tickets, "ticketType") => TICKET_TYPE,
        (Kind::Tickets, "ticketCategory") => TICKET_CATEGORY,
        (Kind::Tickets, "creatorType") => CREATOR_TYPE,
        (Kind::TicketNotes, "noteType") => NOTE_TYPE,
        (Kind::TicketNotes | Kind::TicketAttachments, "publish") => PUBLISH,
        (Kind::Companies, "companyType") => COMPANY_TYPE,
        (Kind::Resources, "licenseType") => LICENSE_TYPE,
        (k, "fieldID") if webhook_picks(k).is_some() => return webhook_picks(k),
        (Kind::Opportunities, "stage") => super::sales::STAGE,
        (Kind::Opportunities, "status") => super::sales::STATUS,
        (Kind::Opportunities, "opportunityCategoryID") => super::sales::CATEGORY,
        (Kind::Opportunities, "leadSource") => super::sales::LEAD_SOURCE,
        _ => return super::projects::picklist(kind, field).map(<[Pick]>::to_vec),
    };
    Some(list.to_vec())
}

/// The field a dependent picklist hangs under.
pub(crate) fn parent_field(kind: Kind, field: &str) -> Option<&'static str> {
    match (kind, field) {
        (Kind::Tickets, "subIssueType") => Some("issueType"),
        _ => None,
    }
}

/// Whether `value` is an active entry of the field's picklist (true for non-picklist fields).
pub(crate) fn accepts(kind: Kind, field: &str, ty: Ty, value: i64) -> bool {
    if !matches!(ty, Ty::Int | Ty::Long) {
        return true;
    }
    match of(kind, field) {
        Some(list) => list.iter().any(|p| p.value == value && p.active),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inactive_values_are_refused() {
        assert!(accepts(Kind::Tickets, "status", Ty::Int, 8));
        assert!(!accepts(Kind::Tickets, "status", Ty::Int, 13));
        assert!(!accepts(Kind::Tickets, "priority", Ty::Int, 9));
        assert!(accepts(Kind::Tickets, "title", Ty::Str, 0));
    }

    #[test]
    fn webhook_field_ids_map_to_ticket_fields() {
        use super::super::webhook_kinds::{FAMILIES, supported};
        assert_eq!(FAMILIES[0].field_name(4), Some("status"));
        assert!(supported(Kind::Tickets, "title"));
        assert_eq!(
            of(Kind::CompanyWebhookFields, "fieldID").map(|l| l.len()),
            Some(FAMILIES[1].field_ids.len())
        );
        assert!(
            WEBHOOK_FIELD_IDS
                .iter()
                .all(|(_, n)| Kind::Tickets.field(n).is_some())
        );
    }
}
