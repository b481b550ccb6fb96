/// Every fixed string of the report and the stdout summary, one case per string.
///
/// Each language has one table (``ReportText``); a string with `{1}`, `{2}`… takes that
/// many arguments. File contents (metric names, CSV headers, ids) are never translated.
public enum ReportPhrase: String, CaseIterable, Sendable {
    // Page, sections
    case titleRun, titleComparison, titleSweep
    case timelineHeading, timelineTitle, answersHeading, whoGotInHeading, bestPolicyHeading, policiesHeading
    case aboutHeading, overviewHeading, overviewNote, dayHeading, dayCollapsed, comparisonHeading, comparisonNote
    case sweepHeading, sweepNote, sweepNoteMore, allFiguresHeading, allFiguresNote, showTable
    case howToReadIntro, howToReadTimeline, howToReadLines, howToReadComparison, howToReadSweep, howToReadFiles
    // Facts
    case factScenario, factScenarioFile, factPolicy, factPolicies, factClockWindow, factInterval, factSeed
    case factReplications, factOverrides
    // Timeline and answers
    case legendOverload, legendRefusal, timeOfDay, notRecoveredShort
    case noneSaturated, firstSaturated, platformSpans, overloadedSpan, refusingSpan, notSaturatedList
    case causeBoth, causeOverloadFirst, causeRefusalFirst, causeOverload, causeRefusal
    case someNotRecovered, fromNotRecovered, runsOf, inBy, neverIn
    case notSaturated, notOverloaded, notRefusing, notRecovered
    // Overview columns
    case overviewSaturatedFrom, overviewSaturatedUntil, overviewOverloadedFrom, overviewRefusingFrom
    case overviewPeakWanted, overviewPeakActive, overviewNeverIn, overviewAttempts, overviewRefused
    // Comparison
    case neverSaturatedRuns, notRecoveredRuns, noFigure, baselineLabel, baseDescription
    case chartMeans, chartDifferences, axisClock, axisMinutesVsBaseline, axisPercent, axisPointsVsBaseline, axisDifference
    case bestIs, bestTied, baselineBest, confidentDifference, uncertainDifference, censoredDifference
    // Tables
    case columnPolicy, columnEntity, columnMetric, columnUnit, columnMean, columnCI, columnSD, columnReplications
    case columnDiff, columnRank, columnCensored, columnDescription, unitClock
    // Charts over the day
    case captionReplications, captionOneReplication, zeroAllDay, interval
    case chartDemand, chartWaiting, chartLogins, chartGettingIn, chartAttempts, chartPages, chartLoad
    case chartUtilisation, chartResponse, chartAttack, noteAttempts
    case seriesWanted, seriesActive, seriesCap, seriesWaiting, seriesInRoom, seriesLogins, seriesRefused
    case seriesGaveUp, seriesFirstIns, seriesAttempts, seriesPagesOK, seriesPageTimeouts, seriesArriving
    case seriesServed, seriesBusy, seriesMedian, seriesP95, seriesOffered, seriesFiltered, seriesAttackServed
    case unitSessions, unitUsers, unitCountPer, unitAttempts, unitPagesPer, unitRequestsPerSecond
    case unitCapacityShare, unitSeconds
    // Numbers
    case percentSign, percentagePoints
    // Entity kinds
    case allPlatforms, kindPlatform, kindPool, kindSegment, kindAttack, kindService, kindSource, kindRun
    // Metric names people read
    case metricSaturationOnset, metricSaturatedUntil, metricOverloadOnset, metricOverloadedUntil
    case metricRefusalOnset, metricRefusingUntil, metricShareNeverIn, metricShareInBy, metricTimeToFirstPage
    case metricRefusalsPerSuccess, metricForcedLogouts, metricAttemptsPerSuccess
    // Stdout summary
    case summaryHeader, summaryEntity, summarySampled, summarySaturates, summaryOverloadedFrom, summaryRefusingFrom, summaryAnd
    case summaryNoSaturation, summaryPeak, summaryInByNine, summaryAttempts
    case summaryUtilization, summaryMeanWait, summaryPWait, summaryMeanQueue, summaryPBlocked, summaryPAbandon
    // Each policy over the day (compare page)
    case policyDayHeading, policyDayNote, captionPolicyDay, chartPolicyDay, howToReadPolicyDay
    case seriesErrorShare, unitPerSecond, unitRatio, unitLevel
    // Stdout tables of compare and sweep
    case compareHeader, compareHigherBetter, compareLowerBetter, compareColumnMean, compareColumnVersus
    case notAvailable, censoredNone, neverSaturatedCount, notRecoveredCount, mostPupilsIn, aheadOf, compareDone
    case sweepHeader, sweepDone, columnPoint
}

/// The translation tables, one per language.
enum ReportText {
    static func table(_ language: ReportLanguage) -> [ReportPhrase: String] {
        switch language {
        case .en: english
        case .fr: french
        }
    }

    static let english: [ReportPhrase: String] = [
        .titleRun: "Affluence report — {1}",
        .titleComparison: "Affluence report — {1}: policy comparison",
        .titleSweep: "Affluence report — {1}: sweep",
        .timelineHeading: "When each platform was saturated",
        .timelineTitle: "Saturation over the day, one row per platform",
        .answersHeading: "Answers",
        .whoGotInHeading: "Who got in",
        .bestPolicyHeading: "Which policy is best",
        .policiesHeading: "The policies compared",
        .aboutHeading: "About this run",
        .overviewHeading: "Platforms at a glance",
        .overviewNote: "Per platform, means over replications (summary.csv). Saturated: overloaded (its servers fail users: utilisation, failures or latency past the thresholds) or refusing (its gates turn users away) for the scenario's `saturation.sustain`, 5 minutes by default; each measure has its own onset. \"(k/n runs)\" when only some replications saturated. \"in by HH:MM\": share of the visitors arrived by then who had got in.",
        .dayHeading: "Over the day",
        .dayCollapsed: "One entry per platform, server pool, segment or attack; open one to see its charts.",
        .comparisonHeading: "Policy comparison",
        .comparisonNote: "Each policy ran on the same random numbers (same arrivals, same users), so the differences are paired: a difference whose interval excludes 0 is a real effect, even when the policies' own intervals overlap. The hatched bar is the baseline. A policy without a figure keeps its row, with the reason (never saturated, not recovered by the end) and in how many runs.",
        .sweepHeading: "Sweep",
        .sweepNote: "Each cell is the mean over replications at one sweep point; darker is higher.",
        .sweepNoteMore: "Only the first two varied parameters are drawn; each cell averages over {1}.",
        .allFiguresHeading: "All per-run figures",
        .allFiguresNote: "Mean over replications with the half-width of its 95% confidence interval (Student t) and the standard deviation, from summary.csv. Clock times are HH:MM, shares are percentages.",
        .showTable: "Show the table",
        .howToReadIntro: "How to read:",
        .howToReadTimeline: "The timeline has one row per platform, time of day across: the solid upper band spans the mean onset to the mean end of overload (its servers failing users), the hatched lower band the same for refusal (its gates turning users away); an arrow head means not recovered by the end of the run.",
        .howToReadLines: "Each chart over the day follows one platform, server pool, segment or attack (time of day on the horizontal axis, one point per report interval, at the interval's start). Lines are the mean over replications; the shaded band, when present, spans the lowest to the highest replication. Series differ by dash pattern as well as colour. A platform saturates where active sessions stop following the wanted sessions (at a session cap, or when its pool is overloaded); users then wait, are refused and retry, so attempts per successful login rise.",
        .howToReadComparison: "Comparison charts have one row per policy: its mean with its 95% confidence interval, then its paired difference against the baseline; clock times read HH:MM, shares as percentages.",
        .howToReadSweep: "Sweep heat maps have one cell per sweep point, darker for higher values.",
        .howToReadFiles: "Figures come from the CSV files next to this page.",
        .factScenario: "Scenario", .factScenarioFile: "Scenario file", .factPolicy: "Policy", .factPolicies: "Policies",
        .factClockWindow: "Clock window", .factInterval: "Report interval", .factSeed: "Seed",
        .factReplications: "Replications", .factOverrides: "Overrides",
        .legendOverload: "overloaded: servers failing users",
        .legendRefusal: "refusing: gates turning users away",
        .timeOfDay: "time of day",
        .notRecoveredShort: "not recovered",
        .noneSaturated: "No platform saturated.",
        .firstSaturated: "{1} saturated first, at {2}: {3}.",
        .platformSpans: "{1}: {2}.",
        .overloadedSpan: "overloaded {1}",
        .refusingSpan: "refusing {1}",
        .notSaturatedList: "Not saturated: {1}.",
        .causeBoth: "overloaded and refusing at once",
        .causeOverloadFirst: "its servers failed users first (overload), its gates refused later",
        .causeRefusalFirst: "its gates turned users away first (refusal), its servers were overloaded later",
        .causeOverload: "its servers failed users (overload)",
        .causeRefusal: "its gates turned users away (refusal)",
        .someNotRecovered: "({1} of {2} runs not recovered by the end)",
        .fromNotRecovered: "from {1}, not recovered by the end",
        .runsOf: "({1}/{2} runs)",
        .inBy: "in by {1}",
        .neverIn: "never in",
        .notSaturated: "not saturated", .notOverloaded: "not overloaded", .notRefusing: "not refusing",
        .notRecovered: "not recovered",
        .overviewSaturatedFrom: "saturated from", .overviewSaturatedUntil: "saturated until",
        .overviewOverloadedFrom: "overloaded from", .overviewRefusingFrom: "refusing from",
        .overviewPeakWanted: "peak wanted sessions", .overviewPeakActive: "peak active sessions",
        .overviewNeverIn: "visits never in", .overviewAttempts: "attempts per success", .overviewRefused: "refused attempts",
        .neverSaturatedRuns: "never saturated ({1})",
        .notRecoveredRuns: "not recovered ({1})",
        .noFigure: "no figure",
        .baselineLabel: "{1} (baseline)",
        .baseDescription: "the model as written",
        .chartMeans: "{1}: mean with 95% CI",
        .chartDifferences: "{1}: difference vs baseline (paired, 95% CI)",
        .axisClock: "time of day",
        .axisMinutesVsBaseline: "minutes vs baseline",
        .axisPercent: "%",
        .axisPointsVsBaseline: "percentage points vs baseline",
        .axisDifference: "difference ({1})",
        .bestIs: "{1}: best is {2} ({3}).",
        .bestTied: "{1}: best, tied, are {2} ({3}).",
        .baselineBest: "That is the baseline.",
        .confidentDifference: "Against {2}: {1}, a real difference (the paired 95% interval excludes 0).",
        .uncertainDifference: "Against {2}: {1}, not distinguishable from it (the paired 95% interval includes 0).",
        .censoredDifference: "No paired difference against {1}: one of them has no figure (censored).",
        .columnPolicy: "policy", .columnEntity: "entity", .columnMetric: "metric", .columnUnit: "unit",
        .columnMean: "mean", .columnCI: "± 95% CI", .columnSD: "sd", .columnReplications: "replications",
        .columnDiff: "diff vs baseline", .columnRank: "rank", .columnCensored: "censored runs",
        .columnDescription: "description", .unitClock: "clock",
        .captionReplications: "Mean of {1} replications; band: min–max across replications.",
        .captionOneReplication: "One replication.",
        .zeroAllDay: "Zero all day (not drawn): {1}.",
        .interval: "interval",
        .chartDemand: "Demand vs capacity", .chartWaiting: "Waiting users",
        .chartLogins: "Logins, refusals and users giving up", .chartGettingIn: "Getting in",
        .chartAttempts: "Attempts per successful login", .chartPages: "Pages served in time and timed out",
        .chartLoad: "Offered load and throughput", .chartUtilisation: "Utilisation", .chartResponse: "Response time",
        .chartAttack: "Attack traffic",
        .noteAttempts: "No line where no login succeeded in the interval (attempts per success undefined).",
        .seriesWanted: "wanted sessions (demand)", .seriesActive: "active sessions", .seriesCap: "session cap (capacity)",
        .seriesWaiting: "waiting between attempts", .seriesInRoom: "in the waiting room",
        .seriesLogins: "successful logins", .seriesRefused: "refused attempts (\"come back later\")",
        .seriesGaveUp: "users giving up", .seriesFirstIns: "visits getting their first page",
        .seriesAttempts: "attempts per success", .seriesPagesOK: "pages served in time", .seriesPageTimeouts: "pages timed out",
        .seriesArriving: "requests arriving", .seriesServed: "requests served", .seriesBusy: "busy workers ÷ workers",
        .seriesMedian: "median (p50)", .seriesP95: "p95", .seriesOffered: "offered", .seriesFiltered: "filtered",
        .seriesAttackServed: "served by the pool",
        .unitSessions: "sessions", .unitUsers: "users", .unitCountPer: "count per {1}", .unitAttempts: "attempts",
        .unitPagesPer: "pages per {1}", .unitRequestsPerSecond: "requests/s", .unitCapacityShare: "share of capacity (0–1)",
        .unitSeconds: "s",
        .percentSign: "%", .percentagePoints: "pts",
        .allPlatforms: "all platforms", .kindPlatform: "platform", .kindPool: "pool", .kindSegment: "segment", .kindAttack: "attack",
        .kindService: "service", .kindSource: "source", .kindRun: "run",
        .metricSaturationOnset: "saturation onset", .metricSaturatedUntil: "saturated until",
        .metricOverloadOnset: "overload onset", .metricOverloadedUntil: "overloaded until",
        .metricRefusalOnset: "refusal onset", .metricRefusingUntil: "refusing until",
        .metricShareNeverIn: "share never in", .metricShareInBy: "share in by {1}",
        .metricTimeToFirstPage: "mean time to first page", .metricRefusalsPerSuccess: "refusals per success",
        .metricForcedLogouts: "forced logouts", .metricAttemptsPerSuccess: "attempts per success",
        .summaryHeader: "{1}: {2} replication(s), {3}–{4}{5}",
        .summaryEntity: "  {1} {2}: {3}",
        .summarySampled: ", a {1}% sample scaled to the full population",
        .summarySaturates: "saturates at {1} ({2}/{3} runs)",
        .summaryOverloadedFrom: "overloaded from {1} ({2}/{3})",
        .summaryRefusingFrom: "refusing from {1} ({2}/{3})",
        .summaryAnd: " and ",
        .summaryNoSaturation: "does not saturate",
        .summaryPeak: "peak demand {1} users for {2} sessions",
        .summaryInByNine: "{1} in by 09:00",
        .summaryAttempts: "{1} attempts per login",
        .summaryUtilization: "utilization", .summaryMeanWait: "mean wait", .summaryPWait: "P(wait)",
        .summaryMeanQueue: "mean queue", .summaryPBlocked: "P(blocked)", .summaryPAbandon: "P(abandon)",
        .policyDayHeading: "Each policy over the day",
        .policyDayNote: "The series behind the compared figures, one chart each, one line per policy (series-policies.csv): a platform's saturation times are drawn as its share of failed answers (a pool's as its utilisation), the \"in by\" shares as the visits getting their first page, refusals as the refused attempts. A group (pupils, all platforms) is the sum of its members.",
        .captionPolicyDay: "One line per policy: the mean over {1} replications; shaded: its 95% confidence band (Student t).",
        .chartPolicyDay: "{1}, per policy",
        .howToReadPolicyDay: "Charts of each policy over the day have one line per policy (its mean over replications, time of day across) with its 95% confidence band shaded; the legend gives each policy's description.",
        .seriesErrorShare: "share of answers that failed", .unitPerSecond: "per second", .unitRatio: "ratio",
        .unitLevel: "number (interval mean)",
        .compareHeader: "Policies on common random numbers, {1} replications each; baseline {2}; ± = 95% CI half-width; * = paired difference excludes 0",
        .compareHigherBetter: "higher is better", .compareLowerBetter: "lower is better",
        .compareColumnMean: "mean ± hw", .compareColumnVersus: "vs {1} (paired)",
        .notAvailable: "n/a", .censoredNone: "none (censored runs)",
        .neverSaturatedCount: "never saturated {1}", .notRecoveredCount: "not recovered {1}",
        .mostPupilsIn: "Most pupils in by 09:00: {1} ({2})", .aheadOf: "; ahead of {1} by {2} (paired)",
        .compareDone: "{1} policies × {2} replications in {3} s; wrote {4} in {5}",
        .sweepHeader: "Sweep on common random numbers, {1} replications per point; each metric at its worst entity (± 95% CI half-width)",
        .sweepDone: "{1} points × {2} replications in {3} s; wrote {4} in {5}",
        .columnPoint: "point",
    ]

    static let french: [ReportPhrase: String] = [
        .titleRun: "Rapport Affluence — {1}",
        .titleComparison: "Rapport Affluence — {1} : comparaison de politiques",
        .titleSweep: "Rapport Affluence — {1} : balayage",
        .timelineHeading: "Quand chaque plateforme a saturé",
        .timelineTitle: "Saturation au fil de la journée, une ligne par plateforme",
        .answersHeading: "Réponses",
        .whoGotInHeading: "Qui a pu se connecter",
        .bestPolicyHeading: "Quelle politique est la meilleure",
        .policiesHeading: "Les politiques comparées",
        .aboutHeading: "À propos de ce calcul",
        .overviewHeading: "Les plateformes d'un coup d'œil",
        .overviewNote: "Par plateforme, moyennes sur les réplications (summary.csv). Saturée : surchargée (ses serveurs font défaut aux usagers : occupation, échecs ou latence au-delà des seuils) ou en refus (ses portes renvoient les usagers) pendant la durée `saturation.sustain` du scénario, 5 minutes par défaut ; chaque mesure a son propre début. « (k/n calculs) » quand seules certaines réplications ont saturé. « connectés à HH:MM » : part des visiteurs arrivés à cette heure qui avaient pu entrer.",
        .dayHeading: "Au fil de la journée",
        .dayCollapsed: "Une entrée par plateforme, pool de serveurs, segment ou attaque ; ouvrez-en une pour voir ses graphiques.",
        .comparisonHeading: "Comparaison des politiques",
        .comparisonNote: "Chaque politique a tourné sur les mêmes nombres aléatoires (mêmes arrivées, mêmes usagers) : les différences sont appariées, et une différence dont l'intervalle exclut 0 est un effet réel, même quand les intervalles des politiques se chevauchent. La barre hachurée est la référence. Une politique sans valeur garde sa ligne, avec la raison (jamais saturée, pas rétablie à la fin) et dans combien de calculs.",
        .sweepHeading: "Balayage",
        .sweepNote: "Chaque case est la moyenne sur les réplications en un point du balayage ; plus foncé, plus élevé.",
        .sweepNoteMore: "Seuls les deux premiers paramètres variés sont dessinés ; chaque case est la moyenne sur {1}.",
        .allFiguresHeading: "Tous les chiffres par calcul",
        .allFiguresNote: "Moyenne sur les réplications avec la demi-largeur de son intervalle de confiance à 95 % (Student) et l'écart-type, d'après summary.csv. Heures en HH:MM, parts en pourcentages.",
        .showTable: "Afficher le tableau",
        .howToReadIntro: "Comment lire :",
        .howToReadTimeline: "La frise a une ligne par plateforme, l'heure en abscisse : la bande pleine du haut va du début moyen à la fin moyenne de la surcharge (serveurs qui font défaut aux usagers), la bande hachurée du bas de même pour le refus (portes qui renvoient les usagers) ; une pointe de flèche signifie « pas rétablie à la fin du calcul ».",
        .howToReadLines: "Chaque graphique de la journée suit une plateforme, un pool de serveurs, un segment ou une attaque (heure en abscisse, un point par intervalle, à son début). Les lignes sont la moyenne sur les réplications ; la bande ombrée, quand elle existe, va de la plus basse à la plus haute réplication. Les séries diffèrent par leur tireté comme par leur couleur. Une plateforme sature quand les sessions actives ne suivent plus les sessions voulues (plafond de sessions, ou pool surchargé) ; les usagers attendent alors, sont refusés et réessaient, et les tentatives par connexion réussie augmentent.",
        .howToReadComparison: "Les graphiques de comparaison ont une ligne par politique : sa moyenne avec son intervalle de confiance à 95 %, puis sa différence appariée avec la référence ; les heures se lisent HH:MM, les parts en pourcentages.",
        .howToReadSweep: "Les cartes du balayage ont une case par point, plus foncée pour une valeur plus élevée.",
        .howToReadFiles: "Les chiffres viennent des fichiers CSV à côté de cette page.",
        .factScenario: "Scénario", .factScenarioFile: "Fichier du scénario", .factPolicy: "Politique", .factPolicies: "Politiques",
        .factClockWindow: "Plage horaire", .factInterval: "Intervalle de rapport", .factSeed: "Graine",
        .factReplications: "Réplications", .factOverrides: "Modifications",
        .legendOverload: "surcharge : serveurs défaillants",
        .legendRefusal: "refus : portes qui renvoient",
        .timeOfDay: "heure",
        .notRecoveredShort: "pas rétablie",
        .noneSaturated: "Aucune plateforme n'a saturé.",
        .firstSaturated: "{1} a saturé en premier, à {2} : {3}.",
        .platformSpans: "{1} : {2}.",
        .overloadedSpan: "surchargée {1}",
        .refusingSpan: "en refus {1}",
        .notSaturatedList: "Pas saturées : {1}.",
        .causeBoth: "surchargée et en refus en même temps",
        .causeOverloadFirst: "ses serveurs ont fait défaut d'abord (surcharge), ses portes ont refusé ensuite",
        .causeRefusalFirst: "ses portes ont renvoyé les usagers d'abord (refus), ses serveurs ont été surchargés ensuite",
        .causeOverload: "ses serveurs ont fait défaut aux usagers (surcharge)",
        .causeRefusal: "ses portes ont renvoyé les usagers (refus)",
        .someNotRecovered: "({1} calculs sur {2} pas rétablis à la fin)",
        .fromNotRecovered: "dès {1}, pas rétablie à la fin",
        .runsOf: "({1}/{2} calculs)",
        .inBy: "connectés à {1}",
        .neverIn: "jamais entrés",
        .notSaturated: "pas saturée", .notOverloaded: "pas surchargée", .notRefusing: "pas en refus",
        .notRecovered: "pas rétablie",
        .overviewSaturatedFrom: "saturée dès", .overviewSaturatedUntil: "saturée jusqu'à",
        .overviewOverloadedFrom: "surchargée dès", .overviewRefusingFrom: "en refus dès",
        .overviewPeakWanted: "pic de sessions voulues", .overviewPeakActive: "pic de sessions actives",
        .overviewNeverIn: "visites jamais entrées", .overviewAttempts: "tentatives par succès", .overviewRefused: "tentatives refusées",
        .neverSaturatedRuns: "jamais saturée ({1})",
        .notRecoveredRuns: "pas rétablie ({1})",
        .noFigure: "pas de valeur",
        .baselineLabel: "{1} (référence)",
        .baseDescription: "le modèle tel qu'écrit",
        .chartMeans: "{1} : moyenne et IC à 95 %",
        .chartDifferences: "{1} : différence avec la référence (appariée, IC à 95 %)",
        .axisClock: "heure",
        .axisMinutesVsBaseline: "minutes par rapport à la référence",
        .axisPercent: "%",
        .axisPointsVsBaseline: "points de pourcentage par rapport à la référence",
        .axisDifference: "différence ({1})",
        .bestIs: "{1} : la meilleure est {2} ({3}).",
        .bestTied: "{1} : les meilleures, à égalité, sont {2} ({3}).",
        .baselineBest: "C'est la référence.",
        .confidentDifference: "Par rapport à {2} : {1}, une différence réelle (l'intervalle apparié à 95 % exclut 0).",
        .uncertainDifference: "Par rapport à {2} : {1}, pas distinguable (l'intervalle apparié à 95 % contient 0).",
        .censoredDifference: "Pas de différence appariée avec {1} : l'une des deux n'a pas de valeur (censurée).",
        .columnPolicy: "politique", .columnEntity: "entité", .columnMetric: "mesure", .columnUnit: "unité",
        .columnMean: "moyenne", .columnCI: "± IC 95 %", .columnSD: "écart-type", .columnReplications: "réplications",
        .columnDiff: "diff. avec la référence", .columnRank: "rang", .columnCensored: "calculs censurés",
        .columnDescription: "description", .unitClock: "heure",
        .captionReplications: "Moyenne de {1} réplications ; bande : min–max des réplications.",
        .captionOneReplication: "Une réplication.",
        .zeroAllDay: "Nul toute la journée (non dessiné) : {1}.",
        .interval: "intervalle",
        .chartDemand: "Demande et capacité", .chartWaiting: "Usagers en attente",
        .chartLogins: "Connexions, refus et abandons", .chartGettingIn: "Entrer",
        .chartAttempts: "Tentatives par connexion réussie", .chartPages: "Pages servies à temps et expirées",
        .chartLoad: "Charge offerte et débit", .chartUtilisation: "Occupation", .chartResponse: "Temps de réponse",
        .chartAttack: "Trafic d'attaque",
        .noteAttempts: "Pas de ligne là où aucune connexion n'a réussi dans l'intervalle (tentatives par succès indéfinies).",
        .seriesWanted: "sessions voulues (demande)", .seriesActive: "sessions actives", .seriesCap: "plafond de sessions (capacité)",
        .seriesWaiting: "en attente entre deux tentatives", .seriesInRoom: "en salle d'attente",
        .seriesLogins: "connexions réussies", .seriesRefused: "tentatives refusées (« revenez plus tard »)",
        .seriesGaveUp: "usagers qui abandonnent", .seriesFirstIns: "visites qui obtiennent leur première page",
        .seriesAttempts: "tentatives par succès", .seriesPagesOK: "pages servies à temps", .seriesPageTimeouts: "pages expirées",
        .seriesArriving: "requêtes arrivées", .seriesServed: "requêtes servies", .seriesBusy: "unités occupées ÷ unités",
        .seriesMedian: "médiane (p50)", .seriesP95: "p95", .seriesOffered: "offert", .seriesFiltered: "filtré",
        .seriesAttackServed: "servi par le pool",
        .unitSessions: "sessions", .unitUsers: "usagers", .unitCountPer: "nombre par {1}", .unitAttempts: "tentatives",
        .unitPagesPer: "pages par {1}", .unitRequestsPerSecond: "requêtes/s", .unitCapacityShare: "part de la capacité (0–1)",
        .unitSeconds: "s",
        .percentSign: "\u{202F}%", .percentagePoints: "pts",
        .allPlatforms: "toutes les plateformes", .kindPlatform: "plateforme", .kindPool: "pool", .kindSegment: "segment", .kindAttack: "attaque",
        .kindService: "service", .kindSource: "source", .kindRun: "calcul",
        .metricSaturationOnset: "début de saturation", .metricSaturatedUntil: "saturée jusqu'à",
        .metricOverloadOnset: "début de surcharge", .metricOverloadedUntil: "surchargée jusqu'à",
        .metricRefusalOnset: "début des refus", .metricRefusingUntil: "en refus jusqu'à",
        .metricShareNeverIn: "part jamais entrée", .metricShareInBy: "part connectée à {1}",
        .metricTimeToFirstPage: "temps moyen jusqu'à la première page", .metricRefusalsPerSuccess: "refus par succès",
        .metricForcedLogouts: "déconnexions forcées", .metricAttemptsPerSuccess: "tentatives par succès",
        .summaryHeader: "{1} : {2} réplication(s), {3}–{4}{5}",
        .summaryEntity: "  {1} {2} : {3}",
        .summarySampled: ", un échantillon de {1} % ramené à toute la population",
        .summarySaturates: "sature à {1} ({2}/{3} calculs)",
        .summaryOverloadedFrom: "surchargée dès {1} ({2}/{3})",
        .summaryRefusingFrom: "en refus dès {1} ({2}/{3})",
        .summaryAnd: " et ",
        .summaryNoSaturation: "ne sature pas",
        .summaryPeak: "pic de demande {1} usagers pour {2} sessions",
        .summaryInByNine: "{1} connectés à 09:00",
        .summaryAttempts: "{1} tentatives par connexion",
        .summaryUtilization: "occupation", .summaryMeanWait: "attente moyenne", .summaryPWait: "P(attente)",
        .summaryMeanQueue: "file moyenne", .summaryPBlocked: "P(bloqué)", .summaryPAbandon: "P(abandon)",
        .policyDayHeading: "Chaque politique au fil de la journée",
        .policyDayNote: "Les séries derrière les chiffres comparés, un graphique chacune, une ligne par politique (series-policies.csv) : les heures de saturation d'une plateforme sont tracées par sa part de réponses en échec (celles d'un pool par son occupation), les parts « connectés à » par les visites qui obtiennent leur première page, les refus par les tentatives refusées. Un groupe (élèves, toutes les plateformes) est la somme de ses membres.",
        .captionPolicyDay: "Une ligne par politique : la moyenne sur {1} réplications ; en ombré, sa bande de confiance à 95 % (Student).",
        .chartPolicyDay: "{1}, par politique",
        .howToReadPolicyDay: "Les graphiques de chaque politique au fil de la journée ont une ligne par politique (sa moyenne sur les réplications, l'heure en abscisse) avec sa bande de confiance à 95 % en ombré ; la légende donne la description de chaque politique.",
        .seriesErrorShare: "part des réponses en échec", .unitPerSecond: "par seconde", .unitRatio: "rapport",
        .unitLevel: "nombre (moyenne de l'intervalle)",
        .compareHeader: "Politiques sur nombres aléatoires communs, {1} réplications chacune ; référence {2} ; ± = demi-largeur de l'IC à 95 % ; * = la différence appariée exclut 0",
        .compareHigherBetter: "plus haut est mieux", .compareLowerBetter: "plus bas est mieux",
        .compareColumnMean: "moyenne ± dl", .compareColumnVersus: "vs {1} (apparié)",
        .notAvailable: "n.d.", .censoredNone: "aucune (calculs censurés)",
        .neverSaturatedCount: "jamais saturée {1}", .notRecoveredCount: "pas rétablie {1}",
        .mostPupilsIn: "Le plus d'élèves connectés à 09:00 : {1} ({2})", .aheadOf: " ; devant {1} de {2} (apparié)",
        .compareDone: "{1} politiques × {2} réplications en {3} s ; écrit {4} dans {5}",
        .sweepHeader: "Balayage sur nombres aléatoires communs, {1} réplications par point ; chaque mesure à son entité la pire (± demi-largeur de l'IC à 95 %)",
        .sweepDone: "{1} points × {2} réplications en {3} s ; écrit {4} dans {5}",
        .columnPoint: "point",
    ]
}

extension ReportLanguage {
    /// The phrase in this language, `{1}`, `{2}`… replaced by the arguments in order.
    public func text(_ phrase: ReportPhrase, _ arguments: String...) -> String {
        let template = Array(ReportText.table(self)[phrase] ?? ReportText.english[phrase] ?? phrase.rawValue)
        // One pass, so an argument that holds `{2}` (a label, say) is never substituted again.
        var text = ""
        var i = 0
        while i < template.count {
            if template[i] == "{", i + 2 < template.count, template[i + 2] == "}",
               let digit = template[i + 1].wholeNumberValue, digit >= 1, digit <= arguments.count {
                text += arguments[digit - 1]
                i += 3
            } else {
                text.append(template[i])
                i += 1
            }
        }
        return text
    }

    /// Whether numbers in this language's text take a decimal comma.
    public var decimalComma: Bool { self == .fr }

    /// An entity kind as the CSV files name it (`platform`), in this language.
    public func entityKind(_ kind: String) -> String {
        let phrases: [String: ReportPhrase] = [
            "platform": .kindPlatform, "pool": .kindPool, "segment": .kindSegment, "attack": .kindAttack,
            "service": .kindService, "source": .kindSource, "run": .kindRun,
        ]
        return phrases[kind].map { text($0) } ?? kind
    }

    /// A metric as people say it (`saturated until`), else its CSV name.
    public func metricName(_ metric: String) -> String {
        let phrases: [String: ReportPhrase] = [
            "saturation_onset_clock_s": .metricSaturationOnset, "saturated_until_clock_s": .metricSaturatedUntil,
            "overload_onset_clock_s": .metricOverloadOnset, "overloaded_until_clock_s": .metricOverloadedUntil,
            "refusal_onset_clock_s": .metricRefusalOnset, "refusing_until_clock_s": .metricRefusingUntil,
            "share_never_in": .metricShareNeverIn, "mean_time_to_first_page_s": .metricTimeToFirstPage,
            "refusals_per_success": .metricRefusalsPerSuccess, "forced_logouts": .metricForcedLogouts,
            "attempts_per_success": .metricAttemptsPerSuccess,
        ]
        if let phrase = phrases[metric] { return text(phrase) }
        if metric.hasPrefix("share_in_by_") { return text(.metricShareInBy, ReportOverview.clockLabel(ofShareMetric: metric)) }
        return metric
    }
}
