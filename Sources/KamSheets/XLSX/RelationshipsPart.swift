import KamXML

/// A `.rels` part (ECMA-376 Part 2 §9.3): the relationships from one part to others.
struct RelationshipsPart {
    /// One relationship, its target already resolved to a part path (external targets kept as written).
    struct Relationship {
        var id: String
        /// The relationship type URI (transitional or strict).
        var type: String
        /// The target part's path in the package, or the external URI.
        var target: String
        var isExternal: Bool

        /// Whether the type's last segment is `name` (matches transitional and strict URIs alike).
        func isType(_ name: String) -> Bool {
            type.hasSuffix("/" + name) || type == name
        }
    }

    var relationships: [Relationship] = []

    init() {}

    /// The `Relationships` element of the rels part of `source`.
    init(_ root: XMLElement, source: String) {
        for e in root.children where e.name == "Relationship" {
            guard let id = e.attribute("Id"), let type = e.attribute("Type"), let target = e.attribute("Target") else {
                continue
            }
            let external = e.attribute("TargetMode")?.lowercased() == "external"
            relationships.append(Relationship(
                id: id, type: type, target: external ? target : PackagePath.resolve(target, from: source),
                isExternal: external))
        }
    }

    /// The relationship with this id.
    func byID(_ id: String) -> Relationship? { relationships.first { $0.id == id } }

    /// The first internal relationship of a type (by its last URI segment).
    func first(_ type: String) -> Relationship? { relationships.first { $0.isType(type) && !$0.isExternal } }
}
