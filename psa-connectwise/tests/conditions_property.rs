//! Property test of the conditions encoder: for thousands of generated strings (quotes,
//! backslashes, brackets, wildcards, `&`, `+`, `%`, unicode, control characters), the rendered
//! condition parses back to the same value, and the percent-encoded query decodes back to the
//! same condition.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use psa_connectwise::{field, query::encode_component};

const ALPHABET: &[&str] = &[
    "a", "Z", "0", " ", "\"", "\\", "'", "[", "]", "(", ")", "*", "%", "&", "+", "=", "#", "?",
    "/", ",", "é", "Þ", "日本", "🙂", "\t", "\n", "and", "or", "null", "true",
];

/// A tiny deterministic generator (xorshift), so failures reproduce.
struct Gen(u64);
impl Gen {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn string(&mut self) -> String {
        let len = (self.next() % 12) as usize;
        (0..len)
            .map(|_| ALPHABET[(self.next() % ALPHABET.len() as u64) as usize])
            .collect()
    }
}

/// Reads a double-quoted literal with backslash escapes, written independently of the crate.
fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            '"' => return None, // an unescaped quote would end the literal early
            c => out.push(c),
        }
    }
    Some(out)
}

#[test]
fn equality_values_round_trip_through_quoting_and_percent_encoding() {
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5000 {
        let value = g.string();
        let rendered = field("summary").eq(value.as_str()).render().unwrap();
        let literal = rendered.strip_prefix("summary = ").unwrap();
        assert_eq!(
            unquote(literal).as_deref(),
            Some(value.as_str()),
            "{rendered}"
        );
        let encoded = encode_component(&rendered);
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
            "{encoded}"
        );
        let decoded: String = url::form_urlencoded::parse(format!("c={encoded}").as_bytes())
            .next()
            .unwrap()
            .1
            .into_owned();
        assert_eq!(decoded, rendered);
    }
}

#[test]
fn pattern_values_escape_brackets_and_keep_wildcards() {
    let mut g = Gen(42);
    for _ in 0..2000 {
        let value = g.string();
        let rendered = field("summary").contains(value.as_str()).render().unwrap();
        let literal = rendered.strip_prefix("summary contains ").unwrap();
        let back = unquote(literal).unwrap();
        // `[` became `[[]`; undo it to get the value back.
        assert_eq!(back.replace("[[]", "["), value, "{rendered}");
        assert_eq!(back.matches('*').count(), value.matches('*').count());
    }
}
