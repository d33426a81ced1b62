/// The lookup from normalised header keys to fields, built from `FieldCatalog`'s labels and synonyms (each run
/// through `HeaderNormalizer`, so a label written in Traditional, full-width or mixed case is found the same way).
public struct HeaderSynonyms: Sendable {
    /// A field a key names, and whether the key is one of its canonical labels.
    public struct Entry: Sendable, Hashable {
        public var field: FieldDefinition
        public var isCanonical: Bool
    }

    /// Key → fields in catalog order.
    public private(set) var index: [String: [Entry]] = [:]

    /// The standard lookup over `FieldCatalog.all`.
    public static let standard = HeaderSynonyms(fields: FieldCatalog.all)

    /// Builds the lookup over some fields, with extra synonyms (`header text → field path`) added after them.
    public init(fields: [FieldDefinition], extra: [String: String] = [:]) {
        for f in fields {
            for (i, label) in f.allLabels.enumerated() {
                add(HeaderNormalizer.key(label), Entry(field: f, isCanonical: i < 3))
            }
        }
        for (text, path) in extra.sorted(by: { $0.key < $1.key }) {
            if let f = fields.first(where: { $0.path == path }) {
                add(HeaderNormalizer.key(text), Entry(field: f, isCanonical: false))
            }
        }
    }

    private mutating func add(_ key: String, _ entry: Entry) {
        guard !key.isEmpty else { return }
        var list = index[key] ?? []
        if let i = list.firstIndex(where: { $0.field == entry.field }) {
            list[i].isCanonical = list[i].isCanonical || entry.isCanonical
        } else {
            list.append(entry)
        }
        index[key] = list
    }

    /// The fields a normalised key names, in catalog order.
    public func fields(forKey key: String) -> [Entry] { index[key] ?? [] }
}
