import Foundation

/// A calendar date with no time zone, written `YYYY-MM-DD` in JSON (MODEL.md § Document).
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date; nil when the fields do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let p = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        // Written digit by digit: `String(format:)` was a fifth of writing every sync base and date to the store.
        return String(unsafeUninitializedCapacity: 10) { b in
            ISODigits.put(year, 4, into: b, at: 0)
            b[4] = UInt8(ascii: "-")
            ISODigits.put(month, 2, into: b, at: 5)
            b[7] = UInt8(ascii: "-")
            ISODigits.put(day, 2, into: b, at: 8)
            return 10
        }
    }
    public var description: String { iso }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The date `n` days later (earlier when negative).
    public func adding(days n: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + n) }

    /// Days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// A wall-clock date and time with no zone, written `YYYY-MM-DDTHH:MM:SS` in JSON.
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var date: LocalDate
    /// Seconds since midnight, 0…86,399.
    public var secondOfDay: Int

    public init(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.date = date
        secondOfDay = max(0, min(86_399, hour * 3600 + minute * 60 + second))
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS]` (or a plain date, at midnight).
    public init?(iso: String) {
        let parts = iso.split(separator: "T")
        guard let first = parts.first, let d = LocalDate(iso: String(first)) else { return nil }
        if parts.count == 1 { self.init(date: d); return }
        let t = parts[1].split(separator: ":")
        guard parts.count == 2, t.count >= 2, let h = Int(t[0]), let m = Int(t[1]) else { return nil }
        let s = t.count > 2 ? Int(Double(t[2]) ?? -1) : 0
        guard (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s) else { return nil }
        self.init(date: d, hour: h, minute: m, second: s)
    }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { (secondOfDay / 60) % 60 }
    public var second: Int { secondOfDay % 60 }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var iso: String {
        guard (0...99).contains(hour), (0...99).contains(minute), (0...99).contains(second) else {
            return date.iso + String(format: "T%02d:%02d:%02d", hour, minute, second)
        }
        let time = String(unsafeUninitializedCapacity: 9) { b in
            b[0] = UInt8(ascii: "T")
            ISODigits.put(hour, 2, into: b, at: 1)
            b[3] = UInt8(ascii: ":")
            ISODigits.put(minute, 2, into: b, at: 4)
            b[6] = UInt8(ascii: ":")
            ISODigits.put(second, 2, into: b, at: 7)
            return 9
        }
        return date.iso + time
    }
    public var description: String { iso }

    /// Seconds since 1970-01-01T00:00:00.
    public var secondsSinceEpoch: Int { date.dayNumber * 86_400 + secondOfDay }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDateTime(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date-time: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// Zero-padded decimal digits written into a buffer (ISO dates and times).
enum ISODigits {
    /// Writes `value` (0 ≤ value < 10^width) as `width` digits at `offset`.
    static func put(_ value: Int, _ width: Int, into b: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var v = value
        for i in stride(from: offset + width - 1, through: offset, by: -1) {
            b[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
    }
}
