import Testing
@testable import KamSheets

@Suite struct FormulaReferenceShifterTests {
    let insert = FormulaReferenceShifter(shift: .insertRows(at: 4, count: 5), target: "Data")   // before row 5
    let delete = FormulaReferenceShifter(shift: .deleteRows(at: 4, count: 2), target: "Data")   // rows 5–6

    @Test("inserting rows inside a range grows it; references past the point move")
    func insertGrows() {
        #expect(insert.shiftFormula("SUM(B2:B10)+B4+$C$12", home: "Data") == "SUM(B2:B15)+B4+$C$17")
    }

    @Test("a range ending just above the insertion point does not grow")
    func insertBelow() {
        #expect(insert.shiftFormula("SUM(B2:B4)", home: "Data") == "SUM(B2:B4)")
    }

    @Test("only references to the shifted sheet move")
    func otherSheets() {
        #expect(insert.shiftFormula("Data!A10+Other!A10+'Data'!B9+A10", home: "Other") == "Data!A15+Other!A10+'Data'!B14+A10")
    }

    @Test("strings, functions and structured references are left alone")
    func untouched() {
        #expect(insert.shiftFormula(#"IF(A10="A10",LOG10(A10),Table1[A10])"#, home: "Data")
                == #"IF(A15="A10",LOG10(A15),Table1[A10])"#)
    }

    @Test("deleting rows shrinks ranges and turns deleted cells into #REF!")
    func deletion() {
        #expect(delete.shiftFormula("SUM(A2:A10)+A5+A8", home: "Data") == "SUM(A2:A8)+#REF!+A6")
        #expect(delete.shiftFormula("SUM(A5:A6)", home: "Data") == "SUM(#REF!)")
    }

    @Test("whole-column references do not move with rows; whole-row references do")
    func wholeRowsColumns() {
        #expect(insert.shiftFormula("SUM(A:A)+SUM(5:7)", home: "Data") == "SUM(A:A)+SUM(10:12)")
    }

    @Test("range lists (sqref) move and drop deleted parts")
    func rangeLists() {
        #expect(delete.shiftRangeList("A5:B6 C10") == "C8")
        #expect(insert.shiftRangeList("A1:D20") == "A1:D25")
    }

    @Test("columns shift the same way")
    func columns() {
        let s = FormulaReferenceShifter(shift: .insertColumns(at: 1, count: 2), target: "客户")
        #expect(s.shiftFormula("客户!A1+客户!B1+SUM(客户!A1:C1)", home: "x") == "客户!A1+客户!D1+SUM(客户!A1:E1)")
    }
}
