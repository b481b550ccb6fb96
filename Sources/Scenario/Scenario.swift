import Foundation
import Stochastics

/// A resolved scenario: one simulated day (or textbook experiment), with every default
/// filled in, every reference checked and every override applied.
///
/// Clock times are seconds from midnight of ``date``; simulation time is seconds from
/// ``start`` (see ``simulationTime(clock:)``). Durations are seconds, rates are per
/// second, shares are fractions in [0, 1].
public struct Scenario: Sendable {
    public var version: Int
    public var name: String
    public var description: String?
    public var date: ScenarioDate?
    /// Clock time (seconds from midnight) at which the simulation starts.
    public var start: Double
    /// Clock time at which it ends (may exceed 24 h for multi-day runs).
    public var end: Double
    /// Initial period excluded from statistics, in seconds.
    public var warmup: Double
    public var reportInterval: Double
    public var replications: Int
    public var seed: UInt64
    /// The estimated event count above which the loader refuses the model.
    public var eventLimit: Double
    /// Share of the population simulated (1: everyone). A sampled run simulates this share
    /// of the users against the same share of every capacity and scales counts back up.
    public var sample: Double

    public var behaviours: [BehaviourProfile]
    public var segments: [Segment]
    public var sources: [PoissonSource]
    public var platforms: [Platform]
    public var pools: [Pool]
    public var services: [SharedService]
    public var gates: [Gate]
    public var attacks: [Attack]
    /// When pools and platforms count as overloaded or refusing.
    public var saturation: SaturationSettings
    public var expectations: [Expectation]
    /// The uncertain parameters `calibrate` varies, and what was observed (docs/calibration.md).
    public var calibration: [CalibrationParameter] = []
    public var observations: [Observation] = []

    /// The names of the policies the file defines, in file order.
    public var policyNames: [String]
    /// Each policy's `description:` (for comparisons), by name; policies without one are absent.
    public var policyDescriptions: [String: String] = [:]
    /// The policy applied to produce this scenario, if any.
    public var policy: String?
    /// Every override applied, in order (`--set` first, then the policy's), for the run manifest.
    public var overrides: [Override]
    /// The files read, the loaded file first and then the files it extends.
    public var files: [String]
    /// A rough count of the events a replication will process (see ``EventEstimate``).
    public var estimatedEvents: Double
    /// The controls of the what-if page (`knobs:`), in file order.
    public var knobs: [Knob] = []

    /// The `label:` of every labelled entity, by kind (as the result files name kinds:
    /// `platform`, `pool`, `segment`, `service`, `source`, `attack`, `gate`) and id; entities
    /// without a label are absent (people see their id).
    public var labels: [String: [String: String]] {
        var labels: [String: [String: String]] = [:]
        func add(_ kind: String, _ entities: [(id: String, label: String?)]) {
            for entity in entities { if let label = entity.label { labels[kind, default: [:]][entity.id] = label } }
        }
        add("platform", platforms.map { ($0.id, $0.label) })
        add("pool", pools.map { ($0.id, $0.label) })
        add("segment", segments.map { ($0.id, $0.label) })
        add("service", services.map { ($0.id, $0.label) })
        add("source", sources.map { ($0.id, $0.label) })
        add("attack", attacks.map { ($0.id, $0.label) })
        add("gate", gates.map { ($0.id, $0.label) })
        return labels
    }

    /// Simulation time (seconds from ``start``) of a clock time.
    public func simulationTime(clock: Double) -> Double { clock - start }

    /// Length of the simulated window in seconds.
    public var duration: Double { end - start }

    public func behaviour(_ id: String) -> BehaviourProfile? { behaviours.first { $0.id == id } }
    public func segment(_ id: String) -> Segment? { segments.first { $0.id == id } }
    public func platform(_ id: String) -> Platform? { platforms.first { $0.id == id } }
    public func pool(_ id: String) -> Pool? { pools.first { $0.id == id } }
    public func gate(_ id: String) -> Gate? { gates.first { $0.id == id } }
    public func service(_ id: String) -> SharedService? { services.first { $0.id == id } }
}

/// A calendar day (the scenario's `date:`).
public struct ScenarioDate: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}

/// One override applied to the document: a dotted path and the YAML text of its value.
public struct Override: Sendable, Hashable, CustomStringConvertible {
    public enum Origin: Sendable, Hashable {
        case commandLine
        case policy(String)
        /// The scenario file's own `set:` block.
        case scenarioFile
    }

    public var path: String
    public var value: String
    public var origin: Origin

    public init(path: String, value: String, origin: Origin = .commandLine) {
        self.path = path
        self.value = value
        self.origin = origin
    }

    /// Parses `path=value` as written after `--set` (``PathAssignment`` splits it).
    public init?(argument: String) {
        guard let (path, value) = PathAssignment.split(argument) else { return nil }
        self.init(path: path, value: value)
    }

    public var description: String {
        switch origin {
        case .commandLine: return "\(path)=\(value)"
        case .policy(let name): return "\(path)=\(value) (policy \(name))"
        case .scenarioFile: return "\(path)=\(value) (set:)"
        }
    }
}
