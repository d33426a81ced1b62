/// What kam needs to know about number format codes (Excel syntax) to write them in XLSX and ODS.
enum NumberFormatCode {
    /// The number format a date/time value gets when its style has none, so that it shows as a date and not a
    /// bare serial number.
    enum Implicit: Int, Sendable {
        case none = 0, date, dateTime, time, duration

        /// The format code used.
        var code: String? {
            switch self {
            case .none: return nil
            case .date: return "yyyy-mm-dd"
            case .dateTime: return "yyyy-mm-dd hh:mm:ss"
            case .time: return "hh:mm:ss"
            case .duration: return "[h]:mm:ss"
            }
        }

        /// The implicit format a value needs.
        init(_ value: CellValue?) {
            switch value {
            case .date?: self = .date
            case .dateTime?: self = .dateTime
            case .time?: self = .time
            case .duration?: self = .duration
            default: self = .none
            }
        }
    }

    /// Whether `code` is the general format (no explicit format).
    static func isGeneral(_ code: String) -> Bool {
        code.isEmpty || code.caseInsensitiveCompare("General") == .orderedSame
    }

    /// The built-in XLSX `numFmtId` of a format code (ECMA-376 Part 1 §18.8.30), if it is one.
    static func builtinID(_ code: String) -> Int? {
        if isGeneral(code) { return 0 }
        return builtins[code]
    }

    private static let builtins: [String: Int] = [
        "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11, "# ?/?": 12,
        "# ??/??": 13, "mm-dd-yy": 14, "d-mmm-yy": 15, "d-mmm": 16, "mmm-yy": 17, "h:mm AM/PM": 18,
        "h:mm:ss AM/PM": 19, "h:mm": 20, "h:mm:ss": 21, "m/d/yy h:mm": 22, "#,##0 ;(#,##0)": 37,
        "#,##0 ;[Red](#,##0)": 38, "#,##0.00;(#,##0.00)": 39, "#,##0.00;[Red](#,##0.00)": 40, "mm:ss": 45,
        "[h]:mm:ss": 46, "mmss.0": 47, "##0.0E+0": 48, "@": 49,
    ]

    /// The format code of a built-in id, for the ids kam writes back.
    static func code(ofBuiltin id: Int) -> String? {
        builtins.first { $0.value == id }?.key
    }

    /// What kind of value a format displays, ignoring quoted text, escapes and `[…]` colour/locale sections
    /// (but noticing `[h]`, `[m]`, `[s]` elapsed-time sections).
    enum Kind: Equatable {
        case general, number, percent, scientific, text, date, dateTime, time, duration
    }

    /// The kind of the first section of `code`.
    static func kind(_ code: String) -> Kind {
        if isGeneral(code) { return .general }
        var hasDate = false, hasTime = false, hasElapsed = false, hasPercent = false, hasE = false, hasAt = false
        var inQuote = false, escaped = false, inBracket = false, bracket = ""
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    if ["h", "hh", "m", "mm", "s", "ss"].contains(bracket) { hasElapsed = true }
                } else { bracket.append(ch) }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "\\": escaped = true
            case "[": inBracket = true; bracket = ""
            case ";": break
            case "y", "d": hasDate = true
            case "h", "s": hasTime = true
            case "%": hasPercent = true
            case "e": hasE = true
            case "@": hasAt = true
            default: break
            }
            if ch == ";" { break }
        }
        if hasElapsed { return .duration }
        if hasDate && hasTime { return .dateTime }
        if hasDate { return .date }
        if hasTime { return .time }
        // `m` alone (mmm-yy has y): month names without a year or day are rare; treat bare m as minutes only
        // next to h/s, handled above, otherwise as a month (a date).
        if code.lowercased().contains("m") && !code.contains("0") && !code.contains("#") { return .date }
        if hasPercent { return .percent }
        if hasE && (code.contains("0") || code.contains("#")) { return .scientific }
        if hasAt { return .text }
        return .number
    }
}
