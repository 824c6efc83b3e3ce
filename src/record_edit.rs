//! Small edits of a TOML document with `toml_edit` that keep everything around them as it
//! was: a replaced value keeps its place, its spacing and its comment; a key added to an
//! inline table is formatted like its neighbours; a table added to an array of tables
//! comes after its siblings. `kyodo import --force` updates records with them, and the
//! preview's editor saves a record's changed fields with them.

use crate::msg;
use crate::msg::Msg;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// A table of a document: a `[table]`, or an inline `{ … }`.
pub enum T<'a> {
    Std(&'a mut Table),
    Inline(&'a mut InlineTable),
}

impl<'a> T<'a> {
    /// The table an item is, if it is one.
    pub fn of(item: &'a mut Item) -> Option<T<'a>> {
        match item {
            Item::Table(t) => Some(T::Std(t)),
            Item::Value(Value::InlineTable(t)) => Some(T::Inline(t)),
            _ => None,
        }
    }

    fn like(&mut self) -> &mut dyn TableLike {
        match self {
            T::Std(t) => *t,
            T::Inline(t) => *t,
        }
    }

    /// Whether the table has `key`.
    pub fn contains(&mut self, key: &str) -> bool {
        self.like().contains_key(key)
    }

    /// The sub-table at `key`.
    pub fn sub(&mut self, key: &str) -> Option<T<'_>> {
        self.like().get_mut(key).and_then(T::of)
    }

    /// The keys and string values of the table (for `years = { R4 = "…" }`).
    pub fn strings(&mut self) -> Vec<(String, String)> {
        self.like().iter().filter_map(|(k, v)| v.as_str().map(|s| (k.to_owned(), s.to_owned()))).collect()
    }

    /// Sets `key` to `value`: in place, with the old value's spacing and comment, if the key
    /// is there; else added after the other keys.
    pub fn set(&mut self, key: &str, mut value: Value) {
        if let Some(item) = self.like().get_mut(key) {
            match item.as_value_mut() {
                Some(old) => {
                    *value.decor_mut() = old.decor().clone();
                    *old = value;
                }
                None => *item = Item::Value(value),
            }
            return;
        }
        match self {
            T::Std(t) => {
                t.insert(key, Item::Value(value));
            }
            T::Inline(t) => {
                // The space before `}` belongs to the last value: move it to the new one.
                let suffix = t.iter_mut().last().and_then(|(_, v)| {
                    let s = v.decor().suffix().cloned();
                    if s.is_some() {
                        v.decor_mut().set_suffix("");
                    }
                    s
                });
                t.insert(key, value);
                if let (Some(s), Some(v)) = (suffix, t.get_mut(key)) {
                    v.decor_mut().set_prefix(" ");
                    v.decor_mut().set_suffix(s);
                }
            }
        }
    }

    /// Removes `key`, keeping the spacing before `}` of an inline table.
    pub fn remove(&mut self, key: &str) {
        match self {
            T::Std(t) => {
                t.remove(key);
            }
            T::Inline(t) => {
                let was_last = t.iter().last().is_some_and(|(k, _)| k == key);
                if let Some(removed) = t.remove(key)
                    && let (true, Some(s)) = (was_last, removed.decor().suffix())
                    && let Some((_, v)) = t.iter_mut().last()
                {
                    v.decor_mut().set_suffix(s.clone());
                }
            }
        }
    }

    /// The tables of an array of tables (`[[key]]`) or of an array of inline tables.
    pub fn tables(&mut self, key: &str) -> Vec<T<'_>> {
        match self.like().get_mut(key) {
            Some(Item::ArrayOfTables(a)) => a.iter_mut().map(T::Std).collect(),
            Some(Item::Value(Value::Array(a))) => {
                a.iter_mut().filter_map(|v| v.as_inline_table_mut()).map(T::Inline).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Adds a table to the array at `key`, made from TOML text `[[key]] …` (as a new record
    /// writes it); the array is made if there is none.
    pub fn push_table(&mut self, key: &str, toml: &str) -> Result<(), Msg> {
        let mut table = parse_table(key, toml)
            .ok_or_else(|| msg!(ja: "表 {toml} を書き込めません。", en: "cannot write the table {toml}"))?;
        table.set_position(None);
        match self.like().get_mut(key) {
            Some(Item::ArrayOfTables(a)) => a.push(table),
            Some(Item::Value(Value::Array(a))) => push_value(a, Value::InlineTable(table.into_inline_table())),
            _ => match self {
                T::Std(t) => {
                    let mut a = toml_edit::ArrayOfTables::new();
                    a.push(table);
                    t.insert(key, Item::ArrayOfTables(a));
                }
                T::Inline(t) => {
                    let mut a = Array::new();
                    a.push(Value::InlineTable(table.into_inline_table()));
                    t.insert(key, Value::Array(a));
                }
            },
        }
        Ok(())
    }

    /// Removes the `i`-th table of the array at `key`.
    pub fn remove_at(&mut self, key: &str, i: usize) {
        match self.like().get_mut(key) {
            Some(Item::ArrayOfTables(a)) if i < a.len() => {
                a.remove(i);
            }
            Some(Item::Value(Value::Array(a))) if i < a.len() => {
                a.remove(i);
            }
            _ => {}
        }
    }

    /// Adds an inline table to the array at `key` (a table to an array of tables); the
    /// array is made if there is none.
    pub fn push_inline(&mut self, key: &str, v: Value) {
        match self.like().get_mut(key) {
            Some(Item::Value(Value::Array(a))) => push_value(a, v),
            Some(Item::ArrayOfTables(a)) => {
                if let Value::InlineTable(t) = v {
                    a.push(t.into_table());
                }
            }
            _ => {
                let mut a = Array::new();
                a.push(v);
                self.set(key, Value::Array(a));
            }
        }
    }
}

/// The first table of `[[key]]` in a TOML text.
fn parse_table(key: &str, toml: &str) -> Option<Table> {
    let mut doc: DocumentMut = toml.parse().ok()?;
    match doc.remove(key)? {
        Item::ArrayOfTables(mut a) if !a.is_empty() => Some(a.remove(0)),
        _ => None,
    }
}

/// A value from its TOML text, as [`crate::record_writer`] writes it.
pub fn value(toml: &str) -> Result<Value, Msg> {
    toml.parse().map_err(|e| msg!(ja: "値 {toml} を書き込めません（{e}）。", en: "cannot write the value {toml}: {e}"))
}

/// Appends a value to an array, placed like the last one (on its own line in a multi-line
/// array).
pub fn push_value(a: &mut Array, mut v: Value) {
    if let Some(last) = a.iter().last() {
        let prefix = last.decor().prefix().cloned();
        v.decor_mut().clear();
        if let Some(p) = prefix {
            v.decor_mut().set_prefix(p);
        }
        a.push_formatted(v);
    } else {
        a.push(v);
    }
}
