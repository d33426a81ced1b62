import Foundation
import KamModel
import KamSheets
import KamTestSupport
import Testing

/// The five templates filled from the Examples/ workspace (issue 7): LibreOffice prints each, the figures in the
/// filled cells match MODEL.md's metrics recomputed here from the example data, the plans round-trip through team
/// edits and LibreOffice re-saves, and restyled templates keep working.
@Suite struct TemplateExamplesTests {
    static let year = (ExampleFigures.day("2024-01-01") ?? 0, ExampleFigures.day("2024-12-31") ?? 0)

    static func close(_ v: CellValue?, _ expected: Double?, _ what: String, tolerance: Double = 1e-6,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let expected else {
            #expect(v == nil, "\(what): expected an empty cell, found \(String(describing: v))", sourceLocation: sourceLocation)
            return
        }
        let n = v?.number
        #expect(n != nil && abs(n! - expected) <= tolerance * max(1, abs(expected)),
                "\(what): \(String(describing: v)) ≠ \(expected)", sourceLocation: sourceLocation)
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    @Test("each template and format, filled from Examples/: LibreOffice prints it and its figures are MODEL.md's")
    func filledFiguresAndPDF() throws {
        let dir = TemporaryDirectory()
        let ws = try ExampleWorkspace(in: dir)
        let ex = try ExampleFigures(exportJSON: ws.export())
        var filled: [String] = []
        for name in ExampleWorkspace.templates {
            for ext in ["xlsx", "ods"] {
                let out = dir.file("\(name)-\(ext).\(ext)")
                try ws.fill(name, ext, to: out)
                filled.append(out)
            }
        }
        let q4 = dir.file("management-report-q4-xlsx.xlsx")
        try ws.fill("management-report", "xlsx", to: q4, period: "2024Q4")
        filled.append(q4)

        let (from, to) = Self.year
        let revenue = ex.revenue(from, to)
        let per = ex.perCustomer(from, to)
        let segments = ex.segments(from, to)
        let stages = ex.lifecycle(asOf: to)
        #expect(revenue > 0 && per.count >= 10, "the examples have transactions in 2024")

        for ext in ["xlsx", "ods"] {
            func check(_ name: String, _ body: (FilledBindings) throws -> Void) throws {
                try body(try FilledBindings(dir.file("\(name)-\(ext).\(ext)")))
            }
            func checkSegments(_ f: FilledBindings, _ name: String) throws {
                for seg in ["important_value", "important_development", "general_value", "low_value"] {
                    let members = segments.filter { $0.value == seg }.map(\.key)
                    let rev = members.reduce(0) { $0 + (per[$1]?.revenue ?? 0) }
                    Self.close(try f.value("{{segments[\(seg)].customers}}"), Double(members.count), "\(name).\(ext) \(seg) customers")
                    Self.close(try f.value("{{segments[\(seg)].revenue | money}}"), Self.rounded(rev), "\(name).\(ext) \(seg) revenue")
                    Self.close(try f.value("{{segments[\(seg)].revenueShare | percent}}"), rev / revenue, "\(name).\(ext) \(seg) share")
                }
            }
            // Revenue, transactions and buyers per month of 2024.
            func checkMonths(_ f: FilledBindings, _ name: String) throws {
                let rows = try f.rows("months")
                #expect(rows.count == 12, "\(name).\(ext): twelve months")
                for (i, row) in rows.enumerated() {
                    let m = String(format: "2024-%02d", i + 1)
                    let a = try #require(ExampleFigures.day(m + "-01"))
                    let b = try #require(ExampleFigures.day(i == 11 ? "2025-01-01" : String(format: "2024-%02d-01", i + 2))) - 1
                    let ts = ex.inPeriod(a, b)
                    #expect(row[".month"]?.text == m)
                    Self.close(row[".revenue"], Self.rounded(ts.reduce(0) { $0 + $1.amount }), "\(name).\(ext) \(m) revenue")
                    Self.close(row[".transactions"], Double(ts.count), "\(name).\(ext) \(m) transactions")
                    Self.close(row[".customers"], Double(Set(ts.map(\.customer)).count), "\(name).\(ext) \(m) buyers")
                }
                let total = rows.compactMap { $0[".revenue"]?.number }.reduce(0, +)
                #expect(abs(total - revenue) < 0.01, "\(name).\(ext): the months add up to the year's revenue")
            }
            let repurchase = ex.repurchaseRate(from, to)
            let clv = per.values.map { $0.revenue * 3 }.reduce(0, +) / Double(per.count)

            try check("management-report") { f in
                try checkSegments(f, "management-report")
                try checkMonths(f, "management-report")
                Self.close(try f.value("{{metrics.repurchase_rate | percent}}"), repurchase.map { $0 / 100 }, "repurchase")
                Self.close(try f.value("{{metrics.satisfaction}}"), ex.satisfaction(from, to), "satisfaction")
                Self.close(try f.value("{{metrics.clv | money}}"), Self.rounded(clv), "clv")
                // No customer bought in 2023, so 2024 has no churn base: the cells stay empty.
                Self.close(try f.value("{{metrics.churn_rate | percent}}"), ex.churnShare(from: from, to: to, yearBefore: from - 366), "churn")
                for (stage, n) in stages {
                    Self.close(try f.value("{{lifecycles[\(stage)].customers}}"), Double(n), "lifecycle \(stage)")
                    Self.close(try f.value("{{lifecycles[\(stage)].share | percent}}"), Double(n) / Double(ex.customers.count), "lifecycle \(stage) share")
                }
                let imports = try f.rows("imports")
                let sources = imports.compactMap { $0[".file"]?.text }
                for example in ["customer_list_north.xlsx", "华东区重点客户台账.xlsx", "门店会员档案.ods"] {
                    // The import log's cleaning figures, as `kam import` reported them.
                    let row = try #require(imports.first { $0[".file"]?.text == example }, "import of \(example) listed in \(sources)")
                    let shown = [".rowsRead", ".duplicatesMerged", ".valuesNormalised", ".valuesRejected"].map { row[$0]?.number }
                    let said = try #require(ws.cleaning[example], "kam import reported \(example)")
                    #expect(shown == said.map { Optional($0) }, "\(example): report \(shown), import said \(said)")
                }
                #expect(ws.cleaning.values.map { $0[0] }.reduce(0, +) >= 100, "rows read from the examples")
                let added = imports.compactMap { $0[".customersAdded"]?.number }.reduce(0, +)
                #expect(added == Double(ex.customers.count), "customers added by the imports: \(added)")
            }
            try check("plan-summary") { f in
                try checkSegments(f, "plan-summary")
                Self.close(try f.value("{{metrics.satisfaction}}"), ex.satisfaction(from, to), "satisfaction")
                let kpis = try f.rows("plan.kpis")
                #expect(kpis.count == 4)
                let rep = kpis.first { $0[".metric"]?.text == "复购率" }
                Self.close(rep?[".actual"], repurchase, "repurchase KPI actual (the live figure)")
                Self.close(rep?[".target"], 80, "repurchase KPI target")
                let response = kpis.first { $0[".metric"]?.text == "投诉首次响应时长" }
                Self.close(response?[".actual"], ex.firstResponseHours(from, to), "first response KPI actual")
                #expect(try f.rows("plan.risks").compactMap { $0[".risk"]?.text } == ["竞争对手降价", "核心客户经理离职"])
            }
            try check("annual-plan") { f in
                try checkMonths(f, "annual-plan")
                let rows = try f.rows("segments")
                #expect(rows.count == 4)
                for (row, seg) in zip(rows, ["important_value", "important_development", "general_value", "low_value"]) {
                    let members = segments.filter { $0.value == seg }.map(\.key)
                    Self.close(row[".customers"], Double(members.count), "annual \(seg) customers")
                    Self.close(row[".revenue"], Self.rounded(members.reduce(0) { $0 + (per[$1]?.revenue ?? 0) }), "annual \(seg) revenue")
                }
                let top = try f.rows("customers")   // the CLV block is the first customers block
                let best = per.max { $0.value.revenue < $1.value.revenue }
                #expect(top.count == min(10, per.count))
                #expect(top.first?[".id"]?.text == best?.key)
                Self.close(top.first?[".clv"], best.map { Self.rounded($0.value.revenue * 3) }, "top CLV")
            }
            try check("maintenance-plan") { f in
                try checkSegments(f, "maintenance-plan")
                #expect(try f.value("在未来 {{plan.months | int}} 个月内将客户满意度提升至 {{plan.kpis[satisfaction].target}}% 以上")?.text
                        == "在未来 12 个月内将客户满意度提升至 90% 以上")
                #expect(try f.value("客户流失率每月控制在 {{plan.kpis[churn_rate].target}}% 以内")?.text == "客户流失率每月控制在 2% 以内")
                Self.close(try f.value("{{metrics.first_response_hours}}"), ex.firstResponseHours(from, to), "first response hours")
                Self.close(try f.value("{{metrics.repurchase_rate | percent}}"), repurchase.map { $0 / 100 }, "repurchase")
                Self.close(try f.value("{{plan.kpis[first_response_hours].target}}"), 12, "response target")
            }
            try check("key-accounts") { f in
                let keys = ex.keyAccounts
                let rows = try f.rows("customers")
                #expect(rows.count == keys.count && !keys.isEmpty)
                let stated = keys.compactMap { $0["annualRevenue"] as? Double }.reduce(0, +)
                let shown = rows.compactMap { $0[".annualRevenue"]?.number }.reduce(0, +)
                #expect(abs(stated - shown) < 0.01, "key accounts' annual revenue \(shown) ≠ \(stated)")
                let ids = Set(keys.compactMap { $0["id"] as? String })
                let txCount = keys.map { ($0["transactions"] as? [Any])?.count ?? 0 }.reduce(0, +)
                #expect(try f.rows("transactions").count == max(1, txCount))
                let performance = try f.rows("customers", nth: 1)   // 绩效评估
                #expect(performance.count == keys.count)
                for row in performance {
                    guard let id = row[".id"]?.text else { continue }
                    #expect(ids.contains(id))
                    Self.close(row[".revenue"], Self.rounded(per[id]?.revenue ?? 0), "key account \(id) revenue")
                }
            }
        }
        // 2024Q4 has a churn base (customers buying from 2023-10 to 2024-09).
        let f = try FilledBindings(q4)
        let qFrom = try #require(ExampleFigures.day("2024-10-01")), yearBefore = try #require(ExampleFigures.day("2023-10-01"))
        let share = try #require(ex.churnShare(from: qFrom, to: to, yearBefore: yearBefore))
        Self.close(try f.value("{{metrics.churn_rate | percent}}"), share / 3 / 100, "Q4 churn a month")
        Self.close(try f.value("{{metrics.retention_rate | percent}}"), (100 - share) / 100, "Q4 retention")
        Self.close(try f.value("{{metrics.repurchase_rate | percent}}"), ex.repurchaseRate(qFrom, to).map { $0 / 100 }, "Q4 repurchase")

        // One LibreOffice run prints all eleven.
        let pdfs = try LibreOfficeBatch.convert(filled, to: "pdf", in: dir.file("pdf"))
        for file in filled {
            let pdf = try #require(pdfs[file], "LibreOffice did not print \(file)")
            let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: pdf)).readData(ofLength: 5)
            #expect(head == Data("%PDF-".utf8), "\(pdf) is a PDF")
            let size = (try FileManager.default.attributesOfItem(atPath: pdf)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(pdf) has content (\(size) bytes)")
        }
    }

    /// The plan as the team's edits (Tests/Fixtures/scripts/template_edits.py `team`) leave it.
    static func edited(_ plan: Plan, _ edits: [String: Any]) -> Plan {
        var p = plan
        if edits["kpiTarget"] != nil, let i = p.kpis.firstIndex(where: { $0.metric == .satisfaction }) { p.kpis[i].target = 95 }
        if let s = edits["strategyDescription"] as? [String: Any], let d = s["description"] as? String { p.strategies[0].description = d }
        if edits["riskAdded"] != nil {
            p.risks.append(Risk(risk: "原材料涨价", likelihood: "中", impact: "中", countermeasure: "提前备货"))
        }
        return p
    }

    /// The customers of a `kam.workspace/1` document, by id, as JSON objects.
    static func customers(_ json: Data) throws -> [String: [String: Any]] {
        let doc = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
        var out: [String: [String: Any]] = [:]
        for c in doc["customers"] as? [[String: Any]] ?? [] { if let id = c["id"] as? String { out[id] = c } }
        return out
    }

    /// Whether two JSON objects are equal.
    static func same(_ a: [String: Any]?, _ b: [String: Any]?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        func canonical(_ x: [String: Any]) -> Data? { try? JSONSerialization.data(withJSONObject: x, options: [.sortedKeys]) }
        return canonical(a) != nil && canonical(a) == canonical(b)
    }

    /// The customers as the key-account table's edits leave them.
    static func edited(customers: [String: [String: Any]], _ edits: [String: Any]) -> [String: [String: Any]] {
        var out = customers
        if let o = edits["customerOwner"] as? [String: Any], let id = o["id"] as? String { out[id]?["owner"] = o["owner"] }
        if var added = edits["customerAdded"] as? [String: Any], let id = added["id"] as? String {
            added["keyAccount"] = true
            out[id] = added
        }
        return out
    }

    @Test("round trip: fill, team edits with openpyxl, LibreOffice re-save, kam read: exactly those edits arrive")
    func teamEditsRoundTrip() throws {
        let dir = TemporaryDirectory()
        let ws = try ExampleWorkspace(in: dir)
        let before = try ws.plans()
        let customersBefore = try Self.customers(ws.export())
        let script = Fixtures.path("scripts/template_edits.py")
        let names = ["plan-summary", "annual-plan", "maintenance-plan", "management-report", "key-accounts"]
        // XLSX filled by kam; ODS filled by kam and opened as XLSX by LibreOffice for openpyxl.
        for name in names {
            try ws.fill(name, "xlsx", to: dir.file("\(name).xlsx"))
            try ws.fill(name, "ods", to: dir.file("\(name).ods"))
        }
        let asXLSX = try LibreOfficeBatch.convert(names.map { dir.file("\($0).ods") }, to: "xlsx", in: dir.file("ods-as-xlsx"))
        var edits: [String: [String: Any]] = [:]
        try FileManager.default.createDirectory(atPath: dir.file("edited-xlsx"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.file("edited-ods"), withIntermediateDirectories: true)
        for name in names {
            for (source, target) in [(dir.file("\(name).xlsx"), dir.file("edited-xlsx/\(name).xlsx")),
                                     (asXLSX[dir.file("\(name).ods")] ?? "", dir.file("edited-ods/\(name).xlsx"))] {
                let r = try KamProcess.run("python3", [script, "team", source, target])
                try #require(r.status == 0, "template_edits.py team \(source): \(r.stderr)")
                edits[target] = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any] ?? [:]
            }
        }
        // The team saves again in LibreOffice, which rewrites the whole file.
        let resavedXLSX = try LibreOfficeBatch.convert(names.map { dir.file("edited-xlsx/\($0).xlsx") }, to: "xlsx",
                                                       in: dir.file("resaved-xlsx"))
        let resavedODS = try LibreOfficeBatch.convert(names.map { dir.file("edited-ods/\($0).xlsx") }, to: "ods",
                                                      in: dir.file("resaved-ods"))
        for name in names {
            let id = "\(name)-2024"
            let base = try #require(before[id])
            // ODS: what `kam read --dry-run --json` would store.
            let ods = try #require(resavedODS[dir.file("edited-ods/\(name).xlsx")])
            let dry = try ExampleWorkspace.ok(KamProcess.kam(["read", ods, "--dry-run", "--json"] + ws.args), "read \(ods)")
            let readODS = try #require(try ExampleWorkspace.plans(in: dry.stdoutData).first)
            let expectedODS = Self.edited(base, edits[dir.file("edited-ods/\(name).xlsx")] ?? [:])
            #expect(readODS == expectedODS, "\(name).ods: read \(readODS) expected \(expectedODS)")
            let customersRead = try Self.customers(dry.stdoutData)
            let expectedCustomers = Self.edited(customers: customersBefore, edits[dir.file("edited-ods/\(name).xlsx")] ?? [:])
                .filter { id, c in !Self.same(customersBefore[id], c) }
            #expect(Set(customersRead.keys) == Set(expectedCustomers.keys), "\(name).ods: customers changed \(customersRead.keys)")
            for (id, c) in customersRead {
                #expect(Self.same(expectedCustomers[id], c), "\(name).ods: customer \(id) read as \(c)")
            }
            // XLSX: stored, then compared with the store.
            let xlsx = try #require(resavedXLSX[dir.file("edited-xlsx/\(name).xlsx")])
            try ExampleWorkspace.ok(KamProcess.kam(["read", xlsx] + ws.args), "read \(xlsx)")
            let expected = Self.edited(base, edits[dir.file("edited-xlsx/\(name).xlsx")] ?? [:])
            let stored = try #require(try ws.plans()[id])
            #expect(stored == expected, "\(name).xlsx: stored \(stored) expected \(expected)")
        }
        // The store's customers: the key-account table's two edits and nothing else.
        let customersAfter = try Self.customers(ws.export())
        let expectedAfter = Self.edited(customers: customersBefore, edits[dir.file("edited-xlsx/key-accounts.xlsx")] ?? [:])
        #expect(customersAfter.count == customersBefore.count + 1)
        #expect(Set(customersAfter.keys) == Set(expectedAfter.keys))
        for (id, c) in customersAfter {
            #expect(Self.same(expectedAfter[id], c), "customer \(id) stored as \(c)")
        }
        #expect(customersAfter["KA9001"]?["keyAccount"] as? Bool == true, "a row added to the key-account table is a key account")
        // The edits the team made are there (so the comparisons above were not vacuous).
        let made = edits.filter { $0.key.contains("plan-summary") }.map(\.value)
        #expect(made.count == 2 && made.allSatisfy { $0["kpiTarget"] != nil && $0["riskAdded"] != nil &&
                                                       $0["strategyDescription"] != nil && $0["rowInsertedAbove"] != nil })
        #expect(try ws.plans().count == before.count, "no other plan appeared")
    }

    @Test("restyled templates (rows and a column inserted, sheets renamed, other fonts) fill and read back")
    func restyledTemplates() throws {
        let dir = TemporaryDirectory()
        let ws = try ExampleWorkspace(in: dir)
        let before = try ws.plans()
        let script = Fixtures.path("scripts/template_edits.py")
        var restyled: [String] = []
        for name in ExampleWorkspace.templates {
            let out = dir.file("\(name).xlsx")
            let r = try KamProcess.run("python3", [script, "restyle", Fixtures.packageRoot.appendingPathComponent("Templates/\(name).xlsx").path, out])
            try #require(r.status == 0, "template_edits.py restyle \(name): \(r.stderr)")
            restyled.append(out)
        }
        // The same restyled templates as LibreOffice saves them in ODS.
        let ods = try LibreOfficeBatch.convert(restyled, to: "ods", in: dir.file("ods"))
        let ex = try ExampleFigures(exportJSON: ws.export())
        let (from, to) = Self.year
        for name in ExampleWorkspace.templates {
            for template in [dir.file("\(name).xlsx"), ods[dir.file("\(name).xlsx")] ?? ""] {
                let ext = (template as NSString).pathExtension
                let out = dir.file("\(name)-filled.\(ext)")
                try ws.fill(name, ext, to: out, template: template)
                let f = try FilledBindings(out)
                #expect(f.bindings.allSatisfy { $0.sheet.hasPrefix("第") }, "\(name).\(ext): bindings on the renamed sheets")
                // Every binding was found at its marker's new place: two rows down, one column right.
                let plainOut = dir.file("\(name)-plain.xlsx")
                if !FileManager.default.fileExists(atPath: plainOut) { try ws.fill(name, "xlsx", to: plainOut) }
                let plain = try FilledBindings(plainOut)
                #expect(f.bindings.count == plain.bindings.count, "\(name).\(ext): as many bindings as the original")
                for (a, b) in zip(f.bindings, plain.bindings) {
                    #expect(a.text == b.text && a.first.row == b.first.row + 2 && a.first.column == b.first.column + 1
                            && a.last.row == b.last.row + 2, "\(name).\(ext): \(a.text) at \(a.first.a1), plain at \(b.first.a1)")
                }
                if name == "management-report" {
                    Self.close(try f.value("{{metrics.repurchase_rate | percent}}"), ex.repurchaseRate(from, to).map { $0 / 100 },
                               "restyled repurchase")
                }
                if name == "plan-summary" {
                    #expect(try f.value("{{plan.title}}")?.text == before["plan-summary-2024"]?.title)
                }
                let dry = try ExampleWorkspace.ok(KamProcess.kam(["read", out, "--dry-run", "--json"] + ws.args), "read \(out)")
                let read = try #require(try ExampleWorkspace.plans(in: dry.stdoutData).first)
                #expect(read == before["\(name)-2024"], "\(name).\(ext): an untouched filled copy reads back as the stored plan")
                #expect(try Self.customers(dry.stdoutData).isEmpty, "\(name).\(ext): and changes no customer")
            }
        }
    }
}
