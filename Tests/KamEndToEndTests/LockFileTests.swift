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
          arguments: [(SyncFormat.xlsx, ".~lock.ka.xlsx#"), (.xlsx, "~$ka.xlsx"), (.ods, ".~lock.ka.ods#")])
    func openElsewhere(_ format: SyncFormat, _ lock: String) throws {
        let wb = try SyncWorkbook(format, document: Self.document)
        let before = try wb.bytes()
        _ = FileManager.default.createFile(atPath: wb.dir + "/" + lock, contents: Data("locked".utf8))

        let edit = try KamProcess.kam(["edit", wb.file, "--set", "重点客户!R2=备注", "--lang", "en"], in: wb.dir)
        #expect(edit.status == 2, "\(edit.stdout)\(edit.stderr)")
        #expect(edit.stderr.contains(lock) && edit.stderr.contains("open"), "\(edit.stderr)")
        #expect(try wb.bytes() == before)

        // A store-side change needs the workbook rewritten: refused, and the store keeps its state for later.
        try wb.editStore(id: "C001", field: "owner", value: "李四")
        let storeBefore = try KamProcess.kam(["export", "--json"], in: wb.dir).stdout
        let sync = try wb.sync(["--lang", "en"])
        #expect(sync.status == 2, "\(sync.stdout)\(sync.stderr)")
        #expect(sync.stderr.contains(lock), "\(sync.stderr)")
        #expect(try wb.bytes() == before)
        #expect(try KamProcess.kam(["export", "--json"], in: wb.dir).stdout == storeBefore)

        try FileManager.default.removeItem(atPath: wb.dir + "/" + lock)
        #expect(try wb.sync().status == 0)
        #expect(try wb.cells()["F2"] == "李四")
        try wb.expectInStep()
    }
}
