import KamModel
import KamSheets

/// Reads dates and date-times (MODEL.md "Normalising values"): date cells; serial numbers in date-formatted cells;
/// text `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日`, `20240305`, with an optional time `14:30[:00]`;
/// `3/5/2024` only month-first when the profile says so — otherwise, when both readings are real dates, the text
/// is ambiguous and reported, never guessed. (When only one reading is a real date, e.g. `3/18/2024` or
/// `18/3/2024`, that reading is taken.)
public struct DateNormalizer: Sendable {
    /// Read `D/D/YYYY` month first.
    public var monthFirst: Bool
    /// The workbook's date system, for serial numbers.
    public var dateSystem: SpreadsheetDate.System

    public init(monthFirst: Bool = false, dateSystem: SpreadsheetDate.System = .from1900) {
        self.monthFirst = monthFirst
        self.dateSystem = dateSystem
    }

    /// A date (any time of day dropped).
    public func date(_ value: CellValue?, numberFormat: String? = nil) -> Normalized<LocalDate> {
        dateTime(value, numberFormat: numberFormat).map(\.date)
    }

    /// A date-time (a date alone is at midnight).
    public func dateTime(_ value: CellValue?, numberFormat: String? = nil) -> Normalized<LocalDateTime> {
        guard let value else { return .empty }
        let original = value.text
        switch value {
        case .date(let c), .dateTime(let c):
            return Self.make(c.year, c.month, c.day, c.hour, c.minute, c.second).map { .value($0) }
                ?? .invalid(ValueIssue(.invalidDate, original: original, reason: "not a real date"))
        case .number(let n):
            if let f = numberFormat, NumberFormats.isDateOrTime(f) {
                guard let c = SpreadsheetDate.civil(serial: n, system: dateSystem),
                      let d = Self.make(c.year, c.month, c.day, c.hour, c.minute, c.second) else {
                    return .invalid(ValueIssue(.invalidDate, original: original, reason: "serial out of range"))
                }
                return .value(d)
            }
            // `20240305` typed as a number.
            if n == n.rounded(), n >= 1_000_01_01, n <= 9999_12_31 { return parse(NumberText.format(n)) }
            return .invalid(ValueIssue(.invalidDate, original: original, reason: "a number, not a date"))
        case .string(let s):
            return parse(s)
        case .time, .duration, .bool, .error:
            return .invalid(ValueIssue(.invalidDate, original: original, reason: "not a date"))
        }
    }

    /// Parses date text.
    public func parse(_ text: String) -> Normalized<LocalDateTime> {
        let trimmed = TextFolding.trim(text)
        if trimmed.isEmpty { return .empty }
        let invalid = Normalized<LocalDateTime>.invalid(ValueIssue(.invalidDate, original: trimmed,
                                                                   reason: "not a date"))
        var s = TextFolding.halfWidth(trimmed).lowercased()
        var pm = false, am = false
        // Plain `2024-03-05 10:30` (the common case) has nothing to replace; Foundation's search is costly per cell.
        let plain = s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2F || $0 == 0x2E
            || $0 == 0x3A || $0 == 0x20 }
        if !plain {
            for (word, isPM) in [("下午", true), ("晚上", true), ("pm", true), ("上午", false), ("早上", false), ("am", false)]
            where s.contains(word) {
                s = s.replacingOccurrences(of: word, with: " ")
                if isPM { pm = true } else { am = true }
            }
            // One pass over the scalars: each marker is one character and no replacement makes another marker.
            var mapped = String.UnicodeScalarView()
            for u in s.unicodeScalars {
                switch u {
                case "年", "月": mapped.append("-")
                case "日", "号", "t": mapped.append(" ")
                case "时", "点", "分": mapped.append(":")
                case "秒": continue
                default: mapped.append(u)
                }
            }
            s = String(mapped)
        }
        let parts = s.split(separator: " ", omittingEmptySubsequences: true)
        guard let datePart = parts.first, parts.count <= 2 else { return invalid }
        // Date.
        var readings: [(Int, Int, Int)] = []
        let comps = datePart.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
            .map(String.init)
        guard comps.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return invalid }
        if comps.count == 1, comps[0].count == 8, let y = Int(comps[0].prefix(4)),
           let m = Int(comps[0].dropFirst(4).prefix(2)), let d = Int(comps[0].suffix(2)) {
            readings = [(y, m, d)]
        } else if comps.count == 3, let a = Int(comps[0]), let b = Int(comps[1]), let c = Int(comps[2]) {
            if comps[0].count == 4 {
                readings = [(a, b, c)]
            } else if comps[2].count == 4 {
                if monthFirst {
                    readings = [(c, a, b)]
                } else {
                    let md = Self.make(c, a, b) != nil, dm = Self.make(c, b, a) != nil
                    if a == b || (md && !dm) { readings = [(c, a, b)] }
                    else if dm && !md { readings = [(c, b, a)] }
                    else if md && dm { readings = [(c, a, b), (c, b, a)] }
                    else { readings = [(c, a, b)] } // neither is real: reported as invalid below
                }
            } else {
                return invalid // two-digit years read too many ways
            }
        } else {
            return invalid
        }
        // Time.
        var hour = 0, minute = 0, second = 0
        if parts.count == 2 {
            let t = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let fields = t.last == "" ? Array(t.dropLast()) : t
            guard (1...3).contains(fields.count), let h = Int(fields[0]) else { return invalid }
            hour = h
            if fields.count > 1 { guard let m = Int(fields[1]) else { return invalid }; minute = m }
            if fields.count > 2 { guard let sec = Double(fields[2]) else { return invalid }; second = Int(sec) }
            if pm, hour < 12 { hour += 12 }
            if am, hour == 12 { hour = 0 }
        }
        let values = readings.compactMap { Self.make($0.0, $0.1, $0.2, hour, minute, second) }
        if values.count == readings.count, values.count == 2 {
            return .ambiguous(values, ValueIssue(.ambiguousDate, original: trimmed,
                                                 reason: "reads as \(values[0].date.iso) or \(values[1].date.iso)"))
        }
        guard values.count == 1, let v = values.first else { return invalid }
        return .value(v)
    }

    static func make(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> LocalDateTime? {
        guard (0..<24).contains(h), (0..<60).contains(mi), (0..<60).contains(s),
              let date = LocalDate(year: y, month: m, day: d) else { return nil }
        return LocalDateTime(date: date, hour: h, minute: mi, second: s)
    }
}

/// Facts about number format codes.
public enum NumberFormats {
    /// Whether a format code shows a date or time (`yyyy-mm-dd`, `m/d/yyyy`, `h:mm`), ignoring quoted text,
    /// escapes and `[...]` sections other than elapsed-time ones.
    public static func isDateOrTime(_ code: String) -> Bool {
        let c = stripLiterals(code)
        return c.contains("y") || c.contains("d") || c.contains("h") || c.contains("s") && c.contains(":")
    }

    /// Whether a format code shows a percentage (`0%`, `0.00%`).
    public static func isPercent(_ code: String) -> Bool { stripLiterals(code).contains("%") }

    private static func stripLiterals(_ code: String) -> String {
        var out = ""
        var inQuote = false, inBracket = false, escape = false
        for ch in code.lowercased() {
            if escape { escape = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escape = true
            default: out.append(ch)
            }
        }
        if out == "general" { return "" }
        return out
    }
}
