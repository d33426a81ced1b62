import Foundation
import KamMapping
import KamModel
import KamSheets
import KamStore

/// `kam export FILE.xlsx|.ods`: writes the key-account workbook (TEMPLATES.md §1) from the store, then binds the
/// file and records the base — the values read back from the file just written, so that the next sync compares
/// like with like.
public struct KeyAccountExporter: Sendable {
    public var store: any CustomerStore
    public var filter: ExportFilter

    public init(store: any CustomerStore, filter: ExportFilter = .keyAccounts) {
        self.store = store
        self.filter = filter
    }

    /// Writes `file` and binds it. - Returns: how many customers were written.
    @discardableResult
    public func export(to file: String) throws -> Int {
        let customers = try store.fetchCustomers().filter { filter.includes($0) }
        try WorkbookWriter.write(Self.workbook(customers), to: file)
        let path = SyncEngine.bindingPath(file)
        let side = try SheetSide.read(path: file)
        let plan = SyncPlanner.plan(file: file, sheet: side, customers: customers, bases: [], filter: .all,
                                    options: MergeOptions())
        try store.write { tx in
            try tx.deleteFileBinding(path: path)
            let now = LocalDateTime.current
            try tx.setFileBinding(FileBinding(path: path, kind: filter.bindingKind, fingerprint: FileFingerprint.of(file),
                                              syncedAt: now))
            var result = StoreResult()
            for (kind, part) in plan.parts {
                // Base = the sheet as written (keys are in the sheet and the store, no base yet).
                var base: [String: RecordValues] = [:]
                for (key, r) in part.sheetRecords { base[key] = r.values }
                result.base[kind] = base
                if kind != .customers {
                    // Keys number the shown records 1…n, as `workbook` wrote them.
                    var index: [String: Int] = [:]
                    for c in customers {
                        for (n, i) in StoreSide.eligible(kind, of: c).enumerated() {
                            index[KeyAccountLayout.childKey(customer: c.id.rawValue, kind: kind, number: n + 1)] = i
                        }
                    }
                    result.childIndex[kind] = index
                }
            }
            for b in result.recordBases(file: path, at: now) { try tx.setRecordBase(b) }
        }
        return customers.count
    }

    // MARK: - The workbook

    enum Style: Int { case plain = 0, header, date, dateTime, number, percent }

    static let styles: [CellStyle] = [
        CellStyle(),
        CellStyle(font: CellStyle.Font(bold: true), fill: CellStyle.Fill(color: "FFDDEBF7"),
                  border: CellStyle.Border(bottom: CellStyle.Line(weight: .thin))),
        CellStyle(numberFormat: "yyyy-mm-dd"),
        CellStyle(numberFormat: "yyyy-mm-dd hh:mm"),
        CellStyle(numberFormat: "#,##0.00"),
        CellStyle(numberFormat: "0.0%"),
    ]

    static func style(_ type: SyncFieldType) -> Int {
        switch type {
        case .date: return Style.date.rawValue
        case .dateTime: return Style.dateTime.rawValue
        case .number: return Style.number.rawValue
        case .percent: return Style.percent.rawValue
        default: return Style.plain.rawValue
        }
    }

    /// A sheet of header + rows; `columns` give header, type and width.
    static func sheet(_ name: String, _ columns: [(header: String, type: SyncFieldType, width: Double)],
                      _ rows: [[String?]]) -> Sheet {
        var s = Sheet(name: name)
        for (i, c) in columns.enumerated() {
            s.cells.append(Cell(row: 0, column: i, value: .string(c.header), style: Style.header.rawValue))
            s.columnWidths[i] = c.width
        }
        for (r, row) in rows.enumerated() {
            for (i, text) in row.enumerated() where i < columns.count {
                guard let v = CellValues.cell(text, type: columns[i].type) else { continue }
                s.cells.append(Cell(row: r + 1, column: i, value: v, style: style(columns[i].type)))
            }
        }
        s.frozen = FrozenPanes(rows: 1, columns: 0)
        return s
    }

    static func childSheet<R>(_ kind: SyncSheetKind, _ cols: [SyncColumn<R>], _ customers: [Customer],
                              _ list: (Customer) -> [R], skip: (Customer, Int) -> Bool = { _, _ in false }) -> Sheet {
        var header: [(header: String, type: SyncFieldType, width: Double)] = [
            (KeyAccountLayout.linkHeader, .text, 12), (KeyAccountLayout.keyHeader, .text, 14),
        ]
        header += cols.map { ($0.header, $0.type, $0.width) }
        var rows: [[String?]] = []
        for c in customers {
            var n = 0
            for (i, r) in list(c).enumerated() where !skip(c, i) {
                n += 1
                rows.append([c.id.rawValue, KeyAccountLayout.childKey(customer: c.id.rawValue, kind: kind, number: n)]
                            + cols.map { $0.get(r) })
            }
        }
        return sheet(KeyAccountLayout.sheetName(kind), header, rows)
    }

    public static func workbook(_ customers: [Customer]) -> Workbook {
        var extras: [String] = []
        for c in customers { for k in c.extra.keys where !extras.contains(k) { extras.append(k) } }
        var header: [(header: String, type: SyncFieldType, width: Double)] = [(KeyAccountLayout.linkHeader, .text, 12)]
        header += KeyAccountLayout.customerColumns.map { ($0.header, $0.type, $0.width) }
        header += extras.map { ($0, .text, 14) }
        let rows: [[String?]] = customers.map { c in
            [c.id.rawValue] + KeyAccountLayout.customerColumns.map { $0.get(c) } + extras.map { c.extra[$0] }
        }
        var sheets = [sheet(KeyAccountLayout.customerSheet, header, rows)]
        // Child keys number the shown records 1…n in store order, matching `SyncPlanner`'s first claim.
        sheets.append(childSheet(.transactions, KeyAccountLayout.transactionColumns, customers, { $0.transactions }))
        sheets.append(childSheet(.feedback, KeyAccountLayout.feedbackColumns, customers, { $0.feedback }))
        sheets.append(childSheet(.serviceActions, KeyAccountLayout.serviceActionColumns, customers, { $0.serviceActions }))
        sheets.append(childSheet(.contacts, KeyAccountLayout.contactColumns, customers, { $0.contacts },
                                 skip: { c, i in c.primaryIndex == i }))
        sheets.append(performance(customers))
        return Workbook(sheets: sheets, styles: styles)
    }

    /// 绩效评估: computed per key account (not bound; rewritten by export only).
    static func performance(_ customers: [Customer]) -> Sheet {
        let header: [(header: String, type: SyncFieldType, width: Double)] = [
            ("客户编号", .text, 12), ("客户名称", .text, 22), ("满意度", .number, 8), ("交易笔数", .number, 10),
            ("复购", .text, 8), ("投诉数", .number, 8), ("首次响应中位时长（小时）", .number, 14),
            ("服务完成/计划", .text, 14),
        ]
        let rows: [[String?]] = customers.map { c in
            let hours = c.feedback.compactMap { f -> Int? in
                guard let r = f.receivedAt, let s = f.firstResponseAt else { return nil }
                return (s.secondsSinceEpoch - r.secondsSinceEpoch) / 3600
            }.sorted()
            let median = hours.isEmpty ? nil : String(hours[hours.count / 2])
            let done = c.serviceActions.filter { $0.status == .done }.count
            return [c.id.rawValue, c.name, Canonical.number(c.satisfaction), String(c.transactions.count),
                    c.transactions.count >= 2 ? "是" : "否", String(c.feedback.count), median,
                    "\(done)/\(c.serviceActions.count)"]
        }
        return sheet(KeyAccountLayout.performanceSheet, header, rows)
    }
}
