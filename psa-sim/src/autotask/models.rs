//! The wire models of the core entities (field names, casing and types from Autotask's Swagger
//! document, `specs/autotask-swagger.json`), used by `entities.rs`.

use super::fields::{FieldDef, Ty};

macro_rules! fields {
    ($($name:literal : $ty:ident),* $(,)?) => {
        &[$(FieldDef { name: $name, ty: Ty::$ty }),*]
    };
}

/// `TicketModel` (75 fields).
pub(crate) static TICKET_FIELDS: &[FieldDef] = fields![
    "id": Long, "apiVendorID": Int, "assignedResourceID": Int, "assignedResourceRoleID": Int,
    "billingCodeID": Int, "changeApprovalBoard": Int, "changeApprovalStatus": Int,
    "changeApprovalType": Int, "changeInfoField1": Str, "changeInfoField2": Str,
    "changeInfoField3": Str, "changeInfoField4": Str, "changeInfoField5": Str, "companyID": Int,
    "companyLocationID": Int, "completedByResourceID": Int, "completedDate": DateTime,
    "configurationItemID": Int, "contactID": Int, "contractID": Int,
    "contractServiceBundleID": Long, "contractServiceID": Long, "createDate": DateTime,
    "createdByContactID": Int, "creatorResourceID": Int, "creatorType": Int,
    "currentServiceThermometerRating": Int, "description": Str, "dueDateTime": DateTime,
    "estimatedHours": Double, "externalID": Str, "firstResponseAssignedResourceID": Int,
    "firstResponseDateTime": DateTime, "firstResponseDueDateTime": DateTime,
    "firstResponseInitiatingResourceID": Int, "hoursToBeScheduled": Double,
    "impersonatorCreatorResourceID": Int, "isAssignedToComanaged": Bool, "issueType": Int,
    "isVisibleToComanaged": Bool, "lastActivityDate": DateTime, "lastActivityPersonType": Int,
    "lastActivityResourceID": Int, "lastCustomerNotificationDateTime": DateTime,
    "lastCustomerVisibleActivityDateTime": DateTime, "lastTrackedModificationDateTime": DateTime,
    "monitorID": Long, "monitorTypeID": Int, "opportunityID": Int,
    "organizationalLevelAssociationID": Int, "previousServiceThermometerRating": Int,
    "priority": Int, "problemTicketId": Int, "projectID": Int, "purchaseOrderNumber": Str,
    "queueID": Int, "resolution": Str, "resolutionPlanDateTime": DateTime,
    "resolutionPlanDueDateTime": DateTime, "resolvedDateTime": DateTime,
    "resolvedDueDateTime": DateTime, "rmaStatus": Int, "rmaType": Int, "rmmAlertID": Str,
    "serviceLevelAgreementHasBeenMet": Bool, "serviceLevelAgreementID": Int,
    "serviceLevelAgreementPausedNextEventHours": Double, "serviceThermometerTemperature": Int,
    "source": Int, "status": Int, "subIssueType": Int, "ticketCategory": Int,
    "ticketNumber": Str, "ticketType": Int, "title": Str,
];

/// `TicketNoteModel`.
pub(crate) static NOTE_FIELDS: &[FieldDef] = fields![
    "id": Long, "createDateTime": DateTime, "createdByContactID": Int, "creatorResourceID": Int,
    "description": Str, "impersonatorCreatorResourceID": Int,
    "impersonatorUpdaterResourceID": Int, "lastActivityDate": DateTime, "noteType": Int,
    "publish": Int, "ticketID": Int, "title": Str,
];

/// `CompanyModel`.
pub(crate) static COMPANY_FIELDS: &[FieldDef] = fields![
    "id": Long, "additionalAddressInformation": Str, "address1": Str, "address2": Str,
    "alternatePhone1": Str, "alternatePhone2": Str, "apiVendorID": Int, "assetValue": Double,
    "billToCompanyLocationID": Int, "billToAdditionalAddressInformation": Str,
    "billingAddress1": Str, "billingAddress2": Str, "billToAddressToUse": Int,
    "billToAttention": Str, "billToCity": Str, "billToCountryID": Int, "billToState": Str,
    "billToZipCode": Str, "city": Str, "classification": Int, "companyCategoryID": Int,
    "companyName": Str, "companyNumber": Str, "companyType": Int, "competitorID": Int,
    "countryID": Int, "createDate": DateTime, "createdByResourceID": Int, "currencyID": Int,
    "fax": Str, "impersonatorCreatorResourceID": Int, "invoiceEmailMessageID": Int,
    "invoiceMethod": Int, "invoiceNonContractItemsToParentCompany": Bool,
    "invoiceTemplateID": Int, "isActive": Bool, "isClientPortalActive": Bool,
    "isEnabledForComanaged": Bool, "isSample": Bool, "isTaskFireActive": Bool,
    "isTaxExempt": Bool, "lastActivityDate": DateTime, "lastTrackedModifiedDateTime": DateTime,
    "marketSegmentID": Int, "ownerResourceID": Int, "parentCompanyID": Int, "phone": Str,
    "postalCode": Str, "purchaseOrderTemplateID": Int, "quoteEmailMessageID": Int,
    "quoteTemplateID": Int, "sicCode": Str, "state": Str, "stockMarket": Str,
    "stockSymbol": Str, "surveyCompanyRating": Double, "taxID": Str, "taxRegionID": Int,
    "territoryID": Int, "webAddress": Str,
];

/// `ContactModel` (`isActive` is an integer here, unlike the other entities).
pub(crate) static CONTACT_FIELDS: &[FieldDef] = fields![
    "id": Long, "additionalAddressInformation": Str, "addressLine": Str, "addressLine1": Str,
    "alternatePhone": Str, "apiVendorID": Int, "bulkEmailOptOutTime": DateTime, "city": Str,
    "companyID": Int, "companyLocationID": Int, "countryID": Int, "createDate": DateTime,
    "emailAddress": Str, "emailAddress2": Str, "emailAddress3": Str, "extension": Str,
    "externalID": Str, "facebookUrl": Str, "faxNumber": Str, "firstName": Str,
    "impersonatorCreatorResourceID": Int, "isActive": Int, "isOptedOutFromBulkEmail": Bool,
    "lastActivityDate": DateTime, "lastModifiedDate": DateTime, "lastName": Str,
    "linkedInUrl": Str, "middleInitial": Str, "mobilePhone": Str, "namePrefix": Int,
    "nameSuffix": Int, "note": Str, "receivesEmailNotifications": Bool, "phone": Str,
    "primaryContact": Bool, "billingContact": Bool, "roomNumber": Str,
    "solicitationOptOut": Bool, "solicitationOptOutTime": DateTime, "state": Str,
    "surveyOptOut": Bool, "title": Str, "twitterUrl": Str, "zipCode": Str,
];

/// `ResourceModel`.
pub(crate) static RESOURCE_FIELDS: &[FieldDef] = fields![
    "id": Long, "accountingReferenceID": Str, "dateFormat": Str,
    "defaultServiceDeskRoleID": Long, "email": Str, "email2": Str, "email3": Str,
    "emailTypeCode": Str, "emailTypeCode2": Str, "emailTypeCode3": Str, "firstName": Str,
    "gender": Str, "greeting": Int, "hireDate": DateTime, "homePhone": Str, "initials": Str,
    "internalCost": Double, "isActive": Bool, "lastName": Str, "licenseType": Int,
    "locationID": Int, "middleName": Str, "mobilePhone": Str, "numberFormat": Str,
    "officeExtension": Str, "officePhone": Str, "payrollIdentifier": Str, "payrollType": Int,
    "resourceType": Str, "suffix": Int, "surveyResourceRating": Double, "timeFormat": Str,
    "title": Str, "travelAvailabilityPct": Str, "userName": Str, "userType": Int,
];

/// `TicketAttachmentModel`.
pub(crate) static ATTACHMENT_FIELDS: &[FieldDef] = fields![
    "id": Long, "attachDate": DateTime, "attachedByContactID": Long,
    "attachedByResourceID": Long, "attachmentType": Str, "contentType": Str, "creatorType": Int,
    "fileSize": Double, "fullPath": Str, "impersonatorCreatorResourceID": Int,
    "opportunityID": Long, "parentAttachmentID": Int, "parentID": Long, "publish": Int,
    "ticketID": Int, "ticketNoteID": Int, "timeEntryID": Int, "title": Str, "data": Str,
    "parentType": Int, "isTaskAttachment": Bool,
];
