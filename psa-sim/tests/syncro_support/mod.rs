//! Raw-HTTP helpers shared by the Syncro simulator tests (reqwest + `serde_json::Value` only).

#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use psa_sim::SyncroSimHandle;
use serde_json::Value;

/// A bare client aimed at one simulator with its token in `Authorization: Bearer`.
pub struct Api {
    pub client: reqwest::Client,
    pub base: String,
    pub token: String,
}

/// Status, headers and body (JSON when it parses, else the text as a JSON string).
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Api {
    pub fn new(sim: &SyncroSimHandle) -> Self {
        Api {
            client: reqwest::Client::new(),
            base: sim.base_url(),
            token: sim.api_token().to_string(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Reply {
        let mut req = self
            .client
            .request(method, self.url(path))
            .header("Authorization", format!("Bearer {}", self.token));
        if let Some(b) = body {
            req = req.json(b);
        }
        reply(req.send().await.expect("request")).await
    }

    /// GET with query pairs encoded by the `url` crate.
    pub async fn get_query(&self, path: &str, pairs: &[(&str, &str)]) -> Reply {
        let mut url = url::Url::parse(&self.url(path)).expect("url");
        url.query_pairs_mut().extend_pairs(pairs);
        let r = self
            .client
            .get(url)
            .header("Authorization", format!("Bearer {}", self.token))
            .send()
            .await
            .expect("request");
        reply(r).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Reply {
        self.call(reqwest::Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(reqwest::Method::DELETE, path, None).await
    }

    /// Every page of a list, following `meta.total_pages` as a careful client does.
    pub async fn all_pages(&self, path: &str, key: &str) -> (Vec<Value>, usize) {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut out = Vec::new();
        let mut page = 1;
        loop {
            let r = self.get(&format!("{path}{sep}page={page}")).await;
            assert_eq!(r.status, 200, "{}", r.body);
            out.extend(r.body[key].as_array().expect("list").iter().cloned());
            let total = r.body["meta"]["total_pages"].as_u64().expect("total_pages") as usize;
            assert_eq!(r.body["meta"]["page"], page as u64);
            if page >= total {
                return (out, page);
            }
            page += 1;
        }
    }
}

pub async fn reply(r: reqwest::Response) -> Reply {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        headers,
        body,
    }
}

/// The 401 body of a token that lacks a permission.
pub fn permission_body() -> Value {
    serde_json::json!({"error": "Not authorized. Please ask account admin to update your group permissions."})
}

/// A customer id that exists in the default seed.
pub fn first_customer(sim: &SyncroSimHandle) -> i64 {
    sim.customer_ids()[0]
}

/// The ids of the stored tickets for which `pred` holds (newest last).
pub fn ticket_ids_where(sim: &SyncroSimHandle, pred: impl Fn(&Value) -> bool) -> Vec<i64> {
    let found = std::cell::RefCell::new(Vec::new());
    sim.count_tickets_where(|t| {
        let hit = pred(t);
        if hit {
            found.borrow_mut().push(t["id"].as_i64().unwrap());
        }
        hit
    });
    found.into_inner()
}
