import Foundation
import KamTestSupport
import Testing

/// `kam export FILE` → edits by openpyxl / the store → `kam sync`, checking the store (`kam export --json`) and the
/// workbook (`kam inspect --json`): no edit from either side is lost.
@Suite("kam sync scenarios (XLSX)")
struct SyncScenarioTests {
    static let document = """
    {"format":"kam.workspace/1","customers":[
    {"id":"C001","name":"华东机械","industry":"制造","region":"上海","owner":"张三","keyAccount":true,
     "annualRevenue":1250000.5,"satisfaction":88,"notes":"老客户",
     "contacts":[{"name":"李四","phone":"13800138000","primary":true},{"name":"王五","title":"采购"}],
     "transactions":[{"date":"2024-03-05","product":"机床","quantity":2,"amount":100000}],
     "extra":{"微博账号":"hd"}},
    {"id":"C002","name":"南方贸易","owner":"赵六","keyAccount":true},
    {"id":"C003","name":"北方物流","owner":"钱七","keyAccount":true}]}
    """

    /// A workspace with the document imported and `ka.xlsx` exported.
    static func setUp() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kam-sync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try KamProcess.kam(["init", "."], in: dir)
        try document.write(toFile: dir + "/doc.json", atomically: true, encoding: .utf8)
        #expect(try KamProcess.kam(["import", "doc.json"], in: dir).status == 0)
        #expect(try KamProcess.kam(["export", "ka.xlsx"], in: dir).status == 0)
        return dir
    }

    static func py(_ dir: String, _ body: String) throws {
        let script = "import openpyxl\nwb=openpyxl.load_workbook('ka.xlsx')\nws=wb['重点客户']\n" + body + "\nwb.save('ka.xlsx')\n"
        let r = try KamProcess.run("python3", ["-c", script], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    static func sync(_ dir: String, _ args: [String] = []) throws -> ProcessResult {
        try KamProcess.kam(["sync", "ka.xlsx"] + args, in: dir)
    }

    /// The store's customers by id.
    static func store(_ dir: String) throws -> [String: [String: Any]] {
        let r = try KamProcess.kam(["export", "--json"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        var out: [String: [String: Any]] = [:]
        for c in (doc["customers"] as? [[String: Any]]) ?? [] { if let id = c["id"] as? String { out[id] = c } }
        return out
    }

    /// A sheet's cells A1 → value text.
    static func cells(_ dir: String, _ sheet: String = "重点客户") throws -> [String: String] {
        let r = try KamProcess.kam(["inspect", "ka.xlsx", "--json"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let sheets = (doc["sheets"] as? [[String: Any]]) ?? []
        let s = try #require(sheets.first { $0["name"] as? String == sheet })
        var out: [String: String] = [:]
        for (k, v) in (s["cells"] as? [String: [String: Any]]) ?? [:] { out[k] = v["value"].map { "\($0)" } }
        return out
    }

    /// Edits the store: changes one customer's field through a JSON import.
    static func editStore(_ dir: String, id: String, field: String, value: Any) throws {
        let r = try KamProcess.kam(["export", "--json"], in: dir)
        var doc = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        var customers = (doc["customers"] as? [[String: Any]]) ?? []
        for i in customers.indices where customers[i]["id"] as? String == id { customers[i][field] = value }
        doc["customers"] = customers
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: dir + "/edit.json"))
        #expect(try KamProcess.kam(["import", "edit.json"], in: dir).status == 0)
    }

    @Test("export then sync changes nothing")
    func noChange() throws {
        let dir = try Self.setUp()
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx"))
        let r = try Self.sync(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx")) == before)
    }

    @Test("sheet-only edit flows into the store; store-only edit flows into the sheet, in one sync")
    func oneSidedEdits() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws['F2']='孙八'")  // C001 owner
        try Self.editStore(dir, id: "C002", field: "notes", value: "库里改的")
        let r = try Self.sync(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "孙八")
        #expect(try Self.cells(dir)["R3"] == "库里改的")
        #expect(FileManager.default.fileExists(atPath: dir + "/ka.xlsx.bak"))
        #expect(try Self.sync(dir, ["--dry-run", "--lang", "en"]).stdout.contains("store:\n  none"))
    }

    @Test("both sides change a field to the same value: nothing to do")
    func bothSame() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws['F2']='同一人'")
        try Self.editStore(dir, id: "C001", field: "owner", value: "同一人")
        let r = try Self.sync(dir)
        #expect(r.status == 0)
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "同一人")
        #expect(try Self.cells(dir)["F2"] == "同一人")
    }

    @Test("both sides change a field differently: sync-conflict, exit 1, neither overwritten; --prefer settles it")
    func conflict() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws['F2']='表里的人'\nws['C2']='机械'")
        try Self.editStore(dir, id: "C001", field: "owner", value: "库里的人")
        let dry = try Self.sync(dir, ["--dry-run"])
        #expect(dry.stdout.contains("表里的人") && dry.stdout.contains("库里的人"))
        let r = try Self.sync(dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("sync-conflict") || r.stdout.contains("conflict"))
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "库里的人")
        #expect(try Self.cells(dir)["F2"] == "表里的人")
        // The non-conflicting sheet edit still flowed.
        #expect(try Self.store(dir)["C001"]?["industry"] as? String == "机械")
        let again = try Self.sync(dir)
        #expect(again.status == 1, "the conflict stays until settled")
        #expect(try Self.sync(dir, ["--prefer", "sheet"]).status == 0)
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "表里的人")
    }

    @Test("--conflicts row: edits of different fields on both sides make the row a conflict")
    func rowConflicts() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws['F2']='表里的人'")
        try Self.editStore(dir, id: "C001", field: "notes", value: "库里的备注")
        #expect(try Self.sync(dir, ["--conflicts", "row"]).status == 1)
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "张三")
        #expect(try Self.sync(dir).status == 0, "per field they merge")
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "表里的人")
        #expect(try Self.cells(dir)["R2"] == "库里的备注")
    }

    @Test("a new row in the sheet gets an id written back; child rows too")
    func newRows() throws {
        let dir = try Self.setUp()
        try Self.py(dir, """
        ws.append([None,'新公司','零售','北京',None,'周九'])
        t=wb['交易记录']; t.append(['C002',None,'2024-05-01','配件',1,200,200,'HT-9'])
        """)
        let r = try Self.sync(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let cells = try Self.cells(dir)
        let id = try #require(cells["A5"])
        #expect(try Self.store(dir)[id]?["name"] as? String == "新公司")
        #expect(try Self.cells(dir, "交易记录")["B3"] == "C002-T1")
        let tx = try Self.store(dir)["C002"]?["transactions"] as? [[String: Any]]
        #expect(tx?.first?["product"] as? String == "配件")
        #expect(try Self.sync(dir, ["--lang", "en"]).stdout.contains("store:\n  none"))
    }

    @Test("a new customer in the store is appended to the sheet")
    func storeNewRow() throws {
        let dir = try Self.setUp()
        let doc = """
        {"format":"kam.workspace/1","customers":[{"id":"C009","name":"新增客户","owner":"吴十","keyAccount":true}]}
        """
        try doc.write(toFile: dir + "/add.json", atomically: true, encoding: .utf8)
        #expect(try KamProcess.kam(["import", "add.json"], in: dir).status == 0)
        #expect(try Self.sync(dir).status == 0)
        let cells = try Self.cells(dir)
        #expect(cells["A5"] == "C009" && cells["B5"] == "新增客户")
    }

    @Test("a row deleted in the sheet is reported, and removed from the store only with --allow-delete")
    func deletedRow() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws.delete_rows(4)")  // C003
        let r = try Self.sync(dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("C003"))
        #expect(try Self.store(dir)["C003"] != nil)
        #expect(try Self.sync(dir, ["--allow-delete"]).status == 0)
        #expect(try Self.store(dir)["C003"] == nil)
    }

    @Test("re-sorted rows and rows inserted in the middle: cells are found by id")
    func sortedAndInserted() throws {
        let dir = try Self.setUp()
        try Self.py(dir, """
        rows=[[c.value for c in r] for r in ws.iter_rows(min_row=2)]
        rows.reverse()
        for i,r in enumerate(rows):
            for j,v in enumerate(r): ws.cell(row=2+i,column=1+j,value=v)
        ws.insert_rows(3)
        ws['B3']='中间插入公司'
        """)
        try Self.editStore(dir, id: "C001", field: "notes", value: "排序后")
        let r = try Self.sync(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let cells = try Self.cells(dir)
        // C001 is now last (row 5, after the inserted row).
        #expect(cells["A5"] == "C001")
        #expect(cells["R5"] == "排序后")
        #expect(cells["A3"] != nil, "the inserted row got an id")
        let store = try Self.store(dir)
        #expect(store.values.contains { $0["name"] as? String == "中间插入公司" })
        #expect(store["C003"]?["owner"] as? String == "钱七")
    }

    @Test("a column added by the team is kept in extra and round-trips")
    func addedColumn() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws['T1']='拜访记录'\nws['T2']='三月拜访'\nws['S2']='hd_new'")
        #expect(try Self.sync(dir).status == 0)
        let extra = try Self.store(dir)["C001"]?["extra"] as? [String: String]
        #expect(extra?["拜访记录"] == "三月拜访")
        #expect(extra?["微博账号"] == "hd_new")
        try Self.editStore(dir, id: "C001", field: "extra", value: ["拜访记录": "四月拜访", "微博账号": "hd_new"])
        #expect(try Self.sync(dir).status == 0)
        #expect(try Self.cells(dir)["T2"] == "四月拜访")
    }

    @Test("a renamed sheet is still found by its content")
    func renamedSheet() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws.title='我们的客户'\nws['F2']='改名后'")
        let r = try Self.sync(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "改名后")
    }

    @Test("re-saved by LibreOffice between syncs")
    func libreOfficeResave() throws {
        guard KamProcess.has("soffice") else { return }
        let dir = try Self.setUp()
        try Self.py(dir, "ws['F2']='LO前'")
        let out = dir + "/lo"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let converted = try LibreOffice.convert(dir + "/ka.xlsx", to: "xlsx", in: out)
        try FileManager.default.removeItem(atPath: dir + "/ka.xlsx")
        try FileManager.default.copyItem(atPath: converted, toPath: dir + "/ka.xlsx")
        try Self.editStore(dir, id: "C002", field: "notes", value: "LO后")
        let r = try Self.sync(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "LO前")
        #expect(try Self.cells(dir)["R3"] == "LO后")
    }

    @Test("kill -9 before the save leaves workbook and store as they were")
    func killedSync() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws['F2']='被杀前'")
        try Self.editStore(dir, id: "C002", field: "notes", value: "库改")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx"))
        let r = try KamProcess.kam(["sync", "ka.xlsx"], in: dir, environment: ["KAM_TEST_CRASH": "before-save"])
        #expect(r.status != 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx")) == before)
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "张三")
        // Killed after the save, before the commit: the next sync reconciles without losing either edit.
        let r2 = try KamProcess.kam(["sync", "ka.xlsx"], in: dir, environment: ["KAM_TEST_CRASH": "after-save"])
        #expect(r2.status != 0)
        #expect(try Self.sync(dir).status == 0)
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "被杀前")
        #expect(try Self.cells(dir)["R3"] == "库改")
    }

    @Test("a second kam holding the workspace: sync refused with a clear message, nothing written; later it runs")
    func concurrentSync() throws {
        let dir = try Self.setUp()
        try Self.py(dir, "ws['F2']='并发'")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx"))
        // Another process holds the workspace lock (as a running sync or import does) for a few seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import fcntl, time
            f = open('.kam/sync.lock', 'w'); fcntl.flock(f, fcntl.LOCK_EX); open('held', 'w').close(); time.sleep(8)
            """]
        holder.currentDirectoryURL = URL(fileURLWithPath: dir)
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        var waited = 0.0
        while !FileManager.default.fileExists(atPath: dir + "/held"), waited < 10 { usleep(50_000); waited += 0.05 }
        let r = try Self.sync(dir, ["--lang", "en"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("busy"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/ka.xlsx")) == before)
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "张三")
        holder.terminate()
        holder.waitUntilExit()
        #expect(try Self.sync(dir).status == 0)
        #expect(try Self.store(dir)["C001"]?["owner"] as? String == "并发")
    }
}
