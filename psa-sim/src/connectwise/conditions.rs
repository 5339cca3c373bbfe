//! The `conditions` query language ([DG] "Formatting Each Method"):
//! `= != < <= > >= contains like in not`, `and`/`or`, parentheses, strings in double (or single)
//! quotes with backslash escapes, numbers, `[datetimes]`, `null`, `true`/`false`, and references
//! with `/` (`board/name`). Keywords and field names are case-insensitive; string comparisons are
//! case-insensitive and ignore trailing blanks, as SQL Server's default collation does.

use std::borrow::Cow;

use serde_json::Value;

use super::wire::{CONDITION_HINT, parse_time};

/// The type of a filterable field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    Int,
    Str,
    Bool,
    Date,
    /// A JSON value of any type (custom field values, fields the simulator stores raw).
    Any,
}

/// A field's value on one record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    Date(i64),
    Json(&'a Value),
}

impl<'a> Scalar<'a> {
    pub(crate) fn str(s: &'a str) -> Scalar<'a> {
        Scalar::Str(Cow::Borrowed(s))
    }

    pub(crate) fn opt_str(s: Option<&'a str>) -> Scalar<'a> {
        s.map(Scalar::str).unwrap_or(Scalar::Null)
    }

    pub(crate) fn int(n: i64) -> Scalar<'a> {
        Scalar::Num(n as f64)
    }

    pub(crate) fn opt_int(n: Option<i64>) -> Scalar<'a> {
        n.map(Scalar::int).unwrap_or(Scalar::Null)
    }

    /// Unwraps a JSON value into a plain scalar where it is one.
    pub(crate) fn normalized(&self) -> Scalar<'a> {
        match self {
            Scalar::Json(v) => match v {
                Value::Null => Scalar::Null,
                Value::Bool(b) => Scalar::Bool(*b),
                Value::Number(n) => Scalar::Num(n.as_f64().unwrap_or(0.0)),
                Value::String(s) => Scalar::Str(Cow::Borrowed(s.as_str())),
                other => Scalar::Json(other),
            },
            other => other.clone(),
        }
    }
}

/// A literal on the right-hand side.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Date(i64),
}

impl Lit {
    fn kind(&self) -> &'static str {
        match self {
            Lit::Null => "null",
            Lit::Bool(_) => "boolean",
            Lit::Num(_) => "numeric",
            Lit::Str(_) => "string",
            Lit::Date(_) => "datetime",
        }
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    Like,
}

impl CmpOp {
    fn text(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Contains => "contains",
            CmpOp::Like => "like",
        }
    }
}

/// A parsed conditions expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Cmp {
        field: String,
        op: CmpOp,
        negated: bool,
        value: Lit,
    },
    In {
        field: String,
        negated: bool,
        values: Vec<Lit>,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Date(i64),
    Op(CmpOp),
    LParen,
    RParen,
    Comma,
}

/// Splits a conditions string into tokens.
fn lex(src: &str) -> Result<Vec<(Tok, usize)>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((Tok::LParen, at));
                i += 1;
            }
            ')' => {
                out.push((Tok::RParen, at));
                i += 1;
            }
            ',' => {
                out.push((Tok::Comma, at));
                i += 1;
            }
            '"' | '\'' => {
                let quote = c;
                let mut s = String::new();
                i += 1;
                let mut closed = false;
                while i < chars.len() {
                    let ch = chars[i];
                    if ch == '\\' && i + 1 < chars.len() {
                        s.push(chars[i + 1]);
                        i += 2;
                    } else if ch == quote {
                        closed = true;
                        i += 1;
                        break;
                    } else {
                        s.push(ch);
                        i += 1;
                    }
                }
                if !closed {
                    return Err(format!(
                        "Unterminated string starting at position {at}. {CONDITION_HINT}"
                    ));
                }
                out.push((Tok::Str(s), at));
            }
            '[' => {
                let close = chars[i..].iter().position(|&ch| ch == ']');
                let Some(len) = close else {
                    return Err(format!(
                        "Unterminated datetime starting at position {at}. {CONDITION_HINT}"
                    ));
                };
                let inner: String = chars[i + 1..i + len].iter().collect();
                let Some(t) = parse_time(&inner) else {
                    return Err(format!(
                        "'{inner}' is not a valid datetime value. {CONDITION_HINT}"
                    ));
                };
                out.push((Tok::Date(t), at));
                i += len + 1;
            }
            '=' => {
                out.push((Tok::Op(CmpOp::Eq), at));
                i += 1;
            }
            '!' if chars.get(i + 1) == Some(&'=') => {
                out.push((Tok::Op(CmpOp::Ne), at));
                i += 2;
            }
            '<' | '>' => {
                let eq = chars.get(i + 1) == Some(&'=');
                let op = match (c, eq) {
                    ('<', true) => CmpOp::Le,
                    ('<', false) => CmpOp::Lt,
                    (_, true) => CmpOp::Ge,
                    _ => CmpOp::Gt,
                };
                // `<>` is SQL for "not equal"; ConnectWise documents only `!=`.
                out.push((Tok::Op(op), at));
                i += if eq { 2 } else { 1 };
            }
            c if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                let start = i;
                i += 1;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                // A number glued to letters (`12abc`) is a bare word, not a number.
                if i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    let word: String = chars[start..i].iter().collect();
                    out.push((Tok::Ident(word), at));
                    continue;
                }
                let n: f64 = text
                    .parse()
                    .map_err(|_| format!("'{text}' is not a valid number. {CONDITION_HINT}"))?;
                out.push((Tok::Num(n), at));
            }
            c if c.is_alphanumeric() || c == '_' || c == '@' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '/' | '.' | '@'))
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                out.push((Tok::Ident(word), at));
            }
            other => {
                return Err(format!(
                    "Unexpected character '{other}' at position {at} in conditions."
                ));
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    len: usize,
}

fn is_kw(t: Option<&Tok>, kw: &str) -> bool {
    matches!(t, Some(Tok::Ident(w)) if w.eq_ignore_ascii_case(kw))
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn peek2(&self) -> Option<&Tok> {
        self.toks.get(self.pos + 1).map(|(t, _)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map(|(_, p)| *p).unwrap_or(self.len)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).map(|(t, _)| t.clone());
        self.pos += 1;
        t
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while is_kw(self.peek(), "or") {
            self.pos += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        while is_kw(self.peek(), "and") {
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if is_kw(self.peek(), "not") && matches!(self.peek2(), Some(Tok::LParen)) {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if matches!(self.peek(), Some(Tok::LParen)) {
            self.pos += 1;
            let e = self.or()?;
            match self.next() {
                Some(Tok::RParen) => return Ok(e),
                _ => {
                    return Err(format!(
                        "Expected ')' at position {} in conditions.",
                        self.at()
                    ));
                }
            }
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, String> {
        let at = self.at();
        let field = match self.next() {
            Some(Tok::Ident(w)) if !is_reserved(&w) => w,
            Some(t) => {
                return Err(format!(
                    "Expected a field name at position {at}, found {}.",
                    describe(&t)
                ));
            }
            None => return Err("Unexpected end of conditions: expected a field name.".to_string()),
        };
        let mut negated = false;
        if is_kw(self.peek(), "not") {
            negated = true;
            self.pos += 1;
        }
        let at_op = self.at();
        let op = match self.next() {
            Some(Tok::Op(op)) if !negated => op,
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("contains") => CmpOp::Contains,
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("like") => CmpOp::Like,
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("in") => {
                return self.in_list(field, negated);
            }
            Some(t) => {
                return Err(format!(
                    "Expected an operator after '{field}' at position {at_op}, found {}.",
                    describe(&t)
                ));
            }
            None => {
                return Err(format!(
                    "Unexpected end of conditions: expected an operator after '{field}'."
                ));
            }
        };
        let value = self.literal()?;
        Ok(Expr::Cmp {
            field: field.to_ascii_lowercase(),
            op,
            negated,
            value,
        })
    }

    fn in_list(&mut self, field: String, negated: bool) -> Result<Expr, String> {
        if !matches!(self.next(), Some(Tok::LParen)) {
            return Err(format!(
                "Expected '(' after 'in' at position {} in conditions.",
                self.at()
            ));
        }
        let mut values = vec![self.literal()?];
        loop {
            match self.next() {
                Some(Tok::Comma) => values.push(self.literal()?),
                Some(Tok::RParen) => break,
                _ => {
                    return Err(format!(
                        "Expected ',' or ')' in the 'in' list at position {}.",
                        self.at()
                    ));
                }
            }
        }
        Ok(Expr::In {
            field: field.to_ascii_lowercase(),
            negated,
            values,
        })
    }

    fn literal(&mut self) -> Result<Lit, String> {
        let at = self.at();
        match self.next() {
            Some(Tok::Str(s)) => Ok(Lit::Str(s)),
            Some(Tok::Num(n)) => Ok(Lit::Num(n)),
            Some(Tok::Date(d)) => Ok(Lit::Date(d)),
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("null") => Ok(Lit::Null),
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("true") => Ok(Lit::Bool(true)),
            Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("false") => Ok(Lit::Bool(false)),
            Some(Tok::Ident(w)) => Err(format!(
                "Unexpected value '{w}' at position {at}. {CONDITION_HINT}"
            )),
            Some(t) => Err(format!(
                "Expected a value at position {at}, found {}. {CONDITION_HINT}",
                describe(&t)
            )),
            None => Err(format!(
                "Unexpected end of conditions: expected a value. {CONDITION_HINT}"
            )),
        }
    }
}

fn is_reserved(w: &str) -> bool {
    [
        "and", "or", "not", "contains", "like", "in", "null", "true", "false",
    ]
    .iter()
    .any(|k| w.eq_ignore_ascii_case(k))
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(w) => format!("'{w}'"),
        Tok::Str(s) => format!("the string \"{s}\""),
        Tok::Num(n) => format!("the number {n}"),
        Tok::Date(_) => "a datetime".to_string(),
        Tok::Op(op) => format!("'{}'", op.text()),
        Tok::LParen => "'('".to_string(),
        Tok::RParen => "')'".to_string(),
        Tok::Comma => "','".to_string(),
    }
}

/// Parses a conditions string. Empty or blank → `None`.
pub(crate) fn parse(src: &str) -> Result<Option<Expr>, String> {
    if src.trim().is_empty() {
        return Ok(None);
    }
    let toks = lex(src)?;
    let len = src.chars().count();
    let mut p = Parser { toks, pos: 0, len };
    let e = p.or()?;
    if p.pos < p.toks.len() {
        let at = p.at();
        let t = p.next().map(|t| describe(&t)).unwrap_or_default();
        return Err(format!("Unexpected {t} at position {at} in conditions."));
    }
    Ok(Some(e))
}

/// Checks every field against the entity's schema and every literal against the field's type.
/// `allow_in` is false for `childConditions`/`customFieldConditions` (facts §4).
pub(crate) fn check(
    e: &Expr,
    entity: &str,
    schema: &dyn Fn(&str) -> Option<Ty>,
    allow_in: bool,
) -> Result<(), String> {
    match e {
        Expr::And(a, b) | Expr::Or(a, b) => {
            check(a, entity, schema, allow_in)?;
            check(b, entity, schema, allow_in)
        }
        Expr::Not(a) => check(a, entity, schema, allow_in),
        Expr::Cmp {
            field, op, value, ..
        } => {
            let ty = schema(field).ok_or_else(|| unknown_field(field, entity))?;
            check_literal(field, ty, value)?;
            if matches!(op, CmpOp::Contains | CmpOp::Like) && matches!(ty, Ty::Bool | Ty::Date) {
                return Err(format!(
                    "The operator '{}' cannot be used with the field '{field}' of type {}.",
                    op.text(),
                    type_name(ty)
                ));
            }
            if matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge) && ty == Ty::Bool {
                return Err(format!(
                    "The operator '{}' cannot be used with the boolean field '{field}'.",
                    op.text()
                ));
            }
            Ok(())
        }
        Expr::In { field, values, .. } => {
            if !allow_in {
                return Err("The operator 'in' is not supported in childConditions or customFieldConditions."
                    .to_string());
            }
            let ty = schema(field).ok_or_else(|| unknown_field(field, entity))?;
            values.iter().try_for_each(|v| check_literal(field, ty, v))
        }
    }
}

fn unknown_field(field: &str, entity: &str) -> String {
    // The real wording is not public (unverified); the simulator names the field and the type.
    format!("Cannot find field '{field}' on object of type '{entity}'.")
}

fn type_name(ty: Ty) -> &'static str {
    match ty {
        Ty::Int => "numeric",
        Ty::Str => "string",
        Ty::Bool => "boolean",
        Ty::Date => "datetime",
        Ty::Any => "any",
    }
}

fn check_literal(field: &str, ty: Ty, v: &Lit) -> Result<(), String> {
    let ok = matches!(
        (ty, v),
        (_, Lit::Null)
            | (Ty::Any, _)
            | (Ty::Int, Lit::Num(_))
            | (Ty::Str, Lit::Str(_))
            | (Ty::Bool, Lit::Bool(_))
            | (Ty::Date, Lit::Date(_))
    );
    if ok {
        Ok(())
    } else {
        let _ = field;
        Err(format!(
            "Expected a {} value, not a {}. {CONDITION_HINT}",
            type_name(ty),
            v.kind()
        ))
    }
}
