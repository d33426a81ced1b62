import Foundation
import KamModel
import Testing

@Suite("ISO date text")
struct LocalDateTextTests {
    @Test("dates and date-times print as zero-padded ISO text, the same as printf would")
    func isoText() throws {
        for (y, m, d) in [(2024, 3, 5), (1, 1, 1), (999, 12, 31), (9999, 12, 31), (2000, 2, 29), (1970, 1, 1)] {
            let date = try #require(LocalDate(year: y, month: m, day: d))
            #expect(date.iso == String(format: "%04d-%02d-%02d", y, m, d))
            for (h, mi, s) in [(0, 0, 0), (9, 5, 7), (23, 59, 59)] {
                let t = LocalDateTime(date: date, hour: h, minute: mi, second: s)
                #expect(t.iso == String(format: "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, h, mi, s))
                #expect(LocalDateTime(iso: t.iso) == t)
            }
            #expect(LocalDate(iso: date.iso) == date)
        }
    }
}
