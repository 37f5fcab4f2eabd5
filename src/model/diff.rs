//! Field-level comparison of two versions of one record, and a merge that takes the other side
//! only where asked. Works on the records' JSON form, so it serves any model type: a received
//! case against ours (bundle import) as well as two devices' versions of a case (shared vault).
//!
//! Objects are compared field by field; list items that carry an `id` (or, for files, a
//! `sha256`) are matched by it, so an edited person is one difference, not a shifted list;
//! other lists, enum values and dates are compared as one value. Each difference has a stable
//! internal `key` (`people/<id>/birth_date`) that `merge` takes as the lawyer's choice, and a
//! readable `path` (`People › <name> › Birth date`) for showing the two sides.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::case::Case;
use super::custody::{CustodyEntry, CustodyLog};
use super::flexi_date::{Day, FlexiDate};

/// Rendered values longer than this are cut (with "…"): a difference is shown on one line.
const SHORT: usize = 120;
/// The key suffix of a list's order.
const ORDER: &str = "#order";

/// One place where the two versions differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Where, for people: `["People", "<name>", "Birth date"]`.
    pub path: Vec<String>,
    /// Where, for `merge`: stable, built from field names and item ids.
    pub key: String,
    /// Our value, short; `None` when empty or absent.
    pub ours: Option<String>,
    /// Their value, short; `None` when empty or absent.
    pub theirs: Option<String>,
}

/// The words a comparison is shown in. The defaults are plain English made from the field and
/// variant names; the program passes translated ones.
pub trait Describe {
    /// A field's name as shown (`birth_date` → "Birth date").
    fn field(&self, name: &str) -> String {
        humanise(name)
    }
    /// An enum value at `key` (e.g. `documents/<id>/kind`, `Passport`) as shown; `None` shows
    /// it as written.
    fn variant(&self, _key: &str, _variant: &str) -> Option<String> {
        None
    }
    /// The word for the order of a list's items.
    fn order(&self) -> String {
        "Order".to_string()
    }
    /// Yes or no.
    fn boolean(&self, value: bool) -> String {
        if value { "yes" } else { "no" }.to_string()
    }
}

/// The plain English `Describe`.
pub struct Plain;

impl Describe for Plain {}

/// What a comparison leaves out.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// Top-level fields never compared (merge keeps ours).
    pub ignore_top: &'a [&'a str],
    /// Fields never compared at any depth (storage details such as object names).
    pub ignore_fields: &'a [&'a str],
}

/// The scope of a case comparison: its id and format are ours, the custody log is merged by
/// appending (never chosen), and object names are storage details of each vault.
pub const CASE_SCOPE: Scope<'static> = Scope {
    ignore_top: &["format", "id", "custody"],
    ignore_fields: &["blob", "thumbnail"],
};

/// The differences between two cases (see `CASE_SCOPE` for what is not compared).
pub fn diff(ours: &Case, theirs: &Case, describe: &dyn Describe) -> Vec<Difference> {
    diff_values(&to_value(ours), &to_value(theirs), CASE_SCOPE, describe)
}

/// Ours, with theirs taken for every difference whose key is in `take_theirs`; the custody log
/// is ours with their lines that we lack appended (see `union_custody`).
pub fn merge(ours: &Case, theirs: &Case, take_theirs: &BTreeSet<String>) -> Case {
    let mut merged: Case = merge_typed(ours, theirs, CASE_SCOPE, take_theirs);
    merged.custody = union_custody(&ours.custody, &theirs.custody);
    merged
}

/// `merge_values` on any model type; `ours` unchanged if the result does not read back.
pub fn merge_typed<T: Serialize + DeserializeOwned + Clone>(
    ours: &T,
    theirs: &T,
    scope: Scope<'_>,
    take_theirs: &BTreeSet<String>,
) -> T {
    let merged = merge_values(&to_value(ours), &to_value(theirs), scope, take_theirs);
    // Every value in `merged` comes from one of two valid records, at the same place, so it
    // always reads back; ours is the safe answer if it ever did not.
    serde_json::from_value(merged).unwrap_or_else(|_| ours.clone())
}

/// Our custody log, then each of their lines we do not have (same time, actor, action, file and
/// details), in their order, chained onto ours.
pub fn union_custody(ours: &CustodyLog, theirs: &CustodyLog) -> CustodyLog {
    let same = |a: &CustodyEntry, b: &CustodyEntry| {
        a.at == b.at
            && a.actor == b.actor
            && a.action == b.action
            && a.sha256 == b.sha256
            && a.details == b.details
    };
    let mut log = ours.clone();
    for entry in theirs.entries() {
        if !ours.entries().iter().any(|mine| same(mine, entry)) {
            log.append(
                &entry.at,
                &entry.actor,
                entry.action,
                &entry.sha256,
                &entry.details,
            );
        }
    }
    log
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The differences between two JSON documents of the same type.
pub fn diff_values(
    ours: &Value,
    theirs: &Value,
    scope: Scope<'_>,
    describe: &dyn Describe,
) -> Vec<Difference> {
    let walk = Walk {
        scope,
        describe,
        names: Names::of(&[ours, theirs]),
    };
    let mut out = Vec::new();
    walk.node(Some(ours), Some(theirs), "", &[], &mut out);
    out
}

/// Ours, with theirs at every key in `take_theirs` (keys as `diff_values` gives them).
pub fn merge_values(
    ours: &Value,
    theirs: &Value,
    scope: Scope<'_>,
    take_theirs: &BTreeSet<String>,
) -> Value {
    merge_node(Some(ours), Some(theirs), "", scope, take_theirs).unwrap_or(Value::Null)
}

/// How a pair of values is compared.
enum Shape<'v> {
    /// Field by field.
    Objects(&'v Map<String, Value>, &'v Map<String, Value>),
    /// Items matched by the value of this field.
    Keyed(&'v [Value], &'v [Value], &'static str),
    /// As one value.
    Whole,
}

fn shape<'v>(ours: &'v Value, theirs: &'v Value) -> Shape<'v> {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) if !is_atom(ours) && !is_atom(theirs) => {
            Shape::Objects(a, b)
        }
        (Value::Array(a), Value::Array(b)) => match item_key(a, b) {
            Some(field) => Shape::Keyed(a, b, field),
            None => Shape::Whole,
        },
        _ => Shape::Whole,
    }
}

/// Objects compared as one value: enum variants with data (`{"Exact": …}`), and days.
fn is_atom(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            let enum_variant = map.len() == 1
                && map
                    .keys()
                    .next()
                    .is_some_and(|k| k.starts_with(|c: char| c.is_ascii_uppercase()));
            let day = map.len() == 3
                && ["year", "month", "day"]
                    .iter()
                    .all(|k| map.contains_key(*k));
            enum_variant || day
        }
        _ => false,
    }
}

/// The field that identifies the items of both lists (`id`, else `sha256`), if every item has
/// one and no value repeats within a list.
fn item_key(ours: &[Value], theirs: &[Value]) -> Option<&'static str> {
    if ours.is_empty() && theirs.is_empty() {
        return None;
    }
    ["id", "sha256"].into_iter().find(|field| {
        [ours, theirs].iter().all(|list| {
            let mut seen = BTreeSet::new();
            list.iter()
                .all(|item| item_id(item, field).is_some_and(|id| seen.insert(id)))
        })
    })
}

fn item_id(item: &Value, field: &str) -> Option<String> {
    match item.get(field)? {
        Value::String(text) => Some(text.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn join(key: &str, part: &str) -> String {
    if key.is_empty() {
        part.to_string()
    } else {
        format!("{key}/{part}")
    }
}

fn ignored(scope: Scope<'_>, key: &str, field: &str) -> bool {
    scope.ignore_fields.contains(&field) || (key.is_empty() && scope.ignore_top.contains(&field))
}

/// The ids of one list, in order.
fn ids(list: &[Value], field: &str) -> Vec<String> {
    list.iter()
        .filter_map(|item| item_id(item, field))
        .collect()
}

/// The ids both lists have, in each list's order: equal when the order did not change.
fn common_order(ours: &[String], theirs: &[String]) -> (Vec<String>, Vec<String>) {
    let in_theirs: BTreeSet<&String> = theirs.iter().collect();
    let in_ours: BTreeSet<&String> = ours.iter().collect();
    (
        ours.iter()
            .filter(|id| in_theirs.contains(id))
            .cloned()
            .collect(),
        theirs
            .iter()
            .filter(|id| in_ours.contains(id))
            .cloned()
            .collect(),
    )
}

struct Walk<'a> {
    scope: Scope<'a>,
    describe: &'a dyn Describe,
    names: Names,
}

impl Walk<'_> {
    fn node(
        &self,
        ours: Option<&Value>,
        theirs: Option<&Value>,
        key: &str,
        path: &[String],
        out: &mut Vec<Difference>,
    ) {
        let (Some(a), Some(b)) = (ours, theirs) else {
            if ours != theirs {
                self.leaf(ours, theirs, key, path, out);
            }
            return;
        };
        match shape(a, b) {
            Shape::Objects(a, b) => {
                let fields = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
                for field in fields {
                    if ignored(self.scope, key, field) {
                        continue;
                    }
                    let mut deeper = path.to_vec();
                    deeper.push(self.describe.field(field));
                    self.node(a.get(field), b.get(field), &join(key, field), &deeper, out);
                }
            }
            Shape::Keyed(a, b, field) => self.list(a, b, field, key, path, out),
            Shape::Whole => {
                if a != b {
                    self.leaf(ours, theirs, key, path, out);
                }
            }
        }
    }

    fn list(
        &self,
        ours: &[Value],
        theirs: &[Value],
        field: &str,
        key: &str,
        path: &[String],
        out: &mut Vec<Difference>,
    ) {
        let by_id = |list: &[Value]| -> BTreeMap<String, Value> {
            list.iter()
                .filter_map(|item| Some((item_id(item, field)?, item.clone())))
                .collect()
        };
        let (mine, other) = (by_id(ours), by_id(theirs));
        let (our_ids, their_ids) = (ids(ours, field), ids(theirs, field));
        let all = our_ids
            .iter()
            .chain(their_ids.iter().filter(|id| !mine.contains_key(*id)));
        for id in all {
            let (a, b) = (mine.get(id), other.get(id));
            let mut deeper = path.to_vec();
            deeper.push(self.names.item(b.or(a).unwrap_or(&Value::Null), id));
            self.node(a, b, &join(key, id), &deeper, out);
        }
        let (a, b) = common_order(&our_ids, &their_ids);
        if a != b {
            let mut deeper = path.to_vec();
            deeper.push(self.describe.order());
            let render = |order: &[String], items: &BTreeMap<String, Value>| {
                let labels: Vec<String> = order
                    .iter()
                    .map(|id| self.names.item(items.get(id).unwrap_or(&Value::Null), id))
                    .collect();
                Some(shorten(&labels.join(" · ")))
            };
            out.push(Difference {
                path: deeper,
                key: join(key, ORDER),
                ours: render(&a, &mine),
                theirs: render(&b, &other),
            });
        }
    }

    fn leaf(
        &self,
        ours: Option<&Value>,
        theirs: Option<&Value>,
        key: &str,
        path: &[String],
        out: &mut Vec<Difference>,
    ) {
        let render = |value: Option<&Value>| value.and_then(|v| self.render(key, v));
        out.push(Difference {
            path: path.to_vec(),
            key: key.to_string(),
            ours: render(ours),
            theirs: render(theirs),
        });
    }

    /// A short, readable form of a value; `None` when empty.
    fn render(&self, key: &str, value: &Value) -> Option<String> {
        let text = self.render_long(key, value)?;
        Some(shorten(&text))
    }

    fn render_long(&self, key: &str, value: &Value) -> Option<String> {
        match value {
            Value::Null => None,
            Value::Bool(b) => Some(self.describe.boolean(*b)),
            Value::Number(n) => Some(n.to_string()),
            Value::String(text) if text.trim().is_empty() => None,
            Value::String(text) => self
                .names
                .by_id
                .get(text)
                .cloned()
                .or_else(|| self.describe.variant(key, text))
                // An unknown date (or other unlabelled "Unknown") shows as empty.
                .or_else(|| (text != "Unknown").then(|| text.clone())),
            Value::Array(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .filter_map(|item| self.render_long(key, item))
                    .collect();
                (!parts.is_empty()).then(|| parts.join("; "))
            }
            Value::Object(map) => {
                if let Some(date) = as_date(value) {
                    return date;
                }
                if map.contains_key("id") || map.contains_key("sha256") {
                    return Some(self.names.item(value, ""));
                }
                if map.len() == 1 && is_atom(value) {
                    let (variant, inner) = map.iter().next()?;
                    let name = self
                        .describe
                        .variant(key, variant)
                        .unwrap_or_else(|| variant.clone());
                    return Some(match self.render_long(key, inner) {
                        Some(inner) => format!("{name} {inner}"),
                        None => name,
                    });
                }
                let parts: Vec<String> = map
                    .iter()
                    .filter(|(field, _)| !self.scope.ignore_fields.contains(&field.as_str()))
                    .filter_map(|(field, v)| self.render_long(&join(key, field), v))
                    .collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
        }
    }
}

/// A date or day in its usual notation (`Some(None)` for an unknown date); `None` if the value
/// is not one.
fn as_date(value: &Value) -> Option<Option<String>> {
    if let Ok(day) = serde_json::from_value::<Day>(value.clone()) {
        return Some(Some(day.to_string()));
    }
    let date = serde_json::from_value::<FlexiDate>(value.clone()).ok()?;
    Some((!date.is_unknown()).then(|| date.to_string()))
}

fn shorten(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= SHORT {
        one_line
    } else {
        let cut: String = one_line.chars().take(SHORT - 1).collect();
        format!("{cut}…")
    }
}

/// Readable names of the things records refer to by id (people, documents), from both sides.
struct Names {
    by_id: HashMap<String, String>,
}

impl Names {
    fn of(roots: &[&Value]) -> Self {
        let mut by_id = HashMap::new();
        for root in roots {
            for list in ["people", "documents", "events", "referrals"] {
                for item in root
                    .get(list)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let (Some(id), Some(label)) = (item_id(item, "id"), own_label(item)) {
                        by_id.entry(id).or_insert(label);
                    }
                }
            }
        }
        Self { by_id }
    }

    /// The label of a list item: its name, title or the like; for a relationship, the two
    /// people; else the start of its id.
    fn item(&self, item: &Value, id: &str) -> String {
        if let Some(label) = own_label(item) {
            return shorten(&label);
        }
        let person = |field: &str| {
            item.get(field)
                .and_then(Value::as_str)
                .map(|id| self.by_id.get(id).cloned().unwrap_or_else(|| short_id(id)))
        };
        if let (Some(from), Some(to)) = (person("from"), person("to")) {
            return format!("{from} → {to}");
        }
        let id = item_id(item, "id").unwrap_or_else(|| id.to_string());
        short_id(&id)
    }
}

/// A name (legal first), title, original file name, number or text of an item.
fn own_label(item: &Value) -> Option<String> {
    let text = |v: &Value| {
        v.as_str()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    if let Some(names) = item.get("names").and_then(Value::as_array) {
        let legal = names
            .iter()
            .filter(|n| n.get("kind").and_then(Value::as_str) == Some("Legal"))
            .chain(names.iter())
            .find_map(|n| n.get("text").and_then(text));
        if legal.is_some() {
            return legal;
        }
    }
    [
        "title",
        "original_name",
        "letter_number",
        "description",
        "number",
        "text",
    ]
    .iter()
    .find_map(|field| item.get(*field).and_then(text))
}

fn short_id(id: &str) -> String {
    id.chars().take(8).collect()
}

/// `birth_date` → "Birth date".
pub fn humanise(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn merge_node(
    ours: Option<&Value>,
    theirs: Option<&Value>,
    key: &str,
    scope: Scope<'_>,
    take: &BTreeSet<String>,
) -> Option<Value> {
    if take.contains(key) {
        return theirs.cloned();
    }
    let (Some(a), Some(b)) = (ours, theirs) else {
        return ours.cloned();
    };
    match shape(a, b) {
        Shape::Objects(mine, other) => {
            let mut merged = Map::new();
            let fields = mine
                .keys()
                .chain(other.keys().filter(|k| !mine.contains_key(*k)));
            for field in fields {
                let value = if ignored(scope, key, field) {
                    mine.get(field).or(other.get(field)).cloned()
                } else {
                    merge_node(
                        mine.get(field),
                        other.get(field),
                        &join(key, field),
                        scope,
                        take,
                    )
                };
                if let Some(value) = value {
                    merged.insert(field.clone(), value);
                }
            }
            Some(Value::Object(merged))
        }
        Shape::Keyed(mine, other, field) => Some(Value::Array(merge_list(
            mine, other, field, key, scope, take,
        ))),
        Shape::Whole => Some(a.clone()),
    }
}

/// The items of a merged list: common items merged, ours-only items kept unless their removal
/// was taken, theirs-only items added when taken; in our order (theirs if their order was
/// taken), each item of the other side placed after the item it follows there.
fn merge_list(
    ours: &[Value],
    theirs: &[Value],
    field: &str,
    key: &str,
    scope: Scope<'_>,
    take: &BTreeSet<String>,
) -> Vec<Value> {
    let index = |list: &[Value]| -> BTreeMap<String, Value> {
        list.iter()
            .filter_map(|item| Some((item_id(item, field)?, item.clone())))
            .collect()
    };
    let (mine, other) = (index(ours), index(theirs));
    let (our_ids, their_ids) = (ids(ours, field), ids(theirs, field));
    let (base, rest) = if take.contains(&join(key, ORDER)) {
        (&their_ids, &our_ids)
    } else {
        (&our_ids, &their_ids)
    };
    let in_base: BTreeSet<&String> = base.iter().collect();
    // Items only in `rest`, grouped after the nearest preceding item that `base` has.
    let mut after: BTreeMap<Option<&String>, Vec<&String>> = BTreeMap::new();
    let mut anchor = None;
    for id in rest {
        if in_base.contains(id) {
            anchor = Some(id);
        } else {
            after.entry(anchor).or_default().push(id);
        }
    }
    let mut order: Vec<&String> = after.get(&None).cloned().unwrap_or_default();
    for id in base {
        order.push(id);
        order.extend(after.get(&Some(id)).cloned().unwrap_or_default());
    }
    order
        .into_iter()
        .filter_map(|id| merge_node(mine.get(id), other.get(id), &join(key, id), scope, take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        CustodyAction, Document, DocumentFile, FileRole, NameKind, Person, PersonName,
        RelationKind, Relationship, Role, Script,
    };
    use proptest::prelude::*;

    fn person(name: &str) -> Person {
        Person {
            roles: vec![Role::Relative],
            names: vec![PersonName {
                script: Script::Cyrillic,
                text: name.to_string(),
                kind: NameKind::Legal,
                source: None,
            }],
            ..Person::default()
        }
    }

    fn file(sha: &str, blob: &str) -> DocumentFile {
        DocumentFile {
            blob: blob.to_string(),
            sha256: sha.to_string(),
            size: 10,
            media_type: "image/jpeg".into(),
            original_name: format!("{sha}.jpg"),
            role: FileRole::Original,
            parent: None,
            pages: 1,
            thumbnail: Some(format!("t{blob}")),
            imported_on: "2026-01-01T00:00:00Z".into(),
            imported_by: "Lawyer A".into(),
        }
    }

    fn base_case() -> Case {
        let mut case = Case {
            number: "CASE-2026-0001".into(),
            ..Case::default()
        };
        let a = person("Айгүл Серікқызы");
        let b = person("阿依古丽");
        case.relationships
            .push(Relationship::new(a.id, b.id, RelationKind::Parent));
        case.people.push(a);
        case.people.push(b);
        let mut document = Document {
            title: "Birth certificate".into(),
            ..Document::default()
        };
        document.files.push(file("aa", "obj1"));
        case.documents.push(document);
        case.custody
            .append("t1", "Lawyer A", CustodyAction::Imported, "aa", "scan");
        case
    }

    #[test]
    fn a_one_field_change_is_one_difference_with_a_readable_path() {
        let ours = base_case();
        let mut theirs = ours.clone();
        theirs.people[1].birth_date = FlexiDate::Year(1961);
        let differences = diff(&ours, &theirs, &Plain);
        assert_eq!(differences.len(), 1, "{differences:?}");
        let d = &differences[0];
        assert_eq!(d.path, ["People", "阿依古丽", "Birth date"]);
        assert_eq!(d.key, format!("people/{}/birth_date", ours.people[1].id));
        assert_eq!(d.ours, None);
        assert_eq!(d.theirs.as_deref(), Some("1961"));
    }

    #[test]
    fn object_names_ids_and_the_custody_log_are_not_differences() {
        let ours = base_case();
        let mut theirs = ours.clone();
        theirs.id = crate::model::CaseId::new_random();
        theirs.documents[0].files[0].blob = "other".into();
        theirs.documents[0].files[0].thumbnail = None;
        theirs
            .custody
            .append("t2", "Lawyer B", CustodyAction::Exported, "aa", "bundle");
        assert_eq!(diff(&ours, &theirs, &Plain), []);
    }

    #[test]
    fn added_and_removed_items_and_relationships_are_named() {
        let ours = base_case();
        let mut theirs = ours.clone();
        theirs.people.push(person("Nurlan Kasymov"));
        theirs.relationships[0].kind = RelationKind::Sibling;
        theirs.documents.clear();
        let differences = diff(&ours, &theirs, &Plain);
        let paths: Vec<String> = differences.iter().map(|d| d.path.join(" › ")).collect();
        assert_eq!(
            paths,
            [
                "People › Nurlan Kasymov",
                "Relationships › Айгүл Серікқызы → 阿依古丽 › Kind",
                "Documents › Birth certificate",
            ]
        );
        assert_eq!(differences[0].ours, None);
        assert_eq!(differences[0].theirs.as_deref(), Some("Nurlan Kasymov"));
        assert_eq!(differences[2].ours.as_deref(), Some("Birth certificate"));
        assert_eq!(differences[2].theirs, None);
    }

    #[test]
    fn merge_takes_only_the_chosen_differences_and_appends_their_custody() {
        let ours = base_case();
        let mut theirs = ours.clone();
        theirs.people[0].ethnicity = "Kazakh".into();
        theirs.people[1].ethnicity = "Uyghur".into();
        theirs
            .custody
            .append("t2", "Lawyer B", CustodyAction::Exported, "aa", "bundle");
        let differences = diff(&ours, &theirs, &Plain);
        assert_eq!(differences.len(), 2);
        let take = BTreeSet::from([differences[1].key.clone()]);
        let merged = merge(&ours, &theirs, &take);
        assert_eq!(merged.people[0].ethnicity, "");
        assert_eq!(merged.people[1].ethnicity, "Uyghur");
        assert_eq!(merged.custody.entries().len(), 2);
        assert_eq!(merged.custody.entries()[1].actor, "Lawyer B");
        assert_eq!(merged.custody.first_break(), None);
        // Merging again appends nothing new.
        assert_eq!(merge(&merged, &theirs, &take).custody, merged.custody);
    }

    #[test]
    fn a_file_added_to_a_document_is_matched_by_its_hash() {
        let ours = base_case();
        let mut theirs = ours.clone();
        theirs.documents[0].files.insert(0, file("bb", "obj2"));
        let differences = diff(&ours, &theirs, &Plain);
        assert_eq!(differences.len(), 1, "{differences:?}");
        assert_eq!(
            differences[0].path,
            ["Documents", "Birth certificate", "Files", "bb.jpg"]
        );
        assert_eq!(differences[0].theirs.as_deref(), Some("bb.jpg"));
        let all: BTreeSet<String> = differences.iter().map(|d| d.key.clone()).collect();
        assert_eq!(merge(&ours, &theirs, &all).documents, theirs.documents);
        let only_file = BTreeSet::from([differences[0].key.clone()]);
        let merged = merge(&ours, &theirs, &only_file);
        let names: Vec<&str> = merged.documents[0]
            .files
            .iter()
            .map(|f| f.sha256.as_str())
            .collect();
        assert_eq!(names, ["bb", "aa"]);
    }

    /// One random edit of a case.
    #[derive(Debug, Clone)]
    enum Edit {
        Ethnicity(usize, String),
        Note(usize, String),
        Birth(usize, i32),
        AddPerson(String),
        RemovePerson(usize),
        Swap,
        Number(String),
        Relation(usize),
        AddFile(usize),
        Title(String),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let text = "[a-zA-Zа-яң阿依古丽 ]{0,12}";
        prop_oneof![
            (0..4usize, text).prop_map(|(i, t)| Edit::Ethnicity(i, t)),
            (0..4usize, text).prop_map(|(i, t)| Edit::Note(i, t)),
            (0..4usize, 1900..2020i32).prop_map(|(i, y)| Edit::Birth(i, y)),
            text.prop_map(Edit::AddPerson),
            (0..4usize).prop_map(Edit::RemovePerson),
            Just(Edit::Swap),
            "CASE-20[0-9]{2}-[0-9]{4}".prop_map(Edit::Number),
            (0..12usize).prop_map(Edit::Relation),
            (0..100usize).prop_map(Edit::AddFile),
            text.prop_map(Edit::Title),
        ]
    }

    fn apply(case: &mut Case, edit: &Edit) {
        let n = case.people.len().max(1);
        match edit {
            Edit::Ethnicity(i, t) => {
                if let Some(p) = case.people.get_mut(i % n) {
                    p.ethnicity = t.clone();
                }
            }
            Edit::Note(i, t) => {
                if let Some(p) = case.people.get_mut(i % n) {
                    p.notes = t.clone();
                }
            }
            Edit::Birth(i, y) => {
                if let Some(p) = case.people.get_mut(i % n) {
                    p.birth_date = FlexiDate::Year(*y);
                }
            }
            Edit::AddPerson(t) => case.people.push(person(t)),
            Edit::RemovePerson(i) => {
                if !case.people.is_empty() {
                    case.people.remove(i % n);
                }
            }
            Edit::Swap => case.people.reverse(),
            Edit::Number(t) => case.number = t.clone(),
            Edit::Relation(k) => {
                if let Some(r) = case.relationships.first_mut() {
                    r.kind = [
                        RelationKind::Parent,
                        RelationKind::Child,
                        RelationKind::Spouse,
                    ][k % 3];
                }
            }
            Edit::AddFile(k) => {
                if let Some(d) = case.documents.first_mut() {
                    d.files.push(file(&format!("f{k}"), &format!("o{k}")));
                    d.files.dedup_by(|a, b| a.sha256 == b.sha256);
                }
            }
            Edit::Title(t) => {
                if let Some(d) = case.documents.first_mut() {
                    d.title = t.clone();
                }
            }
        }
    }

    /// `theirs` with ours' id, format, custody and (for files both have) object names: what
    /// `merge` never takes.
    fn comparable(theirs: &Case, ours: &Case, merged: &Case) -> (Case, Case) {
        let mut expected = theirs.clone();
        expected.id = ours.id;
        expected.format = ours.format;
        let mut got = merged.clone();
        got.custody = expected.custody.clone();
        (expected, got)
    }

    proptest! {
        #[test]
        fn merge_without_choices_is_ours_and_with_all_is_theirs(
            ours_edits in proptest::collection::vec(edit(), 0..6),
            their_edits in proptest::collection::vec(edit(), 0..6),
        ) {
            let start = base_case();
            let mut ours = start.clone();
            let mut theirs = start.clone();
            for e in &ours_edits { apply(&mut ours, e); }
            for e in &their_edits { apply(&mut theirs, e); }
            let differences = diff(&ours, &theirs, &Plain);
            let keys: BTreeSet<String> = differences.iter().map(|d| d.key.clone()).collect();
            prop_assert_eq!(keys.len(), differences.len(), "keys are unique");

            let none = merge(&ours, &theirs, &BTreeSet::new());
            let mut ours_plus = ours.clone();
            ours_plus.custody = union_custody(&ours.custody, &theirs.custody);
            prop_assert_eq!(&none, &ours_plus);

            let all = merge(&ours, &theirs, &keys);
            let (expected, got) = comparable(&theirs, &ours, &all);
            prop_assert_eq!(got, expected);
            prop_assert_eq!(diff(&all, &theirs, &Plain), vec![]);
        }

        #[test]
        fn one_changed_field_is_exactly_one_difference(
            edits in proptest::collection::vec(edit(), 0..6),
            text in "[a-z]{1,10}",
            which in 0..3usize,
        ) {
            let mut ours = base_case();
            for e in &edits { apply(&mut ours, e); }
            let mut theirs = ours.clone();
            match which {
                0 => theirs.risk_notes.push_str(&text),
                1 => theirs.consent.share_with_ngos.push(text.clone()),
                _ => match theirs.people.first_mut() {
                    Some(p) => p.detention_place.push_str(&text),
                    None => theirs.risk_notes.push_str(&text),
                },
            }
            let differences = diff(&ours, &theirs, &Plain);
            prop_assert_eq!(differences.len(), 1, "{:?}", differences);
            let take: BTreeSet<String> = differences.iter().map(|d| d.key.clone()).collect();
            prop_assert_eq!(merge(&ours, &theirs, &take), theirs);
        }
    }
}
