//! The bytecode fast path: a kind's generated `results` rule (every policy of the kind, behind
//! its input guards, see `combined.rs`) compiled to regorus's register VM (RVM) and run
//! there instead of in the tree-walking interpreter, which spends most of a policy evaluation
//! on the machinery of each function call (building the callee's path string, resolving
//! imports, switching modules). The same policies run several times faster as bytecode.
//!
//! The interpreter stays the reference, and the VM is used only where it is known to agree:
//!
//! - The VM is compiled from its own copy of the modules, rewritten around the regorus 0.14.1
//!   VM bugs that can be rewritten around (`vm_compat.rs`; minimal cases in
//!   `docs/notes/rvm-0.14.1-bugs.md` and `examples/rvm_bugs.rs`).
//! - A kind is interpreted when its policies do not compile to bytecode (`walk`, used by the
//!   Ansible checks; a user policy using something else the compiler lacks), when they reach a
//!   rule of a form the VM gets wrong (`vm_compat::unsafe_rules`), or when they need both a
//!   host function and a virtual-document lookup. Host functions (the shell parsers, bounded
//!   `numbers.range`) need `ExecutionMode::Suspendable`, where the VM evaluates the rules a
//!   virtual-document lookup reaches with its run-to-completion call path and corrupts the
//!   caller's frames; a program without host functions runs `RunToCompletion`.
//! - The first [`VERIFY_FIRST`] VM results of a kind are checked against the interpreter; a
//!   difference keeps the interpreter's answer and interprets the kind from then on.
//! - Any VM error or panic on a document (over the time limit included) sends the document to
//!   the interpreter, which evaluates the policies one by one and reports the error against
//!   the right policy (see [`super::PolicySet::evaluate`]). The VM runs under the same time
//!   limit ([`limits::time_limit`]) as the interpreter, with its instruction budget lifted.
//! - `tests/policy_vm.rs` evaluates every built-in policy's examples and a spread of mutants
//!   both ways and requires identical violations and errors.

use super::{limits, memory, shell, vm_compat};
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::vm::ExecutionMode;
use regorus::rvm::{Instruction, Program, RegoVM};
use regorus::{CompiledPolicy, Engine, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The functions the VM hands back to tollgate (the interpreter's extensions): (name, arity).
const HOST_FUNCTIONS: &[(&str, usize)] =
    &[(shell::FUNCTION, 1), (shell::COMMANDS_FUNCTION, 1), ("numbers.range", 2), ("numbers.range_step", 3)];

/// One kind's bytecode: what every worker's VM for the kind is made from.
pub struct Code {
    policy: CompiledPolicy,
    program: Arc<Program>,
    mode: ExecutionMode,
}

/// Compile the rule `entry` of `engine` to bytecode; the error says why the kind must be
/// interpreted instead.
pub fn compile(engine: &Engine, entry: &str) -> Result<Code, String> {
    let mut original = engine.clone();
    let unsafe_rules = vm_compat::unsafe_rules(&mut original);
    // The modules as the VM needs them (see `vm_compat.rs`), in an engine of their own: the
    // interpreter's modules are not touched.
    let mut modules = vm_compat::guarded_modules(&mut original)?;
    modules.extend(vm_compat::alias_shims(&mut original));
    let mut engine = super::new_engine().map_err(|e| format!("{e:#}"))?;
    for (name, text) in modules {
        engine.add_policy(name.clone(), text).map_err(|e| format!("{name} as rewritten for the VM: {e}"))?;
    }
    let policy = engine.compile_with_entrypoint(&entry.into()).map_err(|e| format!("{e}"))?;
    let program =
        Compiler::compile_from_policy_with_host_await(&policy, &[entry], HOST_FUNCTIONS).map_err(|e| format!("{e}"))?;
    for rule in &program.rule_infos {
        if let Some((_, why)) = unsafe_rules.iter().find(|(path, _)| vm_compat::covers(path, &rule.name)) {
            return Err(format!("{} is {why}, which the regorus 0.14.1 VM evaluates wrongly", rule.name));
        }
    }
    let virtual_lookup =
        program.instructions.iter().any(|i| matches!(i, Instruction::VirtualDataDocumentLookup { .. }));
    let mode = match (program.has_host_await, virtual_lookup) {
        (false, _) => ExecutionMode::RunToCompletion,
        (true, false) => ExecutionMode::Suspendable,
        (true, true) => {
            return Err("it calls host functions and looks up a virtual document (a whole package, a dynamic \
                        key under `data`, or a rule through an import alias no shim could stand for), which the \
                        regorus 0.14.1 VM evaluates wrongly in suspendable mode"
                .into());
        }
    };
    Ok(Code { policy, program, mode })
}

/// A worker's VM for one compiled kind.
pub fn vm(code: &Code) -> RegoVM {
    let mut vm = RegoVM::new_with_policy(code.policy.clone());
    vm.load_program(code.program.clone());
    // As the interpreter is set up: a builtin given a value of the wrong type is undefined.
    vm.set_strict_builtin_errors(false);
    vm.set_execution_mode(code.mode);
    // The time limit bounds an evaluation; the VM's own instruction budget (25,000 by default)
    // is for callers without one, and far too small for a large Terraform file.
    vm.set_max_instructions(usize::MAX >> 8);
    let _ = vm.set_data(Value::new_object());
    vm
}

/// Evaluate the rule `entry` on `input` within `limit`, answering host calls. `None` on any
/// error: the caller interprets the document instead.
pub fn run(vm: &mut RegoVM, entry: &str, input: &Value, limit: Duration) -> Option<Value> {
    vm.set_input(input.clone());
    vm.set_execution_timer_config(Some(limits::timer(limit)));
    let mut result = vm.execute_entry_point_by_name(entry).ok()?;
    while let Some(name) = vm.get_host_await_identifier() {
        let name = name.as_string().ok()?.to_string();
        let args = vm.get_host_await_argument()?.as_array().ok()?.to_vec();
        let answer = host_call(&name, &args)?;
        result = vm.resume(Some(answer)).ok()?;
    }
    Some(result)
}

/// What the interpreter's extension of the same name returns; `None` for an error (a range
/// over the limit), which sends the document to the interpreter to report it.
fn host_call(name: &str, args: &[Value]) -> Option<Value> {
    match name {
        shell::FUNCTION => Some(shell::over_script_value(args, shell::pipelines)),
        shell::COMMANDS_FUNCTION => Some(shell::over_script_value(args, shell::commands)),
        "numbers.range" => limits::range(args, None).ok(),
        "numbers.range_step" => limits::range(args, Some(args.get(2).cloned().unwrap_or(Value::Null))).ok(),
        _ => None,
    }
}

/// Which evaluator runs a kind's policies on a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluator {
    /// The interpreter for a kind's first [`INTERPRET_FIRST`] documents, then the VM where the
    /// kind compiles (a pre-commit run's handful of documents does not pay for compiling).
    Auto,
    /// The interpreter only (the reference).
    Interpreter,
    /// The VM from the first document, where the kind compiles (for tests).
    Bytecode,
}

/// Documents of a kind interpreted before [`Evaluator::Auto`] compiles the kind's bytecode:
/// compiling costs milliseconds per kind, more than a few documents take to interpret.
pub const INTERPRET_FIRST: usize = 16;

/// Documents of a kind that [`Evaluator::Auto`] evaluates both ways once the kind runs on the
/// VM: a difference (a VM bug no rewrite in `vm_compat.rs` covers, in a user policy or on a
/// shape no example has) keeps the interpreter's answer and interprets the kind from then on.
pub const VERIFY_FIRST: usize = 16;

/// One kind's bytecode, compiled on demand.
pub struct KindCode {
    /// The generated rule compiled (`data.tollgate_combined.<kind>.results`).
    entry: String,
    /// Documents of the kind seen so far.
    seen: AtomicUsize,
    compiled: OnceLock<Result<Code, String>>,
    /// VM results checked against the interpreter so far ([`VERIFY_FIRST`]).
    checked: AtomicUsize,
    /// The VM once gave another answer than the interpreter: the kind is interpreted.
    diverged: AtomicBool,
}

impl KindCode {
    pub fn new(entry: String) -> KindCode {
        KindCode {
            entry,
            seen: AtomicUsize::new(0),
            compiled: OnceLock::new(),
            checked: AtomicUsize::new(0),
            diverged: AtomicBool::new(false),
        }
    }

    /// The compiled code, compiling it now; the error says why the kind is interpreted.
    pub fn compiled(&self, engine: &Engine) -> Result<&Code, &str> {
        if self.diverged.load(Ordering::Relaxed) {
            return Err("the VM gave another answer than the interpreter on a document");
        }
        self.compiled.get_or_init(|| compile(engine, &self.entry)).as_ref().map_err(String::as_str)
    }

    /// Should this VM result be checked against the interpreter? (The first [`VERIFY_FIRST`]
    /// under [`Evaluator::Auto`]; [`Evaluator::Bytecode`] is the VM alone, for tests.)
    pub fn verify(&self, evaluator: Evaluator) -> bool {
        evaluator == Evaluator::Auto && self.checked.fetch_add(1, Ordering::Relaxed) < VERIFY_FIRST
    }

    /// The VM disagreed with the interpreter: interpret the kind from now on.
    pub fn diverged(&self) {
        self.diverged.store(true, Ordering::Relaxed);
    }

    /// Count one more document of the kind and return the code to run it with, if any.
    fn for_document(&self, engine: &Engine, evaluator: Evaluator) -> Option<&Code> {
        if self.diverged.load(Ordering::Relaxed) {
            return None;
        }
        let after = match evaluator {
            Evaluator::Interpreter => return None,
            Evaluator::Bytecode => 0,
            Evaluator::Auto => INTERPRET_FIRST,
        };
        if self.seen.fetch_add(1, Ordering::Relaxed) < after {
            return self.compiled.get().and_then(|c| c.as_ref().ok());
        }
        self.compiled(engine).ok()
    }

    /// Evaluate the kind's `results` on `input` with this worker's VM for the kind (made on
    /// first use from `engine`'s compile). `None` when the kind is not run as bytecode (not
    /// compiled yet, or it cannot be); `Some(None)` when the VM failed or panicked (a time
    /// limit, a runtime error), and a VM that did is dropped, not reused.
    #[allow(clippy::too_many_arguments)]
    pub fn evaluate(
        &self,
        engine: &Engine,
        evaluator: Evaluator,
        vms: &mut HashMap<String, RegoVM>,
        kind: &str,
        input: &Value,
        path: &str,
        limit: Duration,
    ) -> Option<Option<Value>> {
        let code = self.for_document(engine, evaluator)?;
        let vm = vms.entry(kind.to_string()).or_insert_with(|| vm(code));
        let window = memory::Window::open(path, "the policies (bytecode)");
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(vm, &self.entry, input, limit)));
        drop(window);
        let result = run.ok().flatten();
        if result.is_none() {
            vms.remove(kind);
        }
        Some(result)
    }
}
