import Foundation
import KamModel
import KamSheets
import KamValidation

/// Writes the validation report a team opens in Excel: a copy of the workbook (made with the in-place editor,
/// so nothing is lost) where each flagged cell is highlighted (error red, warning amber, info grey) and carries a
/// comment with the message, and a first sheet listing every finding with a link to its cell and a summary by code.
enum ValidationAnnotator {
    static let fills: [KamValidation.Severity: String] = [.error: "FFC7CE", .warning: "FFEB9C", .info: "E7E6E6"]

    /// Annotates a copy of `input` at `output`.
    /// - Throws: `SpreadsheetError` from the editor; `KamError` when `output`'s format differs from `input`'s.
    static func annotate(_ findings: [Finding], input: String, output: String, lang: Language,
                         message: (Finding) -> String) throws {
        let inExt = (input as NSString).pathExtension.lowercased(), outExt = (output as NSString).pathExtension.lowercased()
        guard SpreadsheetFormat.forExtension(of: input) == SpreadsheetFormat.forExtension(of: output) else {
            throw KamError(code: "annotate-format",
                           zh: "\(output)：批注副本须与输入同为 .\(inExt) 格式",
                           en: "\(output): the annotated copy must have the input's format (.\(inExt), not .\(outExt))")
        }
        let editor = try WorkbookEditor(path: input)
        let base = (input as NSString).lastPathComponent
        let sheets = Set(editor.sheetNames)
        // One highlight and one comment per cell, the most serious finding's colour, every message listed.
        var byCell: [String: (sheet: String, ref: CellReference, severity: KamValidation.Severity, messages: [String])] = [:]
        for f in findings {
            guard let loc = f.location, (loc.file as NSString).lastPathComponent == base || loc.file == input,
                  sheets.contains(loc.sheet), let ref = CellReference(a1: loc.cell.split(separator: ":").first.map(String.init) ?? loc.cell)
            else { continue }
            let key = loc.sheet + "!" + ref.a1
            var entry = byCell[key] ?? (loc.sheet, ref, f.severity, [])
            entry.severity = min(entry.severity, f.severity)
            entry.messages.append("[\(f.code.rawValue)] " + message(f))
            byCell[key] = entry
        }
        for (_, e) in byCell.sorted(by: { $0.key < $1.key }) {
            try editor.setStyle(e.sheet, e.ref, .fill(fills[e.severity] ?? "FFC7CE"))
            try editor.setComment(e.sheet, e.ref, e.messages.joined(separator: "\n"), author: "kam")
        }
        // The report sheet, first in the tab order.
        var name = lang.pick(zh: "校验报告", en: "Validation report")
        var n = 2
        while editor.sheetNames.contains(where: { $0.lowercased() == name.lowercased() }) {
            name = lang.pick(zh: "校验报告\(n)", en: "Validation report \(n)")
            n += 1
        }
        try editor.addSheet(name)
        let bold = StyleChange.replace(CellStyle(font: CellStyle.Font(bold: true)))
        let headers = lang == .zh ? ["级别", "代码", "位置", "字段", "说明", "值", "客户"]
                                  : ["KamValidation.Severity", "Code", "Location", "Field", "Message", "Value", "Record"]
        try editor.set(name, CellReference(row: 0, column: 0), .string(lang.pick(zh: "校验报告：\(base)", en: "Validation report: \(base)")), style: bold)
        for (c, h) in headers.enumerated() { try editor.set(name, CellReference(row: 2, column: c), .string(h), style: bold) }
        var row = 3
        let order: [KamValidation.Severity] = [.error, .warning, .info]
        let sorted = findings.sorted { (order.firstIndex(of: $0.severity) ?? 0, $0.location?.sheet ?? "", $0.location?.cell ?? "") < (order.firstIndex(of: $1.severity) ?? 0, $1.location?.sheet ?? "", $1.location?.cell ?? "") }
        for f in sorted {
            let severity = lang == .zh ? ["error": "错误", "warning": "警告", "info": "提示"][f.severity.rawValue] ?? f.severity.rawValue : f.severity.rawValue
            try editor.set(name, CellReference(row: row, column: 0), .string(severity), style: .fill(fills[f.severity] ?? "FFFFFF"))
            try editor.set(name, CellReference(row: row, column: 1), .string(f.code.rawValue))
            if let loc = f.location {
                let place = "\(loc.sheet)!\(loc.cell)"
                if sheets.contains(loc.sheet) {
                    let quoted = "'" + loc.sheet.replacingOccurrences(of: "'", with: "''") + "'!" + loc.cell
                    try editor.set(name, CellReference(row: row, column: 2), .string(place),
                                   formula: "HYPERLINK(\"#\(quoted.replacingOccurrences(of: "\"", with: "\"\""))\",\"\(place.replacingOccurrences(of: "\"", with: "\"\""))\")")
                } else {
                    try editor.set(name, CellReference(row: row, column: 2), .string((loc.file as NSString).lastPathComponent + " " + place))
                }
            }
            if let field = f.fieldLabel ?? f.field { try editor.set(name, CellReference(row: row, column: 3), .string(field)) }
            try editor.set(name, CellReference(row: row, column: 4), .string(message(f)))
            if let v = f.value { try editor.set(name, CellReference(row: row, column: 5), .string(v)) }
            if let r = f.record { try editor.set(name, CellReference(row: row, column: 6), .string(r)) }
            row += 1
        }
        row += 1
        try editor.set(name, CellReference(row: row, column: 0), .string(lang.pick(zh: "按代码汇总", en: "Summary by code")), style: bold)
        row += 1
        var counts: [String: (KamValidation.Severity, Int)] = [:]
        for f in findings { counts[f.code.rawValue] = (f.severity, (counts[f.code.rawValue]?.1 ?? 0) + 1) }
        for (code, (severity, count)) in counts.sorted(by: { $0.key < $1.key }) {
            try editor.set(name, CellReference(row: row, column: 0), .string(code))
            try editor.set(name, CellReference(row: row, column: 1), .number(Double(count)))
            try editor.set(name, CellReference(row: row, column: 2), .string(severity.rawValue))
            row += 1
        }
        try editor.moveSheet(name, to: 0)
        try editor.save(to: output)
    }
}
