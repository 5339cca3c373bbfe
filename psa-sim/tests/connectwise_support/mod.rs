//! Raw-HTTP helpers for the ConnectWise simulator tests (reqwest + serde_json only).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use psa_sim::{ConnectWiseSimBuilder, ConnectWiseSimHandle};
use reqwest::header::HeaderMap;
use reqwest::{Method, RequestBuilder};
use serde_json::Value;

/// A started simulator and a plain HTTP client.
pub struct Cw {
    pub sim: ConnectWiseSimHandle,
    pub http: reqwest::Client,
}

/// A response read to the end.
#[derive(Debug)]
pub struct Got {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Got {
    /// The URL of a `Link` relation, if present.
    pub fn link(&self, rel: &str) -> Option<String> {
        let header = self.headers.get("link")?.to_str().ok()?;
        header.split(',').find_map(|part| {
            let (url, params) = part.split_once(';')?;
            let wanted = format!("rel=\"{rel}\"");
            params.trim().eq(&wanted).then(|| {
                url.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
        })
    }

    /// The `message` of an error body.
    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or("")
    }
}

impl Cw {
    pub async fn start(builder: ConnectWiseSimBuilder) -> Cw {
        let sim = builder.start().await.expect("the simulator starts");
        Cw {
            sim,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    /// A request to `{api_base}{path}` with valid credentials and the clientId.
    pub fn api(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, format!("{}{}", self.sim.api_base(), path))
            .header("Authorization", self.sim.authorization())
            .header("clientId", self.sim.client_id())
            .header(
                "Accept",
                "application/vnd.connectwise.com+json; version=2025.1",
            )
    }

    /// GET with query parameters, encoded here.
    pub async fn get_q(&self, path: &str, params: &[(&str, &str)]) -> Got {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish();
        self.get(&format!("{path}?{query}")).await
    }

    pub async fn get(&self, path: &str) -> Got {
        read(self.api(Method::GET, path).send().await.unwrap()).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Got {
        read(
            self.api(Method::POST, path)
                .json(body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Got {
        read(
            self.api(Method::PATCH, path)
                .json(body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn delete(&self, path: &str) -> Got {
        read(self.api(Method::DELETE, path).send().await.unwrap()).await
    }

    /// GET an absolute URL (a `Link`) with valid credentials.
    pub async fn follow(&self, url: &str) -> Got {
        let req = self
            .http
            .get(url)
            .header("Authorization", self.sim.authorization())
            .header("clientId", self.sim.client_id());
        read(req.send().await.unwrap()).await
    }

    /// A fresh ticket on the first company; returns its JSON.
    pub async fn new_ticket(&self, summary: &str) -> Value {
        let company = self.sim.company_ids()[0];
        let got = self
            .post(
                "service/tickets",
                &serde_json::json!({"summary": summary, "company": {"id": company}}),
            )
            .await;
        assert_eq!(got.status, 201, "{}", got.text);
        got.body
    }
}

/// Reads status, headers and body (JSON when it parses, else `Value::Null`).
pub async fn read(resp: reqwest::Response) -> Got {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Got {
        status,
        headers,
        body,
        text,
    }
}
