internal import CLibXML2

/// Parses small XML parts (workbook, relationships, content types, styles, manifest) with libxml2 into
/// `XMLElement` trees.
///
/// Options are fixed: `XML_PARSE_NONET`, no entity substitution, no DTD loading, never `RECOVER`. A document
/// with a DOCTYPE or any entity reference is refused.
public enum XMLDocumentParser {
    private static let initialized: Bool = {
        // xmlInitParser: "Initialization function for the XML parser. This is not reentrant. Call once before
        // processing in case of use in multithreaded programs."
        xmlInitParser()
        kam_xml_install_silent_handler()
        return true
    }()

    /// The root element of `bytes`.
    /// - Throws: `XMLError` (`.malformed` with line and column, `.forbidden` for a DTD or entity).
    public static func parse(_ bytes: [UInt8]) throws(XMLError) -> XMLElement {
        _ = initialized
        if bytes.count >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)) {
            throw XMLError(.encoding("UTF-16 parts are not accepted"), line: 1, column: 1)
        }
        guard bytes.count < Int(Int32.max) else { throw XMLError(.limitExceeded(limit: "part-bytes", maximum: Int(Int32.max))) }
        // Cheap refusal of DTDs before libxml2 sees them (it would parse an internal subset).
        if containsDoctype(bytes) { throw XMLError(.forbidden("document type declaration")) }
        xmlResetLastError()
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                xmlReadMemory(p, Int32(buf.count), "part.xml", "UTF-8", kam_xml_safe_options)
            }
        }
        guard let doc else {
            if let e = xmlGetLastError() {
                let msg = e.pointee.message.map { String(cString: $0) }?.trimmingSpaces ?? "parse error"
                throw XMLError(.malformed(msg), line: Int(e.pointee.line), column: Int(e.pointee.int2))
            }
            throw XMLError(.malformed("parse error"))
        }
        // xmlFreeDoc: "Free up all the structures used by a document, tree included."
        defer { xmlFreeDoc(doc) }
        if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            throw XMLError(.forbidden("document type declaration"))
        }
        guard let root = xmlDocGetRootElement(doc) else { throw XMLError(.malformed("no root element")) }
        return try convert(root, depth: 0)
    }

    private static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        let needle = Array("<!DOCTYPE".utf8)
        let limit = min(bytes.count, 4096)
        guard limit >= needle.count else { return false }
        for i in 0...(limit - needle.count) where bytes[i] == UInt8(ascii: "<") {
            if Array(bytes[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    private static func convert(_ node: xmlNodePtr, depth: Int) throws(XMLError) -> XMLElement {
        guard depth < 256 else { throw XMLError(.limitExceeded(limit: "xml-depth", maximum: 256)) }
        let n = node.pointee
        var attrs: [XMLElement.Attribute] = []
        var a = n.properties
        while let attr = a {
            var value = ""
            var c = attr.pointee.children
            while let t = c {
                if t.pointee.type == XML_ENTITY_REF_NODE { throw XMLError(.forbidden("entity reference")) }
                value += string(t.pointee.content) ?? ""
                c = t.pointee.next
            }
            attrs.append(.init(name: string(attr.pointee.name) ?? "",
                               prefix: attr.pointee.ns.flatMap { string($0.pointee.prefix) },
                               namespace: attr.pointee.ns.flatMap { string($0.pointee.href) },
                               value: value))
            a = attr.pointee.next
        }
        var children: [XMLElement] = []
        var text = ""
        var c = n.children
        while let child = c {
            switch child.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(try convert(child, depth: depth + 1))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text += string(child.pointee.content) ?? ""
            case XML_ENTITY_REF_NODE, XML_ENTITY_NODE, XML_ENTITY_DECL:
                throw XMLError(.forbidden("entity reference"), line: Int(child.pointee.line))
            default:
                break
            }
            c = child.pointee.next
        }
        return XMLElement(name: string(n.name) ?? "", prefix: n.ns.flatMap { string($0.pointee.prefix) },
                          namespace: n.ns.flatMap { string($0.pointee.href) }, attributes: attrs,
                          children: children, text: text)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
