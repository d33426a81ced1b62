/// Character-level folding shared by header recognition and value normalisers.
public enum TextFolding {
    /// Whether a scalar is whitespace a person would not notice: ASCII/Unicode spaces, U+3000, NBSP, zero-width
    /// characters and the BOM.
    public static func isBlank(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200D, 0x2028, 0x2029, 0x202F,
             0x205F, 0x2060, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// The text without leading and trailing blanks (also U+3000 and NBSP); inner characters are kept.
    public static func trim(_ text: String) -> String {
        let u = text.unicodeScalars
        // Most values have nothing to trim: look at the two ends before walking anything.
        guard let first = u.first, let last = u.last, isBlank(first) || isBlank(last) else { return text }
        var start = u.startIndex, end = u.endIndex
        while start < end, isBlank(u[start]) { start = u.index(after: start) }
        while end > start, isBlank(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(u[start..<end])
    }

    /// Full-width ASCII forms (U+FF01…U+FF5E) folded to ASCII, U+3000 to a space, and a few look-alike
    /// punctuation marks (、 excluded) to their ASCII forms.
    public static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { halfWidthForm($0.value) != $0.value }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(Unicode.Scalar(halfWidthForm(s.value)) ?? s) }
        return String(out)
    }

    private static func halfWidthForm(_ value: UInt32) -> UInt32 {
        // ASCII and most CJK text is unchanged: the common case costs one comparison.
        if value < 0x2010 { return value }
        var v = value
        switch v {
        case 0xFF01...0xFF5E: v -= 0xFEE0
        case 0x3000: v = 0x20
        case 0x3010, 0x3014, 0x3016: v = 0x28 // 【 〔 〖 → (
        case 0x3011, 0x3015, 0x3017: v = 0x29 // 】 〕 〗 → )
        case 0xFFE5: v = 0xA5 // ￥ → ¥
        case 0x2010...0x2015, 0x2212: v = 0x2D // dashes and minus → -
        default: break
        }
        return v
    }
}
