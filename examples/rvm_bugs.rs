//! Minimal cases of the regorus 0.14.1 bytecode VM (RVM) bugs that tollgate works around
//! (`src/policy/vm_compat.rs`, `docs/notes/rvm-0.14.1-bugs.md`): each is evaluated by the
//! interpreter and by the VM in both execution modes, and the three results printed. Plain
//! regorus, no tollgate code, so a case can be reported upstream as it is.
//!
//! `cargo run --example rvm_bugs`

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::RegoVM;
use regorus::rvm::vm::ExecutionMode;
use regorus::{Engine, Value};

/// (what, modules, entry point, input)
const CASES: &[(&str, &[&str], &str, &str)] = &[
    (
        "1. a rule reached through an import alias, in suspendable mode",
        &[
            "package lib\ngrants := [x | some x in input.items; x.ok]\n",
            "package pol\nimport data.lib\ndeny contains x.name if { some x in lib.grants }\n",
        ],
        "data.pol.deny",
        r#"{"items": [{"ok": true, "name": "a"}, {"ok": false, "name": "b"}]}"#,
    ),
    (
        "1b. the same with a constant comprehension: the caller's result is the package document",
        &[
            "package lib\ngrants := [x | some x in [{\"name\": \"a\"}]]\n",
            "package pol\nimport data.lib\ndeny contains x.name if { some x in lib.grants }\n",
        ],
        "data.pol.deny",
        "{}",
    ),
    (
        "2. `:=` of an undefined value does not fail the body",
        &["package p\nr := 2 if { n := input.missing }\n"],
        "data.p.r",
        "{}",
    ),
    (
        "2b. ... so an `else` is skipped",
        &["package p\nf(x) := n if { n := x.missing } else := 1\nr := f({})\n"],
        "data.p.r",
        "{}",
    ),
    (
        "3. an `else` after a body whose loop found nothing is skipped",
        &["package p\nf(xs) := 1 if { some x in xs; x == 9 } else := 2\nr := f([1])\n"],
        "data.p.r",
        "{}",
    ),
    (
        "4. a multi-value rule loses its keys",
        &["package p\nr[k] contains v if { some k, v in {\"a\": 1, \"b\": 2} }\n"],
        "data.p.r",
        "{}",
    ),
];

fn main() -> anyhow::Result<()> {
    for (what, modules, entry, input) in CASES {
        let mut engine = Engine::new();
        for (i, module) in modules.iter().enumerate() {
            engine.add_policy(format!("m{i}.rego"), module.to_string())?;
        }
        let input = Value::from_json_str(input)?;
        let mut interpreter = engine.clone();
        interpreter.set_input(input.clone());
        let expected = interpreter.eval_rule(entry.to_string())?;
        let compiled = engine.compile_with_entrypoint(&(*entry).into())?;
        let program = Compiler::compile_from_policy(&compiled, &[entry])?;
        println!("{what}\n  interpreter:         {}", expected.to_json_str()?.split_whitespace().collect::<String>());
        for mode in [ExecutionMode::RunToCompletion, ExecutionMode::Suspendable] {
            let mut vm = RegoVM::new_with_policy(compiled.clone());
            vm.load_program(program.clone());
            vm.set_execution_mode(mode);
            vm.set_data(Value::new_object())?;
            vm.set_input(input.clone());
            let (shown, mark) = match vm.execute_entry_point_by_name(entry) {
                Ok(got) => {
                    let mark = if got == expected { "" } else { "   <-- differs" };
                    (got.to_json_str()?.split_whitespace().collect::<String>(), mark)
                }
                Err(e) => (format!("error: {e}"), "   <-- differs"),
            };
            println!("  vm {:<17} {shown}{mark}", format!("{mode:?}:"));
        }
    }
    Ok(())
}
