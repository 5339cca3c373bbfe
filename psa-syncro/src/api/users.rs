use serde::Deserialize;

use crate::SyncroClient;
use crate::models::{UserRecord, UserSummary};

/// Users (technicians): `client.users()`.
///
/// ```no_run
/// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
/// for u in syncro.users().list().await? {
///     println!("{} {}", u.id, u.name);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct UsersApi<'a> {
    client: &'a SyncroClient,
}

#[derive(Deserialize)]
struct UserList {
    #[serde(default)]
    users: Vec<UserSummary>,
}

impl SyncroClient {
    /// The users API.
    pub fn users(&self) -> UsersApi<'_> {
        UsersApi { client: self }
    }
}

impl UsersApi<'_> {
    /// Every user as an `[id, name]` pair (`GET /users`).
    pub async fn list(&self) -> psa_core::Result<Vec<UserSummary>> {
        let list: UserList = self.client.get_one(&["users"], None, None).await?;
        Ok(list.users)
    }

    /// One user (`GET /users/{id}`).
    pub async fn get(&self, id: i64) -> psa_core::Result<UserRecord> {
        self.client
            .get_one(&["users", &id.to_string()], Some("user"), None)
            .await
    }
}
