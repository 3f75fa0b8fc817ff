//! The content hash of a ruleset source.

use super::*;

/// `sha256:` and the hex SHA-256 of `source` with `\r\n` normalised to `\n`.
pub fn content_hash(source: &str) -> String {
    let mut h = Sha256::new();
    let mut rest = source;
    while let Some(i) = rest.find("\r\n") {
        h.update(rest.get(..i).unwrap_or("").as_bytes());
        h.update(b"\n");
        rest = rest.get(i + 2..).unwrap_or("");
    }
    h.update(rest.as_bytes());
    let digest = h.finalize();
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
