import Foundation
import KamModel
import Testing

/// Runs the built `kam` (found beside the test bundle in the build folder) on workspaces in temp folders.
@Suite("kam init / import / export")
struct WorkspaceCommandsTests {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// The `kam` executable next to the test bundle (`.build/<triple>/debug/`), else `.build/debug/kam`.
    static var kamURL: URL? {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("kam"))
        candidates.append(bundle.appendingPathComponent("kam"))
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("kam"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/kam"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/samples/legacy")

    static var truthFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return names.filter { $0.hasSuffix(".truth.json") }.sorted().map { samples.appendingPathComponent($0) }
    }

    static func run(_ args: [String], in folder: URL) throws -> Result {
        let kam = try #require(kamURL, "the kam executable was not built; run `swift build` first")
        let p = Process()
        p.executableURL = kam
        p.arguments = args
        p.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["KAM_LANG"] = "en"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Drain stderr on another thread while stdout is read, so neither pipe can fill and block the child.
        let errReader = err.fileHandleForReading
        nonisolated(unsafe) var stderr = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { stderr = errReader.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kam-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("init, import a truth document, export: the canonical bytes; and again through a second workspace",
          arguments: truthFiles)
    func importExport(_ truth: URL) throws {
        let a = try Self.temporaryFolder(), b = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(try Self.run(["init", "."], in: a).status == 0)
        let imported = try Self.run(["import", truth.path], in: a)
        #expect(imported.status == 0, "\(imported.stderr)")
        let first = try Self.run(["export", "--json"], in: a)
        #expect(first.status == 0)
        let expected = try WorkspaceDocument.decode(try Data(contentsOf: truth)).encoded()
        #expect(first.stdout == expected)

        let exported = a.appendingPathComponent("export.json")
        try first.stdout.write(to: exported)
        #expect(try Self.run(["init", b.path], in: a).status == 0)
        #expect(try Self.run(["import", exported.path, "--workspace", b.path], in: a).status == 0)
        let second = try Self.run(["export", "--json", "--workspace", b.path], in: a)
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
    }

    @Test("commands run from a subfolder find the workspace above")
    func discoveryFromSubfolder() throws {
        let ws = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: ws) }
        #expect(try Self.run(["init"], in: ws).status == 0)
        let sub = ws.appendingPathComponent("reports/2024")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let r = try Self.run(["export", "--json"], in: sub)
        #expect(r.status == 0)
        #expect(String(decoding: r.stdout, as: UTF8.self) == "{\n  \"format\": \"kam.workspace/1\"\n}\n")
    }

    @Test("without a workspace: exit 2 and one line on stderr saying so")
    func noWorkspace() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["export", "--json", "--lang", "en"], in: dir)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("kam: no workspace"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("a bad document is refused with exit 2 and leaves the store as it was")
    func badDocument() throws {
        let ws = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: ws) }
        #expect(try Self.run(["init"], in: ws).status == 0)
        let bad = ws.appendingPathComponent("bad.json")
        try Data(#"{"format":"kam.workspace/1","customers":[{"id":"C1","name":"a"},{"id":"C2","name":"b","segment":"超级"}]}"#.utf8)
            .write(to: bad)
        let r = try Self.run(["import", bad.path, "--lang", "en"], in: ws)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.json customers[1].segment"))
        let export = try Self.run(["export", "--json"], in: ws)
        #expect(String(decoding: export.stdout, as: UTF8.self) == "{\n  \"format\": \"kam.workspace/1\"\n}\n")
    }

    @Test("spreadsheets are not importable yet: a clear error, exit 2")
    func spreadsheetPlaceholder() throws {
        let ws = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: ws) }
        #expect(try Self.run(["init"], in: ws).status == 0)
        let r = try Self.run(["import", "customers.xlsx", "--lang", "en"], in: ws)
        #expect(r.status == 2)
        #expect(r.stderr.contains("customers.xlsx"))
    }
}
