import Foundation

/// A string compared and hashed by its UTF-8 bytes (not by Unicode canonical equivalence).
///
/// Why: Swift hashes and compares non-ASCII `String`s through Unicode normalisation, and a dictionary compares
/// keys at every occupied slot it probes; for Chinese names and texts that was a large part of building big tables.
/// Text read from files is NFC in practice, so byte equality is the equality wanted.
public struct BytesKey: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (a: BytesKey, b: BytesKey) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in
                guard let pa = p.baseAddress, let qa = q.baseAddress else { return p.count == q.count }
                return memcmp(pa, qa, p.count) == 0
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
