import KamModel

/// A customer's provenance as the text of `customer.provenance`: one entry per field, entries separated by U+001E
/// (record separator), each `field U+001F file U+001F sheet U+001F cell` (unit separator). Those control characters
/// never occur in field paths, file or sheet names or cell references, so no escaping is needed; entries are
/// written in field order so that the same customer always gives the same text.
enum ProvenanceCodec {
    static let record: Unicode.Scalar = "\u{1E}"
    static let unit: Unicode.Scalar = "\u{1F}"

    static func encode(_ p: Provenance) -> String {
        var out = ""
        out.reserveCapacity(p.count * 48)
        for (i, (field, loc)) in p.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out.unicodeScalars.append(record) }
            out += field
            out.unicodeScalars.append(unit)
            out += loc.file
            out.unicodeScalars.append(unit)
            out += loc.sheet
            out.unicodeScalars.append(unit)
            out += loc.cell
        }
        return out
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
