extension Schema {
    static let knob = KeyTable(name: "knob", title: "Knob (`knobs[]`)", summary: "A control of the what-if page (`affluence serve`): a value at a scenario path that planners may move within a range, or a choice among the model's policies. A knob's value is applied as `--set path=value` would be; the page starts from the model's own value, so the path must name a value the model writes.", keys: [
        KeySpec("id", "identifier", .required, "Name of the knob in the page's address (`?servers=40`).", example: "id: servers"),
        KeySpec("label", "text", .optional("the id"), "What the page shows next to the control.", example: "label: Île-de-France ENT servers"),
        KeySpec("path", "override path", .optional("a policy knob (give `policies`)"), "The scenario path the knob sets, as `--set` writes it; the model must write a value there.", example: "path: pools.ode_idf.servers"),
        KeySpec("range", "list of two numbers", .optional("a policy knob"), "Lowest and highest value, in the knob's unit.", example: "range: [10, 60]"),
        KeySpec("step", "number", .defaulted("1"), "Step between values, in the knob's unit.", example: "step: 5"),
        KeySpec("unit", "none | % | ms | s | min | h | /s | /min | /h", .defaulted("none"), "The unit the value is written in: the knob's `80` under `%` sets `80%`.", example: "unit: \"%\""),
        KeySpec("policies", "list of policy names", .optional("a number knob (give `path` and `range`)"), "A policy knob: the policies it chooses among; `base` is the model as written.", example: "policies: [base, P1, P2]"),
    ])
}

extension ScenarioDecoder {
    /// The `knobs:` block: each knob's path must name a value the document (after `extends:`,
    /// `set:`, `--set` and the policy) writes, in the knob's unit; a policy knob's choices
    /// must be `base` or the model's policies.
    func knobs(_ node: ConfigNode, root: ConfigNode) -> [Knob]? {
        let policyNames = root["policies"]?.entries?.map(\.key) ?? []
        var seen: [String: Location] = [:]
        return context.list(node, "knobs") { item -> Knob? in
            let c = context
            guard let f = c.fields(item, Schema.knob), let id = f.value("id", c.identifier) else { return nil }
            if let first = seen[id] {
                c.error(f["id"]!.location, "duplicate knob id `\(id)` (first defined at \(first.line):\(first.column))", expected: "unique knob ids")
                return nil
            }
            seen[id] = f["id"]!.location
            let label = f.value("label", c.text) ?? id
            if let choicesNode = f["policies"] {
                for key in ["path", "range", "unit"] where f.has(key) {
                    c.error(f[key]!.location, "a policy knob has no `\(key)`", expected: "`policies:` alone, or `path:` and `range:` without `policies:`")
                }
                guard let names = c.identifiers(choicesNode) else { return nil }
                guard c.requireItems(choicesNode, "knob `\(id)` chooses among no policies", expected: "`policies: [base, P1]`") else { return nil }
                var ok = true
                for (n, name) in names.enumerated() where name != "base" && !policyNames.contains(name) {
                    let at = choicesNode.items?[n].location ?? choicesNode.location
                    c.error(at, "`\(name)` is not a policy of this model\(Suggestions.didYouMean(name, policyNames))",
                            expected: policyNames.isEmpty ? "`base` (the model declares no `policies:`)" : "`base` or one of \(policyNames.joined(separator: ", "))")
                    ok = false
                }
                guard ok else { return nil }
                return Knob(id: id, label: label, kind: .policy(choices: names), modelValue: .policy(names.contains("base") ? "base" : names[0]),
                            location: item.location)
            }
            guard let pathNode = f["path"] else {
                c.error(item.location, "knob `\(id)` has neither `path` nor `policies`", expected: "`path: pools.web.servers` with `range: [2, 20]`, or `policies: [base, P1]`")
                return nil
            }
            guard let rangeNode = f["range"] else {
                c.error(item.location, "missing key `range` in knob `\(id)`", expected: "`range: [10, 60]`")
                return nil
            }
            let unit = f.value("unit") { n -> KnobUnit? in
                guard let word = c.choice(n, KnobUnit.names) else { return nil }
                return KnobUnit(name: word)
            }
            let step = f.value("step") { c.number($0, above: 0) }
            guard let pathScalar = c.scalar(pathNode, "an override path such as `pools.ode_idf.servers`") else { return nil }
            let path: OverridePath
            switch OverridePath.parse(pathScalar.text) {
            case .failure(let failure):
                c.error(pathScalar.location.shifted(by: failure.offset), failure.message, expected: failure.expected)
                return nil
            case .success(let p): path = p
            }
            if case .key(let head) = path.steps[0], OverrideApplier.fixedKeys[head] != nil || head == "knobs" || head == "set" {
                c.error(pathScalar.location, "a knob cannot set `\(head)`", expected: "a path to a model value, e.g. `pools.ode_idf.servers`")
                return nil
            }
            var range: ClosedRange<Double>?
            if let bounds = rangeNode.items, bounds.count == 2 {
                let low = c.number(bounds[0]), high = c.number(bounds[1])
                if let low, let high {
                    if low < high { range = low...high } else {
                        c.error(bounds[1].location, "the range's end \(KnobUnit.format(high)) is not above its start \(KnobUnit.format(low))", expected: "`range: [low, high]` with low < high")
                    }
                }
            } else {
                c.error(rangeNode.location, "`range` must be a list of two numbers, found \(rangeNode.kindName)", expected: "`range: [10, 60]`")
            }
            guard let range, let unit, let step else { return nil }
            guard let current = root.value(at: path) else {
                c.error(pathScalar.location, "knob `\(id)`: the model writes no value at `\(path.text)`",
                        expected: "a path to a value the model (or a file it extends) writes, so the page starts from it")
                return nil
            }
            guard case .scalar(let s) = current, let x = unit.value(of: s.text) else {
                c.error(current.location, "knob `\(id)`: the model's value `\(current.flowText)` at `\(path.text)` is not a \(unit == .none ? "number" : "value in `\(unit.rawValue)`")",
                        expected: "a knob `unit` matching the value's (\(KnobUnit.names.joined(separator: ", ")))")
                return nil
            }
            return Knob(id: id, label: label, kind: .number(path: path.text, range: range, step: step, unit: unit),
                        modelValue: .number(x), location: item.location)
        }
    }
}

extension ConfigNode {
    /// The node at `path` in this document (a key of a mapping, an item of a list by id or
    /// index, as overrides walk it), or nil when the document writes nothing there.
    func value(at path: OverridePath) -> ConfigNode? {
        var node = self
        for step in path.steps {
            switch (node, step) {
            case (.mapping(let entries, _), .key(let key)):
                guard let next = entries.first(where: { $0.key == key })?.value else { return nil }
                node = next
            case (.sequence(let items, _), .key(let id)), (.sequence(let items, _), .id(let id)):
                guard let next = items.first(where: { $0.itemID == id }) else { return nil }
                node = next
            case (.sequence(let items, _), .index(let n)):
                guard n < items.count else { return nil }
                node = items[n]
            default:
                return nil
            }
        }
        return node.isNull ? nil : node
    }
}
