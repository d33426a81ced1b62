import ArgumentParser
import Foundation
import KamModel
import KamStore
import KamSync
import KamWorkspace

/// `kam export --json`: the whole workspace as a `kam.workspace/1` document on stdout (CONTRACTS.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the workspace's customers and plans (--json: the kam.workspace/1 document).")

    @Flag(help: "Print the kam.workspace/1 JSON document (MODEL.md).")
    var json = false

    @Argument(help: "Write the key-account workbook (.xlsx or .ods, TEMPLATES.md §1) and bind it for kam sync.")
    var file: String?

    @Option(help: "Which customers the workbook shows: key-accounts (default) or all.")
    var filter: String = "key-accounts"

    @OptionGroup var global: GlobalOptions

    func run() throws {
        if let file, !json {
            try exportWorkbook(file)
            return
        }
        let document = try KamError.rethrowing {
            let workspace = try Workspace.locate(explicit: global.workspace)
            return try workspace.openStore().exportDocument()
        }
        if json {
            FileHandle.standardOutput.write(document.encoded())
        } else {
            let lang = global.language
            print(lang.pick(zh: "\(document.customers.count) 个客户，\(document.plans.count) 个方案（用 --json 输出文档）",
                            en: "\(document.customers.count) customers, \(document.plans.count) plans (--json prints the document)"))
        }
    }
}

extension ExportCommand {
    /// `kam export FILE`: the key-account workbook, bound for sync.
    func exportWorkbook(_ file: String) throws {
        let lang = global.language
        guard let f = ExportFilter(rawValue: filter) else {
            throw KamError(code: "usage", zh: "--filter 只能是 key-accounts 或 all", en: "--filter takes key-accounts or all")
        }
        let workspace = try KamError.rethrowing { try Workspace.locate(explicit: global.workspace) }
        let lock = try WorkspaceLocking.take(workspace, lang: lang)
        defer { withExtendedLifetime(lock) {} }
        let count = try KamError.rethrowing(file: file) {
            try KeyAccountExporter(store: try workspace.openStore(), filter: f).export(to: file)
        }
        FileHandle.standardError.write(Data((lang.pick(zh: "\(file)：写入 \(count) 个客户", en: "\(file): \(count) customers written") + "\n").utf8))
    }
}
