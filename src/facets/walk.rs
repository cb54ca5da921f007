//! Small shape-safe reads of a parsed document for the kinds' `facets()`: a key of an object,
//! the entries of a list, a string — each `None`/empty when the shape is not the expected one,
//! so a half-written file gives fewer facet items, never a panic — and the [`path!`] macro that
//! builds the JSON path an item blames.

use crate::syntax::Seg;
use serde_json::{Map, Value};

/// One step of a path, from a key or an index.
pub trait ToSeg {
    fn to_seg(&self) -> Seg;
}

impl ToSeg for &str {
    fn to_seg(&self) -> Seg {
        Seg::Key((*self).to_string())
    }
}

impl ToSeg for String {
    fn to_seg(&self) -> Seg {
        Seg::Key(self.clone())
    }
}

impl ToSeg for &String {
    fn to_seg(&self) -> Seg {
        Seg::Key((*self).clone())
    }
}

impl ToSeg for usize {
    fn to_seg(&self) -> Seg {
        Seg::Index(*self)
    }
}

impl ToSeg for Seg {
    fn to_seg(&self) -> Seg {
        self.clone()
    }
}

/// `path![base; "jobs", id, "steps", i]`: `base` (a slice of [`Seg`]) extended by the steps.
#[macro_export]
macro_rules! facet_path {
    ($base:expr; $($seg:expr),* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::facets::walk::ToSeg;
        let mut p: Vec<$crate::syntax::Seg> = $base.to_vec();
        $(p.push($seg.to_seg());)*
        p
    }};
    ($($seg:expr),* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::facets::walk::ToSeg;
        let p: Vec<$crate::syntax::Seg> = vec![$($seg.to_seg()),*];
        p
    }};
}
pub use facet_path as path;

/// `v[key]` when `v` is an object.
pub fn get<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.as_object().and_then(|m| m.get(key))
}

/// The object at `v[key]`.
pub fn object<'v>(v: &'v Value, key: &str) -> Option<&'v Map<String, Value>> {
    get(v, key).and_then(Value::as_object)
}

/// The string at `v[key]`.
pub fn string<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    get(v, key).and_then(Value::as_str)
}

/// The entries of the list at `v[key]`, with their indexes (empty when it is not a list).
pub fn list<'v>(v: &'v Value, key: &str) -> impl Iterator<Item = (usize, &'v Value)> {
    get(v, key).and_then(Value::as_array).into_iter().flatten().enumerate()
}

/// The members of the object at `v[key]` (empty when it is not an object).
pub fn members<'v>(v: &'v Value, key: &str) -> impl Iterator<Item = (&'v String, &'v Value)> {
    object(v, key).into_iter().flatten()
}

/// A string, or a list of strings, as a list (IAM's `Action`, Terraform's `cidr_blocks`).
pub fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// A literal integer: a number, or a string of digits (`"22"`, `" -1 "`).
pub fn integer(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The Terraform resources of one type, by name.
pub fn tf_resources<'v>(doc: &'v Value, ty: &str) -> impl Iterator<Item = (&'v String, &'v Value)> {
    get(doc, "resource").and_then(|r| object(r, ty)).into_iter().flatten().filter(|(_, body)| body.is_object())
}

/// The CloudFormation resources (logical id, resource) of the template whose `Type` is one of
/// `types`, with their `Properties` object.
pub fn cfn_resources<'v>(
    doc: &'v Value,
    types: &'v [&'v str],
) -> impl Iterator<Item = (&'v String, &'v str, &'v Value)> + 'v {
    members(doc, "Resources").filter_map(move |(id, r)| {
        let ty = string(r, "Type")?;
        let props = get(r, "Properties").filter(|p| p.is_object())?;
        types.contains(&ty).then_some((id, ty, props))
    })
}
