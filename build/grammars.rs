//! Ships the tree-sitter grammars with their two largest parse tables compressed.
//!
//! A generated `parser.c` spells out `ts_parse_table` (one dense row of `uint16_t` per "large"
//! parse state, one column per grammar symbol, mostly zeros) and `ts_small_parse_table` (the
//! sparse states) as C initialisers. Compiled as they are, the twelve grammars tollgate parses
//! with put ~16 MB of these tables into the binary, well over a third of it; deflated they take
//! ~1 MB.
//!
//! So for each grammar this build step reads the grammar crate's `parser.c`, evaluates the two
//! initialisers (their values are integers, `STATE(n)`/`ACTIONS(n)` and symbol names the file's
//! own enum defines), writes them deflated to `OUT_DIR/grammars/<name>.tables.z`, and compiles a
//! copy of `parser.c` in which both tables are one zero-initialised (`.bss`, no file size) struct
//! and the language function is renamed `tollgate_grammar_<name>`. `src/syntax/grammars.rs`
//! inflates a grammar's tables into that struct the first time a file needs the grammar. The
//! grammar's external scanner is still the crate's own (`scanner.c` is linked from the crate).
//!
//! The grammar crates stay ordinary dependencies: they provide the sources (found with `cargo
//! metadata`), and when anything here fails (a crate source that cannot be found, a table this
//! reader does not understand) the build warns and tollgate uses the crates' grammars unchanged
//! (`cfg(tollgate_compact_grammars)` is then unset): a bigger binary, never a broken one.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every grammar tollgate parses with: (crate, directory of `parser.c` in the crate, the crate's
/// language function, our name).
const GRAMMARS: &[(&str, &str, &str, &str)] = &[
    ("tree-sitter-bash", "src", "tree_sitter_bash", "bash"),
    ("tree-sitter-c-sharp", "src", "tree_sitter_c_sharp", "c_sharp"),
    ("tree-sitter-go", "src", "tree_sitter_go", "go"),
    ("tree-sitter-hcl", "src", "tree_sitter_hcl", "hcl"),
    ("tree-sitter-java", "src", "tree_sitter_java", "java"),
    ("tree-sitter-javascript", "src", "tree_sitter_javascript", "javascript"),
    ("tree-sitter-kotlin-ng", "src", "tree_sitter_kotlin", "kotlin"),
    ("tree-sitter-php", "php/src", "tree_sitter_php", "php"),
    ("tree-sitter-python", "src", "tree_sitter_python", "python"),
    ("tree-sitter-ruby", "src", "tree_sitter_ruby", "ruby"),
    ("tree-sitter-rust", "src", "tree_sitter_rust", "rust"),
    ("tree-sitter-typescript", "tsx/src", "tree_sitter_tsx", "tsx"),
    ("tree-sitter-typescript", "typescript/src", "tree_sitter_typescript", "typescript"),
];

const LARGE_TABLE: &str = "static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT] = {\n";
const SMALL_TABLE: &str = "static const uint16_t ts_small_parse_table[] = {\n";

/// Compact every grammar into `out`, or warn and leave the crates' grammars in use.
pub fn compact(manifest_dir: &Path, out: &Path) {
    println!("cargo:rustc-check-cfg=cfg(tollgate_compact_grammars)");
    match compact_all(manifest_dir, out) {
        Ok(()) => println!("cargo:rustc-cfg=tollgate_compact_grammars"),
        Err(problem) => {
            println!("cargo:warning=tree-sitter grammars are linked uncompressed (a larger binary): {problem}")
        }
    }
}

fn compact_all(manifest_dir: &Path, out: &Path) -> Result<(), String> {
    let crates = crate_dirs(manifest_dir)?;
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let dest = out.join("grammars");
    std::fs::create_dir_all(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    let mut build = cc::Build::new();
    build.std("c11").warnings(false).cargo_warnings(false);
    for &(krate, dir, function, name) in GRAMMARS {
        let src = crates.get(krate).ok_or_else(|| format!("`cargo metadata` does not list {krate}"))?.join(dir);
        let parser = src.join("parser.c");
        println!("cargo:rerun-if-changed={}", parser.display());
        let text = std::fs::read_to_string(&parser).map_err(|e| format!("{}: {e}", parser.display()))?;
        let header = src.join("tree_sitter").join("parser.h");
        let compacted =
            compact_parser(&text, function, name, &header).map_err(|e| format!("{}: {e}", parser.display()))?;
        let mut tables = Vec::with_capacity(compacted.tables.len() * 2);
        for value in &compacted.tables {
            tables.extend(if big_endian { value.to_be_bytes() } else { value.to_le_bytes() });
        }
        let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        deflate.write_all(&tables).expect("deflating to memory cannot fail");
        let deflated = deflate.finish().expect("deflating to memory cannot fail");
        let write =
            |path: PathBuf, bytes: &[u8]| std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()));
        write(dest.join(format!("{name}.tables.z")), &deflated)?;
        let copy = dest.join(format!("{name}.c"));
        write(copy.clone(), compacted.source.as_bytes())?;
        build.file(&copy);
    }
    build.try_compile("tollgate-grammars").map_err(|e| e.to_string())
}

/// Each grammar crate's directory, from `cargo metadata` (which knows registry, git, vendored and
/// patched sources alike). Offline first: the build has already fetched every crate it compiles.
fn crate_dirs(manifest_dir: &Path) -> Result<HashMap<String, PathBuf>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = std::env::var("TARGET").map_err(|e| e.to_string())?;
    let run = |offline: bool| {
        let mut command = Command::new(&cargo);
        command.args(["metadata", "--format-version", "1", "--filter-platform", &target]).current_dir(manifest_dir);
        if offline {
            command.arg("--offline");
        }
        command.output().ok().filter(|o| o.status.success())
    };
    let output = run(true).or_else(|| run(false)).ok_or("`cargo metadata` failed")?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    let mut dirs = HashMap::new();
    for package in metadata["packages"].as_array().into_iter().flatten() {
        if let (Some(name), Some(manifest)) = (package["name"].as_str(), package["manifest_path"].as_str())
            && name.starts_with("tree-sitter-")
            && let Some(dir) = Path::new(manifest).parent()
        {
            dirs.insert(name.to_string(), dir.to_path_buf());
        }
    }
    Ok(dirs)
}

/// A grammar's `parser.c` without its two big tables, and the tables' values (large then small).
struct Compacted {
    source: String,
    tables: Vec<u16>,
}

/// `header` is the grammar's own `tree_sitter/parser.h`, which the copy includes by its full path:
/// grammars are generated for different tree-sitter ABIs, so one include path would not do.
fn compact_parser(text: &str, function: &str, name: &str, header: &Path) -> Result<Compacted, String> {
    let define = |key: &str| -> Result<usize, String> {
        let line = text.lines().find_map(|l| l.strip_prefix(&format!("#define {key} "))).ok_or(format!("no {key}"))?;
        line.trim().parse().map_err(|_| format!("{key} is not a number"))
    };
    let (large_states, symbols) = (define("LARGE_STATE_COUNT")?, define("SYMBOL_COUNT")?);
    let names = symbol_values(text)?;
    let (large_at, large_body, large_end) = table(text, LARGE_TABLE)?;
    let (small_at, small_body, small_end) = table(text, SMALL_TABLE)?;
    if small_at < large_end {
        return Err("the small parse table comes before the large one".into());
    }
    let mut tables = vec![0u16; large_states * symbols];
    fill(large_body, &names, &mut tables, Some(symbols))?;
    let mut small = Vec::new();
    fill(small_body, &names, &mut small, None)?;
    tables.extend_from_slice(&small);

    let declaration = format!(
        "static struct {{ uint16_t large[LARGE_STATE_COUNT][SYMBOL_COUNT]; uint16_t small[{}]; }} tollgate_tables;\n\
         #define ts_parse_table tollgate_tables.large\n#define ts_small_parse_table tollgate_tables.small\n",
        small.len()
    );
    let mut source = String::with_capacity(text.len() - large_body.len() - small_body.len() + 512);
    source.push_str(&text[..large_at]);
    source.push_str(&declaration);
    source.push_str(&text[large_end..small_at]);
    source.push_str(&text[small_end..]);
    let (from, to) = (format!("*{function}(void)"), format!("*tollgate_grammar_{name}(void)"));
    if source.matches(&from).count() != 1 {
        return Err(format!("no single definition of {function}"));
    }
    let include = "#include \"tree_sitter/parser.h\"";
    if source.matches(include).count() != 1 {
        return Err("no single `#include \"tree_sitter/parser.h\"`".into());
    }
    let mut source =
        source.replace(&from, &to).replace(include, &format!("#include {:?}", header.display().to_string()));
    source.push_str(&format!(
        "\nunsigned char *tollgate_grammar_tables_{name}(size_t *len) {{\n  \
         *len = sizeof tollgate_tables;\n  return (unsigned char *)&tollgate_tables;\n}}\n"
    ));
    Ok(Compacted { source, tables })
}

/// The values of `enum ts_symbol_identifiers` (every symbol name a table may use), plus the
/// end-of-input symbol `parser.h` defines as 0.
fn symbol_values(text: &str) -> Result<HashMap<&str, u16>, String> {
    let start = text.find("enum ts_symbol_identifiers {\n").ok_or("no symbol enum")?;
    let body = &text[start..];
    let body = &body[body.find('\n').unwrap() + 1..body.find("\n};").ok_or("unterminated symbol enum")?];
    let mut names = HashMap::from([("ts_builtin_sym_end", 0)]);
    for line in body.lines() {
        let (name, value) =
            line.trim().trim_end_matches(',').split_once(" = ").ok_or(format!("odd enum line {line:?}"))?;
        names.insert(name, value.parse().map_err(|_| format!("odd enum value {line:?}"))?);
    }
    Ok(names)
}

/// Where the table whose first line is `head` starts, its initialiser body, and where it ends.
fn table<'a>(text: &'a str, head: &str) -> Result<(usize, &'a str, usize), String> {
    let at = text.find(head).ok_or_else(|| format!("no `{}`", head.trim_end()))?;
    let body_at = at + head.len();
    let body_len = text[body_at..].find("\n};\n").ok_or("unterminated table")?;
    Ok((at, &text[body_at..body_at + body_len], body_at + body_len + "\n};\n".len()))
}

/// Evaluate an initialiser body into `values`. With `row_len`, a two-dimensional table of rows
/// `[STATE(n)] = { [symbol] = value, ... }`; without, a flat list of values where `[n] = `
/// moves the cursor.
fn fill(body: &str, names: &HashMap<&str, u16>, values: &mut Vec<u16>, row_len: Option<usize>) -> Result<(), String> {
    let mut cursor = 0usize;
    let mut row: Option<usize> = None;
    let mut designated: Option<usize> = None;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\n' | b',' | b'=' => i += 1,
            b'[' => {
                let end = i + body[i..].find(']').ok_or("unterminated designator")?;
                designated = Some(value(&body[i + 1..end], names)? as usize);
                i = end + 1;
            }
            b'{' if row_len.is_some() && row.is_none() => {
                row = Some(designated.take().ok_or("a row without its state")?);
                cursor = 0;
                i += 1;
            }
            b'}' if row.is_some() => {
                row = None;
                i += 1;
            }
            _ => {
                let end = i + body[i..].find([',', '\n', ' ', '}']).unwrap_or(body.len() - i);
                let v = value(&body[i..end], names)?;
                let v = u16::try_from(v).map_err(|_| format!("a table value over 16 bits: {v}"))?;
                cursor = designated.take().unwrap_or(cursor);
                let at = match (row_len, row) {
                    (Some(len), Some(r)) if cursor < len => r * len + cursor,
                    (None, _) => cursor,
                    _ => return Err(format!("a value outside any row: {:?}", &body[i..end])),
                };
                if at >= values.len() {
                    if row_len.is_some() {
                        return Err("a row past LARGE_STATE_COUNT".into());
                    }
                    values.resize(at + 1, 0);
                }
                values[at] = v;
                cursor += 1;
                i = end;
            }
        }
    }
    Ok(())
}

/// One initialiser value or designator: a number, `STATE(n)`, `ACTIONS(n)` or a symbol name.
fn value(token: &str, names: &HashMap<&str, u16>) -> Result<u32, String> {
    let inner = ["STATE(", "ACTIONS("]
        .iter()
        .find_map(|m| token.strip_prefix(m).and_then(|t| t.strip_suffix(')')))
        .unwrap_or(token);
    inner
        .parse()
        .ok()
        .or_else(|| names.get(inner).map(|&v| u32::from(v)))
        .ok_or_else(|| format!("unknown table value {token:?}"))
}
