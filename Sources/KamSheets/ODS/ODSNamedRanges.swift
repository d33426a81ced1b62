/// ODS named ranges and expressions (`table:named-expressions`) as workbook defined names in Excel syntax.
enum ODSNamedRanges {
    /// The defined names of a `table:named-expressions` element.
    static func read(_ container: ODSNode) -> [DefinedName] {
        var out: [DefinedName] = []
        for el in container.children {
            guard let name = el["name"] else { continue }
            switch el.name {
            case "named-range":
                guard let address = el["cell-range-address"] else { continue }
                out.append(DefinedName(name: name, formula: excelAddress(address)))
            case "named-expression":
                guard var expr = el["expression"] else { continue }
                if expr.hasPrefix("of:") { expr.removeFirst(3) }
                if expr.hasPrefix("=") { expr.removeFirst() }
                out.append(DefinedName(name: name, formula: expr))
            default:
                continue
            }
        }
        return out
    }

    /// `$Sheet1.$A$1:.$B$4` → `Sheet1!$A$1:$B$4`; `'My sheet'.A1` → `'My sheet'!A1`.
    static func excelAddress(_ odf: String) -> String {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for ch in odf {
            if ch == "'" { quoted.toggle() }
            if ch == ":" && !quoted { parts.append(current); current = "" } else { current.append(ch) }
        }
        parts.append(current)
        var firstSheet: String?
        var out: [String] = []
        for (i, p) in parts.enumerated() {
            var sheet = "", cell = p
            var q = false
            var dot: String.Index?
            for idx in p.indices {
                if p[idx] == "'" { q.toggle() } else if p[idx] == ".", !q { dot = idx }
            }
            if let dot {
                sheet = String(p[..<dot])
                cell = String(p[p.index(after: dot)...])
            }
            if sheet.hasPrefix("$") { sheet.removeFirst() }
            if !sheet.isEmpty, !sheet.hasPrefix("'"), sheet.contains(where: { !$0.isLetter && !$0.isNumber && $0 != "_" }) {
                sheet = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
            }
            if i == 0 { firstSheet = sheet }
            if sheet.isEmpty || (i > 0 && sheet == firstSheet) { out.append(cell) } else { out.append(sheet + "!" + cell) }
        }
        return out.joined(separator: ":")
    }
}
