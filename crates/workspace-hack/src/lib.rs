//! No code: see Cargo.toml. This crate only makes every build of the workspace enable the same
//! features of shared dependencies, so that `cargo test` and the Python extension's build
//! reuse each other's compiled dependencies.
