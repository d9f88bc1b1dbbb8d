// Profiles are checked as many small strings and vectors; mimalloc's thread-local free lists
// make those allocations cheaper than glibc's and keep worker threads from contending.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    bindcheck::cli::main()
}
