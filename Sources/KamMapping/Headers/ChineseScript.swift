import Foundation

/// Traditional → Simplified Chinese folding through ICU's `Hant-Hans` transform.
///
/// How ICU is reached: Foundation's `String.applyingTransform(_:reverse:)` is available on Linux since the Swift 6
/// Foundation (swift-foundation with its bundled `_FoundationICU`), and it accepts any ICU transform ID. So kam needs
/// no system-ICU target of its own: that avoids both a hand-written conversion table and the clash between the
/// system's `unicode/*.h` headers and the copies Foundation bundles. This type is the one owner of that call, so a
/// switch to another ICU binding would touch nothing else.
public enum ChineseScript {
    /// The ICU transform ID used.
    public static let transformID = "Hant-Hans"

    /// The text with Traditional characters folded to Simplified ones; text that is already Simplified (or not
    /// Chinese at all) comes back unchanged.
    public static func simplified(_ text: String) -> String {
        // Pure ASCII cannot change; skip the (comparatively slow) transliterator.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        // Each ICU call builds a transliterator, which made every distinct customer name cost as much as reading
        // its row. Text none of whose characters changes on its own (all Simplified or shared ones, as in most
        // mainland sheets) is returned as it is; text with a Traditional character still goes through ICU whole.
        if !scalars.anyChanges(text) { return text }
        if let cached = cache.value(for: text) { return cached }
        let result = text.applyingTransform(StringTransform(transformID), reverse: false) ?? text
        cache.store(result, for: text)
        return result
    }

    private static let cache = TransformCache()
    private static let scalars = ScalarChangeCache()

    /// For each character, whether the transform changes it alone: one ICU call for all of them, one per line.
    static func changes(_ scalars: [Unicode.Scalar]) -> [Bool] {
        let lines = scalars.map { String($0) }
        let joined = lines.joined(separator: "\n")
        let out = (joined.applyingTransform(StringTransform(transformID), reverse: false) ?? joined)
            .split(separator: "\n", omittingEmptySubsequences: false)
        if out.count == lines.count { return zip(lines, out).map { $0 != $1 } }
        // Should a rule ever join lines, ask character by character.
        return lines.map { ($0.applyingTransform(StringTransform(transformID), reverse: false) ?? $0) != $0 }
    }
}

/// Per character: does the transform change it alone? Answers are kept, so each distinct CJK character costs one
/// ICU call per process. Characters below U+A000 (CJK radicals, symbols, kana, unified ideographs) are answered
/// from a table: a dictionary lookup per character was most of the cost of folding a name.
private final class ScalarChangeCache: @unchecked Sendable {
    private static let tableStart: UInt32 = 0x2E80, tableEnd: UInt32 = 0xA000
    /// 0 not asked yet, 1 unchanged, 2 changed.
    private var table = [UInt8](repeating: 0, count: Int(tableEnd - tableStart))
    private var changes: [UInt32: Bool] = [:]
    private let lock = NSLock()

    func anyChanges(_ text: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        var unknown: [Unicode.Scalar] = []
        for u in text.unicodeScalars where u.value >= Self.tableStart {
            let known: Bool?
            if u.value < Self.tableEnd {
                let t = table[Int(u.value - Self.tableStart)]
                known = t == 0 ? nil : t == 2
            } else {
                known = changes[u.value]
            }
            if let known {
                if known { return true }
            } else if !unknown.contains(u) {
                unknown.append(u)
            }
        }
        if unknown.isEmpty { return false }
        var any = false
        for (u, c) in zip(unknown, ChineseScript.changes(unknown)) {
            if u.value < Self.tableEnd { table[Int(u.value - Self.tableStart)] = c ? 2 : 1 } else { changes[u.value] = c }
            any = any || c
        }
        return any
    }
}

/// A small thread-safe memo: headers and labels repeat a lot, and each ICU transform call builds a transliterator.
private final class TransformCache: @unchecked Sendable {
    private var entries: [String: String] = [:]
    private let lock = NSLock()

    func value(for key: String) -> String? {
        lock.lock(); defer { lock.unlock() }
        return entries[key]
    }

    func store(_ value: String, for key: String) {
        lock.lock(); defer { lock.unlock() }
        // Bounded: a pathological sheet with millions of distinct texts must not grow memory without limit.
        if entries.count > 50_000 { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
    }
}
