import KamXML

/// A small element tree read with `XMLScanner`: the style, settings and named-range parts of an ODS package.
///
/// Attributes are keyed by local name (first one wins), as every ODS reader matches them: the prefixes are
/// conventional, not guaranteed.
struct ODSNode: Sendable {
    /// The local name (`style` of `style:style`).
    var name: String
    var attributes: [String: String]
    var children: [ODSNode]
    /// The element's own text (not its children's), concatenated.
    var text: String

    /// The value of the attribute with this local name.
    subscript(_ attribute: String) -> String? { attributes[attribute] }

    /// The first child with this local name.
    func child(_ name: String) -> ODSNode? { children.first { $0.name == name } }

    /// Builds the tree of the element the scanner stands on (a start element), leaving the scanner on its end.
    /// - Throws: `XMLError`, or `.limitExceeded` past `maxNodes` elements.
    static func read(_ scanner: XMLScanner, maxNodes: Int = 2_000_000) throws(XMLError) -> ODSNode {
        var budget = maxNodes
        return try readElement(scanner, budget: &budget)
    }

    private static func readElement(_ scanner: XMLScanner, budget: inout Int) throws(XMLError) -> ODSNode {
        budget -= 1
        guard budget >= 0 else { throw XMLError(.limitExceeded(limit: "xml-elements", maximum: 2_000_000)) }
        var node = ODSNode(name: scanner.name, attributes: [:], children: [], text: "")
        for i in 0..<scanner.attributeCount {
            let key = scanner.attributeLocalName(i)
            if node.attributes[key] == nil { node.attributes[key] = try scanner.attributeValue(i) }
        }
        let depth = scanner.depth
        while true {
            try scanner.next()
            switch scanner.kind {
            case .startElement:
                node.children.append(try readElement(scanner, budget: &budget))
            case .endElement where scanner.depth == depth - 1:
                return node
            case .text, .cdata:
                node.text += try scanner.text()
            case .end:
                return node
            default:
                continue
            }
        }
    }

    /// The tree of a whole small part's root element.
    /// - Throws: `XMLError`.
    static func parse(_ bytes: [UInt8], maxDepth: Int) throws(XMLError) -> ODSNode? {
        let scanner = XMLScanner(bytes: bytes, maxDepth: maxDepth)
        while true {
            try scanner.next()
            switch scanner.kind {
            case .startElement: return try read(scanner)
            case .end: return nil
            default: continue
            }
        }
    }
}
