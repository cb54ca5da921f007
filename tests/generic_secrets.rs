//! Generic credentials that match no vendor format, through the binary: each case has a file
//! with the credential (its exact region is pinned) and a file of look-alikes that must stay
//! silent (environment lookups, placeholders, empty values, type names, comments). The last
//! cases are the catch-all for providers without a rule, HTTP headers and curl, and what counts
//! as a placeholder.

mod common;

use common::region_keys;

/// `path:line:column-end_line:end_column rule-id` of every finding of a scan of `files`.
fn findings(files: &[(&str, &str)]) -> Vec<String> {
    region_keys(files)
}

fn assert_silent(files: &[(&str, &str)]) {
    assert_eq!(findings(files), Vec::<String>::new());
}

#[test]
fn aligned_equals_as_terraform_fmt_writes_them() {
    let tf = "locals {\n  db_user    = \"app\"\n  db_pass    = \"Hq8vT2mLx9Rw4Zk\"\n  api_token  = \"Zp3Kx8QmW2vLr7NtY4bJc9Hd\"\n}\n";
    assert_eq!(
        findings(&[("main.tf", tf)]),
        ["main.tf:3:17-3:32 generic-password-assignment", "main.tf:4:17-4:41 generic-token-assignment"]
    );
    let tf = "locals {\n  db_pass    = var.db_pass\n  api_token  = \"\"\n  db_pwd     = \"changeme\"\n  # db_pass    = \"<set in terraform.tfvars>\"\n}\n";
    // (A commented-out real value is still a committed credential: the regex rules report it.)
    assert_silent(&[("main.tf", tf)]);
}

#[test]
fn unquoted_yaml_values_under_lowercase_keys() {
    let yaml = "database:\n  user: app\n  password: Hq8vT2mLx9Rw4Zk\n  token: Zp3Kx8QmW2vLr7NtY4bJc9Hd\n";
    assert_eq!(
        findings(&[("app.yaml", yaml)]),
        ["app.yaml:3:13-3:28 generic-unquoted-assignment", "app.yaml:4:10-4:34 generic-unquoted-assignment"]
    );
    let yaml = "database:\n  password: ${DB_PASSWORD}\n  token: changeme\n  secret: <password>\n  api_key: xxx\n  passwd:\n  # password: Hq8vT2mLx9Rw4Zk\n";
    assert_silent(&[("app.yaml", yaml)]);
}

#[test]
fn dotted_properties_keys() {
    let props = "spring.datasource.url=jdbc:mysql://db:3306/app\nspring.datasource.password=Hq8vT2mLx9Rw4Zk\n";
    assert_eq!(
        findings(&[("application.properties", props)]),
        ["application.properties:2:28-2:43 generic-unquoted-assignment"]
    );
    let props =
        "spring.datasource.password=${DB_PASSWORD}\napp.jwt.secret=\n# spring.datasource.password=Hq8vT2mLx9Rw4Zk\n";
    assert_silent(&[("application.properties", props)]);
}

#[test]
fn lowercase_dotenv_keys() {
    let env = "db_host=db.internal\ndb_password=Hq8vT2mLx9Rw4Zk\n";
    assert_eq!(findings(&[(".env", env)]), [".env:2:13-2:28 generic-unquoted-assignment"]);
    let env = "db_password=your-password-here\napi_key=\ntoken=$API_TOKEN\n";
    assert_silent(&[(".env", env)]);
}

#[test]
fn kustomize_secret_generator_literals() {
    let k = "secretGenerator:\n- name: db\n  literals:\n  - username=app\n  - password=Hq8vT2mLx9Rw4Zk\n";
    assert_eq!(findings(&[("kustomization.yaml", k)]), ["kustomization.yaml:5:14-5:29 generic-unquoted-assignment"]);
    let k = "secretGenerator:\n- name: db\n  envs:\n  - db.env\n  literals:\n  - password=changeme\n";
    assert_silent(&[("kustomization.yaml", k)]);
}

#[test]
fn typed_declarations() {
    let files = [
        ("Settings.kt", "val signingKey: String = \"Hq8vT2mLx9Rw4Zk3\"\n"),
        ("config.rs", "const API_TOKEN: &str = \"Zp3Kx8QmW2vLr7NtY4bJc9Hd\";\n"),
        ("Config.java", "class Config {\n    private static final String PASSWORD = \"Hq8vT2mLx9Rw4Zk\";\n}\n"),
    ];
    assert_eq!(
        findings(&files),
        [
            "Config.java:2:45-2:60 generic-password-assignment",
            "Settings.kt:1:27-1:43 generic-assignment-kotlin",
            "config.rs:1:26-1:50 generic-assignment-rust",
        ]
    );
    let files = [
        ("Settings.kt", "val signingKey: String = System.getenv(\"SIGNING_KEY\")\nval token: Token = Token()\n"),
        ("config.rs", "const API_TOKEN: &str = env!(\"API_TOKEN\");\nstruct C { api_token: String }\n"),
        (
            "Config.java",
            "class Config {\n    private static final String PASSWORD = System.getenv(\"PASSWORD\");\n    private String password;\n}\n",
        ),
    ];
    assert_silent(&files);
}

#[test]
fn values_with_dollar_and_parentheses() {
    let py = "SECRET_KEY = 'k9$)w(4f!m2@zq7%v1x^b8n&c3-u!_e6r)t'\n";
    assert_eq!(findings(&[("settings.py", py)]), ["settings.py:1:15-1:50 generic-assignment-python"]);
    let py = "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nSECRET_KEY = get_random_secret_key()\n";
    assert_silent(&[("settings.py", py)]);
}

#[test]
fn values_containing_secret_or_leetspeak_are_not_placeholders() {
    let py = "password = \"MySecretPass2024x\"\ndb_password = \"Passw0rd!Hq8vT2mLx9\"\n";
    assert_eq!(
        findings(&[("creds.py", py)]),
        ["creds.py:1:13-1:30 generic-password-assignment", "creds.py:2:16-2:35 generic-password-assignment"]
    );
    // A value that is nothing but the word is a placeholder.
    let py = "password = \"Passw0rd!\"\nclient_secret = \"my-secret\"\npassword = \"secret\"\n";
    assert_silent(&[("creds.py", py)]);
}

#[test]
fn name_value_pairs_in_ecs_and_kubernetes_env() {
    let ecs = "{\n  \"containerDefinitions\": [{\n    \"environment\": [\n      {\"name\": \"DB_HOST\", \"value\": \"db.internal\"},\n      {\"name\": \"DB_PASSWORD\", \"value\": \"Hq8vT2mLx9Rw4Zk\"}\n    ]\n  }]\n}\n";
    let k8s = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: app\n    env:\n    - name: API_TOKEN\n      value: \"Zp3Kx8QmW2vLr7NtY4bJc9Hd\"\n";
    let keys: Vec<String> =
        findings(&[("task-def.json", ecs), ("pod.yaml", k8s)]).into_iter().filter(|k| !k.contains(" TG-")).collect();
    assert_eq!(keys, ["pod.yaml:8:15-8:39 generic-name-value-pair", "task-def.json:5:41-5:56 generic-name-value-pair"]);
    let ecs = "{\"environment\": [{\"name\": \"DB_PASSWORD\", \"value\": \"${DB_PASSWORD}\"}],\n \"secrets\": [{\"name\": \"API_TOKEN\", \"valueFrom\": \"arn:aws:ssm:eu-west-1:123456789012:parameter/api-token\"}]}\n";
    let k8s = "env:\n- name: API_TOKEN\n  valueFrom:\n    secretKeyRef: {name: api, key: token}\n- name: DB_PASSWORD\n  value: \"\"\n";
    assert_silent(&[("task-def.json", ecs), ("env.yaml", k8s)]);
}

#[test]
fn json_escaped_quotes_in_notebooks() {
    let nb = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"config = {\\\"password\\\": \\\"Hq8vT2mLx9Rw4Zk\\\"}\\n\"]}]}\n";
    assert_eq!(findings(&[("nb.ipynb", nb)]), ["nb.ipynb:1:72-1:87 generic-escaped-json-assignment"]);
    let nb = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"config = {\\\"password\\\": os.environ[\\\"PW\\\"], \\\"token\\\": \\\"\\\"}\\n\"]}]}\n";
    assert_silent(&[("nb.ipynb", nb)]);
}

#[test]
fn docker_login_password_flags() {
    let sh = "docker login -u deployer -p 'Hq8vT2mLx9Rw4Zk' registry.acme.io\ndocker login --username deployer --password Zp3Kx8QmW2vLr7NtY4bJc9Hd registry.acme.io\n";
    assert_eq!(
        findings(&[("ci.sh", sh)]),
        ["ci.sh:1:30-1:45 docker-login-password", "ci.sh:2:45-2:69 docker-login-password"]
    );
    let sh = "docker login -u deployer -p \"$REGISTRY_PASSWORD\" registry.acme.io\necho \"$PAT\" | docker login ghcr.io -u acme --password-stdin\ndocker login -u deployer -p ${{ secrets.REGISTRY_PASSWORD }} registry.acme.io\n";
    assert_silent(&[("ci.sh", sh)]);
}

#[test]
fn environment_lookups_and_templates_are_not_credentials() {
    let files = [
        ("app.py", "password = os.environ[\"DB_PASSWORD\"]\napi_key = os.getenv(\"API_KEY\")\n"),
        ("app.js", "const token = process.env.API_TOKEN;\nconst password = `${prefix}-pw`;\n"),
        ("deploy.sh", "DB_PASSWORD=\"${DB_PASSWORD}\"\nexport API_TOKEN=\"$CI_TOKEN\"\n"),
        (
            ".github/workflows/ci.yml",
            "jobs:\n  a:\n    env:\n      API_TOKEN: ${{ secrets.API_TOKEN }}\n      password: '{{ vault_password }}'\n",
        ),
    ];
    assert_silent(&files);
}

#[test]
fn credentials_of_providers_without_a_rule_next_to_their_name() {
    let notes = "acmecrm API KEY r7Tq2WxK9vLm4ZpB8nHc3Jd6\nshipfastSECRETkey-9fK2mX7qL4vR8tZ3wN6pB1cH5\n";
    let json = "{\n  \"billingToken\": \"Q8wE3rT6yU1iO4pA7sD0fG2h\"\n}\n";
    assert_eq!(
        findings(&[("notes.txt", notes), ("billing.json", json)]),
        [
            "billing.json:2:20-2:44 generic-named-credential",
            "notes.txt:1:17-1:41 generic-named-credential",
            "notes.txt:2:19-2:44 generic-named-credential",
        ]
    );
    // A precise rule keeps its own finding: the catch-all yields to every other rule.
    let env = "API_TOKEN=Zp3Kx8QmW2vLr7NtY4bJc9Hd\n";
    assert_eq!(findings(&[(".env", env)]), [".env:1:11-1:35 generic-token-assignment"]);
}

#[test]
fn the_catch_all_stays_quiet_on_code_shapes_and_names_that_are_not_credentials() {
    let header = "#define aes_set_encrypt_key vendor_core_0_17_14__aes_set_encrypt_key\n\
                  static const X509Flags InheritKeyMask = X509RequestInheritOptions;\n";
    let notes = "out.PrivateIPv4Address = in.PrivateIPv4Address\n\
                 cache_key = Q8wE3rT6yU1iO4pA7sD0fG2h\n\
                 publicKey: Lp3Zr8Wn5Bc6Hd4Jx9Qm2Vt7\n\
                 secret_name: Q8wE3rT6yU1iO4pA7sD0fG2h\n\
                 The access token expires after 3600 seconds.\n";
    let yaml = "metadata:\n  annotations:\n    checksum/secret: 9d3f0b7c2a6e4f1d8b5c0a9e7f3d2b1c6a4e8f0d9b7c5a3e1f2d4b6c8a0e9f7d\n";
    // Source files the language-aware rules parse are theirs: a comment is not a credential.
    let py = "# acmecrm API KEY r7Tq2WxK9vLm4ZpB8nHc3Jd6\n";
    assert_silent(&[("crypto.h", header), ("notes.txt", notes), ("deploy.yaml", yaml), ("sync.py", py)]);
}

#[test]
fn authorization_headers_and_curl_passwords() {
    let sh = "curl -H \"Authorization: Bearer 7c1f9e3a0b5d48e2a6f4c8b1d9e07a35\" https://status.acme.io/v1/jobs\n\
              curl --user deploy:'pRf7vG2h1L8nQkW9' -X PATCH https://api.acme.io/v2/hooks\n";
    assert_eq!(
        findings(&[("release.sh", sh)]),
        ["release.sh:1:32-1:64 generic-authorization-header", "release.sh:2:21-2:37 curl-user-password"]
    );
    let sh = "curl -H \"Authorization: Bearer $API_TOKEN\" https://status.acme.io\n\
              curl -u \"$NEXUS_USER:$NEXUS_PASS\" https://nexus.acme.io\n\
              curl --user admin:[PASSWORD] http://[IP]:7474/db/data/\n";
    assert_silent(&[("release.sh", sh)]);
}

#[test]
fn typed_out_alphabets_are_placeholders_but_runs_inside_a_value_are_not() {
    let env = "api_token: abcdefghijklmnopqrstuvwxyz0123456789\nsession_secret: deadbeefdeadbeefdeadbeef\n";
    assert_silent(&[("settings.yaml", env)]);
    let env = "api_token: abcdef1234567890abcdef1234567890\n";
    assert_eq!(findings(&[("settings.yaml", env)]), ["settings.yaml:1:12-1:44 generic-unquoted-assignment"]);
}

#[test]
fn command_lines_directives_xml_env_fallbacks_and_terraform_defaults() {
    let p = "Hq8vT2mLx9Rw4Zk";
    let deploy = format!(
        "docker run -d -e POSTGRES_PASSWORD={p} postgres:16\nmysql -u root -p{p} orders < dump.sql\nredis-cli -h cache -a \"$REDIS_PASSWORD\" ping\n"
    );
    let redis = format!("bind 0.0.0.0\nrequirepass {p}\n");
    let maven = format!(
        "<settings><servers><server>\n  <id>nexus</id>\n  <password>{p}</password>\n</server></servers></settings>\n"
    );
    let python = format!(
        "import os\nDB_PASSWORD = os.getenv(\"DB_PASSWORD\", \"{p}\")\nAPI_TOKEN = os.getenv(\"API_TOKEN\", \"\")\n"
    );
    // The second variable's name ends in `length`, not in a secret word.
    let terraform = format!(
        "variable \"db_password\" {{\n  type    = string\n  default = \"{p}\"\n}}\n\nvariable \"db_password_length\" {{\n  default = \"{p}\"\n}}\n"
    );
    assert_eq!(
        findings(&[
            ("deploy.sh", &deploy),
            ("redis.conf", &redis),
            ("settings.xml", &maven),
            ("settings.py", &python),
            ("variables.tf", &terraform),
        ]),
        [
            "deploy.sh:1:36-1:51 generic-cli-password-option",
            "deploy.sh:2:17-2:32 generic-cli-password-option",
            "redis.conf:2:13-2:28 generic-directive-password",
            "settings.py:2:41-2:56 generic-env-fallback",
            "settings.xml:3:13-3:28 generic-xml-element",
            "variables.tf:3:14-3:29 generic-terraform-variable-default",
        ]
    );
}

/// A value a vendor rule recognises and its allowlist excuses (a Firebase SDK key the SDK
/// publishes) is known, so a generic rule must not report it under a secret-named key either.
#[test]
fn a_value_a_vendor_rule_allowlists_is_not_reported_by_a_generic_rule() {
    let key = "AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU";
    let strings = format!("<resources>\n  <string name=\"google_api_key\">{key}</string>\n</resources>\n");
    let props = format!("google_api_key = \"{key}\"\n");
    assert_silent(&[("res/values/strings.xml", &strings), ("app.properties", &props)]);
    // Another key in the same places is reported, once, by the vendor rule.
    let other = "AIzaSyb-c3dqfS9-sTcNPsnW-6qsH5dbqFwn0QI";
    let props = format!("google_api_key = \"{other}\"\n");
    assert_eq!(findings(&[("app.properties", &props)]), ["app.properties:1:19-1:58 gcp-api-key"]);
}

/// Credentials in files whose shape puts them away from a `password =` assignment: a .netrc
/// entry over several lines, an Ansible INI inventory's host line, Perl DBI's positional
/// password, environment variables set in code, and CloudFormation / Postman name-value lists.
#[test]
fn netrc_entries_inventories_dbi_env_setters_and_name_value_lists() {
    let p = "Hq8vT2mLx9Rw4Zk";
    let netrc = format!("machine artifacts.acme.io\n  login ci-publisher\n  password {p}\n");
    let inventory = format!("[web]\nweb1.acme.io ansible_user=deploy ansible_password={p}\n");
    let perl = format!("my $dbh = DBI->connect(\"dbi:mysql:database=crm\", \"crm\", \"{p}\");\n");
    let go = format!("package main\n\nimport \"os\"\n\nfunc init() {{\n\tos.Setenv(\"DB_PASSWORD\", \"{p}\")\n}}\n");
    let cfn = format!("Environment:\n  - Name: DB_PASSWORD\n    Value: {p}\n");
    let postman = format!("{{\"bearer\": [{{\"key\": \"token\", \"value\": \"{p}\", \"type\": \"string\"}}]}}\n");
    assert_eq!(
        findings(&[
            (".netrc", &netrc),
            ("inventory.ini", &inventory),
            ("crm.pl", &perl),
            ("main.go", &go),
            ("task.yaml", &cfn),
            ("api.postman_collection.json", &postman),
        ]),
        [
            ".netrc:3:12-3:27 netrc-password",
            "api.postman_collection.json:1:40-1:55 generic-name-value-pair",
            "crm.pl:1:58-1:73 generic-credential-call",
            "inventory.ini:2:51-2:66 ansible-inventory-password",
            "main.go:6:28-6:43 generic-env-set",
            "task.yaml:3:12-3:27 generic-name-value-pair",
        ]
    );
    let quiet_inventory = "web1 ansible_password=\"{{ vault_web1_password }}\"\nweb2 ansible_become_pass=changeme\n";
    let quiet_go = "func TestLogin(t *testing.T) {\n\tt.Setenv(\"API_TOKEN\", \"Zp3Kx8QmW2vLr7NtY4bJc9Hd\")\n\tos.Setenv(\"API_TOKEN\", token)\n}\n";
    let quiet_netrc = "machine artifacts.acme.io\n  login ci-publisher\n  password $ARTIFACTS_TOKEN\n";
    assert_silent(&[("hosts.ini", quiet_inventory), ("login.go", quiet_go), (".netrc", quiet_netrc)]);
}

/// Android signing configs in Groovy's `name "value"` syntax, Wi-Fi and IPsec pre-shared keys,
/// and passwords inside comma-separated option lists (fstab, StackExchange.Redis).
#[test]
fn gradle_signing_configs_pre_shared_keys_and_option_lists() {
    let p = "Hq8vT2mLx9Rw4Zk";
    let gradle = format!(
        "android {{\n    signingConfigs {{\n        release {{\n            storePassword \"{p}\"\n            keyPassword System.getenv(\"KEY_PASSWORD\")\n        }}\n    }}\n}}\n"
    );
    let wifi = format!("network={{\n    ssid=\"Corp\"\n    psk=\"{p}\"\n}}\n");
    let fstab = format!("//nas/backup /mnt/backup cifs username=backup,password={p},uid=1000 0 0\n");
    let redis = format!("var options = \"cache:6380,password={p},ssl=True\";\n");
    assert_eq!(
        findings(&[
            ("app/build.gradle", &gradle),
            ("wpa_supplicant.conf", &wifi),
            ("fstab", &fstab),
            ("Cache.cs", &redis)
        ]),
        [
            "Cache.cs:1:36-1:51 generic-option-list-password",
            "app/build.gradle:4:28-4:43 generic-gradle-dsl-password",
            "fstab:1:56-1:71 generic-option-list-password",
            "wpa_supplicant.conf:3:10-3:25 pre-shared-key",
        ]
    );
    let quiet = "[wifi-security]\nkey-mgmt=wpa-psk\npsk-flags=1\n\n# mount -o username=backup,password=$SMB_PASSWORD\n";
    assert_silent(&[("office.nmconnection", quiet)]);
}

/// Declarations where a type or an `@` stands between the name and the quote (Scala, VB.NET,
/// Objective-C), SQL user and role passwords, and a literal echoed into `docker login
/// --password-stdin`.
#[test]
fn typed_and_objective_c_constants_sql_passwords_and_password_stdin() {
    let p = "Hq8vT2mLx9Rw4Zk";
    let scala = format!("object Config {{\n  val apiKey: String = \"{p}\"\n}}\n");
    let vb = format!("Module Config\n    Dim apiToken As String = \"{p}\"\nEnd Module\n");
    let objc = format!("NSString *const kAPIKey = @\"{p}\";\n");
    let sql = format!("CREATE USER 'reporting'@'%' IDENTIFIED BY '{p}';\nALTER ROLE app WITH LOGIN PASSWORD '{p}';\n");
    let docker = format!("#!/bin/sh\necho \"{p}\" | docker login registry.acme.io -u ci --password-stdin\n");
    assert_eq!(
        findings(&[
            ("Config.scala", &scala),
            ("Config.vb", &vb),
            ("Config.m", &objc),
            ("users.sql", &sql),
            ("login.sh", &docker)
        ]),
        [
            "Config.m:1:29-1:44 generic-typed-string-assignment",
            "Config.scala:2:25-2:40 generic-typed-string-assignment",
            "Config.vb:2:31-2:46 generic-typed-string-assignment",
            "login.sh:2:7-2:22 docker-login-password",
            "users.sql:1:44-1:59 generic-sql-password",
            "users.sql:2:37-2:52 generic-sql-password",
        ]
    );
    let quiet_scala = "object Config {\n  val apiKey: String = sys.env(\"API_KEY\")\n}\n";
    let quiet_sql = "CREATE USER 'reporting'@'%' IDENTIFIED BY '${REPORTING_PASSWORD}';\n";
    let quiet_python = "conn = connect(host=host, user=\"etl\", password=get_password())\n";
    assert_silent(&[("Config.scala", quiet_scala), ("users.sql", quiet_sql), ("db.py", quiet_python)]);
}

/// A secret-named CloudFormation parameter's default and a Pulumi stack setting under a
/// namespaced key (`project:dbPassword`).
#[test]
fn parameter_defaults_and_namespaced_yaml_keys() {
    let p = "Hq8vT2mLx9Rw4Zk";
    let template = format!(
        "Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n    Default: {p}\n  DbName:\n    Type: String\n    Default: orders_production\n"
    );
    let pulumi = format!(
        "config:\n  aws:region: eu-west-1\n  shop:dbPassword: {p}\n  shop:apiKey:\n    secure: AAABAKq7ZP3Dt5mC0x6Y2b8k1L9vQw==\n"
    );
    assert_eq!(
        findings(&[("template.yaml", &template), ("Pulumi.prod.yaml", &pulumi)]),
        ["Pulumi.prod.yaml:3:20-3:35 generic-unquoted-assignment", "template.yaml:5:14-5:29 generic-parameter-default"]
    );
}

/// Mail clients' configurations: msmtp's `password <value>` line (never `passwordeval`, which
/// runs a command) and fetchmail's `user <name> … password <value>`, on a poll line or a line
/// of its own.
#[test]
fn msmtp_and_fetchmail_passwords() {
    let msmtprc = "defaults\nauth           on\ntls            on\n\naccount        work\nhost           smtp.acme.io\nport           587\nuser           ops@acme.io\npassword       Hq8vT2mLx9Rw4Zk\n\naccount        home\nhost           smtp.acme.net\npasswordeval   \"gpg -d ~/.msmtp.gpg\"\n";
    let fetchmailrc = "set daemon 300\npoll mail.acme.io protocol imap user \"me\" password \"Hq8vT2mLx9Rw4Zk\"\npoll pop.acme.net proto pop3\n    user \"jsmith\" there with password \"Kx7vQ2mLr9TwBn4\" is \"jsmith\" here\n";
    assert_eq!(
        findings(&[(".msmtprc", msmtprc), (".fetchmailrc", fetchmailrc)]),
        [
            ".fetchmailrc:2:53-2:68 generic-mail-client-password",
            ".fetchmailrc:4:40-4:55 generic-mail-client-password",
            ".msmtprc:9:16-9:31 generic-mail-client-password",
        ]
    );
    let quiet_msmtprc = "account work\nhost smtp.acme.io\npasswordeval \"gpg --no-tty -q -d ~/.msmtp-password.gpg\"\n";
    let quiet_fetchmailrc = "poll mail.acme.io protocol imap user \"me\"\n";
    let prose = "# Mail\n\nthe password field is required\npassword reset\nEnter the user name and password below.\n";
    let ddl = "CREATE TABLE users (\n  id serial,\n  password varchar(255),\n  email text\n);\n";
    assert_silent(&[
        ("msmtprc", quiet_msmtprc),
        (".fetchmailrc", quiet_fetchmailrc),
        ("README.md", prose),
        ("schema.sql", ddl),
    ]);
}

/// ODBC data sources and connection strings (`PWD`), and php.ini's MySQL defaults.
#[test]
fn odbc_pwd_and_php_ini_default_passwords() {
    let odbc = "[orders]\nDriver   = PostgreSQL Unicode\nServer   = db.internal.acme.io\nUID      = app\nPWD      = Hq8vT2mLx9Rw4Zk\n";
    let conn = "PWD=Hq8vT2mLx9Rw4Zk;\nDriver={ODBC Driver 18 for SQL Server};Server=sql01;UID=app;PWD=Zp3Kx8QmW2vLr7NtY4bJc9Hd;\n";
    let php = "[MySQLi]\nmysqli.default_user = app\nmysqli.default_pw = Hq8vT2mLx9Rw4Zk\nmysql.default_password = Wq4Lz8Tn2Rv6Yb0Mc3\n";
    assert_eq!(
        findings(&[("odbc.ini", odbc), ("conn.txt", conn), ("php.ini", php)]),
        [
            "conn.txt:1:5-1:20 generic-password-assignment",
            "conn.txt:2:65-2:89 generic-password-assignment",
            "odbc.ini:5:12-5:27 generic-unquoted-assignment",
            "php.ini:3:21-3:36 generic-unquoted-assignment",
            "php.ini:4:26-4:44 generic-unquoted-assignment",
        ]
    );
    let quiet_odbc = "[reports]\nUID = reporter\nPWD = ${DB_PASSWORD}\n";
    let quiet_php = "mysqli.default_pw =\nmysql.default_password =\n";
    let quiet_make = "PWD = $(shell pwd)\n";
    assert_silent(&[("odbc.ini", quiet_odbc), ("php.ini", quiet_php), ("Makefile", quiet_make)]);
}

/// R's `<-` assignment and `Sys.setenv(NAME = "...")`; environment reads stay silent.
#[test]
fn r_assignments() {
    let r = "library(DBI)\ndb_password <- \"Hq8vT2mLx9Rw4Zk\"\nSys.setenv(DB_PASSWORD = \"Wq4Lz8Tn2Rv6Yb0Mc3\")\napi_key <- 'Zp3Kx8QmW2vLr7NtY4bJc9Hd'\n";
    assert_eq!(
        findings(&[("db.R", r)]),
        [
            "db.R:2:17-2:32 generic-password-assignment",
            "db.R:3:27-3:45 generic-password-assignment",
            "db.R:4:13-4:37 generic-api-key-assignment",
        ]
    );
    let quiet = "password <-  Sys.getenv(\"DB_PASSWORD\")\napi_key <- keyring::key_get(\"svc\")\ntoken <- readline(\"token: \")\n";
    assert_silent(&[("db.R", quiet)]);
}

/// Rust's owned strings: `String::from("...")`, `"...".to_string()` and `"...".to_owned()`
/// under a secret-named `let`.
#[test]
fn rust_owned_string_literals() {
    let rs = "fn main() {\n    let password = String::from(\"Hq8vT2mLx9Rw4Zk\");\n    let db_password = \"Wq4Lz8Tn2Rv6Yb0Mc3\".to_string();\n    let api_token = \"Zp3Kx8QmW2vLr7NtY4bJc9Hd\".to_owned();\n}\n";
    assert_eq!(
        findings(&[("src/main.rs", rs)]),
        [
            "src/main.rs:2:34-2:49 generic-password-assignment",
            "src/main.rs:3:24-3:42 generic-password-assignment",
            "src/main.rs:4:22-4:46 generic-token-assignment",
        ]
    );
    let quiet = "fn main() {\n    let label = String::from(\"password\");\n    let password = String::from(\"password\");\n    let password = std::env::var(\"DB_PASSWORD\").unwrap();\n}\n";
    assert_silent(&[("src/main.rs", quiet)]);
}

/// A bare lower-case `pass = <value>` key, as rclone.conf writes its ftp/sftp/smb/webdav
/// remotes' (obscured, reversible) passwords; never `pass:` or Python's `pass` statement.
#[test]
fn bare_pass_key_in_ini_files() {
    let rclone = "[sftpbox]\ntype = sftp\nhost = files.acme.io\nuser = backup\npass = hT8kLm2Vq9XwRz4NpB7yC3dJ6gF1sAe5U0\n\n[ftp]\ntype = ftp\nhost = ftp.acme.io\npass=Wq7Lm3Xz9Rk2Vb8N\n";
    assert_eq!(
        findings(&[("rclone.conf", rclone)]),
        ["rclone.conf:10:6-10:22 generic-unquoted-assignment", "rclone.conf:5:8-5:42 generic-unquoted-assignment"]
    );
    let quiet = "[sftpbox]\ntype = sftp\npass =\n[ftp]\npass = ${RCLONE_PASS}\nbypass = Hq8vT2mLx9Rw4Zk\n";
    let py = "def f():\n    pass\n";
    assert_silent(&[("rclone.conf", quiet), ("job.py", py)]);
}

/// curl's config file (~/.curlrc, `curl -K`): `user = "name:password"`, `user "name:password"`
/// and `--user name:password` lines; never YAML's `user: uid:gid` or an account and its group.
#[test]
fn curlrc_user_lines() {
    let curlrc = "silent\nuser = \"apiuser:Wq7Lm3Xz9Rk2Vb8N\"\nuser \"ops:Zp3Kx8QmW2vLr7NtY4bJc9Hd\"\n--user ci:Hq8vT2mLx9Rw4Zk\n";
    assert_eq!(
        findings(&[(".curlrc", curlrc)]),
        [
            ".curlrc:2:17-2:33 curl-user-password",
            ".curlrc:3:11-3:35 curl-user-password",
            ".curlrc:4:11-4:26 curl-user-password",
        ]
    );
    let quiet_curlrc =
        "user = \"$CURL_USER:$CURL_PASSWORD\"\nuser = \"apiuser:<password>\"\nuser = \"nobody:nogroup\"\n";
    let compose =
        "services:\n  app:\n    image: node:20\n    user: \"node:Wq7Lm3Xz9Rk2Vb8N\"\n    user: \"1000:1000\"\n";
    assert_silent(&[(".curlrc", quiet_curlrc), ("docker-compose.yml", compose)]);
}

/// Makefile assignments (`:=`, `?=`) of secret-named variables, and git's camelCase
/// `sendemail.smtpPass` in ~/.gitconfig.
#[test]
fn makefile_assignments_and_camel_case_pass() {
    let makefile =
        "DB_PASSWORD := Hq8vT2mLx9Rw4Zk\nAPI_TOKEN ?= Zp3Kx8QmW2vLr7NtY4bJc9Hd\n\nmigrate:\n\tpsql -f schema.sql\n";
    let gitconfig = "[user]\n\tname = Dev\n[sendemail]\n\tsmtpServer = smtp.acme.io\n\tsmtpPass = Gk8Tz3Wq7Lm2Xv9R\n";
    assert_eq!(
        findings(&[("Makefile", makefile), (".gitconfig", gitconfig)]),
        [
            ".gitconfig:5:13-5:29 generic-unquoted-assignment",
            "Makefile:1:16-1:31 generic-unquoted-assignment",
            "Makefile:2:14-2:38 generic-unquoted-assignment",
        ]
    );
    let quiet = "DB_PASSWORD := $(shell cat .secrets/db)\nAPI_TOKEN ?= $(GITHUB_TOKEN)\nDB_PASSWORD ?=\n";
    assert_silent(&[("Makefile", quiet), (".gitconfig", "[sendemail]\n\tsmtpPass =\n")]);
}

/// A password among a JDBC URL's query parameters, with more parameters after it.
#[test]
fn jdbc_url_query_password() {
    let props = "jdbc.url=jdbc:mysql://db.acme.io:3306/app?user=app&password=Tq4Wm8Zx2Lr6Kv9H&useSSL=true\n";
    assert_eq!(findings(&[("db.properties", props)]), ["db.properties:1:61-1:77 generic-jdbc-url-password"]);
    let quiet = "jdbc.url=jdbc:mysql://db.acme.io:3306/app?user=app&password=${DB_PASSWORD}&useSSL=true\njdbc.url=jdbc:mysql://localhost/app?user=root&password=root\n";
    assert_silent(&[("db.properties", quiet)]);
}

/// Credentials handed to calls and pipeline steps: a JWT HMAC secret, Spark's `.option`, Go's
/// basic-auth helper and an Authorization header set by a call, a CloudFormation JSON parameter
/// default, and a Jenkins `withEnv` entry (which the pipeline policy TG-ENV-001 reports too);
/// their run-time counterparts stay silent.
#[test]
fn jwt_secrets_call_arguments_json_parameter_defaults_and_with_env() {
    let found = findings(&[
        (
            "auth.js",
            "const token = jwt.sign({ sub: user.id }, 'q3Rt8sVx1Kz6Lw9Pm2Nb7Yc4', { expiresIn: '1h' });\n\
             const other = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);\n",
        ),
        (
            "Job.scala",
            "val df = spark.read.format(\"jdbc\")\n  .option(\"password\", \"Vb7Nq2Wz9Lk4Tx\")\n  \
             .option(\"password\", sys.env(\"DB_PASSWORD\"))\n  .load()\n",
        ),
        (
            "get.go",
            "package main\n\nfunc get(req *http.Request) {\n\treq.SetBasicAuth(\"admin\", \"Vb7Nq2Wz9Lk4Tx\")\n\
             \treq.SetBasicAuth(cfg.User, cfg.Password)\n\
             \treq.Header.Set(\"Authorization\", \"Bearer Wq4Lz8Tn2Rv6Yb0Mc3Kd7Pj5Hs9Gf1\")\n}\n",
        ),
        (
            "stack.json",
            r#"{
  "Parameters": {
    "MasterUserPassword": {"Type": "String", "NoEcho": true, "Default": "Hq8vT2mLx9Rw4Zk"},
    "DbName": {"Type": "String", "Default": "orders_production"}
  }
}
"#,
        ),
        (
            "Jenkinsfile",
            r#"node {
  withEnv(['DEPLOY_ENV=prod', 'NEXUS_PASSWORD=Hq8vT2mLx9Rw4Zk']) {
    sh './publish.sh'
  }
  withEnv(["NEXUS_PASSWORD=${env.NEXUS_PASSWORD}"]) { sh './publish.sh' }
}
"#,
        ),
    ]);
    assert_eq!(
        found,
        [
            "Jenkinsfile:2:47-2:62 TG-ENV-001",
            "Jenkinsfile:2:47-2:62 generic-env-set",
            "Job.scala:2:24-2:38 generic-keyed-option-call",
            "auth.js:1:43-1:67 generic-jwt-signing-secret",
            "get.go:4:29-4:43 generic-credential-call",
            "get.go:6:42-6:72 generic-authorization-header",
            "stack.json:3:74-3:89 generic-parameter-default",
        ]
    );
}
