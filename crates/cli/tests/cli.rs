//! The command line as a user meets it: output, JSON, usage errors, running without root.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod common;

use std::process::Command;

use common::*;

#[test]
fn status_json_matches_the_kernel() {
    let json = memsweep_json(&["status", "--json"], 0);
    assert_eq!(json["schema"], "memsweep.status/2");
    assert_eq!(json["os"], "linux");
    let total = json["memory"]["total_bytes"].as_u64().expect("total is an integer");
    assert_eq!(total, meminfo("MemTotal"));
    let available = json["memory"]["available_bytes"].as_u64().unwrap();
    assert!(available > 0 && available <= total);
    let used = json["memory"]["used_percent"].as_f64().unwrap();
    let expected = (total - available) as f64 * 100.0 / total as f64;
    assert!((used - expected).abs() < 0.01, "used {used} vs {expected}");

    let linux = &json["linux"];
    assert_eq!(linux["page_size_bytes"], 4096);
    assert!(linux["meminfo"]["shmem"].is_u64());
    assert!(linux["vmstat"]["pgmajfault"].is_u64());
    let zones = linux["zones"].as_array().unwrap();
    assert!(!zones.is_empty());
    for zone in zones {
        let orders = zone["free_blocks"].as_array().unwrap().len();
        assert_eq!(zone["unusable_index_permille"].as_array().unwrap().len(), orders);
        for v in zone["unusable_index_permille"].as_array().unwrap() {
            assert!(v.as_u64().unwrap() <= 1000);
        }
    }
    // PSI exists on this kernel: an object with numbers, not null
    if std::path::Path::new("/proc/pressure/memory").exists() {
        assert!(linux["pressure"]["some"]["avg10"].is_f64());
    } else {
        assert!(linux["pressure"].is_null());
    }
}

#[test]
fn status_human_is_an_aligned_table() {
    let out = memsweep(&["status"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for heading in ["Memory", "Caches", "Pressure", "Since boot", "Fragmentation at order 9 (2.00 MiB blocks)"] {
        assert!(text.lines().any(|l| l.starts_with(heading)), "no '{heading}' in:\n{text}");
    }
    assert!(text.contains("GiB") || text.contains("MiB"));
    let order4 = stdout(&memsweep(&["status", "--order", "4"]));
    assert!(order4.contains("Fragmentation at order 4 (64.0 KiB blocks)"), "{order4}");
    let bad = memsweep(&["status", "--order", "11"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn areas_lists_every_linux_area_in_order() {
    let json = memsweep_json(&["areas", "--json"], 0);
    let ids: Vec<&str> = json["areas"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["dirty", "process", "reclaim", "page-cache", "slab", "compact"]);
    let defaults: Vec<&str> = json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["default_on"] == true)
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(defaults, ["dirty", "page-cache", "slab", "compact"]);
    for area in json["areas"].as_array().unwrap() {
        assert!(area["support"]["state"] == "supported" || area["support"]["reason"].is_string());
        assert!(area["description"].as_str().unwrap().len() > 10);
    }
    let text = stdout(&memsweep(&["areas"]));
    assert!(text.starts_with("area "), "{text}");
    assert!(text.contains("page-cache"));
}

#[test]
fn dry_run_plans_in_fixed_order_and_changes_nothing() {
    let _lock = machine_lock();
    let drops = (vmstat("drop_pagecache"), vmstat("drop_slab"));
    let json = memsweep_json(&["clean", "compact", "page-cache", "dirty", "--dry-run", "--json"], 0);
    let ids: Vec<&str> = json["areas"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["dirty", "page-cache", "compact"], "order is fixed by the core");
    assert!(json["areas"].as_array().unwrap().iter().all(|a| a["outcome"] == "planned"));
    assert_eq!(json["dry_run"], true);
    assert!(json["areas"][1]["estimate_bytes"].is_u64());
    assert_eq!((vmstat("drop_pagecache"), vmstat("drop_slab")), drops);
    let text = stdout(&memsweep(&["clean", "--dry-run"]));
    assert!(text.starts_with("Plan (dry run, nothing changed):"), "{text}");
}

/// Each case: arguments, and a piece of the one-line error.
const USAGE_ERRORS: &[(&[&str], &str)] = &[
    (&["clean", "bogus"], "unknown area 'bogus'"),
    (&["clean", "standby-list"], "unknown area 'standby-list'"),
    (&["clean", "--all", "page-cache"], "cannot be used with"),
    (&["clean", "process"], "needs --pid, --name or --all-processes"),
    (&["clean", "process", "--pid", "999999999"], "no process with pid 999999999"),
    (&["clean", "process", "--name", "no-such-process-xyz"], "no running process is named 'no-such-process-xyz'"),
    (&["clean", "page-cache", "--pid", "1"], "--pid only applies to the process area"),
    (&["clean", "--gentle"], "--gentle applies to the process area (mark pages cold) and the reclaim area"),
    (&["clean", "page-cache", "--gentle", "--max", "1G"], "--max only applies to the reclaim area"),
    (&["clean", "reclaim", "--max", "1G"], "--gentle"),
    (&["clean", "reclaim", "--gentle", "--reclaim", "1G"], "cannot be used with"),
    (&["clean", "reclaim", "--gentle", "--target", "0"], "--target 0: use a percentage above 0"),
    (&["clean", "page-cache", "--all-processes"], "--all-processes only applies to the process area"),
    (&["clean", "process", "--all-processes", "--pid", "1"], "cannot be used with"),
    (&["clean", "page-cache", "--reclaim", "1G"], "--reclaim only applies to the reclaim area"),
    (&["clean", "reclaim", "--reclaim", "12X"], "unknown size unit"),
    (&["clean", "reclaim", "--reclaim", "150%"], "at most 100"),
];

#[test]
fn usage_errors_are_one_line_exit_2_and_do_nothing() {
    let _lock = machine_lock();
    let drops = (vmstat("drop_pagecache"), vmstat("drop_slab"), vmstat("compact_stall"));
    for (args, expected) in USAGE_ERRORS {
        let out = memsweep(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: expected '{expected}' in '{err}'");
        assert!(stdout(&out).is_empty(), "{args:?} printed to stdout");
        if err.starts_with("memsweep:") {
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        } else {
            // clap's own errors: one line saying what is wrong, then a hint to --help
            assert!(err.starts_with("error: "), "{args:?}: {err}");
        }
    }
    assert_eq!((vmstat("drop_pagecache"), vmstat("drop_slab"), vmstat("compact_stall")), drops);
}

/// runs `binary args` as the unprivileged user nobody.
fn as_nobody(binary: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new("setpriv")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(binary)
        .args(args)
        .output()
        .expect("setpriv")
}

#[test]
fn without_root_status_works_and_clean_refuses_with_77() {
    if !require_root("without_root_status_works_and_clean_refuses_with_77") {
        return;
    }
    let _lock = machine_lock();
    let (_dir, binary) = binary_for_everyone();

    let status = as_nobody(&binary, &["status", "--json"]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert!(json["memory"]["total_bytes"].as_u64().unwrap() > 0);
    let areas = as_nobody(&binary, &["areas"]);
    assert_eq!(areas.status.code(), Some(0), "{}", stderr(&areas));

    let before = (vmstat("drop_pagecache"), vmstat("drop_slab"), meminfo("Dirty"));
    for args in [&["clean"][..], &["clean", "--all"], &["clean", "page-cache", "--json"]] {
        let out = as_nobody(&binary, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(77), "{args:?}: {err}");
        // One line; since the control endpoint it also names the service as the other way.
        assert!(
            err.trim_end()
                .starts_with("memsweep: cleaning needs root: run it with sudo (status and areas work without)")
                && err.trim_end().lines().count() == 1,
            "{args:?}: {err}"
        );
        assert!(stdout(&out).is_empty());
    }
    assert_eq!((vmstat("drop_pagecache"), vmstat("drop_slab")), (before.0, before.1), "nothing was dropped");

    let dry = as_nobody(&binary, &["clean", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "a dry run needs no privilege: {}", stderr(&dry));
}

#[test]
fn help_names_the_exit_codes() {
    let text = stdout(&memsweep(&["--help"]));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("77 needs root/Administrator"), "{text}");
}

/// `clean --dry-run --json compact dirty` in a language, without what differs from one run to
/// the next: the times, and the figures in notes ("would write 570 MiB of dirty data": other
/// programs write meanwhile).
fn dry_run_plan(lang: &str) -> serde_json::Value {
    let out = command().args(["--lang", lang, "clean", "--dry-run", "--json", "compact", "dirty"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{lang}: {}", stderr(&out));
    let mut value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    value["started_at_ms"] = 0.into();
    value["duration_us"] = 0.into();
    for area in value["areas"].as_array_mut().unwrap() {
        for note in area["notes"].as_array_mut().unwrap() {
            *note = note.as_str().unwrap().replace(|c: char| c.is_ascii_digit() || c == '.', "#").into();
        }
    }
    value
}

#[test]
fn messages_follow_the_language_and_json_never_does() {
    let zh = command().args(["--lang", "zh-CN", "status"]).output().unwrap();
    assert_eq!(zh.status.code(), Some(0));
    let text = stdout(&zh);
    assert!(text.starts_with("内存\n"), "{text}");
    assert!(text.contains("阶 9 的碎片情况"), "{text}");
    // the OS's language, when nothing else says
    let from_env = command().env("LANG", "zh_CN.UTF-8").args(["areas"]).output().unwrap();
    assert!(stdout(&from_env).starts_with("区域"), "{}", stdout(&from_env));
    // --lang beats the environment
    let forced = command().env("LANG", "zh_CN.UTF-8").args(["--lang", "en", "areas"]).output().unwrap();
    assert!(stdout(&forced).starts_with("area "), "{}", stdout(&forced));
    let errors = command().args(["--lang", "zh-CN", "clean", "bogus"]).output().unwrap();
    assert_eq!(errors.status.code(), Some(2));
    assert!(stderr(&errors).starts_with("memsweep: 未知区域“bogus”"), "{}", stderr(&errors));

    let json = |lang: &str, args: &[&str]| command().arg("--lang").arg(lang).args(args).output().unwrap().stdout;
    assert_eq!(json("en", &["areas", "--json"]), json("zh-CN", &["areas", "--json"]));
    assert_eq!(dry_run_plan("en"), dry_run_plan("zh-CN"));
    let keys = |lang: &str| {
        let value: serde_json::Value = serde_json::from_slice(&json(lang, &["status", "--json"])).unwrap();
        value.as_object().unwrap().keys().cloned().collect::<Vec<_>>()
    };
    assert_eq!(keys("en"), keys("zh-CN"));
    let unknown = memsweep(&["--lang", "it", "status"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown language 'it'"));
    assert!(
        stderr(&unknown).contains("en, zh-CN, zh-TW, ja, ko, ru, de, fr, es, pt-BR or auto"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn every_language_translates_the_tables_and_none_changes_the_json() {
    let de = command().args(["--lang", "de", "status"]).output().unwrap();
    assert_eq!(de.status.code(), Some(0), "{}", stderr(&de));
    let text = stdout(&de);
    assert!(text.starts_with("Arbeitsspeicher\n"), "{text}");
    for heading in ["Caches", "Seit dem Systemstart", "Fragmentierung bei Ordnung 9 (Blöcke zu 2.00 MiB)", "Empfehlung"]
    {
        assert!(text.lines().any(|l| l.starts_with(heading)), "no '{heading}' in:\n{text}");
    }
    let ja = command().args(["--lang", "ja", "areas"]).output().unwrap();
    assert_eq!(ja.status.code(), Some(0), "{}", stderr(&ja));
    let text = stdout(&ja);
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["領域", "既定", "リスク", "対応", "必要", "内容"], "{text}");
    assert!(text.contains("ページ キャッシュ"), "{text}");
    // The OS's locale picks the language too: Traditional Chinese from zh_TW, pt-BR from pt_BR.
    let tw = command().env("LANG", "zh_TW.UTF-8").args(["status"]).output().unwrap();
    assert!(stdout(&tw).starts_with("記憶體\n"), "{}", stdout(&tw));
    let pt = command().env("LC_ALL", "pt_BR.UTF-8").args(["areas"]).output().unwrap();
    assert!(stdout(&pt).starts_with("área "), "{}", stdout(&pt));

    let run = |lang: &str, args: &[&str]| {
        let out = command().arg("--lang").arg(lang).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{lang} {args:?}: {}", stderr(&out));
        out.stdout
    };
    let keys = |lang: &str| {
        let value: serde_json::Value = serde_json::from_slice(&run(lang, &["status", "--json"])).unwrap();
        value.as_object().unwrap().keys().cloned().collect::<Vec<_>>()
    };
    let (areas, plan, keys_en) = (run("en", &["areas", "--json"]), dry_run_plan("en"), keys("en"));
    for lang in ["zh-TW", "ja", "ko", "ru", "de", "fr", "es", "pt-BR"] {
        assert_eq!(run(lang, &["areas", "--json"]), areas, "{lang}");
        assert_eq!(dry_run_plan(lang), plan, "{lang}");
        assert_eq!(keys(lang), keys_en, "{lang}");
    }
}
