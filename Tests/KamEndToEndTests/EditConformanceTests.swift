import Foundation
import KamTestSupport
import Testing

/// For every corpus file, setting one cell with `kam edit` changes exactly that cell as python-calamine, openpyxl
/// (XLSX) and LibreOffice see the file.
@Suite(.serialized) struct EditConformanceTests {
    @Test("one cell set in every corpus file; the other readers see only that change", .enabled(if: Corpus.isAvailable))
    func corpus() throws {
        let out = TemporaryDirectory()
        let script = Fixtures.packageRoot.appendingPathComponent("scripts/edit_check.py").path
        let r = try KamProcess.run("python3", [script, "--kam", KamProcess.binary, "--corpus", Corpus.directory ?? "",
                                               "--out", out.path, "--libreoffice"], timeout: 3000)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let summary = try #require(lines.last { $0.hasPrefix("edit: ") }, "no summary: \(r.stderr.suffix(500))")
        let failures = lines.filter { $0.hasPrefix("FAIL") }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
        #expect(summary.hasSuffix(", 0 failed"), "\(summary)")
        let passed = Int(summary.dropFirst("edit: ".count).split(separator: " ").first ?? "") ?? 0
        #expect(passed >= 110, "\(summary)")
        #expect(lines.contains { $0.hasPrefix("libreoffice: opened") }, "LibreOffice step ran")
    }
}
