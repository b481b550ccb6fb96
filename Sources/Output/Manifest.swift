import Foundation

/// What produced a run folder: enough to reproduce it bit for bit (manifest.json).
///
/// Same seed must give the same bytes, so the manifest holds no wall-clock time, host name
/// or absolute temporary path unless the caller puts one in `startedAt` on purpose (the CLI
/// leaves it out). Keys are sorted and pretty-printed by `encoded()` so diffs are readable.
public struct Manifest: Codable, Sendable, Equatable {
    /// How one replication's random numbers were derived.
    public struct ReplicationStreams: Codable, Sendable, Equatable {
        /// 1-based replication number.
        public var replication: Int
        /// The seed or stream handle of that replication (`MRG32k3a stream 3`, a number…).
        public var stream: String

        public init(replication: Int, stream: String) {
            self.replication = replication
            self.stream = stream
        }
    }

    /// Version of the manifest layout; bumped when a key changes meaning.
    public var formatVersion: Int = 1
    public var affluenceVersion: String
    /// The command line as typed, one argument per element.
    public var commandLine: [String]
    /// The scenario file as given on the command line.
    public var scenarioPath: String
    /// SHA-256 of the scenario file's bytes, 64 hex digits.
    public var scenarioSHA256: String
    /// The scenario's own name.
    public var scenarioName: String?
    /// `--set path=value` overrides in the order they were applied.
    public var overrides: [String]
    /// The policy run, or the policies compared (baseline first).
    public var policies: [String]
    /// The master seed.
    public var seed: UInt64
    public var replications: Int
    /// How streams are derived from (seed, replication, source), in words.
    public var streamDerivation: String
    public var replicationStreams: [ReplicationStreams]
    /// The CSV dialect of the files (`standard`, `excel-fr`).
    public var csvDialect: String
    /// Files in the run folder, sorted (manifest.json itself excluded).
    public var files: [String]
    /// Size and SHA-256 of each of `files`, by name: the seal `affluence report` and
    /// `merge` check before reading anything (`FolderSeal`). Content only, no time or
    /// path, so reruns and merges keep byte-identical manifests.
    public var fileDigests: [String: FileDigest]?
    /// Wall-clock start, only when the caller wants it (it breaks byte-identical reruns).
    public var startedAt: String?
    /// The scenario's `label:`s by entity kind and id (`Scenario.labels`), for the report to
    /// name entities as people do; absent when the scenario labels nothing.
    public var labels: [String: [String: String]]?

    public init(
        affluenceVersion: String, commandLine: [String], scenarioPath: String,
        scenarioSHA256: String, scenarioName: String? = nil, overrides: [String],
        policies: [String], seed: UInt64, replications: Int, streamDerivation: String,
        replicationStreams: [ReplicationStreams], csvDialect: String, files: [String] = [],
        startedAt: String? = nil
    ) {
        self.affluenceVersion = affluenceVersion
        self.commandLine = commandLine
        self.scenarioPath = scenarioPath
        self.scenarioSHA256 = scenarioSHA256
        self.scenarioName = scenarioName
        self.overrides = overrides
        self.policies = policies
        self.seed = seed
        self.replications = replications
        self.streamDerivation = streamDerivation
        self.replicationStreams = replicationStreams
        self.csvDialect = csvDialect
        self.files = files
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case affluenceVersion = "affluence_version"
        case commandLine = "command_line"
        case scenarioPath = "scenario_path"
        case scenarioSHA256 = "scenario_sha256"
        case scenarioName = "scenario_name"
        case overrides
        case policies
        case seed
        case replications
        case streamDerivation = "stream_derivation"
        case replicationStreams = "replication_streams"
        case csvDialect = "csv_dialect"
        case files
        case fileDigests = "file_digests"
        case startedAt = "started_at"
        case labels
    }

    /// The JSON bytes: sorted keys, pretty-printed, `/` unescaped, ending with a newline.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(self))
        bytes.append(0x0A)
        return bytes
    }

    /// The digests of the folder's files, checked to describe exactly `files`.
    ///
    /// - Throws: `OutputError` at `path` when the manifest records no digests (written
    ///   before folders were sealed, or edited) or they do not match its list of files.
    public func sealedDigests(path: String) throws -> [String: FileDigest] {
        guard let fileDigests else {
            throw OutputError(
                path: path,
                message: "records no size and SHA-256 of the folder's files (expected file_digests: written by an earlier affluence, or edited); rerun the command to get a folder that can be checked")
        }
        guard Set(fileDigests.keys) == Set(files), Set(files).count == files.count else {
            throw OutputError(
                path: path,
                message: "file_digests names \(fileDigests.keys.sorted()), files names \(files) (expected the same files once each)")
        }
        return fileDigests
    }

    /// Reads a manifest back (for `affluence report DIR`).
    public static func decode(_ bytes: [UInt8], path: String = "manifest.json") throws -> Manifest {
        do {
            return try JSONDecoder().decode(Manifest.self, from: Data(bytes))
        } catch {
            throw OutputError(path: path, message: "not a run manifest (\(error))")
        }
    }
}
