/// An error the CLI itself raises (bad arguments that parse, a missing workspace, …), rendered by `Messages`.
public struct KamError: Error, Sendable {
    /// A stable kebab-case code.
    public var code: String
    /// The English text.
    public var en: String
    /// The Chinese text.
    public var zh: String

    public init(code: String, zh: String, en: String) {
        self.code = code
        self.zh = zh
        self.en = en
    }
}
