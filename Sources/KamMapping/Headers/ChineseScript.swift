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
        if let cached = cache.value(for: text) { return cached }
        let result = text.applyingTransform(StringTransform(transformID), reverse: false) ?? text
        cache.store(result, for: text)
        return result
    }

    private static let cache = TransformCache()
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
