/// Helpers for the hand-written `init(from:)` of the model: the workspace JSON leaves out absent and
/// empty values, so every field but a few keys is optional on the way in.
extension KeyedDecodingContainer {
    /// The value, or nil when the key is absent or null.
    func opt<T: Decodable>(_ key: Key) throws -> T? {
        try decodeIfPresent(T.self, forKey: key)
    }

    /// The list, or empty when the key is absent or null.
    func list<T: Decodable>(_ key: Key) throws -> [T] {
        try decodeIfPresent([T].self, forKey: key) ?? []
    }

    /// The text, or empty when the key is absent or null.
    func text(_ key: Key) throws -> String {
        try decodeIfPresent(String.self, forKey: key) ?? ""
    }

    /// The flag, or false when the key is absent or null.
    func flag(_ key: Key) throws -> Bool {
        try decodeIfPresent(Bool.self, forKey: key) ?? false
    }
}
