/// Moves the cell references inside XLSX (A1-style) formulas and range lists when rows or columns of a sheet are
/// inserted or deleted.
///
/// Only references that point at `target` move: an unqualified reference in a formula of sheet `home` points at
/// `home`; `Sheet!A1` and `'My Sheet'!A1` point at that sheet. String literals, structured references
/// (`Table1[Col]`), function names and defined names are left alone. A reference whose cells are all deleted
/// becomes `#REF!`, as in Excel.
public struct FormulaReferenceShifter: Sendable {
    public var shift: RowColumnShift
    /// The sheet whose rows/columns move.
    public var target: String

    public init(shift: RowColumnShift, target: String) {
        self.shift = shift
        self.target = target
    }

    /// The formula with its references to `target` moved; `home` is the sheet holding the formula (nil for a
    /// workbook-level defined name, where unqualified references point nowhere).
    public func shiftFormula(_ formula: String, home: String?) -> String {
        let chars = Array(formula.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var changed = false
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                // A string literal; "" is an escaped quote.
                var j = i + 1
                while j < chars.count {
                    if chars[j] == "\"" {
                        if j + 1 < chars.count && chars[j + 1] == "\"" { j += 2; continue }
                        break
                    }
                    j += 1
                }
                let end = min(j + 1, chars.count)
                out.append(contentsOf: chars[i..<end])
                i = end
                continue
            }
            if c == "[" {
                // Structured reference or external-book index: copy to the matching bracket.
                var depth = 0
                var j = i
                while j < chars.count {
                    if chars[j] == "[" { depth += 1 }
                    if chars[j] == "]" { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                let end = min(j + 1, chars.count)
                out.append(contentsOf: chars[i..<end])
                i = end
                continue
            }
            var sheet: String?
            var start = i
            var prefixEnd = i
            if c == "'" {
                // 'Quoted sheet'!ref
                var j = i + 1
                var name = String.UnicodeScalarView()
                while j < chars.count {
                    if chars[j] == "'" {
                        if j + 1 < chars.count && chars[j + 1] == "'" { name.append("'"); j += 2; continue }
                        break
                    }
                    name.append(chars[j])
                    j += 1
                }
                if j + 1 < chars.count && chars[j + 1] == "!" {
                    sheet = String(name)
                    prefixEnd = j + 2
                    start = i
                } else {
                    let end = min(j + 1, chars.count)
                    out.append(contentsOf: chars[i..<end])
                    i = end
                    continue
                }
            }
            guard sheet != nil || Self.isWordChar(c) else {
                out.append(c)
                i += 1
                continue
            }
            // The word (or the part after a quoted sheet prefix).
            var j = prefixEnd
            while j < chars.count, Self.isWordChar(chars[j]) { j += 1 }
            let word = String(String.UnicodeScalarView(chars[prefixEnd..<j]))
            if j < chars.count && chars[j] == "(" && sheet == nil {
                out.append(contentsOf: chars[start..<j])  // a function name
                i = j
                continue
            }
            var refText = word
            if sheet == nil, let bang = word.lastIndex(of: "!") {
                sheet = String(word[..<bang])
                refText = String(word[word.index(after: bang)...])
            }
            let prefix = String(String.UnicodeScalarView(chars[start..<prefixEnd]))
                + (sheet != nil && prefixEnd == start ? String(word.prefix(word.count - refText.count)) : "")
            let pointsAt = sheet ?? home
            if pointsAt == target, let moved = moveReference(refText) {
                if moved != refText { changed = true }
                out.append(contentsOf: (prefix + moved).unicodeScalars)
            } else {
                out.append(contentsOf: chars[start..<j])
            }
            i = j
        }
        return changed ? String(out) : formula
    }

    /// A space-separated list of ranges (`sqref`, merged cells, `ref` attributes) moved; nil when nothing is left.
    public func shiftRangeList(_ list: String) -> String? {
        let parts = list.split(separator: " ").compactMap { moveReference(String($0)).flatMap { $0 == "#REF!" ? nil : $0 } }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Moves one reference text (`A1`, `$A$1:B5`, `A:C`, `3:5`); nil when the text is not a reference.
    public func moveReference(_ text: String) -> String? {
        let halves = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard halves.count == 1 || halves.count == 2 else { return nil }
        let parsed = halves.map(Self.parsePart)
        guard parsed.allSatisfy({ $0 != nil }) else { return nil }
        let p = parsed.map { $0! }
        if p.count == 1 {
            guard let col = p[0].col, let row = p[0].row else { return nil }
            let index = shift.axis == .rows ? row : col
            guard let moved = shift.move(index) else { return "#REF!" }
            var q = p[0]
            if shift.axis == .rows { q.row = moved } else { q.col = moved }
            return q.text
        }
        var a = p[0], b = p[1]
        // Both halves must be of the same shape: cells, whole columns, or whole rows.
        let cells = a.col != nil && a.row != nil && b.col != nil && b.row != nil
        let columns = a.row == nil && b.row == nil && a.col != nil && b.col != nil
        let rows = a.col == nil && b.col == nil && a.row != nil && b.row != nil
        guard cells || columns || rows else { return nil }
        if shift.axis == .rows {
            guard let ra = a.row, let rb = b.row else { return text }  // whole columns do not move with rows
            guard let (na, nb) = shift.move(span: min(ra, rb), max(ra, rb)) else { return "#REF!" }
            a.row = na; b.row = nb
        } else {
            guard let ca = a.col, let cb = b.col else { return text }
            guard let (na, nb) = shift.move(span: min(ca, cb), max(ca, cb)) else { return "#REF!" }
            a.col = na; b.col = nb
        }
        return a.text + ":" + b.text
    }

    struct Part: Equatable {
        var col: Int?
        var row: Int?
        var absCol: Bool
        var absRow: Bool
        var text: String {
            var s = ""
            if let col { s += (absCol ? "$" : "") + ColumnName.letters(col) }
            if let row { s += (absRow ? "$" : "") + String(row + 1) }
            return s
        }
    }

    /// `$A$1`, `A`, `$3` → a part; nil when not of that shape.
    static func parsePart(_ s: String) -> Part? {
        var letters = "", digits = ""
        var absCol = false, absRow = false
        var seenLetters = false
        for ch in s.unicodeScalars {
            if ch == "$" {
                if letters.isEmpty && digits.isEmpty && !seenLetters { absCol = true } else if digits.isEmpty { absRow = true } else { return nil }
                continue
            }
            if ch.properties.isASCIIHexDigit || ch.isASCII {
                if ("A"..."Z").contains(ch) || ("a"..."z").contains(ch) {
                    guard digits.isEmpty else { return nil }
                    letters.unicodeScalars.append(ch)
                    seenLetters = true
                    continue
                }
                if ("0"..."9").contains(ch) {
                    digits.unicodeScalars.append(ch)
                    continue
                }
            }
            return nil
        }
        if letters.isEmpty && digits.isEmpty { return nil }
        if letters.isEmpty && absCol { absRow = true; absCol = false }
        var part = Part(col: nil, row: nil, absCol: absCol, absRow: absRow)
        if !letters.isEmpty {
            guard let c = ColumnName.index(letters) else { return nil }
            part.col = c
        }
        if !digits.isEmpty {
            guard digits.count <= 7, let r = Int(digits), r >= 1, r <= CellReference.maxRow + 1 else { return nil }
            part.row = r - 1
        }
        return part
    }

    static func isWordChar(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "+", "-", "*", "/", "^", "&", "=", "<", ">", "%", ",", ";", "(", ")", "{", "}", "\"", "'", " ",
             "\n", "\r", "\t", "[", "]", "@", "#":
            return false
        default:
            return true
        }
    }
}
