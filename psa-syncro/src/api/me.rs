use psa_core::{Error, ErrorKind};

use crate::SyncroClient;
use crate::models::Me;

impl SyncroClient {
    /// The API user (`GET /me`). The response's `user_token` is dropped unread; a body that does
    /// not decode is reported without quoting it, since it may carry that token.
    ///
    /// ```no_run
    /// # async fn demo(syncro: &psa_syncro::SyncroClient) -> psa_core::Result<()> {
    /// let me = syncro.me().await?;
    /// println!("token of {:?}; may write tickets: {:?}", me.user_name, me.permissions.ticket.map(|t| t.write));
    /// # Ok(()) }
    /// ```
    pub async fn me(&self) -> psa_core::Result<Me> {
        let resp = self
            .send(http::Method::GET, &["me"], &[], None, None)
            .await?;
        let value: serde_json::Value = serde_json::from_slice(resp.body()).map_err(|e| {
            Error::new(ErrorKind::Decode, format!("GET /me did not return JSON ({e}); body withheld because it may contain a user token"))
                .with_status(resp.status().as_u16())
        })?;
        Me::from_value(value).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!("GET /me: cannot decode the user: {e}"),
            )
        })
    }
}
