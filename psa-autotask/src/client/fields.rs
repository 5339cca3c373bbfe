//! The cache of field information per entity (picklists), kept for a TTL.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::models::FieldInformation;

type Fields = Arc<Vec<FieldInformation>>;

/// Field information per entity, kept for a TTL.
#[derive(Debug)]
pub(crate) struct FieldCache {
    ttl: Duration,
    map: Mutex<HashMap<String, (Instant, Fields)>>,
}

impl FieldCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        FieldCache {
            ttl,
            map: Mutex::new(HashMap::new()),
        }
    }

    pub(crate) fn get(&self, entity: &str) -> Option<Arc<Vec<FieldInformation>>> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(entity)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, f)| f.clone())
    }

    pub(crate) fn put(&self, entity: &str, fields: Arc<Vec<FieldInformation>>) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(entity.to_string(), (Instant::now(), fields));
    }

    pub(crate) fn clear(&self) {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}
