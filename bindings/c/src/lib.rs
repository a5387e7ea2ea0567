//! Work in progress: lands in a later commit.
