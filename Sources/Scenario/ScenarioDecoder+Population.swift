import Foundation
import Stochastics

extension ScenarioDecoder {
    // MARK: Behaviour

    /// The `default` profile: every key at its documented default.
    func defaultBehaviour(at location: Location) -> BehaviourProfile? {
        behaviour(.mapping([.init(key: "id", keyLocation: location, value: .scalar(.init(text: "default", isPlain: true, location: location)))], location))
    }

    func behaviour(_ node: ConfigNode) -> BehaviourProfile? {
        let c = context
        guard let f = c.fields(node, Schema.behaviour) else { return nil }
        guard let id = f.value("id", c.identifier) else { return nil }
        if f.has("id") { c.define("behaviour", id, at: f["id"]!.location) }
        let relogin: BehaviourProfile.Relogin? = f.value("relogin") { n in
            guard let r = c.fields(n, Schema.relogin) else { return nil }
            guard let p = r.value("probability", c.share), let d = r.value("delay", { c.distribution($0, .duration) }) else { return nil }
            return BehaviourProfile.Relogin(probability: p, delay: d)
        }
        let comeback: BehaviourProfile.Comeback? = f.value("comeback") { n in
            guard let r = c.fields(n, Schema.comeback) else { return nil }
            guard let p = r.value("probability", c.share), let at = r.value("at", c.clock), let sd = r.value("sd", { c.duration($0) }) else { return nil }
            return BehaviourProfile.Comeback(probability: p, at: at, sd: sd)
        }
        let client = clientPolicies(f)
        guard let pages = f.value("pages_per_session", { c.distribution($0, .count) }),
              let think = f.value("think_time", { c.distribution($0, .duration) }),
              let requests = f.value("requests_per_page", { c.distribution($0, .count) }),
              let loginCost = f.value("login_cost", { c.number($0, min: 0) }),
              let timeout = f.value("client_timeout", c.positiveDuration),
              let reload = f.value("reload_on_timeout", c.share),
              let patience = f.value("patience", { c.distribution($0, .duration) }),
              let retryDelay = f.value("retry_delay", { c.distribution($0, .duration) }),
              let retryProbability = f.value("retry_probability", c.share),
              let relogin, let client else { return nil }
        let retryLimit = f.value("retry_limit") { c.integer($0, min: 0) }
        return BehaviourProfile(id: id, pagesPerSession: pages, thinkTime: think, requestsPerPage: requests,
                                loginCost: loginCost, clientTimeout: timeout, reloadOnTimeout: reload,
                                patience: patience, retryDelay: retryDelay, retryProbability: retryProbability,
                                retryLimit: retryLimit, relogin: relogin, comeback: comeback, client: client)
    }

    // MARK: Segments

    mutating func segment(_ node: ConfigNode, window: ClosedRange<Double>) -> Segment? {
        let c = context
        guard let f = c.fields(node, Schema.segment) else { return nil }
        guard let id = f.value("id", c.identifier) else { return nil }
        c.define("segment", id, at: f["id"]!.location)
        let size = f.value("size", c.count)
        if let s = size, s <= 0 { c.error(f["size"]!.location, "segment size is zero", expected: "a positive count") }
        let active = f.value("active_share", c.share)
        var uses: [PlatformUse] = []
        if let p = f["platforms"] {
            c.requireItems(p, "segment `\(id)` uses no platform", expected: "at least one platform id")
            for item in p.items ?? [p] {
                if case .mapping = item {
                    guard let u = c.fields(item, Schema.platformUse),
                          let pid = u.value("platform", c.identifier), let share = u.value("share", c.share) else { continue }
                    refer("platform", u["platform"], pid, usedBy: "segment `\(id)`")
                    uses.append(PlatformUse(platform: pid, share: share))
                } else if let pid = c.identifier(item) {
                    refer("platform", item, pid, usedBy: "segment `\(id)`")
                    uses.append(PlatformUse(platform: pid, share: 1))
                }
            }
        } else {
            _ = f.value("platforms") { _ in () }
        }
        let behaviourID = f.value("behaviour", c.identifier) ?? "default"
        refer("behaviour", f["behaviour"] ?? node, behaviourID, usedBy: "segment `\(id)`")
        let intent = f.value("intent") { self.intent($0, window: window, segment: id) }
        guard let size, let active, let intent else { return nil }
        return Segment(id: id, label: f["label"].flatMap { c.text($0) }, region: f["region"].flatMap { c.text($0) }, size: size, activeShare: active,
                       platforms: uses, behaviour: behaviourID, intent: intent)
    }

    func intent(_ node: ConfigNode, window: ClosedRange<Double>, segment: String) -> Intent? {
        let c = context
        guard let f = c.fields(node, Schema.intent) else { return nil }
        var components: [IntentComponent] = []
        var shareNodes: [ConfigNode] = []
        // A component that failed to read is missing from the sum: its share total would be a
        // second, misleading error after the real one.
        var componentFailed = false
        for item in f.value("bumps", { c.list($0, "bumps") { $0 } }) ?? [] {
            guard let b = c.fields(item, Schema.bump) else { componentFailed = true; continue }
            guard let share = b.value("share", c.share),
                  let at = b.value("at", { self.clockInWindow($0, window, "bump centre") }),
                  let sd = b.value("sd", c.positiveDuration) else { componentFailed = true; continue }
            components.append(.bump(share: share, at: at, sd: sd))
            shareNodes.append(b["share"] ?? item)
        }
        for item in f.value("curves", { c.list($0, "curves") { $0 } }) ?? [] {
            guard let k = c.fields(item, Schema.curve) else { componentFailed = true; continue }
            guard let share = k.value("share", c.share),
                  let interpolation = k.value("interpolation", { c.choice($0, ["linear", "step"]) }),
                  let points = k.value("points", { self.points($0, window: window, rate: false) }) else { componentFailed = true; continue }
            let curve = RelativeCurve(times: points.map(\.0), rates: points.map(\.1),
                                      interpolation: interpolation == "step" ? .stepwise : .linear, file: nil)
            components.append(.curve(share: share, curve: curve))
            shareNodes.append(k["share"] ?? item)
        }
        for item in f.value("csv", { c.list($0, "csv") { $0 } }) ?? [] {
            guard let k = c.fields(item, Schema.csvCurve) else { componentFailed = true; continue }
            guard let share = k.value("share", c.share),
                  let interpolation = k.value("interpolation", { c.choice($0, ["linear", "step"]) }),
                  let timeColumn = k.value("time_column", c.text), let rateColumn = k.value("rate_column", c.text),
                  let fileNode = k["file"] ?? { _ = k.value("file", c.text); return nil }(),
                  let curve = csvCurve(fileNode, timeColumn: timeColumn, rateColumn: rateColumn, window: window,
                                       interpolation: interpolation == "step" ? .stepwise : .linear) else { componentFailed = true; continue }
            components.append(.curve(share: share, curve: curve))
            shareNodes.append(k["share"] ?? item)
        }
        for item in f.value("cohorts", { c.list($0, "cohorts") { $0 } }) ?? [] {
            guard let (cohorts, shareNode) = classCohorts(item, window: window) else { componentFailed = true; continue }
            components.append(.cohorts(cohorts))
            shareNodes.append(shareNode)
        }
        var repeats: [RepeatVisits] = []
        for item in f.value("repeats", { c.list($0, "repeats") { $0 } }) ?? [] {
            guard let r = c.fields(item, Schema.repeatVisits) else { continue }
            guard let times = r.value("at", { n -> [Double]? in
                      guard c.requireItems(n, "repeat visits at no time", expected: "at least one clock time, e.g. `at: [09:00, 10:00]`") else { return nil }
                      return (n.items ?? [n]).compactMap { self.clockInWindow($0, window, "repeat visit") }
                  }),
                  let offset = r.value("offset", { c.duration($0, allowNegative: true) }),
                  let sd = r.value("sd", { c.duration($0) }),
                  let p = r.value("probability", c.share) else { continue }
            repeats.append(RepeatVisits(at: times, offset: offset, sd: sd, probability: p))
        }
        if components.isEmpty {
            if !c.hasErrors { c.error(node.location, "intent of segment `\(segment)` has no first-visit component", expected: "`bumps:`, `curves:`, `csv:` or `cohorts:`") }
            return nil
        }
        let total = components.reduce(0) { $0 + $1.share }
        if !componentFailed, abs(total - 1) > 1e-6 {
            let percent = Units.formatNumber((total * 1e6).rounded() / 1e4)
            c.error(shareNodes.last?.location ?? node.location,
                    total > 1 ? "intent shares of segment `\(segment)` add up to \(percent)%, over 100%"
                              : "intent shares of segment `\(segment)` add up to \(percent)%",
                    expected: "component shares adding up to 100%")
        }
        return Intent(components: components, repeats: repeats)
    }

    /// One `intent.cohorts[]` item, and the node its share total is reported at.
    func classCohorts(_ node: ConfigNode, window: ClosedRange<Double>) -> (ClassCohorts, shareNode: ConfigNode)? {
        let c = context
        guard let k = c.fields(node, Schema.cohorts) else { return nil }
        let share = k.value("share", c.share)
        let starts = k.value("starts") { n -> [Double]? in
            guard c.requireItems(n, "class cohorts with no lesson start", expected: "at least one clock time, e.g. `starts: [08:00, 09:00]`") else { return nil }
            let items = n.items ?? [n]
            let times = items.compactMap { self.clockInWindow($0, window, "lesson start") }
            return times.count == items.count ? times : nil
        }
        let weights: [Double]? = k["weights"].flatMap { n in
            let items = n.items ?? [n]
            let values = items.compactMap { c.number($0, min: 0) }
            guard values.count == items.count else { return nil }
            if let starts, values.count != starts.count {
                c.error(n.location, "\(values.count) weight\(values.count == 1 ? "" : "s") for \(starts.count) lesson start\(starts.count == 1 ? "" : "s")",
                        expected: "one weight per start in `starts`")
                return nil
            }
            guard values.contains(where: { $0 > 0 }) else {
                c.error(n.location, "every lesson start has weight zero", expected: "at least one positive weight")
                return nil
            }
            return values
        }
        let classSize = k.value("class_size") { n -> Distribution? in
            guard let d = c.distribution(n, .count) else { return nil }
            // A draw is rounded up to a whole member, so only the mean can say "less than one".
            guard d.mean >= 1, d.mean.isFinite else {
                c.error(n.location, "class size has mean \(Units.formatNumber(d.mean)), not a finite count of at least 1 member",
                        expected: "a class size ≥ 1, e.g. `class_size: 25` or `class_size: uniform(20, 30)`")
                return nil
            }
            return d
        }
        let offset = k.value("offset") { c.duration($0, allowNegative: true) }
        let classSD = k.value("class_sd") { c.duration($0) }
        let memberSD = k.value("member_sd") { c.duration($0) }
        guard let share, let starts, let classSize, let offset, let classSD, let memberSD,
              k["weights"] == nil || weights != nil else { return nil }
        let cohorts = ClassCohorts(share: share, starts: starts, weights: weights, classSize: classSize,
                                   offset: offset, classSD: classSD, memberSD: memberSD)
        return (cohorts, k["share"] ?? node)
    }

    /// `[[clock, value], …]` with increasing clock times inside the window.
    func points(_ node: ConfigNode, window: ClosedRange<Double>, rate: Bool) -> [(Double, Double)]? {
        let c = context
        guard let items = node.items else {
            c.error(node.location, "points must be a list, found \(node.kindName)", expected: "a list of `[clock time, value]` pairs")
            return nil
        }
        guard items.count >= 2 else {
            c.error(node.location, "a curve needs at least 2 points (got \(items.count))", expected: "`[[07:00, 0], [08:00, 1]]`")
            return nil
        }
        var result: [(Double, Double)] = []
        var failed = false
        for item in items {
            guard let pair = item.items, pair.count == 2 else {
                c.error(item.location, "a curve point must be a pair, found \(item.kindName)", expected: "`[clock time, value]`")
                failed = true; continue
            }
            guard let t = clockInWindow(pair[0], window, "curve point") else { failed = true; continue }
            let v: Double?
            if rate {
                // A rate curve may touch zero (`0`, `0/s`, `0/min`): it is zero outside its points anyway.
                if let text = pair[1].scalarText, let zero = Double(text), zero == 0 { v = 0 } else { v = c.rateOrZero(pair[1]) }
            } else {
                v = c.number(pair[1], min: 0)
            }
            guard let v else { failed = true; continue }
            if let last = result.last, t <= last.0 {
                c.error(pair[0].location, "curve point at \(Units.formatClock(t)) is not after the previous one at \(Units.formatClock(last.0))", expected: "increasing clock times")
                failed = true; continue
            }
            result.append((t, v))
        }
        if !failed, result.allSatisfy({ $0.1 == 0 }) {
            c.error(node.location, "the curve is zero everywhere", expected: "at least one positive value")
            failed = true
        }
        return failed ? nil : result
    }

    /// Reads a CSV intent curve from `notebooks-data/`.
    func csvCurve(_ node: ConfigNode, timeColumn: String, rateColumn: String, window: ClosedRange<Double>,
                  interpolation: RateCurve.Interpolation) -> RelativeCurve? {
        let c = context
        guard let file = c.text(node) else { return nil }
        guard let folder = dataFolder else {
            c.error(node.location, "no `notebooks-data/` folder found next to the models tree", expected: "the CSV under notebooks-data/")
            return nil
        }
        guard !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
            c.error(node.location, "CSV path `\(file)` leaves `notebooks-data/`", expected: "a path relative to notebooks-data/, without `..`")
            return nil
        }
        let path = folder + "/" + file
        // A symbolic link inside notebooks-data/ may point anywhere: check where it leads.
        guard Paths.isInside(Paths.canonical(path), folder: folder) else {
            c.error(node.location, "CSV path `\(file)` leads out of `notebooks-data/` through a symbolic link", expected: "a file inside notebooks-data/")
            return nil
        }
        guard case .success(let source) = SourceReader.read(path: path, displayName: file) else {
            c.error(node.location, "cannot read CSV file `\(file)` in notebooks-data/", expected: "an existing UTF-8 CSV file")
            return nil
        }
        switch CSVCurve.parse(source.text, timeColumn: timeColumn, rateColumn: rateColumn) {
        case .failure(let problem):
            c.error(node.location, "CSV `\(file)`: \(problem.message)", expected: "columns `\(timeColumn)` (clock times) and `\(rateColumn)` (numbers ≥ 0)")
            return nil
        case .success(let points):
            guard points.count >= 2 else {
                c.error(node.location, "CSV `\(file)` has fewer than 2 rows", expected: "at least 2 points"); return nil
            }
            for (i, p) in points.enumerated() {
                if !window.contains(p.0) {
                    c.error(node.location, "CSV `\(file)` row \(i + 2): \(Units.formatClock(p.0)) is outside the clock window \(Units.formatClock(window.lowerBound))–\(Units.formatClock(window.upperBound))", expected: "times between `start` and `end`")
                    return nil
                }
                if i > 0, p.0 <= points[i - 1].0 {
                    c.error(node.location, "CSV `\(file)` row \(i + 2): time not after the previous row", expected: "increasing times"); return nil
                }
            }
            return RelativeCurve(times: points.map(\.0), rates: points.map(\.1), interpolation: interpolation, file: file)
        }
    }

    // MARK: Sources

    mutating func source(_ node: ConfigNode, window: ClosedRange<Double>) -> PoissonSource? {
        let c = context
        guard let f = c.fields(node, Schema.source) else { return nil }
        guard let id = f.value("id", c.identifier) else { return nil }
        c.define("source", id, at: f["id"]!.location)
        let pool = f.value("pool", c.identifier)
        refer("pool", f["pool"], pool, usedBy: "source `\(id)`")
        let kind = f.value("kind") { c.choice($0, RequestKind.allCases.map(\.rawValue)) }.flatMap(RequestKind.init(rawValue:))
        let patience = f.value("patience") { c.distribution($0, .duration) }
        let interpolation = f.value("interpolation") { c.choice($0, ["linear", "step"]) }
        var rate: Double? = nil
        var curve: RelativeCurve? = nil
        switch (f["rate"], f["rate_curve"]) {
        case (let r?, nil): rate = c.rate(r)
        case (nil, let k?):
            if let pts = points(k, window: window, rate: true) {
                curve = RelativeCurve(times: pts.map(\.0), rates: pts.map(\.1), interpolation: interpolation == "step" ? .stepwise : .linear, file: nil)
            }
        case (_?, let k?): c.error(k.location, "give `rate` or `rate_curve`, not both", expected: "one of them")
        case (nil, nil): c.error(node.location, "source `\(id)` has no `rate` or `rate_curve`", expected: "`rate: 9/s`")
        }
        guard let pool, let kind, rate != nil || curve != nil else { return nil }
        return PoissonSource(id: id, label: f["label"].flatMap { c.text($0) }, rate: rate, rateCurve: curve, pool: pool, kind: kind, patience: patience)
    }
}

/// Reads a two-column curve from CSV text (RFC 4180 subset: a header row, comma or
/// semicolon separated, optional double quotes).
enum CSVCurve {
    struct Problem: Error { var message: String }

    static func parse(_ text: String, timeColumn: String, rateColumn: String) -> Result<[(Double, Double)], CSVCurve.Problem> {
        let rows = text.split(whereSeparator: \.isNewline).map { String($0) }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = rows.first else { return .failure(Problem(message: "the file is empty")) }
        let separator: Character = header.contains(";") && !header.contains(",") ? ";" : ","
        func cells(_ row: String) -> [String] {
            row.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        let names = cells(header)
        guard let ti = names.firstIndex(of: timeColumn) else { return .failure(Problem(message: "no column `\(timeColumn)`\(Suggestions.didYouMean(timeColumn, names))")) }
        guard let ri = names.firstIndex(of: rateColumn) else { return .failure(Problem(message: "no column `\(rateColumn)`\(Suggestions.didYouMean(rateColumn, names))")) }
        var points: [(Double, Double)] = []
        for (n, row) in rows.dropFirst().enumerated() {
            let c = cells(row)
            guard c.count > max(ti, ri) else { return .failure(Problem(message: "row \(n + 2) has too few cells")) }
            guard case .success(let t) = Units.clock(c[ti]) else { return .failure(Problem(message: "row \(n + 2): `\(c[ti])` is not a clock time")) }
            guard case .success(let r) = Units.number(c[ri].replacingOccurrences(of: separator == ";" ? "," : "\u{0}", with: ".")), r >= 0 else {
                return .failure(Problem(message: "row \(n + 2): `\(c[ri])` is not a rate ≥ 0"))
            }
            points.append((t, r))
        }
        guard points.contains(where: { $0.1 > 0 }) else { return .failure(Problem(message: "every rate is zero")) }
        return .success(points)
    }
}
