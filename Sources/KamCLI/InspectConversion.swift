import KamContracts
import KamSheets

/// Cells and sheets in the `kam inspect --json` contract's form (CONTRACTS.md): the one place where a
/// `CellValue` becomes a contract value, used by `kam inspect` and by the conformance tests alike.
package enum InspectConversion {
    /// One sheet: its name, visibility, kind for non-worksheets, and its non-empty cells in row-major order.
    /// - Throws: `SpreadsheetError` from the reader.
    package static func sheet(_ reader: any SpreadsheetReader, _ index: Int) throws(SpreadsheetError) -> InspectDocument.Sheet {
        let info = reader.sheets[index]
        var cells: [(String, InspectDocument.Cell)] = []
        if info.kind == .worksheet {
            var cursor = try reader.cursor(sheet: index)
            while let c = try cursor.next() {
                guard let v = c.value, let cell = cell(v) else { continue }
                cells.append((c.reference.a1, cell))
            }
        }
        return InspectDocument.Sheet(name: info.name, visible: info.visibility.rawValue,
                                     kind: info.kind == .worksheet ? nil : info.kind.rawValue, cells: cells)
    }

    /// Every sheet of a workbook.
    /// - Throws: `SpreadsheetError` from the reader.
    package static func document(_ reader: any SpreadsheetReader) throws(SpreadsheetError) -> InspectDocument {
        var sheets: [InspectDocument.Sheet] = []
        for i in reader.sheets.indices { sheets.append(try sheet(reader, i)) }
        return InspectDocument(sheets: sheets)
    }

    /// A value in the contract's form; nil for the empty string (left out, as CONTRACTS.md says).
    package static func cell(_ v: CellValue) -> InspectDocument.Cell? {
        switch v {
        case .string(let s): return s.isEmpty ? nil : .init(type: "string", value: .string(s))
        case .number(let d): return .init(type: "number", value: .number(d))
        case .bool(let b): return .init(type: "bool", value: .bool(b))
        default: return .init(type: v.typeName, value: .string(v.text))
        }
    }
}
