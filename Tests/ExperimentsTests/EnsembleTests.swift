import Foundation
import Output
import Scenario
import Testing
@testable import Experiments

/// `--ensemble`'s engine: reading a plausible set in either dialect (errors located), the
/// seeded subsample, the spread between parameter sets, and the share of sets in which a
/// policy beats the baseline.
@Suite("Ensemble: the plausible set read, subsampled and summarised")
struct EnsembleTests {
    static let rate = CalibrationParameter(path: "sources[id=arrivals].rate", low: 5, high: 9.9, unit: "/s")
    static let servers = CalibrationParameter(path: "pools[id=servers].servers", low: 8, high: 14, whole: true)
    static let header = ["wave", "point", rate.path, servers.path, "plausible", "max_implausibility", "w_mean"]

    static func file(_ rows: [[CSVField]], dialect: CSVDialect, header: [String] = header) -> [UInt8] {
        CSVWriter.encode(header: header, records: rows, dialect: dialect)
    }

    static let rows: [[CSVField]] = [
        [.integer(1), .integer(3), .number(8.25), .number(10), .integer(1), .number(1.5), .number(0.4)],
        [.integer(2), .integer(1), .number(9), .number(12), .integer(0), .number(4.5), .number(0.9)],
        [.integer(2), .integer(5), .number(7.5), .number(11), .integer(1), .number(0.5), .number(0.3)],
    ]

    @Test("reads the plausible rows in either dialect, in the model's parameter order", arguments: CSVDialect.all)
    func readsEitherDialect(_ dialect: CSVDialect) throws {
        // The model lists the parameters in the other order than the file: values follow the model.
        let set = try Ensemble.parse(Self.file(Self.rows, dialect: dialect), file: "p.csv", parameters: [Self.servers, Self.rate])
        #expect(set.members.count == 2, "the implausible row (waves.csv) is skipped")
        #expect(set.members[0].values == [10, 8.25])
        #expect(set.members[0].overrides.map(\.value) == ["10", "8.25/s"])
        #expect(set.members[0].overrides.map(\.path) == [Self.servers.path, Self.rate.path])
        #expect(set.members[1].label == "wave 2 point 5" && set.members[1].line == 4)
    }

    @Test func aColumnThatIsNoParameterOfTheModelIsLocatedOnTheHeader() throws {
        let error = try #require(throws: CSVError.self) {
            try Ensemble.parse(Self.file(Self.rows, dialect: .standard), file: "p.csv", parameters: [Self.rate])
        }
        #expect(error.file == "p.csv" && error.line == 1)
        #expect(error.column == "wave,point,".utf8.count + Self.rate.path.utf8.count + 2)
        #expect(error.message.contains(Self.servers.path) && error.message.contains("not a calibration parameter"))
    }

    @Test func aParameterWithNoColumnIsNamed() throws {
        let extra = CalibrationParameter(path: "pools[id=servers].patience", low: 1, high: 9)
        let error = try #require(throws: CSVError.self) {
            try Ensemble.parse(Self.file(Self.rows, dialect: .standard), file: "p.csv", parameters: [Self.rate, Self.servers, extra])
        }
        #expect(error.line == 1 && error.message.contains("pools[id=servers].patience"))
    }

    @Test("a cell that is not a number is located at its line and column", arguments: CSVDialect.all)
    func aBadCellIsLocated(_ dialect: CSVDialect) throws {
        var rows = Self.rows
        rows[2][3] = .text("eleven")
        let error = try #require(throws: CSVError.self) {
            try Ensemble.parse(Self.file(rows, dialect: dialect), file: "p.csv", parameters: [Self.rate, Self.servers])
        }
        #expect(error.line == 4)
        let before = ["2", "5", dialect.decimalPoint == UInt8(ascii: ",") ? "7,5" : "7.5"].map(\.utf8.count).reduce(0, +) + 3
        #expect(error.column == before + 1, "\(error)")
        #expect(error.message.contains("'eleven'") && error.message.contains(Self.servers.path))
    }

    @Test func anEmptyFileAndAFileWithNoPlausibleRowAreErrors() throws {
        let empty = try #require(throws: CSVError.self) { try Ensemble.parse([], file: "p.csv", parameters: [Self.rate]) }
        #expect(empty.file == "p.csv" && empty.line == 1 && empty.message.contains("empty file"))
        let none = try #require(throws: CSVError.self) {
            try Ensemble.parse(Self.file([Self.rows[1]], dialect: .standard), file: "p.csv", parameters: [Self.rate, Self.servers])
        }
        #expect(none.message.contains("no plausible point"))
        let headerless = try #require(throws: CSVError.self) {
            try Ensemble.parse(Array("a,b\n1,2\n".utf8), file: "p.csv", parameters: [Self.rate])
        }
        #expect(headerless.line == 1 && headerless.message.contains("point"))
    }

    @Test func theSubsampleIsSeededAndKeepsTheFileOrder() throws {
        let many = (1...20).map { k in [.integer(1), .integer(k), .number(5 + Double(k) / 10), .number(10), .integer(1), .number(1), .number(0.5)] as [CSVField] }
        let set = try Ensemble.parse(Self.file(many, dialect: .standard), file: "p.csv", parameters: [Self.rate, Self.servers])
        let a = set.subsample(6, seed: 42), b = set.subsample(6, seed: 42), c = set.subsample(6, seed: 43)
        #expect(a.members == b.members && a.members.count == 6 && a.pointsInFile == 20)
        #expect(a.members != c.members)
        #expect(a.members.map(\.line) == a.members.map(\.line).sorted())
        #expect(set.subsample(50, seed: 1).members == set.members)
    }

    static func figure(_ metric: String, _ value: Double) -> SummaryFigure {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try! decoder.decode(SummaryFigure.self, from: Data("""
            {"kind":"pool","entity":"servers","metric":"\(metric)","unit":"s","value":\(value.isNaN ? "\"nan\"" : String(value))}
            """.utf8))
    }

    @Test func thePooledMeanIsTheMeanOfTheMemberMeansAndThePercentilesSpanThem() throws {
        // 5 members × 2 replications; member m's runs are 10m and 10m + 2 (mean 10m + 1).
        let figures = (0..<5).flatMap { m in [0.0, 2.0].map { [Self.figure("mean_wait", Double(10 * m) + $0)] } }
        let spread = try #require(Ensemble.spread(figures: figures, members: 5, replications: 2).first)
        #expect(spread.memberMeans == [1, 11, 21, 31, 41])
        #expect(abs(spread.pooled.mean - 21) < 1e-12 && spread.pooled.count == 10)
        #expect(spread.p50 == 21)
        #expect(abs(spread.p05 - 3) < 1e-12 && abs(spread.p95 - 39) < 1e-12, "type 7: h = 4 × 0.05 = 0.2 → 1 + 0.2 × 10")
        #expect(spread.memberMeans.min()! <= spread.p05 && spread.p95 <= spread.memberMeans.max()!)
        #expect(spread.membersWithValue == 5)
    }

    @Test func aMemberWithNoValueIsLeftOutOfThePercentilesButCounted() throws {
        let figures = [[Self.figure("saturation_onset_clock_s", 100)], [Self.figure("saturation_onset_clock_s", .nan)],
                       [Self.figure("saturation_onset_clock_s", 300)], [Self.figure("saturation_onset_clock_s", .nan)]]
        let spread = try #require(Ensemble.spread(figures: figures, members: 4, replications: 1).first)
        #expect(spread.members == 4 && spread.membersWithValue == 2)
        #expect(spread.p50 == 200 && spread.pooled.mean == 200)
    }

    @Test func theShareOfMembersWhereAPolicyBeatsTheBaselineFollowsTheMetricsDirection() throws {
        let wait = CompareMetric(metric: "mean_wait", entity: "servers")      // lower is better
        let visits = CompareMetric(metric: "visits", entity: "servers")        // neither
        // 4 members × 2 replications. `more` waits less in every member; `fewer` in one of four.
        let base: [Double] = [5, 6, 5, 6, 5, 6, 5, 6]
        let values: [String: [[Double]]] = [
            "base": [base, base],
            "more": [base.map { $0 - 2 }, base],
            "fewer": [[4, 5, 7, 8, 7, 8, 9, 9], base],
        ]
        let (pooled, spreads) = Ensemble.compare(values: values, members: 4, replications: 2, policies: ["base", "more", "fewer"],
                                                 baseline: "base", metrics: [wait, visits])
        #expect(pooled.replications == 8)
        let more = try #require(spreads.first { $0.policy == "more" && $0.metric == wait })
        #expect(more.shareBetter == 1 && more.differences == [-2, -2, -2, -2])
        let fewer = try #require(spreads.first { $0.policy == "fewer" && $0.metric == wait })
        #expect(fewer.shareBetter == 0.25 && fewer.differences == [-1, 2, 2, 3.5])
        #expect(fewer.p50 == 2 && fewer.membersWithDifference == 4)
        #expect(spreads.first { $0.metric == visits }?.shareBetter == nil, "visits is better neither way")
        #expect(!spreads.contains { $0.policy == "base" })
    }
}
