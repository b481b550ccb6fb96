import ArgumentParser
import Foundation
import Output

/// Where a command writes its files, in which CSV dialect and language, and what it prints.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output folder (default: runs/<model name>-<command>; run: runs/<model name>[-<policy>]).")
    var out: String?

    @Option(help: "CSV dialect: standard (comma, decimal point) or excel-fr (semicolon, decimal comma, BOM).")
    var csvDialect: CSVDialect = .standard

    @Flag(help: "Print a machine-readable summary (JSON) on stdout instead of the text one.")
    var json = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    @OptionGroup var language: LanguageOption

    /// `--lang`, for whoever writes the report or the stdout summary.
    var lang: ReportLanguage { language.lang }

    func validate() throws {
        if let out { try Self.checkFolder(out) }
    }

    /// `--out DIR`: an empty name would write into the current folder, mixing the files with
    /// whatever is there. (`merge`, whose `--out` is required, checks it here too.)
    static func checkFolder(_ out: String) throws {
        if out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--out is empty (expected a folder path, e.g. --out runs/my-run)")
        }
    }

    /// `--out`, or `fallback` when it is not given.
    func folder(default fallback: String) -> URL {
        URL(fileURLWithPath: out ?? fallback)
    }

    /// Whether the text summary goes to stdout (not with `--quiet` or `--json`).
    var printsText: Bool { !quiet && !json }

    /// Whether progress goes to stderr: asked for, or stderr is a terminal; never when quiet.
    var showsProgress: Bool { !quiet && (progress || ProgressReporter.stderrIsTerminal) }
}
