import KamSheets

/// The workbook the writer tests write: every value kind, styles, merges, hidden sheets, panes, widths.
enum WriterSample {
    static let bold = 1, percent = 2, money = 3

    static var workbook: Workbook {
        let styles = [
            CellStyle(),
            CellStyle(font: .init(bold: true), fill: .init(color: "FFEE00"),
                      border: .init(bottom: .init(weight: .thin)), alignment: .init(horizontal: .center)),
            CellStyle(numberFormat: "0.00%"),
            CellStyle(numberFormat: "#,##0.00"),
        ]
        let day = CivilDateTime(year: 2024, month: 3, day: 5)
        let moment = CivilDateTime(year: 2024, month: 3, day: 5, hour: 10, minute: 30)
        let clock = CivilDateTime(year: 0, month: 0, day: 0, hour: 8, minute: 15)
        var main = Sheet(name: "客户", mergedRanges: [CellRange(a1: "A1:C1")!], columnWidths: [0: 20, 1: 12],
                         rowHeights: [0: 24], hiddenColumns: [7], hiddenRows: [5],
                         frozen: FrozenPanes(rows: 2, columns: 0))
        main.cells = [
            Cell(row: 0, column: 0, value: .string("客户清单"), style: bold),
            Cell(row: 1, column: 0, value: .string("名称")), Cell(row: 1, column: 1, value: .string("金额")),
            Cell(row: 1, column: 2, value: .string("日期")), Cell(row: 1, column: 3, value: .string("时刻")),
            Cell(row: 1, column: 4, value: .string("有效")), Cell(row: 1, column: 5, value: .string("时长")),
            Cell(row: 1, column: 6, value: .string("错误")), Cell(row: 1, column: 7, value: .string("公式")),
            Cell(row: 2, column: 0, value: .string("Acme  Corp")),
            Cell(row: 2, column: 1, value: .number(1234.5), style: money),
            Cell(row: 2, column: 2, value: .date(day)),
            Cell(row: 2, column: 3, value: .dateTime(moment)),
            Cell(row: 2, column: 4, value: .bool(true)),
            Cell(row: 2, column: 5, value: .duration(90_000)),
            Cell(row: 2, column: 6, value: .error("#N/A")),
            Cell(row: 2, column: 7, value: .number(2469), formula: "B3*2"),
            Cell(row: 3, column: 0, value: .string("ctrl\u{1}_x0041_")),
            Cell(row: 3, column: 1, value: .number(0.125), style: percent),
            Cell(row: 3, column: 2, value: .time(clock)),
            Cell(row: 3, column: 4, value: .bool(false)),
            Cell(row: 6, column: 0, value: .string("第二行\n换行")),
        ]
        let hidden = Sheet(name: "Hidden", visibility: .hidden, cells: [Cell(row: 0, column: 0, value: .string("secret"))])
        let veryHidden = Sheet(name: "VeryHidden", visibility: .veryHidden,
                               cells: [Cell(row: 0, column: 0, value: .number(1))])
        return Workbook(sheets: [main, hidden, veryHidden], styles: styles,
                        definedNames: [DefinedName(name: "Customers", formula: "'客户'!$A$2:$H$4")])
    }
}
