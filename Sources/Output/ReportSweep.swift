import Foundation

/// The sweep part of the report, from sweep.csv: a heat map per metric and entity over the
/// first two varied parameters.
///
/// When more than two parameters vary, each cell is the mean over the others (the note
/// says so); a one-parameter sweep gives a single-row map.
enum ReportSweep {
    struct Map {
        var metric: String
        var entityKind: String
        var entityID: String
        var unit: String
        var chart: HeatMap
    }

    /// The parameter columns: those between `point` and `metric`.
    static func parameterColumns(_ header: CSVHeader) -> [String] {
        guard let start = header.index(of: "point"), let end = header.index(of: "metric"), end > start else {
            return []
        }
        return Array(header.columns[(start + 1)..<end])
    }

    static func maps(_ table: CSVTable, language t: ReportLanguage = .en) throws -> (parameters: [String], maps: [Map]) {
        let parameters = parameterColumns(table.header)
        guard let xParameter = parameters.first else {
            throw CSVError(
                file: table.header.fileName, line: 1, column: 0,
                message: "no parameter column (expected columns between 'point' and 'metric')")
        }
        let yParameter = parameters.count > 1 ? parameters[1] : nil

        struct GroupKey: Hashable { var metric, kind, id: String }
        struct CellKey: Hashable { var x, y: String }
        var order: [GroupKey] = []
        var units: [GroupKey: String] = [:]
        var sums: [GroupKey: [CellKey: (sum: Double, count: Int)]] = [:]
        var xValues: [String] = []
        var yValues: [String] = []
        for record in table.records {
            let group = GroupKey(
                metric: try record.requireText("metric"), kind: try record.requireText("entity_kind"),
                id: try record.requireText("entity_id"))
            let x = try record.requireText(xParameter)
            let y = try yParameter.map { try record.requireText($0) } ?? ""
            if !xValues.contains(x) { xValues.append(x) }
            if !yValues.contains(y) { yValues.append(y) }
            if units[group] == nil {
                order.append(group)
                units[group] = record.text("unit") ?? ""
            }
            guard let mean = try record.optionalNumber("mean") else { continue }
            let previous = sums[group]?[CellKey(x: x, y: y)] ?? (0, 0)
            sums[group, default: [:]][CellKey(x: x, y: y)] = (previous.sum + mean, previous.count + 1)
        }
        let dialect = table.header.dialect
        let sortedX = sortedValues(xValues, dialect: dialect)
        let sortedY = sortedValues(yValues, dialect: dialect)
        let maps = order.map { group -> Map in
            let cells = sortedY.map { y in
                sortedX.map { x -> Double? in
                    guard let cell = sums[group]?[CellKey(x: x, y: y)], cell.count > 0 else { return nil }
                    return cell.sum / Double(cell.count)
                }
            }
            let unit = units[group] ?? ""
            return Map(
                metric: group.metric, entityKind: group.kind, entityID: group.id, unit: unit,
                chart: HeatMap(
                    title: "\(t.metricName(group.metric)) — \(t.entityKind(group.kind)) \(group.id)", xLabel: xParameter,
                    yLabel: yParameter ?? "", xValues: sortedX, yValues: sortedY, cells: cells,
                    valueLabel: unit.isEmpty ? group.metric : "\(group.metric) [\(unit)]",
                    kind: ValueFormat.kind(ofMetric: group.metric, unit: unit), language: t))
        }
        return (parameters, maps)
    }

    /// Numeric parameter values in numeric order; otherwise the order they first appeared.
    static func sortedValues(_ values: [String], dialect: CSVDialect) -> [String] {
        let numbers = values.map { CSVNumberFormat.parse($0, dialect: dialect) }
        guard numbers.allSatisfy({ $0 != nil }) else { return values }
        return zip(values, numbers).sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map(\.0)
    }
}
