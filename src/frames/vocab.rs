//! Columns over a fixed vocabulary, as polars `Enum` columns.
//!
//! A theme, an instrument, its type and the terms found are drawn from the
//! dictionaries a corpus was read with, a few dozen to a few thousand
//! values. As strings each row held a 16-byte view per value; as an `Enum`
//! it holds a 1- or 2-byte code, and the categories keep the dictionaries'
//! order, so a frame sorted by theme lists the taxonomy in its own order.
//! The categories are every value of the dictionaries, not only those a
//! corpus uses, so that frames of batches read with the same dictionaries
//! (`zc.extract`, Dask partitions) stack without a cast.
//!
//! ```
//! use zhengce::frames::vocab::{Codes, Vocab};
//! let mut v = Vocab::default();
//! let (a, b) = (v.code("elderly_care"), v.code("social_assistance"));
//! assert_eq!(v.code("elderly_care"), a);
//! let dtype = v.dtype().unwrap();
//! let mut c = Codes::new(&dtype, 3).unwrap();
//! [b, a, b].into_iter().for_each(|x| c.push(x));
//! let s = c.finish("theme").unwrap();
//! assert_eq!(s.cast(&polars::prelude::DataType::String).unwrap().str().unwrap().get(1), Some("elderly_care"));
//! ```

use std::collections::HashMap;

use polars::prelude::*;
use polars_arrow::array::{ListArray, PrimitiveArray};
use polars_arrow::bitmap::{Bitmap, MutableBitmap};

/// Distinct values in the order first met, each with its code.
#[derive(Default)]
pub struct Vocab {
    values: Vec<String>,
    index: HashMap<String, u32, foldhash::fast::RandomState>,
}

impl Vocab {
    /// The code of `s`, given the next one if it is new.
    pub fn code(&mut self, s: &str) -> u32 {
        if let Some(&c) = self.index.get(s) {
            return c;
        }
        let c = self.values.len() as u32;
        self.values.push(s.to_string());
        self.index.insert(s.to_string(), c);
        c
    }

    /// The `Enum` type of these values, in their order.
    pub fn dtype(&self) -> PolarsResult<DataType> {
        let cats = FrozenCategories::new(self.values.iter().map(String::as_str))?;
        Ok(DataType::from_frozen_categories(cats))
    }
}

/// Codes stored at the width of their `Enum` type from the first push:
/// widened to `u32` and narrowed at the end, a column would hold four bytes
/// a row until it is built, and leave them behind as freed memory the C
/// allocator keeps.
enum Narrow {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

/// Codes of one `Enum` type, and the largest pushed, which must name one of
/// its categories.
struct CodeBuf {
    codes: Narrow,
    max: Option<u32>,
    categories: usize,
}

impl CodeBuf {
    fn new(dtype: &DataType, n: usize) -> PolarsResult<Self> {
        let codes = match dtype.cat_physical()? {
            CategoricalPhysical::U8 => Narrow::U8(Vec::with_capacity(n)),
            CategoricalPhysical::U16 => Narrow::U16(Vec::with_capacity(n)),
            CategoricalPhysical::U32 => Narrow::U32(Vec::with_capacity(n)),
        };
        let categories = match dtype {
            DataType::Enum(cats, _) => cats.categories().len(),
            _ => 0,
        };
        Ok(CodeBuf { codes, max: None, categories })
    }

    fn push(&mut self, code: u32) {
        self.max = self.max.max(Some(code));
        // A code past the type's width is caught by `array` through `max`.
        self.push_unchecked(code);
    }

    /// Appends `code` without counting it as a value (the code under a null).
    fn push_unchecked(&mut self, code: u32) {
        match &mut self.codes {
            Narrow::U8(v) => v.push(code as u8),
            Narrow::U16(v) => v.push(code as u16),
            Narrow::U32(v) => v.push(code),
        }
    }

    fn len(&self) -> usize {
        match &self.codes {
            Narrow::U8(v) => v.len(),
            Narrow::U16(v) => v.len(),
            Narrow::U32(v) => v.len(),
        }
    }

    /// The codes as an Arrow array of the type's physical integers; fails if
    /// one of them names no category (a key no dictionary gave).
    fn array(self, name: &str, validity: Option<Bitmap>) -> PolarsResult<Box<dyn polars_arrow::array::Array>> {
        if let Some(m) = self.max.filter(|&m| m as usize >= self.categories) {
            polars_bail!(ComputeError: "column {name}: code {m} outside its {} categories", self.categories);
        }
        Ok(match self.codes {
            Narrow::U8(v) => PrimitiveArray::from_vec(v).with_validity(validity).boxed(),
            Narrow::U16(v) => PrimitiveArray::from_vec(v).with_validity(validity).boxed(),
            Narrow::U32(v) => PrimitiveArray::from_vec(v).with_validity(validity).boxed(),
        })
    }
}

/// Builds a column of `dtype` from its physical chunk.
fn series(name: &str, array: Box<dyn polars_arrow::array::Array>, dtype: &DataType) -> Series {
    // SAFETY: the chunk holds codes of the type's physical width (polars
    // keeps every logical type as its physical values, a list's too), and
    // `CodeBuf::array` checked that each names a category.
    unsafe { Series::from_chunks_and_dtype_unchecked(name.into(), vec![array], dtype) }
}

/// An `Enum` column under construction.
pub struct Codes {
    buf: CodeBuf,
    dtype: DataType,
    /// Which rows hold a value, made at the first null.
    validity: Option<MutableBitmap>,
}

impl Codes {
    /// A column of `dtype` (made by [`Vocab::dtype`] of the vocabulary that
    /// gives the codes) that will hold `n` values.
    pub fn new(dtype: &DataType, n: usize) -> PolarsResult<Self> {
        Ok(Codes { buf: CodeBuf::new(dtype, n)?, dtype: dtype.clone(), validity: None })
    }

    /// Appends a value by its code, or a null.
    pub fn push_opt(&mut self, code: Option<u32>) {
        match (code, &mut self.validity) {
            (Some(c), v) => {
                if let Some(v) = v {
                    v.push(true);
                }
                self.buf.push(c);
            }
            (None, v) => {
                let len = self.buf.len();
                v.get_or_insert_with(|| {
                    let mut m = MutableBitmap::with_capacity(len + 1);
                    m.extend_constant(len, true);
                    m
                })
                .push(false);
                // A null row still holds a code, which names nothing (a type
                // may have no category at all).
                self.buf.push_unchecked(0);
            }
        }
    }

    /// Appends a value by its code.
    pub fn push(&mut self, code: u32) {
        self.push_opt(Some(code));
    }

    /// The column; an error if a code names no category.
    pub fn finish(self, name: &str) -> PolarsResult<Series> {
        let validity = self.validity.map(Bitmap::from);
        Ok(series(name, self.buf.array(name, validity)?, &self.dtype))
    }
}

/// An `Enum` type over a closed list of values that zhengce itself defines
/// (a block's kind, a strength label, a department's role and level): the
/// categories in the list's order, and the code of each value.
///
/// ```
/// use zhengce::frames::vocab::Closed;
/// let roles = Closed::new(["lead", "co"]).unwrap();
/// let mut c = roles.column(2).unwrap();
/// c.push(roles.code("co"));
/// c.push_opt(None);
/// let s = c.finish("role").unwrap();
/// assert_eq!(s.cast(&polars::prelude::DataType::String).unwrap().str().unwrap().get(0), Some("co"));
/// assert_eq!(s.null_count(), 1);
/// ```
pub struct Closed {
    values: Vec<String>,
    pub dtype: DataType,
}

impl Closed {
    /// The type of `values`, in their order (each once).
    pub fn new<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> PolarsResult<Self> {
        let mut v = Vocab::default();
        values.into_iter().for_each(|x| {
            v.code(x.as_ref());
        });
        let dtype = v.dtype()?;
        Ok(Closed { values: v.values, dtype })
    }

    /// The code of `s`; a value outside the list gets one past every
    /// category, which [`Codes::finish`] refuses (a bug, not a label).
    pub fn code(&self, s: &str) -> u32 {
        self.values.iter().position(|x| x == s).map_or(u32::MAX, |i| i as u32)
    }

    /// A column of this type for `n` rows.
    pub fn column(&self, n: usize) -> PolarsResult<Codes> {
        Codes::new(&self.dtype, n)
    }
}

/// A list-of-`Enum` column under construction, row by row.
pub struct CodeLists {
    buf: CodeBuf,
    offsets: Vec<i64>,
    dtype: DataType,
}

impl CodeLists {
    /// A column of lists of `dtype` that will hold `rows` rows.
    pub fn new(dtype: &DataType, rows: usize) -> PolarsResult<Self> {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Ok(CodeLists { buf: CodeBuf::new(dtype, 0)?, offsets, dtype: dtype.clone() })
    }

    /// Appends a row of codes.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = u32>) {
        row.into_iter().for_each(|c| self.buf.push(c));
        self.offsets.push(self.buf.len() as i64);
    }

    /// The column; an error if a code names no category.
    pub fn finish(self, name: &str) -> PolarsResult<Series> {
        let values = self.buf.array(name, None)?;
        let list = ListArray::<i64>::default_datatype(values.dtype().clone());
        let array = ListArray::<i64>::try_new(list, self.offsets.try_into()?, values, None)?;
        Ok(series(name, array.boxed(), &DataType::List(Box::new(self.dtype))))
    }
}

/// Makes each list-of-`Enum` column of a frame stacked from parts one
/// chunk. Python polars (2.1) fails to import such a column when one of its
/// chunks holds no value at all (a part whose headings have no theme); the
/// codes are a byte or two each, so joining them costs little.
pub fn join_code_lists(df: &mut DataFrame) -> PolarsResult<()> {
    let lists: Vec<PlSmallStr> = df
        .columns()
        .iter()
        .filter(|c| c.n_chunks() > 1 && matches!(c.dtype(), DataType::List(inner) if inner.is_categorical() || inner.is_enum()))
        .map(|c| c.name().clone())
        .collect();
    for name in lists {
        let joined = df.column(&name)?.as_materialized_series().rechunk();
        df.replace(&name, joined.into())?;
    }
    Ok(())
}

/// The codes of one dictionary's values by their index in it (a theme's
/// position in the taxonomy, a term's in the matcher), and of the few
/// values keyed beyond them (the `<target>` and `<deadline>` marks).
#[derive(Default, Clone)]
pub struct Table {
    dense: Vec<u32>,
    extra: Vec<(u32, u32)>,
}

impl Table {
    /// The table of `values` (by index) and `extra` (key, value), coded by `vocab`.
    pub fn new<'a>(vocab: &mut Vocab, values: impl IntoIterator<Item = &'a str>, extra: &[(u32, &str)]) -> Self {
        let dense = values.into_iter().map(|s| vocab.code(s)).collect();
        let extra = extra.iter().map(|&(k, s)| (k, vocab.code(s))).collect();
        Table { dense, extra }
    }

    /// The code of key `k`. A key the dictionary did not give (a bug) gets
    /// a code past every category, which [`Codes::finish`] refuses: an
    /// error, not a wrong label.
    pub fn code(&self, k: u32) -> u32 {
        match self.dense.get(k as usize) {
            Some(&c) => c,
            None => self.extra.iter().find(|e| e.0 == k).map_or(u32::MAX, |e| e.1),
        }
    }
}

/// One [`Table`] per set of dictionaries in a corpus (almost always one),
/// found by the address of the dictionaries, with the `Enum` type over all.
pub struct Tables {
    owners: Vec<(usize, Table)>,
    pub dtype: DataType,
}

impl Tables {
    /// The tables of `owners` (address, table) with their type.
    pub fn new(owners: Vec<(usize, Table)>, vocab: &Vocab) -> PolarsResult<Self> {
        Ok(Tables { owners, dtype: vocab.dtype()? })
    }

    /// The table of the dictionaries at `owner`.
    pub fn of(&self, owner: usize) -> &Table {
        static EMPTY: Table = Table { dense: Vec::new(), extra: Vec::new() };
        self.owners.iter().find(|o| o.0 == owner).map_or(&EMPTY, |o| &o.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &Series) -> Vec<Option<String>> {
        s.cast(&DataType::String).unwrap().str().unwrap().iter().map(|x| x.map(str::to_string)).collect()
    }

    #[test]
    fn codes_round_trip_through_the_enum() {
        let mut v = Vocab::default();
        let names = ["社会救助", "养老服务", "儿童福利与未成年人保护"];
        let codes: Vec<u32> = names.iter().map(|n| v.code(n)).collect();
        assert_eq!(codes, [0, 1, 2]);
        let dtype = v.dtype().unwrap();
        let mut c = Codes::new(&dtype, 4).unwrap();
        for i in [2, 0, 0, 1] {
            c.push(codes[i]);
        }
        let s = c.finish("name").unwrap();
        assert!(matches!(s.dtype(), DataType::Enum(..)));
        assert_eq!(strings(&s), [names[2], names[0], names[0], names[1]].map(|x| Some(x.to_string())));
    }

    #[test]
    fn many_values_take_a_wider_code() {
        // 300 categories do not fit a byte.
        let mut v = Vocab::default();
        let words: Vec<String> = (0..300).map(|i| format!("词{i}")).collect();
        words.iter().for_each(|w| {
            v.code(w);
        });
        let dtype = v.dtype().unwrap();
        assert_eq!(dtype.cat_physical().unwrap(), CategoricalPhysical::U16);
        let mut l = CodeLists::new(&dtype, 3).unwrap();
        l.push_row([299, 0]);
        l.push_row([]);
        l.push_row([256]);
        let s = l.finish("terms").unwrap();
        // A list's rows are read after a cast: a row taken alone holds the codes.
        let s = s.cast(&DataType::List(Box::new(DataType::String))).unwrap();
        let rows: Vec<Vec<String>> =
            (0..3).map(|i| strings(&s.list().unwrap().get_as_series(i).unwrap()).into_iter().flatten().collect()).collect();
        assert_eq!(rows, [vec!["词299".to_string(), "词0".to_string()], vec![], vec!["词256".to_string()]]);
    }

    #[test]
    fn a_code_outside_the_type_is_an_error() {
        let mut v = Vocab::default();
        v.code("a");
        let dtype = v.dtype().unwrap();
        let mut c = Codes::new(&dtype, 1).unwrap();
        c.push(1);
        assert!(c.finish("x").is_err());
        let mut l = CodeLists::new(&dtype, 1).unwrap();
        l.push_row([0, 5]);
        assert!(l.finish("x").is_err());
        // A code wider than the type's bytes is refused, not wrapped (256 would be 0).
        let mut c = Codes::new(&dtype, 1).unwrap();
        c.push(256);
        assert!(c.finish("x").is_err());
    }

    #[test]
    fn nulls_need_no_category() {
        // A dictionary of departments without categories: every row is null.
        let none = Closed::new(Vec::<&str>::new()).unwrap();
        let mut c = none.column(2).unwrap();
        c.push_opt(None);
        c.push_opt(None);
        let s = c.finish("category").unwrap();
        assert_eq!((s.len(), s.null_count()), (2, 2));
        // Values after a null keep their place.
        let roles = Closed::new(["lead", "co"]).unwrap();
        let mut c = roles.column(3).unwrap();
        c.push(roles.code("co"));
        c.push_opt(None);
        c.push(roles.code("lead"));
        assert_eq!(strings(&c.finish("role").unwrap()), [Some("co".to_string()), None, Some("lead".to_string())]);
    }

    #[test]
    fn tables_code_keys_beyond_the_dictionary() {
        let mut v = Vocab::default();
        let t = Table::new(&mut v, ["救助", "养老"], &[(u32::MAX, "<target>")]);
        let u = Table::new(&mut v, ["养老", "殡葬"], &[]);
        assert_eq!((t.code(0), t.code(1), t.code(u32::MAX)), (0, 1, 2));
        // A second set of dictionaries shares the codes of common values.
        assert_eq!((u.code(0), u.code(1)), (1, 3));
        // An unknown key cannot pass for a value: its column is refused.
        let mut c = Codes::new(&v.dtype().unwrap(), 1).unwrap();
        c.push(u.code(7));
        assert!(c.finish("x").is_err());
    }
}
