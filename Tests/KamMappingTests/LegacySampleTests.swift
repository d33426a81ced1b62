import Foundation
import KamSheets
import Testing
@testable import KamMapping

/// Maps the sheets of the shared legacy samples and compares with what their findings files expect.
struct LegacySampleTests {
    static let directory: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/samples/legacy").path
    }()

    static var available: Bool {
        FileManager.default.fileExists(atPath: directory) && loadSheets("customer_list_en.xlsx") != nil
    }

    /// The sheets of a sample, read by KamSheets; or — while a reader is not built — from a dump made with
    /// openpyxl (`{sheets: [{name, cells: {A1: {type, value, format}}, merged: [A1:B2]}]}`) in `$KAM_LEGACY_DUMPS`.
    static func loadSheets(_ file: String) -> (sheets: [Sheet], styles: [CellStyle])? {
        if let reader = try? Workbooks.open(directory + "/" + file) {
            var sheets: [Sheet] = []
            for info in reader.sheets {
                guard let s = try? reader.readSheet(info.index) else { return nil }
                sheets.append(s)
            }
            return (sheets, reader.styles)
        }
        guard let dumps = ProcessInfo.processInfo.environment["KAM_LEGACY_DUMPS"] else { return nil }
        let url = URL(fileURLWithPath: dumps).appendingPathComponent((file as NSString).deletingPathExtension + ".json")
        guard let data = try? Data(contentsOf: url),
              let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = doc["sheets"] as? [[String: Any]] else { return nil }
        var styles = [CellStyle()]
        var styleIndex: [String: Int] = ["General": 0]
        var sheets: [Sheet] = []
        for s in list {
            var cells: [Cell] = []
            for (a1, any) in (s["cells"] as? [String: Any]) ?? [:] {
                guard let ref = CellReference(a1: a1), let c = any as? [String: Any], let type = c["type"] as? String
                else { continue }
                let value: CellValue?
                switch type {
                case "string": value = (c["value"] as? String).map(CellValue.string)
                case "number": value = (c["value"] as? NSNumber).map { .number($0.doubleValue) }
                case "bool": value = (c["value"] as? Bool).map(CellValue.bool)
                case "date", "datetime":
                    let t = (c["value"] as? String) ?? ""
                    let p = t.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
                    guard p.count >= 3 else { continue }
                    let civil = CivilDateTime(year: p[0], month: p[1], day: p[2], hour: p.count > 3 ? p[3] : 0,
                                              minute: p.count > 4 ? p[4] : 0, second: p.count > 5 ? p[5] : 0)
                    value = type == "date" ? .date(civil) : .dateTime(civil)
                default: value = nil
                }
                let format = (c["format"] as? String) ?? "General"
                if styleIndex[format] == nil {
                    styleIndex[format] = styles.count
                    styles.append(CellStyle(numberFormat: format))
                }
                cells.append(Cell(row: ref.row, column: ref.column, value: value, style: styleIndex[format] ?? 0))
            }
            cells.sort { ($0.row, $0.column) < ($1.row, $1.column) }
            let merges = ((s["merged"] as? [String]) ?? []).compactMap { CellRange(a1: $0) }
            sheets.append(Sheet(name: (s["name"] as? String) ?? "", cells: cells, mergedRanges: merges))
        }
        return (sheets, styles)
    }

    /// file → sheet → (kind, first header row as a person counts, data starts).
    static let expected: [String: [String: (RecordKind, Int)]] = [
        "2024年华东区客户台账.xlsx": ["客户信息": (.customer, 4), "交易记录": (.transaction, 1)],
        "customer_list_en.xlsx": ["Customers": (.customer, 3)],
        "分区客户表.xlsx": ["华东区": (.customer, 2), "华南区": (.customer, 2), "服务反馈": (.feedback, 1)],
        "重点客户管理表_2023.xlsx": ["重点客户": (.customer, 2), "交易记录": (.transaction, 1), "服务反馈": (.feedback, 1)],
        "销售部客户名单.xlsx": ["客户名单": (.customer, 3)],
    ]

    @Test(.enabled(if: available), arguments: expected.keys.sorted())
    func mapsSample(_ file: String) throws {
        let path = Self.directory + "/" + file
        let loaded = try #require(Self.loadSheets(file))
        let findingsURL = URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("findings.json")
        let data = try Data(contentsOf: findingsURL)
        let json = try JSONSerialization.jsonObject(with: data)
        let list = (json as? [[String: Any]]) ?? ((json as? [String: Any])?["findings"] as? [[String: Any]]) ?? []
        let wantUnmapped = Set(list.filter { $0["code"] as? String == "unmapped-column" }
            .compactMap { f in (f["sheet"] as? String).flatMap { s in (f["cell"] as? String).map { s + "!" + $0 } } })
        var gotUnmapped = Set<String>()
        for sheet in loaded.sheets {
            let info = sheet
            let m = SheetMapper.map(sheet)
            if let (kind, headerRow) = Self.expected[file]?[info.name] {
                #expect(m.kind == kind, "\(file) \(info.name)")
                #expect(m.headerRows.first.map { $0 + 1 } == headerRow, "\(file) \(info.name)")
                #expect(m.column(for: "id") != nil || m.column(for: "name") != nil, "\(file) \(info.name)")
            }
            #expect(!m.issues.contains { $0.code == .duplicateHeader || $0.code == .missingColumn },
                    "\(file) \(info.name): \(m.issues)")
            for issue in m.issues where issue.code == .unmappedColumn {
                if let cell = issue.cell { gotUnmapped.insert(info.name + "!" + cell.a1) }
            }
        }
        #expect(gotUnmapped == wantUnmapped, "\(file)")
    }
}

extension LegacySampleTests {
    static let segmentVocabulary: [(rawValue: String, labels: [String])] = [
        ("important_value", ["重要价值客户", "Important value"]),
        ("important_development", ["重要发展客户", "Important development"]),
        ("general_value", ["一般价值客户", "General value"]), ("low_value", ["低价值客户", "Low value"]),
        ("important_retention", ["重要保持客户"]), ("important_recovery", ["重要挽留客户"]),
        ("general_development", ["一般发展客户"]), ("general_retention", ["一般保持客户"]),
        ("general_recovery", ["一般挽留客户"]),
    ]

    /// Reads every customer row's scalar fields with `FieldReader` and compares them with the truth files; cells
    /// that the findings flag (invalid, ambiguous, …) and ids the truth leaves open are skipped.
    @Test(.enabled(if: available), arguments: expected.keys.sorted())
    func valuesMatchTruth(_ file: String) throws {
        let loaded = try #require(Self.loadSheets(file))
        let base = URL(fileURLWithPath: Self.directory + "/" + file).deletingPathExtension()
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: base.appendingPathExtension("truth.json")))
        let customers = ((truth as? [String: Any])?["customers"] as? [[String: Any]]) ?? []
        let byID = Dictionary(customers.compactMap { c in (c["id"] as? String).map { ($0, c) } },
                              uniquingKeysWith: { a, _ in a })
        let findings = try JSONSerialization.jsonObject(with: Data(contentsOf: base.appendingPathExtension("findings.json")))
        let flagged = Set(((findings as? [[String: Any]]) ?? []).compactMap { f -> String? in
            guard let s = f["sheet"] as? String, let c = f["cell"] as? String else { return nil }
            return s + "!" + c
        })
        let reader = FieldReader(vocabularies: [.segment: LabelNormalizer(.segment, vocabulary: Self.segmentVocabulary)])
        let scalarPaths = ["name", "industry", "region", "owner", "segment", "keyAccount", "annualRevenue",
                           "satisfaction", "foundedOn", "notes", "purchaseHabits"]
        let contactPaths = ["contacts.name", "contacts.phone", "contacts.email", "contacts.wechat", "contacts.title"]
        // Ids on two rows: the truth leaves their differing fields open.
        var idCounts: [String: Int] = [:]
        for sheet in loaded.sheets {
            let m = SheetMapper.map(sheet)
            guard m.kind == .customer, let idColumn = m.column(for: "id") else { continue }
            for c in sheet.cells where c.row >= m.firstDataRow && c.column == idColumn.column {
                if case .string(let s)? = c.value { idCounts[TextFolding.trim(s), default: 0] += 1 }
            }
        }
        var compared = 0
        var mismatches: [String] = []
        for sheet in loaded.sheets {
            let m = SheetMapper.map(sheet)
            guard m.kind == .customer, let idColumn = m.column(for: "id") else { continue }
            let rows = Dictionary(grouping: sheet.cells.filter { $0.row >= m.firstDataRow }, by: \.row)
            for (row, cells) in rows where !m.isTotalsRow(cells) {
                let byColumn = Dictionary(cells.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a })
                guard case .value(.text(let id))? = byColumn[idColumn.column].map({ reader.read($0, column: idColumn) }),
                      let want = byID[id] else { continue }
                let contact = (want["contacts"] as? [[String: Any]])?.first ?? [:]
                for path in scalarPaths + contactPaths {
                    guard let col = m.column(for: path) else { continue }
                    let ref = CellReference(row: row, column: col.column)
                    if flagged.contains(sheet.name + "!" + ref.a1) { continue }
                    let key = path.hasPrefix("contacts.") ? String(path.dropFirst(9)) : path
                    let expectedValue = path.hasPrefix("contacts.") ? contact[key] : want[key]
                    let got = reader.read(byColumn[col.column], column: col, styles: loaded.styles)
                    let gotText: String?
                    switch got {
                    case .value(.text(let s)), .value(.label(let s)): gotText = s
                    case .value(.decimal(let d)): gotText = "\(d)"
                    case .value(.bool(let b)): gotText = b ? "1" : "0"
                    case .value(.date(let d)): gotText = d.iso
                    case .empty: gotText = key == "keyAccount" ? "0" : nil
                    default: gotText = "<\(got.findingCode ?? "?")>"
                    }
                    let wantText: String? = expectedValue.map { v in
                        if let n = v as? NSNumber { return n.stringValue == "true" ? "1" : n.stringValue == "false" ? "0"
                            : "\(Decimal(string: n.stringValue) ?? 0)" }
                        return "\(v)"
                    } ?? (key == "keyAccount" ? "0" : nil)
                    if wantText == nil, (idCounts[id] ?? 0) > 1 { continue }
                    compared += 1
                    if gotText != wantText {
                        mismatches.append("\(sheet.name)!\(ref.a1) \(path): got \(gotText ?? "nil") want \(wantText ?? "nil")")
                    }
                }
            }
        }
        #expect(compared > 100)
        #expect(mismatches.isEmpty, Comment(rawValue: "\(file): \(mismatches.count) of \(compared)\n" + mismatches.prefix(20).joined(separator: "\n")))
    }
}
