//! The guides as doctests: every ```` ```rust ```` block of the README files and of `docs/*.md` is
//! compiled by `cargo test -p psa-docs-tests --doc`, and the ones that start a simulator run.
//! Blocks that need a real tenant are marked `no_run` (compiled, not run); shell, TOML and text
//! blocks are tagged `sh`, `toml` and `text` and are not compiled.
//!
//! This crate is not published and has no API of its own.

#[doc = include_str!("../../README.md")]
mod readme {}

#[doc = include_str!("../../psa-core/README.md")]
mod readme_psa_core {}

#[doc = include_str!("../../psa-autotask/README.md")]
mod readme_psa_autotask {}

#[doc = include_str!("../../psa-connectwise/README.md")]
mod readme_psa_connectwise {}

#[doc = include_str!("../../psa-syncro/README.md")]
mod readme_psa_syncro {}

#[doc = include_str!("../../psa-sim/README.md")]
mod readme_psa_sim {}

#[doc = include_str!("../../docs/getting-started.md")]
mod getting_started {}

#[doc = include_str!("../../docs/testing.md")]
mod testing {}

#[doc = include_str!("../../docs/errors.md")]
mod errors {}

#[doc = include_str!("../../docs/design.md")]
mod design {}

#[doc = include_str!("../../docs/autotask.md")]
mod autotask {}

#[doc = include_str!("../../docs/connectwise.md")]
mod connectwise {}

#[doc = include_str!("../../docs/syncro.md")]
mod syncro {}

#[doc = include_str!("../../docs/scaling.md")]
mod scaling {}

#[doc = include_str!("../../docs/performance.md")]
mod performance {}

#[doc = include_str!("../../docs/simulator.md")]
mod simulator {}

#[doc = include_str!("../../docs/simulator-autotask.md")]
mod simulator_autotask {}

#[doc = include_str!("../../docs/simulator-connectwise.md")]
mod simulator_connectwise {}

#[doc = include_str!("../../docs/simulator-syncro.md")]
mod simulator_syncro {}

#[doc = include_str!("../../docs/changes.md")]
mod changes {}
#[doc = include_str!("../../docs/entities.md")]
mod entities {}

#[cfg(test)]
mod tests {
    /// A guide added to `docs/` without an `include_str!` here would go unchecked.
    #[test]
    fn every_guide_is_included() {
        let lib = include_str!("lib.rs");
        let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(docs).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") && !lib.contains(&format!("../../docs/{name}")) {
                missing.push(name);
            }
        }
        assert!(missing.is_empty(), "not included as doctests: {missing:?}");
        assert!(lib.contains("../../docs/getting-started.md"));
    }
}
