//! Raw-HTTP helpers shared by the Autotask simulator tests (reqwest + `serde_json::Value` only).

#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use psa_sim::AutotaskSimHandle;
use serde_json::{Value, json};

/// A bare client aimed at one simulator's zone, sending the three auth headers.
#[derive(Clone)]
pub struct Api {
    pub client: reqwest::Client,
    /// `{zone_url}V1.0/`.
    pub base: String,
    pub username: String,
    pub secret: String,
    pub code: String,
    /// Sent as `ImpersonationResourceId` when set.
    pub impersonate: Option<i64>,
}

/// Status, headers and body (JSON when it parses, `Null` when empty, else the text as a string).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The first entry of `errors`.
    pub fn error(&self) -> &str {
        self.body["errors"][0].as_str().unwrap_or("")
    }
}

pub async fn reply(r: reqwest::Response) -> Reply {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.expect("body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    Reply {
        status,
        headers,
        body,
    }
}

impl Api {
    pub fn new(sim: &AutotaskSimHandle) -> Self {
        Api {
            client: reqwest::Client::new(),
            base: format!("{}V1.0/", sim.zone_url()),
            username: sim.username().to_string(),
            secret: sim.secret().to_string(),
            code: sim.integration_code().to_string(),
            impersonate: None,
        }
    }

    pub fn as_resource(&self, id: i64) -> Self {
        Api {
            impersonate: Some(id),
            ..self.clone()
        }
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path.trim_start_matches('/'))
        }
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut req = self
            .client
            .request(method, self.url(path))
            .header("ApiIntegrationCode", &self.code)
            .header("UserName", &self.username)
            .header("Secret", &self.secret);
        if let Some(id) = self.impersonate {
            req = req.header("ImpersonationResourceId", id.to_string());
        }
        req
    }

    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Reply {
        let mut req = self.request(method, path);
        if let Some(b) = body {
            req = req.json(b);
        }
        reply(req.send().await.expect("request")).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Reply {
        self.call(reqwest::Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Reply {
        self.call(reqwest::Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(reqwest::Method::DELETE, path, None).await
    }

    /// `POST {Entity}/query` with a filter.
    pub async fn query(&self, entity: &str, filter: Value) -> Reply {
        self.post(&format!("{entity}/query"), &json!({ "filter": filter }))
            .await
    }

    /// Every record a query returns, following `nextPageUrl` with the same body.
    pub async fn query_all(&self, entity: &str, body: &Value) -> Vec<Value> {
        let mut out = Vec::new();
        let mut r = self.post(&format!("{entity}/query"), body).await;
        loop {
            assert_eq!(r.status, 200, "{:?}", r.body);
            out.extend(r.body["items"].as_array().unwrap().iter().cloned());
            match r.body["pageDetails"]["nextPageUrl"].as_str() {
                Some(next) => r = self.post(next, body).await,
                None => return out,
            }
        }
    }

    /// A ticket create body that passes validation.
    pub fn ticket_body(company: i64, title: &str) -> Value {
        json!({"companyID": company, "title": title, "status": 1, "priority": 2, "queueID": 29683481})
    }
}

/// `url` with query pairs, encoded.
pub fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let mut u = url::Url::parse(url).expect("url");
    u.query_pairs_mut().extend_pairs(pairs);
    u.to_string()
}

/// The permission refusal text for a verb.
pub fn refusal(verb: &str) -> String {
    format!(
        "The logged in Resource does not have the adequate permissions to {verb} this entity type."
    )
}
