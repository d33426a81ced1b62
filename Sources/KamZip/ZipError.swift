/// An error from reading or writing a zip archive: what went wrong, and in which archive and entry.
public struct ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the archive could not be read or written.
    public enum Reason: Sendable, Equatable {
        /// The file could not be opened (missing, a directory, no permission).
        case cannotOpen(String)
        /// The bytes are not a zip archive, or its structure is inconsistent (libzip's message kept verbatim).
        case corrupt(String)
        /// An entry's data failed to inflate or its checksum did not match.
        case damagedEntry(String)
        /// An entry is encrypted or uses a compression method libzip cannot read.
        case unsupported(String)
        /// A bound of `ZipLimits` was passed: the limit's name, its maximum, and the value seen.
        case limitExceeded(limit: String, maximum: Int, actual: Int)
        /// Writing the archive failed.
        case writeFailed(String)
    }

    /// Why.
    public var reason: Reason
    /// The archive's path.
    public var archive: String
    /// The entry concerned, if any.
    public var entry: String?

    /// Creates an error.
    public init(_ reason: Reason, archive: String, entry: String? = nil) {
        self.reason = reason
        self.archive = archive
        self.entry = entry
    }

    /// A stable kebab-case code for the reason.
    public var code: String {
        switch reason {
        case .cannotOpen: return "cannot-open"
        case .corrupt: return "corrupt-archive"
        case .damagedEntry: return "damaged-entry"
        case .unsupported: return "unsupported-entry"
        case .limitExceeded: return "limit-exceeded"
        case .writeFailed: return "write-failed"
        }
    }

    public var description: String {
        var where_ = archive
        if let entry { where_ += " [\(entry)]" }
        switch reason {
        case .cannotOpen(let m): return "\(where_): cannot open: \(m)"
        case .corrupt(let m): return "\(where_): not a valid zip archive: \(m)"
        case .damagedEntry(let m): return "\(where_): damaged entry: \(m)"
        case .unsupported(let m): return "\(where_): unsupported entry: \(m)"
        case .limitExceeded(let l, let max, let actual):
            return "\(where_): limit exceeded: \(l) (maximum \(max), found \(actual))"
        case .writeFailed(let m): return "\(where_): cannot write: \(m)"
        }
    }
}
