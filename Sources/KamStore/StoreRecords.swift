import Foundation
import KamModel

/// One import of a file into the store (kam import, kam sync), with its outcome.
public struct ImportRun: Sendable, Hashable, Codable, Identifiable {
    /// How a run ended.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case running, succeeded, failed
    }

    /// The store's id for the run.
    public var id: Int64
    /// The file imported, as the user named it.
    public var source: String
    /// What kind of import: `json`, `xlsx`, `ods`, `sync`, ….
    public var kind: String
    public var startedAt: LocalDateTime
    public var finishedAt: LocalDateTime?
    public var status: Status
    public var customersAdded: Int
    public var customersUpdated: Int
    public var plansWritten: Int

    public init(id: Int64, source: String, kind: String, startedAt: LocalDateTime, finishedAt: LocalDateTime? = nil,
                status: Status = .running, customersAdded: Int = 0, customersUpdated: Int = 0, plansWritten: Int = 0) {
        self.id = id
        self.source = source
        self.kind = kind
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.customersAdded = customersAdded
        self.customersUpdated = customersUpdated
        self.plansWritten = plansWritten
    }
}

/// One line of an import run's log: a finding or a note, with where it points.
public struct ImportLogEntry: Sendable, Hashable, Codable {
    /// How serious the entry is.
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        case info, warning, error
    }

    public var runID: Int64
    public var level: Level
    /// A stable kebab-case code (the report codes of CONTRACTS.md, or an import's own).
    public var code: String
    /// Technical detail; words for people are rendered from `code` at the edge.
    public var message: String
    public var location: SourceLocation?
    public var recordID: CustomerID?
    public var field: String?

    public init(runID: Int64, level: Level, code: String, message: String = "", location: SourceLocation? = nil,
                recordID: CustomerID? = nil, field: String? = nil) {
        self.runID = runID
        self.level = level
        self.code = code
        self.message = message
        self.location = location
        self.recordID = recordID
        self.field = field
    }
}

/// A file kam keeps in step with the store, and how it reads it.
public struct FileBinding: Sendable, Hashable, Codable {
    /// The file's path as stored (the sync engine decides absolute or workspace-relative).
    public var path: String
    /// What the file is: `customers`, `template:annual`, ….
    public var kind: String
    /// The mapping profile used, if one was pinned.
    public var profile: String?
    /// A fingerprint of the file at the last sync (e.g. a hash), to notice outside changes.
    public var fingerprint: String?
    public var syncedAt: LocalDateTime?

    public init(path: String, kind: String, profile: String? = nil, fingerprint: String? = nil,
                syncedAt: LocalDateTime? = nil) {
        self.path = path
        self.kind = kind
        self.profile = profile
        self.fingerprint = fingerprint
        self.syncedAt = syncedAt
    }
}

/// The bases of one record of a bound sheet (a row followed by its key): each field's last-synced value.
///
/// The same bases as the `SyncBase`s keyed by this record and each field, kept together: a sync reads and writes
/// whole rows, and a base per field (a dozen per row) made a large workbook's bases most of a sync's work.
public struct RecordBase: Sendable, Hashable {
    public var file: String
    public var sheet: String
    public var record: CustomerID
    /// Field path → value in its canonical text form (nil for an empty cell or a marker such as `#row`).
    public var fields: [String: String?]
    public var syncedAt: LocalDateTime?

    public init(file: String, sheet: String, record: CustomerID, fields: [String: String?],
                syncedAt: LocalDateTime? = nil) {
        self.file = file
        self.sheet = sheet
        self.record = record
        self.fields = fields
        self.syncedAt = syncedAt
    }
}

/// The key of a sync base: a file's sheet plus either a cell, or a record and field (or both).
public struct SyncBaseKey: Sendable, Hashable, Codable {
    public var file: String
    public var sheet: String
    /// A1 text of the bound cell.
    public var cell: String?
    public var recordID: CustomerID?
    /// The field path, as in `Provenance` (`owner`, `contacts[0].phone`).
    public var field: String?

    /// A key by cell.
    public init(file: String, sheet: String, cell: String) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
    }

    /// A key by record and field (for bindings that follow a row, not a cell).
    public init(file: String, sheet: String, record: CustomerID, field: String) {
        self.file = file
        self.sheet = sheet
        self.recordID = record
        self.field = field
    }

    /// A key with every part given.
    public init(file: String, sheet: String, cell: String?, recordID: CustomerID?, field: String?) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.recordID = recordID
        self.field = field
    }
}

/// The value of one bound cell at the last sync (CONTRACTS.md § sync: the base).
public struct SyncBase: Sendable, Hashable, Codable {
    public var key: SyncBaseKey
    /// The value in its canonical text form; nil for an empty cell.
    public var value: String?
    public var syncedAt: LocalDateTime?

    public init(key: SyncBaseKey, value: String?, syncedAt: LocalDateTime? = nil) {
        self.key = key
        self.value = value
        self.syncedAt = syncedAt
    }
}
