//! Write a benchmark corpus to disk, to time the real binary on it: the mixed source tree of
//! `benches/throughput.rs` (size in MiB), or with `--iac` the IaC tree of `benches/iac.rs`
//! (size in files):
//!
//! ```text
//! cargo run --release --example gen_corpus -- /tmp/tollgate-corpus 256
//! cargo run --release --example gen_corpus -- --iac /tmp/tollgate-iac 2000
//! tollgate scan /tmp/tollgate-corpus --fail-on never --format json -o /dev/null
//! ```

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/iac.rs"]
mod iac;

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let is_iac = args.first().is_some_and(|a| a == "--iac");
    if is_iac {
        args.remove(0);
    }
    let dir = std::path::PathBuf::from(args.first().cloned().unwrap_or_else(|| "tollgate-corpus".into()));
    let size: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(if is_iac { 2000 } else { 64 });
    let files = if is_iac { iac::generate(11, size) } else { corpus::generate(42, size << 20) };
    for (path, text) in &files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().expect("generated paths have a parent"))?;
        std::fs::write(p, text)?;
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    eprintln!("wrote {} files ({:.1} MiB) to {}", files.len(), bytes as f64 / 1048576.0, dir.display());
    Ok(())
}
