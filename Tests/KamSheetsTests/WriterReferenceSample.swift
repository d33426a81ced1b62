import KamSheets

/// The content of the LibreOffice reference files in `Tests/Fixtures/references/libreoffice/`.
enum WriterReferenceSample {
    static var workbook: Workbook {
        let day = CivilDateTime(year: 2024, month: 3, day: 5)
        let main = Sheet(name: "Data", cells: [
            Cell(row: 0, column: 0, value: .string("Title")),
            Cell(row: 1, column: 0, value: .string("name")), Cell(row: 1, column: 1, value: .string("amount")),
            Cell(row: 1, column: 2, value: .string("day")), Cell(row: 1, column: 3, value: .string("ok")),
            Cell(row: 2, column: 0, value: .string("Acme")), Cell(row: 2, column: 1, value: .number(1.5)),
            Cell(row: 2, column: 2, value: .date(day)), Cell(row: 2, column: 3, value: .bool(true)),
            Cell(row: 4, column: 1, value: .number(-42)),
        ], mergedRanges: [CellRange(a1: "A1:B1")!])
        let hidden = Sheet(name: "Hidden", visibility: .hidden, cells: [Cell(row: 0, column: 0, value: .string("x"))])
        return Workbook(sheets: [main, hidden])
    }
}
