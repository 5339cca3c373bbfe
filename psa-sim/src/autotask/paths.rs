//! Path parsing.
//!
//! Autotask's paths are case-insensitive (`/atservicesrest/v1.0/tickets` works as well as
//! `/ATServicesRest/V1.0/Tickets`), so the sim parses paths itself instead of using a case-
//! sensitive route table.

use super::entities::Kind;

/// The prefix every path starts with (any case).
pub(crate) const PREFIX: &str = "/ATServicesRest/";

/// Which part of `entityInformation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InfoPart {
    Entity,
    Fields,
    Udfs,
}

/// A parsed path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// `/V1.0/zoneInformation` (no auth).
    Zone,
    /// `/versioninformation` (no auth).
    VersionInformation,
    /// `/V1.0/Version`.
    Version,
    /// `/V1.0/ThresholdInformation`.
    Threshold,
    /// `/V1.0/EntityInformation` (every entity).
    AllEntities,
    /// `/V1.0/{Entity}`.
    Collection(Kind),
    /// `/V1.0/{Entity}/{id}`.
    Item(Kind, i64),
    /// `/V1.0/{Entity}/query`.
    Query(Kind),
    /// `/V1.0/{Entity}/query/count`.
    Count(Kind),
    /// `/V1.0/{Entity}/query/next`.
    Next(Kind),
    /// `/V1.0/{Entity}/entityInformation[/fields|/userDefinedFields]`.
    Info(Kind, InfoPart),
    /// `/V1.0/{Parent}/{parentId}/{Child}`.
    Children(Kind, i64, Kind),
    /// `/V1.0/{Parent}/{parentId}/{Child}/{id}`.
    Child(Kind, i64, Kind, i64),
    /// Anything else.
    Unknown,
}

fn id(seg: &str) -> Option<i64> {
    if seg.is_empty() || !seg.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    seg.parse().ok()
}

fn info(rest: &[&str]) -> Option<InfoPart> {
    match rest {
        [e] if e.eq_ignore_ascii_case("entityInformation") => Some(InfoPart::Entity),
        [e, f]
            if e.eq_ignore_ascii_case("entityInformation") && f.eq_ignore_ascii_case("fields") =>
        {
            Some(InfoPart::Fields)
        }
        [e, f]
            if e.eq_ignore_ascii_case("entityInformation")
                && f.eq_ignore_ascii_case("userDefinedFields") =>
        {
            Some(InfoPart::Udfs)
        }
        _ => None,
    }
}

/// Parses a request path.
pub(crate) fn parse(path: &str) -> Route {
    let Some(head) = path.get(..PREFIX.len()) else {
        return Route::Unknown;
    };
    if !head.eq_ignore_ascii_case(PREFIX) {
        return Route::Unknown;
    }
    let rest = &path[PREFIX.len()..];
    let segs: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let Some((version, segs)) = segs.split_first() else {
        return Route::Unknown;
    };
    if version.eq_ignore_ascii_case("versioninformation") && segs.is_empty() {
        return Route::VersionInformation;
    }
    if !version.eq_ignore_ascii_case("V1.0") {
        return Route::Unknown;
    }
    let Some((first, rest)) = segs.split_first() else {
        return Route::Unknown;
    };
    if rest.is_empty() {
        if first.eq_ignore_ascii_case("zoneInformation") {
            return Route::Zone;
        }
        if first.eq_ignore_ascii_case("Version") {
            return Route::Version;
        }
        if first.eq_ignore_ascii_case("ThresholdInformation") {
            return Route::Threshold;
        }
        if first.eq_ignore_ascii_case("EntityInformation") {
            return Route::AllEntities;
        }
    }
    let Some(kind) = Kind::from_name(first) else {
        return Route::Unknown;
    };
    if let Some(part) = info(rest) {
        return Route::Info(kind, part);
    }
    match rest {
        [] => Route::Collection(kind),
        [q] if q.eq_ignore_ascii_case("query") => Route::Query(kind),
        [q, c] if q.eq_ignore_ascii_case("query") && c.eq_ignore_ascii_case("count") => {
            Route::Count(kind)
        }
        [q, n] if q.eq_ignore_ascii_case("query") && n.eq_ignore_ascii_case("next") => {
            Route::Next(kind)
        }
        [i] => id(i).map_or(Route::Unknown, |i| Route::Item(kind, i)),
        _ => {
            let (Some(pid), Some(child)) = (id(rest[0]), rest.get(1).and_then(|s| kind.child(s)))
            else {
                return Route::Unknown;
            };
            let tail = &rest[2..];
            if let Some(part) = info(tail) {
                return Route::Info(child, part);
            }
            match tail {
                [] => Route::Children(kind, pid, child),
                [i] => id(i).map_or(Route::Unknown, |i| Route::Child(kind, pid, child, i)),
                _ => Route::Unknown,
            }
        }
    }
}

impl Route {
    /// The endpoint a request counts against (thread limit and request log): the entity name
    /// for entity routes (children count as their own entity).
    pub(crate) fn endpoint(&self, path: &str) -> String {
        match self {
            Route::Zone => "zoneInformation".into(),
            Route::VersionInformation => "versionInformation".into(),
            Route::Version => "Version".into(),
            Route::Threshold => "ThresholdInformation".into(),
            Route::AllEntities => "EntityInformation".into(),
            Route::Collection(k)
            | Route::Item(k, _)
            | Route::Query(k)
            | Route::Count(k)
            | Route::Next(k)
            | Route::Info(k, _)
            | Route::Children(_, _, k)
            | Route::Child(_, _, k, _) => k.name().into(),
            Route::Unknown => path.to_string(),
        }
    }

    /// Whether the route is served without credentials and outside the thread limit.
    pub(crate) fn is_open(&self) -> bool {
        matches!(self, Route::Zone | Route::VersionInformation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_in_any_case() {
        assert_eq!(parse("/ATServicesRest/V1.0/zoneInformation"), Route::Zone);
        assert_eq!(parse("/atservicesrest/v1.0/ZONEINFORMATION"), Route::Zone);
        assert_eq!(
            parse("/ATServicesRest/versioninformation"),
            Route::VersionInformation
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/tickets/query"),
            Route::Query(Kind::Tickets)
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/Tickets/query/count"),
            Route::Count(Kind::Tickets)
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/Tickets/query/next"),
            Route::Next(Kind::Tickets)
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/Tickets/12"),
            Route::Item(Kind::Tickets, 12)
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/Tickets/12/Notes"),
            Route::Children(Kind::Tickets, 12, Kind::TicketNotes)
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/Tickets/12/Attachments/9"),
            Route::Child(Kind::Tickets, 12, Kind::TicketAttachments, 9)
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/Tickets/entityinformation"),
            Route::Info(Kind::Tickets, InfoPart::Entity)
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/Tickets/entityInformation/fields"),
            Route::Info(Kind::Tickets, InfoPart::Fields)
        );
        assert_eq!(
            parse("/ATServicesRest/V1.0/Companies/0/Contacts/entityInformation"),
            Route::Info(Kind::Contacts, InfoPart::Entity)
        );
        assert_eq!(parse("/ATServicesRest/V1.0/Tickets/abc"), Route::Unknown);
        assert_eq!(parse("/ATServicesRest/V1.0/Widgets"), Route::Unknown);
        assert_eq!(parse("/api/v1/tickets"), Route::Unknown);
        assert_eq!(
            parse("/ATServicesRest/V1.0/Tickets/12/Contacts"),
            Route::Unknown
        );
    }
}
