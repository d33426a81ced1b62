import Foundation
import KamXML

/// Text and number decoding shared by the shared-strings part and the sheet cursor, working on raw UTF-8 bytes
/// so that no `String` is made for a number or a reference.
enum XLSXText {
    /// Whether `b` is XML white space (what Excel trims from a `<t>` without `xml:space="preserve"`).
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Drops leading and trailing XML white space of `bytes[from...]`, in place.
    static func trim(_ bytes: inout [UInt8], from: Int) {
        var e = bytes.count
        while e > from, isSpace(bytes[e - 1]) { e -= 1 }
        if e < bytes.count { bytes.removeSubrange(e...) }
        var s = from
        while s < bytes.count, isSpace(bytes[s]) { s += 1 }
        if s > from { bytes.removeSubrange(from..<s) }
    }

    /// The string of UTF-8 `bytes` with OOXML `_xHHHH_` escapes decoded (ECMA-376 Part 1 §22.9.2.19:
    /// `_x000D_` is a carriage return, `_x005F_` an underscore; UTF-16 surrogate pairs are joined).
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        if bytes.contains(0x0D) {
            // XML end-of-line handling (XML 1.0 §2.11): CR LF and lone CR read as LF; `_x000D_` stays a CR.
            var normalized: [UInt8] = []
            normalized.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0D {
                    normalized.append(0x0A)
                    if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                } else {
                    normalized.append(bytes[i])
                }
                i += 1
            }
            return normalized.withUnsafeBytes { decodeEscapes($0) }
        }
        return decodeEscapes(bytes)
    }

    /// Whether `string(bytes)` is the bytes as they are: no carriage return to normalise, no `_xHHHH_` escape.
    static func isPlain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.contains(0x0D) && (bytes.count < 7 || !bytes.contains(UInt8(ascii: "_")))
    }

    /// The text of `bytes`, or nil when they are not valid UTF-8 (never repaired silently: a damaged part is an
    /// error, not replacement characters in a customer's data).
    static func validString(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { raw in
            guard UTF8Text.isValid(raw) else { return nil }
            return string(raw)
        }
    }

    private static func decodeEscapes(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "_"), let u = hex4(bytes, i) {
                var scalarValue = u
                var used = 7
                if (0xD800..<0xDC00).contains(u), let lo = hex4(bytes, i + 7), (0xDC00..<0xE000).contains(lo) {
                    scalarValue = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                    used = 14
                }
                if let s = Unicode.Scalar(scalarValue) {
                    out.append(contentsOf: String(Character(s)).utf8)
                    i += used
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The string of `bytes` with escapes decoded.
    static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { string($0) }
    }

    /// The value of `_xHHHH_` at `i`, or nil.
    private static func hex4(_ p: UnsafeRawBufferPointer, _ i: Int) -> UInt32? {
        guard i + 7 <= p.count, p[i] == UInt8(ascii: "_"), p[i + 1] == UInt8(ascii: "x") || p[i + 1] == UInt8(ascii: "X"),
              p[i + 6] == UInt8(ascii: "_") else { return nil }
        var v: UInt32 = 0
        for k in 2..<6 {
            guard let d = hexDigit(p[i + k]) else { return nil }
            v = v << 4 | d
        }
        return v
    }

    @inline(__always)
    private static func hexDigit(_ d: UInt8) -> UInt32? {
        switch d {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(d - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(d - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(d - 55)
        default: return nil
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Parses an XML number (`-12`, `3.5`, `1.2E-5`, surrounding white space allowed) from bytes, exactly as
    /// `strtod` would; nil when it is not a number.
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var s = 0, e = bytes.count
        while s < e, isSpace(bytes[s]) { s += 1 }
        while e > s, isSpace(bytes[e - 1]) { e -= 1 }
        guard s < e else { return nil }
        // Fast path (Clinger): up to 15 significant digits and a small power of ten are exact in a Double.
        var i = s
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if bytes[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var sawDot = false, any = false
        while i < e {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                any = true
                if mantissa == 0 && b == 48 {
                    if sawDot { fractionDigits += 1 }
                } else {
                    mantissa = mantissa &* 10 &+ UInt64(b - 48)
                    digits += 1
                    if sawDot { fractionDigits += 1 }
                }
            } else if b == UInt8(ascii: "."), !sawDot {
                sawDot = true
            } else {
                break
            }
            i += 1
        }
        if any && digits <= 15 {
            var exponent = -fractionDigits
            var ok = true
            if i < e {
                if bytes[i] | 0x20 == UInt8(ascii: "e") {
                    i += 1
                    var eneg = false
                    if i < e, bytes[i] == UInt8(ascii: "-") { eneg = true; i += 1 } else if i < e, bytes[i] == UInt8(ascii: "+") { i += 1 }
                    var ev = 0, ed = 0
                    while i < e, bytes[i] >= 48, bytes[i] <= 57, ed < 6 { ev = ev * 10 + Int(bytes[i] - 48); ed += 1; i += 1 }
                    if ed == 0 || i != e { ok = false }
                    exponent += eneg ? -ev : ev
                } else {
                    ok = false
                }
            }
            if ok {
                let m = Double(mantissa)
                if exponent == 0 { return negative ? -m : m }
                if exponent < 0 && -exponent <= 22 {
                    let v = m / powersOfTen[-exponent]
                    return negative ? -v : v
                }
                if exponent > 0 && exponent <= 22 {
                    let v = m * powersOfTen[exponent]
                    return negative ? -v : v
                }
            }
        }
        // Slow path: strtod on a NUL-terminated copy.
        var tmp = [CChar](repeating: 0, count: e - s + 1)
        for k in s..<e { tmp[k - s] = CChar(bitPattern: bytes[k]) }
        return tmp.withUnsafeMutableBufferPointer { buf -> Double? in
            var endp: UnsafeMutablePointer<CChar>?
            let v = strtod(buf.baseAddress!, &endp)
            guard let endp, endp - buf.baseAddress! == e - s else { return nil }
            return v
        }
    }

    /// Parses a non-negative decimal integer (white space around allowed); nil when not one or too large.
    static func int(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var v = 0, any = false
        var i = 0
        let n = bytes.count
        while i < n, isSpace(bytes[i]) { i += 1 }
        while i < n, bytes[i] >= 48, bytes[i] <= 57 {
            v = v * 10 + Int(bytes[i] - 48)
            any = true
            if v > Int(Int32.max) { return nil }
            i += 1
        }
        while i < n, isSpace(bytes[i]) { i += 1 }
        return any && i == n ? v : nil
    }

    /// Parses `B7` / `$B$7` into 0-based (row, column) without bounds checks beyond overflow; nil if malformed.
    /// Either part may be missing (`B`, `7`): the missing part comes back as -1.
    static func reference(_ bytes: UnsafeRawBufferPointer) -> (row: Int, column: Int)? {
        var col = 0, row = 0, letters = 0, digits = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 4 else { return nil }
                col = col * 26 + Int((b | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 8 else { return nil }
                row = row * 10 + Int(b - 48)
                digits += 1
            default: return nil
            }
        }
        guard letters + digits > 0 else { return nil }
        return (digits > 0 ? row - 1 : -1, letters > 0 ? col - 1 : -1)
    }
}


/// Writing: SpreadsheetML's escape for characters XML 1.0 cannot hold (ECMA-376 Part 1 §22.9.2.19,
/// ST_Xstring): a control character becomes `_xHHHH_`, and an underscore that would otherwise start such a
/// sequence is itself written as `_x005F_`, so that readers decode the text back exactly.
extension XLSXText {
    /// Whether `s` needs the escape (most text does not, and is written as is).
    static func needsEscape(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            var previous: UInt8 = 0
            for b in u {
                // A carriage return is escaped too: XML parsers turn a literal CR into LF (XML 1.0 §2.11).
                if b < 0x20 && b != 0x09 && b != 0x0A { return true }
                if b == UInt8(ascii: "x") && previous == UInt8(ascii: "_") { return true }
                // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either.
                if b == 0xBF && previous == 0xBF { return true }
                previous = b
            }
            return false
        }
    }

    /// `s` with control characters and `_xHHHH_`-shaped text escaped.
    static func escape(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            let v = u.value
            if (v < 0x20 && v != 0x09 && v != 0x0A) || v == 0xFFFE || v == 0xFFFF {
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
        var s = s
        return s.withUTF8 { u in
            guard let first = u.first, let last = u.last else { return false }
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            return isSpace(first) || isSpace(last) || u.contains(0x0A)
        }
    }
}
