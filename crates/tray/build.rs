//! Windows only: embeds the application manifest (per-monitor DPI aware, asInvoker) and a
//! version resource (tools/build/windows_resources.rs, shared by every exe).

#[path = "../../tools/build/windows_resources.rs"]
mod windows_resources;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../../tools/build/windows_resources.rs");
    windows_resources::embed(&windows_resources::Resources {
        bin: "memsweep-tray",
        description: "memsweep tray",
        manifest: "res/memsweep-tray.manifest",
    });
}
