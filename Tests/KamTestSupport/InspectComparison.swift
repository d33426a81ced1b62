import KamContracts

/// Compares inspect documents by the corpus README's rules: the same sheets in order with the same visibility
/// and kind, the same set of cells; numbers within 1e-9 relative, temporal values equal when parsed (to the
/// microsecond), strings and errors equal after CR LF → LF, bools equal.
public enum InspectComparison {
    /// What differs, one line each (at most `limit` cell lines per sheet); empty when the documents match.
    public static func differences(expected: InspectDocument, actual: InspectDocument, limit: Int = 8) -> [String] {
        let en = expected.sheets.map(\.name), an = actual.sheets.map(\.name)
        guard en == an else { return ["sheet names \(en) != \(an)"] }
        var out: [String] = []
        for (e, a) in zip(expected.sheets, actual.sheets) {
            if e.visible != a.visible { out.append("\(e.name): visible \(e.visible) != \(a.visible)") }
            if e.kind != a.kind { out.append("\(e.name): kind \(e.kind ?? "-") != \(a.kind ?? "-")") }
            var lines: [String] = []
            for key in e.cells.keys.sorted() {
                guard let ec = e.cells[key] else { continue }
                guard let ac = a.cells[key] else { lines.append("\(e.name)!\(key): missing, want \(ec)"); continue }
                if !same(ec, ac) { lines.append("\(e.name)!\(key): want \(ec) got \(ac)") }
            }
            for key in a.cells.keys.sorted() where e.cells[key] == nil {
                lines.append("\(e.name)!\(key): extra \(a.cells[key].map { "\($0)" } ?? "")")
            }
            out += lines.prefix(limit)
            if lines.count > limit { out.append("\(e.name): \(lines.count) differing cells in all") }
        }
        return out
    }

    /// Whether two cells match.
    public static func same(_ a: InspectDocument.Cell, _ b: InspectDocument.Cell) -> Bool {
        guard a.type == b.type else { return false }
        switch (a.type, a.value, b.value) {
        case ("number", .number(let x), .number(let y)):
            return x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        case ("date", .string(let x), .string(let y)), ("datetime", .string(let x), .string(let y)),
             ("time", .string(let x), .string(let y)), ("duration", .string(let x), .string(let y)):
            guard let p = temporal(a.type, x), let q = temporal(a.type, y) else { return false }
            return p == q
        case ("string", .string(let x), .string(let y)), ("error", .string(let x), .string(let y)):
            return x.replacingOccurrences(of: "\r\n", with: "\n") == y.replacingOccurrences(of: "\r\n", with: "\n")
        case ("bool", .bool(let x), .bool(let y)):
            return x == y
        default:
            return false
        }
    }

    /// A temporal value as comparable integers: date → days-ish key, times → microseconds.
    static func temporal(_ type: String, _ s: String) -> [Int64]? {
        let b = Array(s.utf8)
        var i = 0
        func int(_ width: Int?) -> Int64? {
            var v: Int64 = 0, n = 0
            while i < b.count, b[i] >= 48, b[i] <= 57, width.map({ n < $0 }) ?? true {
                v = v * 10 + Int64(b[i] - 48); n += 1; i += 1
            }
            return n > 0 && (width == nil || n == width) ? v : nil
        }
        func lit(_ c: UInt8) -> Bool { if i < b.count && b[i] == c { i += 1; return true }; return false }
        func fraction() -> Int64 {
            guard lit(UInt8(ascii: ".")) else { return 0 }
            var v: Int64 = 0, n = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 { if n < 6 { v = v * 10 + Int64(b[i] - 48) }; n += 1; i += 1 }
            while n < 6 { v *= 10; n += 1 }
            return v
        }
        func clock() -> Int64? {
            guard let h = int(2), lit(58), let m = int(2), lit(58), let sec = int(2) else { return nil }
            return ((h * 60 + m) * 60 + sec) * 1_000_000 + fraction()
        }
        func date() -> [Int64]? {
            guard let y = int(4), lit(45), let m = int(2), lit(45), let d = int(2) else { return nil }
            return [y, m, d]
        }
        var out: [Int64]
        switch type {
        case "date":
            guard let d = date() else { return nil }
            out = d
        case "datetime":
            guard let d = date(), lit(UInt8(ascii: "T")), let t = clock() else { return nil }
            out = d + [t]
        case "time":
            guard let t = clock() else { return nil }
            out = [t]
        case "duration":
            let negative = lit(45)
            guard lit(UInt8(ascii: "P")), lit(UInt8(ascii: "T")), let h = int(nil), lit(UInt8(ascii: "H")),
                  let m = int(nil), lit(UInt8(ascii: "M")), let sec = int(nil) else { return nil }
            let f = fraction()
            guard lit(UInt8(ascii: "S")) else { return nil }
            let total = ((h * 60 + m) * 60 + sec) * 1_000_000 + f
            out = [negative ? -total : total]
        default:
            return nil
        }
        return i == b.count ? out : nil
    }
}
