//! Which areas a clean runs, and in which order.

use crate::area::{AreaStatus, Stage};

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// The areas marked on-by-default.
    Defaults,
    /// Every area supported here.
    All,
    /// These ids, in any order.
    Ids(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("unknown area '{id}' (known here: {known})")]
    UnknownArea { id: String, known: String },
    #[error("no process with pid {0}")]
    NoSuchProcess(u32),
    #[error("no running process is named '{0}'")]
    NoProcessNamed(String),
    #[error("the process area needs --pid, --name or --all-processes to say which processes to trim")]
    NoProcessChosen,
    #[error("{0} only applies to the process area; add `process` to the areas")]
    ProcessOptionWithoutProcessArea(&'static str),
    #[error("{0} only applies to the reclaim area; add `reclaim` to the areas")]
    ReclaimOptionWithoutReclaimArea(&'static str),
    #[error("--gentle applies to the process area (mark pages cold) and the reclaim area (small steps); add one")]
    GentleWithoutArea,
}

/// The areas of one clean, in execution order: by stage, then in the backend's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub areas: Vec<AreaStatus>,
}

impl Plan {
    pub fn build(available: &[AreaStatus], selection: &Selection) -> Result<Plan, PlanError> {
        let mut chosen: Vec<(usize, AreaStatus)> = match selection {
            Selection::Defaults => enumerate_where(available, |a| a.area.default_on),
            Selection::All => enumerate_where(available, AreaStatus::is_supported),
            Selection::Ids(ids) => {
                let mut picked = Vec::new();
                for id in ids {
                    let index =
                        available.iter().position(|a| a.area.id == id).ok_or_else(|| PlanError::UnknownArea {
                            id: id.clone(),
                            known: available.iter().map(|a| a.area.id).collect::<Vec<_>>().join(", "),
                        })?;
                    if !picked.iter().any(|(i, _)| *i == index) {
                        picked.push((index, available[index].clone()));
                    }
                }
                picked
            }
        };
        chosen.sort_by_key(|(index, status)| (status.area.stage, *index));
        Ok(Plan { areas: chosen.into_iter().map(|(_, status)| status).collect() })
    }

    pub fn ids(&self) -> Vec<&'static str> {
        self.areas.iter().map(|a| a.area.id).collect()
    }

    /// It holds an area that works on chosen processes (`--pid`, `--name`).
    pub fn has_per_process_area(&self) -> bool {
        self.areas.iter().any(|a| a.area.per_process)
    }

    /// It holds an area that takes an amount (`--reclaim`).
    pub fn has_amount_area(&self) -> bool {
        self.areas.iter().any(|a| a.area.takes_amount)
    }

    /// It drops caches or compacts: what the pressure guard of automatic cleaning holds back.
    pub fn drops_or_compacts(&self) -> bool {
        self.areas.iter().any(|a| matches!(a.area.stage, Stage::Purge | Stage::Consolidate))
    }
}

fn enumerate_where(available: &[AreaStatus], keep: impl Fn(&AreaStatus) -> bool) -> Vec<(usize, AreaStatus)> {
    available.iter().enumerate().filter(|(_, a)| keep(a)).map(|(i, a)| (i, a.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::area::{Area, Support};

    fn area(id: &'static str, stage: Stage, default_on: bool, supported: bool) -> AreaStatus {
        AreaStatus {
            area: Area { default_on, ..Area::new(id, stage) },
            support: if supported { Support::Supported } else { Support::Unsupported("no".into()) },
        }
    }

    fn sample() -> Vec<AreaStatus> {
        vec![
            area("dirty", Stage::Flush, true, true),
            area("page-cache", Stage::Purge, true, true),
            area("slab", Stage::Purge, true, true),
            area("reclaim", Stage::Trim, false, false),
            area("compact", Stage::Consolidate, true, true),
            AreaStatus {
                area: Area { per_process: true, ..Area::new("process", Stage::Trim) },
                support: Support::Supported,
            },
        ]
    }

    #[test]
    fn order_is_fixed_whatever_the_user_typed() {
        let ids = ["compact", "page-cache", "process", "dirty"].map(String::from).to_vec();
        let plan = Plan::build(&sample(), &Selection::Ids(ids)).unwrap();
        assert_eq!(plan.ids(), ["dirty", "process", "page-cache", "compact"]);
    }

    #[test]
    fn within_a_stage_the_backend_order_holds() {
        let ids = ["slab", "page-cache"].map(String::from).to_vec();
        let plan = Plan::build(&sample(), &Selection::Ids(ids)).unwrap();
        assert_eq!(plan.ids(), ["page-cache", "slab"]);
    }

    #[test]
    fn defaults_and_all() {
        let defaults = Plan::build(&sample(), &Selection::Defaults).unwrap();
        assert_eq!(defaults.ids(), ["dirty", "page-cache", "slab", "compact"]);
        let all = Plan::build(&sample(), &Selection::All).unwrap();
        assert_eq!(all.ids(), ["dirty", "process", "page-cache", "slab", "compact"]);
    }

    #[test]
    fn the_plan_says_what_kind_of_areas_it_holds() {
        let plan = |ids: &[&str]| {
            Plan::build(&sample(), &Selection::Ids(ids.iter().map(|s| s.to_string()).collect())).unwrap()
        };
        assert!(plan(&["process", "dirty"]).has_per_process_area());
        assert!(!plan(&["dirty", "slab"]).has_per_process_area());
        assert!(plan(&["slab"]).drops_or_compacts());
        assert!(plan(&["compact"]).drops_or_compacts());
        assert!(!plan(&["dirty", "process"]).drops_or_compacts());
        let mut areas = sample();
        areas[3].area.takes_amount = true;
        let reclaim = Plan::build(&areas, &Selection::Ids(vec!["reclaim".into()])).unwrap();
        assert!(reclaim.has_amount_area());
        assert!(!plan(&["dirty"]).has_amount_area());
    }

    #[test]
    fn unknown_ids_are_refused_and_duplicates_merged() {
        let err = Plan::build(&sample(), &Selection::Ids(vec!["standby-list".into()])).unwrap_err();
        assert!(matches!(err, PlanError::UnknownArea { ref id, .. } if id == "standby-list"));
        assert!(err.to_string().contains("page-cache"));
        let twice = Plan::build(&sample(), &Selection::Ids(vec!["slab".into(), "slab".into()])).unwrap();
        assert_eq!(twice.ids(), ["slab"]);
    }
}
