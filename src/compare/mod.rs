//! Comparisons across groups of documents (provinces, years, levels, any
//! document column): feature frames, document-feature matrices, similarity,
//! keyness, task alignment, the department network, frequencies and
//! keyword-in-context. Everything is computed here, over the documents of a
//! [`Corpus`](crate::pipeline::corpus::Corpus), and handed back as polars
//! frames or sparse matrices; the Python layer only converts.
//!
//! Groups come from a documents frame (the `documents` frame, or one a user
//! extended with a column of their own) and a column of it: see [`Groups`].
//! Only task records are counted (the substance of a document; its front and
//! back matter are left out), and documents missing from the frame are left
//! out, so filtering the frame filters the comparison.
//!
//! ```
//! use zhengce::{compare::{features, Groups}, frames, Corpus, Options};
//! let c = Corpus::from_texts(vec![("d".into(), "一、任务\n完善最低生活保障制度，提高低保标准。".into())], &Options::default());
//! let docs = frames::documents(&c).unwrap();
//! let g = Groups::from_frame(&docs, "doc_id").unwrap();
//! let f = features::compare(&c.documents, &g, features::What::Themes).unwrap();
//! assert_eq!(f.column("feature").unwrap().str().unwrap().get(0), Some("social_assistance"));
//! ```

pub mod align;
pub mod features;
pub mod keyness;
pub mod kwic;
pub mod matrix;
pub mod network;
pub mod similarity;
pub mod targets;

use std::collections::HashMap;

use polars::prelude::*;

use crate::error::Error;
use crate::model::document::Document;

/// A value error on argument `field` (shown to Python users as a `ValueError`).
pub(crate) fn value_error(field: &str, reason: impl Into<String>) -> Error {
    Error::Value { field: field.to_string(), reason: reason.into() }
}

/// A polars failure while building an output frame (a bug, not bad input).
pub(crate) fn polars_error(e: PolarsError) -> Error {
    Error::Internal { path: "<compare>".into(), reason: e.to_string() }
}

/// The groups of a comparison: the values of one column of a documents frame,
/// each document mapped to its group.
///
/// A null value is a group of its own (documents whose province could not be
/// read form the null group); a blank string counts as null, so a blank row is
/// never mixed in with the named groups. Groups are sorted by value (numbers
/// numerically, text by code point), the null group last.
#[derive(Debug, Clone)]
pub struct Groups {
    /// The column the groups come from.
    pub by: String,
    /// One value per group, in group order, of the column's type.
    pub values: Series,
    /// The value of each group as text (None for the null group).
    pub labels: Vec<Option<String>>,
    doc_group: HashMap<String, u32>,
}

impl Groups {
    /// Groups from a column of a documents frame (which needs a `doc_id` column).
    ///
    /// ```
    /// use polars::prelude::*;
    /// let docs = df!("doc_id" => ["a", "b", "c"], "province" => [Some("吉林"), Some(""), None::<&str>]).unwrap();
    /// let g = zhengce::compare::Groups::from_frame(&docs, "province").unwrap();
    /// assert_eq!(g.labels, [Some("吉林".to_string()), None]);
    /// assert_eq!((g.of("b"), g.of("c")), (Some(1), Some(1)));
    /// ```
    pub fn from_frame(docs: &DataFrame, by: &str) -> Result<Groups, Error> {
        let names: Vec<String> = docs.get_column_names().iter().map(|s| s.to_string()).collect();
        let col = docs
            .column(by)
            .map_err(|_| value_error("by", format!("the documents frame has no column {by:?} (it has {})", names.join(", "))))?;
        let ids = docs.column("doc_id").map_err(|_| value_error("documents", "the documents frame needs a doc_id column"))?;
        let ids = ids.str().map_err(|_| value_error("documents", "doc_id must be a string column"))?;
        let series = col.as_materialized_series().clone();
        let text = series.cast(&DataType::String).map_err(|e| value_error("by", format!("column {by:?} cannot be grouped: {e}")))?;
        let text = text.str().map_err(polars_error)?;
        let numeric = series.dtype().is_primitive_numeric();
        let num = if numeric { Some(series.cast(&DataType::Float64).map_err(polars_error)?) } else { None };
        let num = num.as_ref().map(|s| s.f64().cloned()).transpose().map_err(polars_error)?;
        // The first row of each distinct value, keyed by its text.
        let mut first: HashMap<Option<&str>, usize> = HashMap::new();
        let mut keys_of_rows = Vec::with_capacity(docs.height());
        for i in 0..docs.height() {
            let k = text.get(i).filter(|s| !s.trim().is_empty());
            first.entry(k).or_insert(i);
            keys_of_rows.push(k);
        }
        let mut order: Vec<(Option<&str>, usize)> = first.into_iter().collect();
        order.sort_by(|a, b| match (a.0, b.0) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, _) => std::cmp::Ordering::Greater,
            (_, None) => std::cmp::Ordering::Less,
            (Some(x), Some(y)) => match &num {
                Some(n) => n.get(a.1).unwrap_or(f64::NAN).total_cmp(&n.get(b.1).unwrap_or(f64::NAN)).then(x.cmp(y)),
                None => x.cmp(y),
            },
        });
        let index: HashMap<Option<&str>, u32> = order.iter().enumerate().map(|(g, (k, _))| (*k, g as u32)).collect();
        let mut doc_group = HashMap::with_capacity(docs.height());
        for (i, k) in keys_of_rows.iter().enumerate() {
            if let Some(id) = ids.get(i) {
                doc_group.insert(id.to_string(), index[k]);
            }
        }
        let rows: Vec<IdxSize> = order.iter().map(|(_, r)| *r as IdxSize).collect();
        let mut values = series.take(&IdxCa::from_vec("".into(), rows)).map_err(polars_error)?;
        if values.dtype() == &DataType::String {
            // Blank text is the null group.
            let v: Vec<Option<&str>> = order.iter().map(|(k, _)| *k).collect();
            values = Series::new(by.into(), v);
        }
        values.rename(by.into());
        let labels = order.iter().map(|(k, _)| k.map(str::to_string)).collect();
        Ok(Groups { by: by.to_string(), values, labels, doc_group })
    }

    /// The group of a document, or None when the frame does not list it.
    pub fn of(&self, doc_id: &str) -> Option<u32> {
        self.doc_group.get(doc_id).copied()
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The group whose value reads `label` (as text), if any.
    pub fn find(&self, label: &str) -> Option<u32> {
        self.labels.iter().position(|l| l.as_deref() == Some(label)).map(|g| g as u32)
    }

    /// The column of group values for rows that belong to groups `rows`.
    pub fn column(&self, rows: &[u32]) -> Result<Column, Error> {
        let idx = IdxCa::from_vec(self.by.as_str().into(), rows.iter().map(|&g| g as IdxSize).collect());
        Ok(self.values.take(&idx).map_err(polars_error)?.into())
    }

    /// The column of group values under another name.
    pub fn column_named(&self, rows: &[u32], name: &str) -> Result<Column, Error> {
        let mut c = self.column(rows)?;
        c.rename(name.into());
        Ok(c)
    }
}

/// Each document with its group, for documents the groups list.
pub(crate) fn grouped<'a>(docs: &'a [Document], groups: &Groups) -> Vec<(&'a Document, u32)> {
    docs.iter().filter_map(|d| groups.of(&d.doc_id).map(|g| (d, g))).collect()
}

/// A frame from named columns of one height.
pub(crate) fn frame(height: usize, cols: Vec<Column>) -> Result<DataFrame, Error> {
    DataFrame::new(height, cols).map_err(polars_error)
}

/// A named column from a vector.
pub(crate) fn col<T, V>(name: &str, v: V) -> Column
where
    Series: NamedFrom<V, T>,
    T: ?Sized,
{
    Series::new(name.into(), v).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_numerically_and_nulls_last() {
        let docs = df!("doc_id" => ["a", "b", "c", "d"], "year" => [Some(2019i32), None, Some(9), Some(2019)]).unwrap();
        let g = Groups::from_frame(&docs, "year").unwrap();
        assert_eq!(g.labels, [Some("9".into()), Some("2019".into()), None]);
        assert_eq!(g.values.dtype(), &DataType::Int32);
        assert_eq!((g.of("a"), g.of("b"), g.of("d")), (Some(1), Some(2), Some(1)));
        let err = Groups::from_frame(&docs, "provice").unwrap_err().to_string();
        assert!(err.contains("no column \"provice\"") && err.contains("year"), "{err}");
    }
}
