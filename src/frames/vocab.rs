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
//! let mut c = Codes::default();
//! [b, a, b].into_iter().for_each(|x| c.push(x));
//! let s = c.finish("theme", &dtype).unwrap();
//! assert_eq!(s.cast(&polars::prelude::DataType::String).unwrap().str().unwrap().get(1), Some("elderly_care"));
//! ```

use std::collections::HashMap;

use polars::prelude::*;
use polars_arrow::array::{ListArray, PrimitiveArray};

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

/// The physical type of an `Enum`'s codes: the smallest unsigned integer
/// that numbers its categories.
fn physical(dtype: &DataType) -> PolarsResult<CategoricalPhysical> {
    dtype.cat_physical()
}

/// The codes as an Arrow array of the physical type.
fn codes_array(codes: Vec<u32>, phys: CategoricalPhysical) -> Box<dyn polars_arrow::array::Array> {
    // Each code was given by the vocabulary the type was made from, so it
    // fits the type's width.
    match phys {
        CategoricalPhysical::U8 => PrimitiveArray::from_vec(codes.into_iter().map(|c| c as u8).collect::<Vec<_>>()).boxed(),
        CategoricalPhysical::U16 => PrimitiveArray::from_vec(codes.into_iter().map(|c| c as u16).collect::<Vec<_>>()).boxed(),
        CategoricalPhysical::U32 => PrimitiveArray::from_vec(codes).boxed(),
    }
}

/// An `Enum` column under construction.
#[derive(Default)]
pub struct Codes(Vec<u32>);

impl Codes {
    /// A column that will hold `n` values.
    pub fn with_capacity(n: usize) -> Self {
        Codes(Vec::with_capacity(n))
    }

    /// Appends a value by its code.
    pub fn push(&mut self, code: u32) {
        self.0.push(code);
    }

    /// The column, of type `dtype` (made by [`Vocab::dtype`] of the
    /// vocabulary that gave the codes).
    pub fn finish(self, name: &str, dtype: &DataType) -> PolarsResult<Series> {
        check(name, &self.0, dtype)?;
        let name: PlSmallStr = name.into();
        let dtype = dtype.clone();
        // Checked above: every code names a category, in the type's width.
        Ok(match physical(&dtype)? {
            CategoricalPhysical::U8 => {
                let ca = UInt8Chunked::from_vec(name, self.0.into_iter().map(|c| c as u8).collect());
                CategoricalChunked::<Categorical8Type>::from_cats_and_dtype(ca, dtype).into_series()
            }
            CategoricalPhysical::U16 => {
                let ca = UInt16Chunked::from_vec(name, self.0.into_iter().map(|c| c as u16).collect());
                CategoricalChunked::<Categorical16Type>::from_cats_and_dtype(ca, dtype).into_series()
            }
            CategoricalPhysical::U32 => {
                CategoricalChunked::<Categorical32Type>::from_cats_and_dtype(UInt32Chunked::from_vec(name, self.0), dtype).into_series()
            }
        })
    }
}

/// Fails unless every code names one of the categories of `dtype`.
fn check(name: &str, codes: &[u32], dtype: &DataType) -> PolarsResult<()> {
    let n = dtype_len(dtype);
    if codes.iter().any(|&c| c as usize >= n) {
        polars_bail!(ComputeError: "column {name}: a code outside its {n} categories");
    }
    Ok(())
}

/// The number of categories of an `Enum` type.
fn dtype_len(dtype: &DataType) -> usize {
    match dtype {
        DataType::Enum(cats, _) => cats.categories().len(),
        _ => 0,
    }
}

/// A list-of-`Enum` column under construction, row by row.
pub struct CodeLists {
    codes: Vec<u32>,
    offsets: Vec<i64>,
}

impl Default for CodeLists {
    fn default() -> Self {
        CodeLists::with_capacity(0)
    }
}

impl CodeLists {
    /// A column that will hold `rows` rows.
    pub fn with_capacity(rows: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        CodeLists { codes: Vec::new(), offsets }
    }

    /// Appends a row of codes.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = u32>) {
        self.codes.extend(row);
        self.offsets.push(self.codes.len() as i64);
    }

    /// The column, a list of `dtype` (see [`Codes::finish`]).
    pub fn finish(self, name: &str, dtype: &DataType) -> PolarsResult<Series> {
        check(name, &self.codes, dtype)?;
        let values = codes_array(self.codes, physical(dtype)?);
        let list = ListArray::<i64>::default_datatype(values.dtype().clone());
        let array = ListArray::<i64>::try_new(list, self.offsets.try_into()?, values, None)?;
        let dtype = DataType::List(Box::new(dtype.clone()));
        // SAFETY: a list column of a categorical type holds the physical codes
        // as its values (as polars does for every logical type), of the
        // type's width, and every code was checked above to name a category.
        Ok(unsafe { Series::from_chunks_and_dtype_unchecked(name.into(), vec![array.boxed()], &dtype) })
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
        let mut c = Codes::default();
        for i in [2, 0, 0, 1] {
            c.push(codes[i]);
        }
        let s = c.finish("name", &dtype).unwrap();
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
        let mut l = CodeLists::default();
        l.push_row([299, 0]);
        l.push_row([]);
        l.push_row([256]);
        let s = l.finish("terms", &dtype).unwrap();
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
        let mut c = Codes::default();
        c.push(1);
        assert!(c.finish("x", &dtype).is_err());
        let mut l = CodeLists::default();
        l.push_row([0, 5]);
        assert!(l.finish("x", &dtype).is_err());
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
        let mut c = Codes::default();
        c.push(u.code(7));
        assert!(c.finish("x", &v.dtype().unwrap()).is_err());
    }
}
