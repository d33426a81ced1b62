#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raised when a fast byte-level pass meets something it leaves to the full, tokenising rewriter (a DOCTYPE, rows
/// out of order, a row without its number…). The caller starts over on the slow path; nothing is lost but time.
struct RawPassFallback: Error {
    let why: String
}

/// A forward-only window over a streamed XML part that finds where elements start and end without tokenising
/// them: the editor's fast path copies the bytes between the elements it changes as they stand.
///
/// Positions are absolute offsets in the stream. Bytes before `keepFrom` may be dropped when more are read, so a
/// caller sets it to the first byte it still needs. This is not a validating parser: it relies on what any
/// well-formed XML guarantees (`<` never appears raw in text or attribute values) and leaves whatever it cannot
/// place (a DOCTYPE, `<!` constructs other than comments and CDATA) to the full rewriter by throwing
/// `RawPassFallback`.
final class RawXMLStream {
    typealias Fill = (UnsafeMutableRawBufferPointer) throws -> Int

    /// What a piece of markup is.
    enum Kind { case start, end, other }

    /// One piece of markup: `<name …>`, `</name>`, or a comment, CDATA section or processing instruction.
    struct Tag {
        var kind: Kind
        /// Offset of `<`.
        var start: Int
        /// Offset just past `>`; for start tags not scanned in full (`finish(_:)`), the end of the name.
        var end: Int
        var nameStart = 0
        var nameEnd = 0
        var localStart = 0
        var isComplete = true
        var isSelfClosing = false
    }

    private let fill: Fill
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The stream offset of `storage[0]`.
    private(set) var base = 0
    private var count = 0
    private(set) var atEOF = false
    /// The first offset still needed; earlier bytes are dropped when the window moves.
    var keepFrom = 0

    /// The offset just past the last byte read so far.
    var end: Int { base + count }

    init(chunk: Int = 1 << 20, fill: @escaping Fill) {
        self.fill = fill
        capacity = chunk
        storage = .allocate(capacity: chunk)
    }

    /// Over bytes held in memory.
    convenience init(bytes: [UInt8]) {
        var done = false
        self.init(chunk: max(bytes.count, 16)) { buf in
            if done { return 0 }
            done = true
            return bytes.withUnsafeBytes { src in
                buf.copyMemory(from: src)
                return src.count
            }
        }
    }

    deinit { storage.deallocate() }

    @inline(__always)
    func byte(_ o: Int) -> UInt8 { storage[o - base] }

    /// The bytes `from..<to`, valid until the next read.
    func bytes(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + (from - base), count: to - from)
    }

    /// Reads more of the stream; false at its end.
    @discardableResult
    func more() throws -> Bool {
        if atEOF { return false }
        let drop = min(keepFrom, end) - base
        if drop > 0 {
            if count > drop { memmove(storage, storage + drop, count - drop) }
            base += drop
            count -= drop
        }
        if capacity - count < capacity / 4 {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        let n = try fill(UnsafeMutableRawBufferPointer(start: storage + count, count: capacity - count))
        if n <= 0 {
            atEOF = true
            return false
        }
        count += n
        return true
    }

    /// Whether the byte at `o` is (or can be made) available.
    @inline(__always)
    func has(_ o: Int) throws -> Bool {
        while o >= end { if try !more() { return false } }
        return true
    }

    /// Reads to the end of the stream (keeping everything from `keepFrom`).
    func readToEnd() throws {
        while try more() {}
    }

    /// The offset of the next `b` at or after `o`, nil at the end of the stream.
    func find(_ b: UInt8, from o: Int) throws -> Int? {
        var o = o
        while true {
            if o < end {
                let start = storage + (o - base)
                if let p = memchr(start, Int32(b), end - o) {
                    return o + (p.assumingMemoryBound(to: UInt8.self) - start)
                }
                o = end
            }
            if try !more() { return nil }
        }
    }

    /// The offset just past the next occurrence of `terminator` at or after `o`, nil at the end of the stream.
    private func findEnd(of terminator: StaticString, from o: Int) throws -> Int? {
        let t = UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
        var o = o
        while let p = try find(t[0], from: o) {
            var k = 1
            while k < t.count {
                guard try has(p + k), byte(p + k) == t[k] else { break }
                k += 1
            }
            if k == t.count { return p + k }
            o = p + 1
        }
        return nil
    }

    @inline(__always)
    private static func endsName(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == UInt8(ascii: "/") || b == UInt8(ascii: ">")
    }

    /// The next markup at or after `o`, nil at the end of the stream. Start tags are read to the end of their name
    /// only (`isComplete` false): call `finish(_:)` for their attributes and end.
    /// - Throws: `RawPassFallback` for a DOCTYPE or markup cut off by the end of the stream.
    func next(from o: Int) throws -> Tag? {
        guard let lt = try find(UInt8(ascii: "<"), from: o) else { return nil }
        guard try has(lt + 1) else { throw RawPassFallback(why: "markup cut off") }
        let b = byte(lt + 1)
        if b == UInt8(ascii: "/") {
            var n = lt + 2
            while true {
                guard try has(n) else { throw RawPassFallback(why: "end tag cut off") }
                if Self.endsName(byte(n)) { break }
                n += 1
            }
            guard let gt = try find(UInt8(ascii: ">"), from: n) else { throw RawPassFallback(why: "end tag cut off") }
            return Tag(kind: .end, start: lt, end: gt + 1, nameStart: lt + 2, nameEnd: n, localStart: localStart(lt + 2, n))
        }
        if b == UInt8(ascii: "?") {
            guard let e = try findEnd(of: "?>", from: lt + 2) else { throw RawPassFallback(why: "instruction cut off") }
            return Tag(kind: .other, start: lt, end: e)
        }
        if b == UInt8(ascii: "!") {
            if try matches("<!--", at: lt) {
                guard let e = try findEnd(of: "-->", from: lt + 4) else { throw RawPassFallback(why: "comment cut off") }
                return Tag(kind: .other, start: lt, end: e)
            }
            if try matches("<![CDATA[", at: lt) {
                guard let e = try findEnd(of: "]]>", from: lt + 9) else { throw RawPassFallback(why: "CDATA cut off") }
                return Tag(kind: .other, start: lt, end: e)
            }
            throw RawPassFallback(why: "a DOCTYPE or other declaration")
        }
        var n = lt + 1
        while true {
            guard try has(n) else { throw RawPassFallback(why: "start tag cut off") }
            if Self.endsName(byte(n)) { break }
            n += 1
        }
        return Tag(kind: .start, start: lt, end: n, nameStart: lt + 1, nameEnd: n, localStart: localStart(lt + 1, n),
                   isComplete: false)
    }

    /// Reads a start tag to its `>` (quoted attribute values may hold `>`), setting `end` and `isSelfClosing`.
    func finish(_ tag: inout Tag) throws {
        guard tag.kind == .start, !tag.isComplete else { return }
        var o = tag.nameEnd
        var quote: UInt8 = 0
        while true {
            guard try has(o) else { throw RawPassFallback(why: "start tag cut off") }
            let b = byte(o)
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                break
            }
            o += 1
        }
        tag.end = o + 1
        tag.isSelfClosing = byte(o - 1) == UInt8(ascii: "/")
        tag.isComplete = true
    }

    /// The raw value of attribute `name` (compared with its qualified name) of a finished start tag.
    func attribute(_ name: StaticString, of tag: Tag) -> UnsafeRawBufferPointer? {
        var o = tag.nameEnd
        let last = tag.end - 1
        while o < last {
            while o < last, isSpace(byte(o)) { o += 1 }
            let ns = o
            while o < last, byte(o) != UInt8(ascii: "="), !isSpace(byte(o)) { o += 1 }
            let ne = o
            while o < last, byte(o) != UInt8(ascii: "\"") && byte(o) != UInt8(ascii: "'") { o += 1 }
            guard o < last else { return nil }
            let q = byte(o)
            let vs = o + 1
            o = vs
            while o < last, byte(o) != q { o += 1 }
            if ne - ns == name.utf8CodeUnitCount, memcmp(storage + (ns - base), name.utf8Start, ne - ns) == 0 {
                return bytes(vs, o)
            }
            o += 1
        }
        return nil
    }

    /// Whether the local name of `tag` is `s`.
    func isNamed(_ tag: Tag, _ s: StaticString) -> Bool {
        let n = tag.nameEnd - tag.localStart
        return n == s.utf8CodeUnitCount && memcmp(storage + (tag.localStart - base), s.utf8Start, n) == 0
    }

    private func matches(_ s: StaticString, at o: Int) throws -> Bool {
        let n = s.utf8CodeUnitCount
        guard try has(o + n - 1) else { return false }
        return memcmp(storage + (o - base), s.utf8Start, n) == 0
    }

    private func localStart(_ s: Int, _ e: Int) -> Int {
        var i = e - 1
        while i >= s {
            if byte(i) == UInt8(ascii: ":") { return i + 1 }
            i -= 1
        }
        return s
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
}

@available(*, unavailable)
extension RawXMLStream: Sendable {}
