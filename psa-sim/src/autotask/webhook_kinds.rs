//! The webhook entity families of Autotask's REST API (`Webhooks/REST_WebhooksEntity.htm`; the
//! Swagger paths `/V1.0/{Ticket,Company,Contact}Webhooks`, `…/{id}/Fields`,
//! `…/{id}/ExcludedResources`): each watched entity has a webhook entity with the same model
//! (`TicketWebhookModel` = `CompanyWebhookModel` = `ContactWebhookModel`), a field child and an
//! excluded-resource child. Kept here so the tables that treat the three alike name them once.

use super::fields::{FieldDef, Ty};
use super::kind::Kind;
use super::picklists::WEBHOOK_FIELD_IDS;

const fn f(name: &'static str, ty: Ty) -> FieldDef {
    FieldDef { name, ty }
}

/// `TicketWebhookModel`, `CompanyWebhookModel` and `ContactWebhookModel` (one shape).
pub(crate) static WEBHOOK_FIELDS: &[FieldDef] = &[
    f("id", Ty::Long),
    f("deactivationUrl", Ty::Str),
    f("isActive", Ty::Bool),
    f("isReady", Ty::Bool),
    f("isSubscribedToCreateEvents", Ty::Bool),
    f("isSubscribedToDeleteEvents", Ty::Bool),
    f("isSubscribedToUpdateEvents", Ty::Bool),
    f("name", Ty::Str),
    f("notificationEmailAddress", Ty::Str),
    f("ownerResourceID", Ty::Int),
    f("secretKey", Ty::Str),
    f("sendThresholdExceededNotification", Ty::Bool),
    f("webhookGUID", Ty::Str),
    f("webhookUrl", Ty::Str),
];

/// `{Ticket,Company,Contact}WebhookFieldModel`.
pub(crate) static WEBHOOK_FIELD_FIELDS: &[FieldDef] = &[
    f("id", Ty::Long),
    f("fieldID", Ty::Int),
    f("isDisplayAlwaysField", Ty::Bool),
    f("isSubscribedField", Ty::Bool),
    f("webhookID", Ty::Int),
];

/// `{Ticket,Company,Contact}WebhookExcludedResourceModel`.
pub(crate) static WEBHOOK_EXCLUDED_FIELDS: &[FieldDef] = &[
    f("id", Ty::Long),
    f("resourceID", Ty::Int),
    f("webhookID", Ty::Int),
];

/// One family: the entity watched and its three webhook entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Family {
    pub(crate) watched: Kind,
    pub(crate) hook: Kind,
    pub(crate) fields: Kind,
    pub(crate) excluded: Kind,
    /// The `fieldID` values of `{Family}WebhookFields/entityInformation/fields`: internal ids
    /// (the sim numbers them itself) and the REST name of the watched field.
    pub(crate) field_ids: &'static [(i64, &'static str)],
}

/// Company fields a company webhook can watch (`CompanyWebhookFields`).
pub(crate) const COMPANY_FIELD_IDS: &[(i64, &str)] = &[
    (2, "companyName"),
    (3, "companyNumber"),
    (4, "companyType"),
    (5, "isActive"),
    (6, "ownerResourceID"),
    (7, "parentCompanyID"),
    (8, "phone"),
    (9, "fax"),
    (10, "address1"),
    (11, "address2"),
    (12, "city"),
    (13, "state"),
    (14, "postalCode"),
    (15, "countryID"),
    (16, "webAddress"),
    (17, "classification"),
    (18, "territoryID"),
    (19, "lastTrackedModifiedDateTime"),
];

/// Contact fields a contact webhook can watch (`ContactWebhookFields`).
pub(crate) const CONTACT_FIELD_IDS: &[(i64, &str)] = &[
    (2, "firstName"),
    (3, "lastName"),
    (4, "emailAddress"),
    (5, "phone"),
    (6, "mobilePhone"),
    (7, "title"),
    (8, "isActive"),
    (9, "companyID"),
    (10, "primaryContact"),
    (11, "externalID"),
    (12, "lastModifiedDate"),
];

/// The three families.
pub(crate) const FAMILIES: [Family; 3] = [
    Family {
        watched: Kind::Tickets,
        hook: Kind::TicketWebhooks,
        fields: Kind::TicketWebhookFields,
        excluded: Kind::TicketWebhookExcludedResources,
        field_ids: WEBHOOK_FIELD_IDS,
    },
    Family {
        watched: Kind::Companies,
        hook: Kind::CompanyWebhooks,
        fields: Kind::CompanyWebhookFields,
        excluded: Kind::CompanyWebhookExcludedResources,
        field_ids: COMPANY_FIELD_IDS,
    },
    Family {
        watched: Kind::Contacts,
        hook: Kind::ContactWebhooks,
        fields: Kind::ContactWebhookFields,
        excluded: Kind::ContactWebhookExcludedResources,
        field_ids: CONTACT_FIELD_IDS,
    },
];

/// The family a webhook entity (webhook, field or excluded resource) belongs to.
pub(crate) fn family(kind: Kind) -> Option<&'static Family> {
    FAMILIES
        .iter()
        .find(|f| f.hook == kind || f.fields == kind || f.excluded == kind)
}

/// The family watching an entity.
pub(crate) fn watching(kind: Kind) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.watched == kind)
}

/// Whether `kind` is a webhook registration (`TicketWebhooks`, `CompanyWebhooks`, …).
pub(crate) fn is_hook(kind: Kind) -> bool {
    FAMILIES.iter().any(|f| f.hook == kind)
}

/// Whether `kind` is any webhook entity.
pub(crate) fn is_webhook_entity(kind: Kind) -> bool {
    family(kind).is_some()
}

impl Family {
    /// The watched field a `fieldID` stands for.
    pub(crate) fn field_name(&self, id: i64) -> Option<&'static str> {
        self.field_ids
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| *n)
    }
}

/// Whether a field of `kind` can be a webhook field (`isSupportedWebhookField`).
pub(crate) fn supported(kind: Kind, field: &str) -> bool {
    watching(kind).is_some_and(|f| f.field_ids.iter().any(|(_, n)| *n == field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_webhook_field_is_a_field_of_the_watched_entity() {
        for f in FAMILIES {
            assert!(
                f.field_ids
                    .iter()
                    .all(|(_, n)| f.watched.field(n).is_some())
            );
            assert_eq!(family(f.excluded), Some(&f));
            assert!(is_hook(f.hook) && !is_hook(f.fields));
        }
        assert!(supported(Kind::Companies, "companyName"));
        assert!(!supported(Kind::Resources, "email"));
        assert_eq!(FAMILIES[2].field_name(4), Some("emailAddress"));
    }
}
