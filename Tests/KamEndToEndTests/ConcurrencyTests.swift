import Foundation
import KamTestSupport
import Testing

/// Two kam runs on one workspace at once, and another program saving the workbook during a sync: the runs are
/// serialised by the workspace lock (or one is refused with a clear message), never interleaved, and no edit is lost.
@Suite(.serialized) struct ConcurrencyTests {
    /// Runs the argument lists at the same moment, each on its own thread; results in the same order.
    static func together(_ runs: [[String]], in dir: String) -> [ProcessResult?] {
        nonisolated(unsafe) var results = [ProcessResult?](repeating: nil, count: runs.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: runs.count) { i in
            let r = try? KamProcess.kam(runs[i] + ["--lang", "en"], in: dir, timeout: 120)
            lock.lock(); results[i] = r; lock.unlock()
        }
        return results
    }

    /// Exit 0 (or 1 for findings), or 2 saying the workspace is busy: never a crash, never a half-done run.
    static func serialisedOrRefused(_ r: ProcessResult?) {
        guard let r else { Issue.record("the run did not start"); return }
        #expect([0, 1, 2].contains(r.status), "exit \(r.status): \(r.stderr)")
        if r.status == 2 { #expect(r.stderr.contains("busy"), "\(r.stderr)") }
    }

    @Test("two syncs at once: one after the other, both edits kept, nothing left to do")
    func twoSyncs() throws {
        let wb = try SyncWorkbook(.xlsx), dir = wb.dir
        try wb.edit([.set("重点客户", "F2", "表里改")])
        try wb.editStore(id: "C002", field: "notes", value: "库里改")
        let results = Self.together([["sync", "ka.xlsx"], ["sync", "ka.xlsx"]], in: dir)
        results.forEach(Self.serialisedOrRefused)
        #expect(results.contains { $0?.status == 0 })
        #expect(try StoreCheck.integrity(dir + "/.kam/store.sqlite") == "ok")
        #expect(try wb.store()["C001"]?["owner"] as? String == "表里改")
        #expect(try wb.cells()["R3"] == "库里改")
        try wb.expectInStep()
        #expect(FileManager.default.fileExists(atPath: dir + "/ka.xlsx.bak"))
    }

    @Test("a sync and an import at once: serialised, both take effect")
    func syncAndImport() throws {
        let wb = try SyncWorkbook(.xlsx), dir = wb.dir
        try wb.edit([.set("重点客户", "F2", "同步改")])
        let doc = """
        {"format":"kam.workspace/1","customers":[{"id":"C010","name":"并发导入","owner":"吴十","keyAccount":true}]}
        """
        try doc.write(toFile: dir + "/add.json", atomically: true, encoding: .utf8)
        let results = Self.together([["sync", "ka.xlsx"], ["import", "add.json"]], in: dir)
        results.forEach(Self.serialisedOrRefused)
        #expect(try StoreCheck.integrity(dir + "/.kam/store.sqlite") == "ok")
        let store = try wb.store()
        if results[0]?.status == 0 { #expect(store["C001"]?["owner"] as? String == "同步改") }
        if results[1]?.status == 0 { #expect(store["C010"]?["name"] as? String == "并发导入") }
        // Whatever the order, one more sync brings both sides together.
        #expect(try wb.sync().status == 0)
        #expect(try wb.store()["C001"]?["owner"] as? String == "同步改")
        #expect(try wb.cells().values.contains("并发导入"))
    }

    @Test("another program saves the workbook during a sync: its edit is never lost", arguments: 0..<8)
    func savedDuringSync(_ iteration: Int) throws {
        let wb = try SyncWorkbook(.xlsx), dir = wb.dir
        try wb.editStore(id: "C001", field: "notes", value: "库里改")
        // The other program's version: the exported workbook with one owner changed, saved by write-and-rename.
        let edit = try KamProcess.kam(["edit", "ka.xlsx", "-o", "other.xlsx", "--set", "重点客户!F3=别的程序"], in: dir)
        #expect(edit.status == 0, "\(edit.stderr)")
        nonisolated(unsafe) var sync: ProcessResult?
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { sync = try? wb.sync(["--lang", "en"]) }
        usleep(UInt32(iteration * 60_000 + Int.random(in: 0..<60_000)))
        try FileManager.default.copyItem(atPath: dir + "/other.xlsx", toPath: dir + "/other.tmp")
        #expect(rename(dir + "/other.tmp", dir + "/ka.xlsx") == 0)
        group.wait()
        let r = try #require(sync)
        #expect([0, 2].contains(r.status), "exit \(r.status): \(r.stdout)\(r.stderr)")
        if r.status == 2 { #expect(r.stderr.contains("ka.xlsx"), "\(r.stderr)") }
        #expect(try StoreCheck.integrity(dir + "/.kam/store.sqlite") == "ok")
        #expect(try wb.cells()["F3"] == "别的程序", "the other program's save survives")
        // A sync after that carries both edits across.
        let next = try wb.sync(["--lang", "en"])
        #expect(next.status == 0, "\(next.stdout)\(next.stderr)")
        #expect(try wb.store()["C002"]?["owner"] as? String == "别的程序")
        // Refused mid-way: the store's edit was not written, so it flows now. (A sync that finished before the
        // other program saved had its output replaced by that program's older copy; then the sheet's older notes
        // are that program's edit, and win as one.)
        if r.status == 2 { #expect(try wb.cells()["R2"] == "库里改") }
    }
}

/// Another program saves the workbook at a chosen moment of a sync (the sync stopped there by
/// `KAM_TEST_PAUSE`, see KamSync's TestHooks): the sync stops without writing the file or the store, and says
/// which file; the other program's save is intact; the next sync carries both sides' edits across.
extension ConcurrencyTests {
    static let pausePoints = ["after-plan", "before-open", "before-save"]

    @Test("the file saved by another program at a chosen moment of a sync: the sync stops, writing nothing",
          arguments: SyncFormat.allCases, pausePoints)
    func changedWhileStopped(_ format: SyncFormat, _ point: String) throws {
        let wb = try SyncWorkbook(format)
        try wb.edit([.set("重点客户", "F2", "表里改")])
        try wb.editStore(id: "C001", field: "notes", value: "库里改")
        // The other program's version: the workbook as it is now with C002's owner changed.
        let other = wb.dir + "/other." + format.rawValue
        let edit = try KamProcess.kam(["edit", wb.file, "-o", other, "--set", "重点客户!F3=别的程序"], in: wb.dir)
        #expect(edit.status == 0, "\(edit.stderr)")
        let otherBytes = try Data(contentsOf: URL(fileURLWithPath: other))

        let sync = try LaunchedProcess.kam(["sync", wb.file, "--lang", "en"], in: wb.dir,
                                           environment: ["KAM_TEST_PAUSE": point])
        let stopped = sync.waitUntilStopped()
        #expect(stopped, "the sync never reached \(point)")
        // Saved by write-and-rename, as spreadsheet programs do.
        try otherBytes.write(to: URL(fileURLWithPath: wb.path + ".saving"))
        #expect(rename(wb.path + ".saving", wb.path) == 0)
        sync.resume()
        let r = sync.finish()

        #expect(r.status == 2, "exit \(r.status): \(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(wb.file) && r.stderr.contains("changed"), "\(r.stderr)")
        #expect(try wb.bytes() == otherBytes, "the other program's save is what is on disk")
        #expect(try StoreCheck.integrity(wb.dir + "/.kam/store.sqlite") == "ok")
        let store = try wb.store()
        #expect(store["C001"]?["owner"] as? String == "张三", "the sheet's edit was not taken in a stopped sync")
        #expect(store["C002"]?["owner"] as? String == "赵六")
        #expect(store["C001"]?["notes"] as? String == "库里改")

        let next = try wb.sync(["--lang", "en"])
        #expect(next.status == 0, "\(next.stdout)\(next.stderr)")
        let after = try wb.store()
        #expect(after["C001"]?["owner"] as? String == "表里改")
        #expect(after["C002"]?["owner"] as? String == "别的程序")
        let cells = try wb.cells()
        #expect(cells["R2"] == "库里改" && cells["F2"] == "表里改" && cells["F3"] == "别的程序")
        try wb.expectInStep()
    }
}
