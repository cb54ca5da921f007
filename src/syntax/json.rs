//! JSON to a [`Document`] with a source map, for CloudFormation templates, Kubernetes
//! manifests and other JSON configuration.
//!
//! A small recursive-descent parser rather than the YAML reader: JSON that is not quite a
//! YAML subset (keys over 1024 characters, tabs, some escapes) must still parse, and
//! positions have to be tracked in code points on the way, since a minified template is a
//! single line megabytes long and recomputing columns per node would be quadratic.
//!
//! It is strict RFC 8259 (no comments, no trailing commas) apart from accepting a leading
//! byte-order mark. Duplicate keys: the last one wins. Source-map conventions are those of
//! the YAML parser: an object member spans its key through the end of its value, an array
//! element spans itself, the root spans the root value.

use super::limits::{MAX_DEPTH, MAX_NODES};
use super::yaml::{MAX_MAP_SEGMENTS, utf8_error};
use super::{Document, ParseError, Seg, SourceMap};
use crate::finding::Region;
use serde_json::{Map, Number, Value};

/// Parse one JSON value (the whole file) into a [`Document`].
pub fn parse_json(text: &[u8]) -> Result<Document, ParseError> {
    let text = std::str::from_utf8(text).map_err(|e| utf8_error(text, e))?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = JsonParser {
        b: body.as_bytes(),
        pos: 0,
        at: Pos { line: 1, col: 0 },
        spans: Vec::new(),
        segments: 0,
        nodes: 0,
        duplicates: false,
    };
    p.skip_ws();
    if p.pos >= p.b.len() {
        return Err(p.error("expected a JSON value, found the end of the file"));
    }
    let mut path = Vec::new();
    let (value, start, end) = p.value(&mut path, 0)?;
    p.skip_ws();
    if p.pos < p.b.len() {
        return Err(p.error("unexpected characters after the JSON value"));
    }
    p.record(&[], start, end);
    let mut source_map = SourceMap::default();
    for (path, region) in p.spans {
        // A duplicate key's losing value left spans for paths that may no longer exist.
        if p.duplicates && !exists(&value, &path) {
            continue;
        }
        source_map.insert(path, region);
    }
    Ok(Document { value, source_map })
}

fn exists(mut v: &Value, path: &[Seg]) -> bool {
    for seg in path {
        let next = match seg {
            Seg::Key(k) => v.get(k.as_str()),
            Seg::Index(i) => v.get(*i),
        };
        match next {
            Some(n) => v = n,
            None => return false,
        }
    }
    true
}

/// 1-based line, 0-based column in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: u32,
    col: u32,
}

fn region(start: Pos, end: Pos) -> Region {
    Region { start_line: start.line, start_column: start.col + 1, end_line: end.line, end_column: end.col + 1 }
}

struct JsonParser<'a> {
    b: &'a [u8],
    pos: usize,
    at: Pos,
    /// In parse order, so a later duplicate's spans overwrite an earlier one's.
    spans: Vec<(Vec<Seg>, Region)>,
    segments: usize,
    nodes: usize,
    duplicates: bool,
}

type Parsed = (Value, Pos, Pos);

impl<'a> JsonParser<'a> {
    fn error(&self, msg: &str) -> ParseError {
        ParseError::new(Some(self.at.line), format!("{msg} (column {})", self.at.col + 1))
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Step over one ASCII byte that is not a line break.
    fn bump(&mut self) {
        self.pos += 1;
        self.at.col += 1;
    }

    fn expect(&mut self, c: u8, msg: &str) -> Result<(), ParseError> {
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(msg))
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                b'\n' => {
                    self.pos += 1;
                    self.at = Pos { line: self.at.line.saturating_add(1), col: 0 };
                }
                b' ' | b'\t' | b'\r' => self.bump(),
                _ => break,
            }
        }
    }

    fn record(&mut self, path: &[Seg], start: Pos, end: Pos) {
        if self.segments + path.len() > MAX_MAP_SEGMENTS {
            return;
        }
        self.segments += path.len();
        self.spans.push((path.to_vec(), region(start, end)));
    }

    fn count(&mut self) -> Result<(), ParseError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.error(&format!("JSON document exceeds {MAX_NODES} nodes")));
        }
        Ok(())
    }

    /// A value starting at the current byte (whitespace already skipped), with its span.
    fn value(&mut self, path: &mut Vec<Seg>, depth: usize) -> Result<Parsed, ParseError> {
        self.count()?;
        let start = self.at;
        let value = match self.peek() {
            Some(b'{') => self.object(path, depth)?,
            Some(b'[') => self.array(path, depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error("expected a JSON value")),
            None => return Err(self.error("expected a JSON value, found the end of the file")),
        };
        Ok((value, start, self.at))
    }

    fn enter(&self, depth: usize) -> Result<(), ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(&format!("JSON nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn object(&mut self, path: &mut Vec<Seg>, depth: usize) -> Result<Value, ParseError> {
        self.enter(depth)?;
        self.bump();
        let mut out = Map::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Value::Object(out));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key_start = self.at;
            let key = self.string()?;
            self.skip_ws();
            self.expect(b':', "expected ':' after an object key")?;
            self.skip_ws();
            path.push(Seg::Key(key));
            let (value, _, end) = self.value(path, depth + 1)?;
            self.record(path, key_start, end);
            if let Some(Seg::Key(key)) = path.pop() {
                // `insert` on an existing key keeps its slot and takes the new value.
                if out.insert(key, value).is_some() {
                    self.duplicates = true;
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    return Ok(Value::Object(out));
                }
                _ => return Err(self.error("expected ',' or '}' after an object member")),
            }
        }
    }

    fn array(&mut self, path: &mut Vec<Seg>, depth: usize) -> Result<Value, ParseError> {
        self.enter(depth)?;
        self.bump();
        let mut out = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Value::Array(out));
        }
        loop {
            self.skip_ws();
            path.push(Seg::Index(out.len()));
            let (value, start, end) = self.value(path, depth + 1)?;
            self.record(path, start, end);
            path.pop();
            out.push(value);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    return Ok(Value::Array(out));
                }
                _ => return Err(self.error("expected ',' or ']' after an array element")),
            }
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        if self.b[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            self.at.col += word.len() as u32;
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let from = self.pos;
        let digits = |p: &mut Self| {
            let start = p.pos;
            while p.peek().is_some_and(|c| c.is_ascii_digit()) {
                p.bump();
            }
            p.pos - start
        };
        if self.peek() == Some(b'-') {
            self.bump();
        }
        let int_start = self.pos;
        let int_len = digits(self);
        if int_len == 0 || (int_len > 1 && self.b[int_start] == b'0') {
            return Err(self.error("invalid number"));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.bump();
            integer = false;
            if digits(self) == 0 {
                return Err(self.error("invalid number: expected digits after '.'"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            integer = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number: expected digits in the exponent"));
            }
        }
        // Only ASCII was consumed, so this slice is valid UTF-8.
        let lit = std::str::from_utf8(&self.b[from..self.pos]).unwrap_or("0");
        if integer {
            if let Ok(i) = lit.parse::<i64>() {
                return Ok(Value::from(i));
            }
            if let Ok(u) = lit.parse::<u64>() {
                return Ok(Value::from(u));
            }
        }
        // Out-of-range numbers (1e999) have no JSON value here; keep what was written.
        Ok(lit
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(lit.to_string()), Value::Number))
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.bump();
        let mut out = String::new();
        loop {
            let run = self.pos;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
                if c & 0xC0 != 0x80 {
                    self.at.col += 1;
                }
            }
            // The run stops at an ASCII byte, so it ends on a character boundary.
            out.push_str(std::str::from_utf8(&self.b[run..self.pos]).unwrap_or("\u{fffd}"));
            match self.peek() {
                Some(b'"') => {
                    self.bump();
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.bump();
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character in a string (escape it)")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(c) = self.peek() else {
            return Err(self.error("unterminated string"));
        };
        self.bump();
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xD800..0xDC00).contains(&hi) && self.b[self.pos..].starts_with(b"\\u") {
                    let save = (self.pos, self.at);
                    self.bump();
                    self.bump();
                    let lo = self.hex4()?;
                    if (0xDC00..0xE000).contains(&lo) {
                        let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        char::from_u32(cp).unwrap_or('\u{fffd}')
                    } else {
                        // Not a pair: the high half stands alone and the next escape is
                        // read again on its own.
                        (self.pos, self.at) = save;
                        '\u{fffd}'
                    }
                } else {
                    // Lone surrogates cannot be stored in a Rust string.
                    char::from_u32(hi).unwrap_or('\u{fffd}')
                }
            }
            _ => return Err(self.error("invalid escape in a string")),
        };
        out.push(ch);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0;
        for _ in 0..4 {
            let d = self.peek().and_then(|c| (c as char).to_digit(16));
            let Some(d) = d else {
                return Err(self.error("invalid \\u escape: expected four hex digits"));
            };
            self.bump();
            v = v * 16 + d;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(doc: &Document, p: &[Seg]) -> (u32, u32, u32, u32) {
        let r = doc.source_map.get(p).unwrap_or_else(|| panic!("no span for {p:?}"));
        (r.start_line, r.start_column, r.end_line, r.end_column)
    }

    fn k(s: &str) -> Seg {
        Seg::from(s)
    }

    const CFN: &str = r#"{
  "Resources": {
    "Sg": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "GroupDescription": "caf\u00e9 \u0041 \"quoted\" \/ \ud83d\ude00",
        "SecurityGroupIngress": [
          {"CidrIp": "0.0.0.0/0", "FromPort": 22, "ToPort": 22},
          { "CidrIpv6": "::/0",
            "FromPort": -1.5e2 }
        ],
        "Tags": [], "Meta": {}, "Flag": true, "None": null
      }
    }
  }
}
"#;

    #[test]
    fn values_and_spans() {
        let doc = parse_json(CFN.as_bytes()).unwrap();
        let p = &doc.value["Resources"]["Sg"]["Properties"];
        assert_eq!(p["GroupDescription"], json!("café A \"quoted\" / 😀"));
        assert_eq!(p["SecurityGroupIngress"][0]["FromPort"], json!(22));
        assert_eq!(p["SecurityGroupIngress"][1]["FromPort"], json!(-150.0));
        assert_eq!((p["Tags"].clone(), p["Meta"].clone()), (json!([]), json!({})));
        assert_eq!((p["Flag"].clone(), p["None"].clone()), (json!(true), Value::Null));
        let ing = [k("Resources"), k("Sg"), k("Properties"), k("SecurityGroupIngress")];
        let with = |rest: &[Seg]| [&ing[..], rest].concat();
        assert_eq!(at(&doc, &with(&[Seg::Index(0), k("CidrIp")])), (8, 12, 8, 33));
        assert_eq!(at(&doc, &with(&[Seg::Index(0)])), (8, 11, 8, 64));
        assert_eq!(at(&doc, &with(&[Seg::Index(1)])), (9, 11, 10, 33));
        assert_eq!(at(&doc, &with(&[Seg::Index(1), k("FromPort")])), (10, 13, 10, 31));
        assert_eq!(at(&doc, &ing), (7, 9, 11, 10));
        assert_eq!(at(&doc, &[]), (1, 1, 16, 2));
        let (r, n) = doc.source_map.locate(&with(&[Seg::Index(0), k("Nope")])).unwrap();
        assert_eq!((r.start_line, n), (8, 5));
    }

    #[test]
    fn columns_count_code_points_on_long_lines() {
        let long = "é".repeat(5000);
        let src = format!(r#"{{"a": "{long}", "b": 1}}"#);
        let doc = parse_json(src.as_bytes()).unwrap();
        assert_eq!(at(&doc, &[k("b")]), (1, 5011, 1, 5017));
    }

    #[test]
    fn crlf_tabs_and_bom() {
        let doc = parse_json("\u{feff}{\r\n\t\"a\": [1,\r\n\t\t2]\r\n}\r\n".as_bytes()).unwrap();
        assert_eq!(doc.value, json!({"a": [1, 2]}));
        assert_eq!(at(&doc, &[k("a"), Seg::Index(1)]), (3, 3, 3, 4));
        assert_eq!(at(&doc, &[k("a")]), (2, 2, 3, 5));
    }

    #[test]
    fn duplicate_keys_last_wins() {
        let doc = parse_json(br#"{"a": {"b": 1}, "c": 2, "a": {"d": 3}}"#).unwrap();
        assert_eq!(doc.value, json!({"a": {"d": 3}, "c": 2}));
        assert!(doc.source_map.get(&[k("a"), k("b")]).is_none());
        assert_eq!(at(&doc, &[k("a")]), (1, 25, 1, 38));
    }

    #[test]
    fn numbers() {
        let doc = parse_json(b"[0, -0, 12345678901234567890, 1e999, 0.5, 1E+2]").unwrap();
        assert_eq!(doc.value[0], json!(0));
        assert_eq!(doc.value[2], json!(12345678901234567890u64));
        assert_eq!(doc.value[3], json!("1e999"));
        assert_eq!(doc.value[4], json!(0.5));
        assert_eq!(doc.value[5], json!(100.0));
    }

    #[test]
    fn errors_carry_the_line() {
        for (src, line) in [
            ("{\n  \"a\": 1,\n}\n", 3),
            ("{\n  \"a\": 1\n  \"b\": 2\n}", 3),
            ("[1, 2", 1),
            ("{\"a\": tru}", 1),
            ("\n\n01", 3),
            ("{\"a\": \"x\ny\"}", 1),
            ("{\"a\": \"\\x\"}", 1),
            ("{\"a\": \"\\u12\"}", 1),
            ("", 1),
            ("   ", 1),
            ("{} {}", 1),
            ("// c\n{}", 1),
            ("{a: 1}", 1),
            ("[1,]", 1),
            ("-", 1),
            ("1.", 1),
            ("1e", 1),
            ("\"abc", 1),
        ] {
            let err = parse_json(src.as_bytes()).unwrap_err();
            assert_eq!(err.line, Some(line), "{src:?}: {err}");
        }
    }

    #[test]
    fn non_utf8_is_an_error() {
        let err = parse_json(b"{\n\"a\": \"\xff\"}").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn depth_bomb_is_an_error() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse_json(deep.as_bytes()).unwrap_err();
        assert!(err.message.contains("nesting"), "{err}");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_json(ok.as_bytes()).is_ok());
    }

    #[test]
    fn lone_surrogates_do_not_fail() {
        let doc = parse_json(br#"["\ud800", "\ud800\u0041", "\udc00"]"#).unwrap();
        assert_eq!(doc.value, json!(["\u{fffd}", "\u{fffd}A", "\u{fffd}"]));
    }
}
