//! Bytes to text: paths, sniffing, decoding, and the formats (HTML, .docx, PDF).

pub mod formats;
pub mod read;
