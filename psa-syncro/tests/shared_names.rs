//! Compile-only guard for the names every vendor crate shares (psa-autotask, psa-connectwise,
//! psa-syncro): `from_env`, the builder and its shared setters, the raw escape hatch, `<Area>Api` handler types (areas named as the vendor names them), the error classifier, the
//! idempotent create and its key rules, the public conversions to the core models, and the
//! `ConnectorExt::stream_*` streams next to the native handlers. If a name drifts, this file
//! stops compiling.
#![allow(dead_code, clippy::unwrap_used)]

use psa_core::idempotency::KeyRules;
use psa_core::transport::ErrorClassifier;
use psa_core::{
    ClientOptions, CompanyQuery, ConnectorExt, ContactQuery, Result, StageMap, TicketId,
    TicketQuery, Vendor,
};
use psa_syncro::models;
use psa_syncro::{
    ContactsApi, CustomersApi, IDEMPOTENCY_KEY_RULES, RawApi, SyncroClient, SyncroClientBuilder,
    SyncroErrorClassifier, TicketsApi,
};

fn classifier<C: ErrorClassifier>() {}

async fn entry_points() -> Result<()> {
    let _: SyncroClient = SyncroClient::from_env().await?;
    let _: SyncroClientBuilder = SyncroClientBuilder::from_env()?;
    let _: SyncroClient = SyncroClient::builder().build().await?;
    Ok(())
}

fn builder_setters(b: SyncroClientBuilder) -> SyncroClientBuilder {
    b.base_url("https://psa.example.com/")
        .options(ClientOptions::default())
        .max_concurrency(2)
        .page_size(100)
        .stage_map(StageMap::default_for(Vendor::Syncro))
        .idempotency_lookup(false)
}

fn handlers(client: &SyncroClient) {
    let _: TicketsApi<'_> = client.tickets();
    let _: CustomersApi<'_> = client.customers(); // Syncro calls companies customers
    let _: ContactsApi<'_> = client.contacts();
    let _: RawApi<'_> = client.raw();
    classifier::<SyncroErrorClassifier>();
}

fn streams_next_to_handlers(client: &SyncroClient) {
    let (tickets, companies, contacts) =
        (TicketQuery::new(), CompanyQuery::new(), ContactQuery::new());
    drop(client.stream_tickets(&tickets));
    drop(client.stream_tickets_from(&tickets, None));
    drop(client.stream_companies(&companies));
    drop(client.stream_contacts(&contacts));
    drop(client.stream_notes(TicketId(1)));
}

async fn idempotent_create(client: &SyncroClient, input: &models::TicketInput) -> Result<()> {
    client.tickets().create_once(input, "chat-7f3a").await?;
    let _found: Option<_> = client
        .tickets()
        .find_by_idempotency_key("chat-7f3a")
        .await?;
    Ok(())
}

async fn conversions(
    client: &SyncroClient,
    ticket: &models::Ticket,
    company: &models::Customer,
    contact: &models::Contact,
    note: &models::Comment,
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
    assert_eq!(rules.vendor, Vendor::Syncro);
    assert_eq!(rules.field, "idempotency_key");
    assert!(rules.check("chat-7f3a").is_ok());
}
