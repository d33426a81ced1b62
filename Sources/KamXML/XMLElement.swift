/// An element of a small XML part, read whole: name, attributes, child elements and its own text.
public struct XMLElement: Sendable, Hashable {
    /// One attribute.
    public struct Attribute: Sendable, Hashable {
        /// The local name (`id` of `r:id`).
        public var name: String
        /// The prefix, if any.
        public var prefix: String?
        /// The namespace URI, if any.
        public var namespace: String?
        public var value: String

        public init(name: String, prefix: String? = nil, namespace: String? = nil, value: String) {
            self.name = name
            self.prefix = prefix
            self.namespace = namespace
            self.value = value
        }
    }

    /// The local name.
    public var name: String
    public var prefix: String?
    /// The namespace URI.
    public var namespace: String?
    public var attributes: [Attribute]
    public var children: [XMLElement]
    /// The element's direct text content, concatenated (CDATA included).
    public var text: String

    /// The value of the first attribute with this local name (any namespace).
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The value of the attribute with this local name and namespace URI.
    public func attribute(_ name: String, namespace: String) -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    /// The first child element with this local name.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// The child elements with this local name.
    public func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// All text below this element, in document order.
    public var deepText: String { text + children.map(\.deepText).joined() }
}
