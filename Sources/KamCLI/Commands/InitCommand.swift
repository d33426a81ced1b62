import ArgumentParser
import Foundation
import KamWorkspace

/// `kam init [DIR]`: makes DIR a workspace (kam.yaml with the defaults, and an empty store).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: kam.yaml (settings) and the customer store.")

    @Argument(help: "The workspace folder (default: the current folder).")
    var directory: String = "."

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let url = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let workspace = try KamError.rethrowing { try Workspace.create(at: url) }
        let lang = global.language
        print(lang.pick(zh: "已创建工作区 \(workspace.root.path)（配置 kam.yaml，数据库 \(workspace.configuration.store)）",
                        en: "Created workspace \(workspace.root.path) (settings kam.yaml, store \(workspace.configuration.store))"))
    }
}
