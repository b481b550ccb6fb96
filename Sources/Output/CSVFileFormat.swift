/// What each CSV file of a result folder must hold, column by column, so reading it back
/// refuses anything the writer never writes instead of charting a guess.
///
/// The headers come from `CSVSchema` (one place); this adds the kind of every cell. A
/// renamed, missing or extra column is an error on line 1, a cell of the wrong kind an error
/// at its line and column.
public struct CSVFileFormat: Sendable {
    /// The kind of a column's cells.
    public enum Cell: Sendable, Equatable {
        /// Any text (names, ids, units, parameter values).
        case text
        /// A number in the file's dialect (`CSVNumberFormat.parse`); never empty.
        case number
        /// A number, or an empty cell for an undefined figure.
        case optionalNumber
        /// A whole number ≥ 0 (replications, points).
        case count
        /// A whole number ≥ 0, or an empty cell.
        case optionalCount
        /// A time of day as the writer spells it, `HH:MM:SS`.
        case clock
        /// A time of day to the minute, `HH:MM` (the series tables' and summary.csv's clocks).
        case hoursMinutes
        /// `HH:MM`, or an empty cell for an undefined figure.
        case optionalHoursMinutes
    }

    public let fileName: String
    /// Checks a header; returns the kind of each column, or a message saying what was expected.
    let cells: @Sendable ([String]) -> Result<[Cell], HeaderMismatch>

    struct HeaderMismatch: Error {
        /// 0-based position of the first column that is wrong (or the header's width).
        var position: Int
        var message: String
    }

    /// The format of a file a run, compare or sweep writes and `affluence report` reads.
    public static func of(fileName: String) -> CSVFileFormat? {
        switch fileName {
        case CSVSchema.timeseriesFile:
            fixed(fileName, CSVSchema.timeseries, [.text, .text, .count, .clock, .number, .text, .text, .text, .optionalNumber])
        case CSVSchema.summaryFile:
            fixed(fileName, CSVSchema.summary, [.text, .text, .text, .text, .text, .text, .optionalNumber, .optionalNumber, .optionalNumber, .count, .optionalHoursMinutes])
        case CSVSchema.comparisonFile:
            fixed(
                fileName, CSVSchema.comparison,
                [.text, .text, .text, .text, .text, .optionalNumber, .optionalNumber, .optionalNumber, .optionalNumber, .optionalCount,
                 .optionalNumber, .optionalNumber, .text])
        case CSVSchema.sweepFile:
            sweep
        case CSVSchema.policySeriesFile:
            fixed(
                fileName, CSVSchema.policySeries,
                [.text, .text, .text, .text, .text, .text, .hoursMinutes, .number, .optionalNumber, .optionalNumber,
                 .optionalNumber, .count])
        case CSVSchema.ensembleFile:
            fixed(fileName, CSVSchema.ensemble,
                  [.text, .text, .text, .text, .text, .text, .count, .count] + Array(repeating: .optionalNumber, count: 5))
        case CSVSchema.ensembleComparisonFile:
            fixed(fileName, CSVSchema.ensembleComparison,
                  [.text, .text, .text, .text, .text, .text, .count, .count] + Array(repeating: .optionalNumber, count: 4))
        default:
            nil
        }
    }

    /// A file whose header is exactly `columns`.
    static func fixed(_ fileName: String, _ columns: [String], _ kinds: [Cell]) -> CSVFileFormat {
        precondition(columns.count == kinds.count, "one kind per column of \(fileName)")
        return CSVFileFormat(fileName: fileName) { header in
            if let position = zip(header, columns).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                return .failure(HeaderMismatch(
                    position: position,
                    message: "header column \(position + 1) is '\(header[position])' (expected '\(columns[position])': the header of \(fileName) is \(columns.joined(separator: ",")))"))
            }
            guard header.count == columns.count else {
                return .failure(HeaderMismatch(
                    position: min(header.count, columns.count),
                    message: "the header has \(header.count) columns (expected \(columns.count): \(columns.joined(separator: ",")))"))
            }
            return .success(kinds)
        }
    }

    /// sweep.csv: `point`, one column per varied parameter, then `CSVSchema.sweepTail`.
    static let sweep = CSVFileFormat(fileName: CSVSchema.sweepFile) { header in
        let tail = CSVSchema.sweepTail
        let expected = "point, one column per varied parameter, then \(tail.joined(separator: ","))"
        guard header.first == "point" else {
            return .failure(HeaderMismatch(position: 0, message: "header column 1 is '\(header.first ?? "")' (expected 'point': \(expected))"))
        }
        guard header.count >= 2 + tail.count else {
            return .failure(HeaderMismatch(position: header.count, message: "the header has \(header.count) columns (expected \(expected))"))
        }
        let parameters = header.dropFirst().dropLast(tail.count)
        if let position = zip(header.suffix(tail.count), tail).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            let column = header.count - tail.count + position
            return .failure(HeaderMismatch(position: column, message: "header column \(column + 1) is '\(header[column])' (expected '\(tail[position])': \(expected))"))
        }
        if let position = parameters.indices.first(where: { parameters[$0].isEmpty || tail.contains(parameters[$0]) || parameters[..<$0].contains(parameters[$0]) }) {
            return .failure(HeaderMismatch(position: position, message: "header column \(position + 1) is '\(header[position])' (expected a varied parameter's path, named once)"))
        }
        return .success([.count] + parameters.map { _ in .text } + [.text, .text, .text, .text, .optionalNumber, .optionalNumber])
    }

    /// Whether `cell` is of `kind` in `dialect`; the expectation in words when it is not.
    static func problem(_ cell: String, _ kind: Cell, dialect: CSVDialect) -> String? {
        switch kind {
        case .text:
            return nil
        case .number:
            return CSVNumberFormat.parse(cell, dialect: dialect) == nil ? "a number in the \(dialect.name) dialect" : nil
        case .optionalNumber:
            return cell.isEmpty || CSVNumberFormat.parse(cell, dialect: dialect) != nil
                ? nil : "a number in the \(dialect.name) dialect, or an empty cell for an undefined figure"
        case .count:
            return CSVNumberFormat.isCount(cell) ? nil : "a whole number, 0 or more"
        case .optionalCount:
            return cell.isEmpty || CSVNumberFormat.isCount(cell) ? nil : "a whole number, 0 or more, or an empty cell"
        case .clock:
            return ClockTime(parsing: cell)?.description == cell ? nil : "a time of day HH:MM:SS"
        case .hoursMinutes:
            return ClockTime(parsing: cell)?.hoursMinutes == cell ? nil : "a time of day HH:MM"
        case .optionalHoursMinutes:
            return cell.isEmpty || ClockTime(parsing: cell)?.hoursMinutes == cell ? nil : "a time of day HH:MM, or an empty cell"
        }
    }
}
