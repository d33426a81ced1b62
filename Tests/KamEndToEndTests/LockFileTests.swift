import Foundation
import KamTestSupport
import Testing

/// A workbook open in LibreOffice or Excel (its lock file beside it): kam does not replace it — that program would
/// later save its own copy over kam's, undoing the sync's writes (and the next sync would take the stale values back).
@Suite("Lock files of spreadsheet programs")
struct LockFileTests {
    static let document = """
    {"format":"kam.workspace/1","customers":[{"id":"C001","name":"华东机械","owner":"张三","keyAccount":true}]}
    """

    @Test("kam edit and kam sync refuse to replace a workbook another program has open; nothing written; fine once closed",
          arguments: [".~lock.ka.xlsx#", "~$ka.xlsx"])
    func openElsewhere(_ lock: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kam-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try KamProcess.kam(["init", "."], in: dir)
        try Self.document.write(toFile: dir + "/doc.json", atomically: true, encoding: .utf8)
        #expect(try KamProcess.kam(["import", "doc.json"], in: dir).status == 0)
        #expect(try KamProcess.kam(["export", "ka.xlsx"], in: dir).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx"))
        _ = FileManager.default.createFile(atPath: dir + "/" + lock, contents: Data("locked".utf8))

        let edit = try KamProcess.kam(["edit", "ka.xlsx", "--set", "重点客户!R2=备注", "--lang", "en"], in: dir)
        #expect(edit.status == 2, "\(edit.stdout)\(edit.stderr)")
        #expect(edit.stderr.contains(lock) && edit.stderr.contains("open"), "\(edit.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx")) == before)

        // A store-side change needs the workbook rewritten: refused, and the store keeps its state for later.
        let doc2 = Self.document.replacingOccurrences(of: "张三", with: "李四")
        try doc2.write(toFile: dir + "/doc2.json", atomically: true, encoding: .utf8)
        #expect(try KamProcess.kam(["import", "doc2.json"], in: dir).status == 0)
        let storeBefore = try KamProcess.kam(["export", "--json"], in: dir).stdout
        let sync = try KamProcess.kam(["sync", "ka.xlsx", "--lang", "en"], in: dir)
        #expect(sync.status == 2, "\(sync.stdout)\(sync.stderr)")
        #expect(sync.stderr.contains(lock), "\(sync.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx")) == before)
        #expect(try KamProcess.kam(["export", "--json"], in: dir).stdout == storeBefore)

        try FileManager.default.removeItem(atPath: dir + "/" + lock)
        #expect(try KamProcess.kam(["sync", "ka.xlsx"], in: dir).status == 0)
        let r = try KamProcess.kam(["inspect", "ka.xlsx", "--json"], in: dir)
        #expect(r.stdout.contains("李四"))
    }
}
