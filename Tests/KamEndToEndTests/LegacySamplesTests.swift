import Foundation
import Testing

/// Runs scripts/score_legacy.sh on ../shared/samples/legacy and holds kam to the thresholds of the legacy task,
/// and checks that spreadsheet imports are idempotent and all-or-nothing.
@Suite("Legacy spreadsheets, end to end")
struct LegacySamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = WorkspaceCommandsTests.samples
    static var available: Bool {
        let ok = FileManager.default.fileExists(atPath: samples.appendingPathComponent("check_legacy.py").path)
        if !ok { print("◇ skipping legacy sample tests: \(samples.path) is absent") }
        return ok
    }
    static var sampleFile: URL { samples.appendingPathComponent("2024年华东区客户台账.xlsx") }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kam-legacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func customerCount(_ dir: URL) throws -> Int {
        let r = try WorkspaceCommandsTests.run(["export", "--json"], in: dir)
        let doc = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        return (doc?["customers"] as? [Any])?.count ?? -1
    }

    @Test(.enabled(if: available)) func scoresMeetTheThresholds() throws {
        let kam = try #require(WorkspaceCommandsTests.kamURL, "build kam first")
        let results = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: results) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [Self.root.appendingPathComponent("scripts/score_legacy.sh").path, Self.samples.path, results.path]
        var env = ProcessInfo.processInfo.environment
        env["KAM"] = kam.path
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let last = try #require(text.split(separator: "\n").last { $0.hasPrefix("legacy:") }, "no score line:\n\(text)")
        var scores: [String: Double] = [:]
        for part in last.dropFirst("legacy:".count).split(separator: " ") {
            let kv = part.split(separator: "=")
            if kv.count == 2 { scores[String(kv[0])] = Double(kv[1]) }
        }
        #expect((scores["accuracy"] ?? 0) >= 0.97, "\(last)")
        #expect((scores["recall"] ?? 0) >= 0.95, "\(last)")
        #expect((scores["precision"] ?? 0) >= 0.95, "\(last)")
        #expect(text.contains("spurious customers: 0"), "\(text)")
    }

    @Test(.enabled(if: available)) func importingTwiceKeepsTheCustomerCount() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try WorkspaceCommandsTests.run(["init", "."], in: dir).status == 0)
        #expect(try WorkspaceCommandsTests.run(["import", Self.sampleFile.path], in: dir).status == 0)
        let first = try Self.customerCount(dir)
        let exported = try WorkspaceCommandsTests.run(["export", "--json"], in: dir).stdout
        #expect(first > 0)
        #expect(try WorkspaceCommandsTests.run(["import", Self.sampleFile.path], in: dir).status == 0)
        #expect(try Self.customerCount(dir) == first)
        #expect(try WorkspaceCommandsTests.run(["export", "--json"], in: dir).stdout == exported)
    }

    @Test(.enabled(if: available)) func aFailingImportLeavesTheStoreUnchanged() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try WorkspaceCommandsTests.run(["init", "."], in: dir).status == 0)
        let corrupt = dir.appendingPathComponent("broken.xlsx")
        try Data("PK\u{3}\u{4} not really a workbook".utf8).write(to: corrupt)
        let before = try WorkspaceCommandsTests.run(["export", "--json"], in: dir).stdout
        // A good file followed by a corrupt one: nothing of either is written.
        let r = try WorkspaceCommandsTests.run(["import", Self.sampleFile.path, corrupt.path], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("broken.xlsx"))
        #expect(try WorkspaceCommandsTests.run(["export", "--json"], in: dir).stdout == before)
    }

    @Test(.enabled(if: available)) func validateExitsOneOnErrorsAndWritesTheReport() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try WorkspaceCommandsTests.run(["validate", Self.sampleFile.path, "--format", "json"], in: dir)
        #expect(r.status == 1)
        let doc = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        #expect(doc?["format"] as? String == "kam.report/1")
        let text = try WorkspaceCommandsTests.run(["validate", Self.sampleFile.path, "--lang", "en"], in: dir)
        #expect(String(decoding: text.stdout, as: UTF8.self).contains("客户信息!L54"))
        let annotate = try WorkspaceCommandsTests.run(["validate", Self.sampleFile.path, "--annotate",
                                                       dir.appendingPathComponent("o.xlsx").path], in: dir)
        #expect(annotate.status == 2)
        #expect(annotate.stderr.contains("not yet available"))
    }
}
