import Foundation
import KamTestSupport
import Testing

/// `kam export FILE` → edits by openpyxl (XLSX) or `kam edit` (ODS) and by the store → `kam sync`, each scenario on
/// both formats, checking the store (`kam export --json`) and the workbook (`kam inspect --json`) afterwards: no
/// edit from either side is lost (each is applied or reported as a conflict), and a dry run after finds both sides
/// in step.
@Suite("kam sync scenarios (XLSX and ODS)")
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

    @Test("export then sync changes nothing", arguments: SyncFormat.allCases)
    func noChange(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        let before = try wb.bytes()
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try wb.bytes() == before)
        try wb.expectInStep()
    }

    @Test("sheet-only edit flows into the store; store-only edit flows into the sheet, in one sync",
          arguments: SyncFormat.allCases)
    func oneSidedEdits(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "F2", "孙八"), .set("重点客户", "N3", .number(75))])  // C001 owner, C002 satisfaction
        try wb.editStore(id: "C002", field: "notes", value: "库里改的")
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let store = try wb.store()
        #expect(store["C001"]?["owner"] as? String == "孙八")
        #expect(store["C002"]?["satisfaction"] as? Int == 75)
        #expect(store["C002"]?["notes"] as? String == "库里改的")
        let cells = try wb.cells()
        #expect(cells["R3"] == "库里改的")
        #expect(cells["F2"] == "孙八" && cells["N3"] == "75")
        #expect(FileManager.default.fileExists(atPath: wb.path + ".bak"))
        try wb.expectInStep()
    }

    @Test("both sides change a field to the same value: nothing to do", arguments: SyncFormat.allCases)
    func bothSame(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "F2", "同一人")])
        try wb.editStore(id: "C001", field: "owner", value: "同一人")
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("conflict") && !r.stdout.contains("冲突"), "\(r.stdout)")
        #expect(try wb.store()["C001"]?["owner"] as? String == "同一人")
        #expect(try wb.cells()["F2"] == "同一人")
        try wb.expectInStep()
    }

    @Test("both sides change a field differently: sync-conflict, exit 1, neither overwritten; --prefer settles it",
          arguments: SyncFormat.allCases)
    func conflict(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "F2", "表里的人"), .set("重点客户", "C2", "机械")])
        try wb.editStore(id: "C001", field: "owner", value: "库里的人")
        let dry = try wb.sync(["--dry-run"])
        #expect(dry.stdout.contains("表里的人") && dry.stdout.contains("库里的人"), "\(dry.stdout)")
        let r = try wb.sync()
        #expect(r.status == 1)
        #expect(r.stdout.contains("sync-conflict") || r.stdout.contains("conflict"), "\(r.stdout)")
        #expect(try wb.store()["C001"]?["owner"] as? String == "库里的人")
        #expect(try wb.cells()["F2"] == "表里的人")
        // The non-conflicting sheet edit still flowed.
        #expect(try wb.store()["C001"]?["industry"] as? String == "机械")
        let again = try wb.sync()
        #expect(again.status == 1, "the conflict stays until settled")
        #expect(try wb.sync(["--prefer", "sheet"]).status == 0)
        #expect(try wb.store()["C001"]?["owner"] as? String == "表里的人")
        #expect(try wb.cells()["F2"] == "表里的人")
        try wb.expectInStep()
    }

    @Test("--prefer store: the store's value replaces the sheet's", arguments: SyncFormat.allCases)
    func preferStore(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "R2", "表里的备注")])
        try wb.editStore(id: "C001", field: "notes", value: "库里的备注")
        let r = try wb.sync(["--prefer", "store"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try wb.cells()["R2"] == "库里的备注")
        #expect(try wb.store()["C001"]?["notes"] as? String == "库里的备注")
        try wb.expectInStep()
    }

    @Test("--conflicts row: edits of different fields on both sides make the row a conflict",
          arguments: SyncFormat.allCases)
    func rowConflicts(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "F2", "表里的人")])
        try wb.editStore(id: "C001", field: "notes", value: "库里的备注")
        #expect(try wb.sync(["--conflicts", "row"]).status == 1)
        #expect(try wb.store()["C001"]?["owner"] as? String == "张三")
        #expect(try wb.cells()["R2"] == "老客户")
        #expect(try wb.sync().status == 0, "per field they merge")
        #expect(try wb.store()["C001"]?["owner"] as? String == "表里的人")
        #expect(try wb.cells()["R2"] == "库里的备注")
        try wb.expectInStep()
    }

    @Test("a new row in the sheet gets an id written back; child rows too", arguments: SyncFormat.allCases)
    func newRows(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([
            .set("重点客户", "B5", "新公司"), .set("重点客户", "C5", "零售"), .set("重点客户", "D5", "北京"),
            .set("重点客户", "F5", "周九"),
            .set("交易记录", "A3", "C002"), .set("交易记录", "C3", .date("2024-05-01")), .set("交易记录", "D3", "配件"),
            .set("交易记录", "E3", .number(1)), .set("交易记录", "F3", .number(200)), .set("交易记录", "G3", .number(200)),
            .set("交易记录", "H3", "HT-9"),
        ])
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let cells = try wb.cells()
        let id = try #require(cells["A5"])
        let store = try wb.store()
        #expect(store[id]?["name"] as? String == "新公司")
        #expect(store[id]?["owner"] as? String == "周九")
        #expect(store[id]?["keyAccount"] as? Bool == true)
        #expect(try wb.cells("交易记录")["B3"] == "C002-T1")
        let tx = store["C002"]?["transactions"] as? [[String: Any]]
        #expect(tx?.first?["product"] as? String == "配件")
        #expect(tx?.first?["date"] as? String == "2024-05-01")
        #expect(tx?.first?["contractNo"] as? String == "HT-9")
        try wb.expectInStep()
    }

    @Test("a new customer in the store is appended to the sheet", arguments: SyncFormat.allCases)
    func storeNewRow(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        let doc = """
        {"format":"kam.workspace/1","customers":[{"id":"C009","name":"新增客户","owner":"吴十","keyAccount":true}]}
        """
        try doc.write(toFile: wb.dir + "/add.json", atomically: true, encoding: .utf8)
        #expect(try KamProcess.kam(["import", "add.json"], in: wb.dir).status == 0)
        #expect(try wb.sync().status == 0)
        let cells = try wb.cells()
        #expect(cells["A5"] == "C009" && cells["B5"] == "新增客户" && cells["F5"] == "吴十")
        try wb.expectInStep()
    }

    @Test("a row deleted in the sheet is reported, and removed from the store only with --allow-delete",
          arguments: SyncFormat.allCases)
    func deletedRow(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.deleteRow("重点客户", 4)])  // C003
        let r = try wb.sync()
        #expect(r.status == 0)
        #expect(r.stdout.contains("C003"), "\(r.stdout)")
        #expect(try wb.store()["C003"] != nil)
        #expect(try wb.cells().values.contains("C003") == false, "not written back either")
        #expect(try wb.sync(["--allow-delete"]).status == 0)
        #expect(try wb.store()["C003"] == nil)
        #expect(try wb.store()["C002"]?["owner"] as? String == "赵六")
        try wb.expectInStep()
    }

    @Test("re-sorted rows and rows inserted in the middle: cells are found by id", arguments: SyncFormat.allCases)
    func sortedAndInserted(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.reverseRows("重点客户"), .insertRow("重点客户", before: 3), .set("重点客户", "B3", "中间插入公司"),
                     .set("重点客户", "F4", "插入后改")])  // row 4 is now C002
        try wb.editStore(id: "C001", field: "notes", value: "排序后")
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let cells = try wb.cells()
        // C001 is now last (row 5, after the inserted row).
        #expect(cells["A5"] == "C001")
        #expect(cells["R5"] == "排序后")
        #expect(cells["A3"] != nil, "the inserted row got an id")
        let store = try wb.store()
        #expect(store.values.contains { $0["name"] as? String == "中间插入公司" })
        #expect(store["C003"]?["owner"] as? String == "钱七")
        #expect(store["C002"]?["owner"] as? String == "插入后改")
        #expect(store["C001"]?["owner"] as? String == "张三")
        try wb.expectInStep()
    }

    @Test("a column added by the team is kept in extra and round-trips", arguments: SyncFormat.allCases)
    func addedColumn(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "T1", "拜访记录"), .set("重点客户", "T2", "三月拜访"), .set("重点客户", "S2", "hd_new")])
        #expect(try wb.sync().status == 0)
        let extra = try wb.store()["C001"]?["extra"] as? [String: String]
        #expect(extra?["拜访记录"] == "三月拜访")
        #expect(extra?["微博账号"] == "hd_new")
        try wb.editStore(id: "C001", field: "extra", value: ["拜访记录": "四月拜访", "微博账号": "hd_new"])
        #expect(try wb.sync().status == 0)
        #expect(try wb.cells()["T2"] == "四月拜访")
        #expect(try wb.cells()["T1"] == "拜访记录")
        try wb.expectInStep()
    }

    @Test("a renamed sheet is still found by its content, both ways", arguments: SyncFormat.allCases)
    func renamedSheet(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.rename("重点客户", to: "我们的客户"), .set("我们的客户", "F2", "改名后")])
        try wb.editStore(id: "C002", field: "notes", value: "改名时库改")
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try wb.store()["C001"]?["owner"] as? String == "改名后")
        #expect(try wb.cells("我们的客户")["R3"] == "改名时库改")
        try wb.expectInStep()
    }

    @Test("re-saved by LibreOffice between syncs", arguments: SyncFormat.allCases)
    func libreOfficeResave(_ format: SyncFormat) throws {
        guard KamProcess.has("soffice") else { return }
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "F2", "LO前")])
        try wb.resaveWithLibreOffice()
        try wb.editStore(id: "C002", field: "notes", value: "LO后")
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try wb.store()["C001"]?["owner"] as? String == "LO前")
        #expect(try wb.cells()["R3"] == "LO后")
        // Nothing else moved: the re-save changed no value kam reads.
        let store = try wb.store()
        #expect(store["C001"]?["annualRevenue"] as? Double == 1250000.5)
        #expect((store["C001"]?["transactions"] as? [[String: Any]])?.first?["date"] as? String == "2024-03-05")
        #expect(store["C001"]?["notes"] as? String == "老客户")
        try wb.expectInStep()
    }

    @Test("kill -9 before the save leaves workbook and store as they were", arguments: SyncFormat.allCases)
    func killedSync(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "F2", "被杀前")])
        try wb.editStore(id: "C002", field: "notes", value: "库改")
        let before = try wb.bytes()
        let r = try wb.sync(environment: ["KAM_TEST_CRASH": "before-save"])
        #expect(r.status != 0)
        #expect(try wb.bytes() == before)
        #expect(try wb.store()["C001"]?["owner"] as? String == "张三")
        // Killed after the save, before the commit: the next sync reconciles without losing either edit.
        let r2 = try wb.sync(environment: ["KAM_TEST_CRASH": "after-save"])
        #expect(r2.status != 0)
        #expect(try wb.sync().status == 0)
        #expect(try wb.store()["C001"]?["owner"] as? String == "被杀前")
        #expect(try wb.store()["C002"]?["notes"] as? String == "库改")
        #expect(try wb.cells()["R3"] == "库改")
        #expect(try wb.cells()["F2"] == "被杀前")
        try wb.expectInStep()
    }

    @Test("a second kam holding the workspace: sync refused with a clear message, nothing written; later it runs",
          arguments: SyncFormat.allCases)
    func concurrentSync(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        let dir = wb.dir
        try wb.edit([.set("重点客户", "F2", "并发")])
        let before = try wb.bytes()
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
        let r = try wb.sync(["--lang", "en"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("busy"), "\(r.stderr)")
        #expect(try wb.bytes() == before)
        #expect(try wb.store()["C001"]?["owner"] as? String == "张三")
        holder.terminate()
        holder.waitUntilExit()
        #expect(try wb.sync().status == 0)
        #expect(try wb.store()["C001"]?["owner"] as? String == "并发")
        try wb.expectInStep()
    }
}

extension SyncScenarioTests {
    /// What openpyxl reads back of the team's additions (formatting, formula, validation, filter, extra sheet).
    static let openpyxlReport = """
    import json
    ws2=wb['备忘']
    dv=[(d.type, d.formula1, str(d.sqref)) for d in ws.data_validations.dataValidation]
    print(json.dumps({'fill': ws['F2'].fill.fgColor.rgb, 'bold': ws['B2'].font.bold, 'width': ws.column_dimensions['B'].width,
      'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'dv': dv, 'sheets': wb.sheetnames,
      'formula': ws2['B1'].value, 'memo': ws2['A1'].value, 'numfmt': ws['L2'].number_format,
      'comment': ws['B3'].comment.text if ws['B3'].comment else None}, ensure_ascii=False))
    """

    @Test("edited by openpyxl: the team's formatting, formula, drop-down, filter, comment and extra sheet survive a sync")
    func openpyxlEdits() throws {
        let wb = try SyncWorkbook(.xlsx)
        try wb.py("""
        from openpyxl.styles import PatternFill, Font
        from openpyxl.worksheet.datavalidation import DataValidation
        from openpyxl.comments import Comment
        ws['F2']='孙八'
        ws['F2'].fill=PatternFill('solid', fgColor='FFFFFF00')
        ws['B2'].font=Font(bold=True)
        ws.column_dimensions['B'].width=31
        ws.freeze_panes='C2'
        ws.auto_filter.ref='A1:S4'
        dv=DataValidation(type='list', formula1='"战略,重点,普通"', allow_blank=True)
        ws.add_data_validation(dv); dv.add('E2:E50')
        ws['L2'].number_format='#,##0.00'
        ws['B3'].comment=Comment('大客户', 'team')
        memo=wb.create_sheet('备忘')
        memo['A1']='合计'
        memo['B1']='=SUM(重点客户!L2:L4)'
        """)
        try wb.editStore(id: "C002", field: "notes", value: "库里改")
        try wb.editStore(id: "C001", field: "annualRevenue", value: 2000000)
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try wb.store()["C001"]?["owner"] as? String == "孙八")
        let report = try KamProcess.run("python3", ["-c", "import openpyxl\nwb=openpyxl.load_workbook('ka.xlsx')\nws=wb['重点客户']\n"
                                                    + Self.openpyxlReport], in: wb.dir)
        #expect(report.status == 0, "\(report.stderr)")
        let got = try #require(try JSONSerialization.jsonObject(with: report.stdoutData) as? [String: Any])
        #expect(got["fill"] as? String == "FFFFFF00")
        #expect(got["bold"] as? Bool == true)
        #expect(got["width"] as? Double == 31)
        #expect(got["freeze"] as? String == "C2")
        #expect(got["filter"] as? String == "A1:S4")
        let dv = got["dv"] as? [[Any]]
        #expect(dv?.count == 1 && dv?.first?[2] as? String == "E2:E50", "\(String(describing: dv))")
        #expect(got["sheets"] as? [String] == ["重点客户", "交易记录", "服务反馈", "服务计划", "联系人", "绩效评估", "备忘"])
        #expect(got["formula"] as? String == "=SUM(重点客户!L2:L4)")
        #expect(got["memo"] as? String == "合计")
        #expect(got["numfmt"] as? String == "#,##0.00")
        #expect(got["comment"] as? String == "大客户")
        let cells = try wb.cells()
        #expect(cells["R3"] == "库里改" && cells["L2"] == "2000000" && cells["F2"] == "孙八")
        try wb.expectInStep()
    }
}

extension SyncScenarioTests {
    @Test("an invalid value on the sheet is reported and kept; the store's change to that field is not lost to it",
          arguments: SyncFormat.allCases)
    func invalidValue(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        // 满意度: C001 had 88, C002 none. The team types text; the store changes both.
        try wb.edit([.set("重点客户", "N2", "很好"), .set("重点客户", "N3", "abc"), .set("重点客户", "F3", "有效修改")])
        try wb.editStore(id: "C001", field: "satisfaction", value: 95)
        try wb.editStore(id: "C002", field: "satisfaction", value: 90)
        let r = try wb.sync(["--lang", "en"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("invalid-number") && r.stdout.contains("N3"), "\(r.stdout)")
        var store = try wb.store()
        #expect(store["C001"]?["satisfaction"] as? Int == 95)
        #expect(store["C002"]?["satisfaction"] as? Int == 90)
        #expect(store["C002"]?["owner"] as? String == "有效修改", "the valid edit beside it flows")
        var cells = try wb.cells()
        #expect(cells["N2"] == "很好" && cells["N3"] == "abc", "what the team typed is not written over")

        // The team corrects one and clears the other: the correction meets the store's change as a conflict; the
        // cleared cell is unchanged against the base, so the store's value is written into it.
        try wb.edit([.set("重点客户", "N2", .number(80)), .set("重点客户", "N3", .empty)])
        let second = try wb.sync(["--lang", "en"])
        #expect(second.status == 1, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("sync-conflict") || second.stdout.contains("conflict"), "\(second.stdout)")
        store = try wb.store()
        #expect(store["C001"]?["satisfaction"] as? Int == 95)
        #expect(store["C002"]?["satisfaction"] as? Int == 90, "the store's edit is not cleared")
        cells = try wb.cells()
        #expect(cells["N2"] == "80" && cells["N3"] == "90")
        #expect(try wb.sync(["--prefer", "sheet"]).status == 0)
        #expect(try wb.store()["C001"]?["satisfaction"] as? Int == 80)
        try wb.expectInStep()
    }
}

extension SyncScenarioTests {
    @Test("a row copied with its 客户编号 and changed: duplicate-id reported, nothing dropped; given no id it is a new customer",
          arguments: SyncFormat.allCases)
    func duplicatedRow(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "A5", "C002"), .set("重点客户", "B5", "南方贸易二部"), .set("重点客户", "F5", "新负责人")])
        let r = try wb.sync(["--lang", "en"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("duplicate-id") && r.stdout.contains("A5"), "\(r.stdout)")
        #expect(try wb.store()["C002"]?["owner"] as? String == "赵六")
        #expect(try wb.cells()["F5"] == "新负责人", "the copy is left as the team made it")
        try wb.edit([.set("重点客户", "A5", .empty)])
        #expect(try wb.sync().status == 0)
        let id = try #require(try wb.cells()["A5"])
        #expect(id != "C002")
        let store = try wb.store()
        #expect(store[id]?["name"] as? String == "南方贸易二部" && store[id]?["owner"] as? String == "新负责人")
        #expect(store["C002"]?["name"] as? String == "南方贸易")
        try wb.expectInStep()
    }
}

extension SyncScenarioTests {
    @Test("a column renamed or deleted by the team: its values are kept on both sides (a warning), not cleared in the store",
          arguments: SyncFormat.allCases)
    func renamedColumn(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        // 负责人 renamed, 微博账号 (an added column kam exported from extra) deleted.
        try wb.edit([.set("重点客户", "F1", "客户经理人"), .set("重点客户", "R2", "改了备注"), .deleteColumn("重点客户", "S")])
        try wb.editStore(id: "C002", field: "owner", value: "库里换人")
        let r = try wb.sync(["--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("missing-column") && r.stdout.contains("负责人"), "\(r.stdout)")
        let store = try wb.store()
        #expect(store["C001"]?["owner"] as? String == "张三", "not cleared")
        #expect(store["C002"]?["owner"] as? String == "库里换人", "the store's edit kept")
        #expect(store["C001"]?["notes"] as? String == "改了备注", "the other columns still sync")
        #expect((store["C001"]?["extra"] as? [String: String])?["客户经理人"] == "张三", "the renamed column is an added one")
        #expect((store["C001"]?["extra"] as? [String: String])?["微博账号"] == "hd", "a dropped column clears nothing")
        #expect(r.stdout.contains("微博账号"), "\(r.stdout)")
        #expect(try wb.cells()["F3"] == "赵六", "what the team has in the renamed column is left alone")
        try wb.expectInStep()
    }

    @Test("the id column renamed: 重点客户 is not synced (missing-column, exit 1), no customer created twice",
          arguments: SyncFormat.allCases)
    func renamedIDColumn(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "A1", "代码X"), .set("重点客户", "F2", "改名后")])
        let before = try wb.store()
        for _ in 0..<2 {
            let r = try wb.sync(["--lang", "en"])
            #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.contains("missing-column") && r.stdout.contains("客户编号"), "\(r.stdout)")
        }
        let after = try wb.store()
        #expect(after.keys.sorted() == before.keys.sorted(), "nothing created, nothing deleted")
        #expect(after["C001"]?["owner"] as? String == "张三")
        // Named back, the edit made meanwhile flows.
        try wb.edit([.set("重点客户", "A1", "客户编号")])
        #expect(try wb.sync().status == 0)
        #expect(try wb.store()["C001"]?["owner"] as? String == "改名后")
        try wb.expectInStep()
    }
}
