import Foundation

/// The workspace as one JSON document, `{"format":"kam.workspace/1","customers":[…],"plans":[…]}`
/// (MODEL.md § Document, CONTRACTS.md § export/import).
///
/// Writing is hand-made (`canonicalJSON`) so that bytes are stable: keys in MODEL.md's table order,
/// customers and plans ordered by id, absent and empty values left out, numbers exact and without `.0`,
/// `extra` keys sorted. Reading goes through `JSONDecoder` (which reads `Decimal` from the number text,
/// exactly) and ignores keys it does not know, such as the `file`/`idsGenerated` metadata of test truths.
public struct WorkspaceDocument: Sendable, Hashable {
    /// The format tag this version writes and reads.
    public static let format = "kam.workspace/1"

    public var customers: [Customer]
    public var plans: [Plan]

    public init(customers: [Customer] = [], plans: [Plan] = []) {
        self.customers = customers
        self.plans = plans
    }

    /// Customers sorted by id (stable for equal ids), as the document lists them.
    public var sortedCustomers: [Customer] { customers.enumerated().sorted { a, b in
        a.element.id == b.element.id ? a.offset < b.offset : a.element.id < b.element.id
    }.map(\.element) }

    /// Plans sorted by id (stable for equal ids).
    public var sortedPlans: [Plan] { plans.enumerated().sorted { a, b in
        a.element.id == b.element.id ? a.offset < b.offset
            : a.element.id.utf8.lexicographicallyPrecedes(b.element.id.utf8)
    }.map(\.element) }

    /// The document as canonical JSON.
    public var canonicalJSON: CanonicalJSON {
        var b = JSONObjectBuilder()
        b.add("format", Self.format)
        b.add("customers", sortedCustomers.map(\.canonicalJSON))
        b.add("plans", sortedPlans.map(\.canonicalJSON))
        return b.node
    }

    /// The document's bytes: what `kam export --json` prints.
    public func encoded() -> Data { canonicalJSON.serializedData() }

    /// Reads a document.
    ///
    /// - Throws: `WorkspaceDocumentError` — `.notJSON` for text that is not JSON, `.wrongFormat` when
    ///   `format` is missing or another version, `.invalidValue` naming the JSON path of a bad value.
    public static func decode(_ data: Data) throws -> WorkspaceDocument {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch let e as DecodingError {
            if case .dataCorrupted(let ctx) = e, ctx.codingPath.isEmpty {
                throw WorkspaceDocumentError(reason: .notJSON, path: "", detail: Self.describe(e))
            }
            throw WorkspaceDocumentError(reason: .wrongFormat, path: "format", detail: Self.describe(e))
        }
        guard header.format == format else {
            throw WorkspaceDocumentError(reason: .wrongFormat, path: "format", detail: header.format ?? "")
        }
        do {
            let body = try JSONDecoder().decode(Body.self, from: data)
            return WorkspaceDocument(customers: body.customers ?? [], plans: body.plans ?? [])
        } catch let e as DecodingError {
            throw WorkspaceDocumentError(reason: .invalidValue, path: Self.path(of: e), detail: Self.describe(e))
        }
    }

    private struct Header: Decodable {
        var format: String?
    }

    private struct Body: Decodable {
        var customers: [Customer]?
        var plans: [Plan]?
    }

    private static func context(_ e: DecodingError) -> DecodingError.Context? {
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): c
        @unknown default: nil
        }
    }

    /// `customers[3].transactions[0].amount`.
    static func path(of e: DecodingError) -> String {
        var keys = context(e)?.codingPath ?? []
        if case .keyNotFound(let k, _) = e { keys.append(k) }
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }

    static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let k, _): "missing key \(k.stringValue)"
        case .typeMismatch(let t, let c): "expected \(t): \(c.debugDescription)"
        case .valueNotFound(let t, _): "missing \(t)"
        case .dataCorrupted(let c): c.debugDescription + (c.underlyingError.map { " (\($0.localizedDescription))" } ?? "")
        @unknown default: "\(e)"
        }
    }
}

/// Why a workspace document could not be read, and where in it.
public struct WorkspaceDocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable {
        /// The bytes are not JSON.
        case notJSON = "not-json"
        /// `format` is missing or not `kam.workspace/1`.
        case wrongFormat = "wrong-format"
        /// A value has the wrong type or lies outside its vocabulary.
        case invalidValue = "invalid-value"
    }

    public var reason: Reason
    /// The JSON path of the bad value, e.g. `customers[3].segment`; empty for the whole document.
    public var path: String
    /// The decoder's explanation (English, technical).
    public var detail: String

    public init(reason: Reason, path: String, detail: String) {
        self.reason = reason
        self.path = path
        self.detail = detail
    }

    public var description: String { "\(reason.rawValue) at \(path.isEmpty ? "document" : path): \(detail)" }
}
