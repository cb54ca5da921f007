//! Write the benchmark corpus to disk, to time the real binary on it:
//!
//! ```text
//! cargo run --release --example gen_corpus -- /tmp/tollgate-corpus 256
//! tollgate scan /tmp/tollgate-corpus --fail-on never --format json -o /dev/null
//! ```

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "tollgate-corpus".into()));
    let mib: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(64);
    let files = corpus::generate(42, mib << 20);
    for (path, text) in &files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().expect("generated paths have a parent"))?;
        std::fs::write(p, text)?;
    }
    eprintln!("wrote {} files ({mib} MiB) to {}", files.len(), dir.display());
    Ok(())
}
