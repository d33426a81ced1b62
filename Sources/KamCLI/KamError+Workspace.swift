import KamModel
import KamStore
import KamWorkspace

// Words for the errors of the workspace, the store and the workspace document (zh/en), so that
// `ExitStatus` reports them as one line naming the file, with exit code 2.
extension KamError {
    /// Wraps workspace, store and document errors in a `KamError`; other errors pass through unchanged.
    static func wrapping(_ error: any Error, file: String? = nil) -> any Error {
        switch error {
        case let e as WorkspaceError: return KamError(workspace: e)
        case let e as StoreError: return KamError(store: e)
        case let e as WorkspaceDocumentError: return KamError(document: e, file: file ?? "")
        default: return error
        }
    }

    /// Runs `body`, rethrowing workspace, store and document errors as `KamError`s.
    static func rethrowing<T>(file: String? = nil, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw wrapping(error, file: file) }
    }

    init(workspace e: WorkspaceError) {
        switch e.reason {
        case .notFound(let from):
            self.init(code: e.code,
                      zh: "找不到工作区：\(from) 及其上级目录中都没有 kam.yaml（先运行 kam init，或用 --workspace 指定）",
                      en: "no workspace: no kam.yaml in \(from) or any folder above it (run kam init, or pass --workspace)")
        case .notAWorkspace:
            self.init(code: e.code, zh: "\(e.path)：不是工作区（没有 kam.yaml）", en: "\(e.path): not a workspace (no kam.yaml)")
        case .alreadyExists:
            self.init(code: e.code, zh: "\(e.path)：工作区已存在（已有 kam.yaml）", en: "\(e.path): a workspace already exists (kam.yaml is there)")
        case .invalidConfiguration(let m):
            self.init(code: e.code, zh: "\(e.path)：配置无效：\(m)", en: "\(e.path): invalid configuration: \(m)")
        case .io(let m):
            self.init(code: e.code, zh: "\(e.path)：读写失败：\(m)", en: "\(e.path): \(m)")
        }
    }

    init(store e: StoreError) {
        let zh: String = switch e.reason {
        case .cannotOpen(let m): "无法打开数据库：\(m)"
        case .migrationFailed(let m): "数据库升级失败：\(m)"
        case .unknownMigrations: "数据库由更新版本的 kam 创建，请升级 kam"
        case .constraintViolated(let m): "数据不符合约束，未写入任何内容：\(m)"
        case .corruptValue(let t, let c, let v): "数据库中 \(t).\(c) 的值 \(v) 无法读取"
        case .invalidKey(let m): "无效的键：\(m)"
        case .database(let code, let m): "数据库错误 \(code)：\(m)"
        }
        self.init(code: e.code, zh: "\(e.path)：\(zh)", en: e.description)
    }

    init(document e: WorkspaceDocumentError, file: String) {
        let at = e.path.isEmpty ? "" : " \(e.path)"
        switch e.reason {
        case .notJSON:
            self.init(code: "invalid-json", zh: "\(file)：不是有效的 JSON（\(e.detail)）",
                      en: "\(file): not valid JSON (\(e.detail))")
        case .wrongFormat:
            self.init(code: "wrong-format", zh: "\(file)：不是 kam.workspace/1 文档（format：\(e.detail)）",
                      en: "\(file): not a kam.workspace/1 document (format: \(e.detail))")
        case .invalidValue:
            self.init(code: "invalid-value", zh: "\(file)\(at)：值无效（\(e.detail)）",
                      en: "\(file)\(at): invalid value (\(e.detail))")
        }
    }
}
