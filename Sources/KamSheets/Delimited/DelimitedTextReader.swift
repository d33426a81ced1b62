import Foundation

/// Reads a `.csv` or `.tsv` file as a one-sheet workbook, typing each field the way a spreadsheet would on
/// opening it: integers and decimals become numbers, ISO dates (`2024-03-05`) and date-times become dates,
/// `TRUE`/`FALSE` become booleans, anything else stays text. The first row is kept as text (headers).
public final class DelimitedTextReader: SpreadsheetReader {
    public let path: String
    public var format: SpreadsheetFormat { .xlsx }
    public let sheets: [SheetInfo]
    /// Default, date (`yyyy-mm-dd`) and date-time (`yyyy-mm-dd hh:mm:ss`) styles.
    public let styles: [CellStyle] = [CellStyle(), CellStyle(numberFormat: "yyyy-mm-dd"),
                                      CellStyle(numberFormat: "yyyy-mm-dd hh:mm:ss")]
    public var dateSystem: SpreadsheetDate.System { .from1900 }
    public var definedNames: [DefinedName] { [] }
    private let separator: UInt8

    /// Opens a delimited text file; the separator is a tab for `.tsv` and `.tab`, else a comma.
    /// - Throws: `SpreadsheetError.cannotOpen` when the file cannot be read.
    public init(path: String) throws(SpreadsheetError) {
        self.path = path
        let ext = (path as NSString).pathExtension.lowercased()
        separator = ext == "tsv" || ext == "tab" ? 0x09 : UInt8(ascii: ",")
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SpreadsheetError(.cannotOpen("no such file or not readable"), file: path)
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        sheets = [SheetInfo(index: 0, name: String(name.prefix(31)), visibility: .visible, kind: .worksheet, part: path)]
    }

    public func cursor(sheet index: Int) throws(SpreadsheetError) -> any SheetCursor {
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw SpreadsheetError(.cannotOpen("not readable"), file: path)
        }
        return DelimitedCursor(handle: fh, separator: separator, path: path)
    }
}

/// Streams the fields of a delimited file as cells, one line buffer at a time.
struct DelimitedCursor: SheetCursor {
    let handle: FileHandle
    let separator: UInt8
    let path: String
    var buffer: [UInt8] = []
    var offset = 0
    var atEOF = false
    var row = 0
    var pending: [Cell] = []
    var pendingIndex = 0
    var layout: SheetLayout { SheetLayout() }

    init(handle: FileHandle, separator: UInt8, path: String) {
        self.handle = handle
        self.separator = separator
        self.path = path
    }

    mutating func next() throws(SpreadsheetError) -> Cell? {
        while pendingIndex >= pending.count {
            guard let fields = try readRecord() else { return nil }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            for (col, f) in fields.enumerated() where !f.isEmpty {
                let (value, style) = row == 0 ? (CellValue.string(f), 0) : Self.type(f)
                pending.append(Cell(row: row, column: col, value: value, style: style))
            }
            row += 1
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    /// One record's fields (quoted fields may hold separators, quotes and line breaks); nil at the end.
    private mutating func readRecord() throws(SpreadsheetError) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var any = false
        while true {
            if offset >= buffer.count {
                if atEOF { break }
                let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
                if data.isEmpty { atEOF = true; break }
                buffer = [UInt8](data)
                offset = 0
            }
            // An unquoted field wholly inside the buffer is taken as one slice, not byte by byte.
            if !inQuotes, field.isEmpty, buffer[offset] != UInt8(ascii: "\"") {
                let sep = separator
                var j = offset
                while j < buffer.count, buffer[j] != sep, buffer[j] != 0x0A { j += 1 }
                if j < buffer.count {
                    var end = j
                    if buffer[j] == 0x0A, end > offset, buffer[end - 1] == 0x0D { end -= 1 }
                    fields.append(String(decoding: buffer[offset..<end], as: UTF8.self))
                    let newline = buffer[j] == 0x0A
                    offset = j + 1
                    any = true
                    if newline { return fields }
                    continue
                }
            }
            let b = buffer[offset]
            offset += 1
            any = true
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if offset >= buffer.count, !atEOF {
                        let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
                        if data.isEmpty { atEOF = true } else { buffer = [UInt8](data); offset = 0 }
                    }
                    if offset < buffer.count, buffer[offset] == UInt8(ascii: "\"") {
                        field.append(b)
                        offset += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(b)
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\"") where field.isEmpty:
                inQuotes = true
            case separator:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case 0x0A:
                if field.last == 0x0D { field.removeLast() }
                fields.append(String(decoding: field, as: UTF8.self))
                return fields
            default:
                field.append(b)
            }
        }
        if !any { return nil }
        if field.last == 0x0D { field.removeLast() }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields.count == 1 && fields[0].isEmpty ? nil : fields
    }

    /// The spreadsheet type of a field and its style index (1: date, 2: date-time).
    static func type(_ s: String) -> (CellValue, Int) {
        // Looked at as bytes, in place: an array per field and Unicode-aware `==` on non-ASCII text were most of
        // a TSV conversion's time.
        s.utf8.withContiguousStorageIfAvailable { type(s, $0) } ?? Array(s.utf8).withUnsafeBufferPointer { type(s, $0) }
    }

    private static func type(_ s: String, _ u: UnsafeBufferPointer<UInt8>) -> (CellValue, Int) {
        if let d = isoDate(u) {
            return d.isMidnight && u.count == 10 ? (.date(d), 1) : (.dateTime(d), 2)
        }
        if u.count == 4, u.elementsEqual("TRUE".utf8) || u.elementsEqual("true".utf8) { return (.bool(true), 0) }
        if u.count == 5, u.elementsEqual("FALSE".utf8) || u.elementsEqual("false".utf8) { return (.bool(false), 0) }
        if looksNumeric(u), let d = Double(s), d.isFinite { return (.number(d), 0) }
        return (.string(s), 0)
    }

    private static func looksNumeric(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !u.isEmpty, u.count < 32 else { return false }
        var digits = 0
        for (i, b) in u.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if i != 0 && u[i - 1] != UInt8(ascii: "e") && u[i - 1] != UInt8(ascii: "E") { return false }
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return false
            }
        }
        // Leading zeros (phone numbers, codes) stay text, as a careful spreadsheet import would keep them.
        if u.count > 1, u[0] == UInt8(ascii: "0"), u[1] != UInt8(ascii: ".") { return false }
        return digits > 0
    }

    private static func isoDate(_ u: UnsafeBufferPointer<UInt8>) -> CivilDateTime? {
        guard u.count >= 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ a: Int, _ b: Int) -> Int? {
            var v = 0
            for i in a..<b {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), let m = num(5, 7), let d = num(8, 10) else { return nil }
        var t = CivilDateTime(year: y, month: m, day: d)
        if u.count > 10 {
            guard u.count >= 19, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
                  let h = num(11, 13), let mi = num(14, 16), let se = num(17, 19) else { return nil }
            t.hour = h; t.minute = mi; t.second = se
            if u.count > 19 {
                guard u[19] == UInt8(ascii: "."), u.count <= 26, let frac = num(20, u.count) else { return nil }
                var us = frac
                for _ in 0..<(6 - (u.count - 20)) { us *= 10 }
                t.microsecond = us
            }
        }
        return t.isValid ? t : nil
    }
}
