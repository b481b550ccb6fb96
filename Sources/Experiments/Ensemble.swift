import Foundation
import Output
import Scenario

/// The plausible set of a calibration as the members of an ensemble (docs/ensemble.md).
///
/// `affluence calibrate` keeps every parameter set that reproduces the observations
/// (plausible.csv); `run` and `compare --ensemble` then run every one of them, so an answer
/// carries the parameter uncertainty as well as the run-to-run noise ("saturates between
/// 07:35 and 08:10 in 90% of plausible worlds"). A member is one row of plausible.csv turned
/// back into the `--set` overrides of the model's `calibration:` parameters
/// (``CalibrationParameter/overrideText(_:)``), so it loads like any other override.
public struct Ensemble: Sendable {
    /// One plausible parameter set.
    public struct Member: Sendable, Hashable {
        /// The line of the file it was read from.
        public let line: Int
        /// `wave 2 point 7` (the `wave` and `point` columns), to find it in waves.csv.
        public let label: String
        /// One value per parameter, in the model's `calibration:` order and unit.
        public let values: [Double]
        /// The overrides that load it: one per parameter.
        public let overrides: [Override]
    }

    /// The file as named on the command line.
    public let file: String
    /// The model's calibration parameters, in its order (the members' value order).
    public let parameters: [CalibrationParameter]
    public let members: [Member]
    /// How many members the file holds (more than ``members`` after ``subsample(_:seed:)``).
    public let pointsInFile: Int

    public init(file: String, parameters: [CalibrationParameter], members: [Member], pointsInFile: Int? = nil) {
        self.file = file
        self.parameters = parameters
        self.members = members
        self.pointsInFile = pointsInFile ?? members.count
    }

    /// `count` members chosen at random (seeded SplitMix64, the same on any machine), in
    /// the file's order; all of them when the file holds no more.
    public func subsample(_ count: Int, seed: UInt64) -> Ensemble {
        Ensemble(file: file, parameters: parameters,
                 members: HistoryMatching.subsample(members, count: count, seed: seed ^ Self.subsampleSalt), pointsInFile: pointsInFile)
    }

    /// Keeps the subsample apart from the runs' streams and the calibration's designs drawn from the same seed.
    static let subsampleSalt: UInt64 = 0x656E_7365_6D62_6C65  // "ensemble"

    /// Reads plausible.csv (or waves.csv, whose implausible rows are skipped) in either
    /// dialect, matching each parameter column to the model's parameter of the same path.
    ///
    /// The parameter columns are those between `point` and `plausible`, as `calibrate`
    /// writes them. A column that is no parameter of the model, a parameter with no column,
    /// a cell that is not a number, a file with no plausible row: `CSVError` naming the
    /// file, the line and the column.
    public static func read(_ url: URL, named name: String? = nil, parameters: [CalibrationParameter]) throws -> Ensemble {
        let file = name ?? url.path
        let bytes = try StrictFile.read(url, limit: ReadLimits.recordedFileBytes)
        return try parse(bytes, file: file, parameters: parameters)
    }

    /// The same from bytes held in memory.
    public static func parse(_ bytes: [UInt8], file: String, parameters: [CalibrationParameter]) throws -> Ensemble {
        let table = try CSVReader.parse(bytes, fileName: file)
        let columns = table.header.columns
        let expected = "the header calibrate writes: wave,point,<one column per calibration parameter>,plausible,max_implausibility,…"
        guard let point = table.header.index(of: "point"), let plausible = table.header.index(of: "plausible"), point < plausible else {
            let missing = table.header.index(of: "point") == nil ? "point" : "plausible"
            throw CSVError(file: file, line: 1, column: 0, message: "no column '\(missing)' (expected \(expected))")
        }
        let known = parameters.map(\.name)
        var position: [String: Int] = [:]
        for c in (point + 1)..<plausible {
            let path = columns[c]
            guard known.contains(path) else {
                throw CSVError(file: file, line: 1, column: headerColumn(columns, c),
                               message: "column '\(path)' is not a calibration parameter of the model (expected one of \(known.joined(separator: ", ")))")
            }
            guard position[path] == nil else {
                throw CSVError(file: file, line: 1, column: headerColumn(columns, c), message: "column '\(path)' appears twice (expected each parameter once)")
            }
            position[path] = c
        }
        if let missing = known.first(where: { position[$0] == nil }) {
            throw CSVError(file: file, line: 1, column: 0,
                           message: "no column for the model's calibration parameter '\(missing)' (expected one column per parameter: \(known.joined(separator: ", ")))")
        }
        var members: [Member] = []
        for record in table.records {
            let flag = record.fields[plausible]
            guard flag == "0" || flag == "1" else {
                throw CSVError(file: file, line: record.line, column: record.byteColumn(of: plausible),
                               message: "'\(flag)' in column plausible (expected 1 or 0)")
            }
            if flag == "0" { continue }
            let values = try parameters.map { p -> Double in
                let c = position[p.name]!
                let cell = record.fields[c]
                guard let value = CSVNumberFormat.parse(cell, dialect: table.header.dialect), value.isFinite else {
                    throw CSVError(file: file, line: record.line, column: record.byteColumn(of: c),
                                   message: "'\(cell)' in column \(p.name) (expected a number in the \(table.header.dialect.name) dialect, in the unit of the parameter's range)")
                }
                return value
            }
            let wave = record.text("wave").flatMap { $0.isEmpty ? nil : $0 }
            let label = wave.map { "wave \($0) point \(record.fields[point])" } ?? "line \(record.line)"
            members.append(Member(line: record.line, label: label, values: values,
                                  overrides: zip(parameters, values).flatMap { $0.overrides($1) }))
        }
        guard !members.isEmpty else {
            throw CSVError(file: file, line: max(2, (table.records.last?.line ?? 1) + 1), column: 0,
                           message: "no plausible point (expected at least one row with plausible = 1 after the header)")
        }
        return Ensemble(file: file, parameters: parameters, members: members)
    }

    /// The 1-based byte column of header field `position` (0 when an earlier one needed quotes).
    static func headerColumn(_ columns: [String], _ position: Int) -> Int {
        var column = 1
        for name in columns[..<position] {
            if name.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0.isNewline }) { return 0 }
            column += name.utf8.count + 1
        }
        return column
    }
}
