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
        bytes.append(contentsOf: s.utf8)
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
        bytes.append(contentsOf: String(v).utf8)
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
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\"") where quotes: raw("&quot;")
            case 0x0A where quotes: raw("&#10;")
            case 0x0D: raw("&#13;")
            case 0x09 where quotes: raw("&#9;")
            case 0x09, 0x0A: bytes.append(b)
            case 0x00..<0x20: break
            default: bytes.append(b)
            }
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
