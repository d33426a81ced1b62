import Foundation
import KamAnalytics
import KamModel
import Testing

@Suite struct MonthlyFiguresTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    @Test func monthsOfAPeriodIncludingEmptyOnesAndCutEnds() throws {
        let customers = [
            Customer(id: "A", name: "甲", transactions: [Transaction(date: Self.d("2024-01-31"), amount: 100),
                                                        Transaction(date: Self.d("2024-03-01"), amount: 50),
                                                        Transaction(date: Self.d("2024-03-20"), amount: 25)]),
            Customer(id: "B", name: "乙", transactions: [Transaction(date: Self.d("2024-03-02"), amount: 10),
                                                        Transaction(date: Self.d("2024-04-16"), amount: 999)]),
        ]
        let p = try #require(Period(start: Self.d("2024-01-15"), end: Self.d("2024-04-15")))
        let months = MonthFigures.months(customers, in: p)
        #expect(months.map(\.month) == ["2024-01", "2024-02", "2024-03", "2024-04"])
        #expect(months.map(\.revenue) == [100, 0, 85, 0], "April's sale is after the period's end")
        #expect(months.map(\.transactions) == [1, 0, 3, 0])
        #expect(months.map(\.customers) == [1, 0, 2, 0])
        #expect(months.first?.period.start == Self.d("2024-01-15") && months.last?.period.end == Self.d("2024-04-15"))
    }
}
