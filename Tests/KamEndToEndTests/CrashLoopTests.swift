import Foundation
import KamTestSupport
import Testing

/// SIGKILL at random moments during kam sync, fill, import and validate --annotate (scripts/crash_loop.py, 15
/// iterations per command here, 50 by the script's default): inputs byte-identical or fully replaced with a backup,
/// outputs absent or complete, the store sound and old-or-new, and a rerun reaches the unkilled run's state and
/// removes any hidden temporary file the kill left.
@Suite(.serialized) struct CrashLoopTests {
    @Test("random SIGKILLs lose nothing")
    func crashLoop() throws {
        guard KamProcess.has("python3") else { Issue.record("python3 is needed (scripts/test-tools.sh)"); return }
        let script = Fixtures.packageRoot.appendingPathComponent("scripts/crash_loop.py").path
        let r = try KamProcess.run("python3", [script, "-n", "15", "--seed", "7", "--kam", KamProcess.binary],
                                   timeout: 600)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let summaries = r.stdout.split(separator: "\n").filter { $0.contains("iterations") }
        #expect(summaries.count == 4, "\(r.stdout)")
        for line in summaries {
            #expect(line.hasSuffix(" 0 with loss"), "\(line)")
            #expect(line.contains(" 0 after the rerun,"), "stale temporaries remain: \(line)")
        }
    }
}
