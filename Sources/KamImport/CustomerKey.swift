import Foundation
import KamMapping
import KamSheets

/// Keys that tie rows to customers when a sheet has no id column.
public enum CustomerKey {
    /// A customer name folded for matching: trimmed, half-width, Simplified Chinese, lower-case, no blanks.
    public static func normalizedName(_ name: String) -> String {
        if let key = plainKey(ChineseScript.simplified(name)) { return key }
        // Canonical composition, so that keys compared by their bytes (`nameKey`) match as `String`s would.
        let folded = ChineseScript.simplified(TextFolding.halfWidth(TextFolding.trim(name))).lowercased()
            .precomposedStringWithCanonicalMapping
        guard folded.unicodeScalars.contains(where: TextFolding.isBlank) else { return folded }
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { !TextFolding.isBlank($0) }))
    }

    /// `normalizedName` as a dictionary key compared by its bytes (the fast key for tables of many names).
    public static func nameKey(_ name: String) -> BytesKey {
        BytesKey(normalizedName(name))
    }

    /// The key of a name made only of ASCII and unified CJK ideographs (most names), which half-width folding
    /// and lower-casing leave alone but for ASCII letters: folded byte by byte, without `lowercased()`'s
    /// Unicode tables. Nil for any other text.
    static func plainKey(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var bytes = text.utf8.makeIterator()
        while let b = bytes.next() {
            switch b {
            case 0x41...0x5A: out.append(b | 0x20)
            case 0x20, 0x09...0x0D: continue
            case 0x00...0x7F: out.append(b)
            case 0xE3...0xE9:
                // A three-byte sequence; U+3400…U+4DBF and U+4E00…U+9FFF are unified ideographs.
                guard let b1 = bytes.next(), let b2 = bytes.next() else { return nil }
                let scalar = (UInt32(b & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F)
                guard (0x3400...0x4DBF).contains(scalar) || (0x4E00...0x9FFF).contains(scalar) else { return nil }
                out.append(b); out.append(b1); out.append(b2)
            default:
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A stable id made from a name (the same name always gives the same id): `N` + 12 hex digits of FNV-1a.
    public static func generatedID(name: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in normalizedName(name).utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        let hex = String(h & 0xFFFF_FFFF_FFFF, radix: 16, uppercase: true)
        return "N" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }
}
