import Foundation
import KamSheets
import KamTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A SIGKILLed kam leaves its hidden temporary (`.NAME.kam-HOST-PID-RANDOM.tmp`, or libzip's `….tmp.XXXXXX`)
/// beside the file it was writing; the next write of that file removes those whose writer is gone — and nothing
/// else: not a live writer's, not another host's, not a file that merely looks alike.
@Suite(.serialized) struct StaleTemporaryTests {
    /// This host's tag, as kam writes it into its temporaries' names.
    static var hostTag: String {
        let name = URL(fileURLWithPath: TemporarySibling.path(besides: "/x/t")).lastPathComponent
        return String(name.dropFirst(".t.kam-".count).prefix { $0 != "-" })
    }

    /// `.NAME.kam-HOST-PID-RANDOM.tmp` for `target`'s name.
    static func temporaryName(_ target: String, host: String = hostTag, pid: pid_t, random: String) -> String {
        "." + URL(fileURLWithPath: target).lastPathComponent + ".kam-\(host)-\(pid)-\(random).tmp"
    }

    static func make(_ path: String, age: TimeInterval = 0) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data("partial".utf8)))
        if age > 0 {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)],
                                                  ofItemAtPath: path)
        }
    }

    @Test("the temporary kam writes is hidden, beside the target, and names this process")
    func naming() {
        let path = TemporarySibling.path(besides: "/some/folder/filled.xlsx")
        #expect(path.hasPrefix("/some/folder/.filled.xlsx.kam-\(Self.hostTag)-\(getpid())-"))
        #expect(path.hasSuffix(".tmp"))
        #expect(path != TemporarySibling.path(besides: "/some/folder/filled.xlsx"))
    }

    @Test("kam fill and validate --annotate remove a dead writer's temporaries beside their output, nothing else")
    func outputsSweep() throws {
        let ws = try DiskAndPermissionTests.workspace()
        let dead = try DeadProcess.pid()
        let template = Fixtures.packageRoot.appendingPathComponent("Templates/key-accounts.xlsx").path
        let runs: [(args: [String], output: String)] = [
            (["fill", template, "-o", "filled.xlsx"], "filled.xlsx"),
            (["validate", DiskAndPermissionTests.east, "--annotate", "annotated.xlsx"], "annotated.xlsx"),
        ]
        for (args, output) in runs {
            let o = ws.file(output)
            let stale = [
                ws.file(Self.temporaryName(o, pid: dead, random: "a1")),
                ws.file(Self.temporaryName(o, pid: dead, random: "b2") + ".Xy12Zq"),  // libzip's own temporary
                ws.file("." + output + ".kam-c3d4e5.tmp"),  // an older kam's, two days old
            ]
            let kept = [
                ws.file(Self.temporaryName(o, pid: getpid(), random: "d4")),  // a live writer's (this test)
                ws.file(Self.temporaryName(o, host: "zzzz", pid: dead, random: "e5")),  // another host's, fresh
                ws.file("." + output + ".kam-f6g7h8.tmp"),  // an older kam's, fresh
                ws.file("." + output + ".kam-notes.txt"),  // not kam's pattern
                ws.file(Self.temporaryName(ws.file("other.xlsx"), pid: dead, random: "g7")),  // another target's
            ]
            for p in stale.prefix(2) + kept { try Self.make(p) }
            try Self.make(stale[2], age: 2 * 86_400)
            let r = try KamProcess.kam(args, in: ws.path)
            #expect(r.status == 0 || r.status == 1, "\(args[0]): \(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: o), "\(args[0]) wrote no output")
            for p in stale { #expect(!FileManager.default.fileExists(atPath: p), "\(args[0]) left \(p)") }
            for p in kept { #expect(FileManager.default.fileExists(atPath: p), "\(args[0]) removed \(p)") }
        }
    }

    @Test("kam edit in place removes a dead writer's temporaries of the file and of its backup")
    func editSweepsBackupStaging() throws {
        let dir = TemporaryDirectory()
        let file = dir.file("east.xlsx")
        try FileManager.default.copyItem(atPath: DiskAndPermissionTests.east, toPath: file)
        let dead = try DeadProcess.pid()
        let stale = [dir.file(Self.temporaryName(file, pid: dead, random: "a1")),
                     dir.file(Self.temporaryName(file + ".bak", pid: dead, random: "b2"))]
        for p in stale { try Self.make(p) }
        let sheet = try DiskAndPermissionTests.firstSheet(file)
        let r = try KamProcess.kam(["edit", file, "--set", "\(sheet)!A1=changed"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(DiskAndPermissionTests.listing(dir.path) == ["east.xlsx", "east.xlsx.bak"])
    }

    @Test("kam init removes the staging folder a killed kam init left")
    func initSweepsStaging() throws {
        let dir = TemporaryDirectory()
        let dead = try DeadProcess.pid()
        let staging = dir.file(".kam-init-\(Self.hostTag)-\(dead)-abc")
        let live = dir.file(".kam-init-\(Self.hostTag)-\(getpid())-def")
        for p in [staging, live] {
            try FileManager.default.createDirectory(atPath: p + "/.kam", withIntermediateDirectories: true)
        }
        let r = try KamProcess.kam(["init", "."], in: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        let liveName = URL(fileURLWithPath: live).lastPathComponent
        #expect(DiskAndPermissionTests.listing(dir.path) == [".kam", liveName, "kam.yaml"].sorted())
    }
}
