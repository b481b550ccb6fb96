/// The `calibration:` and `observations:` blocks (docs/calibration.md).
extension Schema {
    static let calibration = KeyTable(name: "calibration", title: "Calibration parameter (`calibration[]`)", summary: "An uncertain parameter `affluence calibrate` varies: a scenario path and the range its value may take, or a factor over several of the model's values (`scales`), when one uncertain coefficient sets them all (every pool's capacity from one rule).", keys: [
        KeySpec("id", "identifier", .optional("the path"), "Name of the parameter's column in the calibration's files; required with `scales`.", example: "id: capacity_factor"),
        KeySpec("path", "override path", .optional("give `scales`"), "The value varied, as `--set` names it. Give `path` or `scales`.", example: "path: sources[id=arrivals].rate"),
        KeySpec("scales", "list of override paths", .optional("give `path`"), "The parameter is a factor: each listed value is set to the model's own value there times the parameter (its unit and suffix kept, `200k` × 0.8 = `160k`). The model must write a number at each path.", example: "scales: [pools.ode_idf.servers, pools.ode_hdf.servers]"),
        KeySpec("range", "[low, high]", .required, "The values it may take: two numbers in one unit (`[5/s, 9.9/s]`, `[20min, 90min]`, `[100k, 300k]`, `[07:30, 08:30]`; a plain factor such as `[0.5, 2]` with `scales`), low below high.", example: "range: [5/s, 9.9/s]"),
        KeySpec("scale", "linear | log", .defaulted("linear"), "How values spread over the range: evenly, or evenly in their logarithm (for a range over orders of magnitude; both bounds above 0).", example: "scale: log"),
        KeySpec("whole", "boolean", .defaulted("false"), "Round each value to a whole number (servers, caps); with `scales`, each scaled value.", example: "whole: true"),
        KeySpec("template", "text with {}", .optional("the value itself"), "The override's text, `{}` standing for the value: for one number inside a larger value (with `path` only).", example: "template: \"exponential(mean: {})\""),
        KeySpec("label", "text", .optional("the path"), "The name reports use.", example: "label: Arrival rate"),
    ])

    static let observation = KeyTable(name: "observation", title: "Observation (`observations[]`)", summary: "A fact observed on the real system, which calibration matches (`role: fit`) or only predicts (`role: holdout`).", keys: [
        KeySpec("id", "identifier", .required, "Name used in the calibration's outputs.", example: "id: cned-peak"),
        KeySpec("metric", "metric name", .required, "What was observed (see the metric list).", example: "metric: mean_wait"),
        KeySpec("entity", "identifier", .optional("the only entity with the metric"), "Pool, segment, platform or attack observed.", example: "entity: servers"),
        KeySpec("at", "clock time", .optional("the whole run after warm-up"), "A single instant: the report interval holding it.", example: "at: 10:00"),
        KeySpec("from", "clock time", .optional("the start after warm-up"), "Start of the window observed.", example: "from: 08:00"),
        KeySpec("to", "clock time", .optional("the end"), "End of the window observed.", example: "to: 09:00"),
        KeySpec("aggregate", "mean | sum | max | min", .optional("the metric's own rule: counts summed, levels and shares averaged"), "How a window's report intervals combine.", example: "aggregate: max"),
        KeySpec("value", "number, duration, rate, share or clock time", .required, "The observed value.", example: "value: 0.6687s"),
        KeySpec("sd", "absolute | relative %", .optional("give `interval`"), "Standard deviation of the observation's error: an amount in the value's unit, or a share `5%` of the value. Give `sd` or `interval`.", example: "sd: 5%"),
        KeySpec("interval", "[low, high]", .optional("give `sd`"), "A 95% interval for the observation instead of `sd` (sd = width / 3.92; `value` must lie inside it).", example: "interval: [450k, 550k]"),
        KeySpec("discrepancy", "absolute | relative %", .defaulted("0"), "Standard deviation of the model's own error at the right parameters (what it leaves out), in the same forms as `sd`.", example: "discrepancy: 10%"),
        KeySpec("single_day", "boolean", .defaulted("false"), "The value is one day's outcome rather than an expected value, so the run-to-run spread of the simulation is added to the uncertainty.", example: "single_day: true"),
        KeySpec("source", "text", .optional("none"), "Where the value comes from.", example: "source: \"Le Monde, 6 April 2021\""),
        KeySpec("role", "fit | holdout", .defaulted("fit"), "`fit`: rules out the parameter values that cannot reproduce it. `holdout`: never rules anything out; calibrate reports whether the plausible set predicts it.", example: "role: holdout"),
    ])
}
