import Foundation
import KamMapping

/// Keys that tie rows to customers when a sheet has no id column.
public enum CustomerKey {
    /// A customer name folded for matching: trimmed, half-width, Simplified Chinese, lower-case, no blanks.
    public static func normalizedName(_ name: String) -> String {
        let folded = ChineseScript.simplified(TextFolding.halfWidth(TextFolding.trim(name))).lowercased()
        guard folded.unicodeScalars.contains(where: TextFolding.isBlank) else { return folded }
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { !TextFolding.isBlank($0) }))
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
