//! Board classification tables: `BoardType`, `BoardSubType`, `BoardItem` (spec models), the
//! same names on every board, ids derived from the board id.

use serde_json::{Value, json};

use super::view::{Cx, Entity, reference};
use crate::connectwise::conditions::{Scalar, Ty};

/// Which table a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClassTable {
    Type,
    SubType,
    Item,
}

const TYPES: &[(&str, &str)] = &[
    ("Hardware", "Reactive"),
    ("Software", "Reactive"),
    ("Network", "Reactive"),
    ("Maintenance", "Proactive"),
];
const SUBTYPES: &[(&str, &[usize])] = &[
    ("Printer", &[0]),
    ("Laptop", &[0]),
    ("Email", &[1, 2]),
    ("Patching", &[1, 3]),
];
const ITEMS: &[&str] = &["Install", "Repair", "Question", "Legacy"];

/// One row of a board's type, subtype or item table.
#[derive(Debug, Clone)]
pub(crate) struct ClassRow {
    pub(crate) table: ClassTable,
    pub(crate) id: i64,
    pub(crate) board: i64,
    pub(crate) board_name: String,
    pub(crate) name: &'static str,
    pub(crate) inactive: bool,
    pub(crate) category: &'static str,
    pub(crate) types: Vec<i64>,
}

fn type_id(board: i64, k: usize) -> i64 {
    board * 100 + k as i64 + 1
}

/// The rows of one table of one board.
pub(crate) fn class_rows(table: ClassTable, board: i64, board_name: &str) -> Vec<ClassRow> {
    let row =
        |id: i64, name: &'static str, inactive: bool, category: &'static str, types| ClassRow {
            table,
            id,
            board,
            board_name: board_name.to_string(),
            name,
            inactive,
            category,
            types,
        };
    match table {
        ClassTable::Type => TYPES
            .iter()
            .enumerate()
            .map(|(k, (n, c))| row(type_id(board, k), n, false, c, Vec::new()))
            .collect(),
        ClassTable::SubType => SUBTYPES
            .iter()
            .enumerate()
            .map(|(k, (n, ts))| {
                let types = ts.iter().map(|t| type_id(board, *t)).collect();
                row(board * 100 + 50 + k as i64, n, false, "", types)
            })
            .collect(),
        ClassTable::Item => ITEMS
            .iter()
            .enumerate()
            .map(|(k, n)| {
                row(
                    board * 100 + 80 + k as i64,
                    n,
                    k == ITEMS.len() - 1,
                    "",
                    Vec::new(),
                )
            })
            .collect(),
    }
}

impl Entity for ClassRow {
    const NAME: &'static str = "BoardClassification";

    fn id(&self) -> i64 {
        self.id
    }

    fn field_type(path: &str) -> Option<Ty> {
        Some(match path {
            "id" | "board/id" => Ty::Int,
            "name" | "board/name" | "category" => Ty::Str,
            "inactiveflag" | "defaultflag" => Ty::Bool,
            _ => return None,
        })
    }

    fn get<'a>(&'a self, _cx: &Cx<'a>, path: &str) -> Scalar<'a> {
        match path {
            "id" => Scalar::int(self.id),
            "name" => Scalar::str(self.name),
            "board/id" => Scalar::int(self.board),
            "board/name" => Scalar::str(&self.board_name),
            "category" if self.table == ClassTable::Type => Scalar::str(self.category),
            "inactiveflag" => Scalar::Bool(self.inactive),
            "defaultflag" if self.table == ClassTable::Type => Scalar::Bool(false),
            _ => Scalar::Null,
        }
    }

    fn render(&self, cx: &Cx<'_>) -> Value {
        let board = reference(
            self.board,
            &self.board_name,
            "board_href",
            format!("{}service/boards/{}", cx.api, self.board),
        );
        let info = json!({ "lastUpdated": "2023-06-01T12:00:00Z", "updatedBy": "zAdmin" });
        match self.table {
            ClassTable::Type => json!({
                "id": self.id, "name": self.name, "category": self.category,
                "defaultFlag": false, "inactiveFlag": self.inactive,
                "requestForChangeFlag": false, "board": board,
                "location": { "id": 2, "name": "Main" },
                "department": { "id": 1, "identifier": "Service", "name": "Service" },
                "_info": info,
            }),
            ClassTable::SubType => json!({
                "id": self.id, "name": self.name, "inactiveFlag": self.inactive,
                "typeAssociationIds": self.types, "board": board, "_info": info,
            }),
            ClassTable::Item => json!({
                "id": self.id, "name": self.name, "inactiveFlag": self.inactive,
                "board": board, "_info": info,
            }),
        }
    }
}
