import Foundation
import KamTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted for one test (needs root; CI runs as root). Unmounted when dropped.
final class SmallMount: @unchecked Sendable {
    // @unchecked: immutable after init.
    let path: String
    private let folder: TemporaryDirectory

    /// Mounts a tmpfs of `kilobytes` at a fresh folder, or returns nil (not root, or mounting is not allowed).
    init?(kilobytes: Int) {
        guard geteuid() == 0 else { return nil }
        folder = TemporaryDirectory()
        path = folder.path
        guard let r = try? KamProcess.run("mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]),
              r.status == 0 else { return nil }
    }

    /// Makes the mount read-only (root ignores file permissions, not a read-only mount).
    func remountReadOnly() -> Bool {
        (try? KamProcess.run("mount", ["-o", "remount,ro", path]))?.status == 0
    }

    /// Fills the mount so that only about `kilobytes` stay free.
    func fill(leaving kilobytes: Int) throws {
        var st = statvfs()
        guard statvfs(path, &st) == 0 else { return }
        let free = Int(st.f_bavail) * Int(st.f_frsize)
        let size = max(0, free - kilobytes * 1024)
        _ = FileManager.default.createFile(atPath: path + "/filler", contents: Data(count: size))
    }

    deinit { _ = try? KamProcess.run("umount", ["-l", path]) }

    /// Whether small tmpfs mounts can be made here (root, and mounts allowed): the disk-full tests need them and
    /// are reported as skipped, not passed, where they cannot run.
    static let available: Bool = SmallMount(kilobytes: 64) != nil
}

/// Disk full and read-only folders: exit 2, a message naming the path, the original untouched, nothing half-written.
@Suite(.serialized) struct DiskAndPermissionTests {
    static let east = Fixtures.example("华东区重点客户台账.xlsx")

    static func firstSheet(_ path: String) throws -> String {
        let r = try KamProcess.kam(["inspect", path, "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let sheets = try #require(doc["sheets"] as? [[String: Any]])
        return try #require(sheets.first?["name"] as? String)
    }

    static func listing(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// A workspace in an ordinary temporary folder with the northern customer list imported.
    static func workspace() throws -> TemporaryDirectory {
        let ws = TemporaryDirectory()
        #expect(try KamProcess.kam(["init", "."], in: ws.path).status == 0)
        #expect(try KamProcess.kam(["import", Fixtures.example("customer_list_north.xlsx")], in: ws.path).status == 0)
        return ws
    }

    /// A store-side edit (the first customer's notes) that a sync must write into the workbook.
    static func editStore(_ ws: TemporaryDirectory) throws {
        let doc = try KamProcess.kam(["export", "--json"], in: ws.path).stdoutData
        var json = try #require(try JSONSerialization.jsonObject(with: doc) as? [String: Any])
        var customers = try #require(json["customers"] as? [[String: Any]])
        customers[0]["notes"] = "库里改的"
        json["customers"] = customers
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: ws.file("edit.json")))
        #expect(try KamProcess.kam(["import", "edit.json"], in: ws.path).status == 0)
    }

    @Test("disk full: kam edit in place fails with exit 2 naming the file, and keeps the original",
          .enabled(if: SmallMount.available, "needs root and tmpfs mounts"))
    func editDiskFull() throws {
        guard let m = SmallMount(kilobytes: 64) else { Issue.record("cannot mount a tmpfs"); return }
        let file = m.path + "/east.xlsx"
        try FileManager.default.copyItem(atPath: Self.east, toPath: file)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        try m.fill(leaving: 4)
        let sheet = try Self.firstSheet(file)
        let r = try KamProcess.kam(["edit", file, "--set", "\(sheet)!A1=changed", "--lang", "en"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains(file), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        #expect(Self.listing(m.path) == ["east.xlsx", "filler"], "no temporary or backup left behind")
    }

    @Test("disk full: kam export, fill -o and validate --annotate write nothing and name the output",
          .enabled(if: SmallMount.available, "needs root and tmpfs mounts"))
    func outputsDiskFull() throws {
        guard let m = SmallMount(kilobytes: 64) else { Issue.record("cannot mount a tmpfs"); return }
        try m.fill(leaving: 4)
        let ws = try Self.workspace()
        let storeBefore = try KamProcess.kam(["export", "--json"], in: ws.path).stdoutData
        let runs: [[String]] = [
            ["export", m.path + "/ka.xlsx"],
            ["fill", Fixtures.packageRoot.appendingPathComponent("Templates/key-accounts.xlsx").path,
             "-o", m.path + "/filled.xlsx"],
            ["validate", Self.east, "--annotate", m.path + "/annotated.xlsx"],
        ]
        for args in runs {
            let r = try KamProcess.kam(args + ["--lang", "en"], in: ws.path)
            let output = args[args.firstIndex { $0.hasPrefix(m.path) } ?? 0]
            #expect(r.status == 2, "\(args[0]): exit \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(output), "\(args[0]): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output), "\(args[0]) left a partial \(output)")
        }
        #expect(Self.listing(m.path) == ["filler"])
        #expect(try KamProcess.kam(["export", "--json"], in: ws.path).stdoutData == storeBefore)
    }

    @Test("disk full: an import into a store on a full disk fails with exit 2 and leaves the store sound and as it was",
          .enabled(if: SmallMount.available, "needs root and tmpfs mounts"))
    func importDiskFull() throws {
        guard let m = SmallMount(kilobytes: 1024) else { Issue.record("cannot mount a tmpfs"); return }
        #expect(try KamProcess.kam(["init", "."], in: m.path).status == 0)
        #expect(try KamProcess.kam(["import", Fixtures.example("customer_list_north.xlsx")], in: m.path).status == 0)
        let before = try KamProcess.kam(["export", "--json"], in: m.path).stdoutData
        try m.fill(leaving: 8)
        let r = try KamProcess.kam(["import", Self.east, "--lang", "en"], in: m.path)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(m.path) || r.stderr.contains("store"), "\(r.stderr)")
        try FileManager.default.removeItem(atPath: m.path + "/filler")
        #expect(try StoreCheck.integrity(m.path + "/.kam/store.sqlite") == "ok")
        #expect(try KamProcess.kam(["export", "--json"], in: m.path).stdoutData == before)
        // With room again, the same import goes through.
        #expect(try KamProcess.kam(["import", Self.east], in: m.path).status == 0)
    }

    @Test("disk full: a sync whose workbook cannot be rewritten changes neither the workbook nor the store",
          .enabled(if: SmallMount.available, "needs root and tmpfs mounts"))
    func syncDiskFull() throws {
        guard let m = SmallMount(kilobytes: 256) else { Issue.record("cannot mount a tmpfs"); return }
        let ws = try Self.workspace()
        let book = m.path + "/ka.xlsx"
        #expect(try KamProcess.kam(["export", book], in: ws.path).status == 0)
        try Self.editStore(ws)
        let storeBefore = try KamProcess.kam(["export", "--json"], in: ws.path).stdoutData
        let bookBefore = try Data(contentsOf: URL(fileURLWithPath: book))
        try m.fill(leaving: 2)
        let r = try KamProcess.kam(["sync", book, "--lang", "en"], in: ws.path)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(book), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: book)) == bookBefore)
        #expect(try KamProcess.kam(["export", "--json"], in: ws.path).stdoutData == storeBefore)
        try FileManager.default.removeItem(atPath: m.path + "/filler")
        #expect(try KamProcess.kam(["sync", book], in: ws.path).status == 0, "with room again the sync completes")
    }

    @Test("disk full: kam init exits 2 naming the folder and leaves no half-made workspace; with room it succeeds",
          .enabled(if: SmallMount.available, "needs root and tmpfs mounts"))
    func initDiskFull() throws {
        guard let m = SmallMount(kilobytes: 1024) else { Issue.record("cannot mount a tmpfs"); return }
        // The store alone takes about 150 KB: fail before kam.yaml, between kam.yaml and the store, and mid-store.
        var failures = 0
        for leaving in [0, 4, 64, 120] {
            // A new folder (made by init) and an existing one holding a customer list.
            let fresh = m.path + "/new/ws"
            let existing = m.path + "/lists"
            try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: existing + "/north.csv", contents: Data("name\n".utf8)))
            try m.fill(leaving: leaving)
            var made: Set<String> = []
            for (args, dir, folder) in [(["init", fresh], m.path, fresh), (["init", "."], existing, existing)] {
                let r = try KamProcess.kam(args + ["--lang", "en"], in: dir)
                if r.status == 0 { made.insert(folder); continue }  // it fitted after all (the filler is approximate)
                #expect(r.status == 2, "leaving \(leaving) KB, init \(folder): exit \(r.status) \(r.stderr)")
                #expect(r.stderr.contains(folder), "\(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            }
            // Nothing half-made: the new folder (and its parent, made for it) absent, the existing one as it was.
            let top = Self.listing(m.path)
            #expect(top == (made.contains(fresh) ? ["filler", "lists", "new"] : ["filler", "lists"]),
                    "leaving \(leaving) KB: \(top)")
            let inside = Self.listing(existing)
            #expect(inside == (made.contains(existing) ? [".kam", "kam.yaml", "north.csv"] : ["north.csv"]),
                    "leaving \(leaving) KB: \(inside)")
            failures += 2 - made.count
            try FileManager.default.removeItem(atPath: m.path + "/filler")
            for p in [m.path + "/new", existing] { try? FileManager.default.removeItem(atPath: p) }
        }
        #expect(failures >= 6, "the full disk should have stopped most of the 8 inits")
        // With room again both succeed and make a usable workspace.
        try FileManager.default.createDirectory(atPath: m.path + "/lists", withIntermediateDirectories: true)
        #expect(try KamProcess.kam(["init", m.path + "/new/ws"]).status == 0)
        #expect(try KamProcess.kam(["init", "."], in: m.path + "/lists").status == 0)
        for ws in [m.path + "/new/ws", m.path + "/lists"] {
            #expect(try StoreCheck.integrity(ws + "/.kam/store.sqlite") == "ok")
            #expect(try KamProcess.kam(["import", Fixtures.example("customer_list_north.xlsx")], in: ws).status == 0)
            #expect(Self.listing(ws) == [".kam", "kam.yaml"])
        }
    }

    @Test("read-only folder: edit, export and sync fail with exit 2 naming the path; nothing changes")
    func readOnlyFolder() throws {
        let ws = try Self.workspace()
        // Root ignores permissions, so as root the folder is a read-only mount; otherwise chmod 555.
        let mount = SmallMount(kilobytes: 256)
        let plain = TemporaryDirectory()
        let dir = mount?.path ?? plain.path
        let book = dir + "/ka.xlsx", copy = dir + "/east.xlsx"
        #expect(try KamProcess.kam(["export", book], in: ws.path).status == 0)
        try FileManager.default.copyItem(atPath: Self.east, toPath: copy)
        try Self.editStore(ws)
        if let mount {
            guard mount.remountReadOnly() else { return }
        } else {
            guard geteuid() != 0 else { return }
            chmod(dir, 0o555)
        }
        defer { chmod(dir, 0o755) }
        let before = Self.listing(dir)
        let bookBytes = try Data(contentsOf: URL(fileURLWithPath: book))
        let copyBytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        let storeBefore = try KamProcess.kam(["export", "--json"], in: ws.path).stdoutData
        let sheet = try Self.firstSheet(copy)
        let runs: [([String], String)] = [
            (["edit", copy, "--set", "\(sheet)!A1=x"], copy),
            (["export", dir + "/new.xlsx"], dir + "/new.xlsx"),
            (["sync", book], book),
        ]
        for (args, path) in runs {
            let r = try KamProcess.kam(args + ["--lang", "en"], in: ws.path)
            #expect(r.status == 2, "\(args[0]): exit \(r.status) \(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains(path), "\(args[0]): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args[0]): \(r.stderr)")
        }
        #expect(Self.listing(dir) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: book)) == bookBytes)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == copyBytes)
        #expect(try KamProcess.kam(["export", "--json"], in: ws.path).stdoutData == storeBefore)
    }
}
