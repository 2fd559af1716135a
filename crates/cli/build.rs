//! Build facts for `memsweep --version` and, on Windows, the manifest and version resource
//! (tools/build/windows_resources.rs, shared by every exe).
//!
//! `--version` names the commit and the target: the commit comes from MEMSWEEP_COMMIT when it
//! is set (scripts/release.sh sets it, so a release names its commit even when built from an
//! exported tree), else from git when this source is a git checkout of memsweep itself, else it
//! is left out (a build from a tarball still works).

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../../tools/build/windows_resources.rs"]
mod windows_resources;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../../tools/build/windows_resources.rs");
    println!("cargo:rerun-if-env-changed=MEMSWEEP_COMMIT");
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let target = std::env::var("TARGET").unwrap_or_default();

    let commit = match std::env::var("MEMSWEEP_COMMIT") {
        Ok(commit) if !commit.trim().is_empty() => Some(commit.trim().to_string()),
        _ => git_commit(&manifest_dir),
    };
    let line = match &commit {
        Some(commit) => format!("{version} ({commit}, {target})"),
        None => format!("{version} ({target})"),
    };
    println!("cargo:rustc-env=MEMSWEEP_VERSION_LINE={line}");

    windows_resources::embed(&windows_resources::Resources {
        bin: "memsweep",
        description: "memsweep memory cleaner",
        manifest: "res/memsweep.manifest",
    });
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The short commit of HEAD, when this crate sits in memsweep's own git checkout (an unpacked
/// tarball inside some other repository must not take that repository's commit).
fn git_commit(manifest_dir: &Path) -> Option<String> {
    let top = PathBuf::from(git(manifest_dir, &["rev-parse", "--show-toplevel"])?);
    let workspace = manifest_dir.parent()?.parent()?;
    if top.canonicalize().ok()? != workspace.canonicalize().ok()? {
        return None;
    }
    // Rebuild when HEAD moves: HEAD itself (a checkout), the branch's ref (a commit), packed-refs.
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(manifest_dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(manifest_dir, &["rev-parse", "--path-format=absolute", "--git-path", &name]) {
            // A path that does not exist would make cargo rerun this script on every build.
            if Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
    git(manifest_dir, &["rev-parse", "--short=12", "HEAD"])
}
