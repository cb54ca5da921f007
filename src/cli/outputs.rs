//! Where a scan's reports go. One scan feeds several writers: `--format`/`--output` name one
//! report, and each repeatable `--output-format FORMAT[=PATH]` adds another, so a pipeline gets
//! SARIF for code scanning, JUnit for its test tab and text for its log from a single run
//! (`--output-format sarif=out/tollgate.sarif --output-format text`).
//!
//! Every report file's parent directories are created first: CI recipes write to `reports/...`
//! in a fresh checkout, where that directory does not exist yet. At most one report goes to
//! standard output, and a reader that closes it early (`tollgate scan | head`) only ends that
//! report: the scan still gates and exits with its verdict.

use crate::report::{self, Format, ScanReport, WriteOptions};
use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use std::io::{ErrorKind, Write};
use std::path::PathBuf;

/// One report: its format and its file (standard output when `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OutputTarget {
    pub format: Format,
    pub path: Option<PathBuf>,
}

/// Parse `FORMAT` or `FORMAT=PATH` (the value of `--output-format`); `FORMAT=-` is standard
/// output, as `-` is elsewhere on the command line.
pub(super) fn parse_target(value: &str) -> Result<OutputTarget, String> {
    let (name, path) = match value.split_once('=') {
        Some((name, "")) => return Err(format!("`{name}=` names no file after `=`")),
        Some((name, "-")) => (name, None),
        Some((name, path)) => (name, Some(PathBuf::from(path))),
        None => (value, None),
    };
    let format = Format::from_str(name, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!("`{name}` is not a report format (expected one of {}, optionally followed by =PATH)", names.join(", "))
    })?;
    Ok(OutputTarget { format, path })
}

/// The reports to write: the `--format`/`--output` pair (unless only `--output-format` was
/// given), then each `--output-format`. Two reports cannot share standard output or a file.
pub(super) fn resolve(
    format: Option<Format>,
    output: Option<PathBuf>,
    extra: &[OutputTarget],
) -> Result<Vec<OutputTarget>> {
    let mut targets = Vec::with_capacity(extra.len() + 1);
    if format.is_some() || output.is_some() || extra.is_empty() {
        targets.push(OutputTarget { format: format.unwrap_or(Format::Text), path: output });
    }
    targets.extend(extra.iter().cloned());
    if targets.iter().filter(|t| t.path.is_none()).count() > 1 {
        bail!(
            "more than one report would go to standard output: give all but one a file \
             (`--output-format FORMAT=PATH`, or `--output FILE` for --format)"
        );
    }
    for (i, t) in targets.iter().enumerate() {
        if let Some(path) = &t.path
            && targets[..i].iter().any(|u| u.path.as_ref() == Some(path))
        {
            bail!("two reports would be written to {}: give each its own file", path.display());
        }
    }
    Ok(targets)
}

/// Write every report. `stdout_opts` applies to the one on standard output; `file_opts` to the
/// files (colour only when it was asked for explicitly).
pub(super) fn write_all(
    report: &ScanReport,
    targets: &[OutputTarget],
    stdout_opts: WriteOptions,
    file_opts: WriteOptions,
) -> Result<()> {
    for target in targets {
        match &target.path {
            Some(path) => {
                let mut buf = Vec::new();
                report::write(report, target.format, file_opts, &mut buf)?;
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create the report directory {}", dir.display()))?;
                }
                std::fs::write(path, buf).with_context(|| format!("cannot write report to {}", path.display()))?;
            }
            None => {
                let mut out = std::io::stdout().lock();
                let written =
                    report::write(report, target.format, stdout_opts, &mut out).and_then(|()| Ok(out.flush()?));
                if let Err(err) = written
                    && !is_broken_pipe(&err)
                {
                    return Err(err);
                }
            }
        }
    }
    Ok(())
}

/// Did the reader of a pipe go away (`| head`)? Then there is no one left to write for, and
/// nothing went wrong with the scan.
pub(super) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_format_with_and_without_a_path() {
        assert_eq!(parse_target("text").unwrap(), OutputTarget { format: Format::Text, path: None });
        assert_eq!(
            parse_target("sarif=out/a=b.sarif").unwrap(),
            OutputTarget { format: Format::Sarif, path: Some(PathBuf::from("out/a=b.sarif")) }
        );
        assert!(parse_target("sarif=").unwrap_err().contains("names no file"));
        assert_eq!(parse_target("json=-").unwrap(), OutputTarget { format: Format::Json, path: None });
        assert!(parse_target("xml=a").unwrap_err().contains("`xml` is not a report format"));
    }

    #[test]
    fn one_report_at_most_on_standard_output() {
        let text = parse_target("text").unwrap();
        assert_eq!(resolve(None, None, &[]).unwrap(), vec![OutputTarget { format: Format::Text, path: None }]);
        assert_eq!(resolve(None, None, std::slice::from_ref(&text)).unwrap(), vec![text.clone()]);
        assert!(resolve(Some(Format::Json), None, &[text]).is_err());
        let twice = [parse_target("json=a").unwrap(), parse_target("sarif=a").unwrap()];
        assert!(resolve(None, None, &twice).unwrap_err().to_string().contains("two reports"));
    }
}
