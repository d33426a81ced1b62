/// Shared formulas (ECMA-376 Part 1 §18.3.1.40, `<f t="shared" si="…">`): the cells of a group hold only the
/// group index; their formula is the master's with relative references moved by the cell's offset.
enum SharedFormula {
    /// `formula` (the master's text) as it reads `rows` rows down and `columns` columns right of the master.
    /// References with `$` keep that part; references moved off the sheet become `#REF!`. Strings, quoted sheet
    /// names, bracketed (structured/external) parts, function names and numbers are left alone.
    static func shift(_ formula: String, rows: Int, columns: Int) -> String {
        if rows == 0 && columns == 0 { return formula }
        let b = Array(formula.utf8)
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n + 8)
        var i = 0
        func isWord(_ c: UInt8) -> Bool {
            (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c == 95 || c == 46 || c == 36 || c >= 0x80
        }
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                // A string literal or quoted sheet name; a doubled quote stays inside.
                out.append(c)
                i += 1
                while i < n {
                    out.append(b[i])
                    if b[i] == c {
                        if i + 1 < n && b[i + 1] == c { out.append(c); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
            } else if c == UInt8(ascii: "[") {
                var depth = 0
                while i < n {
                    out.append(b[i])
                    if b[i] == UInt8(ascii: "[") { depth += 1 }
                    if b[i] == UInt8(ascii: "]") { depth -= 1; if depth == 0 { i += 1; break } }
                    i += 1
                }
            } else if isWord(c) {
                var j = i
                while j < n && isWord(b[j]) { j += 1 }
                let next: UInt8 = j < n ? b[j] : 0
                if next != UInt8(ascii: "("), next != UInt8(ascii: "!"), let moved = shiftReference(b[i..<j], rows, columns) {
                    out.append(contentsOf: moved)
                } else {
                    out.append(contentsOf: b[i..<j])
                }
                i = j
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The moved text of an A1 reference token, or nil when the token is not one.
    private static func shiftReference(_ t: ArraySlice<UInt8>, _ rows: Int, _ columns: Int) -> [UInt8]? {
        var i = t.startIndex
        var absCol = false, absRow = false
        if i < t.endIndex, t[i] == UInt8(ascii: "$") { absCol = true; i += 1 }
        var col = 0, letters = 0
        while i < t.endIndex, (t[i] | 0x20) >= 97, (t[i] | 0x20) <= 122 {
            col = col * 26 + Int((t[i] | 0x20) - 97) + 1
            letters += 1
            i += 1
        }
        guard letters >= 1, letters <= 3 else { return nil }
        if i < t.endIndex, t[i] == UInt8(ascii: "$") { absRow = true; i += 1 }
        var row = 0, digits = 0
        while i < t.endIndex, t[i] >= 48, t[i] <= 57 {
            row = row * 10 + Int(t[i] - 48)
            digits += 1
            i += 1
        }
        guard digits >= 1, digits <= 7, i == t.endIndex, row >= 1 else { return nil }
        var c = col - 1, r = row - 1
        if !absCol { c += columns }
        if !absRow { r += rows }
        guard c >= 0, c <= CellReference.maxColumn, r >= 0, r <= CellReference.maxRow else {
            return Array("#REF!".utf8)
        }
        var s = absCol ? "$" : ""
        s += ColumnName.letters(c)
        s += absRow ? "$" : ""
        s += String(r + 1)
        return Array(s.utf8)
    }
}
