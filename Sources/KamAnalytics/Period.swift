import Foundation
import KamModel

/// A span of days metrics are computed for, both ends included (`kam metrics --period`, `kam fill --period`).
public struct Period: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first day.
    public var start: LocalDate
    /// The last day (included).
    public var end: LocalDate

    /// Creates a period; nil when `end` is before `start`.
    public init?(start: LocalDate, end: LocalDate) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// A calendar year.
    public static func year(_ y: Int) -> Period? {
        guard let a = LocalDate(year: y, month: 1, day: 1), let b = LocalDate(year: y, month: 12, day: 31) else { return nil }
        return Period(start: a, end: b)
    }

    /// A calendar month.
    public static func month(_ y: Int, _ m: Int) -> Period? {
        guard let a = LocalDate(year: y, month: m, day: 1),
              let b = LocalDate(year: y, month: m, day: LocalDate.daysIn(month: m, year: y)) else { return nil }
        return Period(start: a, end: b)
    }

    /// A calendar quarter (1…4).
    public static func quarter(_ y: Int, _ q: Int) -> Period? {
        guard (1...4).contains(q), let a = month(y, q * 3 - 2), let b = month(y, q * 3) else { return nil }
        return Period(start: a.start, end: b.end)
    }

    /// Parses `2025`, `2025Q3` (or `2025-Q3`), `2025-03`, `2025-03-15`, or `FROM..TO` where FROM and TO are any of
    /// those (the period runs from the start of FROM to the end of TO).
    /// - Throws: `PeriodError` saying what could not be read.
    public static func parse(_ text: String) throws(PeriodError) -> Period {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let r = t.range(of: "..") {
            let a = String(t[..<r.lowerBound]), b = String(t[r.upperBound...])
            guard let from = single(a), let to = single(b) else { throw PeriodError(text: text) }
            guard let p = Period(start: from.start, end: to.end) else { throw PeriodError(text: text, reversed: true) }
            return p
        }
        guard let p = single(t) else { throw PeriodError(text: text) }
        return p
    }

    private static func single(_ raw: String) -> Period? {
        let s = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = { (x: Substring) -> Int? in x.allSatisfy(\.isASCII) ? Int(x) : nil }
        if s.count == 4, let y = digits(Substring(s)) { return year(y) }
        if let q = s.firstIndex(of: "Q") {
            var yText = s[..<q]
            if yText.hasSuffix("-") { yText = yText.dropLast() }
            guard yText.count == 4, let y = digits(yText), let n = digits(s[s.index(after: q)...]) else { return nil }
            return quarter(y, n)
        }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = digits(parts[0]), let m = digits(parts[1]) {
            return month(y, m)
        }
        if let d = LocalDate(iso: s) { return Period(start: d, end: d) }
        return nil
    }

    /// Whether a day falls inside the period.
    public func contains(_ d: LocalDate) -> Bool { start <= d && d <= end }

    /// Number of days, both ends counted.
    public var days: Int { end.dayNumber - start.dayNumber + 1 }

    /// Months in the period: whole calendar months when it starts on a 1st and ends on a month's last day, else
    /// days ÷ 30.436875 (the mean month).
    public var months: Decimal {
        let endsOnMonthEnd = end.day == LocalDate.daysIn(month: end.month, year: end.year)
        if start.day == 1 && endsOnMonthEnd {
            return Decimal((end.year * 12 + end.month) - (start.year * 12 + start.month) + 1)
        }
        return Decimal(days) / Decimal(string: "30.436875")!
    }

    /// Years in the period (months ÷ 12).
    public var years: Decimal { months / 12 }

    /// The period of the same length ending the day before this one starts (for growth figures).
    public var previous: Period {
        let endsOnMonthEnd = end.day == LocalDate.daysIn(month: end.month, year: end.year)
        if start.day == 1 && endsOnMonthEnd {
            let n = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
            let s = start.addingMonths(-n)
            return Period(start: s, end: start.adding(days: -1)) ?? self
        }
        return Period(start: start.adding(days: -days), end: start.adding(days: -1)) ?? self
    }

    /// `2025-01-01..2025-12-31`.
    public var description: String { "\(start.iso)..\(end.iso)" }
}

/// A `--period` text that is not a period.
public struct PeriodError: Error, Sendable, Hashable {
    /// The text as given.
    public var text: String
    /// True when both ends parse but TO is before FROM.
    public var reversed = false
}

extension LocalDate {
    /// The same day `n` months later (earlier when negative), clamped to the month's last day.
    public func addingMonths(_ n: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + n
        let y = total / 12, m = total % 12 + 1
        let d = Swift.min(day, LocalDate.daysIn(month: m, year: y))
        return LocalDate(year: y, month: m, day: d) ?? self
    }
}
