import Foundation
import KamTestSupport
import Testing

/// Every hostile fixture ends with the exit code `Tests/Fixtures/hostile/expected.tsv` gives (2 unless listed): on 2,
/// one line on stderr naming the file and the part or limit; on 0, nothing on stderr. The input is never changed.
/// Time and memory are measured by scripts/hostile_report.sh (release build), not here.
@Suite(.serialized) struct HostileInputTests {
    static let cases: [String] = {
        let dir = Fixtures.path("hostile")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".tsv") }.sorted()
    }()

    /// Case → (exit code, a word the reason holds), from expected.tsv.
    static let expected: [String: (Int32, String)] = {
        let text = (try? String(contentsOfFile: Fixtures.path("hostile/expected.tsv"), encoding: .utf8)) ?? ""
        var out: [String: (Int32, String)] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if f.count >= 2, let code = Int32(f[1]) { out[f[0]] = (code, f.count > 2 ? f[2] : "") }
        }
        return out
    }()

    /// The bytes of a file, or of every file in a folder (for the folder case).
    static func snapshot(_ path: String) throws -> Data {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            var all = Data()
            for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
                all.append(Data(name.utf8))
                all.append(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
            }
            return all
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test("hostile fixtures are present: at least 40, with expectations")
    func present() {
        #expect(Self.cases.count >= 40)
        #expect(Self.expected.count >= 40)
        for name in Self.expected.keys { #expect(Self.cases.contains(name), "expected.tsv lists \(name)") }
    }

    @Test("kam inspect refuses a hostile file with exit 2 and a one-line reason (or handles it)", arguments: cases)
    func refused(_ name: String) throws {
        let path = Fixtures.path("hostile/" + name)
        let before = try Self.snapshot(path)
        let r = try KamProcess.kam(["inspect", path, "--json", "--lang", "en"], timeout: 120)
        let (code, word) = Self.expected[name] ?? (2, "")
        #expect(r.status == code, "\(name): exit \(r.status), stderr: \(r.stderr.prefix(2000))")
        if code == 2 {
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(name): \(r.stderr.prefix(2000))")
            #expect(r.stderr.contains(name), "the reason names the file: \(r.stderr)")
            #expect(word.isEmpty || r.stderr.contains(word), "the reason names \(word): \(r.stderr)")
        } else {
            #expect(r.stderr.isEmpty, "\(name): \(r.stderr.prefix(2000))")
        }
        #expect(try Self.snapshot(path) == before)
    }

    @Test("a folder is refused with exit 2")
    func folder() throws {
        let dir = TemporaryDirectory()
        let r = try KamProcess.kam(["inspect", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains(dir.path))
    }

    @Test("a missing file is refused with exit 2")
    func missing() throws {
        let r = try KamProcess.kam(["inspect", "/nonexistent/客户.xlsx"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("客户.xlsx"))
    }
}

/// Model-layer hostile values (`Tests/Fixtures/hostile-import/`): `kam import` never crashes — exit 0 or 1 with
/// findings, or 2 with a one-line reason — the store passes `PRAGMA integrity_check` and still exports, and the
/// file is unchanged.
@Suite(.serialized) struct HostileImportTests {
    static let cases: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path("hostile-import"))) ?? [])
            .filter { $0.hasSuffix(".xlsx") }.sorted()
    }()

    @Test("the model-layer cases are present")
    func present() { #expect(Self.cases.count >= 6) }

    @Test("kam import of hostile values: no crash, a consistent store", arguments: cases)
    func imported(_ name: String) throws {
        let ws = TemporaryDirectory()
        #expect(try KamProcess.kam(["init", "."], in: ws.path).status == 0)
        let path = Fixtures.path("hostile-import/" + name)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let r = try KamProcess.kam(["import", path, "--lang", "en"], in: ws.path, timeout: 120)
        #expect([0, 1, 2].contains(r.status), "\(name): exit \(r.status): \(r.stderr.prefix(2000))")
        if r.status == 2 {
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr.prefix(2000))")
            #expect(r.stderr.contains(name))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try StoreCheck.integrity(ws.path + "/.kam/store.sqlite") == "ok")
        let export = try KamProcess.kam(["export", "--json"], in: ws.path)
        #expect(export.status == 0, "\(export.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: export.stdoutData)) != nil)
        // Importing the same file again changes nothing and still does not crash.
        let again = try KamProcess.kam(["import", path, "--lang", "en"], in: ws.path, timeout: 120)
        #expect(again.status == r.status)
        #expect(try KamProcess.kam(["export", "--json"], in: ws.path).stdoutData == export.stdoutData)
    }
}

@Suite struct CommandLineTests {
    @Test("--help succeeds and lists the commands")
    func help() throws {
        let r = try KamProcess.kam(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("inspect"))
    }

    @Test("an unknown option is a usage error with exit 2, not 64")
    func usage() throws {
        let r = try KamProcess.kam(["inspect", "--no-such-option"])
        #expect(r.status == 2)
        #expect(!r.stderr.isEmpty)
    }
}
