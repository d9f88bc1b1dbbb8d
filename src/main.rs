fn main() -> std::process::ExitCode {
    bindcheck::cli::main()
}
