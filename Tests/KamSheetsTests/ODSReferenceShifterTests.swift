import Testing
@testable import KamSheets

@Suite struct ODSReferenceShifterTests {
    let insert = ODSReferenceShifter(shift: .insertRows(at: 4, count: 5), target: "Data")

    @Test("bracketed references in a formula move; other tables stay")
    func formula() {
        #expect(insert.shiftFormula("of:=SUM([.B2:.B10])+[Other.A10]+['Data'.$C$12]", home: "Data")
                == "of:=SUM([.B2:.B15])+[Other.A10]+['Data'.$C$17]")
    }

    @Test("cell-range addresses with the table named on both halves move")
    func address() {
        #expect(insert.shiftAddressList("Data.A1:Data.D20 Other.A5", home: nil) == "Data.A1:Data.D25 Other.A5")
        #expect(insert.shiftAddress("$Data.$A$5:.$B$6", home: nil) == "$Data.$A$10:.$B$11")
    }

    @Test("deleted cells drop out of address lists")
    func deletion() {
        let d = ODSReferenceShifter(shift: .deleteRows(at: 4, count: 2), target: "Data")
        #expect(d.shiftAddressList("Data.A5:Data.B6 Data.C10", home: nil) == "Data.C8")
    }
}
