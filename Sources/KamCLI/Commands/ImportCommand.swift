import ArgumentParser
import Foundation
import KamImport
import KamMapping
import KamModel
import KamStore
import KamSync
import KamWorkspace

/// `kam import FILE… [--replace] [--profile P] [--sheet S] [--dry-run]`: reads files into the workspace's store in
/// one transaction.
///
/// The file's extension picks a `FileImporter` from `ImportCommand.importers`: `.json` reads a `kam.workspace/1`
/// document (customers replaced whole by id; with `--replace` the store becomes the file's content); `.xlsx`,
/// `.xlsm` and `.ods` go through the mapping layer and are merged into the store's customers (by id, or by
/// normalised name when the sheet had no id column), so that importing a file twice changes nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers from spreadsheets (.xlsx/.ods) or a kam.workspace/1 JSON file.")

    @Argument(help: "The files to import (.xlsx, .xlsm, .ods, .json).")
    var files: [String]

    @Flag(help: "Remove customers and plans that the file does not contain (JSON documents).")
    var replace = false

    @Option(help: "A mapping profile (YAML) pinning columns, sheet kinds, header rows, month-first dates.")
    var profile: String?

    @Option(help: "Import only this sheet.")
    var sheet: String?

    @Flag(name: .customLong("dry-run"), help: "Show the mapping found and the first rows; change nothing.")
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    /// Importers by lower-case file extension.
    static let importers: [String: any FileImporter] = [
        "json": JSONDocumentImporter(),
        "xlsx": SpreadsheetImporter(kind: "xlsx"),
        "xlsm": SpreadsheetImporter(kind: "xlsm"),
        "ods": SpreadsheetImporter(kind: "ods"),
    ]

    func run() throws {
        let lang = global.language
        var chosen: [(String, any FileImporter)] = []
        for file in files {
            let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
            guard let importer = Self.importers[ext] else {
                throw KamError(code: "unsupported-file",
                               zh: "\(file)：不支持的文件类型（可导入 .xlsx、.ods、.json\(ext.isEmpty ? "" : "，而不是 .\(ext)")）",
                               en: "\(file): unsupported file type (import takes .xlsx, .ods, .json\(ext.isEmpty ? "" : ", not .\(ext)"))")
            }
            chosen.append((file, importer))
        }
        let options = ImportOptions(profile: try loadProfile(profile), sheet: sheet)
        if dryRun {
            for (file, importer) in chosen {
                print(try KamError.rethrowing(file: file) { try importer.preview(file: file, options: options, lang: lang) })
            }
            return
        }
        let workspace = try KamError.rethrowing { try Workspace.locate(explicit: global.workspace) }
        let lock = try WorkspaceLocking.take(workspace, lang: lang)
        defer { withExtendedLifetime(lock) {} }
        // Read everything first: an unreadable file stops the import before the store is touched.
        var imported: [(String, any FileImporter, ImportedFile)] = []
        for (file, importer) in chosen {
            let f = try KamError.rethrowing(file: file) { try importer.read(file: file, workspace: workspace, options: options) }
            imported.append((file, importer, f))
        }
        let results = try KamError.rethrowing { () throws -> [(String, ImportSummary, ImportedFile)] in
            let store = try workspace.openStore()
            return try store.write { tx in
                var out: [(String, ImportSummary, ImportedFile)] = []
                for (file, importer, f) in imported {
                    var run = try tx.beginImportRun(source: file, kind: importer.kind, startedAt: .now)
                    for note in f.notes {
                        var n = note
                        n.runID = run.id
                        try tx.appendImportLog(n)
                    }
                    let summary: ImportSummary
                    if f.mergeByKey {
                        summary = try SpreadsheetImporter.merge(f, into: tx, runID: run.id)
                    } else {
                        summary = try tx.importDocument(f.document, mode: replace ? .replace : .merge)
                    }
                    run.status = .succeeded
                    run.finishedAt = .now
                    run.customersAdded = summary.customersAdded
                    run.customersUpdated = summary.customersUpdated
                    run.plansWritten = summary.plansWritten
                    try tx.finishImportRun(run)
                    out.append((file, summary, f))
                }
                return out
            }
        }
        for (file, summary, f) in results {
            var line: String
            if let s = f.stats {
                line = lang.pick(
                    zh: "\(file)：\(s.sheets) 个工作表，读取 \(s.rowsRead) 行；新增 \(summary.customersAdded) 个客户，更新 \(summary.customersUpdated) 个；合并重复行 \(s.duplicateRowsMerged) 行，规范化 \(s.valuesNormalised) 个值，拒收 \(s.valuesRejected) 个值",
                    en: "\(file): \(s.sheets) sheets, \(s.rowsRead) rows read; \(summary.customersAdded) customers added, \(summary.customersUpdated) updated; \(s.duplicateRowsMerged) duplicate rows merged, \(s.valuesNormalised) values normalised, \(s.valuesRejected) rejected")
            } else {
                line = lang.pick(
                    zh: "\(file)：新增 \(summary.customersAdded) 个客户，更新 \(summary.customersUpdated) 个，方案 \(summary.plansWritten) 个",
                    en: "\(file): \(summary.customersAdded) customers added, \(summary.customersUpdated) updated, \(summary.plansWritten) plans")
                if replace {
                    line += lang.pick(zh: "，删除客户 \(summary.customersRemoved) 个、方案 \(summary.plansRemoved) 个",
                                      en: ", \(summary.customersRemoved) customers and \(summary.plansRemoved) plans removed")
                }
            }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}

/// Loads `--profile`, as a `KamError` naming the file when it cannot be read.
func loadProfile(_ path: String?) throws -> MappingProfile {
    guard let path else { return MappingProfile() }
    do { return try MappingProfile.load(path: path) } catch {
        throw KamError(code: "invalid-profile", zh: "映射配置无效：\(error.description)", en: "invalid profile: \(error.description)")
    }
}

/// Options of an import that importers may use.
struct ImportOptions: Sendable {
    var profile = MappingProfile()
    var sheet: String?
}

/// What an importer made of a file: the document to write, and notes for the import log.
struct ImportedFile {
    var document: WorkspaceDocument
    var notes: [ImportLogEntry] = []  // `runID` is filled in when the run starts.
    /// Merge customers into the store's (spreadsheets) rather than replacing them whole (JSON).
    var mergeByKey = false
    /// Child records whose customer is not in the file; attached to the store's customers when there.
    var orphans: [Customer] = []
    /// The ids were generated from names: match the store's customers by normalised name.
    var idsGenerated = false
    /// Spreadsheet counts.
    var stats: Extraction.Stats?
}

/// Turns one kind of file into a workspace document for `kam import`.
protocol FileImporter: Sendable {
    /// The kind recorded in the import run: `json`, `xlsx`, `ods`.
    var kind: String { get }
    /// Reads the file. - Throws: a `KamError`, `SpreadsheetError` or `WorkspaceDocumentError` naming the file.
    func read(file: String, workspace: Workspace, options: ImportOptions) throws -> ImportedFile
    /// What `--dry-run` prints.
    func preview(file: String, options: ImportOptions, lang: Language) throws -> String
}

/// Reads a `kam.workspace/1` JSON document.
struct JSONDocumentImporter: FileImporter {
    var kind: String { "json" }

    func read(file: String, workspace: Workspace, options: ImportOptions) throws -> ImportedFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw KamError(code: "cannot-read", zh: "\(file)：无法读取文件", en: "\(file): cannot read the file")
        }
        return ImportedFile(document: try WorkspaceDocument.decode(data))
    }

    func preview(file: String, options: ImportOptions, lang: Language) throws -> String {
        let f = try read(file: file, workspace: try Workspace.locate(), options: options)
        return lang.pick(zh: "\(file)：\(f.document.customers.count) 个客户，\(f.document.plans.count) 个方案",
                         en: "\(file): \(f.document.customers.count) customers, \(f.document.plans.count) plans")
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
