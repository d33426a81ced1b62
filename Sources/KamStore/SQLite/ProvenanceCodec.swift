import Foundation
import KamModel

/// A customer's provenance as the text of `customer.provenance`: one entry per field, entries separated by U+001E
/// (record separator), each `field U+001F file U+001F sheet U+001F cell` (unit separator). Those control characters
/// never occur in field paths, file or sheet names or cell references, so no escaping is needed; entries are
/// written in field order so that the same customer always gives the same text.
enum ProvenanceCodec {
    static let record: Unicode.Scalar = "\u{1E}"
    static let unit: Unicode.Scalar = "\u{1F}"

    /// The text as UTF-8 bytes (bound to the column as they are: no `String` is built per customer).
    static func encode(_ p: Provenance) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(p.count * 48)
        let recordByte = UInt8(record.value), unitByte = UInt8(unit.value)
        // Positions are sorted, not the (key, location) pairs: moving pairs of five strings cost more than the rest.
        let entries = Array(p)
        var order = Array(entries.indices)
        order.sort { utf8Precedes(entries[$0].key, entries[$1].key) }
        for (i, k) in order.enumerated() {
            let field = entries[k].key, loc = entries[k].value
            if i > 0 { out.append(recordByte) }
            out.appendUTF8(field)
            out.append(unitByte)
            out.appendUTF8(loc.file)
            out.append(unitByte)
            out.appendUTF8(loc.sheet)
            out.append(unitByte)
            out.appendUTF8(loc.cell)
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
        guard !text.isEmpty else { return [:] }
        // Split on the UTF-8 bytes of the (ASCII) separators: splitting unicode scalars and rebuilding strings
        // from them was an eighth of loading every customer.
        let recordByte = UInt8(record.value), unitByte = UInt8(unit.value)
        var p: Provenance = [:]
        for entry in text.utf8.split(separator: recordByte) {
            let parts = entry.split(separator: unitByte, omittingEmptySubsequences: false)
            guard parts.count == 4, !parts[0].isEmpty else { throw codec.corrupt("customer.provenance", text) }
            func s(_ i: Int) -> String { String(decoding: parts[i], as: UTF8.self) }
            p[s(0)] = SourceLocation(file: s(1), sheet: s(2), cell: s(3))
        }
        return p
    }
}

extension [UInt8] {
    /// Appends a string's UTF-8 bytes in one copy (`append(contentsOf: s.utf8)` goes byte by byte).
    mutating func appendUTF8(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }
}
