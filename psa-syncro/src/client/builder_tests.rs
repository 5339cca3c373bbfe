use super::*;
use psa_core::ErrorKind;
use secrecy::ExposeSecret;

fn base() -> SyncroClientBuilder {
    SyncroClient::builder().api_token("t0ken-value")
}

#[tokio::test]
async fn base_domains() {
    let c = base()
        .subdomain("shop")
        .base_domain("repairshopr.com")
        .build()
        .await
        .unwrap();
    assert_eq!(
        c.base_url().as_str(),
        "https://shop.repairshopr.com/api/v1/"
    );
    let c = base()
        .subdomain("shop.repairshopr.com")
        .build()
        .await
        .unwrap();
    assert_eq!(
        c.base_url().as_str(),
        "https://shop.repairshopr.com/api/v1/"
    );
    let err = base()
        .subdomain("acme")
        .base_domain("example.com")
        .build()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("allow_custom_base_domain"),
        "{err}"
    );
    let c = base()
        .subdomain("acme")
        .base_domain("example.com")
        .allow_custom_base_domain(true)
        .build()
        .await
        .unwrap();
    assert_eq!(c.base_url().as_str(), "https://acme.example.com/api/v1/");
    let err = base()
        .subdomain("shop.repairshopr.com")
        .base_domain("syncromsp.com")
        .build()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("repairshopr.com"), "{err}");
}

#[tokio::test]
async fn missing_settings_are_named() {
    let err = SyncroClient::builder()
        .subdomain("acme")
        .build()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("api_token is not set"), "{err}");
    let err = base().build().await.unwrap_err();
    assert!(err.to_string().contains("subdomain is not set"), "{err}");
}

#[tokio::test]
async fn env_errors_name_the_variable() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    let err = SyncroClientBuilder::from_vars(vars(&[("SYNCRO_SUBDOMAIN", "acme")]))
        .unwrap()
        .build()
        .await
        .unwrap_err();
    assert_eq!(err.message(), "SYNCRO_API_TOKEN is not set");
    let err = SyncroClientBuilder::from_vars(vars(&[("SYNCRO_API_TOKEN", "tok")]))
        .unwrap()
        .build()
        .await
        .unwrap_err();
    assert_eq!(err.message(), "SYNCRO_SUBDOMAIN is not set");
    let err = SyncroClientBuilder::from_vars(vars(&[
        ("SYNCRO_API_TOKEN", "tok"),
        ("SYNCRO_SUBDOMAIN", "a/b"),
    ]))
    .unwrap()
    .build()
    .await
    .unwrap_err();
    assert!(
        err.message().starts_with("SYNCRO_SUBDOMAIN \"a/b\""),
        "{err}"
    );
    let err = SyncroClientBuilder::from_vars(vars(&[
        ("SYNCRO_API_TOKEN", "to ken"),
        ("SYNCRO_SUBDOMAIN", "acme"),
    ]))
    .unwrap()
    .build()
    .await
    .unwrap_err();
    assert!(err.message().starts_with("SYNCRO_API_TOKEN"), "{err}");
    let ok = SyncroClientBuilder::from_vars(vars(&[
        ("SYNCRO_API_TOKEN", "tok"),
        ("SYNCRO_SUBDOMAIN", "shop"),
        ("SYNCRO_BASE_DOMAIN", "repairshopr.com"),
    ]))
    .unwrap()
    .build()
    .await
    .unwrap();
    assert_eq!(
        ok.base_url().as_str(),
        "https://shop.repairshopr.com/api/v1/"
    );
}

#[tokio::test]
async fn base_url_needs_an_allowed_host() {
    let err = base()
        .base_url("http://127.0.0.1:9/api/v1/")
        .build()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("base_url"), "{err}");
    assert!(err.to_string().contains("allow_insecure_loopback"), "{err}");
    let ok = base()
        .base_url("http://127.0.0.1:9/api/v1")
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap();
    assert_eq!(ok.base_url().as_str(), "http://127.0.0.1:9/api/v1/");
    let err = base()
        .base_url("https://syncro.evil.example/api/v1/")
        .build()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("syncro.evil.example"), "{err}");
    assert!(
        base()
            .base_url("https://acme.syncromsp.com/api/v1/")
            .build()
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn debug_hides_the_token() {
    let b = base().subdomain("acme");
    assert!(!format!("{b:?}").contains("t0ken-value"));
    let c = b.build().await.unwrap();
    assert!(!format!("{c:?}").contains("t0ken-value"));
    assert_eq!(
        c.inner.api.hooks().token.secret().expose_secret(),
        "t0ken-value"
    );
}

#[tokio::test]
async fn loopback_is_pinned_and_blank_tokens_are_refused() {
    let c = base()
        .base_url("http://127.0.0.1:8090/api/v1/")
        .options(ClientOptions::default().allow_insecure_loopback(true))
        .build()
        .await
        .unwrap();
    let t = c.transport();
    assert!(
        t.check_host(&"http://127.0.0.1:8090/api/v1/x".parse().unwrap())
            .is_ok()
    );
    assert!(
        t.check_host(&"http://127.0.0.1:8091/api/v1/x".parse().unwrap())
            .is_err()
    );
    assert!(
        t.check_host(&"http://localhost:8090/api/v1/x".parse().unwrap())
            .is_err()
    );
    for blank in ["", "   ", "\t\n"] {
        let e = SyncroClient::builder()
            .subdomain("acme")
            .api_token(blank)
            .build()
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{blank:?}");
        assert!(e.to_string().contains("api_token"), "{blank:?}: {e}");
    }
}

#[tokio::test]
async fn from_env_reads_the_dev_loopback() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    let c = SyncroClientBuilder::from_vars(vars(&[
        ("SYNCRO_API_TOKEN", "tok"),
        ("SYNCRO_BASE_URL", "http://127.0.0.1:8090/api/v1/"),
        ("PSA_DEV_LOOPBACK", "127.0.0.1:8090"),
    ]))
    .unwrap()
    .build()
    .await
    .unwrap();
    assert_eq!(c.base_url().as_str(), "http://127.0.0.1:8090/api/v1/");
    let e = SyncroClientBuilder::from_vars(vars(&[
        ("SYNCRO_API_TOKEN", "tok"),
        ("SYNCRO_BASE_URL", "http://127.0.0.1:8091/api/v1/"),
        ("PSA_DEV_LOOPBACK", "127.0.0.1:8090"),
    ]))
    .unwrap()
    .build()
    .await
    .unwrap_err();
    assert!(e.to_string().contains("127.0.0.1:8090"), "{e}");
    let e =
        SyncroClientBuilder::from_vars(vars(&[("PSA_DEV_LOOPBACK", "example.com:1")])).unwrap_err();
    assert!(e.to_string().contains("PSA_DEV_LOOPBACK"), "{e}");
}
