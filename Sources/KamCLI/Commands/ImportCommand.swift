import ArgumentParser
import Foundation
import KamModel
import KamStore
import KamWorkspace

/// `kam import FILE [--replace]`: reads a file into the workspace's store in one transaction.
///
/// The file's extension picks a `FileImporter` from `ImportCommand.importers`: `.json` reads a
/// `kam.workspace/1` document. Spreadsheets (`.xlsx`, `.xlsm`, `.ods`) go through the mapping layer;
/// until it is registered here they fail with a clear error. Customers are replaced whole by id; with
/// `--replace` the store becomes the file's content.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers and plans from a kam.workspace/1 JSON file (spreadsheets: soon).")

    @Argument(help: "The file to import (.json; .xlsx/.ods once mapping is in).")
    var file: String

    @Flag(help: "Remove customers and plans that the file does not contain.")
    var replace = false

    @OptionGroup var global: GlobalOptions

    /// Importers by lower-case file extension. The spreadsheet importer will replace the placeholder entries.
    static let importers: [String: any FileImporter] = [
        "json": JSONDocumentImporter(),
        "xlsx": UnavailableSpreadsheetImporter(),
        "xlsm": UnavailableSpreadsheetImporter(),
        "ods": UnavailableSpreadsheetImporter(),
    ]

    func run() throws {
        let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
        guard let importer = Self.importers[ext] else {
            throw KamError(code: "unsupported-file",
                           zh: "\(file)：不支持的文件类型（可导入 .json\(ext.isEmpty ? "" : "，而不是 .\(ext)")）",
                           en: "\(file): unsupported file type (import takes .json\(ext.isEmpty ? "" : ", not .\(ext)"))")
        }
        let lang = global.language
        let summary = try KamError.rethrowing(file: file) { () throws -> ImportSummary in
            let workspace = try Workspace.locate(explicit: global.workspace)
            let imported = try importer.read(file: file, workspace: workspace)
            let store = try workspace.openStore()
            return try store.write { tx in
                var run = try tx.beginImportRun(source: file, kind: importer.kind, startedAt: .now)
                for note in imported.notes {
                    try tx.appendImportLog(ImportLogEntry(runID: run.id, level: note.level, code: note.code,
                                                          message: note.message, location: note.location,
                                                          recordID: note.recordID, field: note.field))
                }
                let summary = try tx.importDocument(imported.document, mode: replace ? .replace : .merge)
                run.status = .succeeded
                run.finishedAt = .now
                run.customersAdded = summary.customersAdded
                run.customersUpdated = summary.customersUpdated
                run.plansWritten = summary.plansWritten
                try tx.finishImportRun(run)
                return summary
            }
        }
        var line = lang.pick(
            zh: "\(file)：新增 \(summary.customersAdded) 个客户，更新 \(summary.customersUpdated) 个，方案 \(summary.plansWritten) 个",
            en: "\(file): \(summary.customersAdded) customers added, \(summary.customersUpdated) updated, \(summary.plansWritten) plans")
        if replace {
            line += lang.pick(zh: "，删除客户 \(summary.customersRemoved) 个、方案 \(summary.plansRemoved) 个",
                              en: ", \(summary.customersRemoved) customers and \(summary.plansRemoved) plans removed")
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// What an importer made of a file: the document to write, and notes for the import log.
struct ImportedFile {
    var document: WorkspaceDocument
    var notes: [ImportLogEntry] = []  // `runID` is filled in when the run starts.
}

/// Turns one kind of file into a workspace document for `kam import`.
protocol FileImporter: Sendable {
    /// The kind recorded in the import run: `json`, `xlsx`, `ods`.
    var kind: String { get }
    /// Reads the file. - Throws: a `KamError`, `SpreadsheetError` or `WorkspaceDocumentError` naming the file.
    func read(file: String, workspace: Workspace) throws -> ImportedFile
}

/// Reads a `kam.workspace/1` JSON document.
struct JSONDocumentImporter: FileImporter {
    var kind: String { "json" }

    func read(file: String, workspace: Workspace) throws -> ImportedFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw KamError(code: "cannot-read", zh: "\(file)：无法读取文件", en: "\(file): cannot read the file")
        }
        return ImportedFile(document: try WorkspaceDocument.decode(data))
    }
}

/// Stands in for the spreadsheet importer until KamMapping registers it.
struct UnavailableSpreadsheetImporter: FileImporter {
    var kind: String { "spreadsheet" }

    func read(file: String, workspace: Workspace) throws -> ImportedFile {
        throw KamError(code: "spreadsheet-import-unavailable",
                       zh: "\(file)：此版本尚不能导入电子表格（请先导入 JSON 文档）",
                       en: "\(file): this build cannot import spreadsheets yet (import a JSON document)")
    }
}

extension LocalDateTime {
    /// The current local wall-clock time.
    static var now: LocalDateTime {
        let c = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        let date = LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(dayNumber: 0)
        return LocalDateTime(date: date, hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0)
    }
}
