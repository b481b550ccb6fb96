import Foundation
import Stochastics

/// Reads a composed document (after `extends:`, `--set` and the policy) into a
/// ``Scenario``, checking types and units key by key against ``Schema``.
///
/// References between entities are only recorded here; ``ReferenceCheck`` resolves
/// them once everything is read, so that order in the file does not matter.
struct ScenarioDecoder {
    let context: DecodeContext
    /// Folder that `csv:` intent files are relative to.
    let dataFolder: String?
    var references: [Reference] = []

    /// A use of an id that must name a defined entity of `kind`.
    struct Reference {
        var kind: String
        var id: String
        var location: Location
        var usedBy: String
    }

    init(context: DecodeContext, dataFolder: String?) {
        self.context = context
        self.dataFolder = dataFolder
    }

    mutating func refer(_ kind: String, _ node: ConfigNode?, _ id: String?, usedBy: String) {
        guard let node, let id else { return }
        references.append(Reference(kind: kind, id: id, location: node.location, usedBy: usedBy))
    }

    // MARK: Root

    mutating func decode(_ root: ConfigNode) -> Scenario? {
        let c = context
        guard let f = c.fields(root, Schema.root) else { return nil }
        guard let versionNode = f["version"] else {
            c.error(root.location, "missing `version: 1`", expected: "`version: 1` as the first line")
            return nil
        }
        guard let version = c.integer(versionNode) else { return nil }
        guard version == 1 else {
            c.error(versionNode.location, "unsupported scenario language version \(version)", expected: "`version: 1`")
            return nil
        }
        let start = f.value("start", c.clock) ?? 0
        var end = start + 3600
        var durationInBounds = true
        switch (f["end"], f["duration"]) {
        case (let e?, nil):
            if let v = c.clock(e) {
                if v > start { end = v } else { c.error(e.location, "`end` \(Units.formatClock(v)) is not after `start` \(Units.formatClock(start))", expected: "an end after the start") }
            }
        case (nil, let d?):
            if let v = c.positiveDuration(d) {
                if v > RunBounds.maxDurationSeconds {
                    durationInBounds = false
                    c.error(d.location, "a run of \(Units.formatDuration(v)) is longer than the simulation clock can time to the microsecond",
                            expected: "a duration of at most 2^32 s (\(Units.formatDuration(RunBounds.maxDurationSeconds)), 136 years)")
                }
                end = start + v
            }
        case (_?, let d?):
            c.error(d.location, "give `end` or `duration`, not both", expected: "one of `end` and `duration`")
        case (nil, nil):
            c.error(root.location, "missing `end` (or `duration`)", expected: "`end: 20:00` or `duration: 14h`")
        }
        let window = start...end
        let warmup = f.value("warmup") { c.duration($0) } ?? 0
        if let w = f["warmup"], warmup >= end - start {
            c.error(w.location, "warm-up \(Units.formatDuration(warmup)) covers the whole run", expected: "a warm-up shorter than \(Units.formatDuration(end - start))")
        }
        // Checks against the run's length only when it is itself in bounds (one error, not three).
        if durationInBounds { c.runSeconds = end - start }
        let reportInterval = f.value("report_interval", c.positiveDuration) ?? 60
        let replications = f.value("replications") { c.integer($0, min: 1) } ?? 1
        if durationInBounds { checkRecordedValues(f, duration: end - start, reportInterval: reportInterval, replications: replications) }
        let seed: UInt64 = f.value("seed") { node -> UInt64? in
            guard let s = c.scalar(node, "a whole number ≥ 0") else { return nil }
            guard let v = UInt64(s.text.replacingOccurrences(of: "_", with: "")) else {
                c.error(s.location, "`\(s.text)` is not a valid seed", expected: "a whole number from 0 to 18446744073709551615")
                return nil
            }
            return v
        } ?? 1
        let eventLimit = f.value("event_limit") { c.number($0, above: 0) } ?? 5e9
        let sample = f.value("sample") { node -> Double? in
            guard let share = c.share(node) else { return nil }
            guard share > 0 else {
                c.error(node.location, "`sample` must be above 0%", expected: "a share such as `10%` (100% simulates every user)")
                return nil
            }
            return share
        } ?? 1

        var behaviours = f.value("behaviours") { c.list($0, "behaviours") { self.behaviour($0) } } ?? []
        if !behaviours.contains(where: { $0.id == "default" }), let d = defaultBehaviour(at: root.location) {
            behaviours.append(d)
        }
        var segments: [Segment] = []
        if let node = f["segments"] { segments = c.list(node, "segments") { self.segment($0, window: window) } ?? [] }
        var sources: [PoissonSource] = []
        if let node = f["sources"] { sources = c.list(node, "sources") { self.source($0, window: window) } ?? [] }
        var platforms: [Platform] = []
        if let node = f["platforms"] { platforms = c.list(node, "platforms") { self.platform($0) } ?? [] }
        var pools: [Pool] = []
        if let node = f["pools"] { pools = c.list(node, "pools") { self.pool($0, window: window) } ?? [] }
        var services: [SharedService] = []
        if let node = f["services"] { services = c.list(node, "services") { self.service($0) } ?? [] }
        var gates: [Gate] = []
        if let node = f["gates"] { gates = c.list(node, "gates") { self.gate($0, window: window) } ?? [] }
        var attacks: [Attack] = []
        if let node = f["attacks"] { attacks = c.list(node, "attacks") { self.attack($0, window: window) } ?? [] }
        var expectations: [Expectation] = []
        if let node = f["expect"] { expectations = c.list(node, "expect") { self.expectation($0, window: window) } ?? [] }
        var calibration: [CalibrationParameter] = []
        if let node = f["calibration"] { calibration = c.list(node, "calibration") { self.calibrationParameter($0, root: root) } ?? [] }
        var observations: [Observation] = []
        if let node = f["observations"] { observations = c.list(node, "observations") { self.observation($0, window: window) } ?? [] }
        let policyNames = f["policies"]?.entries?.map(\.key) ?? []
        // Absent, the block reads as `{}`: every threshold takes its documented default.
        let saturation = f.value("saturation") { self.saturation($0) }
        var policyDescriptions: [String: String] = [:]
        for entry in f["policies"]?.entries ?? [] {
            // Its form is checked with the policy (`checkPolicies`); here it is only read.
            if case .scalar(let text)? = entry.value["description"] { policyDescriptions[entry.key] = text.text }
        }

        if segments.isEmpty && sources.isEmpty && !c.hasErrors {
            c.error(root.location, "nothing generates demand", expected: "at least one entry under `segments:` or `sources:`")
        }
        guard let saturation else { return nil }  // its error is reported
        let knobs = f.value("knobs") { self.knobs($0, root: root) } ?? []
        var scenario = Scenario(
            version: version, name: f["name"].flatMap { c.text($0) } ?? "", description: f["description"].flatMap { c.text($0) },
            date: f["date"].flatMap { c.date($0) }, start: start, end: end, warmup: warmup,
            reportInterval: reportInterval, replications: replications, seed: seed, eventLimit: eventLimit, sample: sample,
            behaviours: behaviours, segments: segments, sources: sources, platforms: platforms, pools: pools,
            services: services, gates: gates, attacks: attacks, saturation: saturation, expectations: expectations,
            policyNames: policyNames, policyDescriptions: policyDescriptions, policy: nil, overrides: [], files: [], estimatedEvents: 0, knobs: knobs)
        scenario.calibration = calibration
        scenario.observations = observations
        return scenario
    }

    /// The `saturation:` thresholds; each absent key takes its default from ``Schema/saturation``.
    func saturation(_ node: ConfigNode) -> SaturationSettings? {
        let c = context
        guard let t = c.fields(node, Schema.saturation) else { return nil }
        let sustain = t.value("sustain", c.positiveDuration)
        let utilization = t.value("utilization", c.share)
        let failed = t.value("failed_share", c.share)
        let p95 = t.value("p95_response", c.positiveDuration)
        let refused = t.value("refused_share", c.share)
        guard let sustain, let utilization, let failed, let refused, t["p95_response"] == nil || p95 != nil else { return nil }
        return SaturationSettings(sustain: sustain, utilization: utilization, failedShare: failed, p95Response: p95, refusedShare: refused)
    }

    /// Refuses intervals or replications that cannot fit the output bounds even if the model
    /// recorded a single series (the exact check, with the real number of series, runs
    /// when the world is built: ``RunBounds/outputProblem(duration:intervals:series:replications:)``).
    func checkRecordedValues(_ f: Fields, duration: Double, reportInterval: Double, replications: Int) {
        let intervals = (duration / reportInterval).rounded(.up)
        if intervals > Double(RunBounds.maxSeriesValues) {
            context.error(f["report_interval"]?.location ?? f.location,
                          "`report_interval` \(Units.formatDuration(reportInterval)) cuts the run into \(Validation.format(intervals)) intervals, above the \(Validation.format(Double(RunBounds.maxSeriesValues))) values a replication may record",
                          expected: "a report interval of at least \(Units.formatDuration(RunBounds.roundedUp(duration / Double(RunBounds.maxSeriesValues))))")
        } else if intervals * Double(replications) > Double(RunBounds.maxHeldValues), let r = f["replications"] {
            context.error(r.location, "\(replications) replications × \(Int(intervals)) intervals is above the \(Validation.format(Double(RunBounds.maxHeldValues))) values a run may hold in memory",
                          expected: "at most \(Int(Double(RunBounds.maxHeldValues) / intervals)) replications")
        }
    }

    /// A clock time that must fall inside the simulated window.
    func clockInWindow(_ node: ConfigNode, _ window: ClosedRange<Double>, _ what: String) -> Double? {
        guard let t = context.clock(node) else { return nil }
        guard window.contains(t) else {
            context.error(node.location, "\(what) \(Units.formatClock(t)) is outside the clock window \(Units.formatClock(window.lowerBound))–\(Units.formatClock(window.upperBound))",
                          expected: "a time between `start` and `end`")
            return nil
        }
        return t
    }

    /// What a measurement reads (an expectation's or an observation's): `at` an instant, or
    /// `from`/`to` a window, every time inside the run, the two forms not mixed.
    func instantOrWindow(_ f: Fields, _ window: ClosedRange<Double>, _ what: String) -> (at: Double?, from: Double?, to: Double?) {
        let c = context
        let at = f.value("at") { self.clockInWindow($0, window, "\(what) time") }
        let from = f.value("from") { self.clockInWindow($0, window, "\(what) start") }
        let to = f.value("to") { self.clockInWindow($0, window, "\(what) end") }
        if at != nil, from != nil || to != nil {
            c.error(f["at"]!.location, "give `at` or `from`/`to`, not both", expected: "an instant or an interval")
        }
        if let from, let to, to <= from {
            c.error(f["to"]!.location, "\(what) interval ends at \(Units.formatClock(to)), not after its start \(Units.formatClock(from))", expected: "`to` after `from`")
        }
        return (at, from, to)
    }

    /// `from`/`to` clock times inside the window, in order.
    func interval(_ f: Fields, _ window: ClosedRange<Double>, _ what: String) -> (Double, Double)? {
        guard let fromNode = f["from"], let toNode = f["to"] else {
            _ = f.value("from", context.clock); _ = f.value("to", context.clock)
            return nil
        }
        guard let from = clockInWindow(fromNode, window, "\(what) start"), let to = clockInWindow(toNode, window, "\(what) end") else { return nil }
        guard to > from else {
            context.error(toNode.location, "\(what) ends at \(Units.formatClock(to)), not after its start \(Units.formatClock(from))", expected: "`to` after `from`")
            return nil
        }
        return (from, to)
    }
}
