import Foundation
import KamSheets
import KamTestSupport
import Testing

/// Files kam writes, read back by other programs: python-calamine, openpyxl, LibreOffice.
@Suite("Writer read-back")
struct WriterReadBackTests {
    /// Runs the python helper on `path` and decodes its JSON.
    static func readBack(_ path: String) throws -> [String: Any] {
        let script = PackagePaths.fixture("scripts/read_workbook.py")
        let out = try ExternalTool.run("python3", [script, path], install: "python3 with openpyxl and python-calamine")
        guard out.status == 0 else {
            throw ExternalTool.Missing(description: "read_workbook.py failed (\(out.status)): \(out.stderr)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8))
        return json as? [String: Any] ?? [:]
    }

    static func sheets(_ reader: Any?) -> [[String: Any]] {
        ((reader as? [String: Any])?["sheets"] as? [[String: Any]]) ?? []
    }

    static func rows(_ sheet: [String: Any]) -> [[Any]] { sheet["rows"] as? [[Any]] ?? [] }

    @Test("calamine and openpyxl read the XLSX values, hidden sheets and merges back")
    func xlsxReadBack() throws {
        let folder = try ScratchFolder()
        let path = folder.file("sample.xlsx")
        try WorkbookWriter.write(WriterSample.workbook, to: path)
        let json = try Self.readBack(path)

        let calamine = Self.sheets(json["calamine"])
        #expect(calamine.map { $0["name"] as? String } == ["客户", "Hidden", "VeryHidden"])
        #expect(calamine.map { $0["visible"] as? String }
                == ["SheetVisibleEnum.Visible", "SheetVisibleEnum.Hidden", "SheetVisibleEnum.VeryHidden"])
        let rows = Self.rows(calamine[0])
        #expect(rows[0][0] as? String == "客户清单")
        #expect(rows[2][0] as? String == "Acme  Corp")
        #expect(rows[2][1] as? Double == 1234.5)
        #expect(rows[2][2] as? String == "date:2024-03-05")
        #expect(rows[2][3] as? String == "datetime:2024-03-05T10:30:00")
        #expect(rows[2][4] as? Bool == true)
        #expect(rows[2][5] as? String == "duration:90000")
        #expect(rows[2][7] as? Double == 2469)
        #expect(rows[3][0] as? String == "ctrl\u{1}_x0041_")
        #expect(rows[3][1] as? Double == 0.125)
        #expect(rows[3][2] as? String == "time:08:15:00")
        #expect(rows[3][4] as? Bool == false)
        #expect(rows[6][0] as? String == "第二行\n换行")

        let openpyxl = Self.sheets(json["openpyxl"])
        #expect(openpyxl.map { $0["state"] as? String } == ["visible", "hidden", "veryHidden"])
        #expect(openpyxl[0]["merges"] as? [String] == ["A1:C1"])
        #expect(openpyxl[0]["freeze"] as? String == "A3")
        #expect(openpyxl[0]["hiddenRows"] as? [Int] == [6])
        #expect(openpyxl[0]["hiddenColumns"] as? [String] == ["H"])
        let formats = openpyxl[0]["formats"] as? [String: String] ?? [:]
        #expect(formats["C3"] == "yyyy-mm-dd")
        #expect(formats["F3"] == "[h]:mm:ss")
        #expect(formats["B4"] == "0.00%")
        let values = Self.rows(openpyxl[0])
        #expect(values[2][6] as? String == "#N/A")
        #expect(values[2][7] as? String == "=B3*2")
        #expect((json["openpyxl"] as? [String: Any])?["definedNames"] as? [String] == ["Customers"])
        #expect(Self.rows(openpyxl[1])[0][0] as? String == "secret")
    }

    @Test("the 1904 date system is declared and dates still read back as the same days")
    func xlsx1904() throws {
        let folder = try ScratchFolder()
        let path = folder.file("d1904.xlsx")
        let day = CivilDateTime(year: 2024, month: 3, day: 5)
        let workbook = Workbook(sheets: [Sheet(name: "S", cells: [Cell(row: 0, column: 0, value: .date(day))])],
                                dateSystem: .from1904)
        try WorkbookWriter.write(workbook, to: path)
        let json = try Self.readBack(path)
        #expect((json["openpyxl"] as? [String: Any])?["date1904"] as? Bool == true)
        #expect(Self.rows(Self.sheets(json["calamine"])[0])[0][0] as? String == "date:2024-03-05")
    }

    @Test("calamine reads the ODS values and hidden sheets back")
    func odsReadBack() throws {
        let folder = try ScratchFolder()
        let path = folder.file("sample.ods")
        try WorkbookWriter.write(WriterSample.workbook, to: path)
        let json = try Self.readBack(path)
        let calamine = Self.sheets(json["calamine"])
        #expect(calamine.map { $0["name"] as? String } == ["客户", "Hidden", "VeryHidden"])
        // ODS has no "very hidden": both are hidden.
        #expect(calamine.map { $0["visible"] as? String }
                == ["SheetVisibleEnum.Visible", "SheetVisibleEnum.Hidden", "SheetVisibleEnum.Hidden"])
        let rows = Self.rows(calamine[0])
        #expect(rows[0][0] as? String == "客户清单")
        #expect(rows[2][0] as? String == "Acme  Corp")
        #expect(rows[2][1] as? Double == 1234.5)
        #expect(rows[2][2] as? String == "date:2024-03-05")
        #expect(rows[2][3] as? String == "datetime:2024-03-05T10:30:00")
        #expect(rows[2][4] as? Bool == true)
        // calamine reports an ODS time value past 24 h as its ISO duration text.
        #expect(rows[2][5] as? String == "PT25H0M0S")
        #expect(rows[2][6] as? String == "#N/A")
        #expect(rows[2][7] as? Double == 2469)
        #expect(rows[3][1] as? Double == 0.125)
        #expect(rows[3][2] as? String == "time:08:15:00")
        #expect(rows[6][0] as? String == "第二行\n换行")
    }

    @Test("LibreOffice converts kam's XLSX and ODS to CSV with the same values", arguments: ["xlsx", "ods"])
    func libreOfficeCSV(format: String) throws {
        let folder = try ScratchFolder()
        let path = folder.file("sample.\(format)")
        try WorkbookWriter.write(WriterSample.workbook, to: path)
        let out = try ExternalTool.run(
            "soffice", ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", "--outdir",
                        folder.path, path], install: "LibreOffice (soffice)")
        #expect(out.status == 0, "soffice: \(out.stderr)")
        let csv = try String(contentsOfFile: folder.file("sample.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("客户清单"))
        // Raw values (not "as shown"): LibreOffice still renders dates, times, percentages by their format.
        #expect(lines[2] == "Acme  Corp,1234.5,2024-03-05,2024-03-05 10:30:00,TRUE,25:00:00,#N/A,2469")
        #expect(lines[3].contains("_x0041_,12.5%,08:15:00"))
        #expect(lines[3].hasSuffix(",FALSE,,,"))
    }
}
