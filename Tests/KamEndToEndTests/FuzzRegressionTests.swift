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

/// The fuzz targets' smoke run in CI: every target on its seeds plus a few thousand mutations of them, drawn from a
/// fixed seed (`kam-fuzz TARGET --mutate N`), so the inputs are the same on every run; the long libFuzzer runs are
/// `scripts/fuzz.sh`.
@Suite struct FuzzSmokeTests {
    static let runs: [[String]] = {
        let fuzz = Fixtures.path("fuzz")
        let examples = Fixtures.example("")
        let sheets = ((try? FileManager.default.contentsOfDirectory(atPath: examples)) ?? []).sorted()
        let xlsx = sheets.filter { $0.hasSuffix(".xlsx") }.map { Fixtures.example($0) }
        let ods = sheets.filter { $0.hasSuffix(".ods") }.map { Fixtures.example($0) }
        return [
            ["xml", "--mutate", "40", fuzz + "/seeds"],
            ["xlsx-sheet", "--mutate", "20", fuzz + "/seeds"],
            ["ods-content", "--mutate", "20", fuzz + "/seeds"],
            ["xlsx", "--mutate", "200"] + xlsx,
            ["ods", "--mutate", "200"] + ods,
            ["mapping", "--mutate", "300", fuzz + "/mapping"],
            ["editor", "--mutate", "40", fuzz + "/mapping"],
        ]
    }()

    @Test("each fuzz target survives its seeds and their fixed-seed mutations", arguments: runs)
    func smoke(_ run: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: FuzzRegressionTests.driver) else {
            Issue.record("kam-fuzz was not built (swift build builds it)"); return
        }
        #expect(run.count > 3, "no seed inputs for \(run[0])")
        let r = try KamProcess.run(FuzzRegressionTests.driver, run, timeout: 600)
        #expect(r.status == 0, "\(run[0]): \(r.stderr.suffix(3000))")
        #expect(r.stdout.contains("mutations"), "\(r.stdout)")
    }
}
