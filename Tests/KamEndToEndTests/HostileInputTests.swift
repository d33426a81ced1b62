import Foundation
import KamTestSupport
import Testing

/// Every hostile fixture ends with exit 2, one line on stderr naming the file, quickly, and the file untouched.
@Suite(.serialized) struct HostileInputTests {
    static let cases: [String] = {
        let dir = Fixtures.path("hostile")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { !$0.hasSuffix(".md") }.sorted()
    }()

    @Test("hostile fixtures are present")
    func present() {
        #expect(Self.cases.count >= 20)
    }

    @Test("kam inspect refuses a hostile file with exit 2 and a one-line reason", arguments: cases)
    func refused(_ name: String) throws {
        let path = Fixtures.path("hostile/" + name)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let started = Date()
        let r = try KamProcess.kam(["inspect", path, "--json", "--lang", "en"], timeout: 30)
        let elapsed = Date().timeIntervalSince(started)
        #expect(r.status == 2, "\(name): exit \(r.status), stderr: \(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(name): \(r.stderr)")
        #expect(r.stderr.contains(name), "the reason names the file: \(r.stderr)")
        #expect(elapsed < 10, "\(name) took \(elapsed) s")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
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
