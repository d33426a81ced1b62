/// Namespace prefixes for markup kam adds to parts whose producer used a prefix (`<x:sst>`, `<x:styleSheet>`).
enum XMLPrefix {
    /// Markup kam generated (no prefixes, no raw `<` in text) with every element name given `prefix`.
    static func apply(_ bytes: [UInt8], _ prefix: String) -> [UInt8] {
        guard !prefix.isEmpty else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var i = 0
        while i < bytes.count {
            out.append(bytes[i])
            if bytes[i] == UInt8(ascii: "<") {
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") { out.append(bytes[i + 1]); i += 1 }
                if i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "?"), bytes[i + 1] != UInt8(ascii: "!") {
                    out.append(contentsOf: prefix.utf8)
                }
            }
            i += 1
        }
        return out
    }
}
