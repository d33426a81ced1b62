/// Moves the cell references of ODF formulas (`of:=SUM([.A1:.A10])`) and cell-range addresses
/// (`table:cell-range-address="Sheet1.A1:Sheet1.B5"`) when rows or columns of one table are inserted or deleted.
///
/// ODF 1.3 Part 4 §5.8: a reference is `[$]Sheet.$A$1`, the sheet name optional (then the formula's own table),
/// quoted with `'` when needed; formulas put references in brackets, range addresses do not.
public struct ODSReferenceShifter: Sendable {
    public var shift: RowColumnShift
    /// The table whose rows/columns move.
    public var target: String
    private var a1: FormulaReferenceShifter { FormulaReferenceShifter(shift: shift, target: target) }

    public init(shift: RowColumnShift, target: String) {
        self.shift = shift
        self.target = target
    }

    /// A formula with its bracketed references to `target` moved; `home` is the table holding the formula.
    public func shiftFormula(_ formula: String, home: String?) -> String {
        var out = ""
        var rest = Substring(formula)
        var inString = false
        while let c = rest.first {
            if c == "\"" { inString.toggle() }
            if c == "[" && !inString, let close = Self.closingBracket(rest) {
                let inner = String(rest[rest.index(after: rest.startIndex)..<close])
                out += "[" + (shiftAddress(inner, home: home) ?? inner) + "]"
                rest = rest[rest.index(after: close)...]
                continue
            }
            out.append(c)
            rest = rest.dropFirst()
        }
        return out
    }

    /// A space-separated list of range addresses moved; nil when nothing of it is left.
    public func shiftAddressList(_ list: String, home: String?) -> String? {
        var parts: [String] = []
        for p in Self.splitOutsideQuotes(list, separator: " ") where !p.isEmpty {
            let moved = shiftAddress(p, home: home) ?? p
            if !moved.contains("#REF!") { parts.append(moved) }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// One address (`Sheet1.A1`, `.A1:.B5`, `$'My Sheet'.$A$1:.$C$9`) moved; the same text when it points at
    /// another table; nil when it is not an address.
    public func shiftAddress(_ address: String, home: String?) -> String? {
        let halves = Self.splitOutsideQuotes(address, separator: ":")
        guard halves.count == 1 || halves.count == 2 else { return nil }
        var sheets: [String?] = []
        var cells: [String] = []
        var prefixes: [String] = []
        for h in halves {
            guard let (prefix, sheet, cell) = Self.splitSheet(h) else { return nil }
            prefixes.append(prefix)
            sheets.append(sheet)
            cells.append(cell)
        }
        let sheet = sheets[0] ?? home
        guard sheet == target, sheets.count == 1 || sheets[1] == nil || sheets[1] == sheets[0] else { return address }
        guard let moved = a1.moveReference(cells.joined(separator: ":")) else { return nil }
        if moved == "#REF!" { return prefixes[0] + "#REF!" }
        let parts = moved.split(separator: ":").map(String.init)
        if parts.count == 1 { return prefixes[0] + parts[0] }
        return prefixes[0] + parts[0] + ":" + prefixes[1] + parts[1]
    }

    /// Splits `$'My Sheet'.$A$1` into (`$'My Sheet'.`, `My Sheet`, `$A$1`); `.A1` gives a nil sheet.
    static func splitSheet(_ s: String) -> (String, String?, String)? {
        let chars = Array(s)
        var i = 0
        if i < chars.count, chars[i] == "$" { i += 1 }
        var name = ""
        if i < chars.count, chars[i] == "'" {
            i += 1
            while i < chars.count {
                if chars[i] == "'" {
                    if i + 1 < chars.count, chars[i + 1] == "'" { name.append("'"); i += 2; continue }
                    break
                }
                name.append(chars[i])
                i += 1
            }
            i += 1
            guard i < chars.count, chars[i] == "." else { return nil }
        } else {
            while i < chars.count, chars[i] != "." { name.append(chars[i]); i += 1 }
            guard i < chars.count else { return nil }
        }
        let prefix = String(chars[0...i])
        let cell = String(chars[(i + 1)...])
        return (prefix, name.isEmpty ? nil : name, cell)
    }

    static func splitOutsideQuotes(_ s: String, separator: Character) -> [String] {
        var parts: [String] = []
        var cur = ""
        var quoted = false
        for c in s {
            if c == "'" { quoted.toggle() }
            if c == separator && !quoted { parts.append(cur); cur = ""; continue }
            cur.append(c)
        }
        parts.append(cur)
        return parts
    }

    static func closingBracket(_ s: Substring) -> Substring.Index? {
        var quoted = false
        var i = s.index(after: s.startIndex)
        while i < s.endIndex {
            let c = s[i]
            if c == "'" { quoted.toggle() }
            if c == "]" && !quoted { return i }
            i = s.index(after: i)
        }
        return nil
    }
}
