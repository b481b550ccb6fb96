/// Reading the `calibration:` and `observations:` blocks (``CalibrationParameter``,
/// ``Observation``). Whether each parameter's path and bounds make a valid scenario is
/// checked afterwards, by loading the model at each bound (``CalibrationCheck``).
extension ScenarioDecoder {
    func calibrationParameter(_ node: ConfigNode, root: ConfigNode) -> CalibrationParameter? {
        let c = context
        guard let f = c.fields(node, Schema.calibration) else { return nil }
        let path = f.value("path") { overridePath($0) }
        let id = f.value("id", c.identifier)
        let scaled = f.value("scales") { scaledValues($0, root: root) }
        switch (f["path"], f["scales"]) {
        case (nil, nil):
            c.error(node.location, "a calibration parameter needs `path` or `scales`",
                    expected: "`path:` for one value, or `scales:` and an `id:` for a factor over several values")
            return nil
        case (.some, .some):
            c.error(f["scales"]!.location, "give `path` or `scales`, not both", expected: "one value (`path`) or a factor over several (`scales`)")
            return nil
        case (nil, .some):
            if f["id"] == nil {
                c.error(node.location, "a parameter with `scales` needs an `id`", expected: "`id:` naming its column in waves.csv and plausible.csv")
                return nil
            }
            if let t = f["template"] {
                c.error(t.location, "`template` sets one path's text; a parameter with `scales` multiplies each value", expected: "no `template` with `scales`")
                return nil
            }
        case (.some, nil):
            break
        }
        let scale = f.value("scale") { c.choice($0, ["linear", "log"]) }.flatMap(CalibrationParameter.Scale.init(rawValue:))
        let whole = f.value("whole", c.bool)
        let template = f.value("template") { n -> String? in
            guard let text = c.text(n) else { return nil }
            guard text.contains("{}") else {
                c.error(n.location, "template `\(text)` has no `{}` for the value", expected: "a text such as `exponential(mean: {})`")
                return nil
            }
            return text
        }
        let range = f.value("range") { bounds($0, log: scale == .log) }
        guard let scale, let whole, let range, f["template"] == nil || template != nil, f["id"] == nil || id != nil else { return nil }
        if let scaled {
            guard range.unit.isEmpty, !range.clock else {
                c.error(f["range"]!.location, "a factor's range is plain numbers, not `\(range.clock ? "clock times" : range.unit)`",
                        expected: "a range such as `[0.5, 2]` (each scaled value keeps its own unit)")
                return nil
            }
            return CalibrationParameter(path: "", low: range.low, high: range.high, scale: scale, whole: whole,
                                        label: f.value("label", c.text), location: node.location, scaled: scaled, id: id)
        }
        guard let path else { return nil }
        return CalibrationParameter(path: path, low: range.low, high: range.high, unit: range.unit, clock: range.clock, scale: scale,
                                    whole: whole, template: template, label: f.value("label", c.text), location: node.location, id: id)
    }

    private func overridePath(_ node: ConfigNode) -> String? {
        let c = context
        guard let s = c.scalar(node, "an override path such as `pools[id=web].servers`") else { return nil }
        if case .failure(let failure) = OverridePath.parse(s.text) {
            c.error(s.location.shifted(by: failure.offset), failure.message, expected: failure.expected)
            return nil
        }
        return s.text
    }

    /// `scales: [path, …]`: each path with the number the model writes there (`200k` is
    /// 200 followed by `k`), so that a factor can multiply it and keep what follows.
    private func scaledValues(_ node: ConfigNode, root: ConfigNode) -> [CalibrationParameter.ScaledValue]? {
        let c = context
        guard let items = node.items, !items.isEmpty else {
            c.error(node.location, "`scales` must be a list of override paths", expected: "`scales: [pools.a.servers, pools.b.servers]`")
            return nil
        }
        var values: [CalibrationParameter.ScaledValue] = []
        for item in items {
            guard let text = overridePath(item), case .success(let path) = OverridePath.parse(text) else { return nil }
            if values.contains(where: { $0.path == text }) {
                c.error(item.location, "`\(text)` is listed twice", expected: "each path once")
                return nil
            }
            guard let current = root.value(at: path) else {
                c.error(item.location, "the model writes no value at `\(text)`", expected: "a path to a number the model (or a file it extends) writes")
                return nil
            }
            let written = current.scalarText ?? ""
            let chars = Units.chars(written)
            var i = 0
            guard !written.contains(":"), let number = Units.scanNumber(chars, &i, signed: false) else {
                c.error(item.location, "the model's value `\(current.flowText)` at `\(text)` is not a number a factor can multiply",
                        expected: "a path to a count, size, rate or duration written as a number (`40`, `200k`, `15k/min`)")
                return nil
            }
            values.append(.init(path: text, base: number, suffix: String(chars[i...])))
        }
        return values
    }

    /// `[low, high]`: two numbers written in one unit, low below high (above 0 on a log scale).
    private func bounds(_ node: ConfigNode, log: Bool) -> (low: Double, high: Double, unit: String, clock: Bool)? {
        let c = context
        let expected = "`[low, high]`, two values in one unit such as `[5/s, 9.9/s]` or `[20min, 90min]`"
        guard let items = node.items, items.count == 2 else {
            c.error(node.location, "`range` must be a list of two bounds", expected: expected)
            return nil
        }
        var read: [(value: Double, unit: String, clock: Bool)] = []
        for item in items {
            guard let s = c.scalar(item, expected) else { return nil }
            if s.text.contains(":") {
                guard let t = c.clock(item) else { return nil }
                read.append((t, "", true))
                continue
            }
            let chars = Units.chars(s.text)
            var i = 0
            guard let number = Units.scanNumber(chars, &i) else {
                c.error(s.location, "`\(s.text)` does not start with a number", expected: expected)
                return nil
            }
            read.append((number, String(chars[i...]).trimmingCharacters(in: .whitespaces), false))
        }
        let (low, high) = (read[0], read[1])
        guard low.unit == high.unit, low.clock == high.clock else {
            c.error(items[1].location, "the bounds are in different units (`\(items[0].scalarText ?? "")` and `\(items[1].scalarText ?? "")`)", expected: expected)
            return nil
        }
        guard low.value < high.value else {
            c.error(items[1].location, "the range's high bound `\(items[1].scalarText ?? "")` is not above its low bound `\(items[0].scalarText ?? "")`", expected: "low < high")
            return nil
        }
        if log, low.value <= 0 {
            c.error(items[0].location, "a log scale needs bounds above 0 (low bound `\(items[0].scalarText ?? "")`)", expected: "`scale: linear`, or a low bound > 0")
            return nil
        }
        return (low.value, high.value, low.unit, low.clock)
    }

    mutating func observation(_ node: ConfigNode, window: ClosedRange<Double>) -> Observation? {
        let c = context
        guard let f = c.fields(node, Schema.observation) else { return nil }
        let id = f.value("id", c.identifier)
        if let id { c.define("observation", id, at: f["id"]!.location) }
        let metric = f.value("metric") { n -> String? in
            guard let s = c.scalar(n, "a metric name such as `mean_wait`") else { return nil }
            if Schema.isMetric(s.text) { return s.text }
            return c.choice(n, Schema.metrics.map(\.name))
        }
        let entity = f.value("entity", c.identifier)
        refer("entity", f["entity"], entity, usedBy: "observation")
        let (at, from, to) = instantOrWindow(f, window, "observation")
        let aggregate = f.value("aggregate") { c.choice($0, Observation.Aggregate.allCases.map(\.rawValue)) }.flatMap(Observation.Aggregate.init(rawValue:))
        if aggregate != nil, at != nil || (from == nil && to == nil) {
            c.error(f["aggregate"]!.location, "`aggregate` combines the intervals of a window, and this observation has none",
                    expected: "`from`/`to` with `aggregate`, or no `aggregate`")
        }
        var value = f.value("value", c.measure)
        let interval = f.value("interval") { n -> (Double, Double)? in
            guard let items = n.items, items.count == 2 else {
                c.error(n.location, "`interval` must be a list of two bounds", expected: "`[low, high]` such as `[450k, 550k]`")
                return nil
            }
            guard let low = c.measure(items[0]), let high = c.measure(items[1]) else { return nil }
            guard low < high else {
                c.error(items[1].location, "the interval's high bound is not above its low bound", expected: "low < high")
                return nil
            }
            return (low, high)
        }
        if let (low, high) = interval, let v = value, !(low...high).contains(v) {
            c.error(f["value"]!.location, "the observed value is outside its interval", expected: "a value inside `interval`")
            value = nil
        }
        let sd = f.value("sd") { self.spread($0, "sd") }
        let discrepancy = f.value("discrepancy") { self.spread($0, "discrepancy") }
        var error: Observation.Spread?
        switch (f["sd"], interval) {
        case (_?, _?): c.error(f["interval"]!.location, "give `sd` or `interval`, not both", expected: "one uncertainty")
        case (_?, nil): error = sd
        case (nil, let (low, high)?): error = .absolute((high - low) / 3.92)
        case (nil, nil):
            if !f.has("interval") {
                c.error(node.location, "observation has no uncertainty", expected: "`sd: 5%`, `sd: 2min` or `interval: [low, high]`")
            }
        }
        let singleDay = f.value("single_day", c.bool)
        let role = f.value("role") { c.choice($0, ["fit", "holdout"]) }.flatMap(Observation.Role.init(rawValue:))
        guard let id, let metric, let value, let error, let discrepancy, let singleDay, let role else { return nil }
        return Observation(id: id, metric: metric, entity: entity, at: at, from: from, to: to, aggregate: aggregate, value: value,
                           sd: error, discrepancy: discrepancy, singleDay: singleDay, source: f.value("source", c.text), role: role,
                           location: node.location)
    }

    /// A standard deviation: `5%` of the value, or an amount in its unit; never negative.
    private func spread(_ node: ConfigNode, _ key: String) -> Observation.Spread? {
        let c = context
        guard let s = c.scalar(node, "an amount in the value's unit or a share `5%` of it") else { return nil }
        if s.text.hasSuffix("%") {
            guard let share = c.parse(node, Units.shareExpected, Units.share) else { return nil }
            guard share >= 0 else { c.error(s.location, "`\(key)` \(s.text) is negative", expected: "a share ≥ 0%"); return nil }
            return .relative(share)
        }
        guard let amount = c.measure(node) else { return nil }
        guard amount >= 0 else { c.error(s.location, "`\(key)` \(s.text) is negative", expected: "a standard deviation ≥ 0"); return nil }
        return .absolute(amount)
    }
}
