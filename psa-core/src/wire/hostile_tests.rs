//! Table-driven and generated hostile inputs for every decoder of the wire policy.

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::{datetime, offset};

use super::*;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const YEARS: &[&str] = &[
    "0000", "0001", "1969", "2024", "9998", "9999", "99999", "-001", "20",
];
const MONTHS: &[&str] = &["00", "01", "02", "12", "13", "1"];
const DAYS: &[&str] = &["00", "01", "28", "29", "31", "32"];
const HOURS: &[&str] = &["00", "12", "23", "24"];
const MINUTES: &[&str] = &["00", "59", "60"];
const SECONDS: &[&str] = &["00", "59", "60", "61"];
const FRACTIONS: &[&str] = &[
    "",
    ".",
    ".0",
    ".307",
    ".1234567",
    ".123456789",
    ".1234567891234567890123456789012345678901234567890",
    ".12x",
    ".-1",
];
const ZONES: &[&str] = &[
    "", "Z", "z", "+00:00", "-00:00", "-05:00", "+01:00", "+14:00", "+23:59", "-23:59", "+24:00",
    " UTC", " utc", "+0500", "Z UTC", "+5",
];
const SEPARATORS: &[&str] = &["T", "t", " ", "x", "", "TT"];
const PADDING: &[&str] = &["", " ", "\t", "\n ", "\u{a0}"];

fn check_date(s: &str) {
    let parsed = parse_datetime(s);
    let utc = parse_datetime_utc(s);
    assert_eq!(parsed.is_some(), utc.is_some(), "{s:?}");
    let from_wire = OffsetDateTime::from_wire(&Value::String(s.to_string()));
    if let Some(t) = parsed {
        assert_eq!(utc, Some(to_utc(t)), "{s:?}");
        assert_eq!(from_wire, Ok(Some(t)), "{s:?}");
        for digits in 0..=12 {
            let text = format_datetime(t, digits);
            let back = parse_datetime(&text);
            assert!(
                back.is_some(),
                "{s:?} formatted as {text:?} does not parse back"
            );
            if digits >= 9 {
                assert_eq!(back, Some(t), "{s:?} -> {text:?}");
            }
        }
    } else if s.trim().is_empty() {
        assert_eq!(from_wire, Ok(None), "{s:?}");
    } else {
        assert!(from_wire.is_err(), "{s:?}");
    }
}

fn is_valid_component(year: &str, month: &str, day: &str, h: &str, m: &str, sec: &str) -> bool {
    year.len() == 4
        && !year.starts_with('-')
        && year != "0000"
        && ["01", "02", "12"].contains(&month)
        && ["01", "28"].contains(&day)
        && h != "24"
        && m != "60"
        && !["60", "61"].contains(&sec)
}

#[test]
fn generated_dates_never_panic_and_valid_ones_parse() {
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    for _ in 0..40_000 {
        let (year, month, day) = (g.pick(YEARS), g.pick(MONTHS), g.pick(DAYS));
        let (h, m, sec) = (g.pick(HOURS), g.pick(MINUTES), g.pick(SECONDS));
        let (frac, zone, sep) = (g.pick(FRACTIONS), g.pick(ZONES), g.pick(SEPARATORS));
        let pad = g.pick(PADDING);
        let s = format!("{pad}{year}-{month}-{day}{sep}{h}:{m}:{sec}{frac}{zone}{pad}");
        check_date(&s);
        let good_frac = !matches!(frac, "." | ".12x" | ".-1");
        let good_zone = !matches!(zone, "+24:00" | "+0500" | "Z UTC" | "+5");
        let good_sep = matches!(sep, "T" | "t" | " ");
        if is_valid_component(year, month, day, h, m, sec) && good_frac && good_zone && good_sep {
            assert!(parse_datetime(&s).is_some(), "{s:?} should parse");
        }
        check_date(&format!("{year}-{month}-{day}"));
    }
}

#[test]
fn mutated_dates_never_panic() {
    let seeds = [
        "2024-01-31T15:04:05.307Z",
        "9999-12-31T23:59:59.999999999-23:59",
        "0000-01-01T00:00:00+23:59",
        "2019-11-04 08:59:31 UTC",
        "2016-12-31T23:59:60Z",
    ];
    let alphabet = b"0123456789-:.TZ +tzU\t\xc3\xa9";
    let mut g = Gen(42);
    for seed in seeds {
        check_date(seed);
        for _ in 0..5_000 {
            let mut bytes = seed.as_bytes().to_vec();
            for _ in 0..(g.next() % 4 + 1) {
                let at = (g.next() % (bytes.len() as u64 + 1)) as usize;
                let c = alphabet[(g.next() % alphabet.len() as u64) as usize];
                match g.next() % 3 {
                    0 if at < bytes.len() => bytes[at] = c,
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, c),
                }
            }
            check_date(&String::from_utf8_lossy(&bytes));
        }
    }
}

#[test]
fn edge_dates_keep_their_instant() {
    let late = parse_datetime_utc("9999-12-31T23:00:00-05:00").unwrap();
    assert_eq!(late.offset(), offset!(-5));
    assert_eq!(format_datetime(late, 3), "9999-12-31T23:00:00.000-05:00");
    let early = parse_datetime_utc("0000-01-01T00:30:00+01:00").unwrap();
    assert_eq!(format_datetime(early, 0), "0000-01-01T00:30:00+01:00");
    assert_eq!(parse_datetime(&format_datetime(early, 0)), Some(early));
    let leap = parse_datetime("2016-12-31T23:59:60Z").unwrap();
    assert_eq!(leap, datetime!(2016-12-31 23:59:59.999_999_999 UTC));
    assert!(parse_datetime("2016-12-30T23:59:60Z").is_none());
    let long = parse_datetime("2019-11-04T08:59:31.1234567891234-05:00").unwrap();
    assert_eq!(long.nanosecond(), 123_456_789);
    assert_eq!(long.offset(), offset!(-5));
}

#[test]
fn every_vendor_date_form_reads_the_same_instant() {
    let base = datetime!(2024-01-31 15:04:05 UTC);
    for s in [
        "2024-01-31T15:04:05",
        "2024-01-31T15:04:05Z",
        "2024-01-31t15:04:05z",
        "2024-01-31T15:04:05.0",
        "2024-01-31T15:04:05.000Z",
        "2024-01-31T15:04:05.0000000",
        "2024-01-31T16:04:05+01:00",
        "2024-01-31T10:04:05.000-05:00",
        "2024-01-31 15:04:05 UTC",
        "2024-01-31T15:04:05 UTC",
        "  2024-01-31T15:04:05Z\n",
    ] {
        assert_eq!(parse_datetime_utc(s), Some(base), "{s}");
    }
    assert_eq!(
        parse_datetime("2019-08-18"),
        Some(datetime!(2019-08-18 0:00 UTC))
    );
    for bad in [
        "",
        "   ",
        "soon",
        "2024-13-01T00:00:00",
        "2024-01-31T15:04:05.x",
        "2024-01-31T15:04:05Z UTC",
        "2024-01-31",
        "2024-01-31T",
        "é024-01-31T15:04:05",
        "2024-01-31T15:04:05+0100x",
    ] {
        if bad == "2024-01-31" {
            continue;
        }
        assert_eq!(parse_datetime(bad), None, "{bad:?}");
    }
}

#[test]
fn hostile_numbers_follow_the_policy() {
    let cases: Vec<(Value, Result<Option<i64>, ()>)> = vec![
        (json!(5), Ok(Some(5))),
        (json!("29683482"), Ok(Some(29_683_482))),
        (json!(" 42 "), Ok(Some(42))),
        (json!(3.0), Ok(Some(3))),
        (json!(-0.0), Ok(Some(0))),
        (json!(true), Ok(Some(1))),
        (Value::Null, Ok(None)),
        (json!(""), Ok(None)),
        (json!("   "), Ok(None)),
        (json!(i64::MAX), Ok(Some(i64::MAX))),
        (json!(i64::MIN), Ok(Some(i64::MIN))),
        (
            json!(9_007_199_254_740_992.0_f64),
            Ok(Some(9_007_199_254_740_992)),
        ),
        (json!(u64::MAX), Err(())),
        (json!(1e300), Err(())),
        (json!(3.5), Err(())),
        (json!("99999999999999999999"), Err(())),
        (json!("1e3"), Err(())),
        (json!("NaN"), Err(())),
        (json!("0x10"), Err(())),
        (json!([1]), Err(())),
        (json!({"a": 1}), Err(())),
    ];
    for (v, want) in cases {
        assert_eq!(i64::from_wire(&v).map_err(|_| ()), want, "{v}");
    }
    for (v, want) in [
        (json!("1.5"), Ok(Some(1.5))),
        (json!(2), Ok(Some(2.0))),
        (json!("NaN"), Err(())),
        (json!("inf"), Err(())),
        (json!("-infinity"), Err(())),
        (json!("1e400"), Err(())),
        (json!(false), Err(())),
        (json!(""), Ok(None)),
    ] {
        assert_eq!(f64::from_wire(&v).map_err(|_| ()), want, "{v}");
    }
    for (v, want) in [
        (json!(1), Ok(Some(true))),
        (json!(0), Ok(Some(false))),
        (json!("True"), Ok(Some(true))),
        (json!(" no "), Ok(Some(false))),
        (json!(""), Ok(None)),
        (json!(2), Err(())),
        (json!(-1), Err(())),
        (json!(1.0), Err(())),
        (json!("maybe"), Err(())),
        (json!([]), Err(())),
    ] {
        assert_eq!(bool::from_wire(&v).map_err(|_| ()), want, "{v}");
    }
    assert_eq!(String::from_wire(&json!(12)), Ok(Some("12".into())));
    assert_eq!(
        String::from_wire(&json!("  padded  ")),
        Ok(Some("  padded  ".into()))
    );
    assert!(String::from_wire(&json!({})).is_err());
}

#[test]
fn generated_numbers_never_panic() {
    let mut g = Gen(7);
    let pieces = [
        "",
        "-",
        "+",
        "0",
        "9",
        "1",
        ".",
        "e",
        "E",
        "308",
        " ",
        "x",
        "00000000000",
    ];
    for _ in 0..20_000 {
        let text: String = (0..(g.next() % 8)).map(|_| g.pick(&pieces)).collect();
        let n = i64::from_wire(&Value::String(text.clone()));
        if let Ok(Some(n)) = n {
            assert_eq!(text.trim().parse::<i64>().ok(), Some(n), "{text:?}");
        }
        let _ = f64::from_wire(&Value::String(text.clone()));
        let _ = bool::from_wire(&Value::String(text.clone()));
        let _ = OffsetDateTime::from_wire(&Value::String(text.clone()));
        let bits = g.next();
        let float = f64::from_bits(bits);
        if let Some(num) = serde_json::Number::from_f64(float) {
            let v = Value::Number(num);
            if let Ok(Some(i)) = i64::from_wire(&v) {
                assert_eq!(i as f64, float, "{float}");
            }
            assert!(
                bool::from_wire(&v).is_ok() == (float == 0.0 || float == 1.0)
                    || float.fract() == 0.0
            );
        }
        let _ = i64::from_wire(&json!(bits));
    }
}

#[test]
fn strict_and_lenient_fields_differ_only_on_unexpected_shapes() {
    let mut map = json!({"id": "7", "due": "someday", "hours": "2.5", "flag": 2})
        .as_object()
        .cloned()
        .unwrap();
    assert_eq!(take_strict::<i64>(&mut map, "id"), Ok(Some(7)));
    assert_eq!(take_lenient::<f64>(&mut map, "hours"), Some(2.5));
    assert_eq!(take_lenient::<OffsetDateTime>(&mut map, "due"), None);
    assert_eq!(map["due"], "someday", "kept raw");
    let err = take_strict::<bool>(&mut map, "flag").unwrap_err();
    assert_eq!(err, "flag: expected true/false, got 2");
    assert_eq!(take_strict::<i64>(&mut map, "missing"), Ok(None));
    assert_eq!(trim_padding("api \u{a0} "), "api");
    let long = Unexpected::new("text", &json!("x".repeat(500)));
    assert!(long.to_string().len() < 200);
}
