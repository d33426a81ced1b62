import Foundation
import KamModel

/// A customer's provenance as the text of `customer.provenance`: one entry per field, entries separated by U+001E
/// (record separator), each `field U+001F file U+001F sheet U+001F cell` (unit separator). Those control characters
/// never occur in field paths, file or sheet names or cell references, so no escaping is needed; entries are
/// written in field order so that the same customer always gives the same text. A file or sheet the same as the
/// entry before's is written as U+001D alone: a row's fields mostly come from one sheet, and repeating its file and
/// sheet names made them most of the customer table.
enum ProvenanceCodec {
    static let record: Unicode.Scalar = "\u{1E}"
    static let unit: Unicode.Scalar = "\u{1F}"
    /// "As in the entry before" (group separator).
    static let same: UInt8 = 0x1D

    /// The text as UTF-8 bytes (bound to the column as they are: no `String` is built per customer).
    static func encode(_ p: Provenance) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(p.count * 48)
        let recordByte = UInt8(record.value), unitByte = UInt8(unit.value)
        // Positions are sorted, not the (key, location) pairs: moving pairs of five strings cost more than the rest.
        let entries = Array(p)
        var order = Array(entries.indices)
        order.sort { utf8Precedes(entries[$0].key, entries[$1].key) }
        var previous: SourceLocation?
        for (i, k) in order.enumerated() {
            let field = entries[k].key, loc = entries[k].value
            if i > 0 { out.append(recordByte) }
            out.appendUTF8(field)
            out.append(unitByte)
            if let previous, previous.file == loc.file { out.append(same) } else { out.appendUTF8(loc.file) }
            out.append(unitByte)
            if let previous, previous.sheet == loc.sheet { out.append(same) } else { out.appendUTF8(loc.sheet) }
            out.append(unitByte)
            out.appendUTF8(loc.cell)
            previous = loc
        }
        return out
    }

    /// Byte order of the UTF-8 text: the same order as `<` for the NFC text of headers and paths, without
    /// Swift's normalising comparison of non-ASCII strings (`extra.首次合作日期`), which dominated the sort.
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                if n > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let c = memcmp(p, q, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }

    /// - Throws: `StoreError.corruptValue` for an entry without its four parts.
    static func decode(_ text: String, codec: ValueCodec) throws -> Provenance {
        var interner = Interner()
        return try decode(text, codec: codec, interner: &interner)
    }

    /// Texts that repeat from entry to entry and customer to customer (field paths, file and sheet names), made
    /// into `String`s once: validating and allocating them anew for every entry was most of decoding.
    struct Interner {
        private var entries: [([UInt8], String)] = []

        mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            for (b, s) in entries where b.count == bytes.count {
                let same = b.withUnsafeBufferPointer { x in
                    guard let p = x.baseAddress, let q = bytes.baseAddress else { return true }
                    return memcmp(p, q, bytes.count) == 0
                }
                if same { return s }
            }
            let s = String(decoding: bytes, as: UTF8.self)
            if entries.count < 64 { entries.append((Array(bytes), s)) }
            return s
        }
    }

    /// `decode` sharing repeated texts through `interner` (one per load of many customers).
    static func decode(_ text: String, codec: ValueCodec, interner: inout Interner) throws -> Provenance {
        guard !text.isEmpty else { return [:] }
        // Split on the bytes of the (ASCII) separators inside one buffer: slices of the UTF-8 view made strings
        // through Swift's generic, slow path, which was most of loading a customer.
        let recordByte = UInt8(record.value), unitByte = UInt8(unit.value)
        var text = text
        let decoded: Provenance? = text.withUTF8 { b in
            var p: Provenance = [:]
            var parts: [String] = []
            parts.reserveCapacity(4)
            var previous: SourceLocation?
            var start = 0
            var corrupt = false
            func part(_ end: Int) {
                let bytes = UnsafeBufferPointer(rebasing: b[start..<end])
                if bytes.count == 1, bytes[0] == same, parts.count == 1 || parts.count == 2 {
                    guard let previous else { corrupt = true; parts.append(""); return }
                    parts.append(parts.count == 1 ? previous.file : previous.sheet)
                    return
                }
                // The cell (the fourth part) differs every time and is short: no point looking it up.
                parts.append(parts.count < 3 ? interner.string(bytes) : String(decoding: bytes, as: UTF8.self))
            }
            for i in 0...b.count {
                let atEnd = i == b.count
                let byte = atEnd ? recordByte : b[i]
                guard byte == unitByte || byte == recordByte else { continue }
                part(i)
                start = i + 1
                if byte == recordByte {
                    guard parts.count == 4, !parts[0].isEmpty, !corrupt else { return nil }
                    let loc = SourceLocation(file: parts[1], sheet: parts[2], cell: parts[3])
                    p[parts[0]] = loc
                    previous = loc
                    parts.removeAll(keepingCapacity: true)
                }
            }
            return p
        }
        guard let decoded else { throw codec.corrupt("customer.provenance", text) }
        return decoded
    }
}

extension [UInt8] {
    /// Appends a string's UTF-8 bytes in one copy (`append(contentsOf: s.utf8)` goes byte by byte).
    mutating func appendUTF8(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }
}
