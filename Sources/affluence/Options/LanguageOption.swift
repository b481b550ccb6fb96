import ArgumentParser
import Output

/// `--lang en|fr`: the language of the report and the stdout summary. A group of its own
/// because `report` (which writes a page but no tables) takes it without the other output options.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of the report and the stdout summary: en or fr (file contents stay in English).")
    var lang: ReportLanguage = .en
}
