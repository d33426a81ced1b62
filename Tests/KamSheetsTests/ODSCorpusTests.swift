import Foundation
import Testing
import KamSheets

/// Every ODS file of the shared corpus against its expected/<file>.json, compared as corpus/README.md says:
/// the same sheets (names, order, visibility) and exactly the same non-empty cells; numbers within a relative
/// 1e-9, dates and times as parsed values to the microsecond, strings and errors exact after CR LF → LF.
@Suite("ODS corpus conformance")
struct ODSCorpusTests {
    static var files: [String] {
        let dir = ODSFixture.corpus + "/ods"
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".ods") }.sorted()
    }

    @Test func corpusIsPresent() {
        #expect(Self.files.count == 30, "corpus not found at \(ODSFixture.corpus)")
    }

    @Test(arguments: files)
    func conforms(_ name: String) throws {
        let expectedURL = URL(fileURLWithPath: ODSFixture.corpus + "/expected/" + name + ".json")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
        let path = ODSFixture.corpus + "/ods/" + name
        if expected["expect_error"] != nil {
            #expect(throws: SpreadsheetError.self) {
                let reader = try Workbooks.open(path)
                for i in reader.sheets.indices { _ = try reader.readSheet(i) }
            }
            return
        }
        let sheets = try #require(expected["sheets"] as? [[String: Any]])
        let reader = try Workbooks.open(path)
        #expect(reader.sheets.map(\.name) == sheets.map { $0["name"] as? String ?? "" })
        guard reader.sheets.count == sheets.count else { return }
        for (i, want) in sheets.enumerated() {
            let sheetName = reader.sheets[i].name
            #expect(reader.sheets[i].visibility.rawValue == want["visible"] as? String, "\(sheetName) visibility")
            let wantCells = want["cells"] as? [String: [String: Any]] ?? [:]
            var got: [String: CellValue] = [:]
            var cursor = try reader.cursor(sheet: i)
            while let c = try cursor.next() {
                guard let v = c.value else { continue }
                if case .string(let s) = v, s.isEmpty { continue }
                got[c.reference.a1] = v
            }
            #expect(Set(got.keys) == Set(wantCells.keys), "\(name) \(sheetName): cell sets differ")
            for (a1, w) in wantCells {
                guard let g = got[a1] else { continue }
                #expect(Self.matches(g, w), "\(name) \(sheetName)!\(a1): want \(w), got \(g.typeName) \(g.text)")
            }
        }
    }

    static func matches(_ got: CellValue, _ want: [String: Any]) -> Bool {
        guard let type = want["type"] as? String, type == got.typeName else { return false }
        switch got {
        case .number(let a):
            guard let b = (want["value"] as? NSNumber)?.doubleValue else { return false }
            return a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
        case .bool(let a):
            return (want["value"] as? Bool) == a
        case .string(let a), .error(let a):
            guard let b = want["value"] as? String else { return false }
            return a.replacingOccurrences(of: "\r\n", with: "\n") == b.replacingOccurrences(of: "\r\n", with: "\n")
        case .date(let t), .dateTime(let t), .time(let t):
            guard let b = want["value"] as? String, let w = temporal(b) else { return false }
            return t == w
        case .duration(let s):
            guard let b = want["value"] as? String, let w = duration(b) else { return false }
            return Int64((s * 1_000_000).rounded()) == w
        }
    }

    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.f]` or `HH:MM:SS[.f]` (date fields zero).
    static func temporal(_ s: String) -> CivilDateTime? {
        var t = CivilDateTime(year: 0, month: 0, day: 0)
        var timePart = Substring(s)
        if s.count >= 10, s.dropFirst(4).first == "-" {
            let d = s.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard d.count == 3 else { return nil }
            t.year = d[0]; t.month = d[1]; t.day = d[2]
            timePart = s.dropFirst(10)
            if timePart.isEmpty { return t }
            guard timePart.first == "T" else { return nil }
            timePart = timePart.dropFirst()
        }
        let hms = timePart.split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let m = Int(hms[1]) else { return nil }
        let secParts = hms[2].split(separator: ".", omittingEmptySubsequences: false)
        guard let sec = Int(secParts[0]) else { return nil }
        t.hour = h; t.minute = m; t.second = sec
        if secParts.count == 2 {
            let frac = String(secParts[1].prefix(6))
            t.microsecond = (Int(frac) ?? 0) * Int(pow(10.0, Double(6 - frac.count)))
        }
        return t
    }

    /// `[-]PT<h>H<m>M<s>S` → microseconds.
    static func duration(_ s: String) -> Int64? {
        var rest = Substring(s)
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        guard rest.hasPrefix("PT"), rest.hasSuffix("S") else { return nil }
        rest = rest.dropFirst(2).dropLast()
        let h = rest.split(separator: "H"), hours = Int64(h.first ?? "") ?? -1
        guard h.count == 2, hours >= 0 else { return nil }
        let m = h[1].split(separator: "M")
        guard m.count == 2, let minutes = Int64(m[0]), let seconds = Double(m[1]) else { return nil }
        let us = hours * 3_600_000_000 + minutes * 60_000_000 + Int64((seconds * 1_000_000).rounded())
        return negative ? -us : us
    }
}
