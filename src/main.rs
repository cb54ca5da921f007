/// mimalloc with a per-evaluation memory ceiling for policies (see
/// [`tollgate::policy::memory`]).
#[global_allocator]
static ALLOCATOR: tollgate::policy::memory::CountingAllocator = tollgate::policy::memory::CountingAllocator;

fn main() {
    // regorus reports ordinary parser backtracking as `anyhow` errors, and anyhow captures a
    // backtrace for each one when RUST_BACKTRACE is set, as it is in many Rust developers'
    // shells: that made compiling the policies 1.5-2x slower. Errors are printed without
    // backtraces anyway, so library backtraces are off unless asked for explicitly; panics
    // still follow RUST_BACKTRACE.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        // SAFETY: first statement of `main`, before any other thread exists.
        unsafe { std::env::set_var("RUST_LIB_BACKTRACE", "0") };
    }
    std::process::exit(tollgate::cli::run());
}
