//! Compile-only guard for the names every vendor crate shares (psa-autotask, psa-connectwise,
//! psa-syncro): `from_env`, the builder and its shared setters, the raw escape hatch, `<Area>Api` handler types, the error classifier, the
//! idempotent create and its key rules, the public conversions to the core models, and the
//! `ConnectorExt::stream_*` streams next to the native handlers. If a name drifts, this file
//! stops compiling.
#![allow(dead_code, clippy::unwrap_used)]

use psa_connectwise::models;
use psa_connectwise::{
    CompaniesApi, ConnectWiseClient, ConnectWiseClientBuilder, ConnectWiseErrorClassifier,
    ContactsApi, IDEMPOTENCY_KEY_RULES, RawApi, TicketsApi,
};
use psa_core::idempotency::KeyRules;
use psa_core::transport::ErrorClassifier;
use psa_core::{
    ClientOptions, CompanyQuery, ConnectorExt, ContactQuery, Result, StageMap, TicketId,
    TicketQuery, Vendor,
};

fn classifier<C: ErrorClassifier>() {}

async fn entry_points() -> Result<()> {
    let _: ConnectWiseClient = ConnectWiseClient::from_env().await?;
    let _: ConnectWiseClientBuilder = ConnectWiseClientBuilder::from_env()?;
    let _: ConnectWiseClient = ConnectWiseClient::builder().build().await?;
    Ok(())
}

fn builder_setters(b: ConnectWiseClientBuilder) -> ConnectWiseClientBuilder {
    b.base_url("https://psa.example.com/")
        .options(ClientOptions::default())
        .max_concurrency(2)
        .page_size(100)
        .stage_map(StageMap::default_for(Vendor::ConnectWise))
        .idempotency_lookup(false)
}

fn handlers(client: &ConnectWiseClient) {
    let _: TicketsApi<'_> = client.tickets();
    let _: CompaniesApi<'_> = client.companies();
    let _: ContactsApi<'_> = client.contacts();
    let _: RawApi<'_> = client.raw();
    classifier::<ConnectWiseErrorClassifier>();
}

fn streams_next_to_handlers(client: &ConnectWiseClient) {
    let (tickets, companies, contacts) =
        (TicketQuery::new(), CompanyQuery::new(), ContactQuery::new());
    drop(client.stream_tickets(&tickets));
    drop(client.stream_tickets_from(&tickets, None));
    drop(client.stream_companies(&companies));
    drop(client.stream_contacts(&contacts));
    drop(client.stream_notes(TicketId(1)));
}

async fn idempotent_create(
    client: &ConnectWiseClient,
    input: &models::NewServiceTicket,
) -> Result<()> {
    client.tickets().create_once(input, "chat-7f3a").await?;
    let _found: Option<_> = client
        .tickets()
        .find_by_idempotency_key("chat-7f3a")
        .await?;
    Ok(())
}

async fn conversions(
    client: &ConnectWiseClient,
    ticket: &models::ServiceTicket,
    company: &models::Company,
    contact: &models::Contact,
    note: &models::ServiceNote,
) -> Result<()> {
    let _: psa_core::Ticket = client.to_core_ticket(ticket).await?;
    let _: psa_core::Company = client.to_core_company(company)?;
    let _: psa_core::Contact = client.to_core_contact(contact)?;
    let _: psa_core::Note = client.to_core_note(note)?;
    Ok(())
}

#[test]
fn the_idempotency_key_rules_name_the_vendor_field() {
    let rules: KeyRules = IDEMPOTENCY_KEY_RULES;
    assert_eq!(rules.vendor, Vendor::ConnectWise);
    assert_eq!(rules.field, "externalXRef");
    assert!(rules.check("chat-7f3a").is_ok());
}
