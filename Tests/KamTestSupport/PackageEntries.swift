import KamZip

/// The entries of a zip package, read whole: for tests that look inside files kam wrote.
public struct PackageEntries {
    /// Entry names in archive order.
    public let names: [String]
    private let archive: ZipArchive

    /// Opens the package at `path`.
    /// - Throws: `ZipError`.
    public init(path: String) throws {
        archive = try ZipArchive(path: path)
        names = archive.entries.map(\.name)
    }

    /// The bytes of `name`, or nil when there is no such entry.
    /// - Throws: `ZipError`.
    public func bytes(_ name: String) throws -> [UInt8]? {
        guard let entry = archive.entry(name) else { return nil }
        return try archive.read(entry)
    }

    /// Whether `name` is stored uncompressed.
    public func isStored(_ name: String) -> Bool { archive.entry(name)?.isStored ?? false }
}
