// `EntityKind` is defined once, in the metric catalogue's module, for the simulator and
// the files alike; Output re-exports it so `Output.EntityKind` keeps its name.
@_exported import Metrics
