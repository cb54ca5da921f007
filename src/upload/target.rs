//! Where an upload goes and what it describes: the API, the repository, the commit and the ref.
//! Explicit values (command-line flags) win; then the variables GitHub Actions sets; then the git
//! checkout itself, so that a developer can upload from a clone without naming anything.

use anyhow::{Context, Result, bail};
use reqwest::Url;
use std::path::Path;

/// The public GitHub API; GitHub Enterprise Server serves it at `https://HOST/api/v3`.
const DEFAULT_API_URL: &str = "https://api.github.com";

/// Everything GitHub needs besides the SARIF itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadTarget {
    /// API root without a trailing slash, e.g. `https://api.github.com`.
    pub api_url: String,
    /// `owner/repo`.
    pub repository: String,
    /// The 40-hex-digit commit the results are for.
    pub commit_sha: String,
    /// The full ref the results are for: `refs/heads/...`, `refs/tags/...` or
    /// `refs/pull/N/merge|head`. It decides where the alerts show (branch or pull request).
    pub git_ref: String,
    /// `file://` URI of the checkout root; GitHub uses it to make absolute SARIF URIs relative.
    pub checkout_uri: Option<String>,
    /// Tool name GitHub shows for the analysis (GitHub's default is the SARIF's driver name).
    pub tool_name: Option<String>,
}

/// What the user said explicitly; `None` means "work it out".
#[derive(Debug, Clone, Default)]
pub struct Explicit<'a> {
    pub api_url: Option<&'a str>,
    pub repository: Option<&'a str>,
    pub commit_sha: Option<&'a str>,
    pub git_ref: Option<&'a str>,
    pub checkout_uri: Option<&'a str>,
    pub tool_name: Option<&'a str>,
    /// `--allow-insecure-api`: accept an `http://` API URL on a host other than this machine.
    pub allow_insecure_api: bool,
}

impl UploadTarget {
    /// The repository's code scanning alerts page, where people go to see what was uploaded.
    pub fn alerts_url(&self) -> Option<String> {
        let api = Url::parse(&self.api_url).ok()?;
        let port = api.port().map_or_else(String::new, |p| format!(":{p}"));
        Some(format!("{}://{}{port}/{}/security/code-scanning", api.scheme(), web_host(&api), self.repository))
    }

    /// Fill in what `explicit` leaves open from `env` (the `GITHUB_*` variables of GitHub Actions)
    /// and then from the git checkout at `checkout_root`, and validate the result. Errors say which
    /// flag or variable to set.
    pub fn resolve(
        explicit: &Explicit<'_>,
        env: impl Fn(&str) -> Option<String>,
        checkout_root: &Path,
    ) -> Result<UploadTarget> {
        let git = |args: &[&str]| crate::git::stdout_line(checkout_root, args).ok().filter(|s| !s.is_empty());
        Self::resolve_with(explicit, env, git, checkout_root)
    }

    /// [`UploadTarget::resolve`] with `git` standing in for running git in the checkout.
    fn resolve_with(
        explicit: &Explicit<'_>,
        env: impl Fn(&str) -> Option<String>,
        git: impl Fn(&[&str]) -> Option<String>,
        checkout_root: &Path,
    ) -> Result<UploadTarget> {
        let api_url = explicit.api_url.map(str::to_string).or_else(|| env("GITHUB_API_URL"));
        let api_url = api_url.as_deref().unwrap_or(DEFAULT_API_URL).trim_end_matches('/').to_string();
        let parsed_api = Url::parse(&api_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some())
            .with_context(|| format!("`{api_url}` is not an http(s) URL (from --api-url or GITHUB_API_URL)"))?;
        check_transport(&parsed_api, explicit.allow_insecure_api)?;

        let repository = match explicit.repository.map(str::to_string).or_else(|| env("GITHUB_REPOSITORY")) {
            Some(repo) => repo,
            None => repository_from_remote(git(&["remote", "get-url", "origin"]), checkout_root, &parsed_api)?,
        };
        validate_repository(&repository)?;

        let commit_sha = match explicit.commit_sha.map(str::to_string).or_else(|| env("GITHUB_SHA")) {
            Some(sha) => sha,
            None => git(&["rev-parse", "--verify", "-q", "HEAD"]).with_context(|| {
                format!(
                    "cannot tell which commit the results are for: pass --commit SHA or set GITHUB_SHA \
                     ({} is not a git checkout with a commit)",
                    checkout_root.display()
                )
            })?,
        };
        if commit_sha.len() != 40 || !commit_sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("`{commit_sha}` is not a full 40-hex-digit commit SHA (from --commit or GITHUB_SHA)");
        }

        let git_ref = match explicit.git_ref.map(str::to_string).or_else(|| env("GITHUB_REF")) {
            Some(r) => r,
            None => git(&["symbolic-ref", "-q", "HEAD"]).with_context(|| {
                format!(
                    "cannot tell which branch the results are for: pass --ref REF (e.g. refs/heads/main) or set \
                     GITHUB_REF ({} is not a git checkout on a branch)",
                    checkout_root.display()
                )
            })?,
        };
        validate_ref(&git_ref)?;

        let checkout_uri = explicit.checkout_uri.map_or_else(
            || {
                crate::sarif_location::file_uri(
                    &std::path::absolute(checkout_root).unwrap_or_else(|_| checkout_root.to_path_buf()),
                )
            },
            str::to_string,
        );
        Ok(UploadTarget {
            api_url,
            repository,
            commit_sha: commit_sha.to_ascii_lowercase(),
            git_ref,
            checkout_uri: Some(checkout_uri),
            tool_name: explicit.tool_name.map(str::to_string),
        })
    }
}

/// `owner/repo` from the URL of the `origin` remote, if it is on the GitHub instance the API
/// belongs to.
fn repository_from_remote(remote: Option<String>, root: &Path, api: &Url) -> Result<String> {
    const HOW: &str = "pass --repository OWNER/REPO or set GITHUB_REPOSITORY";
    let Some(remote) = remote else {
        bail!("cannot tell which repository to upload to: {HOW} ({} has no `origin` git remote)", root.display());
    };
    // The remote URL may carry credentials: only its host is ever shown.
    let Some((host, repository)) = parse_remote(&remote) else {
        bail!("cannot tell which repository to upload to: {HOW} (the `origin` remote is not an owner/repo URL)");
    };
    let expected = web_host(api);
    if !host.eq_ignore_ascii_case(&expected) {
        bail!("cannot tell which repository to upload to: {HOW} (the `origin` remote is on {host}, not {expected})");
    }
    Ok(repository)
}

/// The host people clone from for an API host: `api.github.com` → `github.com`,
/// `api.acme.ghe.com` → `acme.ghe.com`; GitHub Enterprise Server serves both on one host.
fn web_host(api: &Url) -> String {
    let host = api.host_str().unwrap_or_default().to_ascii_lowercase();
    host.strip_prefix("api.").map_or(host.clone(), str::to_string)
}

/// `(host, "owner/repo")` from a GitHub remote URL: `https://[user@]host/owner/repo[.git]`,
/// `ssh://git@host[:port]/owner/repo[.git]`, `git://...` or scp-like `git@host:owner/repo[.git]`.
pub(crate) fn parse_remote(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let (authority, path) = match url.split_once("://") {
        Some((scheme, rest)) => {
            if !matches!(scheme, "https" | "http" | "ssh" | "git" | "git+ssh" | "ssh+git") {
                return None;
            }
            rest.split_once('/')?
        }
        None => {
            // scp-like syntax: the colon comes before any slash.
            let (authority, path) = url.split_once(':')?;
            if authority.contains('/') {
                return None;
            }
            (authority, path)
        }
    };
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host_port.split(':').next()?;
    let path = path.trim_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let (owner, repo) = path.split_once('/')?;
    if host.is_empty() || owner.is_empty() || repo.is_empty() || repo.contains('/') {
        return None;
    }
    Some((host.to_string(), format!("{owner}/{repo}")))
}

/// The token goes in an `Authorization` header on every request: over plain `http://` anyone on
/// the way reads it. Plain HTTP is fine to this machine itself (a local mock or proxy), and
/// otherwise only when the user says so explicitly.
fn check_transport(api: &Url, allow_insecure: bool) -> Result<()> {
    if api.scheme() == "https" || allow_insecure || is_loopback(api) {
        return Ok(());
    }
    bail!(
        "refusing to send the token in clear text to {}: the API URL (from --api-url or GITHUB_API_URL) is \
         http://, not https://; use https, or pass --allow-insecure-api if the network to it is trusted",
        api.host_str().unwrap_or_default()
    )
}

/// Is the URL's host this machine: `localhost`, 127.0.0.0/8 or `::1`?
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(std::net::IpAddr::V6(ip)) => ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
        // Only the name itself: `x.localhost` is whatever DNS says it is.
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// GitHub's rules for the two halves of `owner/repo`, which become segments of the API path: a
/// `.` or `..` (or anything that is not a plain name) would send the token to another endpoint.
///
/// Owners (users and organisations): 1–39 letters, digits and hyphens, not starting with a
/// hyphen; underscores appear in Enterprise Managed Users' names (`octocat_acme`), and accounts
/// older than today's rules may end with a hyphen or repeat one, so only the first character
/// is held to the current rule. Repositories: 1–100 letters, digits, `.`, `-` and `_`, except
/// `.` and `..`.
fn validate_repository(repository: &str) -> Result<()> {
    let owner_ok = |s: &str| {
        (1..=39).contains(&s.len())
            && s.as_bytes()[0].is_ascii_alphanumeric()
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let repo_ok = |s: &str| {
        (1..=100).contains(&s.len())
            && s != "."
            && s != ".."
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    };
    match repository.split_once('/') {
        Some((owner, repo)) if owner_ok(owner) && repo_ok(repo) => Ok(()),
        _ => bail!(
            "`{}` is not OWNER/REPO (from --repository or GITHUB_REPOSITORY): the owner is letters, digits, `-` \
             and `_`; the repository is letters, digits, `-`, `_` and `.`, and neither is `.` or `..`",
            repository.escape_debug()
        ),
    }
}

/// The ref forms GitHub's upload API accepts.
fn validate_ref(git_ref: &str) -> Result<()> {
    let valid = if let Some(rest) = git_ref.strip_prefix("refs/pull/") {
        matches!(rest.split_once('/'), Some((n, "merge" | "head")) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    } else {
        ["refs/heads/", "refs/tags/"].iter().any(|p| git_ref.strip_prefix(p).is_some_and(|name| !name.is_empty()))
    };
    if valid {
        return Ok(());
    }
    let hint =
        if git_ref.starts_with("refs/") { String::new() } else { format!(" (did you mean refs/heads/{git_ref}?)") };
    bail!(
        "`{git_ref}` (from --ref or GITHUB_REF) is not a ref GitHub accepts: use refs/heads/BRANCH, refs/tags/TAG, \
         refs/pull/N/merge or refs/pull/N/head{hint}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remote(url: &str) -> Option<(String, String)> {
        parse_remote(url)
    }

    fn pair(host: &str, repo: &str) -> Option<(String, String)> {
        Some((host.to_string(), repo.to_string()))
    }

    #[test]
    fn remote_urls() {
        assert_eq!(remote("https://github.com/octo/hello.git"), pair("github.com", "octo/hello"));
        assert_eq!(remote("https://github.com/octo/hello"), pair("github.com", "octo/hello"));
        assert_eq!(remote("https://github.com/octo/hello/"), pair("github.com", "octo/hello"));
        assert_eq!(remote("https://x-access-token:secret@github.com/octo/hello.git"), pair("github.com", "octo/hello"));
        assert_eq!(remote("git@github.com:octo/hello.git"), pair("github.com", "octo/hello"));
        assert_eq!(remote("github.com:octo/hello"), pair("github.com", "octo/hello"));
        assert_eq!(remote("ssh://git@github.com/octo/hello.git"), pair("github.com", "octo/hello"));
        assert_eq!(remote("ssh://git@ghe.example.com:2222/team/app"), pair("ghe.example.com", "team/app"));
        assert_eq!(remote("git://github.com/octo/hello.git"), pair("github.com", "octo/hello"));
        assert_eq!(remote("https://github.com/octo"), None);
        assert_eq!(remote("https://gitlab.com/group/sub/project.git"), None);
        assert_eq!(remote("/srv/git/hello.git"), None);
        assert_eq!(remote("file:///srv/git/octo/hello.git"), None);
    }

    #[test]
    fn web_hosts() {
        let host = |api: &str| web_host(&Url::parse(api).unwrap());
        assert_eq!(host("https://api.github.com"), "github.com");
        assert_eq!(host("https://api.acme.ghe.com"), "acme.ghe.com");
        assert_eq!(host("https://ghe.example.com/api/v3"), "ghe.example.com");
    }

    #[test]
    fn alerts_pages() {
        let target = |api_url: &str| UploadTarget {
            api_url: api_url.into(),
            repository: "octo/hello".into(),
            commit_sha: "0".repeat(40),
            git_ref: "refs/heads/main".into(),
            checkout_uri: None,
            tool_name: None,
        };
        let page = |api: &str| target(api).alerts_url().unwrap();
        assert_eq!(page("https://api.github.com"), "https://github.com/octo/hello/security/code-scanning");
        assert_eq!(page("https://ghe.example.com/api/v3"), "https://ghe.example.com/octo/hello/security/code-scanning");
        assert_eq!(page("http://127.0.0.1:8080"), "http://127.0.0.1:8080/octo/hello/security/code-scanning");
    }

    #[test]
    fn refs() {
        for ok in
            ["refs/heads/main", "refs/heads/feature/x", "refs/tags/v1.0", "refs/pull/42/merge", "refs/pull/7/head"]
        {
            assert!(validate_ref(ok).is_ok(), "{ok}");
        }
        for bad in ["main", "refs/heads/", "refs/pull/x/merge", "refs/pull/42", "refs/pull/42/other", "HEAD"] {
            assert!(validate_ref(bad).is_err(), "{bad}");
        }
        assert!(validate_ref("main").unwrap_err().to_string().contains("did you mean refs/heads/main?"));
    }

    /// Resolve with a fake environment and a fake git that knows only `git_answers`.
    fn resolve_in(explicit: Explicit<'_>, env: &[(&str, &str)], git_answers: &[(&str, &str)]) -> Result<UploadTarget> {
        UploadTarget::resolve_with(
            &explicit,
            |key| env.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string()),
            |args| git_answers.iter().find(|(cmd, _)| *cmd == args.join(" ")).map(|(_, out)| out.to_string()),
            Path::new("/checkout/my repo"),
        )
    }

    fn resolve(explicit: Explicit<'_>, env: &[(&str, &str)]) -> Result<UploadTarget> {
        resolve_in(explicit, env, &[])
    }

    const SHA: &str = "0123456789ABCDEF0123456789abcdef01234567";

    #[test]
    fn flags_win_over_the_environment() {
        let env = [
            ("GITHUB_API_URL", "https://ghe.example.com/api/v3/"),
            ("GITHUB_REPOSITORY", "env/repo"),
            ("GITHUB_SHA", "f".repeat(40).leak()),
            ("GITHUB_REF", "refs/pull/3/merge"),
        ];
        let from_env = resolve(Explicit::default(), &env).unwrap();
        assert_eq!(from_env.api_url, "https://ghe.example.com/api/v3");
        assert_eq!(from_env.repository, "env/repo");
        assert_eq!(from_env.git_ref, "refs/pull/3/merge");
        assert_eq!(from_env.checkout_uri.as_deref(), Some("file:///checkout/my%20repo"));
        let explicit = Explicit {
            repository: Some("flag/repo"),
            commit_sha: Some(SHA),
            git_ref: Some("refs/heads/main"),
            checkout_uri: Some("file:///work/"),
            ..Default::default()
        };
        let t = resolve(explicit, &env).unwrap();
        assert_eq!((t.repository.as_str(), t.git_ref.as_str()), ("flag/repo", "refs/heads/main"));
        assert_eq!(t.commit_sha, SHA.to_ascii_lowercase());
        assert_eq!(t.checkout_uri.as_deref(), Some("file:///work/"));
    }

    #[test]
    fn missing_or_invalid_values_name_the_flag_and_variable() {
        let err = |explicit, env: &[(&str, &str)]| format!("{:#}", resolve(explicit, env).unwrap_err());
        let repo = [("GITHUB_REPOSITORY", "o/r")];
        assert!(err(Explicit::default(), &[]).contains("--repository OWNER/REPO or set GITHUB_REPOSITORY"));
        assert!(err(Explicit::default(), &repo).contains("--commit SHA or set GITHUB_SHA"));
        let with_sha = Explicit { commit_sha: Some(SHA), ..Default::default() };
        assert!(err(with_sha.clone(), &repo).contains("--ref REF"));
        assert!(err(Explicit { commit_sha: Some("abc123"), ..Default::default() }, &repo).contains("40-hex-digit"));
        assert!(err(Explicit { repository: Some("just-a-name"), ..with_sha.clone() }, &[]).contains("OWNER/REPO"));
        let bad_api = Explicit { api_url: Some("ftp://x"), ..with_sha };
        assert!(err(bad_api, &repo).contains("--api-url"));
    }

    #[test]
    fn falls_back_to_the_git_checkout() {
        let git = [
            ("remote get-url origin", "https://token@github.com/octo/hello.git"),
            ("rev-parse --verify -q HEAD", "f".repeat(40).leak() as &str),
            ("symbolic-ref -q HEAD", "refs/heads/dev"),
        ];
        let t = resolve_in(Explicit::default(), &[], &git).unwrap();
        assert_eq!((t.repository.as_str(), t.git_ref.as_str()), ("octo/hello", "refs/heads/dev"));
        assert_eq!(t.commit_sha, "f".repeat(40));
        // A remote on another host is not guessed at, and its URL (credentials!) is not shown.
        let err =
            resolve_in(Explicit { api_url: Some("https://ghe.example.com/api/v3"), ..Default::default() }, &[], &git)
                .unwrap_err()
                .to_string();
        assert!(err.contains("on github.com, not ghe.example.com"), "{err}");
        assert!(!err.contains("token@"), "{err}");
    }

    #[test]
    fn repository_names_follow_githubs_rules() {
        for ok in ["octo/hello", "my-org/.github", "a/b", "octocat_acme/x.y_z-1", "o/...x", "legacy-/r"] {
            assert!(validate_repository(ok).is_ok(), "{ok}");
        }
        let long_owner = format!("{}/r", "o".repeat(40));
        let long_repo = format!("o/{}", "r".repeat(101));
        for bad in [
            "o/..",
            "o/.",
            "../..",
            "./r",
            "../r",
            "o/r/x",
            "o",
            "/r",
            "o/",
            "-o/r",
            "_o/r",
            "o/r?x",
            "o/r#x",
            "o/r%2e",
            "o r/x",
            "o/r\n",
            "ö/r",
            &long_owner,
            &long_repo,
        ] {
            assert!(validate_repository(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plain_http_only_to_this_machine_unless_allowed() {
        let check = |url: &str, allow: bool| check_transport(&Url::parse(url).unwrap(), allow).is_ok();
        for ok in [
            "https://api.github.com",
            "http://127.0.0.1:8080",
            "http://127.8.9.1",
            "http://[::1]:99",
            "http://localhost:1/x",
        ] {
            assert!(check(ok, false), "{ok}");
        }
        for bad in [
            "http://api.github.com",
            "http://10.0.0.1",
            "http://localhost.evil.example",
            "http://x.localhost",
            "http://0.0.0.0",
        ] {
            assert!(!check(bad, false), "{bad}");
            assert!(check(bad, true), "{bad} with --allow-insecure-api");
        }
        let err = check_transport(&Url::parse("http://ghe.example.com/api/v3").unwrap(), false).unwrap_err();
        assert!(err.to_string().contains("--allow-insecure-api"), "{err}");
    }
}
