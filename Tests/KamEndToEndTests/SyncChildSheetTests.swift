import Foundation
import KamTestSupport
import Testing

/// Child sheets (交易记录, 服务反馈, 服务计划, 联系人), on XLSX and ODS: a child row edited on the sheet flows to the
/// store, a child changed in the store flows to its row (found by its 同步编号 key), a new child row on the sheet
/// gets its key written back, a child the store adds is appended, and a deleted child row is reported and removed
/// from the store only with --allow-delete.
extension SyncScenarioTests {
    static let childDocument = """
    {"format":"kam.workspace/1","customers":[
    {"id":"C001","name":"华东机械","owner":"张三","keyAccount":true,
     "contacts":[{"name":"李四","phone":"13800138000","primary":true},{"name":"王五","title":"采购"},
                 {"name":"马六","title":"财务"}],
     "transactions":[{"date":"2024-03-05","product":"机床","quantity":2,"amount":100000},
                     {"date":"2024-04-10","product":"刀具","quantity":10,"amount":5000}],
     "feedback":[{"receivedAt":"2024-04-01T09:00:00","category":"delivery","severity":"high","description":"延迟交货",
                  "status":"open"}],
     "serviceActions":[{"title":"季度回访","cadence":"quarterly","dueOn":"2024-06-30","status":"planned","owner":"张三"}]},
    {"id":"C002","name":"南方贸易","owner":"赵六","keyAccount":true,
     "contacts":[{"name":"孙七","phone":"13900139000","primary":true}]}]}
    """

    /// Changes `field` of the `index`th element of a customer's `list` (nil removes the field).
    static func setChild(_ customers: inout [[String: Any]], _ id: String, _ list: String, _ index: Int,
                         _ field: String, _ value: Any?) {
        guard let i = customers.firstIndex(where: { $0["id"] as? String == id }) else { return }
        var items = (customers[i][list] as? [[String: Any]]) ?? []
        guard index < items.count else { return }
        items[index][field] = value
        customers[i][list] = items
    }

    static func appendChild(_ customers: inout [[String: Any]], _ id: String, _ list: String, _ item: [String: Any]) {
        guard let i = customers.firstIndex(where: { $0["id"] as? String == id }) else { return }
        customers[i][list] = ((customers[i][list] as? [[String: Any]]) ?? []) + [item]
    }

    static func children(_ store: [String: [String: Any]], _ id: String, _ list: String) -> [[String: Any]] {
        (store[id]?[list] as? [[String: Any]]) ?? []
    }

    @Test("child sheets: edits both ways, new rows keyed, store additions appended", arguments: SyncFormat.allCases)
    func childEdits(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format, document: Self.childDocument)
        try wb.edit([
            .set("交易记录", "E2", .number(3)),  // C001-T1 quantity
            .set("联系人", "D2", "采购经理"),  // C001-P1 (王五) title
            // New rows without a key.
            .set("服务反馈", "A3", "C002"), .set("服务反馈", "C3", .date("2024-05-06")), .set("服务反馈", "D3", "交付"),
            .set("服务反馈", "F3", "包装破损"), .set("服务反馈", "J3", "待处理"),
            .set("服务计划", "A3", "C002"), .set("服务计划", "C3", "年度拜访"), .set("服务计划", "D3", "每年"),
            .set("服务计划", "E3", .date("2024-12-01")), .set("服务计划", "G3", "计划中"),
            .set("联系人", "A4", "C002"), .set("联系人", "C4", "周八"), .set("联系人", "D4", "经理"),
        ])
        try wb.editStore { customers in
            Self.setChild(&customers, "C001", "transactions", 1, "product", "合金刀具")  // C001-T2
            Self.setChild(&customers, "C001", "feedback", 0, "status", "resolved")
            Self.setChild(&customers, "C001", "feedback", 0, "resolution", "已补发")
            Self.setChild(&customers, "C001", "serviceActions", 0, "doneOn", "2024-06-28")
            Self.appendChild(&customers, "C001", "transactions",
                             ["date": "2024-05-20", "product": "主轴", "quantity": 1, "amount": 20000])
        }
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")

        // The store took the sheet's edits and new rows.
        let store = try wb.store()
        let tx = Self.children(store, "C001", "transactions")
        #expect(tx.count == 3)
        #expect(tx.first?["quantity"] as? Int == 3)
        #expect(tx.count > 1 && tx[1]["product"] as? String == "合金刀具")
        #expect(Self.children(store, "C001", "contacts").contains { $0["name"] as? String == "王五" && $0["title"] as? String == "采购经理" })
        let c2contacts = Self.children(store, "C002", "contacts")
        #expect(c2contacts.contains { $0["name"] as? String == "周八" && $0["title"] as? String == "经理" }, "\(c2contacts)")
        #expect(c2contacts.contains { $0["name"] as? String == "孙七" && $0["primary"] as? Bool == true })
        let fb = Self.children(store, "C002", "feedback")
        #expect(fb.count == 1 && fb.first?["description"] as? String == "包装破损")
        #expect(fb.first?["category"] as? String == "delivery" && fb.first?["status"] as? String == "open")
        let plan = Self.children(store, "C002", "serviceActions")
        #expect(plan.first?["title"] as? String == "年度拜访" && plan.first?["cadence"] as? String == "yearly")
        #expect(plan.first?["dueOn"] as? String == "2024-12-01")
        // The store's own edits are still there.
        #expect(Self.children(store, "C001", "feedback").first?["status"] as? String == "resolved")

        // The sheet took the store's edits, new keys and the appended row.
        let txRows = try wb.rows("交易记录", keyColumn: "B")
        #expect(txRows["C001-T1"]?["E"] == "3")
        #expect(txRows["C001-T2"]?["D"] == "合金刀具")
        #expect(txRows["C001-T3"]?["D"] == "主轴" && txRows["C001-T3"]?["A"] == "C001", "\(txRows)")
        let fbRows = try wb.rows("服务反馈", keyColumn: "B")
        #expect(fbRows["C001-F1"]?["J"] == "已解决" && fbRows["C001-F1"]?["I"] == "已补发", "\(fbRows)")
        #expect(fbRows["C002-F1"]?["F"] == "包装破损", "key written back: \(fbRows)")
        #expect(try wb.cells("服务反馈")["B3"] == "C002-F1")
        let planRows = try wb.rows("服务计划", keyColumn: "B")
        #expect(planRows["C001-S1"]?["F"] == "2024-06-28")
        #expect(planRows["C002-S1"]?["C"] == "年度拜访", "\(planRows)")
        let contactRows = try wb.rows("联系人", keyColumn: "B")
        #expect(contactRows.values.contains { $0["C"] == "周八" && $0["A"] == "C002" && $0["B"] != nil }, "\(contactRows)")
        #expect(try wb.cells()["G3"] == "孙七", "C002's primary contact stays on 重点客户")
        try wb.expectInStep()
    }

    @Test("child sheets: a deleted child row is reported, removed from the store only with --allow-delete",
          arguments: SyncFormat.allCases)
    func childDeletes(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format, document: Self.childDocument)
        try wb.edit([.deleteRow("交易记录", 2), .deleteRow("联系人", 3)])  // C001-T1 (机床), C001-P2 (马六)
        let r = try wb.sync(["--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("C001-T1") && r.stdout.contains("C001-P2"), "\(r.stdout)")
        var store = try wb.store()
        #expect(Self.children(store, "C001", "transactions").count == 2, "kept without --allow-delete")
        #expect(Self.children(store, "C001", "contacts").contains { $0["name"] as? String == "马六" })
        #expect(try wb.rows("交易记录", keyColumn: "B")["C001-T1"] == nil, "not written back either")

        #expect(try wb.sync(["--allow-delete"]).status == 0)
        store = try wb.store()
        let tx = Self.children(store, "C001", "transactions")
        #expect(tx.count == 1 && tx.first?["product"] as? String == "刀具", "\(tx)")
        let contacts = Self.children(store, "C001", "contacts")
        #expect(contacts.map { $0["name"] as? String } == ["李四", "王五"], "\(contacts)")
        try wb.expectInStep()

        // The keys still point at the right records after the removal: a store edit of the remaining
        // transaction lands on its row.
        try wb.editStore { Self.setChild(&$0, "C001", "transactions", 0, "amount", 5500) }
        try wb.edit([.set("联系人", "D2", "采购总监")])
        #expect(try wb.sync().status == 0)
        #expect(try wb.rows("交易记录", keyColumn: "B")["C001-T2"]?["G"] == "5500")
        #expect(Self.children(try wb.store(), "C001", "contacts").last?["title"] as? String == "采购总监")
        try wb.expectInStep()
    }

    @Test("child sheets: the same child field changed on both sides is a conflict; --prefer settles it",
          arguments: SyncFormat.allCases)
    func childConflict(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format, document: Self.childDocument)
        try wb.edit([.set("服务计划", "H2", "表里负责")])
        try wb.editStore { Self.setChild(&$0, "C001", "serviceActions", 0, "owner", "库里负责") }
        let r = try wb.sync(["--lang", "en"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("表里负责") && r.stdout.contains("库里负责"), "\(r.stdout)")
        #expect(Self.children(try wb.store(), "C001", "serviceActions").first?["owner"] as? String == "库里负责")
        #expect(try wb.cells("服务计划")["H2"] == "表里负责")
        #expect(try wb.sync(["--prefer", "store"]).status == 0)
        #expect(try wb.cells("服务计划")["H2"] == "库里负责")
        try wb.expectInStep()
    }
}

extension SyncScenarioTests {
    @Test("child sheets: a contact added on 联系人 for a customer with none stays a 联系人 row",
          arguments: SyncFormat.allCases)
    func firstContactFromSheet(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)  // C003 has no contacts
        try wb.edit([.set("联系人", "A3", "C003"), .set("联系人", "C3", "周八"), .set("联系人", "D3", "经理")])
        #expect(try wb.sync().status == 0)
        #expect(Self.children(try wb.store(), "C003", "contacts").first?["name"] as? String == "周八")
        // Not marked primary, it stays on 联系人 (the customer's row shows only a contact marked primary).
        try wb.expectInStep()
        #expect(try wb.sync().status == 0)
        #expect(try wb.rows("联系人", keyColumn: "B").values.contains { $0["C"] == "周八" }, "the row is not lost")
        #expect(Self.children(try wb.store(), "C003", "contacts").count == 1)
    }
}

extension SyncScenarioTests {
    @Test("child sheets: a row moved to another customer (its 客户编号 changed) becomes that customer's, the old one reported",
          arguments: SyncFormat.allCases)
    func childMoved(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format, document: Self.childDocument)
        try wb.edit([.set("交易记录", "A2", "C002")])  // C001-T1 (机床) now C002's
        let r = try wb.sync(["--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("C001-T1"), "the old record's leaving is reported: \(r.stdout)")
        var store = try wb.store()
        #expect(Self.children(store, "C002", "transactions").first?["product"] as? String == "机床")
        #expect(Self.children(store, "C001", "transactions").count == 2, "kept until --allow-delete")
        #expect(try wb.cells("交易记录")["B2"] == "C002-T1", "a key of its new customer written back")
        #expect(try wb.sync(["--allow-delete"]).status == 0)
        store = try wb.store()
        #expect(Self.children(store, "C001", "transactions").map { $0["product"] as? String } == ["刀具"])
        #expect(Self.children(store, "C002", "transactions").count == 1)
        try wb.expectInStep()
    }
}

extension SyncScenarioTests {
    @Test("two workbooks (XLSX and ODS) bound to one store: a child deleted through one, another edited in the other")
    func twoWorkbooks() throws {
        let xlsx = try SyncWorkbook(.xlsx, document: Self.childDocument)
        let ods = SyncWorkbook(dir: xlsx.dir, format: .ods)
        #expect(try KamProcess.kam(["export", ods.file], in: ods.dir).status == 0)
        // Through the XLSX: C001-T1 (机床) deleted and removed from the store, so 刀具 moves up to index 0.
        try xlsx.edit([.deleteRow("交易记录", 2), .set("重点客户", "F3", "换人")])
        #expect(try xlsx.sync(["--allow-delete"]).status == 0)
        #expect(Self.children(try xlsx.store(), "C001", "transactions").map { $0["product"] as? String } == ["刀具"])
        // Meanwhile the ODS team changed C001-T2 (刀具).
        try ods.edit([.set("交易记录", "G3", .number(5500))])
        let r = try ods.sync(["--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("C001-T1 was deleted from the store"), "the right row is reported: \(r.stdout)")
        let tx = Self.children(try ods.store(), "C001", "transactions")
        #expect(tx.count == 1 && tx.first?["product"] as? String == "刀具" && tx.first?["amount"] as? Int == 5500, "\(tx)")
        var rows = try ods.rows("交易记录", keyColumn: "B")
        #expect(rows["C001-T1"]?["D"] == "机床", "the deleted record's row is not overwritten by its neighbour")
        #expect(rows["C001-T2"]?["D"] == "刀具")
        #expect(try ods.cells()["F3"] == "换人")
        #expect(try ods.sync(["--allow-delete"]).status == 0)
        rows = try ods.rows("交易记录", keyColumn: "B")
        #expect(rows.keys.sorted() == ["C001-T2"])
        try ods.expectInStep()
        #expect(try xlsx.sync().status == 0)
        #expect(try xlsx.rows("交易记录", keyColumn: "B")["C001-T2"]?["G"] == "5500")
        try xlsx.expectInStep()
    }
}

extension SyncScenarioTests {
    @Test("child sheets re-sorted by the team: edits on both sides land on the right rows by 同步编号",
          arguments: SyncFormat.allCases)
    func childSorted(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format, document: Self.childDocument)
        // After the sort, row 2 of 交易记录 is C001-T2 (刀具) and row 2 of 联系人 is C001-P2 (马六).
        try wb.edit([.reverseRows("交易记录"), .reverseRows("联系人"), .set("交易记录", "H2", "HT-2"),
                     .set("联系人", "E2", "13700137000")])
        try wb.editStore { Self.setChild(&$0, "C001", "transactions", 0, "contractNo", "HT-1") }
        let r = try wb.sync()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let tx = Self.children(try wb.store(), "C001", "transactions")
        #expect(tx.map { $0["contractNo"] as? String } == ["HT-1", "HT-2"], "\(tx)")
        let contacts = Self.children(try wb.store(), "C001", "contacts")
        #expect(contacts.first { $0["name"] as? String == "马六" }?["phone"] as? String == "13700137000")
        #expect(contacts.first { $0["name"] as? String == "王五" }?["phone"] == nil)
        let rows = try wb.rows("交易记录", keyColumn: "B")
        #expect(rows["C001-T1"]?["H"] == "HT-1" && rows["C001-T1"]?["D"] == "机床")
        #expect(try wb.cells("交易记录")["B3"] == "C001-T1", "the sort is kept")
        try wb.expectInStep()
    }
}

extension SyncScenarioTests {
    @Test("a 客户编号 cleared by mistake: the row is still that customer (id written back), no duplicate, nothing deleted",
          arguments: SyncFormat.allCases)
    func clearedID(_ format: SyncFormat) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "A3", .empty), .set("重点客户", "F3", "新负责人")])  // C002's id cleared, owner edited
        let r = try wb.sync(["--lang", "en"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let store = try wb.store()
        #expect(store.count == 3, "no duplicate customer: \(store.keys.sorted())")
        #expect(store["C002"]?["owner"] as? String == "新负责人")
        #expect(try wb.cells()["A3"] == "C002", "the id is written back")
        try wb.expectInStep()
    }
}
