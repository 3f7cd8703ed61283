//! Word lists tried at the start or the end of a text. The rules ask, at
//! every candidate position, whether a text starts with one of a dozen words
//! (time units, role words, name endings); `str::starts_with` compares each
//! word with a call to `memcmp`, although nearly every word already differs
//! from the text in its first bytes. Here those bytes are compared first.

/// Whether `s` starts with `w` (as `str::starts_with`), comparing the first
/// two bytes before the rest: a Chinese word's first byte is one of six lead
/// bytes, its second tells the words apart.
///
/// ```
/// use zhengce::text::affix::has_prefix;
/// assert!(has_prefix("年底前完成", "年底") && !has_prefix("年", "年底"));
/// ```
#[inline]
pub fn has_prefix(s: &str, w: &str) -> bool {
    let (a, b) = (s.as_bytes(), w.as_bytes());
    if a.len() < b.len() {
        return false;
    }
    match b {
        [] => true,
        [x] => a[0] == *x,
        [x, y, ..] => a[0] == *x && a[1] == *y && a[..b.len()] == *b,
    }
}

/// Whether `s` ends with `w` (as `str::ends_with`), comparing the last byte
/// before the rest.
///
/// ```
/// use zhengce::text::affix::has_suffix;
/// assert!(has_suffix("省民政厅", "民政厅") && !has_suffix("厅", "民政厅"));
/// ```
#[inline]
pub fn has_suffix(s: &str, w: &str) -> bool {
    let (a, b) = (s.as_bytes(), w.as_bytes());
    match (a.last(), b.last()) {
        (_, None) => true,
        (Some(x), Some(y)) => x == y && a.len() >= b.len() && a[a.len() - b.len()..] == *b,
        (None, Some(_)) => false,
    }
}

/// Whether `s` starts with one of `words`.
#[inline]
pub fn any_prefix(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| has_prefix(s, w))
}

/// Whether `s` ends with one of `words`.
#[inline]
pub fn any_suffix(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| has_suffix(s, w))
}

/// The longest of `words` that `s` starts with.
///
/// ```
/// use zhengce::text::affix::longest_prefix;
/// assert_eq!(longest_prefix("个月内", &["个", "个月"]), Some("个月"));
/// ```
pub fn longest_prefix<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().filter(|w| has_prefix(s, w)).max_by_key(|w| w.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every prefix and suffix of texts built from characters whose bytes
    /// collide (东 and “ share their last byte, 年 and 并 their lead byte).
    #[test]
    fn agrees_with_str_on_colliding_bytes() {
        let alphabet = ['年', '并', '东', '“', '厅', 'a', '1', '。'];
        let mut texts = vec![String::new()];
        for n in 1..=4 {
            let mut k = 0usize;
            while k < alphabet.len().pow(n) {
                let mut x = k;
                texts.push(
                    (0..n)
                        .map(|_| {
                            let c = alphabet[x % alphabet.len()];
                            x /= alphabet.len();
                            c
                        })
                        .collect(),
                );
                k += 7;
            }
        }
        for s in &texts {
            for w in &texts {
                assert_eq!(has_prefix(s, w), s.starts_with(w.as_str()), "{s} / {w}");
                assert_eq!(has_suffix(s, w), s.ends_with(w.as_str()), "{s} / {w}");
            }
        }
    }
}
