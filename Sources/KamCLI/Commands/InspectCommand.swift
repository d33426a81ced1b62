import ArgumentParser
import Foundation
import KamContracts
import KamSheets

/// `kam inspect FILE [--json] [--stats] [--sheet NAME]`: what a workbook holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a workbook's sheets and cells (--json: the cells as CONTRACTS.md specifies).")

    @Argument(help: "The workbook (.xlsx, .xlsm or .ods).")
    var file: String

    @Flag(help: "Print every cell as JSON (kam inspect contract).")
    var json = false

    @Flag(help: "Read every cell of every sheet and print counts by type per sheet.")
    var stats = false

    @Option(help: "Only this sheet.")
    var sheet: String?

    @Option(help: "Rows to preview per sheet in the human view.")
    var rows = 5

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let reader = try Workbooks.open(file)
        var indices = Array(reader.sheets.indices)
        if let sheet { indices = [try reader.sheetIndex(named: sheet)] }
        if json {
            var sheets: [InspectDocument.Sheet] = []
            for i in indices { sheets.append(try InspectConversion.sheet(reader, i)) }
            print(InspectDocument(sheets: sheets).json.serialized())
        } else if stats {
            try printStats(reader, indices)
        } else {
            try printHuman(reader, indices)
        }
    }

    private func printStats(_ reader: any SpreadsheetReader, _ indices: [Int]) throws {
        let types = ["string", "number", "bool", "date", "datetime", "time", "duration", "error"]
        var total = 0
        for i in indices {
            let info = reader.sheets[i]
            // Counted by position in `types` (a switch, not a hash per cell: --stats is the read benchmark).
            var counts = [Int](repeating: 0, count: types.count)
            var formulas = 0
            if info.kind == .worksheet {
                var cursor = try reader.cursor(sheet: i)
                while let c = try cursor.next() {
                    if c.formula != nil { formulas += 1 }
                    guard let v = c.value else { continue }
                    counts[Self.typeIndex(v)] += 1
                }
            }
            let n = counts.reduce(0, +)
            total += n
            let parts = types.indices.compactMap { k in counts[k] > 0 ? "\(types[k])=\(counts[k])" : nil }
            print("\(info.name)\tcells=\(n)\t" + parts.joined(separator: " ") + (formulas > 0 ? " formulas=\(formulas)" : ""))
        }
        print("total\tcells=\(total)")
    }

    /// The position of a value's type in the stats order.
    private static func typeIndex(_ v: CellValue) -> Int {
        switch v {
        case .string: return 0
        case .number: return 1
        case .bool: return 2
        case .date: return 3
        case .dateTime: return 4
        case .time: return 5
        case .duration: return 6
        case .error: return 7
        }
    }

    private func printHuman(_ reader: any SpreadsheetReader, _ indices: [Int]) throws {
        let lang = global.language
        print("\(file)  (\(reader.format.rawValue.uppercased()), \(reader.sheets.count) \(lang.pick(zh: "个工作表", en: "sheets")))")
        for i in indices {
            let info = reader.sheets[i]
            let sheet = try reader.readSheet(i)
            var line = "\n[\(i + 1)] \(info.name)"
            if info.visibility != .visible { line += "  (\(info.visibility.rawValue))" }
            if info.kind != .worksheet { line += "  \(info.kind.rawValue)" }
            if let r = sheet.usedRange { line += "  \(r.a1)  \(sheet.cells.count) \(lang.pick(zh: "个单元格", en: "cells"))" }
            print(line)
            if !sheet.mergedRanges.isEmpty {
                print("  " + lang.pick(zh: "合并单元格", en: "merged") + ": " + sheet.mergedRanges.prefix(8).map(\.a1).joined(separator: " "))
            }
            var byRow: [Int: [Cell]] = [:]
            for c in sheet.cells { byRow[c.row, default: []].append(c) }
            for r in byRow.keys.sorted().prefix(rows) {
                let cells = byRow[r]!.prefix(12).map { c in
                    "\(c.reference.a1)=\(Self.preview(c.value))"
                }
                print("  " + cells.joined(separator: "  "))
            }
        }
    }

    private static func preview(_ v: CellValue?) -> String {
        guard let v else { return "" }
        var t = v.text.replacingOccurrences(of: "\n", with: "⏎")
        if t.count > 24 { t = String(t.prefix(23)) + "…" }
        return t
    }
}
