//! Reading a response body under [`ClientOptions::max_response_bytes`](crate::ClientOptions).

use bytes::Bytes;

use crate::{Error, ErrorKind};

pub(super) enum BodyError {
    Read(reqwest::Error),
    /// The body passed this many bytes.
    TooLarge(usize),
}

/// Reads a body chunk by chunk and stops (dropping the connection) once it passes `limit` bytes;
/// a `Content-Length` already over the limit is refused before reading.
pub(super) async fn read_capped(
    mut resp: reqwest::Response,
    limit: usize,
) -> std::result::Result<Bytes, BodyError> {
    let expected = match resp.content_length() {
        Some(n) if n > u64::try_from(limit).unwrap_or(u64::MAX) => {
            return Err(BodyError::TooLarge(limit));
        }
        Some(n) => usize::try_from(n).ok(),
        None => None,
    };
    let mut collector = Collector::new(limit, expected);
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Read)? {
        collector.push(chunk)?;
    }
    Ok(collector.finish())
}

/// Gathers body chunks under a byte cap. A body that arrives in one chunk is kept as it is (no
/// copy); otherwise the buffer is sized once from the announced length (never above the cap)
/// instead of growing chunk by chunk.
struct Collector {
    limit: usize,
    expected: Option<usize>,
    first: Option<Bytes>,
    rest: bytes::BytesMut,
}

impl Collector {
    fn new(limit: usize, expected: Option<usize>) -> Self {
        Collector {
            limit,
            expected,
            first: None,
            rest: bytes::BytesMut::new(),
        }
    }

    fn len(&self) -> usize {
        self.first.as_ref().map_or(0, Bytes::len) + self.rest.len()
    }

    fn push(&mut self, chunk: Bytes) -> std::result::Result<(), BodyError> {
        let total = self.len().saturating_add(chunk.len());
        if total > self.limit {
            return Err(BodyError::TooLarge(self.limit));
        }
        if self.first.is_none() && self.rest.is_empty() {
            self.first = Some(chunk);
            return Ok(());
        }
        if let Some(first) = self.first.take() {
            let want = self.expected.unwrap_or(0).max(total).min(self.limit);
            self.rest.reserve(want);
            self.rest.extend_from_slice(&first);
        }
        self.rest.extend_from_slice(&chunk);
        Ok(())
    }

    fn finish(self) -> Bytes {
        match self.first {
            Some(first) => first,
            None => self.rest.freeze(),
        }
    }
}

pub(super) fn body_too_large(limit: usize) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!(
            "the response body is larger than {limit} bytes; the connection was dropped \
             (raise ClientOptions::max_response_bytes if this answer is expected)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(limit: usize, expected: Option<usize>, chunks: &[&'static [u8]]) -> Option<Bytes> {
        let mut c = Collector::new(limit, expected);
        for chunk in chunks {
            if c.push(Bytes::from_static(chunk)).is_err() {
                return None;
            }
        }
        Some(c.finish())
    }

    #[test]
    fn one_chunk_is_kept_without_a_copy() {
        let chunk = Bytes::from_static(b"{\"tickets\":[]}");
        let mut c = Collector::new(1024, Some(chunk.len()));
        assert!(c.push(chunk.clone()).is_ok());
        let body = c.finish();
        assert_eq!(body, chunk);
        assert_eq!(body.as_ptr(), chunk.as_ptr(), "the single chunk was copied");
    }

    #[test]
    fn chunks_are_joined_in_order_into_one_buffer_sized_from_the_length() {
        let mut c = Collector::new(1024, Some(9));
        for part in [&b"abc"[..], b"def", b"ghi"] {
            assert!(c.push(Bytes::from_static(part)).is_ok());
        }
        assert!(c.rest.capacity() >= 9);
        assert_eq!(c.finish(), Bytes::from_static(b"abcdefghi"));
        assert_eq!(
            collect(1024, None, &[b"ab", b"cd"]),
            Some(Bytes::from_static(b"abcd"))
        );
        assert_eq!(collect(1024, None, &[]), Some(Bytes::new()));
    }

    #[test]
    fn the_cap_holds_whatever_length_was_announced() {
        assert_eq!(
            collect(4, None, &[b"abcd"]),
            Some(Bytes::from_static(b"abcd"))
        );
        assert_eq!(collect(4, None, &[b"abcde"]), None);
        assert_eq!(collect(4, Some(2), &[b"ab", b"cd", b"e"]), None);
        // A huge announced length never reserves more than the cap.
        let mut c = Collector::new(8, Some(usize::MAX));
        assert!(c.push(Bytes::from_static(b"ab")).is_ok());
        assert!(c.push(Bytes::from_static(b"cd")).is_ok());
        assert!(c.rest.capacity() < 1024, "reserved {}", c.rest.capacity());
    }
}
