use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use httpmock::MockServer;

use super::*;
use crate::transport::HostPolicy;
use crate::{ClientOptions, Vendor};

/// Hooks whose "wrong host" is a 401 and whose relocation answers a fixed URL (or fails).
struct Moving {
    to: Option<Url>,
    relocations: Arc<AtomicUsize>,
    delay: Duration,
}

#[async_trait::async_trait]
impl RequestHooks for Moving {
    type Location = Url;
    fn authorize(&self, req: Request) -> Result<Request> {
        req.sensitive_header("Secret", "s3cret-value")
    }
    fn is_wrong_host(&self, error: &Error) -> bool {
        error.status() == Some(401)
    }
    async fn relocate(
        &self,
        _transport: &Transport,
        _from: &Url,
        _error: &Error,
    ) -> Result<Option<Url>> {
        self.relocations.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(self.delay).await;
        match &self.to {
            Some(u) => Ok(Some(u.clone())),
            None => Err(Error::new(
                ErrorKind::Transport,
                "discovery said s3cret-value is wrong",
            )),
        }
    }
}

fn requester(server: &MockServer, to: Option<&str>, delay_ms: u64) -> Requester<Moving> {
    let transport = Transport::builder(
        Vendor::Autotask,
        ClientOptions::default().retry(crate::RetryConfig::none()),
    )
    .host_policy(HostPolicy::new().allow_loopback(true))
    .build()
    .unwrap();
    let hooks = Moving {
        to: to.map(|p| server.url(p).parse().unwrap()),
        relocations: Arc::new(AtomicUsize::new(0)),
        delay: Duration::from_millis(delay_ms),
    };
    Requester::new(transport, hooks, server.url("/old/").parse().unwrap())
}

#[tokio::test]
async fn two_calls_on_a_moved_host_relocate_once_and_each_resend_once() {
    let server = MockServer::start_async().await;
    let old = server
        .mock_async(|when, then| {
            when.path("/old/Tickets/1");
            then.status(401);
        })
        .await;
    let new = server
        .mock_async(|when, then| {
            when.path("/new/Tickets/1").header("Secret", "s3cret-value");
            then.status(200).body("{}");
        })
        .await;
    let api = requester(&server, Some("/new/"), 200);
    let call = ApiCall::get(["Tickets", "1"]);
    let (a, b) = tokio::join!(api.send(&call), api.send(&call));
    assert!(a.is_ok() && b.is_ok(), "{a:?} {b:?}");
    assert_eq!(api.hooks().relocations.load(Ordering::SeqCst), 1);
    old.assert_calls_async(2).await;
    new.assert_calls_async(2).await;
    assert_eq!(api.api_base().path(), "/new/");
}

#[tokio::test]
async fn a_call_is_resent_only_once() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.path_includes("/Tickets");
            then.status(401);
        })
        .await;
    let api = requester(&server, Some("/new/"), 0);
    let e = api.send(&ApiCall::get(["Tickets"])).await.unwrap_err();
    assert_eq!(e.status(), Some(401));
    any.assert_calls_async(2).await;
    assert_eq!(api.hooks().relocations.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_failed_relocation_returns_the_original_error_without_secrets() {
    let server = MockServer::start_async().await;
    let old = server
        .mock_async(|when, then| {
            when.path("/old/Tickets");
            then.status(401);
        })
        .await;
    let api = requester(&server, None, 0);
    let e = api.send(&ApiCall::get(["Tickets"])).await.unwrap_err();
    assert_eq!(e.status(), Some(401));
    assert!(!e.to_string().contains("s3cret-value"), "{e}");
    old.assert_calls_async(1).await;
    assert_eq!(api.api_base().path(), "/old/");
    // Relocating to the same place is "not moved": no resend either.
    let same = requester(&server, Some("/old/"), 0);
    assert!(same.send(&ApiCall::get(["Tickets"])).await.is_err());
    old.assert_calls_async(2).await;
}

#[tokio::test]
async fn a_poisoned_location_lock_is_recovered() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/old/Tickets");
            then.status(401);
        })
        .await;
    let new = server
        .mock_async(|when, then| {
            when.path("/new/Tickets");
            then.status(200).body("[]");
        })
        .await;
    let api = Arc::new(requester(&server, Some("/new/"), 0));
    let poisoner = api.clone();
    let joined = std::thread::spawn(move || {
        let _guard = poisoner.location.write().unwrap();
        panic!("poison the location lock");
    })
    .join();
    assert!(joined.is_err());
    assert!(api.location.is_poisoned());
    assert_eq!(api.api_base().path(), "/old/");
    api.send(&ApiCall::get(["Tickets"])).await.unwrap();
    new.assert_calls_async(1).await;
    assert_eq!(api.api_base().path(), "/new/");
}

#[tokio::test]
async fn server_given_urls_are_never_relocated() {
    let server = MockServer::start_async().await;
    let next = server
        .mock_async(|when, then| {
            when.path("/old/Tickets/query/next");
            then.status(401);
        })
        .await;
    let api = requester(&server, Some("/new/"), 0);
    let url: Url = server.url("/old/Tickets/query/next").parse().unwrap();
    assert!(
        api.send(&ApiCall::absolute(Method::GET, url))
            .await
            .is_err()
    );
    next.assert_calls_async(1).await;
    assert_eq!(api.hooks().relocations.load(Ordering::SeqCst), 0);
}

#[test]
fn urls_encode_segments_and_queries() {
    let base: Url = "https://h.example/api/v1/".parse().unwrap();
    let url = ApiCall::get(["tickets", "a/b c"])
        .query("q", "x&y=z")
        .url(&base)
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://h.example/api/v1/tickets/a%2Fb%20c?q=x%26y%3Dz"
    );
    let url = ApiCall::path(Method::GET, "/service/tickets/")
        .url(&base)
        .unwrap();
    assert_eq!(url.as_str(), "https://h.example/api/v1/service/tickets");
    let call = ApiCall::post(["x"]).idempotent(true).limit_key("X");
    assert!(call.is_idempotent());
    let req = call.request(base.clone()).unwrap();
    assert_eq!(req.limit_key.as_deref(), Some("X"));
}
