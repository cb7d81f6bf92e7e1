//! `--diff`: what `--fix` would change, as a unified diff (`a/PATH`,
//! `b/PATH` headers, three lines of context, `\ No newline at end of file`
//! where it applies), which `git apply` and `patch -p1` accept.

use std::io::{self, Write};

use similar::TextDiff;

/// Writes the unified diff from `old` to `new` of file `path`.
pub fn unified(path: &str, old: &str, new: &str, out: &mut dyn Write) -> io::Result<()> {
    let diff = TextDiff::from_lines(old, new);
    diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_writer(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn diff_has_headers_hunks_and_no_newline_hints() {
        let mut out = Vec::new();
        super::unified("x.txt", "a\nb \" c\nd", "a\nb “c\nd", &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "--- a/x.txt\n+++ b/x.txt\n@@ -1,3 +1,3 @@\n a\n-b \" c\n+b “c\n d\n\\ No newline at end of file\n"
        );
    }
}
