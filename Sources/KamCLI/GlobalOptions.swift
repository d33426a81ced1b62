import ArgumentParser

/// Options every command accepts.
public struct GlobalOptions: ParsableArguments {
    /// The language of messages: zh or en (default: the system locale, else zh).
    @Option(name: .long, help: "Language of messages: zh or en.")
    public var lang: Language?

    /// The workspace folder (or its kam.yaml); default: the nearest folder upward holding kam.yaml.
    @Option(name: .long, help: "Workspace folder (default: the nearest folder upward with kam.yaml).")
    public var workspace: String?

    public init() {}

    /// The language to use.
    public var language: Language { lang ?? Language.fromEnvironment() }
}
