import ArgumentParser
import Foundation
import Output

/// `affluence report DIR [--lang fr]`: rebuilds report.html of a run, compare or sweep
/// folder from its CSV files and manifest, in English or French. The work is done by ``ReportPage/regenerate(folder:)``.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild report.html of a run, compare or sweep folder from its CSV files.",
        discussion: """
            Reads manifest.json and the CSV files it lists — timeseries.csv, summary.csv, \
            comparison.csv, sweep.csv, in the dialect it declares — and writes report.html next \
            to them, atomically. With unchanged files the page is byte-identical to the one the \
            run wrote. A folder without manifest.json (an interrupted run), a file the manifest \
            lists that is missing or not the bytes it records (size, SHA-256), or a CSV file that \
            does not read strictly is an error naming the file (and line and column); exit \
            status 1 (64 on usage errors). See docs/result-folders.md.
            """)

    @Argument(help: "The folder `affluence run`, `compare` or `sweep` wrote.") var folder: String
    @Flag(help: "Print nothing but errors.") var quiet = false
    @OptionGroup var language: LanguageOption

    func run() throws {
        let url: URL
        do {
            url = try ReportPage.regenerate(folder: URL(fileURLWithPath: folder), language: language.lang)
        } catch let error as OutputError {
            throw CommandFailure(error.description)
        } catch let error as CSVError {
            // The reader names the file within the folder; the user named the folder.
            let path = URL(fileURLWithPath: folder).appendingPathComponent(error.file).relativePath
            throw CommandFailure(CSVError(file: path, line: error.line, column: error.column, message: error.message).description)
        }
        if !quiet { print("wrote \(url.path)") }
    }
}
