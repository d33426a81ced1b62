/// Builds XML as UTF-8 bytes with the one escaping function kam uses, flushing to a sink when large.
///
/// Text and attribute values are escaped (`&`, `<`, `>`, and quotes in attributes); characters illegal in
/// XML 1.0 are dropped unless the caller encodes them first (XLSX writes them as `_xHHHH_`).
public struct XMLByteWriter {
    /// The bytes not yet flushed.
    public private(set) var bytes: [UInt8] = []
    private let flushThreshold: Int
    private let sink: (([UInt8]) throws -> Void)?

    /// A writer that keeps everything in memory.
    public init() {
        flushThreshold = .max
        sink = nil
        bytes.reserveCapacity(1 << 16)
    }

    /// A writer that hands its bytes to `sink` every `threshold` bytes (and on `flush()`).
    public init(threshold: Int = 1 << 20, sink: @escaping ([UInt8]) throws -> Void) {
        flushThreshold = threshold
        self.sink = sink
        bytes.reserveCapacity(threshold + 4096)
    }

    /// Appends markup as is.
    @inline(__always)
    public mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends markup (a name, a number) as is.
    @inline(__always)
    public mutating func raw(_ s: String) {
        var s = s
        // One copy of the contiguous UTF-8 (appending the UTF8View goes byte by byte).
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends raw bytes.
    public mutating func raw<C: Collection>(bytes b: C) where C.Element == UInt8 {
        bytes.append(contentsOf: b)
    }

    /// Drops the last `n` pending bytes (e.g. the `/>` of a start tag about to get children).
    public mutating func removeLast(_ n: Int) {
        bytes.removeLast(min(n, bytes.count))
    }

    /// Appends an integer in decimal.
    public mutating func int(_ v: Int) {
        if v >= 0 && v < 10 { bytes.append(UInt8(48 + v)); return }
        guard v > Int.min else { return raw(String(v)) }
        // Digits written backwards into a small buffer: no String per number.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var n = v.magnitude
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = UInt8(48 + n % 10)
                n /= 10
            } while n > 0
            if v < 0 { i -= 1; buffer[i] = UInt8(ascii: "-") }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i...]))
        }
    }

    /// Appends escaped text content.
    public mutating func text(_ s: String) { escape(s, quotes: false) }

    /// Appends ` name="value"` with the value escaped.
    public mutating func attribute(_ name: StaticString, _ value: String) {
        bytes.append(0x20)
        raw(name)
        bytes.append(contentsOf: [0x3D, 0x22])
        escape(value, quotes: true)
        bytes.append(0x22)
    }

    /// The one escaping function: markup characters become references, XML-illegal controls are dropped,
    /// and in attributes tabs and newlines become character references so they survive attribute normalisation.
    public mutating func escape(_ s: String, quotes: Bool) {
        var s = s
        s.withUTF8 { u in
            // Runs of bytes that need nothing are copied whole; most text is one such run.
            var start = 0
            for i in 0..<u.count {
                let b = u[i]
                // Every byte handled below is under '?' (0x3F); the rest, and all of multi-byte UTF-8, pass.
                guard b < 0x3F else { continue }
                let replacement: StaticString?
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\"") where quotes: replacement = "&quot;"
                case 0x0A where quotes: replacement = "&#10;"
                case 0x0D: replacement = "&#13;"
                case 0x09 where quotes: replacement = "&#9;"
                case 0x09, 0x0A: continue
                case 0x00..<0x20: replacement = nil
                default: continue
                }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
                if let replacement { raw(replacement) }
                start = i + 1
            }
            if start < u.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...])) }
        }
    }

    /// Hands pending bytes to the sink if past the threshold.
    public mutating func flushIfNeeded() throws {
        if bytes.count >= flushThreshold { try flush() }
    }

    /// Hands all pending bytes to the sink.
    public mutating func flush() throws {
        guard let sink, !bytes.isEmpty else { return }
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}

extension XMLByteWriter {
    /// Copies attribute `i` of the scanner's current start tag as it stands (its raw value, entities kept),
    /// re-escaping a `"` inside a single-quoted value.
    public mutating func copyAttribute(_ s: XMLScanner, _ i: Int) {
        raw(" ")
        raw(s.attributeQualifiedName(i))
        raw("=\"")
        let value = s.attributeRawValue(i)
        if value.contains(UInt8(ascii: "\"")) {
            for b in value { if b == UInt8(ascii: "\"") { raw("&quot;") } else { raw(bytes: CollectionOfOne(b)) } }
        } else {
            raw(bytes: value)
        }
        raw("\"")
    }
}
