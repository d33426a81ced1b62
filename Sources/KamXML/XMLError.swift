/// An XML part that kam refuses to read: malformed, hostile, or past a limit. Says where.
public struct XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// Not well-formed (unclosed tag, bad attribute, mismatched end tag, …).
        case malformed(String)
        /// A DOCTYPE, entity declaration or non-predefined entity reference: refused, never expanded.
        case forbidden(String)
        /// A token longer than allowed, or elements nested too deep.
        case limitExceeded(limit: String, maximum: Int)
        /// Bytes that are not UTF-8 (UTF-16 parts are refused too).
        case encoding(String)
        /// The byte source failed (the underlying error's description).
        case source(String)
    }
    public var reason: Reason
    /// 1-based line and column of the problem, when known (0 otherwise).
    public var line: Int
    public var column: Int

    public init(_ reason: Reason, line: Int = 0, column: Int = 0) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String {
        let at = line > 0 ? " at line \(line), column \(column)" : ""
        switch reason {
        case .malformed(let m): return "malformed XML\(at): \(m)"
        case .forbidden(let m): return "forbidden XML\(at): \(m)"
        case .limitExceeded(let l, let m): return "XML limit exceeded\(at): \(l) (maximum \(m))"
        case .encoding(let m): return "bad encoding\(at): \(m)"
        case .source(let m): return "cannot read\(at): \(m)"
        }
    }
}
