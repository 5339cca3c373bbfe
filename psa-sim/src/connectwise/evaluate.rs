//! Evaluating a checked `conditions` expression against one record, and the `orderBy`
//! comparison, with SQL Server's semantics: case-insensitive strings that ignore trailing
//! blanks, `like` with `*`/`%`, nulls first.

use std::borrow::Cow;

use super::conditions::{CmpOp, Expr, Lit, Scalar};
use super::wire::parse_time;

/// Evaluates an expression; `get` returns a field's value (lower-case path) on the record.
pub(crate) fn eval<'a>(e: &Expr, get: &dyn Fn(&str) -> Scalar<'a>) -> bool {
    match e {
        Expr::And(a, b) => eval(a, get) && eval(b, get),
        Expr::Or(a, b) => eval(a, get) || eval(b, get),
        Expr::Not(a) => !eval(a, get),
        Expr::Cmp {
            field,
            op,
            negated,
            value,
        } => {
            let v = get(field);
            let r = compare(*op, &v, value);
            if *negated { !r } else { r }
        }
        Expr::In {
            field,
            negated,
            values,
        } => {
            let v = get(field);
            let r = values.iter().any(|lit| compare(CmpOp::Eq, &v, lit));
            if *negated { !r } else { r }
        }
    }
}

/// Folds case and drops trailing blanks (SQL Server comparison semantics).
fn fold(s: &str) -> Cow<'_, str> {
    let t = s.trim_end();
    if t.chars().any(|c| c.is_uppercase()) {
        Cow::Owned(t.to_lowercase())
    } else {
        Cow::Borrowed(t)
    }
}

fn compare(op: CmpOp, lhs: &Scalar<'_>, rhs: &Lit) -> bool {
    let lhs = lhs.normalized();
    match (&lhs, rhs) {
        (Scalar::Null, Lit::Null) => op == CmpOp::Eq,
        (_, Lit::Null) => op == CmpOp::Ne,
        (Scalar::Null, _) => op == CmpOp::Ne,
        (Scalar::Str(a), Lit::Str(b)) => {
            let (a, b) = (fold(a), fold(b));
            match op {
                CmpOp::Contains => a.contains(b.as_ref()),
                CmpOp::Like => like(&a, &b),
                _ => ordered(op, a.as_ref().cmp(b.as_ref())),
            }
        }
        (Scalar::Num(a), Lit::Num(b)) => match op {
            CmpOp::Contains => fmt_num(*a).contains(&fmt_num(*b)),
            CmpOp::Like => like(&fmt_num(*a), &fmt_num(*b)),
            _ => a.partial_cmp(b).is_some_and(|o| ordered(op, o)),
        },
        (Scalar::Bool(a), Lit::Bool(b)) => match op {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            _ => false,
        },
        (Scalar::Date(a), Lit::Date(b)) => ordered(op, a.cmp(b)),
        // Loosely typed values (custom fields): compare their text.
        (Scalar::Num(a), Lit::Str(b)) => compare(
            op,
            &Scalar::Str(Cow::Owned(fmt_num(*a))),
            &Lit::Str(b.clone()),
        ),
        (Scalar::Str(a), Lit::Num(b)) => match a.trim().parse::<f64>() {
            Ok(n) => compare(op, &Scalar::Num(n), rhs),
            Err(_) => {
                let _ = b;
                op == CmpOp::Ne
            }
        },
        (Scalar::Str(a), Lit::Bool(b)) => compare(
            op,
            &Scalar::Bool(a.trim().eq_ignore_ascii_case("true")),
            &Lit::Bool(*b),
        ),
        (Scalar::Str(a), Lit::Date(_)) => match parse_time(a) {
            Some(t) => compare(op, &Scalar::Date(t), rhs),
            None => op == CmpOp::Ne,
        },
        _ => op == CmpOp::Ne,
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

fn ordered(op: CmpOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Eq | CmpOp::Contains | CmpOp::Like => o == Equal,
        CmpOp::Ne => o != Equal,
        CmpOp::Lt => o == Less,
        CmpOp::Le => o != Greater,
        CmpOp::Gt => o == Greater,
        CmpOp::Ge => o != Less,
    }
}

/// `like` with `*` or `%` as the wildcard (both already case-folded).
fn like(text: &str, pattern: &str) -> bool {
    let t: Vec<char> = text.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    let (mut ti, mut pi) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '*' || p[pi] == '%') {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && (p[pi] == '*' || p[pi] == '%') {
        pi += 1;
    }
    pi == p.len()
}

/// Orders two field values the way SQL Server does for `orderBy` (nulls first).
pub(crate) fn order(a: &Scalar<'_>, b: &Scalar<'_>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (a, b) = (a.normalized(), b.normalized());
    match (&a, &b) {
        (Scalar::Null, Scalar::Null) => Ordering::Equal,
        (Scalar::Null, _) => Ordering::Less,
        (_, Scalar::Null) => Ordering::Greater,
        (Scalar::Num(x), Scalar::Num(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Scalar::Str(x), Scalar::Str(y)) => fold(x).cmp(&fold(y)),
        (Scalar::Bool(x), Scalar::Bool(y)) => x.cmp(y),
        (Scalar::Date(x), Scalar::Date(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connectwise::conditions::{Ty, check, parse};

    fn schema(f: &str) -> Option<Ty> {
        match f {
            "id" | "board/id" => Some(Ty::Int),
            "summary" | "board/name" | "contact/name" => Some(Ty::Str),
            "closedflag" => Some(Ty::Bool),
            "lastupdated" => Some(Ty::Date),
            "value" => Some(Ty::Any),
            _ => None,
        }
    }

    fn rec(f: &str) -> Scalar<'static> {
        match f {
            "id" => Scalar::int(42),
            "board/id" => Scalar::int(3),
            "summary" => Scalar::str("Printer OFFLINE in \"Room 4\"   "),
            "board/name" => Scalar::str("Help Desk"),
            "contact/name" => Scalar::Null,
            "closedflag" => Scalar::Bool(false),
            "lastupdated" => Scalar::Date(parse_time("2020-01-02T00:00:00Z").unwrap()),
            _ => Scalar::Null,
        }
    }

    fn matches(src: &str) -> bool {
        let e = parse(src).unwrap().unwrap();
        check(&e, "Ticket", &schema, true).unwrap();
        eval(&e, &rec)
    }

    #[test]
    fn operators() {
        assert!(matches("id = 42"));
        assert!(matches("id != 41"));
        assert!(matches("id > 41 AND id >= 42 and id < 43 and id <= 42"));
        assert!(matches("summary contains \"offline\""));
        assert!(matches("summary not contains \"online\""));
        assert!(matches("summary like \"printer*room%\""));
        assert!(matches("summary not like \"scanner*\""));
        assert!(matches("board/id in (1, 2, 3)"));
        assert!(matches("board/id not in (1,2)"));
        assert!(matches("closedFlag = False"));
        assert!(matches("lastUpdated > [2019-12-31T00:00:00Z]"));
        assert!(matches("contact/name = null and board/name != null"));
    }

    #[test]
    fn string_semantics() {
        // Case-insensitive, trailing blanks ignored, escaped quotes.
        assert!(matches(r#"summary = "printer offline in \"room 4\"""#));
        assert!(matches("board/name = 'HELP DESK'"));
        assert!(matches("board/name = \"Help Desk   \""));
    }

    #[test]
    fn precedence_and_parentheses() {
        assert!(matches("id = 1 or id = 42 and closedFlag = false"));
        assert!(!matches("(id = 1 or id = 42) and closedFlag = true"));
        assert!(matches("not (id = 1)"));
        assert!(matches("((id = 42))"));
    }

    #[test]
    fn syntax_errors() {
        for bad in [
            "summary = \"open",
            "id = ",
            "id 42",
            "(id = 42",
            "id = 42)",
            "id = 42 and",
            "summary = foo",
            "lastUpdated > [not a date]",
            "id = 42 # 1",
            "board/id in 1,2",
        ] {
            assert!(parse(bad).is_err(), "{bad} should not parse");
        }
        assert_eq!(parse("  ").unwrap(), None);
    }

    #[test]
    fn type_errors_carry_the_vendor_hint() {
        let e = parse("closedFlag = 1").unwrap().unwrap();
        let err = check(&e, "Ticket", &schema, true).unwrap_err();
        assert!(
            err.starts_with("Expected a boolean value, not a numeric."),
            "{err}"
        );
        assert!(err.contains("enclosed in square brackets"));
        let e = parse("nosuch = 1").unwrap().unwrap();
        assert!(
            check(&e, "Ticket", &schema, true)
                .unwrap_err()
                .contains("nosuch")
        );
        let e = parse("id in (1)").unwrap().unwrap();
        assert!(check(&e, "Ticket", &schema, false).is_err());
        let e = parse("lastUpdated > \"2020-01-01\"").unwrap().unwrap();
        assert!(check(&e, "Ticket", &schema, true).is_err());
    }

    #[test]
    fn like_wildcards() {
        assert!(like("abc", "a*"));
        assert!(like("abc", "*c"));
        assert!(like("abc", "a%c"));
        assert!(like("abc", "abc"));
        assert!(!like("abc", "ab"));
        assert!(like("", "*"));
        assert!(like("aXbXc", "a*b*c"));
    }

    #[test]
    fn loosely_typed_values() {
        let v = serde_json::json!("12");
        let get = |_: &str| Scalar::Json(&v);
        let e = parse("value = 12").unwrap().unwrap();
        assert!(eval(&e, &get));
        let e = parse("value != null").unwrap().unwrap();
        assert!(eval(&e, &get));
    }
}
