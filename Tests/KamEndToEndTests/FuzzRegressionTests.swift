import Foundation
import KamTestSupport
import Testing

/// Replays every kept fuzz input (Tests/Fixtures/fuzz/TARGET/, and the seeds through the part-level targets)
/// through the ordinary build's `kam-fuzz`: each once crashed kam or seeds the fuzzers, and must run clean now.
@Suite struct FuzzRegressionTests {
    static var driver: String {
        URL(fileURLWithPath: KamProcess.binary).deletingLastPathComponent().appendingPathComponent("kam-fuzz").path
    }

    static let runs: [[String]] = {
        let root = Fixtures.path("fuzz")
        var out: [[String]] = [["xml", root + "/seeds"], ["xlsx-sheet", root + "/seeds"], ["ods-content", root + "/seeds"]]
        for t in ["xlsx", "xlsx-sheet", "ods", "ods-content", "xml", "mapping", "editor"]
        where FileManager.default.fileExists(atPath: root + "/" + t) {
            out.append([t, root + "/" + t])
        }
        return out
    }()

    @Test("kept fuzz inputs replay without a crash", arguments: runs)
    func replay(_ run: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.driver) else {
            Issue.record("kam-fuzz was not built (swift build builds it)"); return
        }
        let r = try KamProcess.run(Self.driver, run, timeout: 300)
        #expect(r.status == 0, "\(run[0]): \(r.stderr.suffix(3000))")
        #expect(r.stdout.contains("replayed"))
    }
}
