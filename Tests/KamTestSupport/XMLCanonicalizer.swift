import Foundation
import KamXML

/// Turns an XML part into a canonical text for comparison (rust_xlsxwriter's test idea): one element per
/// line, indented, attributes sorted by qualified name, namespace declarations and insignificant white space
/// dropped, and any attribute named in `ignoring` left out.
public enum XMLCanonicalizer {
    /// The canonical text of `bytes`.
    /// - Parameters:
    ///   - ignoring: qualified attribute names (`office:version`) or element names (`dcterms:created`) to leave
    ///     out; every caller names each tolerated difference.
    /// - Throws: `XMLError` when the bytes are not well-formed.
    public static func canonical(_ bytes: [UInt8], ignoring: Set<String> = []) throws -> String {
        let root = try XMLDocumentParser.parse(bytes)
        var out = ""
        write(root, depth: 0, ignoring: ignoring, into: &out)
        return out
    }

    private static func qualified(_ prefix: String?, _ name: String) -> String {
        prefix.map { "\($0):\(name)" } ?? name
    }

    private static func write(_ e: XMLElement, depth: Int, ignoring: Set<String>, into out: inout String) {
        let name = qualified(e.prefix, e.name)
        if ignoring.contains(name) { return }
        out += String(repeating: "  ", count: depth) + "<" + name
        let attributes = e.attributes.map { (qualified($0.prefix, $0.name), $0.value) }
            .filter { !ignoring.contains($0.0) }
            .sorted { $0.0 < $1.0 }
        for (n, v) in attributes { out += " \(n)=\"\(v)\"" }
        out += ">"
        let text = e.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { out += text }
        out += "\n"
        for child in e.children { write(child, depth: depth + 1, ignoring: ignoring, into: &out) }
    }
}

