//! Paging: `page`/`pageSize` with the `Link` header, and forward-only paging with `pageId`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod connectwise_support;

use std::collections::HashSet;

use connectwise_support::Cw;
use psa_sim::ConnectWiseSim;

fn ids(body: &serde_json::Value) -> Vec<i64> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn following_next_links_returns_each_of_1234_tickets_once() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(3).tickets(1234)).await;
    let mut seen = HashSet::new();
    let mut pages = 0;
    let mut got = cw
        .get("service/tickets?pageSize=100&orderBy=id%20asc")
        .await;
    loop {
        assert_eq!(got.status, 200, "{}", got.text);
        pages += 1;
        for id in ids(&got.body) {
            assert!(seen.insert(id), "ticket {id} came twice");
        }
        match got.link("next") {
            Some(next) => {
                assert!(next.starts_with(&cw.sim.api_base()), "absolute link {next}");
                assert!(
                    next.contains("orderBy=id+asc") || next.contains("orderBy=id%20asc"),
                    "{next}"
                );
                assert!(next.contains("pageSize=100"));
                got = cw.follow(&next).await;
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 1234);
    assert_eq!(pages, 13);
    // The last page links back (prev/first) and not forward.
    let last = cw.get("service/tickets?pageSize=100&page=13").await;
    assert_eq!(last.body.as_array().unwrap().len(), 34);
    let header = last.headers["link"].to_str().unwrap().to_string();
    assert!(header.ends_with("rel=\"first\""), "{header}");
    assert!(last.link("next").is_none() && last.link("last").is_none());
    let first = cw.get("service/tickets?pageSize=100").await;
    assert!(first.link("last").unwrap().contains("page=13"));
    assert!(first.link("prev").is_none());
}

#[tokio::test]
async fn forward_only_paging_returns_each_of_1234_tickets_once() {
    let cw = Cw::start(ConnectWiseSim::builder().seed(4).tickets(1234)).await;
    let mut seen = Vec::new();
    let mut url = format!(
        "{}service/tickets?pageSize=250&conditions=id%3E0",
        cw.sim.api_base()
    );
    loop {
        let resp = cw
            .http
            .get(&url)
            .header("Authorization", cw.sim.authorization())
            .header("clientId", cw.sim.client_id())
            .header("pagination-type", "forward-only")
            .send()
            .await
            .unwrap();
        let got = connectwise_support::read(resp).await;
        assert_eq!(got.status, 200, "{}", got.text);
        seen.extend(ids(&got.body));
        match got.link("next") {
            Some(next) => {
                assert!(next.contains("pageId="), "{next}");
                assert!(next.contains("conditions="), "{next}");
                url = next;
            }
            None => break,
        }
    }
    let unique: HashSet<_> = seen.iter().collect();
    assert_eq!(seen.len(), 1234);
    assert_eq!(unique.len(), 1234);
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "forward-only pages come in id order"
    );
}

#[tokio::test]
async fn forward_only_rejects_order_by_and_ignores_page() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(30)).await;
    let send = |q: &'static str| {
        cw.api(reqwest::Method::GET, &format!("service/tickets?{q}"))
            .header("pagination-type", "forward-only")
            .send()
    };
    let bad = connectwise_support::read(send("orderBy=id%20desc").await.unwrap()).await;
    assert_eq!(bad.status, 400);
    let got =
        connectwise_support::read(send("page=3&pageSize=10&pageId=1005").await.unwrap()).await;
    assert_eq!(ids(&got.body).first(), Some(&1006));
}

#[tokio::test]
async fn page_size_defaults_to_25_and_caps_at_1000() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(1100)).await;
    assert_eq!(
        cw.get("service/tickets")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        25
    );
    assert_eq!(
        cw.get("service/tickets?pageSize=5000")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1000
    );
    let small = cw.get("service/tickets?pageSize=3&page=2").await;
    assert_eq!(ids(&small.body), vec![1004, 1005, 1006]);
    let beyond = cw.get("service/tickets?pageSize=1000&page=9").await;
    assert_eq!(beyond.status, 200);
    assert!(beyond.body.as_array().unwrap().is_empty());
    let bad = cw.get("service/tickets?page=two").await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn one_page_has_no_link_header() {
    let cw = Cw::start(ConnectWiseSim::builder().tickets(10)).await;
    let got = cw.get("service/tickets?pageSize=25").await;
    assert!(got.headers.get("link").is_none());
}

#[tokio::test]
async fn links_keep_conditions_across_pages() {
    // pyconnectwise #14: page 2 must carry the same filter.
    let cw = Cw::start(ConnectWiseSim::builder().seed(8).tickets(400)).await;
    let expected = cw.sim.count_tickets_where(|t| t["board"]["id"] == 2);
    let mut got = cw
        .get("service/tickets?conditions=board%2Fid%20%3D%202&pageSize=20")
        .await;
    let mut n = 0;
    loop {
        let page = got.body.as_array().unwrap();
        assert!(page.iter().all(|t| t["board"]["id"] == 2));
        n += page.len();
        match got.link("next") {
            Some(next) => got = cw.follow(&next).await,
            None => break,
        }
    }
    assert_eq!(n, expected);
}

#[tokio::test]
async fn link_urls_carry_page_as_the_last_parameter() {
    // The real service writes `<…/company/companies?pageSize=50&page=2>; rel="next"`; a widely
    // used Python client reads the page from the end of the URL and stops after page 1 otherwise.
    let cw = Cw::start(ConnectWiseSim::builder().seed(4).companies(120)).await;
    let got = cw.get("company/companies?page=1&pageSize=50").await;
    assert_eq!(got.status, 200, "{}", got.text);
    let next = got.link("next").unwrap();
    assert!(
        next.ends_with("/company/companies?pageSize=50&page=2"),
        "{next}"
    );
    let second = cw.follow(&next).await;
    let prev = second.link("prev").unwrap();
    assert!(prev.ends_with("?pageSize=50&page=1"), "{prev}");
    assert!(second.link("last").unwrap().ends_with("&page=3"));
}
