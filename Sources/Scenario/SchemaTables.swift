import Metrics

/// The scenario language, key by key. See ``KeySpec`` for how these tables are used.
enum Schema {
    static let durationDistribution = "distribution (duration)"
    static let countDistribution = "distribution (count)"

    static let root = KeyTable(name: "scenario", title: "Scenario (top level)", summary: "The file itself: what is simulated, when, how often, and what is expected.", keys: [
        KeySpec("version", "integer", .required, "Version of the scenario language; always `1` for now, and written first.", example: "version: 1"),
        KeySpec("name", "text", .optional("the file name"), "A short title for reports.", example: "name: Mardi 6 avril 2021"),
        KeySpec("description", "text", .optional("none"), "Free text for readers.", example: "description: ENT saturation, quota P1"),
        KeySpec("extends", "path", .optional("none"), "A base scenario this file modifies, relative to this file and inside the models tree; maps merge, lists of items with `id` merge by id (`{id: x, remove: true}` removes item x), other lists replace.", example: "extends: ../france-2021-04-06.yaml"),
        KeySpec("date", "date", .optional("none"), "The calendar day the clock times refer to (YYYY-MM-DD).", example: "date: 2021-04-06"),
        KeySpec("start", "clock time", .defaulted("00:00"), "Clock time at which the simulation starts; simulation time is seconds from here.", example: "start: 06:00"),
        KeySpec("end", "clock time", .optional("`start` + `duration`"), "Clock time at which the simulation ends (hours past 23 continue into the next day). Give `end` or `duration`.", example: "end: 20:00"),
        KeySpec("duration", "duration", .optional("`end` − `start`"), "Length of the simulated window, instead of `end`.", example: "duration: 100h"),
        KeySpec("warmup", "duration", .defaulted("0s"), "Initial period left out of the statistics (steady-state models).", example: "warmup: 2h"),
        KeySpec("report_interval", "duration", .defaulted("1min"), "Width of the intervals of the time-series output.", example: "report_interval: 5min"),
        KeySpec("replications", "count", .defaulted("1"), "Independent replications to run.", example: "replications: 20"),
        KeySpec("seed", "integer", .defaulted("1"), "Master seed from which every random stream is derived.", example: "seed: 20210406"),
        KeySpec("sample", "share", .defaulted("100%"), "Share of the population simulated: a scale model that simulates this share of the users against the same share of every capacity (pool workers and queues, session caps, waiting-room and token-bucket rates, attack rates) and reports counts scaled back to the full population. Shares, times and utilisations are estimated as at full scale; small pools and caps lose accuracy (docs/scenario-format.md, \"Sampling\").", example: "sample: 10%"),
        KeySpec("event_limit", "count", .defaulted("5G"), "The loader refuses a model whose estimated event count is above this, before running it.", example: "event_limit: 20G"),
        KeySpec("behaviours", "list", .defaulted("[]"), "User behaviour profiles; a profile `default` with every default value always exists unless redefined.", example: "behaviours: [{id: default, think_time: exponential(mean: 75s)}]", shape: .list, child: "behaviour"),
        KeySpec("segments", "list", .defaulted("[]"), "Populations of users that try to connect.", example: "segments: [{id: hdf-secondary, size: 533k, …}]", shape: .list, child: "segment"),
        KeySpec("sources", "list", .defaulted("[]"), "Textbook Poisson sources feeding a pool directly, one request per visit.", example: "sources: [{id: arrivals, rate: 0.9/s, pool: server}]", shape: .list, child: "source"),
        KeySpec("platforms", "list", .defaulted("[]"), "Platforms users log in to, with their pools, gates and single sign-on.", example: "platforms: [{id: ode_hdf, pools: [ode_hdf]}]", shape: .list, child: "platform"),
        KeySpec("pools", "list", .defaulted("[]"), "Server pools that serve requests.", example: "pools: [{id: ode_hdf, servers: 40, service_time: exponential(mean: 80ms)}]", shape: .list, child: "pool"),
        KeySpec("services", "list", .defaulted("[]"), "Shared services used by several platforms (a national single sign-on).", example: "services: [{id: educonnect, pool: educonnect}]", shape: .list, child: "service"),
        KeySpec("gates", "list", .defaulted("[]"), "Admission and quota policies platforms put at their door.", example: "gates: [{id: quota, session_cap: {max_sessions: 150k}}]", shape: .list, child: "gate"),
        KeySpec("attacks", "list", .defaulted("[]"), "Attack traffic classes and their mitigation.", example: "attacks: [{id: ddos, target: cned_mcalm, rate: 500k/s, windows: [{from: 08:00, to: 10:00}]}]", shape: .list, child: "attack"),
        KeySpec("set", "map of path → value", .defaulted("{}"), "Overrides applied right after `extends:`, before `--set`, with the same paths (what the what-if page's \"Save as scenario\" writes).", example: "set: {pools.ode_idf.servers: 40}"),
        KeySpec("policies", "map of name → policy", .defaulted("{}"), "Named variants of this scenario, each a set of overrides applied after `extends:` and `--set`.", example: "policies: {P0: {set: {platforms.ode_hdf.gate: []}}}", shape: .namedMap, child: "policy"),
        KeySpec("saturation", "mapping", .defaulted("{}"), "When a pool or platform counts as saturated: the thresholds of server overload and admission refusal (docs/csv-format.md, \"Saturation: overload and refusal\").", example: "saturation: {utilization: 90%, sustain: 10min}", shape: .mapping, child: "saturation"),
        KeySpec("expect", "list", .defaulted("[]"), "Expected results the check command compares the simulation with.", example: "expect: [{metric: utilization, entity: server, value: 0.9, tolerance: 2%}]", shape: .list, child: "expect"),
        KeySpec("calibration", "list", .defaulted("[]"), "The uncertain parameters `affluence calibrate` varies (docs/calibration.md).", example: "calibration: [{path: sources[id=arrivals].rate, range: [5/s, 9.9/s]}]", shape: .list, child: "calibration"),
        KeySpec("observations", "list", .defaulted("[]"), "What was observed on the real system: the facts calibration fits or holds out (docs/calibration.md).", example: "observations: [{id: wait, metric: mean_wait, entity: servers, value: 0.6687s, sd: 5%}]", shape: .list, child: "observation"),
        KeySpec("knobs", "list", .defaulted("[]"), "Controls of the what-if page (`affluence serve`): paths planners may move within a range, or a choice of policy.", example: "knobs: [{id: servers, path: pools.ode_idf.servers, range: [10, 60], step: 2}]", shape: .list, child: "knob"),
    ])

    static let behaviour = KeyTable(name: "behaviour", title: "Behaviour profile (`behaviours[]`)", summary: "How users of a segment browse, wait and retry. Segments refer to a profile by id.", keys: [
        KeySpec("id", "identifier", .required, "Name segments use in `behaviour:`.", example: "id: pupil"),
        KeySpec("pages_per_session", countDistribution, .defaulted("8"), "Pages viewed per session; a draw x is rounded up to a whole page, at least 1 (so `exponential(mean: 7.49)` is 1 + geometric with mean 8).", example: "pages_per_session: exponential(mean: 7.49)"),
        KeySpec("think_time", durationDistribution, .defaulted("exponential(mean: 75s)"), "Time between two pages of a session.", example: "think_time: exponential(mean: 75s)"),
        KeySpec("requests_per_page", countDistribution, .defaulted("12"), "Dynamic backend requests a page costs (static assets excluded).", example: "requests_per_page: 12"),
        KeySpec("login_cost", "number", .defaulted("6"), "Cost of a login in page-equivalents (SSO redirects, portal widgets).", example: "login_cost: 6"),
        KeySpec("client_timeout", "duration", .defaulted("30s"), "How long a user waits for a page before reloading or giving up.", example: "client_timeout: 30s"),
        KeySpec("reload_on_timeout", "share", .defaulted("100%"), "Probability that a timed-out user reloads (the rest give up the session).", example: "reload_on_timeout: 80%"),
        KeySpec("patience", durationDistribution, .defaulted("exponential(mean: 45min)"), "Total time a user keeps trying to get in before giving up.", example: "patience: exponential(mean: 45min)"),
        KeySpec("retry_delay", durationDistribution, .defaulted("mixture(0.4: exponential(mean: 15s), 0.6: exponential(mean: 3min))"), "Delay before retrying after a refusal or a timeout (quick F5 vs come back later).", example: "retry_delay: exponential(mean: 1min)"),
        KeySpec("retry_probability", "share", .defaulted("100%"), "Probability of retrying after each refusal or timeout (patience still applies).", example: "retry_probability: 90%"),
        KeySpec("retry_limit", "count", .optional("unlimited (patience decides)"), "Most retries per visit.", example: "retry_limit: 10"),
        KeySpec("relogin", "mapping", .defaulted("{}"), "What a user does after a forced logout.", example: "relogin: {probability: 80%, delay: exponential(mean: 60s)}", shape: .mapping, child: "relogin"),
        KeySpec("comeback", "mapping", .optional("abandoners do not return"), "Users who gave up may return once later.", example: "comeback: {probability: 50%, at: 13:30, sd: 20min}", shape: .mapping, child: "comeback"),
        KeySpec("adaptive_throttling", "mapping", .optional("no client throttling"), "The user's client (one per user) rejects a login attempt or page request locally, before sending it, with probability max(0, (requests − k·accepts)/(requests + 1)) over a sliding window (Google SRE ch. 21); a local rejection costs the servers nothing and counts as a failed attempt.", example: "adaptive_throttling: {k: 2, window: 2min}", shape: .mapping, child: "adaptive_throttling"),
        KeySpec("retry_budget", "mapping", .optional("no budget (`retry_limit` and patience decide)"), "The client retries a login or a page at most `max_attempts` times in all, and only while its retries are below `ratio` × its requests; a retry the budget refuses ends the attempt as giving up.", example: "retry_budget: {max_attempts: 3, ratio: 10%}", shape: .mapping, child: "retry_budget"),
        KeySpec("backoff", "mapping", .optional("`retry_delay` decides"), "Capped exponential backoff with jitter: replaces `retry_delay` for login retries and page reloads.", example: "backoff: {initial: 1s, multiplier: 1.6, max: 120s, jitter: 20%}", shape: .mapping, child: "backoff"),
    ])

    static let adaptiveThrottling = KeyTable(name: "adaptive_throttling", title: "Client adaptive throttling (`behaviours[].adaptive_throttling`)", summary: "Google SRE's client-side throttling, run by each user's client on that user's own requests (login attempts and page requests, retries included).", keys: [
        KeySpec("k", "number", .defaulted("2"), "Requests allowed per accepted request before the client starts rejecting locally (K > 0; 2 in SRE).", example: "k: 2"),
        KeySpec("window", "duration", .defaulted("2min"), "Width of the sliding window over which requests and accepts are counted.", example: "window: 2min"),
    ])

    static let retryBudget = KeyTable(name: "retry_budget", title: "Client retry budget (`behaviours[].retry_budget`)", summary: "Per request and per client limits on retries (Google SRE ch. 21).", keys: [
        KeySpec("max_attempts", "count", .defaulted("3"), "Most attempts per request: a login round or a page, the first try included.", example: "max_attempts: 3"),
        KeySpec("ratio", "share", .defaulted("10%"), "A retry is allowed only while the client's retries are below this share of its requests (over the visit; `100%`: no per-client limit).", example: "ratio: 10%"),
    ])

    static let backoff = KeyTable(name: "backoff", title: "Capped exponential backoff (`behaviours[].backoff`)", summary: "Retry n waits min(max, initial · multiplierⁿ⁻¹), then jittered (gRPC connection backoff defaults).", keys: [
        KeySpec("initial", "duration", .defaulted("1s"), "Delay before the first retry, before jitter.", example: "initial: 1s"),
        KeySpec("multiplier", "number", .defaulted("1.6"), "Factor between consecutive delays (at least 1).", example: "multiplier: 1.6"),
        KeySpec("max", "duration", .defaulted("120s"), "Cap on the delay before jitter (at least `initial`).", example: "max: 120s"),
        KeySpec("jitter", "share or `full`", .defaulted("20%"), "A share j: the capped delay times a uniform factor in [1 − j, 1 + j] (gRPC); `full`: uniform between 0 and the capped delay (Amazon's full jitter).", example: "jitter: full"),
    ])

    static let relogin = KeyTable(name: "relogin", title: "Re-login after a forced logout (`relogin`)", summary: "Behaviour after a session time limit or idle timeout logs a user out.", keys: [
        KeySpec("probability", "share", .defaulted("80%"), "Probability that the user tries to log in again.", example: "probability: 80%"),
        KeySpec("delay", durationDistribution, .defaulted("exponential(mean: 60s)"), "Delay before that new attempt.", example: "delay: exponential(mean: 60s)"),
    ])

    static let comeback = KeyTable(name: "comeback", title: "Return after giving up (`comeback`)", summary: "A second chance for users whose patience ran out.", keys: [
        KeySpec("probability", "share", .required, "Share of abandoners who return once.", example: "probability: 50%"),
        KeySpec("at", "clock time", .required, "Mean clock time of the return.", example: "at: 13:30"),
        KeySpec("sd", "duration", .defaulted("0s"), "Standard deviation of the return time.", example: "sd: 20min"),
    ])

    static let segment = KeyTable(name: "segment", title: "Segment (`segments[]`)", summary: "A population (secondary pupils of a region, teachers…) with its size, platforms and intent curve.", keys: [
        KeySpec("id", "identifier", .required, "Name used in reports, gates and overrides.", example: "id: hdf-secondary"),
        KeySpec("label", "text", .optional("the id"), "A name for people: the report and the stdout summary show it instead of the id (files keep the id).", example: "label: Île-de-France secondary pupils"),
        KeySpec("region", "text", .optional("none"), "Region the segment belongs to, for grouping in reports.", example: "region: HDF"),
        KeySpec("size", "count", .required, "Number of people in the segment.", example: "size: 533_088"),
        KeySpec("active_share", "share", .defaulted("100%"), "Share of the segment that tries to connect that day.", example: "active_share: 85%"),
        KeySpec("platforms", "platform id, or list", .required, "Platform(s) the segment uses: an id, a list of ids, or a list of `{platform, share}` (shares of the active members using each).", example: "platforms: [{platform: ode_hdf, share: 100%}, {platform: cned_mcalm, share: 12%}]", shape: .list, child: "platform_use"),
        KeySpec("behaviour", "identifier", .defaulted("default"), "Behaviour profile of the segment's users.", example: "behaviour: pupil"),
        KeySpec("intent", "mapping", .required, "When members want to connect: a mixture of normal bumps, piecewise-linear curves, CSV curves and class cohorts whose shares add up to 100%, plus repeat visits.", example: "intent: {bumps: [{share: 100%, at: 08:10, sd: 25min}]}", shape: .mapping, child: "intent"),
    ])

    static let platformUse = KeyTable(name: "platform_use", title: "Platform use (`segments[].platforms[]`)", summary: "Which platform a segment uses and how many of its active members use it.", keys: [
        KeySpec("platform", "identifier", .required, "A platform id.", example: "platform: cned_mcalm"),
        KeySpec("share", "share", .defaulted("100%"), "Share of the segment's active members using this platform (shares of several platforms may add up to more than 100%: people use several).", example: "share: 12%"),
    ])

    static let intent = KeyTable(name: "intent", title: "Intent curve (`segments[].intent`)", summary: "The first-visit time profile as a mixture (component shares add up to 100%), plus repeat visits.", keys: [
        KeySpec("bumps", "list", .defaulted("[]"), "Normal bumps: a share of first visits around a clock time.", example: "bumps: [{share: 70%, at: 08:10, sd: 25min}]", shape: .list, child: "bump"),
        KeySpec("curves", "list", .defaulted("[]"), "Piecewise-linear curves of relative rate over clock time.", example: "curves: [{share: 30%, points: [[07:00, 0], [08:00, 1], [12:00, 0]]}]", shape: .list, child: "curve"),
        KeySpec("csv", "list", .defaulted("[]"), "Empirical curves read from a CSV file under `notebooks-data/`.", example: "csv: [{share: 100%, file: login-curve.csv}]", shape: .list, child: "csv_curve"),
        KeySpec("cohorts", "list", .defaulted("[]"), "Class-timetable cohorts: a share of first visits that arrive class by class at lesson starts, in correlated bursts.", example: "cohorts: [{share: 60%, starts: [08:00, 09:00], class_size: 25, class_sd: 3min, member_sd: 2min}]", shape: .list, child: "cohorts"),
        KeySpec("repeats", "list", .defaulted("[]"), "Repeat visits (class-hour logins) after the first.", example: "repeats: [{at: [09:00, 10:00], offset: -8min, sd: 5min, probability: 60%}]", shape: .list, child: "repeat"),
    ])

    static let bump = KeyTable(name: "bump", title: "Normal bump (`intent.bumps[]`)", summary: "First visits normally distributed around a clock time.", keys: [
        KeySpec("share", "share", .defaulted("100%"), "Share of the first visits in this bump.", example: "share: 70%"),
        KeySpec("at", "clock time", .required, "Mean clock time.", example: "at: 08:10"),
        KeySpec("sd", "duration", .required, "Standard deviation.", example: "sd: 25min"),
    ])

    static let curve = KeyTable(name: "curve", title: "Piecewise-linear curve (`intent.curves[]`)", summary: "A relative rate over clock time, normalised so its area is the component's share.", keys: [
        KeySpec("share", "share", .defaulted("100%"), "Share of the first visits following this curve.", example: "share: 30%"),
        KeySpec("points", "list of [clock time, number]", .required, "At least two points with increasing times and relative rates ≥ 0; zero outside.", example: "points: [[07:00, 0], [08:00, 1], [12:00, 0]]"),
        KeySpec("interpolation", "linear | step", .defaulted("linear"), "Linear between points, or each rate held until the next point.", example: "interpolation: step"),
    ])

    static let csvCurve = KeyTable(name: "csv_curve", title: "CSV curve (`intent.csv[]`)", summary: "An empirical relative rate read from a CSV file with a header row.", keys: [
        KeySpec("share", "share", .defaulted("100%"), "Share of the first visits following this curve.", example: "share: 100%"),
        KeySpec("file", "path", .required, "File relative to the `notebooks-data/` folder next to the models tree.", example: "file: login-curve-2021-04-06.csv"),
        KeySpec("time_column", "text", .defaulted("time"), "Column holding clock times (`08:30`).", example: "time_column: clock"),
        KeySpec("rate_column", "text", .defaulted("rate"), "Column holding relative rates (numbers ≥ 0).", example: "rate_column: logins"),
        KeySpec("interpolation", "linear | step", .defaulted("linear"), "As for a piecewise-linear curve.", example: "interpolation: step"),
    ])

    static let cohorts = KeyTable(name: "cohorts", title: "Class cohorts (`intent.cohorts[]`)", summary: "First visits that arrive as whole classes: each class opens at one lesson start (+ `offset`, ± `class_sd`, the whole class together) and its members arrive around that moment (± `member_sd`). Classes are a Poisson process of `share` × active members ÷ mean class size classes; `sample:` scales the number of classes, never their size.", keys: [
        KeySpec("share", "share", .defaulted("100%"), "Share of the first visits that arrive as classes.", example: "share: 60%"),
        KeySpec("starts", "list of clock times", .required, "Lesson start times; each class picks one, in proportion to `weights`.", example: "starts: [08:00, 08:30, 09:00]"),
        KeySpec("weights", "list of numbers", .optional("equal"), "Relative share of the classes at each start (one number ≥ 0 per start).", example: "weights: [2, 1, 1]"),
        KeySpec("class_size", countDistribution, .required, "Members per class; a draw is rounded up to a whole member, at least 1 (the mean must be at least 1).", example: "class_size: 25"),
        KeySpec("offset", "signed duration", .defaulted("0s"), "Mean shift of a class's moment from its lesson start (negative: early), e.g. the teacher opening the virtual class a few minutes late.", example: "offset: 2min"),
        KeySpec("class_sd", "duration", .defaulted("0s"), "Standard deviation of a class's moment around start + offset: the whole class is late or early together (below 1s counts as 1s).", example: "class_sd: 3min"),
        KeySpec("member_sd", "duration", .defaulted("0s"), "Standard deviation of a member's arrival around their class's moment (below 1s counts as 1s).", example: "member_sd: 2min"),
    ])

    static let repeatVisits = KeyTable(name: "repeat", title: "Repeat visits (`intent.repeats[]`)", summary: "Visits after the first one, e.g. logins at the start of each class hour.", keys: [
        KeySpec("at", "list of clock times", .required, "Clock times of the repeat visits.", example: "at: [09:00, 10:00, 11:00, 13:30, 14:30, 15:30]"),
        KeySpec("offset", "signed duration", .defaulted("0s"), "Shift of the mean visit time from each listed time (negative: before).", example: "offset: -8min"),
        KeySpec("sd", "duration", .defaulted("0s"), "Standard deviation around each time.", example: "sd: 5min"),
        KeySpec("probability", "share", .defaulted("100%"), "Probability a member makes each repeat visit.", example: "probability: 60%"),
    ])

    static let source = KeyTable(name: "source", title: "Poisson source (`sources[]`)", summary: "The textbook form: a Poisson stream of single-request visits sent straight to a pool (M/M/c, M/G/1, M_t/G/∞…).", keys: [
        KeySpec("id", "identifier", .required, "Name used in reports.", example: "id: arrivals"),
        KeySpec("label", "text", .optional("the id"), "A name for people: the report and the stdout summary show it instead of the id (files keep the id).", example: "label: Monitoring probes"),
        KeySpec("rate", "rate", .optional("set by `rate_curve`"), "Constant arrival rate. Give `rate` or `rate_curve`.", example: "rate: 9/s"),
        KeySpec("rate_curve", "list of [clock time, rate]", .optional("constant `rate`"), "Time-varying rate λ(t) (M_t): points with increasing clock times, rates ≥ 0 (not all zero); zero outside.", example: "rate_curve: [[00:00, 1/s], [06:00, 5/s], [12:00, 1/s]]"),
        KeySpec("interpolation", "linear | step", .defaulted("linear"), "How `rate_curve` is read between points.", example: "interpolation: step"),
        KeySpec("pool", "identifier", .required, "Pool that serves the requests.", example: "pool: server"),
        KeySpec("kind", "page | login | refusal", .defaulted("page"), "Request kind, which picks the pool's service-time distribution.", example: "kind: page"),
        KeySpec("patience", durationDistribution, .optional("infinite: nobody abandons"), "Time a waiting request stays before abandoning (Erlang A's exponential patience).", example: "patience: exponential(mean: 2min)"),
    ])

    static let platform = KeyTable(name: "platform", title: "Platform (`platforms[]`)", summary: "An application users log in to.", keys: [
        KeySpec("id", "identifier", .required, "Name segments and overrides use.", example: "id: ode_hdf"),
        KeySpec("label", "text", .optional("the id"), "A name for people: the report and the stdout summary show it instead of the id (files keep the id).", example: "label: Île-de-France (monlycee.net / ENT IdF)"),
        KeySpec("pools", "pool id, or list", .required, "Pools serving the platform's requests, in tier order (front to back).", example: "pools: [ode_hdf_front, ode_hdf_back]"),
        KeySpec("gate", "gate id, or list", .defaulted("[]"), "Gates at the platform's door, applied in order (empty: no admission control).", example: "gate: [quota, session_limit]"),
        KeySpec("sso", "identifier", .optional("no shared sign-on"), "Shared single sign-on service used at login.", example: "sso: educonnect"),
        KeySpec("retry_amplification", "mapping", .optional("a retried login costs what a first one does"), "A login that follows k failed login attempts of the same visit (refusals, timed-out or rejected logins) costs min(`max`, `factor`^k) times a first login's work, on every pool of the login route (docs/scenario-format.md, \"Retry amplification\"); the platform then reports `login_work_amplification`.", example: "retry_amplification: {factor: 1.5, max: 4}", shape: .mapping, child: "retry_amplification"),
    ])

    static let retryAmplification = KeyTable(name: "retry_amplification", title: "Retry amplification (`platforms[].retry_amplification`)", summary: "Work amplification by retries: the k-th consecutive failed attempt makes the next login cost min(`max`, `factor`^k) first logins' work (service time scaled at every pool of the login route). k counts the visit's failed login attempts since its last successful login: refusals by a gate (at the edge, after the login, or \"come back at\"), logins timed out by the client and logins rejected by a full queue; an attempt the user's own client rejects locally never reached the platform and does not count.", keys: [
        KeySpec("factor", "number", .required, "Growth of the login's work per failed attempt before it (≥ 1; 1: no amplification).", example: "factor: 1.5"),
        KeySpec("max", "number", .required, "Most times a first login's work one login may cost (≥ 1).", example: "max: 4"),
    ])

    static let pool = KeyTable(name: "pool", title: "Server pool (`pools[]`)", summary: "Servers × workers request slots with a queue.", keys: [
        KeySpec("id", "identifier", .required, "Name platforms and overrides use.", example: "id: ode_hdf"),
        KeySpec("label", "text", .optional("the id"), "A name for people: the report and the stdout summary show it instead of the id (files keep the id).", example: "label: ENT IdF web servers"),
        KeySpec("servers", "count or `unlimited`", .required, "Number of servers at the start; `unlimited` makes an infinite-server pool (M/G/∞): every request is served at once, nobody waits, `utilization` and the `workers` series are undefined (empty), and `workers_per_server`, `queue_limit`, `drop_expired`, `capacity_schedule`, `autoscaling` and attacks on the pool are refused.", example: "servers: unlimited"),
        KeySpec("workers_per_server", "count", .defaulted("1"), "Requests one server handles at once.", example: "workers_per_server: 64"),
        KeySpec("service_time", "distribution, or mapping", .required, "Service time of one request: a distribution (for pages), or one per request kind.", example: "service_time: {page: lognormal(mean: 120ms, cv: 1.5), login: lognormal(mean: 700ms, cv: 1.5)}", shape: .mapping, child: "service_time"),
        KeySpec("queue_limit", "count", .optional("unlimited"), "Requests that may wait; beyond it a request is rejected at once (0 gives a loss system).", example: "queue_limit: 10_000"),
        KeySpec("drop_expired", "boolean", .defaulted("false"), "Whether work whose client has timed out is dropped instead of served.", example: "drop_expired: true"),
        KeySpec("capacity_schedule", "list", .defaulted("[]"), "Planned changes of the number of servers.", example: "capacity_schedule: [{at: 07:00, servers: 48}]", shape: .list, child: "capacity_step"),
        KeySpec("autoscaling", "mapping", .optional("no autoscaling"), "Servers added or removed on a metric, with a provisioning delay.", example: "autoscaling: {threshold: 80%, step: 4, provisioning_delay: 5min, max: 80}", shape: .mapping, child: "autoscaling"),
        KeySpec("service_level", "mapping", .optional("no service-level figures"), "Thresholds of a service objective; the pool then reports `p_wait_over_target` and `share_response_within_target`.", example: "service_level: {wait: 20s, response: 2s}", shape: .mapping, child: "service_level"),
    ])

    static let serviceLevel = KeyTable(name: "service_level", title: "Service level (`pools[].service_level`)", summary: "The thresholds a planner's service objective names; each is counted exactly as every request leaves (give at least one).", keys: [
        KeySpec("wait", "duration", .optional("no wait figure"), "Wait threshold t: the pool reports `p_wait_over_target`, the share of requests leaving its queue (served, abandoning or dropped) that waited longer than t (M/M/c: C(c, a)·e^{−(cμ−λ)t}).", example: "wait: 20s"),
        KeySpec("response", "duration", .optional("no response figure"), "Response threshold T (> 0): the pool reports `share_response_within_target`, the share of requests whose stay ended (served, rejected, abandoning or dropped) that were served within T of arriving at the pool.", example: "response: 2s"),
    ])

    static let serviceTime = KeyTable(name: "service_time", title: "Service times per request kind (`pools[].service_time`)", summary: "One distribution per request kind; a bare distribution means `page`.", keys: [
        KeySpec("page", durationDistribution, .required, "Service time of a page request.", example: "page: exponential(mean: 80ms)"),
        KeySpec("login", durationDistribution, .optional("`login_cost` pages"), "Service time of a login.", example: "login: lognormal(mean: 500ms, cv: 1)"),
        KeySpec("refusal", durationDistribution, .optional("free: refusals use no server time"), "Service time of a refusal page.", example: "refusal: 5ms"),
    ])

    static let capacityStep = KeyTable(name: "capacity_step", title: "Capacity change (`pools[].capacity_schedule[]`)", summary: "From a clock time on, the pool has this many servers.", keys: [
        KeySpec("at", "clock time", .required, "When the change takes effect.", example: "at: 07:00"),
        KeySpec("servers", "count", .required, "Servers from then on.", example: "servers: 48"),
    ])

    static let autoscaling = KeyTable(name: "autoscaling", title: "Autoscaling (`pools[].autoscaling`)", summary: "Adds `step` servers when the metric exceeds the threshold (checked every `interval`), each ready after the provisioning delay.", keys: [
        KeySpec("metric", "utilisation | queue_length", .defaulted("utilisation"), "What is watched.", example: "metric: queue_length"),
        KeySpec("threshold", "share or number", .defaulted("0.8"), "Scale out above this (a share such as 80% or 0.8 for utilisation, requests for queue length).", example: "threshold: 75%"),
        KeySpec("step", "count", .defaulted("1"), "Servers added per decision.", example: "step: 4"),
        KeySpec("provisioning_delay", "duration", .defaulted("5min"), "Time before a new server serves.", example: "provisioning_delay: 3min"),
        KeySpec("interval", "duration", .defaulted("1min"), "Time between two decisions.", example: "interval: 30s"),
        KeySpec("min", "count", .optional("the pool's `servers`"), "Fewest servers.", example: "min: 10"),
        KeySpec("max", "count", .required, "Most servers.", example: "max: 80"),
    ])

    static let service = KeyTable(name: "service", title: "Shared service (`services[]`)", summary: "A service several platforms call, such as a national single sign-on.", keys: [
        KeySpec("id", "identifier", .required, "Name platforms use in `sso:`.", example: "id: educonnect"),
        KeySpec("label", "text", .optional("the id"), "A name for people: the report and the stdout summary show it instead of the id (files keep the id).", example: "label: ÉduConnect"),
        KeySpec("kind", "sso", .defaulted("sso"), "What the service does (only single sign-on for now).", example: "kind: sso"),
        KeySpec("pool", "identifier", .required, "Pool that serves it.", example: "pool: educonnect"),
    ])

    static let gate = KeyTable(name: "gate", title: "Gate (`gates[]`)", summary: "An admission or quota policy: an id and exactly one kind key. A platform's `gate:` may list several, applied in order.", keys: [
        KeySpec("id", "identifier", .required, "Name platforms use in `gate:`.", example: "id: quota"),
        KeySpec("label", "text", .optional("the id"), "A name for people: the report and the stdout summary show it instead of the id (files keep the id).", example: "label: quota of 300k sessions"),
        KeySpec("pool", "identifier", .optional("the platform's first pool"), "Pool that serves the gate's refusal or waiting pages.", example: "pool: ode_idf_edge"),
        KeySpec("none", "nothing", .optional("—"), "No control (useful in a policy that removes a quota).", example: "none: {}"),
        KeySpec("session_cap", "mapping", .optional("—"), "Concurrent-session cap refusing with \"come back later\".", example: "session_cap: {max_sessions: 300k, refusal: edge, activation: 90%}", shape: .mapping, child: "session_cap"),
        KeySpec("session_time_limit", "mapping", .optional("—"), "Absolute session time limit with forced logout.", example: "session_time_limit: {limit: 30min}", shape: .mapping, child: "session_time_limit"),
        KeySpec("idle_timeout", "mapping", .optional("—"), "Logout after inactivity.", example: "idle_timeout: {limit: 15min}", shape: .mapping, child: "idle_timeout"),
        KeySpec("waiting_room", "mapping", .optional("—"), "A virtual waiting room.", example: "waiting_room: {order: fifo, outflow: rate, rate: 20k/min}", shape: .mapping, child: "waiting_room"),
        KeySpec("token_bucket", "mapping", .optional("—"), "New users per minute, total active users, renewing session duration.", example: "token_bucket: {new_users: 15k/min, max_active: 110k}", shape: .mapping, child: "token_bucket"),
        KeySpec("time_windows", "list", .optional("—"), "Segments admitted or barred during clock windows.", example: "time_windows: [{segments: [hdf-parents], from: 07:30, to: 17:30, action: deny}]", shape: .list, child: "time_window"),
        KeySpec("priority", "list", .optional("—"), "Shares of admission capacity reserved for segments.", example: "priority: [{segments: [idf-teachers], share: 10%}]", shape: .list, child: "reservation"),
    ])

    static let sessionCap = KeyTable(name: "session_cap", title: "Session cap (`gates[].session_cap`)", summary: "One in, one out on authenticated sessions; no queue, no position (the 6 April policy).", keys: [
        KeySpec("max_sessions", "count", .required, "Most concurrent sessions.", example: "max_sessions: 300k"),
        KeySpec("refusal", "edge | after_login", .defaulted("edge"), "Refuse before the login (cheap) or after it (costly).", example: "refusal: after_login"),
        KeySpec("activation", "share", .optional("always active"), "The cap switches on once active sessions reach this share of `max_sessions`.", example: "activation: 90%"),
        KeySpec("active_from", "clock time", .optional("the start"), "The cap is not applied before this time.", example: "active_from: 08:00"),
        KeySpec("active_until", "clock time", .optional("the end"), "The cap is not applied after this time.", example: "active_until: 18:00"),
    ])

    static let sessionTimeLimit = KeyTable(name: "session_time_limit", title: "Session time limit (`gates[].session_time_limit`)", summary: "Forced logout after an absolute session length.", keys: [
        KeySpec("limit", "duration", .required, "Session length at which users are logged out.", example: "limit: 30min"),
        KeySpec("jitter", durationDistribution, .optional("no jitter"), "Random extra time added to each session's limit, to avoid synchronised logout waves.", example: "jitter: uniform(0s, 20min)"),
    ])

    static let idleTimeout = KeyTable(name: "idle_timeout", title: "Idle timeout (`gates[].idle_timeout`)", summary: "Logout after a period without a page.", keys: [
        KeySpec("limit", "duration", .required, "Inactivity after which a session ends.", example: "limit: 15min"),
    ])

    static let waitingRoom = KeyTable(name: "waiting_room", title: "Waiting room (`gates[].waiting_room`)", summary: "Users queue before admission; the room lets them out at a rate or when a slot frees.", keys: [
        KeySpec("order", "fifo | random", .defaulted("fifo"), "Who leaves the room first.", example: "order: random"),
        KeySpec("outflow", "slot_freed | rate", .defaulted("rate"), "Admit when a session slot frees (needs `capacity`) or at a fixed `rate`.", example: "outflow: slot_freed"),
        KeySpec("rate", "rate", .optional("required when `outflow: rate`"), "Admissions per unit of time.", example: "rate: 12k/min"),
        KeySpec("capacity", "count", .optional("required when `outflow: slot_freed`"), "Most sessions admitted at once.", example: "capacity: 150k"),
        KeySpec("pre_queue_opens", "clock time", .optional("no pre-queue"), "Users arriving before `starts_at` wait in a pre-queue opened at this time, randomised at the start.", example: "pre_queue_opens: 07:30"),
        KeySpec("starts_at", "clock time", .optional("the start"), "When admissions begin.", example: "starts_at: 08:00"),
        KeySpec("shows_wait", "boolean", .defaulted("true"), "Whether users see their estimated wait.", example: "shows_wait: false"),
        KeySpec("balk_over", "duration", .optional("nobody balks"), "Users shown an estimated wait above this leave at once.", example: "balk_over: 30min"),
    ])

    static let tokenBucket = KeyTable(name: "token_bucket", title: "Token bucket (`gates[].token_bucket`)", summary: "Cloudflare-style: new users per minute, total active users, session duration renewed by activity.", keys: [
        KeySpec("new_users", "rate", .required, "New sessions admitted per unit of time.", example: "new_users: 15k/min"),
        KeySpec("burst", "count", .optional("one minute of `new_users`"), "Tokens the bucket holds.", example: "burst: 5k"),
        KeySpec("max_active", "count", .optional("unlimited"), "Most active sessions.", example: "max_active: 110k"),
        KeySpec("session_duration", "duration", .optional("sessions never expire"), "A session without activity for this long frees its slot.", example: "session_duration: 5min"),
        KeySpec("renewing", "boolean", .defaulted("true"), "Whether each page renews `session_duration`.", example: "renewing: false"),
    ])

    static let timeWindow = KeyTable(name: "time_window", title: "Time window (`gates[].time_windows[]`)", summary: "Admits or bars segments during a clock window.", keys: [
        KeySpec("segments", "list of segment ids", .required, "Segments the window applies to.", example: "segments: [hdf-parents]"),
        KeySpec("from", "clock time", .required, "Window start.", example: "from: 07:30"),
        KeySpec("to", "clock time", .required, "Window end.", example: "to: 17:30"),
        KeySpec("action", "deny | allow", .defaulted("deny"), "`deny`: barred during the window; `allow`: admitted only during their windows.", example: "action: allow"),
    ])

    static let reservation = KeyTable(name: "reservation", title: "Reserved share (`gates[].priority[]`)", summary: "A share of the gate's admission capacity kept for some segments.", keys: [
        KeySpec("segments", "list of segment ids", .required, "Segments with priority.", example: "segments: [idf-teachers]"),
        KeySpec("share", "share", .required, "Share of capacity reserved for them.", example: "share: 10%"),
    ])

    static let attack = KeyTable(name: "attack", title: "Attack (`attacks[]`)", summary: "A traffic class with its own rate profile, target, cost and mitigation. Intensities multiply the nominal rate.", keys: [
        KeySpec("id", "identifier", .required, "Name used in reports.", example: "id: mcalm_ddos"),
        KeySpec("label", "text", .optional("the id"), "A name for people: the report and the stdout summary show it instead of the id (files keep the id).", example: "label: DDoS on CNED"),
        KeySpec("target", "identifier", .required, "A pool, shared service or gate id.", example: "target: cned_mcalm"),
        KeySpec("rate", "rate", .optional("`botnet` bots × rate per bot"), "Nominal attack request rate. Give `rate` or `botnet`.", example: "rate: 500k/s"),
        KeySpec("botnet", "mapping", .optional("use `rate`"), "Nominal rate as bots × rate per bot.", example: "botnet: {bots: 10k, rate_per_bot: 50/s}", shape: .mapping, child: "botnet"),
        KeySpec("bursts", "list", .defaulted("[]"), "Random bursts within a window.", example: "bursts: [{count: 30, from: 08:00, to: 10:00, duration: lognormal(median: 3min, sigma: 0.6), gap: exponential(mean: 4min), intensity: 3}]", shape: .list, child: "burst"),
        KeySpec("windows", "list", .defaulted("[]"), "Constant-intensity windows.", example: "windows: [{from: 14:30, to: 15:15, intensity: 10}]", shape: .list, child: "attack_window"),
        KeySpec("ramps", "list", .defaulted("[]"), "Linear ramps of intensity.", example: "ramps: [{from: 01:00, to: 02:00, start_intensity: 0, end_intensity: 1}]", shape: .list, child: "ramp"),
        KeySpec("request_cost", durationDistribution, .optional("the target pool's page service time"), "Service time one attack request costs.", example: "request_cost: exponential(mean: 20ms)"),
        KeySpec("mode", "discrete | fluid | auto", .defaulted("auto"), "`discrete`: each attack request is a job on the target pool; `fluid`: the attack holds the pool's workers its load needs, updated at each change of rate; `auto`: fluid when the peak rate exceeds `auto_threshold`.", example: "mode: fluid"),
        KeySpec("auto_threshold", "rate", .defaulted("1k/s"), "Peak rate (nominal rate × the highest intensity of a window, ramp or burst) above which `auto` runs the attack as a fluid rate.", example: "auto_threshold: 5k/s"),
        KeySpec("mitigation", "mapping", .optional("no mitigation"), "Filtering of the attack.", example: "mitigation: {start: 10:00, ramp_up: 10min, pass_through: 5%, false_positive: 2%}", shape: .mapping, child: "mitigation"),
    ])

    static let botnet = KeyTable(name: "botnet", title: "Botnet (`attacks[].botnet`)", summary: "Nominal rate = bots × rate per bot.", keys: [
        KeySpec("bots", "count", .required, "Number of bots.", example: "bots: 10k"),
        KeySpec("rate_per_bot", "rate", .required, "Requests per bot.", example: "rate_per_bot: 50/s"),
    ])

    static let burst = KeyTable(name: "burst", title: "Burst campaign (`attacks[].bursts[]`)", summary: "`count` bursts in a window, with random durations and gaps.", keys: [
        KeySpec("count", "count", .required, "Number of bursts.", example: "count: 30"),
        KeySpec("from", "clock time", .required, "Campaign start.", example: "from: 08:00"),
        KeySpec("to", "clock time", .required, "Campaign end (no burst starts after it).", example: "to: 10:00"),
        KeySpec("duration", durationDistribution, .required, "Length of a burst.", example: "duration: lognormal(median: 3min, sigma: 0.6)"),
        KeySpec("gap", durationDistribution, .required, "Time between bursts.", example: "gap: exponential(mean: 4min)"),
        KeySpec("intensity", "number", .defaulted("1"), "Multiple of the nominal rate during a burst.", example: "intensity: 3"),
    ])

    static let attackWindow = KeyTable(name: "attack_window", title: "Attack window (`attacks[].windows[]`)", summary: "Constant intensity between two clock times.", keys: [
        KeySpec("from", "clock time", .required, "Start.", example: "from: 14:30"),
        KeySpec("to", "clock time", .required, "End.", example: "to: 15:15"),
        KeySpec("intensity", "number", .defaulted("1"), "Multiple of the nominal rate.", example: "intensity: 10"),
    ])

    static let ramp = KeyTable(name: "ramp", title: "Attack ramp (`attacks[].ramps[]`)", summary: "Intensity moving linearly between two clock times.", keys: [
        KeySpec("from", "clock time", .required, "Start.", example: "from: 01:00"),
        KeySpec("to", "clock time", .required, "End.", example: "to: 02:00"),
        KeySpec("start_intensity", "number", .defaulted("0"), "Intensity at `from`.", example: "start_intensity: 0"),
        KeySpec("end_intensity", "number", .defaulted("1"), "Intensity at `to`.", example: "end_intensity: 1"),
    ])

    static let mitigation = KeyTable(name: "mitigation", title: "Mitigation (`attacks[].mitigation`)", summary: "A filter in front of the target.", keys: [
        KeySpec("start", "clock time", .required, "When the filter is switched on.", example: "start: 10:00"),
        KeySpec("ramp_up", "duration", .defaulted("0s"), "Time for the filter to reach full effect.", example: "ramp_up: 10min"),
        KeySpec("pass_through", "share", .defaulted("5%"), "Share of attack traffic that still passes at full effect.", example: "pass_through: 5%"),
        KeySpec("false_positive", "share", .defaulted("0%"), "Share of legitimate traffic wrongly blocked.", example: "false_positive: 2%"),
        KeySpec("filter_capacity", "rate", .optional("unlimited"), "Requests the filter can inspect.", example: "filter_capacity: 2M/s"),
        KeySpec("over_capacity", "pass | drop", .defaulted("pass"), "What happens to traffic beyond the filter capacity.", example: "over_capacity: drop"),
        KeySpec("per_source_rate_limit", "rate", .optional("none"), "Most requests one source may send (needs `botnet`: a bot sends the attack rate / bots).", example: "per_source_rate_limit: 10/s"),
        KeySpec("geo_block_share", "share", .defaulted("0%"), "Share of attack traffic dropped by geo-blocking.", example: "geo_block_share: 90%"),
    ])

    static let policy = KeyTable(name: "policy", title: "Policy (`policies.<name>`)", summary: "A named variant: overrides applied on top of the base (after `extends:` and `--set`).", keys: [
        KeySpec("description", "text", .optional("none"), "What the variant changes, for reports.", example: "description: FIFO waiting room"),
        KeySpec("set", "map of path → value", .required, "Overrides, with the same paths as `--set` (`pools.ode_idf.servers`, `segments[id=x].active_share`).", example: "set: {pools.ode_hdf.servers: 52}"),
    ])

    static let saturation = KeyTable(name: "saturation", title: "Saturation thresholds (`saturation`)", summary: "Saturation is two measures, reported apart. A report interval is *overloaded* at a pool when its utilisation, failures or latency pass these thresholds, and at a platform when one of its pools (pages, login or single sign-on) is overloaded or its own failed logins and timed-out pages pass `failed_share`; it is *refusing* at a platform when users turned away by policy (gate refusals, waiting-room balks and reneges, legitimate requests blocked by an attack filter) pass `refused_share`. A measure's onset is the start of its first `sustain`-long run of flagged intervals.", keys: [
        KeySpec("sustain", "duration", .defaulted("5min"), "How long a measure must hold for its onset, rounded up to whole report intervals (at least one).", example: "sustain: 10min"),
        KeySpec("utilization", "share", .defaulted("95%"), "A pool is overloaded in an interval whose utilisation (busy / workers) is at least this.", example: "utilization: 90%"),
        KeySpec("failed_share", "share", .defaulted("1%"), "A pool is overloaded when more than this share of its arrivals timed out or were rejected (queue full); a platform, when more than this share of its interval's outcomes (refusals, logins, pages, balks, reneges) were failed logins or timed-out pages, requests an attack filter blocked excepted.", example: "failed_share: 5%"),
        KeySpec("p95_response", "duration", .optional("latency alone never flags overload"), "A pool is overloaded in an interval whose 95th percentile response time is above this.", example: "p95_response: 2s"),
        KeySpec("refused_share", "share", .defaulted("1%"), "A platform is refusing when more than this share of its interval's outcomes were users or requests turned away by policy.", example: "refused_share: 5%"),
    ])

    static let expect = KeyTable(name: "expect", title: "Expectation (`expect[]`)", summary: "A result the simulation must reproduce: a value with a tolerance, or bounds.", keys: [
        KeySpec("metric", "metric name", .required, "What is measured (see the metric list).", example: "metric: mean_wait"),
        KeySpec("entity", "identifier", .optional("the whole model"), "Pool, source, segment, platform, gate, service or attack measured.", example: "entity: server"),
        KeySpec("policy", "policy name", .optional("the base scenario"), "Policy under which the value is expected.", example: "policy: P2"),
        KeySpec("at", "clock time", .optional("the whole run after warm-up"), "A single instant.", example: "at: 10:00"),
        KeySpec("from", "clock time", .optional("the start after warm-up"), "Start of the interval measured.", example: "from: 08:00"),
        KeySpec("to", "clock time", .optional("the end"), "End of the interval measured.", example: "to: 12:00"),
        KeySpec("value", "number, duration, rate, share or clock time", .optional("give `min`/`max` instead"), "Expected value.", example: "value: 8.1s"),
        KeySpec("min", "number, duration, rate, share or clock time", .optional("no lower bound"), "Lower bound.", example: "min: 0.2"),
        KeySpec("max", "number, duration, rate, share or clock time", .optional("no upper bound"), "Upper bound.", example: "max: 2min"),
        KeySpec("tolerance", "absolute | relative % | ci95", .defaulted("ci95"), "Allowed distance from `value`: an absolute amount in the value's unit, a relative `5%`, or `ci95` (the value must lie in the simulation's 95% confidence interval).", example: "tolerance: 2%"),
        KeySpec("decidable_within", "absolute | relative %", .optional("under `check --fast`: twice the declared allowance"), "The widest allowed distance from `value` at which a pass still means something (an amount in the value's unit, or a share of the value). A check whose allowance (the widened tolerance, the 99% noise, or the 95% interval) is wider is UNDECIDABLE and fails, with any budget; without it, only `--fast` is held to twice the declared tolerance (for `ci95`: to twice the interval the declared replications give).", example: "decidable_within: 10%"),
    ])

    /// Every table, in documentation order.
    static let tables: [KeyTable] = [
        root, behaviour, relogin, comeback, adaptiveThrottling, retryBudget, backoff, segment, platformUse, intent, bump, curve, csvCurve, cohorts, repeatVisits,
        source, platform, retryAmplification, pool, serviceTime, capacityStep, autoscaling, serviceLevel, service,
        gate, sessionCap, sessionTimeLimit, idleTimeout, waitingRoom, tokenBucket, timeWindow, reservation,
        attack, botnet, burst, attackWindow, ramp, mitigation, policy, saturation, expect, calibration, observation, knob,
    ]

    static func table(named name: String) -> KeyTable? { tables.first { $0.name == name } }

    /// Metrics an `expect:` block may name, with what they mean: exactly the names the
    /// simulator writes to `summary.csv` and `timeseries.csv` (docs/csv-format.md), read
    /// from the metric catalogue (``MetricCatalog``). Without `at`/`from`/`to` an
    /// expectation reads the run summary; with them, the time series. Figures of the run
    /// itself (`events`) describe the simulation, not a platform, and are not expectations'.
    static let metrics: [(name: String, meaning: String)] = MetricCatalog.all
        .filter { ($0.summaryKinds + $0.seriesKinds).contains { $0 != .run } }
        .map { ($0.name, $0.doc) }

    /// Whether `name` is a metric an expectation may name (`share_in_by_HHMM` stands for
    /// any clock time written as four digits).
    static func isMetric(_ name: String) -> Bool {
        guard !name.hasSuffix(MetricCatalog.clockPlaceholder), let spec = MetricCatalog.spec(name) else { return false }
        return metrics.contains { $0.name == spec.name }
    }
}
