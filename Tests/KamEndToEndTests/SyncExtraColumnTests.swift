import Foundation
import KamTestSupport
import Testing

/// Extra fields whose names are also headers of the key-account layout (an imported 首次合作日期 beside the layout's
/// derived 首次合作日期 column): the exported workbook has two columns of that header, and sync must read the
/// second as the extra field — reading neither once made the second sync clear those values in the store.
@Suite("kam sync: extra fields named like layout columns")
struct SyncExtraColumnTests {
    static let document = """
    {"format":"kam.workspace/1","customers":[
    {"id":"C001","name":"华东机械","owner":"张三","keyAccount":true,
     "extra":{"首次合作日期":"2014-02-03","最近购买日期":"2020-10-04","微博账号":"hd"}},
    {"id":"C002","name":"南方贸易","owner":"赵六","keyAccount":true,"extra":{"首次合作日期":"2019-05-15"}}]}
    """

    @Test("export, sync, sync again: nothing to do, the extra values stay in the store and the workbook")
    func extraNamedLikeLayoutColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kam-syncx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try KamProcess.kam(["init", "."], in: dir)
        try Self.document.write(toFile: dir + "/doc.json", atomically: true, encoding: .utf8)
        #expect(try KamProcess.kam(["import", "doc.json"], in: dir).status == 0)
        #expect(try KamProcess.kam(["export", "ka.xlsx"], in: dir).status == 0)
        for _ in 0..<2 {
            let dry = try KamProcess.kam(["sync", "ka.xlsx", "--dry-run", "--lang", "en"], in: dir)
            #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
            #expect(!dry.stdout.contains("extra."), "\(dry.stdout)")
            #expect(try KamProcess.kam(["sync", "ka.xlsx"], in: dir).status == 0)
        }
        // The team edits the extra value in the sheet: it reaches the store.
        let script = """
        import openpyxl
        wb = openpyxl.load_workbook('ka.xlsx'); ws = wb['重点客户']
        heads = [c.value for c in ws[1]]
        col = len(heads) - heads[::-1].index('首次合作日期')
        for r in range(2, ws.max_row + 1):
            if ws.cell(row=r, column=1).value == 'C002': ws.cell(row=r, column=col).value = '2020-01-01'
        wb.save('ka.xlsx')
        """
        let py = try KamProcess.run("python3", ["-c", script], in: dir)
        #expect(py.status == 0, "\(py.stderr)")
        #expect(try KamProcess.kam(["sync", "ka.xlsx"], in: dir).status == 0)
        let r = try KamProcess.kam(["export", "--json"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let customers = (doc["customers"] as? [[String: Any]]) ?? []
        let c1 = try #require(customers.first { $0["id"] as? String == "C001" })
        let c2 = try #require(customers.first { $0["id"] as? String == "C002" })
        let e1 = c1["extra"] as? [String: String], e2 = c2["extra"] as? [String: String]
        #expect(e1 == ["首次合作日期": "2014-02-03", "最近购买日期": "2020-10-04", "微博账号": "hd"])
        #expect(e2 == ["首次合作日期": "2020-01-01"])
    }
}
