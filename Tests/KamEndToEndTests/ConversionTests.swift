import Foundation
import KamTestSupport
import Testing

/// Every corpus file converted to both formats by kam reads back — with kam, python-calamine, openpyxl (XLSX) and
/// LibreOffice — with the source's values, except what the target format cannot hold (docs/formats.md).
@Suite(.serialized) struct ConversionTests {
    @Test("kam convert round-trips the corpus through XLSX and ODS", .enabled(if: Corpus.isAvailable))
    func corpus() throws {
        let out = TemporaryDirectory()
        let script = Fixtures.packageRoot.appendingPathComponent("scripts/convert_check.py").path
        let r = try KamProcess.run("python3", [script, "--kam", KamProcess.binary, "--corpus", Corpus.directory ?? "",
                                               "--out", out.path, "--libreoffice"], timeout: 3000)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let summary = try #require(lines.last { $0.hasPrefix("convert: ") }, "no summary: \(r.stderr.suffix(500))")
        let failures = lines.filter { $0.hasPrefix("FAIL") }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
        #expect(summary.hasSuffix(", 0 failed"), "\(summary)")
        let passed = Int(summary.dropFirst("convert: ".count).split(separator: " ").first ?? "") ?? 0
        #expect(passed >= 230, "\(summary)")
        #expect(lines.contains { $0.hasPrefix("libreoffice: opened") && $0.contains(", 0 not;") }, "LibreOffice opened every file")
    }
}
