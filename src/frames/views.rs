//! String columns that do not repeat their bytes.
//!
//! Polars stores a string column as Arrow string views: 16 bytes per row,
//! holding the value itself when it is at most 12 bytes long and otherwise
//! pointing at bytes in shared buffers. Built value by value, every long
//! value is copied again, so the long frames repeated each document id,
//! theme name and term once per row, and a record's text was a second copy
//! of its document. Here a value met before points at the bytes stored the
//! first time, and a slice of a document's text points into the document's
//! own text, which the column then shares: no copy at all.
//!
//! ```
//! use std::sync::Arc;
//! use zhengce::frames::views::Views;
//! let text: Arc<str> = "一、任务\n提高标准。".into();
//! let mut v = Views::default();
//! v.push("江苏省民政厅关于印发方案的通知");
//! v.push("江苏省民政厅关于印发方案的通知");
//! v.push_in(&text, &text[13..]);
//! let s = v.finish("col").unwrap();
//! assert_eq!(s.str().unwrap().get(2), Some("提高标准。"));
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use polars::prelude::*;
use polars_arrow::array::{ListArray, Utf8ViewArray, View};
use polars_arrow::datatypes::ArrowDataType;
use polars_buffer::Buffer;

/// Bytes per buffer: view offsets are 32-bit.
const BUFFER_LIMIT: usize = 1 << 31;

/// A string column under construction (see the module's documentation).
#[derive(Default)]
pub struct Views<'a> {
    views: Vec<View>,
    buffers: Vec<Buffer<u8>>,
    data: Vec<u8>,
    seen: HashMap<&'a str, View, foldhash::fast::RandomState>,
    /// Values stored by [`Views::push_copy`], which do not outlive the call.
    copies: HashMap<Box<str>, View, foldhash::fast::RandomState>,
    /// The text last shared: its address, length and buffer.
    source: Option<(usize, usize, u32)>,
    /// The value last pushed (address, length) and its view: key columns
    /// repeat one value row after row, which needs no hashing.
    last: Option<(usize, usize, View)>,
}

/// A document's text as the owner of an Arrow buffer.
struct SharedText(Arc<str>);

impl AsRef<[u8]> for SharedText {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl<'a> Views<'a> {
    /// A column that will hold `n` values: the views are allocated once (a
    /// large column grown by doubling copies itself into fresh memory each time).
    pub fn with_capacity(n: usize) -> Self {
        Views { views: Vec::with_capacity(n), ..Default::default() }
    }

    /// Appends a value, stored once however often it recurs.
    pub fn push(&mut self, s: &'a str) {
        if let Some((at, len, view)) = self.last {
            if at == s.as_ptr() as usize && len == s.len() {
                self.views.push(view);
                return;
            }
        }
        // A short value lives in its view: nothing to look up or store.
        let view = if s.len() <= View::MAX_INLINE_SIZE as usize {
            View::new_inline(s.as_bytes())
        } else if let Some(v) = self.seen.get(s) {
            *v
        } else {
            let v = self.store(s.as_bytes());
            self.seen.insert(s, v);
            v
        };
        self.last = Some((s.as_ptr() as usize, s.len(), view));
        self.views.push(view);
    }

    /// Appends a value made for the row (a resolved name) that does not live
    /// as long as the column's sources: its bytes are copied the first time
    /// it is met and pointed at after that.
    pub fn push_copy(&mut self, s: &str) {
        let view = match self.copies.get(s) {
            Some(v) => *v,
            None if s.len() <= View::MAX_INLINE_SIZE as usize => View::new_inline(s.as_bytes()),
            None => {
                let v = self.store(s.as_bytes());
                self.copies.insert(s.into(), v);
                v
            }
        };
        self.views.push(view);
    }

    /// Appends `s`, a slice of `text`: a view into `text` itself, which the
    /// column shares from then on. The slices of one text are appended one
    /// after another, as frames list a document's rows.
    pub fn push_in(&mut self, text: &Arc<str>, s: &str) {
        let (base, len) = (text.as_ptr() as usize, text.len());
        let at = s.as_ptr() as usize;
        assert!(at >= base && at + s.len() <= base + len, "not a slice of the text");
        if s.len() <= View::MAX_INLINE_SIZE as usize || len > u32::MAX as usize {
            // Short values live in the view; a text past 32-bit offsets is copied.
            let view = self.store(s.as_bytes());
            self.views.push(view);
            return;
        }
        let buffer = match self.source {
            Some((b, l, buffer)) if b == base && l == len => buffer,
            _ => {
                self.seal_data();
                self.buffers.push(Buffer::from_owner(SharedText(text.clone())));
                let buffer = (self.buffers.len() - 1) as u32;
                self.source = Some((base, len, buffer));
                buffer
            }
        };
        self.views.push(View::new_from_bytes(s.as_bytes(), buffer, (at - base) as u32));
    }

    /// The view of `bytes`, stored in the current buffer unless inline.
    fn store(&mut self, bytes: &[u8]) -> View {
        if bytes.len() <= View::MAX_INLINE_SIZE as usize {
            return View::new_inline(bytes);
        }
        let (buffer, offset) = self.reserve(bytes.len());
        self.data.extend_from_slice(bytes);
        View::new_from_bytes(bytes, buffer, offset)
    }

    /// Where `n` more bytes go: the current buffer, or a new one when they
    /// would not fit under the 32-bit offsets.
    fn reserve(&mut self, n: usize) -> (u32, u32) {
        if self.data.len() + n > BUFFER_LIMIT {
            self.seal_data();
        }
        (self.buffers.len() as u32, self.data.len() as u32)
    }

    /// Closes the buffer being filled, if any, at its length (an Arrow
    /// buffer keeps the capacity of the vector it takes over).
    fn seal_data(&mut self) {
        if !self.data.is_empty() {
            self.data.shrink_to_fit();
            self.buffers.push(std::mem::take(&mut self.data).into());
        }
    }

    /// Values appended so far.
    pub fn len(&self) -> usize {
        self.views.len()
    }

    /// Whether nothing was appended.
    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    /// The column.
    pub fn finish(self, name: &str) -> PolarsResult<Series> {
        Ok(StringChunked::with_chunk(name.into(), self.array()?).into_series())
    }

    fn array(mut self) -> PolarsResult<Utf8ViewArray> {
        self.seal_data();
        // A column grown by doubling holds up to twice its length, and an
        // Arrow buffer keeps the capacity of the vector it took over (a list
        // column's values are not counted beforehand).
        self.views.shrink_to_fit();
        let (views, buffers): (Buffer<View>, Buffer<Buffer<u8>>) = (self.views.into(), self.buffers.into());
        // Debug builds (the tests) check that every view lies in its buffer
        // and holds UTF-8; a release build trusts how the views were made
        // (below) and does not decode the corpus's text once more per column.
        if cfg!(debug_assertions) {
            return Utf8ViewArray::try_new(ArrowDataType::Utf8View, views, buffers, None);
        }
        // SAFETY: every view was made from a `&str` (`push`, `push_copy`,
        // `push_in`) by `View::new_inline` or `View::new_from_bytes` over
        // exactly that string's bytes, which are inline, or were copied into
        // the buffer being filled at the offset `reserve` gave (sealed as
        // buffer `buffer_idx`), or lie in the shared text at their own offset
        // (`push_in` checks they are a slice of it). So each view is in
        // bounds, whole UTF-8, and its prefix is its bytes' first four.
        Ok(unsafe { Utf8ViewArray::new_unchecked_unknown_md(ArrowDataType::Utf8View, views, buffers, None, None) })
    }
}

/// A list-of-strings column under construction, built row by row without a
/// vector per row; its values are stored once each (theme ids, department
/// names, section titles recur from row to row).
#[derive(Default)]
pub struct Lists<'a> {
    values: Views<'a>,
    offsets: Vec<i64>,
}

impl<'a> Lists<'a> {
    /// A column that will hold `rows` rows.
    pub fn with_capacity(rows: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Lists { values: Views::default(), offsets }
    }

    /// Appends a row.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = &'a str>) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        row.into_iter().for_each(|s| self.values.push(s));
        self.offsets.push(self.values.len() as i64);
    }

    /// The column.
    pub fn finish(mut self, name: &str) -> PolarsResult<Series> {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.offsets.shrink_to_fit();
        let dtype = ListArray::<i64>::default_datatype(ArrowDataType::Utf8View);
        let array = ListArray::<i64>::try_new(dtype, self.offsets.try_into()?, self.values.array()?.boxed(), None)?;
        Ok(ListChunked::with_chunk(name.into(), array).into_series())
    }
}

/// A list-of-strings column from its rows (see [`Lists`]).
pub fn list_column<'a>(name: &str, rows: impl IntoIterator<Item = impl IntoIterator<Item = &'a str>>) -> PolarsResult<Series> {
    let mut lists = Lists::default();
    rows.into_iter().for_each(|row| lists.push_row(row));
    lists.finish(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buffer_bytes(s: &Series) -> usize {
        s.str().unwrap().downcast_iter().map(|a| a.total_buffer_len()).sum()
    }

    #[test]
    fn a_recurring_value_is_stored_once() {
        let name = "江苏省民政厅关于印发方案的通知";
        let mut v = Views::default();
        for _ in 0..1000 {
            v.push(name);
            v.push("省民政厅"); // 12 bytes: held in the view itself
        }
        let s = v.finish("x").unwrap();
        assert_eq!(s.len(), 2000);
        assert_eq!(buffer_bytes(&s), name.len());
        assert!(s.str().unwrap().iter().enumerate().all(|(i, x)| x == Some(if i % 2 == 0 { name } else { "省民政厅" })));
    }

    #[test]
    fn short_values_are_not_remembered() {
        // Record paths and document ids fit in a view: looking them up would
        // only grow a table as large as the column.
        let paths: Vec<String> = (0..500).map(|i| format!("{}.{}", i / 10, i % 10)).collect();
        let mut v = Views::default();
        paths.iter().for_each(|p| v.push(p));
        assert!(v.seen.is_empty());
        let s = v.finish("path").unwrap();
        assert_eq!(buffer_bytes(&s), 0);
        assert_eq!(s.str().unwrap().get(123), Some("12.3"));
    }

    #[test]
    fn copied_values_are_stored_once() {
        let mut v = Views::default();
        for i in 0..100 {
            v.push_copy(&format!("省发展和改革委员会{}", i % 2));
            v.push_copy("省民政厅");
        }
        let s = v.finish("x").unwrap();
        assert_eq!(buffer_bytes(&s), 2 * "省发展和改革委员会0".len());
        assert_eq!(s.str().unwrap().get(2), Some("省发展和改革委员会1"));
        assert_eq!(s.str().unwrap().get(199), Some("省民政厅"));
    }

    #[test]
    fn slices_of_a_text_point_into_the_text_itself() {
        let doc: Arc<str> = "一、总体要求\n坚持以人民为中心的发展思想。\n二、主要任务\n提高城乡低保标准，完善救助制度。".into();
        let other: Arc<str> = "一、任务\n建立健全基层社会救助经办服务体系。".into();
        let lines: Vec<&str> = doc.lines().chain(other.lines()).collect();
        let mut v = Views::default();
        for l in doc.lines() {
            v.push_in(&doc, l);
        }
        for l in other.lines() {
            v.push_in(&other, l);
        }
        let s = v.finish("text").unwrap();
        let got: Vec<&str> = s.str().unwrap().iter().flatten().collect();
        assert_eq!(got, lines);
        // The column's buffers are the two texts' own memory, not copies.
        let buffers: Vec<*const u8> = s.str().unwrap().downcast_iter().flat_map(|a| a.data_buffers().iter().map(|b| b.as_ptr())).collect();
        assert_eq!(buffers, [doc.as_ptr(), other.as_ptr()]);
        // The column keeps the texts alive once the documents are gone.
        assert_eq!(Arc::strong_count(&doc), 2);
        drop(lines);
        drop((doc, other));
        assert_eq!(s.str().unwrap().get(1), Some("坚持以人民为中心的发展思想。"));
    }

    #[test]
    fn list_values_recur_without_copies() {
        let rows = vec![vec!["社会救助与兜底保障", "养老服务体系建设"], vec![], vec!["养老服务体系建设", "社会救助与兜底保障"]];
        let s = list_column("themes", rows.clone()).unwrap();
        let list = s.list().unwrap();
        let got: Vec<Vec<String>> =
            (0..list.len()).map(|i| list.get_as_series(i).unwrap().str().unwrap().iter().flatten().map(str::to_string).collect()).collect();
        assert_eq!(got, rows);
        let inner: usize = s
            .list()
            .unwrap()
            .downcast_iter()
            .map(|a| a.values().as_any().downcast_ref::<Utf8ViewArray>().unwrap().total_buffer_len())
            .sum();
        assert_eq!(inner, "社会救助与兜底保障".len() + "养老服务体系建设".len());
    }
}
