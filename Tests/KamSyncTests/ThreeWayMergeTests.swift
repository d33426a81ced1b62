import Testing
@testable import KamSync

/// Every base/sheet/store combination of CONTRACTS.md § sync, per field and per row.
@Suite("ThreeWayMerge")
struct ThreeWayMergeTests {
    func merge(_ b: String?, _ s: String?, _ t: String?, _ o: MergeOptions = MergeOptions()) -> MergePlan {
        func rec(_ v: String?) -> RecordValues { v.map { ["f": $0, "name": "n"] } ?? ["name": "n"] }
        return ThreeWayMerge.merge(base: ["k": rec(b)], sheet: ["k": rec(s)], store: ["k": rec(t)], options: o)
    }

    @Test("unchanged: nothing") func unchanged() {
        let p = merge("a", "a", "a")
        #expect(p.changesNothing && p.conflicts.isEmpty && p.newBase["k"]?["f"] == "a")
    }
    @Test("only the sheet changed: the store takes it") func sheetOnly() {
        let p = merge("a", "b", "a")
        #expect(p.storeUpdates["k"]?["f"] == .some("b") && p.sheetUpdates.isEmpty && p.newBase["k"]?["f"] == "b")
    }
    @Test("only the store changed: the sheet gets it") func storeOnly() {
        let p = merge("a", "a", "c")
        #expect(p.sheetUpdates["k"]?["f"] == .some("c") && p.storeUpdates.isEmpty)
    }
    @Test("cleared on the sheet: the store clears") func sheetCleared() {
        let p = merge("a", nil, "a")
        #expect(p.storeUpdates["k"]?["f"] == .some(nil))
    }
    @Test("both changed the same way: nothing, the base moves") func bothSame() {
        let p = merge("a", "b", "b")
        #expect(p.changesNothing && p.conflicts.isEmpty && p.newBase["k"]?["f"] == "b")
    }
    @Test("both changed differently: conflict, neither overwritten, the base stays") func conflict() {
        let p = merge("a", "b", "c")
        #expect(p.changesNothing && p.conflicts.count == 1 && p.newBase["k"]?["f"] == "a")
        #expect(p.conflicts.first?.sheet == "b" && p.conflicts.first?.store == "c")
    }
    @Test("--prefer sheet / store") func prefer() {
        let s = merge("a", "b", "c", MergeOptions(prefer: .sheet))
        #expect(s.storeUpdates["k"]?["f"] == .some("b") && s.conflicts.first?.resolvedBy == .sheet)
        let t = merge("a", "b", "c", MergeOptions(prefer: .store))
        #expect(t.sheetUpdates["k"]?["f"] == .some("c") && t.newBase["k"]?["f"] == "c")
    }
    @Test("no base, both sides differ: conflict; equal: nothing") func noBase() {
        let p = ThreeWayMerge.merge(base: [:], sheet: ["k": ["f": "x"]], store: ["k": ["f": "y"]])
        #expect(p.conflicts.count == 1)
        let q = ThreeWayMerge.merge(base: [:], sheet: ["k": ["f": "x"]], store: ["k": ["f": "x"]])
        #expect(q.changesNothing && q.conflicts.isEmpty)
    }
    @Test("row unit: different fields changed on both sides conflict") func rowUnit() {
        let base: [String: RecordValues] = ["k": ["a": "1", "b": "1"]]
        let p = ThreeWayMerge.merge(base: base, sheet: ["k": ["a": "2", "b": "1"]], store: ["k": ["a": "1", "b": "3"]],
                                    options: MergeOptions(unit: .row))
        #expect(p.changesNothing && p.conflicts.count == 2)
        let f = ThreeWayMerge.merge(base: base, sheet: ["k": ["a": "2", "b": "1"]], store: ["k": ["a": "1", "b": "3"]])
        #expect(f.storeUpdates["k"]?["a"] == .some("2") && f.sheetUpdates["k"]?["b"] == .some("3") && f.conflicts.isEmpty)
    }
    @Test("new rows: sheet-only → create in store; store-only → append to sheet") func newRows() {
        let p = ThreeWayMerge.merge(base: [:], sheet: ["s": ["f": "1"]], store: ["t": ["f": "2"]])
        #expect(p.createInStore == ["s"] && p.appendToSheet == ["t"])
    }
    @Test("deleted in the sheet: reported; removed from the store only with allowDelete") func deletedInSheet() {
        let base: [String: RecordValues] = ["k": ["f": "1"]]
        let p = ThreeWayMerge.merge(base: base, sheet: [:], store: base)
        #expect(p.deletedInSheet == ["k"] && p.deleteFromStore.isEmpty && p.newBase["k"] != nil)
        let q = ThreeWayMerge.merge(base: base, sheet: [:], store: base, options: MergeOptions(allowDelete: true))
        #expect(q.deleteFromStore == ["k"] && q.newBase["k"] == nil)
        let r = ThreeWayMerge.merge(base: base, sheet: [:], store: ["k": ["f": "2"]], options: MergeOptions(allowDelete: true))
        #expect(r.deleteFromStore.isEmpty && r.conflicts.count == 1, "a row the store changed is not deleted")
    }
    @Test("deleted in the store: reported; removed from the sheet only with allowDelete") func deletedInStore() {
        let base: [String: RecordValues] = ["k": ["f": "1"]]
        let p = ThreeWayMerge.merge(base: base, sheet: base, store: [:])
        #expect(p.deletedInStore == ["k"] && p.deleteFromSheet.isEmpty)
        let q = ThreeWayMerge.merge(base: base, sheet: base, store: [:], options: MergeOptions(allowDelete: true))
        #expect(q.deleteFromSheet == ["k"])
    }
    @Test("deleted on both sides: the base goes") func deletedBoth() {
        let p = ThreeWayMerge.merge(base: ["k": ["f": "1"]], sheet: [:], store: [:])
        #expect(p.newBase.isEmpty && p.changesNothing)
    }
}
