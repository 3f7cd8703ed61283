//! The department network: which departments are made responsible together
//! (named on the same task record), and how often each leads or assists.
//! Departments are counted by canonical name, so 省财政厅 and 财政厅 are one
//! node, and once per record however often a record names them.
//!
//! ```
//! use zhengce::{compare::{network::network, Groups}, frames, Corpus, Options};
//! let c = Corpus::from_texts(vec![("d".into(), "一、任务\n1.提高低保标准。（责任单位：省民政厅、省财政厅）".into())], &Options::default());
//! let (edges, nodes) = network(&c.documents, None).unwrap();
//! assert_eq!(edges.height(), 1);
//! assert_eq!(nodes.column("n_lead").unwrap().i64().unwrap().get(0), Some(1));
//! ```

use std::collections::HashMap;

use polars::prelude::*;

use super::{col, frame, grouped, Groups};
use crate::error::Error;
use crate::model::document::{BlockKind, Document, Role};

/// Per node: (task records, records where it leads, records where it assists).
#[derive(Default, Clone, Copy)]
struct Node {
    records: i64,
    lead: i64,
    co: i64,
}

/// A node of one group: ((group, department), (counts, category)).
type NodeRow = ((u32, String), (Node, Option<String>));

/// Edges and nodes of the co-responsibility network, per group when `groups`
/// is given. Edges: source, target (canonical names, source < target in code
/// point order), n (task records naming both), group. Nodes: department,
/// category, group, n_records, n_lead, n_co. A department that leads on one
/// record of a pair and assists on another counts once in each. Sorted by
/// group, then n (or n_records) descending, ties by name.
pub fn network(docs: &[Document], groups: Option<&Groups>) -> Result<(DataFrame, DataFrame), Error> {
    let items: Vec<(&Document, u32)> = match groups {
        Some(g) => grouped(docs, g),
        None => docs.iter().map(|d| (d, 0)).collect(),
    };
    let mut edges: HashMap<(u32, String, String), i64> = HashMap::new();
    let mut nodes: HashMap<(u32, String), (Node, Option<String>)> = HashMap::new();
    for (d, g) in items {
        let lex = crate::label::lexicons_of(&d.labels);
        for b in d.blocks.iter().filter(|b| b.kind == BlockKind::Task && !b.departments.is_empty()) {
            // Canonical names of the record, each once; lead if any mention leads.
            let mut named: Vec<(String, bool, Option<String>)> = Vec::new();
            for x in &b.departments {
                let a = lex.agencies.resolve(&x.name);
                match named.iter_mut().find(|n| n.0 == a.canonical) {
                    Some(n) => n.1 |= x.role == Role::Lead,
                    None => named.push((a.canonical, x.role == Role::Lead, a.category.map(str::to_string))),
                }
            }
            for (name, lead, category) in &named {
                let e = nodes.entry((g, name.clone())).or_insert_with(|| (Node::default(), category.clone()));
                e.0.records += 1;
                if *lead {
                    e.0.lead += 1;
                } else {
                    e.0.co += 1;
                }
            }
            for i in 0..named.len() {
                for j in i + 1..named.len() {
                    let (a, b) = if named[i].0 <= named[j].0 { (&named[i].0, &named[j].0) } else { (&named[j].0, &named[i].0) };
                    *edges.entry((g, a.clone(), b.clone())).or_default() += 1;
                }
            }
        }
    }
    let mut e: Vec<((u32, String, String), i64)> = edges.into_iter().collect();
    e.sort_by(|x, y| x.0 .0.cmp(&y.0 .0).then(y.1.cmp(&x.1)).then_with(|| (&x.0 .1, &x.0 .2).cmp(&(&y.0 .1, &y.0 .2))));
    let mut n: Vec<NodeRow> = nodes.into_iter().collect();
    n.sort_by(|x, y| x.0 .0.cmp(&y.0 .0).then(y.1 .0.records.cmp(&x.1 .0.records)).then_with(|| x.0 .1.cmp(&y.0 .1)));
    let group_col = |rows: Vec<u32>| -> Result<Column, Error> {
        match groups {
            Some(g) => g.column_named(&rows, "group"),
            None => Ok(Series::full_null("group".into(), rows.len(), &DataType::String).into()),
        }
    };
    let edges = frame(
        e.len(),
        vec![
            col("source", e.iter().map(|x| x.0 .1.as_str()).collect::<Vec<_>>()),
            col("target", e.iter().map(|x| x.0 .2.as_str()).collect::<Vec<_>>()),
            col("n", e.iter().map(|x| x.1).collect::<Vec<_>>()),
            group_col(e.iter().map(|x| x.0 .0).collect())?,
        ],
    )?;
    let nodes = frame(
        n.len(),
        vec![
            col("department", n.iter().map(|x| x.0 .1.as_str()).collect::<Vec<_>>()),
            col("category", n.iter().map(|x| x.1 .1.clone()).collect::<Vec<_>>()),
            group_col(n.iter().map(|x| x.0 .0).collect())?,
            col("n_records", n.iter().map(|x| x.1 .0.records).collect::<Vec<_>>()),
            col("n_lead", n.iter().map(|x| x.1 .0.lead).collect::<Vec<_>>()),
            col("n_co", n.iter().map(|x| x.1 .0.co).collect::<Vec<_>>()),
        ],
    )?;
    Ok((edges, nodes))
}
