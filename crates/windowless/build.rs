//! Windows only: embeds the application manifest and a version resource
//! (tools/build/windows_resources.rs, shared by every exe).

#[path = "../../tools/build/windows_resources.rs"]
mod windows_resources;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../../tools/build/windows_resources.rs");
    windows_resources::embed(&windows_resources::Resources {
        bin: "memsweepw",
        description: "memsweep without a console window",
        manifest: "res/memsweepw.manifest",
    });
}
