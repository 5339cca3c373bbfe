//! The wire field types of the simulated entities (`entityInformation/fields` `dataType`).

/// A field's data type, as `entityInformation/fields` names it (`dataType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    Int,
    Long,
    Double,
    Bool,
    DateTime,
    Str,
}

impl Ty {
    /// The `dataType` string of `entityInformation/fields`.
    pub(crate) fn wire(self) -> &'static str {
        match self {
            Ty::Int => "integer",
            Ty::Long => "long",
            Ty::Double => "double",
            Ty::Bool => "boolean",
            Ty::DateTime => "datetime",
            Ty::Str => "string",
        }
    }

    /// The .NET type named in conversion errors.
    pub(crate) fn dotnet(self) -> &'static str {
        match self {
            Ty::Int => "System.Int32",
            Ty::Long => "System.Int64",
            Ty::Double => "System.Double",
            Ty::Bool => "System.Boolean",
            Ty::DateTime => "System.DateTime",
            Ty::Str => "System.String",
        }
    }
}

/// One wire field of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldDef {
    pub(crate) name: &'static str,
    pub(crate) ty: Ty,
}
