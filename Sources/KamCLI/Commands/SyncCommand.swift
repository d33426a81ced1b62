import ArgumentParser
import Foundation
import KamContracts
import KamModel
import KamStore
import KamSync
import KamValidation
import KamWorkspace

/// `kam sync FILE [--dry-run] [--prefer sheet|store] [--allow-delete] [--conflicts row]`: two-way sync of a
/// key-account workbook exported by `kam export FILE` (CONTRACTS.md § sync).
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Two-way sync of a key-account workbook (made by kam export FILE) with the store.")

    @Argument(help: "The workbook (.xlsx or .ods) exported by kam export.")
    var file: String

    @Flag(name: .customLong("dry-run"), help: "Show what would change on each side; change nothing.")
    var dryRun = false

    @Option(help: "Who wins a field changed on both sides: sheet or store (default: report a sync-conflict).")
    var prefer: String?

    @Flag(name: .customLong("allow-delete"), help: "Apply deletions: a row deleted on one side is removed from the other.")
    var allowDelete = false

    @Option(help: "Conflict unit: field (default) or row.")
    var conflicts: String = "field"

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lang = global.language
        guard let unit = ConflictUnit(rawValue: conflicts) else {
            throw KamError(code: "usage", zh: "--conflicts 只能是 field 或 row", en: "--conflicts takes field or row")
        }
        var preference = ConflictPreference.none
        if let prefer {
            guard let p = ConflictPreference(rawValue: prefer), p != .none else {
                throw KamError(code: "usage", zh: "--prefer 只能是 sheet 或 store", en: "--prefer takes sheet or store")
            }
            preference = p
        }
        guard FileManager.default.fileExists(atPath: file) else {
            throw KamError(code: "cannot-read", zh: "\(file)：文件不存在", en: "\(file): no such file")
        }
        let workspace = try KamError.rethrowing { try Workspace.locate(explicit: global.workspace) }
        let lock = try WorkspaceLocking.take(workspace, lang: lang)
        defer { withExtendedLifetime(lock) {} }
        let store = try KamError.rethrowing { try workspace.openStore() }
        let engine = SyncEngine(store: store, options: MergeOptions(prefer: preference, unit: unit, allowDelete: allowDelete))
        let outcome = try SyncErrors.rethrowing(file: file) { try engine.sync(file: file, dryRun: dryRun) }
        print(SyncReport.render(outcome.plan, dryRun: dryRun, lang: lang))
        let findings = outcome.plan.findings
        if !findings.isEmpty {
            print(FindingsText.render(findings, lang: lang, color: false))
        }
        if findings.contains(where: { $0.severity == .error }) { throw FindingsExit() }
    }
}

/// The workspace lock as kam's commands take it: a clear message when another run holds it.
enum WorkspaceLocking {
    static func take(_ workspace: Workspace, lang: Language) throws -> WorkspaceLock {
        do {
            return try WorkspaceLock(directory: workspace.root.appendingPathComponent(".kam"))
        } catch {
            throw KamError(code: "workspace-busy",
                           zh: "工作区正被另一个 kam 同步或导入占用（\(workspace.root.path)/.kam/sync.lock），请稍后再试",
                           en: "the workspace is busy with another kam sync or import (\(workspace.root.path)/.kam/sync.lock); try again shortly")
        }
    }
}

enum SyncErrors {
    static func rethrowing<T>(file: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SyncError {
            switch e {
            case .notBound:
                throw KamError(code: "not-bound", zh: "\(file)：不是 kam export 生成的工作簿（先运行 kam export \(file)）",
                               en: "\(file): not a workbook made by kam export (run kam export \(file) first)")
            case .changedOnDisk:
                throw KamError(code: "changed-on-disk", zh: "\(file)：同步期间文件被修改，未写入任何内容",
                               en: "\(file): the file changed on disk during the sync; nothing was written")
            case .customerSheetMissing:
                throw KamError(code: "missing-sheet", zh: "\(file)：找不到“重点客户”工作表（按名称或内容）",
                               en: "\(file): no 重点客户 sheet found (by name or by content)")
            }
        } catch {
            throw KamError.wrapping(error, file: file)
        }
    }
}

/// The human change list of a sync: per side, `Sheet!Cell: old → new`, and conflicts with both values.
enum SyncReport {
    static func render(_ plan: SyncPlan, dryRun: Bool, lang: Language) -> String {
        var sheetLines: [String] = []
        var storeLines: [String] = []
        var notes: [String] = []
        func show(_ v: String?) -> String { v.map { "“\($0)”" } ?? lang.pick(zh: "（空）", en: "(empty)") }
        for kind in SyncSheetKind.allCases {
            guard let part = plan.parts[kind] else { continue }
            let t = part.table
            for (key, fields) in part.merge.sheetUpdates.sorted(by: { $0.key < $1.key }) {
                guard let r = part.sheetRecords[key] else { continue }
                for (path, v) in fields.sorted(by: { $0.key < $1.key }) where !path.hasPrefix("#") {
                    guard let col = t.columns[path] else { continue }
                    let cell = CellRefText.a1(row: r.row, column: col)
                    sheetLines.append("  \(t.sheetName)!\(cell): \(show(r.values[path])) → \(show(v))")
                }
            }
            for (row, key) in part.assignedKeys.sorted(by: { $0.key < $1.key }) {
                if let col = t.columns["#key"] {
                    sheetLines.append("  \(t.sheetName)!\(CellRefText.a1(row: row, column: col)): \(show(nil)) → \(show(key))")
                }
            }
            for key in part.merge.appendToSheet {
                sheetLines.append("  \(t.sheetName): " + lang.pick(zh: "追加 \(key)", en: "append \(key)"))
            }
            for key in part.merge.deleteFromSheet {
                sheetLines.append("  \(t.sheetName): " + lang.pick(zh: "删除 \(key)", en: "delete \(key)"))
            }
            let base = part.storeRecords
            for (key, fields) in part.merge.storeUpdates.sorted(by: { $0.key < $1.key }) {
                for (path, v) in fields.sorted(by: { $0.key < $1.key }) where !path.hasPrefix("#") {
                    storeLines.append("  \(key) \(path): \(show(base[key]?[path])) → \(show(v))")
                }
            }
            for key in part.merge.createInStore {
                storeLines.append("  " + lang.pick(zh: "新建 \(key)（\(t.sheetName)）", en: "create \(key) (\(t.sheetName))"))
            }
            for key in part.merge.deleteFromStore {
                storeLines.append("  " + lang.pick(zh: "删除 \(key)", en: "delete \(key)"))
            }
            for key in part.merge.deletedInSheet where !part.merge.deleteFromStore.contains(key) {
                notes.append(lang.pick(zh: "  \(t.sheetName)：\(key) 已从表中删除；库中保留（用 --allow-delete 删除）",
                                       en: "  \(t.sheetName): \(key) was deleted from the sheet; kept in the store (--allow-delete removes it)"))
            }
            for key in part.merge.deletedInStore where !part.merge.deleteFromSheet.contains(key) {
                notes.append(lang.pick(zh: "  \(t.sheetName)：\(key) 已从库中删除；表中保留（用 --allow-delete 删除）",
                                       en: "  \(t.sheetName): \(key) was deleted from the store; kept in the sheet (--allow-delete removes it)"))
            }
            for c in part.merge.conflicts {
                let where_ = part.sheetRecords[c.key].flatMap { r in t.columns[c.field].map { "\(t.sheetName)!\(CellRefText.a1(row: r.row, column: $0))" } } ?? t.sheetName
                let how = c.resolvedBy.map { lang.pick(zh: "（以\($0 == .sheet ? "表" : "库")为准）", en: " (\($0.rawValue) wins)") }
                    ?? lang.pick(zh: "（未覆盖任何一方）", en: " (neither side overwritten)")
                notes.append(lang.pick(zh: "  冲突 \(where_) \(c.key) \(c.field)：表 \(show(c.sheet))，库 \(show(c.store))，上次 \(show(c.base))\(how)",
                                       en: "  conflict \(where_) \(c.key) \(c.field): sheet \(show(c.sheet)), store \(show(c.store)), base \(show(c.base))\(how)"))
            }
        }
        for loc in plan.unlinked {
            notes.append(lang.pick(zh: "  \(loc.sheet)!\(loc.cell)：客户编号不存在，未同步该行", en: "  \(loc.sheet)!\(loc.cell): unknown customer id; row not synced"))
        }
        var out: [String] = []
        let title = dryRun ? lang.pick(zh: "（预演，未做任何修改）", en: " (dry run, nothing changed)") : ""
        out.append(lang.pick(zh: "工作簿的修改\(title)：", en: "Changes to the workbook\(title):"))
        out += sheetLines.isEmpty ? [lang.pick(zh: "  无", en: "  none")] : sheetLines
        out.append(lang.pick(zh: "库的修改：", en: "Changes to the store:"))
        out += storeLines.isEmpty ? [lang.pick(zh: "  无", en: "  none")] : storeLines
        if !notes.isEmpty {
            out.append(lang.pick(zh: "需要注意：", en: "To note:"))
            out += notes
        }
        return out.joined(separator: "\n")
    }
}

enum CellRefText {
    static func a1(row: Int, column: Int) -> String {
        var n = column + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row + 1)
    }
}
