//! String columns that do not repeat their bytes.
//!
//! Polars stores a string column as Arrow string views: 16 bytes per row,
//! holding the value itself when it is at most 12 bytes long and otherwise
//! pointing at bytes in shared buffers. Built value by value, every long
//! value is copied again, so the long frames repeated each document id,
//! theme name and term once per row, and a record's text was a second copy
//! of its document. Here a value met before points at the bytes stored the
//! first time, and a slice of a document's text points into one copy of
//! that text, made when the column first needs it.
//!
//! ```
//! use zhengce::frames::views::Views;
//! let text = "一、任务\n提高标准。";
//! let mut v = Views::default();
//! v.push("江苏省民政厅关于印发方案的通知");
//! v.push("江苏省民政厅关于印发方案的通知");
//! v.push_in(text, &text[13..]);
//! let s = v.finish("col").unwrap();
//! assert_eq!(s.str().unwrap().get(2), Some("提高标准。"));
//! ```

use std::collections::HashMap;

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
    /// The text last copied whole: its address, length and where the copy is.
    source: Option<(usize, usize, u32, u32)>,
}

impl<'a> Views<'a> {
    /// Appends a value, stored once however often it recurs.
    pub fn push(&mut self, s: &'a str) {
        let view = match self.seen.get(s) {
            Some(v) => *v,
            None => {
                let v = self.store(s.as_bytes());
                self.seen.insert(s, v);
                v
            }
        };
        self.views.push(view);
    }

    /// Appends `s`, a slice of `text`: a view into the one copy of `text`
    /// (copied when a slice of it is first appended). The slices of one text
    /// are appended one after another, as frames list a document's rows.
    pub fn push_in(&mut self, text: &'a str, s: &'a str) {
        let (base, len) = (text.as_ptr() as usize, text.len());
        let at = s.as_ptr() as usize;
        debug_assert!(at >= base && at + s.len() <= base + len, "not a slice of the text");
        if s.len() <= View::MAX_INLINE_SIZE as usize {
            self.views.push(View::new_inline(s.as_bytes()));
            return;
        }
        let (buffer, offset) = match self.source {
            Some((b, l, buffer, offset)) if b == base && l == len => (buffer, offset),
            _ => {
                let (buffer, offset) = self.reserve(len);
                self.data.extend_from_slice(text.as_bytes());
                self.source = Some((base, len, buffer, offset));
                (buffer, offset)
            }
        };
        self.views.push(View::new_from_bytes(s.as_bytes(), buffer, offset + (at - base) as u32));
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
        if !self.data.is_empty() && self.data.len() + n > BUFFER_LIMIT {
            self.buffers.push(std::mem::take(&mut self.data).into());
        }
        (self.buffers.len() as u32, self.data.len() as u32)
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
        if !self.data.is_empty() {
            self.buffers.push(std::mem::take(&mut self.data).into());
        }
        // Checks that every view lies in its buffer on character boundaries.
        Utf8ViewArray::try_new(ArrowDataType::Utf8View, self.views.into(), self.buffers.into(), None)
    }
}

/// A list-of-strings column whose values are stored once each (theme ids,
/// department names, section titles recur from row to row).
pub fn list_column<'a>(name: &str, rows: impl IntoIterator<Item = impl IntoIterator<Item = &'a str>>) -> PolarsResult<Series> {
    let mut values = Views::default();
    let mut offsets = vec![0i64];
    for row in rows {
        row.into_iter().for_each(|s| values.push(s));
        offsets.push(values.len() as i64);
    }
    let dtype = ListArray::<i64>::default_datatype(ArrowDataType::Utf8View);
    let array = ListArray::<i64>::try_new(dtype, offsets.try_into()?, values.array()?.boxed(), None)?;
    Ok(ListChunked::with_chunk(name.into(), array).into_series())
}
