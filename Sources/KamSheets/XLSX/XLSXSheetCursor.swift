import KamXML
import KamZip

/// Streams the cells of one worksheet part (ECMA-376 Part 1 §18.3) in bounded memory: the part is inflated and
/// tokenised a window at a time, and only the current cell's bytes are held.
///
/// `<dimension>` is ignored; rows and cells without `r` follow their predecessor. Numbers are parsed from the raw
/// bytes; a number whose style has a date, time or elapsed format becomes a date, time or duration.
final class XLSXSheetCursor: SheetCursor {
    private enum CellType { case number, sharedString, formulaString, inlineString, bool, error, isoDate }
    private enum Mode { case none, value, formula, inlineText }

    private let stream: PartScanner
    private let x: XMLScanner
    private let file: String
    private let part: String
    private let sheetName: String
    private let sharedStrings: SharedStringTable
    private let kinds: [NumberFormat.Kind]
    private let system: SpreadsheetDate.System
    private let limits: SpreadsheetLimits

    /// Merges, widths, heights, hidden rows/columns and panes seen so far.
    private(set) var layout = SheetLayout()

    private var inSheetData = false

    /// Whether any element was seen (a part with none is not a worksheet).

    private var sawElement = false
    private var done = false
    private var row = -1
    private var nextColumn = 0
    private var cellCount = 0
    private var sharedFormulas: [Int: (text: String, row: Int, column: Int)] = [:]
    private var valueBytes: [UInt8] = []
    private var formulaBytes: [UInt8] = []
    private var inlineBytes: [UInt8] = []
    private var currentCell: String?

    /// Opens the part `entry` of sheet `sheetName`.
    /// - Throws: `SpreadsheetError` when the entry cannot be opened.
    init(archive: ZipArchive, entry: ZipEntry, file: String, sheetName: String, sharedStrings: SharedStringTable,
         kinds: [NumberFormat.Kind], system: SpreadsheetDate.System, limits: SpreadsheetLimits) throws(SpreadsheetError) {
        stream = try PartScanner(archive: archive, entry: entry, file: file,
                                 maxTokenBytes: max(limits.maxStringBytes * 2, 1 << 20), maxDepth: limits.maxXMLDepth)
        x = stream.scanner
        self.file = file
        part = entry.name
        self.sheetName = sheetName
        self.sharedStrings = sharedStrings
        self.kinds = kinds
        self.system = system
        self.limits = limits
        valueBytes.reserveCapacity(64)
        formulaBytes.reserveCapacity(64)
    }

    /// The next non-empty cell (a value, or a formula without a cached value), or nil at the end.
    /// - Throws: `SpreadsheetError` naming the part, the sheet and, where known, the cell.
    func next() throws(SpreadsheetError) -> Cell? {
        guard !done else { return nil }
        do {
            return try advance()
        } catch let e as SpreadsheetError {
            done = true
            throw e
        } catch let e as XMLError {
            done = true
            throw stream.error(e, file: file, part: part, sheet: sheetName, cell: currentCell)
        } catch {
            done = true
            throw SpreadsheetError(.corruptArchive(String(describing: error)), file: file, part: part, sheet: sheetName)
        }
    }

    private func fail(_ reason: SpreadsheetError.Reason, cell: String? = nil) -> SpreadsheetError {
        SpreadsheetError(reason, file: file, part: part, sheet: sheetName, cell: cell ?? currentCell)
    }

    private func advance() throws -> Cell? {
        while true {
            try x.next()
            switch x.kind {
            case .startElement:
                sawElement = true
                if inSheetData {
                    if x.isNamed("c") {
                        if let cell = try readCell() { return cell }
                    } else if x.isNamed("row") {
                        try startRow()
                    }
                } else if x.isNamed("sheetData") {
                    inSheetData = true
                } else if x.isNamed("col") {
                    try readColumn()
                } else if x.isNamed("mergeCell") {
                    if let ref = try x.attribute("ref"), let r = CellRange(a1: ref.trimmingXMLSpace) {
                        layout.mergedRanges.append(r)
                    }
                } else if x.isNamed("pane") {
                    let state = try x.attribute("state")
                    if state == "frozen" || state == "frozenSplit" {
                        let cols = try x.attribute("xSplit").flatMap { Double($0.trimmingXMLSpace) } ?? 0
                        let rows = try x.attribute("ySplit").flatMap { Double($0.trimmingXMLSpace) } ?? 0
                        if cols > 0 || rows > 0 {
                            layout.frozen = FrozenPanes(rows: Int(min(rows, 1_048_576)), columns: Int(min(cols, 16_384)))
                        }
                    }
                }
            case .endElement:
                if inSheetData && x.isNamed("sheetData") { inSheetData = false }
            case .end:
                done = true
                // A part with no element at all (binary bytes, a nested archive) is not an empty sheet.
                if !sawElement { throw fail(.malformedXML(line: 1, column: 1, message: "no worksheet element")) }
                return nil
            default:
                break
            }
        }
    }

    private func startRow() throws {
        if let i = x.attributeIndex("r") {
            let raw = x.attributeRawValue(i)
            guard let r = XLSXText.int(raw), r >= 1, r - 1 <= CellReference.maxRow else {
                let text = String(decoding: raw, as: UTF8.self)
                throw fail(.invalidCellReference("row \(text)"), cell: nil)
            }
            row = r - 1
        } else {
            row += 1
            guard row <= CellReference.maxRow else { throw fail(.invalidCellReference("row \(row + 1)")) }
        }
        nextColumn = 0
        if XMLBool.parse(try x.attribute("hidden")) == true { layout.hiddenRows.insert(row) }
        if XMLBool.parse(try x.attribute("customHeight")) == true,
           let ht = try x.attribute("ht").flatMap({ Double($0.trimmingXMLSpace) }) {
            layout.rowHeights[row] = ht
        }
    }

    private func readColumn() throws {
        guard let lo = try x.attribute("min").flatMap({ Int($0.trimmingXMLSpace) }),
              let hi = try x.attribute("max").flatMap({ Int($0.trimmingXMLSpace) }), lo >= 1, hi >= lo else { return }
        let last = min(hi, CellReference.maxColumn + 1)
        guard lo <= last else { return }
        let hidden = XMLBool.parse(try x.attribute("hidden")) == true
        let width = try x.attribute("width").flatMap { Double($0.trimmingXMLSpace) }
        let custom = XMLBool.parse(try x.attribute("customWidth")) ?? true
        for c in (lo - 1)...(last - 1) {
            if hidden { layout.hiddenColumns.insert(c) }
            if let width, custom { layout.columnWidths[c] = width }
        }
    }

    /// Reads the `<c>` element the scanner is on; nil when it holds neither a value nor a formula.
    private func readCell() throws -> Cell? {
        let cellDepth = x.depth
        // Position.
        var r = row < 0 ? 0 : row
        var c = nextColumn
        // One walk over the attributes for `r`, `t` and `s` (the first of each, as a lookup by name finds).
        var refIndex = -1, typeIndex = -1, styleIndex = -1
        for k in 0..<x.attributeCount {
            if x.attributeIsNamed(k, "r") { if refIndex < 0 { refIndex = k } }
            else if x.attributeIsNamed(k, "t") { if typeIndex < 0 { typeIndex = k } }
            else if x.attributeIsNamed(k, "s") { if styleIndex < 0 { styleIndex = k } }
        }
        if refIndex >= 0 {
            let i = refIndex
            let raw = x.attributeRawValue(i)
            guard let ref = XLSXText.reference(raw), ref.column >= 0 else {
                throw fail(.invalidCellReference(String(decoding: raw, as: UTF8.self)), cell: nil)
            }
            c = ref.column
            if ref.row >= 0 { r = ref.row }
            if c > CellReference.maxColumn || r > CellReference.maxRow {
                throw fail(.invalidCellReference(String(decoding: raw, as: UTF8.self)), cell: nil)
            }
        } else if c > CellReference.maxColumn {
            throw fail(.invalidCellReference("column \(c + 1) of row \(r + 1)"), cell: nil)
        }
        nextColumn = c + 1
        currentCell = nil
        // Type and style.
        var type = CellType.number
        if typeIndex >= 0 {
            let t = x.attributeRawValue(typeIndex)
            if XMLScannerBytes.equal(t, "s") { type = .sharedString }
            else if XMLScannerBytes.equal(t, "str") { type = .formulaString }
            else if XMLScannerBytes.equal(t, "inlineStr") { type = .inlineString }
            else if XMLScannerBytes.equal(t, "b") { type = .bool }
            else if XMLScannerBytes.equal(t, "e") { type = .error }
            else if XMLScannerBytes.equal(t, "d") { type = .isoDate }
        }
        var style = 0
        if styleIndex >= 0, let s = XLSXText.int(x.attributeRawValue(styleIndex)) { style = s }
        if x.isSelfClosing {
            try x.next()  // its end tag
            return nil
        }
        // Children: <v>, <f>, <is>.
        var mode = Mode.none
        var hasValue = false, hasFormula = false, hasInline = false
        var formulaShared = false, formulaIndex: Int?, formulaHasRef = false
        var phonetic = 0, inT = false, preserve = false, tStart = 0
        valueBytes.removeAll(keepingCapacity: true)
        while true {
            try x.next()
            switch x.kind {
            case .startElement:
                if x.isNamed("v") {
                    mode = .value
                    hasValue = true
                } else if x.isNamed("f") {
                    mode = .formula
                    hasFormula = true
                    formulaBytes.removeAll(keepingCapacity: true)
                    if let i = x.attributeIndex("t"), XMLScannerBytes.equal(x.attributeRawValue(i), "shared") {
                        formulaShared = true
                        if let j = x.attributeIndex("si") { formulaIndex = XLSXText.int(x.attributeRawValue(j)) }
                        formulaHasRef = x.attributeIndex("ref") != nil
                    }
                } else if x.isNamed("is") {
                    mode = .inlineText
                    hasInline = true
                    inlineBytes.removeAll(keepingCapacity: true)
                } else if mode == .inlineText {
                    if x.isNamed("rPh") { phonetic += 1 }
                    else if x.isNamed("t") && phonetic == 0 {
                        inT = true
                        tStart = inlineBytes.count
                        preserve = (try x.attribute("space")) == "preserve"
                    }
                }
            case .text, .cdata:
                switch mode {
                case .value: try x.appendText(to: &valueBytes)
                case .formula: try x.appendText(to: &formulaBytes)
                case .inlineText where inT: try x.appendText(to: &inlineBytes)
                default: break
                }
                if valueBytes.count > limits.maxStringBytes || inlineBytes.count > limits.maxStringBytes
                    || formulaBytes.count > limits.maxStringBytes {
                    throw fail(.limitExceeded(limit: "string-bytes", maximum: limits.maxStringBytes,
                                              actual: max(valueBytes.count, inlineBytes.count, formulaBytes.count)),
                               cell: CellReference(row: r, column: c).a1)
                }
            case .endElement:
                if x.depth < cellDepth { break }
                if mode == .inlineText {
                    if x.isNamed("t") && inT {
                        inT = false
                        if !preserve { XLSXText.trim(&inlineBytes, from: tStart) }
                    } else if x.isNamed("rPh") {
                        phonetic = max(0, phonetic - 1)
                    } else if x.isNamed("is") {
                        mode = .none
                    }
                } else if x.isNamed("v") || x.isNamed("f") {
                    mode = .none
                }
                continue
            default:
                continue
            }
            if x.kind == .endElement { break }
        }
        // Formula.
        var formula: String?
        if hasFormula {
            if !formulaBytes.isEmpty {
                let text = String(decoding: formulaBytes, as: UTF8.self)
                formula = text
                if formulaShared, formulaHasRef, let si = formulaIndex { sharedFormulas[si] = (text, r, c) }
            } else if formulaShared, let si = formulaIndex, let master = sharedFormulas[si] {
                formula = SharedFormula.shift(master.text, rows: r - master.row, columns: c - master.column)
            }
        }
        // Value.
        var value: CellValue?
        if hasInline {
            guard let text = XLSXText.validString(inlineBytes) else {
                throw fail(.malformedXML(line: 0, column: 0, message: "text is not valid UTF-8"), cell: CellReference(row: r, column: c).a1)
            }
            value = .string(text)
        } else if hasValue {
            value = try makeValue(type, style: style, r: r, c: c)
        }
        guard value != nil || formula != nil else { return nil }
        cellCount += 1
        if cellCount > limits.maxCellsPerSheet {
            throw fail(.limitExceeded(limit: "cells-per-sheet", maximum: limits.maxCellsPerSheet, actual: cellCount),
                       cell: CellReference(row: r, column: c).a1)
        }
        return Cell(row: r, column: c, value: value, formula: formula, style: style)
    }

    private func makeValue(_ type: CellType, style: Int, r: Int, c: Int) throws -> CellValue? {
        switch type {
        case .number:
            let parsed = valueBytes.withUnsafeBytes { XLSXText.double($0) }
            guard let d = parsed else {
                if valueBytes.allSatisfy(XLSXText.isSpace) { return nil }
                throw fail(.invalidValue("'\(String(decoding: valueBytes.prefix(40), as: UTF8.self))' is not a number"),
                           cell: CellReference(row: r, column: c).a1)
            }
            let kind = style < kinds.count ? kinds[style] : .number
            return kind == .number ? .number(d) : NumberFormat.value(serial: d, kind: kind, system: system)
        case .sharedString:
            let parsed = valueBytes.withUnsafeBytes { XLSXText.int($0) }
            guard let i = parsed, i < sharedStrings.count else {
                throw fail(.invalidValue("shared string index '\(String(decoding: valueBytes.prefix(40), as: UTF8.self))' out of range (\(sharedStrings.count) strings)"),
                           cell: CellReference(row: r, column: c).a1)
            }
            return .string(sharedStrings[i])
        case .formulaString, .inlineString:
            guard let text = XLSXText.validString(valueBytes) else {
                throw fail(.malformedXML(line: 0, column: 0, message: "text is not valid UTF-8"), cell: CellReference(row: r, column: c).a1)
            }
            return .string(text)
        case .bool:
            let s = String(decoding: valueBytes, as: UTF8.self).trimmingXMLSpace
            if s == "1" || s.lowercased() == "true" { return .bool(true) }
            if s == "0" || s.lowercased() == "false" { return .bool(false) }
            if s.isEmpty { return nil }
            throw fail(.invalidValue("'\(s.prefix(40))' is not a boolean"), cell: CellReference(row: r, column: c).a1)
        case .error:
            let s = String(decoding: valueBytes, as: UTF8.self).trimmingXMLSpace
            return s.isEmpty ? nil : .error(s)
        case .isoDate:
            let s = String(decoding: valueBytes, as: UTF8.self).trimmingXMLSpace
            if s.isEmpty { return nil }
            guard let v = ISODateText.parse(s) else {
                throw fail(.invalidValue("'\(s.prefix(40))' is not an ISO 8601 date"), cell: CellReference(row: r, column: c).a1)
            }
            return v
        }
    }
}

/// Comparing raw scanner bytes with literals.
enum XMLScannerBytes {
    @inline(__always)
    static func equal(_ r: UnsafeRawBufferPointer, _ s: StaticString) -> Bool {
        guard r.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        for i in 0..<r.count where r[i] != p[i] { return false }
        return true
    }
}

/// `t="d"` cell values: ISO 8601 dates, date-times and times (ECMA-376 Part 1 §18.17.4.1).
enum ISODateText {
    /// `2024-03-05` → date; `2024-03-05T14:30:00[.fff][Z|±hh:mm]` → date-time; `14:30:00` → time. Zones are dropped.
    static func parse(_ s: String) -> CellValue? {
        let b = Array(s.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var v = 0
            for k in i..<(i + width) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            i += width
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        func time() -> (Int, Int, Int, Int)? {
            guard let h = number(2), expect(":"), let m = number(2) else { return nil }
            var sec = 0, micro = 0
            if expect(":") {
                guard let s = number(2) else { return nil }
                sec = s
                if expect(".") || expect(",") {
                    var digits = 0
                    while i < b.count, b[i] >= 48, b[i] <= 57 {
                        if digits < 6 { micro = micro * 10 + Int(b[i] - 48) }
                        digits += 1
                        i += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in digits..<6 where digits < 6 { micro *= 10 }
                }
            }
            return (h, m, sec, micro)
        }
        if b.count >= 5, b[2] == UInt8(ascii: ":") {
            guard let (h, m, sec, micro) = time() else { return nil }
            let t = CivilDateTime(year: 0, month: 0, day: 0, hour: h, minute: m, second: sec, microsecond: micro)
            guard h < 24, m < 60, sec < 60 else { return nil }
            return .time(t)
        }
        guard let y = number(4), expect("-"), let mo = number(2), expect("-"), let d = number(2) else { return nil }
        if i == b.count {
            let t = CivilDateTime(year: y, month: mo, day: d)
            return t.isValid ? .date(t) : nil
        }
        guard expect("T") || expect(" "), let (h, m, sec, micro) = time() else { return nil }
        let t = CivilDateTime(year: y, month: mo, day: d, hour: h, minute: m, second: sec, microsecond: micro)
        return t.isValid ? .dateTime(t) : nil
    }
}

/// The cursor of a sheet that holds no cells (chartsheets, dialog sheets).
struct XLSXEmptyCursor: SheetCursor {
    var layout = SheetLayout()
    mutating func next() throws(SpreadsheetError) -> Cell? { nil }
}
