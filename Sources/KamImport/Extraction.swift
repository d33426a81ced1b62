import KamMapping
import KamModel
import KamValidation

/// What a set of workbooks holds, read into the model: merged customer drafts with provenance, the rows
/// validation looks at, and the findings reading gave (value problems, column problems).
public struct Extraction: Sendable {
    /// Customers with a name, in the order first met; every field's cell in `provenance`.
    public var customers: [Customer] = []
    /// Child records whose customer is not in the workbooks (keyed by the id or name they gave; `name` may be
    /// empty): an import attaches them to the store's customers.
    public var orphans: [Customer] = []
    /// Every data row read.
    public var rows: [SourceRow] = []
    /// Findings of extraction: invalid/ambiguous/out-of-range/unknown values, unmapped/duplicate/missing columns.
    public var findings: [Finding] = []
    /// Each sheet read, with its mapping.
    public var sheets: [SheetReport] = []
    /// Whether some customer ids were generated from names (a customer sheet had no id column).
    public var idsGenerated = false
    /// Counts for the import log.
    public var stats = Stats()

    public init() {}

    /// One sheet's mapping and what was read from it.
    public struct SheetReport: Sendable {
        public var file: String
        public var mapping: SheetMapping
        public var rowsRead: Int
        public var totalsRowsSkipped: Int
    }

    public struct Stats: Sendable, Hashable {
        public var files = 0
        public var sheets = 0
        public var rowsRead = 0
        public var duplicateRowsMerged = 0
        public var valuesNormalised = 0
        public var valuesRejected = 0
    }
}
