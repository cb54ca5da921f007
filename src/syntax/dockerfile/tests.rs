//! Unit tests of the dockerfile reader.

use super::*;
use serde_json::json;

fn parse(src: &str) -> Document {
    parse_dockerfile(src.as_bytes()).expect("parses")
}

fn at(doc: &Document, p: &[Seg]) -> (u32, u32, u32, u32) {
    let r = doc.source_map.get(p).unwrap_or_else(|| panic!("no region for {p:?}"));
    (r.start_line, r.start_column, r.end_line, r.end_column)
}

fn p(i: usize, rest: &[&str]) -> Vec<Seg> {
    let mut path = vec![Seg::Index(i)];
    path.extend(rest.iter().map(|s| match s.parse::<usize>() {
        Ok(n) => Seg::Index(n),
        Err(_) => Seg::from(*s),
    }));
    path
}

const MULTI: &str = r#"# syntax=docker/dockerfile:1
ARG BASE=golang:1.22

FROM --platform=linux/amd64 ${BASE} AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS="-mod=vendor -trimpath"
ENV LEGACY some value here
RUN --mount=type=cache,target=/root/.cache \
    go build -o /out/app ./cmd/app && \
    # the comment is not part of the command
    strip /out/app
RUN curl -fsSL https://example.com/install.sh | sh

FROM gcr.io/distroless/static:nonroot
COPY --from=build --chown=65532:65532 /out/app /app
EXPOSE 22 8080/tcp
USER 65532:65532
LABEL org.opencontainers.image.title="app" "description"="the app"
HEALTHCHECK --interval=30s CMD ["/app", "healthz"]
ENTRYPOINT ["/app", "--serve"]
CMD echo "shell form"
"#;

#[test]
fn multi_stage_dockerfile() {
    let doc = parse(MULTI);
    let v = doc.value.as_array().expect("array");
    let cmds: Vec<&str> = v.iter().map(|i| i["cmd"].as_str().unwrap_or("")).collect();
    assert_eq!(
        cmds,
        [
            "arg",
            "from",
            "workdir",
            "env",
            "env",
            "run",
            "run",
            "from",
            "copy",
            "expose",
            "user",
            "label",
            "healthcheck",
            "entrypoint",
            "cmd"
        ]
    );

    assert_eq!(v[0]["stage"], Value::Null);
    assert_eq!(v[0]["pairs"], json!({"BASE": "golang:1.22"}));
    assert_eq!(v[1]["value"], json!(["${BASE}"]));
    assert_eq!(v[1]["flags"], json!(["--platform=linux/amd64"]));
    assert_eq!(v[1]["stage"], 0);
    assert_eq!(v[1]["stage_name"], "build");
    assert_eq!(v[2]["stage_name"], "build");
    assert_eq!(v[3]["value"], json!(["CGO_ENABLED=0", "GOFLAGS=-mod=vendor -trimpath"]));
    assert_eq!(v[3]["pairs"], json!({"CGO_ENABLED": "0", "GOFLAGS": "-mod=vendor -trimpath"}));
    assert_eq!(v[4]["value"], json!(["LEGACY=some value here"]));
    assert_eq!(v[4]["pairs"], json!({"LEGACY": "some value here"}));
    assert_eq!(v[5]["flags"], json!(["--mount=type=cache,target=/root/.cache"]));
    assert_eq!(v[5]["value"], json!(["go build -o /out/app ./cmd/app &&     strip /out/app"]));
    assert_eq!(v[5]["form"], "shell");
    assert_eq!(
        v[5]["original"],
        "RUN --mount=type=cache,target=/root/.cache     go build -o /out/app ./cmd/app &&     strip /out/app"
    );
    assert_eq!(v[6]["value"], json!(["curl -fsSL https://example.com/install.sh | sh"]));

    assert_eq!(v[7]["stage"], 1);
    assert_eq!(v[7]["stage_name"], Value::Null);
    assert_eq!(v[8]["flags"], json!(["--from=build", "--chown=65532:65532"]));
    assert_eq!(v[8]["value"], json!(["/out/app", "/app"]));
    assert_eq!(v[9]["value"], json!(["22", "8080/tcp"]));
    assert_eq!(v[10]["value"], json!(["65532:65532"]));
    assert_eq!(v[11]["pairs"], json!({"org.opencontainers.image.title": "app", "description": "the app"}));
    assert_eq!(v[12]["flags"], json!(["--interval=30s"]));
    assert_eq!(v[12]["value"], json!(["CMD", "/app", "healthz"]));
    assert_eq!(v[13]["value"], json!(["/app", "--serve"]));
    assert_eq!(v[13]["form"], "exec");
    assert_eq!(v[14]["value"], json!(["echo \"shell form\""]));
    assert_eq!(v[14]["stage"], 1);

    // Regions: the whole (multi-line) instruction, and single arguments.
    assert_eq!(at(&doc, &p(5, &[])), (8, 1, 11, 19));
    assert_eq!(at(&doc, &p(1, &["stage_name"])), (4, 40, 4, 45));
    assert_eq!(at(&doc, &p(9, &["value", "0"])), (16, 8, 16, 10));
    assert_eq!(at(&doc, &p(9, &["value", "1"])), (16, 11, 16, 19));
    assert_eq!(at(&doc, &p(13, &["value", "1"])), (20, 21, 20, 30));
    assert_eq!(at(&doc, &p(3, &["pairs", "GOFLAGS"])), (6, 19, 6, 50));
    assert_eq!(at(&doc, &p(4, &["pairs", "LEGACY"])), (7, 5, 7, 27));
    assert_eq!(at(&doc, &p(6, &["value", "0"])), (12, 5, 12, 51));
    assert_eq!(doc.source_map.locate(&p(6, &["value", "7"])).map(|(r, _)| r.start_line), Some(12));
}

#[test]
fn heredocs_are_part_of_the_instruction() {
    let src = "FROM alpine\nRUN <<EOF\napk add curl\ncurl -fsSL https://x.example/i.sh | sh\nEOF\nRUN python3 <<-PY > /out\n\tprint(1)\n\tPY\nCOPY <<EOT /etc/motd\nhello\nEOT\nUSER nobody\n";
    let doc = parse(src);
    let v = doc.value.as_array().expect("array");
    assert_eq!(v.len(), 5);
    assert_eq!(v[1]["value"], json!(["apk add curl\ncurl -fsSL https://x.example/i.sh | sh\n"]));
    assert_eq!(
        v[1]["heredocs"],
        json!([{"name": "EOF", "content": "apk add curl\ncurl -fsSL https://x.example/i.sh | sh\n"}])
    );
    assert_eq!(at(&doc, &p(1, &[])), (2, 1, 5, 4));
    assert_eq!(v[2]["value"], json!(["python3 <<-PY > /out\nprint(1)\nPY"]));
    assert_eq!(v[3]["value"], json!(["<<EOT", "/etc/motd"]));
    assert_eq!(v[3]["heredocs"][0]["content"], "hello\n");
    assert_eq!(v[4]["cmd"], "user");
}

#[test]
fn escape_directive_and_windows_paths() {
    let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Install-Thing C:\\tools\\\nWORKDIR C:\\app\n";
    let doc = parse(src);
    let v = doc.value.as_array().expect("array");
    assert_eq!(v.len(), 3);
    assert_eq!(v[1]["value"], json!(["powershell -Command     Install-Thing C:\\tools\\"]));
    assert_eq!(v[2]["value"], json!(["C:\\app"]));
    assert_eq!(at(&doc, &p(1, &[])), (3, 1, 4, 28));

    let err = parse_dockerfile(b"# escape=x\nFROM a\n").expect_err("bad escape");
    assert_eq!(err.line, Some(1));
}

#[test]
fn forms_a_grammar_would_reject_are_read() {
    let src = "FROM a\nARG A=1 B\nCOPY [\"a b\", \"/dst/\"]\nRUN cat <<< \"x\"\nONBUILD RUN echo hi\nHEALTHCHECK NONE\nSTOPSIGNAL SIGTERM\nVOLUME /data /logs\nSHELL [\"/bin/bash\", \"-c\"]\nENV E=\n";
    let doc = parse(src);
    let v = doc.value.as_array().expect("array");
    assert_eq!(v[1]["pairs"], json!({"A": "1", "B": null}));
    assert_eq!(v[1]["value"], json!(["A=1", "B"]));
    assert_eq!(v[2]["value"], json!(["a b", "/dst/"]));
    assert_eq!(at(&doc, &p(2, &["value", "1"])), (3, 14, 3, 21));
    assert_eq!(v[3]["value"], json!(["cat <<< \"x\""]));
    assert_eq!(v[4]["value"], json!(["RUN echo hi"]));
    assert_eq!(v[4]["trigger"]["cmd"], "run");
    assert_eq!(v[4]["trigger"]["value"], json!(["echo hi"]));
    assert_eq!(v[5]["value"], json!(["NONE"]));
    assert_eq!(v[6]["value"], json!(["SIGTERM"]));
    assert_eq!(v[7]["value"], json!(["/data", "/logs"]));
    assert_eq!(v[8]["value"], json!(["/bin/bash", "-c"]));
    assert_eq!(v[9]["pairs"], json!({"E": ""}));
}

#[test]
fn comments_blank_lines_and_case() {
    let doc = parse("\u{feff}# comment\n\n   \nfrom alpine as Base\r\n  run echo a \\\r\n\r\n   echo b\r\n");
    let v = doc.value.as_array().expect("array");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["cmd"], "from");
    assert_eq!(v[0]["stage_name"], "Base");
    assert_eq!(v[1]["cmd"], "run");
    assert_eq!(v[1]["value"], json!(["echo a    echo b"]));
    assert_eq!(v[1]["stage_name"], "Base");
    assert_eq!(at(&doc, &p(1, &[])), (5, 3, 7, 10));
    assert_eq!(parse("").value, json!([]));
}

#[test]
fn unknown_instructions_are_errors() {
    let err = parse_dockerfile(b"FROM a\nRUUN echo\n").expect_err("unknown");
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("RUUN"), "{err}");
}

#[test]
fn hostile_bytes_never_panic() {
    let inputs: Vec<&[u8]> = vec![
        b"\xff\xfe\x00FROM",
        b"FROM \xff\xfe\nRUN \xc3\x28 \\\n",
        b"RUN \\",
        b"RUN <<EOF",
        b"RUN <<",
        b"RUN <<'",
        b"ENV",
        b"ENV \"",
        b"LABEL a=\"b",
        b"COPY [\"a\", \"b",
        b"\\\n\\\n",
        b"#",
        b"FROM a AS",
        b"ONBUILD ONBUILD RUN x",
        b"HEALTHCHECK CMD",
        b"RUN [\"\\\"]",
    ];
    for input in inputs {
        let _ = parse_dockerfile(input);
    }
    let doc = parse_dockerfile(b"FROM \xff\xfe\nRUN echo \xe9\n").expect("parses");
    assert_eq!(doc.value[1]["value"][0], "echo \u{fffd}");
}

#[test]
fn every_prefix_and_corruption_is_handled() {
    let full = MULTI.as_bytes();
    for end in 0..full.len() {
        let input = full[..end].to_vec();
        let _ = parse_dockerfile(&input);
    }
    for (i, bad) in (0..full.len()).step_by(7).zip([b'{', b'"', b'\\', b'\n', 0xff, b'[', b'<', b'`'].iter().cycle()) {
        let mut input = full.to_vec();
        input[i] = *bad;
        let _ = parse_dockerfile(&input);
    }
}
