import ArgumentParser
import KamSheets

/// `kam convert IN OUT`: rewrite a workbook as XLSX or ODS (by OUT's extension).
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert between XLSX and ODS (or rewrite in the same format).")

    @Argument(help: "The workbook to read.") var input: String
    @Argument(help: "The workbook to write (.xlsx or .ods).") var output: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard SpreadsheetFormat.forExtension(of: output) != nil else {
            throw KamError(code: "unknown-format", zh: "\(output): 输出文件须为 .xlsx 或 .ods",
                           en: "\(output): the output must be .xlsx or .ods")
        }
        let reader = try Workbooks.open(input)
        try WorkbookWriter.copy(reader, to: output)
    }
}
