//! `DocumentInfo`, `CallbackEntry` and `MySecurity` (spec models).

use serde_json::{Map, Value, json};

use super::view::{Cx, Entity, member_ref};
use crate::connectwise::conditions::{Scalar, Ty};
use crate::connectwise::permissions::{Op, Row};
use crate::connectwise::store::{CallbackRec, DocumentRec};
use crate::connectwise::wire::fmt_time;

/// A document as the list machinery sees it.
pub(crate) struct DocumentView<'a>(pub(crate) &'a DocumentRec);

impl DocumentView<'_> {
    fn image(&self) -> bool {
        self.0.content_type.starts_with("image/")
    }
}

impl Entity for DocumentView<'_> {
    const NAME: &'static str = "DocumentInfo";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "size" => Ty::Int,
            "title" | "filename" | "serverfilename" | "owner" | "guid" => Ty::Str,
            "linkflag" | "imageflag" | "publicflag" | "readonlyflag" | "urlflag"
            | "htmltemplateflag" => Ty::Bool,
            "lastupdated" | "_info/lastupdated" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let d = self.0;
        match path {
            "id" => Scalar::int(d.id),
            "size" => Scalar::int(d.bytes.len() as i64),
            "title" => Scalar::str(&d.title),
            "filename" => Scalar::str(&d.file_name),
            "serverfilename" => Scalar::str(&d.server_file_name),
            "owner" => Scalar::str(&d.owner),
            "guid" => Scalar::str(&d.guid),
            "linkflag" | "urlflag" => Scalar::Bool(d.url.is_some()),
            "imageflag" => Scalar::Bool(self.image()),
            "publicflag" => Scalar::Bool(!d.private),
            "readonlyflag" => Scalar::Bool(d.read_only),
            "htmltemplateflag" => Scalar::Bool(false),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(d.created),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let d = self.0;
        let mut v = json!({
            "id": d.id,
            "title": d.title,
            "fileName": d.file_name,
            "serverFileName": d.server_file_name,
            "owner": d.owner,
            "linkFlag": d.url.is_some(),
            "imageFlag": self.image(),
            "publicFlag": !d.private,
            "htmlTemplateFlag": false,
            "readOnlyFlag": d.read_only,
            "size": d.bytes.len(),
            "urlFlag": d.url.is_some(),
            "createdOnDate": fmt_time(d.created),
            "guid": d.guid,
            "_info": {
                "lastUpdated": fmt_time(d.created),
                "updatedBy": d.owner,
                "download_href": format!("{}system/documents/{}/download", cx.api, d.id),
            },
        });
        if let Some(url) = &d.url {
            v["url"] = json!(url);
        }
        v
    }
}

/// A callback entry as the list machinery sees it.
pub(crate) struct CallbackView<'a>(pub(crate) &'a CallbackRec);

impl Entity for CallbackView<'_> {
    const NAME: &'static str = "CallbackEntry";

    fn id(&self) -> i64 {
        self.0.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "objectid" | "memberid" => Ty::Int,
            "description" | "url" | "type" | "level" | "payloadversion" | "connectwiseid" => {
                Ty::Str
            }
            "inactiveflag" | "issoapcallbackflag" | "isselfsuppressedflag" => Ty::Bool,
            "lastupdated" | "_info/lastupdated" => Ty::Date,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let c = self.0;
        match path {
            "id" => Scalar::int(c.id),
            "objectid" => Scalar::int(c.object_id),
            "memberid" => Scalar::int(c.member_id),
            "description" => Scalar::opt_str(c.description.as_deref()),
            "url" => Scalar::str(&c.url),
            "type" => Scalar::str(&c.kind),
            "level" => Scalar::str(&c.level),
            "payloadversion" => Scalar::opt_str(c.payload_version.as_deref()),
            "connectwiseid" => Scalar::str(&c.connectwise_id),
            "inactiveflag" => Scalar::Bool(c.inactive),
            "issoapcallbackflag" => Scalar::Bool(c.soap),
            "isselfsuppressedflag" => Scalar::Bool(c.self_suppressed),
            "lastupdated" | "_info/lastupdated" => Scalar::Date(c.updated),
            _ => Scalar::Null,
        }
    }

    fn render(&self, _cx: &Cx<'_>) -> Value {
        let c = self.0;
        let mut m = Map::new();
        m.insert("id".into(), json!(c.id));
        if let Some(d) = &c.description {
            m.insert("description".into(), json!(d));
        }
        m.insert("url".into(), json!(c.url));
        m.insert("objectId".into(), json!(c.object_id));
        m.insert("type".into(), json!(c.kind));
        m.insert("level".into(), json!(c.level));
        m.insert("memberId".into(), json!(c.member_id));
        if let Some(p) = &c.payload_version {
            m.insert("payloadVersion".into(), json!(p));
        }
        m.insert("inactiveFlag".into(), json!(c.inactive));
        m.insert("isSoapCallbackFlag".into(), json!(c.soap));
        m.insert("isSelfSuppressedFlag".into(), json!(c.self_suppressed));
        m.insert("connectWiseID".into(), json!(c.connectwise_id));
        m.insert(
            "_info".into(),
            json!({ "lastUpdated": fmt_time(c.updated), "updatedBy": "PsaSdkApi" }),
        );
        Value::Object(m)
    }
}

/// One `/system/mySecurity` row.
pub(crate) struct SecurityView {
    pub(crate) id: i64,
    pub(crate) sort: i64,
    pub(crate) row: Row,
}

impl Entity for SecurityView {
    const NAME: &'static str = "MySecurity";

    fn id(&self) -> i64 {
        self.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "sortorder" | "member/id" => Ty::Int,
            "addlevel"
            | "editlevel"
            | "deletelevel"
            | "inquirelevel"
            | "modulefunctionname"
            | "modulefunctiondescription"
            | "modulefunctionidentifier"
            | "moduledescription"
            | "moduleidentifier"
            | "modulename"
            | "member/identifier"
            | "member/name" => Ty::Str,
            "myallflag" | "reportflag" | "restrictflag" | "customflag" => Ty::Bool,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        let r = &self.row;
        match path {
            "id" => Scalar::int(self.id),
            "sortorder" => Scalar::int(self.sort),
            "member/id" => Scalar::int(cx.st.api_member.id),
            "member/identifier" => Scalar::str(&cx.st.api_member.identifier),
            "member/name" => Scalar::Str(cx.st.api_member.name().into()),
            "addlevel" => Scalar::str(r.level(Op::Add).as_str()),
            "editlevel" => Scalar::str(r.level(Op::Edit).as_str()),
            "deletelevel" => Scalar::str(r.level(Op::Delete).as_str()),
            "inquirelevel" => Scalar::str(r.level(Op::Inquire).as_str()),
            "modulefunctionname" | "modulefunctiondescription" => Scalar::str(r.function),
            "modulefunctionidentifier" => Scalar::Str(r.function_identifier().into()),
            "moduledescription" | "modulename" => Scalar::str(r.module),
            "moduleidentifier" => Scalar::Str(r.module_identifier().into()),
            "myallflag" => Scalar::Bool(r.my_all()),
            "reportflag" | "restrictflag" | "customflag" => Scalar::Bool(false),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let r = &self.row;
        json!({
            "id": self.id,
            "addLevel": r.level(Op::Add).as_str(),
            "editLevel": r.level(Op::Edit).as_str(),
            "deleteLevel": r.level(Op::Delete).as_str(),
            "inquireLevel": r.level(Op::Inquire).as_str(),
            "moduleFunctionName": r.function,
            "moduleFunctionDescription": r.function,
            "myAllFlag": r.my_all(),
            "moduleFunctionIdentifier": r.function_identifier(),
            "reportFlag": false,
            "restrictFlag": false,
            "customFlag": false,
            "moduleDescription": r.module,
            "moduleIdentifier": r.module_identifier(),
            "moduleName": r.module,
            "sortOrder": self.sort,
            "member": member_ref(cx, cx.st.api_member.id),
            "_info": { "lastUpdated": "2024-01-01T00:00:00Z", "updatedBy": "zAdmin" },
        })
    }
}
