import KamMapping
import KamModel
import KamSheets
import KamValidation

/// What each column of a mapped sheet does for a row, worked out once per sheet: the field path, its setter, its
/// provenance path and its column letters. Per-row work then touches no path strings.
struct SheetPlan {
    struct Column {
        enum Role {
            /// Unused on this sheet (a duplicate header, or a field of another record kind).
            case skip
            /// Kept in the customer's `extra` under the header's text.
            case extra(key: String, provenanceKey: String)
            case field(path: String, ordinal: Int, provenancePath: String, setter: RowValues.Setter)
        }
        var column: Int
        var mapping: ColumnMapping
        var letters: String
        var role: Role
    }

    var kind: RecordKind
    var file: String
    var sheet: String
    /// `SourceRow.record`: `customer`, or the customer's list the rows feed.
    var record: String
    var columns: [Column]
    /// One past the last header column.
    var columnCount: Int
    /// Field path → the user's header for it (the first column of a path), shared by every row of the sheet.
    var headers: [String: String] = [:]
    var hasIDColumn: Bool
    /// Whether a column says which contact is the primary one (else the first is).
    var hasPrimaryColumn: Bool

    init(mapping: SheetMapping, kind: RecordKind, file: String, sheet: String) {
        self.kind = kind
        self.file = file
        self.sheet = sheet
        record = kind == .customer ? "customer" : (kind.collection ?? "customer")
        hasIDColumn = mapping.column(for: "id") != nil
        hasPrimaryColumn = mapping.column(for: "contacts.primary") != nil
        let prefix = kind.collection.map { "\($0)[#]" }
        columns = mapping.columns.map { column in
            let role: Column.Role
            if let field = column.field {
                let path = field.path
                let ordinal = column.ordinal ?? 1
                if mapping.duplicateColumns.contains(column.column)
                    // On child sheets only the link columns of the customer count.
                    || (kind != .customer && field.record == .customer && path != "id" && path != "name")
                    || (kind != .customer && field.record != .customer && field.record != kind) {
                    role = .skip
                } else {
                    role = .field(path: path, ordinal: ordinal,
                                  provenancePath: Self.provenancePath(
                                    field: field, ordinal: ordinal, customerRow: kind == .customer, prefix: prefix),
                                  setter: RowValues.setter(for: path) ?? { _, _, _ in })
                }
            } else {
                role = kind == .customer ? .extra(key: column.header.text, provenanceKey: "extra.\(column.header.text)")
                    : .skip
            }
            return Column(column: column.column, mapping: column, letters: ColumnName.letters(column.column),
                          role: role)
        }
        columnCount = (mapping.columns.map(\.column).max() ?? -1) + 1
        for column in columns {
            if case .field(let path, _, _, _) = column.role, headers[path] == nil {
                headers[path] = column.mapping.header.text
            }
        }
    }

    /// Where a field's cell is recorded in the customer's provenance: `owner`, `contacts[0].phone` on a customer
    /// row, `transactions[#].amount` on a child sheet (`#` becomes the record's index when it is attached).
    static func provenancePath(field: FieldDefinition, ordinal: Int, customerRow: Bool, prefix: String?) -> String {
        switch field.record {
        case .customer: return field.name
        case .contact where customerRow: return "contacts[\(ordinal - 1)].\(field.name)"
        default: return "\(prefix ?? (field.record.collection ?? "")).\(field.name)"
        }
    }

    /// The cell of a column in a row (`rowNumber` is the 1-based row as text).
    func location(_ column: Column, _ rowNumber: String) -> SourceLocation {
        SourceLocation(file: file, sheet: sheet, cell: column.letters + rowNumber)
    }

    /// How many header columns of a row hold something other than blanks or an error value.
    func presentCount(_ slots: [Cell?]) -> Int {
        var n = 0
        for column in columns {
            guard let value = slots[column.column]?.value else { continue }
            switch value {
            case .error: continue
            case .string(let s): if !TextFolding.trim(s).isEmpty { n += 1 }
            default: n += 1
            }
        }
        return n
    }
}
