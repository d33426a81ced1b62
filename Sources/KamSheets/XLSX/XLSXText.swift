import KamXML

/// SpreadsheetML's escape for characters XML 1.0 cannot hold (ECMA-376 Part 1 §22.9.2.19, ST_Xstring):
/// a control character becomes `_xHHHH_`, and an underscore that would otherwise start such a sequence is
/// itself written as `_x005F_`, so that readers decode the text back exactly.
enum XLSXText {
    /// Whether `s` needs the escape (most text does not, and is written as is).
    static func needsEscape(_ s: String) -> Bool {
        var previous: UInt8 = 0
        var utf8 = s.utf8.makeIterator()
        while let b = utf8.next() {
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return true }
            if b == UInt8(ascii: "x") && previous == UInt8(ascii: "_") { return true }
            // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either.
            if b == 0xBF && previous == 0xBF { return true }
            previous = b
        }
        return false
    }

    /// `s` with control characters and `_xHHHH_`-shaped text escaped.
    static func escape(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            let v = u.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF {
                out.append(contentsOf: hexEscape(v).unicodeScalars)
            } else if u == "_" && looksLikeEscape(scalars, at: i) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(u)
            }
            i += 1
        }
        return String(out)
    }

    private static func hexEscape(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
    }

    /// Whether `_xHHHH_` starts at `i`.
    private static func looksLikeEscape(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x" || s[i + 1] == "X", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}

extension XMLByteWriter {
    /// Appends SpreadsheetML text: `_xHHHH_`-escaped where needed, then XML-escaped.
    mutating func xlsxText(_ s: String) {
        text(XLSXText.needsEscape(s) ? XLSXText.escape(s) : s)
    }

    /// Whether a `<t>` holding `s` needs `xml:space="preserve"` (leading or trailing white space or newlines).
    static func needsSpacePreserve(_ s: String) -> Bool {
        guard let first = s.utf8.first, let last = s.utf8.last else { return false }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        return isSpace(first) || isSpace(last) || s.utf8.contains(0x0A)
    }
}
