import Foundation
@testable import KamSheets
import KamTestSupport
import Testing

@Suite("Scratch files in the temporary folder")
struct ScratchSweepTests {
    @Test("a dead kam's scratch files and folders are removed; a live one's, another host's and others' are kept")
    func sweep() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kam-sweep-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let host = TemporarySibling.hostTag, dead = try DeadProcess.pid(), me = getpid()
        let deadFolder = "kam-write-\(host)-\(dead)-abc123"
        let deadFile = "kam-ods-body-\(host)-\(dead)-\(UUID().uuidString).xml"
        let kept = ["kam-write-\(host)-\(me)-abc123", "kam-write-otherhost-\(dead)-abc123", "kam-write-abc123",
                    "kam-ods-body-\(host)-\(me)-x.xml", "report.xlsx"]
        try FileManager.default.createDirectory(atPath: dir + "/" + deadFolder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/" + deadFolder + "/sheet1.xml", contents: Data("x".utf8))
        _ = FileManager.default.createFile(atPath: dir + "/" + deadFile, contents: Data("x".utf8))
        for k in kept { _ = FileManager.default.createFile(atPath: dir + "/" + k, contents: Data("x".utf8)) }
        let removed = ScratchSweep.removeStale(in: dir, prefixes: ["kam-write-", "kam-ods-body-"])
        #expect(Set(removed.map { URL(fileURLWithPath: $0).lastPathComponent }) == [deadFolder, deadFile])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == Set(kept))
    }

    @Test("the scratch names of this process carry its host tag and PID")
    func names() {
        #expect(ScratchSweep.stem("kam-write-") == "kam-write-\(TemporarySibling.hostTag)-\(getpid())-")
    }
}
