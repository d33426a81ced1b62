import ArgumentParser
import Foundation
import KamModel
import KamStore
import KamWorkspace

/// `kam export --json`: the whole workspace as a `kam.workspace/1` document on stdout (CONTRACTS.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the workspace's customers and plans (--json: the kam.workspace/1 document).")

    @Flag(help: "Print the kam.workspace/1 JSON document (MODEL.md).")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
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
