/// The language the report and the stdout summary are written in (`--lang`).
///
/// English is the default; French is for the people of the founding case. File contents
/// (CSV headers, metric names, JSON keys) stay in English in every language, so scripts
/// and notebooks read one format.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable, Codable {
    case en, fr

    /// The command-line spellings, in the order help lists them.
    public static var names: [String] { allCases.map(\.rawValue) }
}
