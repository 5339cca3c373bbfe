//! Webhook signatures against vectors computed independently of this crate, and the payload.
//!
//! Both vectors were computed once with Python's standard library:
//!
//! ```text
//! python3 - <<'EOF'
//! import hmac,hashlib,base64
//! key=b"wh-secret-Key-01"
//! raw='{"Action":"Update","Guid":"6a1e8f0c-2b7d-4c1e-9f3a-0d5e7b9c1a2f","EntityType":"Ticket","Id":128926,"Fields":{"status":5,"title":"Printer <3rd floor> & co + caf\u00e9"},"EventTime":"2024-03-01T10:00:00.123Z","SequenceNumber":42,"PersonID":29682885}'
//! print(base64.b64encode(hmac.new(key,raw.encode(),hashlib.sha1).digest()).decode())
//! esc=raw.replace('<','\\u003C').replace('>','\\u003E').replace('&','\\u0026').replace('+','\\u002B').replace('\u00e9','\\u00E9')
//! print(base64.b64encode(hmac.new(key,esc.encode(),hashlib.sha1).digest()).decode())
//! EOF
//! ```
//! → `MSLMp4uazhYBq/LnVDqhgwrrKXA=` (raw body) and `mM9F+v9KbthwcoMzChXPbqovxvE=` (the body
//! re-escaped the .NET way).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use psa_autotask::webhooks::{
    VerifyOptions, WebhookAction, WebhookPayload, sign, verify_signature, verify_signature_with,
};
use psa_core::ErrorKind;
use secrecy::SecretString;

const BODY: &str = "{\"Action\":\"Update\",\"Guid\":\"6a1e8f0c-2b7d-4c1e-9f3a-0d5e7b9c1a2f\",\"EntityType\":\"Ticket\",\"Id\":128926,\"Fields\":{\"status\":5,\"title\":\"Printer <3rd floor> & co + caf\u{e9}\"},\"EventTime\":\"2024-03-01T10:00:00.123Z\",\"SequenceNumber\":42,\"PersonID\":29682885}";
const RAW_SIG: &str = "sha1=MSLMp4uazhYBq/LnVDqhgwrrKXA=";
const ESCAPED_SIG: &str = "sha1=mM9F+v9KbthwcoMzChXPbqovxvE=";

fn key() -> SecretString {
    SecretString::from("wh-secret-Key-01")
}

fn headers(sig: &str) -> http::HeaderMap {
    let mut h = http::HeaderMap::new();
    h.insert("x-hook-signature", sig.parse().unwrap());
    h
}

#[test]
fn the_documented_signature_over_the_raw_body_verifies() {
    verify_signature(&key(), &headers(RAW_SIG), BODY.as_bytes()).unwrap();
    assert_eq!(sign(&key(), BODY.as_bytes()), RAW_SIG);
}

#[test]
fn a_changed_body_or_key_or_signature_is_rejected() {
    let tampered = BODY.replace("\"status\":5", "\"status\":1");
    let e = verify_signature(&key(), &headers(RAW_SIG), tampered.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert!(
        verify_signature(
            &SecretString::from("other"),
            &headers(RAW_SIG),
            BODY.as_bytes()
        )
        .is_err()
    );
    assert!(
        verify_signature(
            &key(),
            &headers("sha1=AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            BODY.as_bytes()
        )
        .is_err()
    );
}

#[test]
fn the_reescaped_fallback_is_off_by_default_and_works_when_enabled() {
    let e = verify_signature(&key(), &headers(ESCAPED_SIG), BODY.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    verify_signature_with(
        &key(),
        &headers(ESCAPED_SIG),
        BODY.as_bytes(),
        VerifyOptions::default().allow_reescaped_body(true),
    )
    .unwrap();
    // The fallback does not make a wrong key pass.
    assert!(
        verify_signature_with(
            &SecretString::from("other"),
            &headers(ESCAPED_SIG),
            BODY.as_bytes(),
            VerifyOptions::default().allow_reescaped_body(true),
        )
        .is_err()
    );
}

#[test]
fn the_payload_is_typed() {
    let p = WebhookPayload::parse(BODY.as_bytes()).unwrap();
    assert_eq!(p.action, WebhookAction::Update);
    assert_eq!(p.entity_type, "Ticket");
    assert_eq!(p.id, 128_926);
    assert_eq!(p.field_i64("Status"), Some(5));
    assert_eq!(p.fields["title"], "Printer <3rd floor> & co + caf\u{e9}");
    assert_eq!(p.sequence_number, Some(42));
    assert_eq!(p.person_id, Some(29_682_885));
    assert_eq!(
        p.guid.as_deref(),
        Some("6a1e8f0c-2b7d-4c1e-9f3a-0d5e7b9c1a2f")
    );
    assert_eq!(
        p.event_time,
        Some(time::macros::datetime!(2024-03-01 10:00:00.123 UTC))
    );
    let d =
        WebhookPayload::parse(br#"{"Action":"Deactivated","EntityType":"Ticket","Id":0}"#).unwrap();
    assert_eq!(d.action, WebhookAction::Deactivated);
    let e = WebhookPayload::parse(b"<html>").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
}
