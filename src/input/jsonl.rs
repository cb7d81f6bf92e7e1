//! JSONL corpora: one `{"id": ..., "text": ..., ...}` record per line,
//! plain or gzip/zstd-compressed, read record by record.
//!
//! Only the id and text fields are decoded (the field names are options);
//! every other field is skipped without being materialized, so a record with
//! a large `html` field costs no more than its text. A line that is not a
//! JSON object with a string text field becomes a `malformed-record`
//! diagnostic for that record and the rest of the shard is still read.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::system;
use super::{Encoding, Record, Unit};
use crate::diagnostic::Span;
use crate::document::Format;

/// Buffer size for reading shards.
const READ_BUFFER: usize = 256 * 1024;

/// Which fields hold the text and the id.
#[derive(Debug, Clone)]
pub struct JsonlOptions {
    pub text_field: String,
    pub id_field: String,
    /// Keep each record's raw line (for `newslint filter --emit record`).
    pub keep_raw: bool,
}

impl Default for JsonlOptions {
    fn default() -> Self {
        JsonlOptions { text_field: "text".into(), id_field: "id".into(), keep_raw: false }
    }
}

/// Whether a path names a JSONL shard (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`, `.ndjson`).
pub fn is_jsonl(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".zst")).unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// Opens a shard, decompressing by magic bytes (gzip `1f 8b`, zstd `28 b5 2f fd`).
pub fn open(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    let file = std::fs::File::open(path)?;
    decompress(Box::new(BufReader::with_capacity(READ_BUFFER, file)))
}

/// Wraps a reader in the decompressor its first bytes call for.
pub fn decompress(mut reader: Box<dyn BufRead + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    let magic = reader.fill_buf()?;
    if magic.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::bufread::MultiGzDecoder::new(reader);
        return Ok(Box::new(BufReader::with_capacity(READ_BUFFER, gz)));
    }
    if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let zst = zstd::stream::read::Decoder::with_buffer(reader)?;
        return Ok(Box::new(BufReader::with_capacity(READ_BUFFER, zst)));
    }
    Ok(reader)
}

/// Reads records from a shard, one [`Unit`] per non-blank line.
pub struct Records<R> {
    reader: R,
    path: Arc<Path>,
    display: String,
    options: JsonlOptions,
    line: usize,
    buf: Vec<u8>,
    max_line: usize,
}

impl<R: BufRead> Records<R> {
    pub fn new(reader: R, path: &Path, display: &str, options: JsonlOptions) -> Records<R> {
        Records {
            reader,
            path: Arc::from(path),
            display: display.to_string(),
            options,
            line: 0,
            buf: Vec::new(),
            max_line: usize::MAX,
        }
    }

    /// Reads at most `max` bytes of a line (plus one, so the record is seen
    /// to be too large) and skips the rest: a shard without line breaks
    /// cannot make newslint hold it whole.
    pub fn max_line(mut self, max: usize) -> Records<R> {
        self.max_line = max;
        self
    }
}

/// Consumes the rest of the current line.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(());
        }
        if let Some(i) = memchr::memchr(b'\n', available) {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = available.len();
        reader.consume(n);
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = io::Result<Unit>;

    fn next(&mut self) -> Option<io::Result<Unit>> {
        loop {
            self.buf.clear();
            let limit = (self.max_line as u64).saturating_add(1);
            match (&mut self.reader).take(limit).read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
            if self.buf.len() as u64 >= limit && !self.buf.ends_with(b"\n") {
                if let Err(e) = skip_line(&mut self.reader) {
                    return Some(Err(e));
                }
            }
            self.line += 1;
            let mut line = trim_line_end(&self.buf);
            if self.line == 1 {
                // Editors on Windows save JSONL with a UTF-8 byte-order mark.
                line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(self.record(line)));
        }
    }
}

impl<R> Records<R> {
    fn record(&self, line: &[u8]) -> Unit {
        let parsed = parse(line, &self.options);
        let (id, text, problem) = match parsed {
            Ok(Fields { id, text: Some(text) }) => (id, text, None),
            Ok(Fields { id, text: None }) => {
                let msg = format!("record has no string field `{}`", self.options.text_field);
                (id, String::from_utf8_lossy(line).into_owned(), Some(msg))
            }
            Err(e) => (None, String::from_utf8_lossy(line).into_owned(), Some(e)),
        };
        let id_display = id.clone().unwrap_or_else(|| format!("line-{}", self.line));
        let system =
            problem.map(|msg| system::malformed_record(Span::new(0, text.len()), &msg)).into_iter().collect();
        Unit {
            path: self.path.clone(),
            name: Arc::from(format!("{}#{id_display}", self.display)),
            text,
            format: Format::Text,
            byte_offset: 0,
            line_offset: 0,
            column_offset: 0,
            record: Some(Record {
                id,
                line: self.line,
                raw: self.options.keep_raw.then(|| String::from_utf8_lossy(line).into_owned()),
            }),
            encoding: Encoding::Utf8,
            system,
            partial: Default::default(),
        }
    }
}

fn trim_line_end(buf: &[u8]) -> &[u8] {
    let mut end = buf.len();
    while end > 0 && matches!(buf[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    &buf[..end]
}

struct Fields {
    id: Option<String>,
    text: Option<String>,
}

/// Parses one record, decoding only the id and text fields.
fn parse(line: &[u8], options: &JsonlOptions) -> Result<Fields, String> {
    let mut de = serde_json::Deserializer::from_slice(line);
    let fields = RecordSeed(options).deserialize(&mut de).map_err(|e| describe(&e))?;
    de.end().map_err(|e| describe(&e))?;
    Ok(fields)
}

fn describe(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg);
    format!("malformed JSON record: {msg} (column {})", e.column())
}

struct RecordSeed<'a>(&'a JsonlOptions);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Fields;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields { id: None, text: None };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.0.text_field {
                fields.text = map.next_value::<Option<String>>()?;
            } else if key == self.0.id_field {
                fields.id = map.next_value::<Option<IdValue>>()?.map(|v| v.0);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(fields)
    }
}

/// A record id: a string, or a number shown as written.
struct IdValue(String);

impl<'de> de::Deserialize<'de> for IdValue {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<IdValue, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IdValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or number id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a whole stream into memory-bounded records: a convenience for tests.
pub fn read_all(reader: impl Read + Send + 'static, options: JsonlOptions) -> io::Result<Vec<Unit>> {
    let reader = decompress(Box::new(BufReader::new(reader)))?;
    Records::new(reader, Path::new("-"), "-", options).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn units(input: &str) -> Vec<Unit> {
        read_all(std::io::Cursor::new(input.as_bytes().to_vec()), JsonlOptions::default()).unwrap()
    }

    #[test]
    fn reads_records_and_skips_other_fields() {
        let u = units(
            "{\"id\":\"a1\",\"html\":{\"x\":[1,2]},\"text\":\"Héllo “x”\\nLine\"}\n\n{\"text\":\"B\",\"id\":7}\n",
        );
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].text, "Héllo “x”\nLine");
        assert_eq!(&*u[0].name, "-#a1");
        assert_eq!(u[0].record, Some(Record { id: Some("a1".into()), line: 1, raw: None }));
        assert_eq!(u[1].record, Some(Record { id: Some("7".into()), line: 3, raw: None }));
        assert!(u[0].system.is_empty());
    }

    #[test]
    fn malformed_records_become_diagnostics_and_reading_goes_on() {
        let u = units(
            "{\"id\":1,\"text\":\"ok\"}\n{\"id\":2,\"text\":\n[1,2]\n{\"id\":3}\n{\"id\":4,\"text\":\"fine\"}\n",
        );
        assert_eq!(u.len(), 5);
        let rules: Vec<_> = u.iter().map(|u| u.system.first().map(|d| d.rule.to_string())).collect();
        assert_eq!(rules[0], None);
        assert_eq!(rules[1].as_deref(), Some("malformed-record"));
        assert_eq!(rules[2].as_deref(), Some("malformed-record"));
        assert!(u[3].system[0].message.contains("no string field `text`"), "{}", u[3].system[0].message);
        assert_eq!(rules[4], None);
        assert_eq!(u[4].text, "fine");
    }

    #[test]
    fn lines_longer_than_the_limit_are_cut_and_the_next_record_is_read() {
        let input = format!("{{\"text\":\"{}\"}}\n{{\"id\":2,\"text\":\"ok\"}}\n", "x".repeat(10_000));
        let reader = std::io::Cursor::new(input.into_bytes());
        let u: Vec<Unit> = Records::new(reader, Path::new("-"), "-", JsonlOptions::default())
            .max_line(100)
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].text.len(), 101, "held at most the limit plus one byte");
        assert_eq!(u[1].text, "ok");
        assert_eq!(u[1].record.as_ref().unwrap().line, 2);
    }

    #[test]
    fn custom_field_names() {
        let opts = JsonlOptions { text_field: "body".into(), id_field: "doc".into(), keep_raw: true };
        let u =
            read_all(std::io::Cursor::new(b"{\"doc\":\"x\",\"body\":\"Text\"}\n".to_vec()), opts).unwrap();
        assert_eq!(u[0].text, "Text");
        assert_eq!(u[0].record.as_ref().unwrap().id.as_deref(), Some("x"));
        assert_eq!(u[0].record.as_ref().unwrap().raw.as_deref(), Some("{\"doc\":\"x\",\"body\":\"Text\"}"));
    }

    #[test]
    fn gzip_and_zstd_are_detected_by_magic() {
        let data = b"{\"id\":1,\"text\":\"gz\"}\n{\"id\":2,\"text\":\"two\"}\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(data).unwrap();
        let u = read_all(std::io::Cursor::new(gz.finish().unwrap()), JsonlOptions::default()).unwrap();
        assert_eq!(u.len(), 2);
        let zst = zstd::encode_all(&data[..], 1).unwrap();
        let u = read_all(std::io::Cursor::new(zst), JsonlOptions::default()).unwrap();
        assert_eq!(u[1].text, "two");
    }

    #[test]
    fn jsonl_names() {
        assert!(is_jsonl(Path::new("a/shard-01.jsonl")));
        assert!(is_jsonl(Path::new("shard.JSONL.gz")));
        assert!(is_jsonl(Path::new("shard.jsonl.zst")));
        assert!(!is_jsonl(Path::new("notes.json")));
        assert!(!is_jsonl(Path::new("story.txt.gz")));
    }
}
